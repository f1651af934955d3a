"""The recipe probe behind the `real` preset's `ensemble` and `train_epochs`: validation speakers only.

For each fold, each network and each epoch budget, trains `--members` networks from the seeds an experiment would use
(`experiments.member_seed`) on the fold's search + train rows, keeps the last epoch, and scores on the fold's
validation speakers (never the test speakers) each network alone and the ensembles of its first M members
(probabilities averaged, as `training.Ensemble`). Prints the validation UA averaged over the folds.

    python benchmarks/ensemble_probe.py --data PATH/TO/RAVDESS
    python benchmarks/ensemble_probe.py --data PATH/TO/RAVDESS --crop 128 --epochs 30
    python benchmarks/ensemble_probe.py --data PATH/TO/RAVDESS --models svm,cnn_he --set speaker_norm=true

The hand-engineered baselines are the default probe: a DARTS network costs about 30 times more to train, and a change
of recipe that helps a network of fixed architecture helps by its recipe, not by its search.
"""
import argparse
import json
from dataclasses import replace
from pathlib import Path
import tempfile

import numpy as np
import pandas as pd
import torch
from tqdm.auto import tqdm

from ser_darts.baselines import fit_svm
from ser_darts.cli import UsageError, config_overrides
from ser_darts.experiments import (MODELS, ExperimentConfig, build_model, fit_config, fold_features, load_data,
                                   make_folds, member_seed, model_input_shape, svm_statistics)
from ser_darts.genotypes import genotype_from_str
from ser_darts.metrics import unweighted_accuracy
from ser_darts.splits import label_codes, make_loaders
from ser_darts.training import fit, predict


def run_genotype(run_dir, k, key):
    "The genotype a finished run found for DARTS model `key` in fold k (None for the other models)."
    if run_dir is None or MODELS[key].family != 'DARTS':
        return None
    f = Path(run_dir)/f'fold-{k}'/key/'metrics.json'
    if not f.exists():
        raise FileNotFoundError(f"{f}: no finished {key} in fold {k} of that run to take the genotype from")
    return genotype_from_str(json.loads(f.read_text())['genotype'])


def probe_svm(fold, features, config):
    "Validation UA of the SVM row's pipeline (C and gamma at their best on the validation speakers, as run_svm)."
    stats, y = svm_statistics(features, config), label_codes(features.manifest['label'], config.classes)
    train, valid = [fold.parts[p] for p in ('search', 'train')], fold.parts['valid']
    ua = fit_svm(stats[np.concatenate(train)], y[np.concatenate(train)], stats[valid], y[valid])[2]
    return [dict(fold=fold.k, model='svm', epochs=config.train_epochs, M=1, member_ua=ua, ensemble_ua=ua)]


def probe_fold(fold, features, config, key, members, genotype=None):
    "Validation UA of each member alone and of the ensembles of its first M members, M = 1..members."
    if key == 'svm':
        return probe_svm(fold, features, config)
    ff = fold_features(features, fold, config)
    probs, rows = [], []
    for m in range(members):
        seed = member_seed(config, fold.k, key, m)
        torch.manual_seed(seed)
        net = build_model(key, config, model_input_shape(ff, config), genotype)
        loaders = make_loaders(ff, fold, config.batch_size, config.classes, seed, final_train='search+train',
                               crop=config.crop, n_windows=config.n_windows)
        res = fit(net, loaders, replace(fit_config(key, config, seed), select='last'), device='cpu',
                  progress=False)
        y, pred, p = predict(res.model, loaders['valid'], probs=True)
        probs.append(p)
        ensemble = (sum(probs) / len(probs)).argmax(1)
        rows.append(dict(fold=fold.k, model=key, epochs=config.train_epochs, M=m + 1,
                         member_ua=unweighted_accuracy(y, pred, config.classes),
                         ensemble_ua=unweighted_accuracy(y, ensemble, config.classes)))
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--data', required=True, help='corpus folder')
    ap.add_argument('--corpus', default='ravdess')
    ap.add_argument('--cache', default='data/cache', help='feature cache folder')
    ap.add_argument('--preset', default='real')
    ap.add_argument('--models', default='cnn_he,cnn_lstm_he,cnn_lstm_att_he',
                    help='model keys (DARTS ones need --genotypes; svm: the SVM row, one fit per fold)')
    ap.add_argument('--epochs', default='20,30', help='comma-separated epoch budgets')
    ap.add_argument('--crop', type=int, default=None, help="window frames (default: the preset's)")
    ap.add_argument('--members', type=int, default=3, help='networks per (fold, model, epochs)')
    ap.add_argument('--genotypes', default=None,
                    help="DARTS models: a finished run folder whose fold-<k>/<model>/metrics.json holds the genotype")
    ap.add_argument('--folds', default=None, help='comma-separated fold numbers (default: all)')
    ap.add_argument('--set', action='append', default=[], metavar='KEY=VALUE',
                    help='an ExperimentConfig field of the preset changed, as the experiment command takes it')
    ap.add_argument('--threads', type=int, default=1)
    ap.add_argument('--csv', default=None, help='also write the rows here')
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    try:
        sets = config_overrides(sets=a.set)
    except UsageError as e:
        ap.error(str(e))
    over = dict(sets, corpus=a.corpus, data=a.data, cache=a.cache, final_train='search+train')
    if a.crop is not None:
        over['crop'] = a.crop
    config = ExperimentConfig.preset(a.preset, **over)
    features = load_data(config, progress=False)
    folds = make_folds(features, config, tempfile.mkdtemp(), progress=False)
    if a.folds is not None:
        folds = [folds[int(k)] for k in a.folds.split(',')]
    jobs = [(f, k, int(e)) for f in folds for k in a.models.split(',') for e in a.epochs.split(',')]
    rows = []
    for fold, key, epochs in tqdm(jobs, desc='probe', unit='fit x members'):
        rows += probe_fold(fold, features, replace(config, train_epochs=epochs), key, a.members,
                           run_genotype(a.genotypes, fold.k, key))
    df = pd.DataFrame(rows)
    if a.csv:
        df.to_csv(a.csv, index=False)
    print(f"crop {config.crop}, validation UA (%) averaged over {len(folds)} folds; member_ua: the M-th network "
          "alone, ensemble_ua: the first M networks' probabilities averaged")
    table = df.pivot_table(index=['model', 'epochs'], columns='M', values=['member_ua', 'ensemble_ua'])
    print((100 * table).round(1).to_string())
    nets = df[df.model != 'svm']
    if len(nets):
        means = nets.groupby(['epochs', 'M'])[['member_ua', 'ensemble_ua']].mean().unstack('M')
        print('\nmean over the networks:\n' + (100 * means).round(1).to_string())


if __name__ == '__main__':
    main()
