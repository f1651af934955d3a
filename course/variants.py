"""Typical wrong and shortcut solutions, to test the autograder: `course/submissions.py` writes each one into a copy of
the solution notebook (replacing the cell that defines the same names) and `course/grade.py` must give it fewer points.

VARIANTS[assignment][variant] = {name defined in a solution cell: the code that replaces that cell}.
"""

VARIANTS = {
'01_features': {
    'wrong-mean-pool': {'my_mfcc_image': '''
def my_mfcc_image(y, sr):
    "Mean-pooling instead of max-pooling (a typical mistake)."
    y = np.asarray(y, dtype=np.float32)
    if sr != 32750: y = librosa.resample(y, orig_sr=sr, target_sr=32750)
    y = librosa.util.fix_length(y, size=8 * 32750)
    m = librosa.feature.mfcc(y=y, sr=32750, n_mfcc=128, n_fft=2048, hop_length=512, n_mels=128)
    return m.reshape(128, 128, 4).mean(axis=-1).astype(np.float32)
''', 'padding_columns': '''
def padding_columns(n_samples):
    "The padded share of the time (ignores that a centred frame sees 1,024 samples on each side)."
    return 128 * max(8 * 32750 - n_samples, 0) // (8 * 32750)
'''},
    'wrong-no-resampling': {'my_mfcc_image': '''
def my_mfcc_image(y, sr):
    "Pads to 8 s at the input rate and never resamples (a typical mistake)."
    y = librosa.util.fix_length(np.asarray(y, dtype=np.float32), size=8 * sr)
    m = librosa.feature.mfcc(y=y, sr=sr, n_mfcc=128, n_fft=2048, hop_length=512, n_mels=128)
    return m[:, :m.shape[1] // 4 * 4].reshape(128, -1, 4).max(axis=-1).astype(np.float32)
''', 'padding_columns': '''
def padding_columns(n_samples):
    "Counts frames whose centre is past the signal (forgets the half window)."
    if n_samples >= 8 * 32750: return 0
    return max(0, 128 - -(-(-(-n_samples // 512)) // 4))
'''},
    'shortcut-library': {'my_mfcc_image': '''
my_mfcc_image = mfcc_image   # the library's function under another name
'''},
},
'02_mixed_operations': {
    'wrong-axis-renormalised': {'edge_weights': '''
def edge_weights(alpha):
    "Softmax over the edges instead of the operations."
    return torch.softmax(alpha, dim=0)
''', 'mixed_forward': '''
def mixed_forward(ops, x, weights):
    "Renormalises the weights over the non-none operations."
    keep = [i for i, op in enumerate(ops) if not isinstance(op, Zero)]
    return sum(weights[i] * ops[i](x) for i in keep) / weights[keep].sum()
'''},
    'wrong-argmax-copied-op': {'mixed_forward': '''
def mixed_forward(ops, x, weights):
    "Only the strongest operation (the discretisation, not the mixture)."
    return ops[int(weights.argmax())](x)
''', 'make_my_op': '''
MY_OP = 'sep_conv_3x3_again'
def make_my_op(C, stride, affine):
    "A copy of sep_conv_3x3 under a new name."
    return SepConv(C, C, 3, stride, 1, affine)
my_primitives = PRIMITIVES + (MY_OP,)
OPS[MY_OP] = make_my_op
'''},
    'shortcut-library': {'mixed_forward': '''
def mixed_forward(ops, x, weights):
    "The library's MixedOp.forward on the same candidates."
    edge = MixedOp(x.shape[1], 1).to(x.dtype)
    edge.ops = ops
    return edge(x, weights)
''', 'edge_weights': '''
def edge_weights(alpha):
    "The library's softmaxed_alphas."
    holder = type('Holder', (), {'alphas': lambda self: [alpha]})()
    return SearchNetwork.softmaxed_alphas(holder)[0]
'''},
},
'03_bilevel': {
    'wrong-no-zero-grad': {'first_order_step': '''
def first_order_step(model, alpha_optimizer, x_train, y_train, x_val, y_val):
    "backward() on top of the gradients the weight step left in alpha.grad."
    F.cross_entropy(model(x_val), y_val).backward()
    alpha_optimizer.step()
    return [a.grad for a in model.alphas()]
'''},
    'wrong-train-batch': {'first_order_step': '''
def first_order_step(model, alpha_optimizer, x_train, y_train, x_val, y_val):
    "The alpha gradient on the training batch."
    alpha_optimizer.zero_grad()
    F.cross_entropy(model(x_train), y_train).backward()
    alpha_optimizer.step()
    return [a.grad for a in model.alphas()]
'''},
    'shortcut-library': {'first_order_step': '''
def first_order_step(model, alpha_optimizer, x_train, y_train, x_val, y_val):
    "The library's Architect computes the gradient."
    grads = Architect(model, order='first').first_order_grads(x_val, y_val)[0]
    for a, g in zip(model.alphas(), grads): a.grad = g
    alpha_optimizer.step()
    return list(grads)
'''},
},
'04_experiment': {
    'wrong-precision-pooled': {'ua_wa': '''
def ua_wa(confusion):
    "UA as the mean per-class precision (columns)."
    cm = np.asarray(confusion, dtype=np.float64)
    with np.errstate(invalid='ignore', divide='ignore'): precision = np.diag(cm) / cm.sum(0)
    return float(np.nanmean(precision)), float(np.trace(cm) / cm.sum())
''', 'results_table': '''
def results_table(run_dir):
    "UA and WA of the confusion matrices pooled over the folds."
    rows = [json.loads(f.read_text()) for f in sorted(Path(run_dir).glob('fold-*/*/metrics.json'))]
    out = {}
    for m in sorted({r['model'] for r in rows}):
        cm = np.sum([np.array(r['confusion']) for r in rows if r['model'] == m], axis=0)
        support = cm.sum(1)
        out[m] = (np.mean(np.diag(cm)[support > 0] / support[support > 0]), np.trace(cm) / cm.sum())
    return pd.DataFrame.from_dict(out, orient='index', columns=['ua', 'wa'])
'''},
    'wrong-unpaired-one-fold': {'paired_differences': '''
def paired_differences(per_fold, a, b):
    "Subtracts in row order, without matching the folds."
    return per_fold[per_fold.model == a].ua.to_numpy() - per_fold[per_fold.model == b].ua.to_numpy()
''', 'results_table': '''
def results_table(run_dir):
    "Only fold 0."
    rows = [json.loads(f.read_text()) for f in sorted(Path(run_dir).glob('fold-0/*/metrics.json'))]
    return pd.DataFrame(rows).set_index('model')[['ua', 'wa']]
'''},
    'shortcut-results-csv': {'results_table': '''
def results_table(run_dir):
    "Reads the library's results.csv."
    return pd.read_csv(Path(run_dir)/'results.csv', index_col='model')[['ua', 'wa']]
''', 'ua_wa': '''
def ua_wa(confusion):
    "ser_darts.metrics on the labels the matrix counts."
    from ser_darts.metrics import unweighted_accuracy, weighted_accuracy
    cm = np.asarray(confusion).astype(int)
    y_true = np.repeat(np.arange(cm.shape[0]), cm.sum(1))
    y_pred = np.concatenate([np.repeat(np.arange(cm.shape[1]), row) for row in cm])
    return unweighted_accuracy(y_true, y_pred), weighted_accuracy(y_true, y_pred)
'''},
},
}
