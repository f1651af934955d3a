"""Cost of one training epoch on padded whole images vs windows of speech (the `real` preset's inputs).

Same network (a DARTS network of the `real` preset: 4 cells, 8 channels, LSTM-attention head of 64 units), same
number of utterances and batch size; only the input width differs: the whole 8 s image (40 x 250 columns of 32 ms,
mostly padding on short clips) or a 2 s window of speech (40 x 64). Costs depend on shapes only, so random inputs do.
Prints CPU and wall seconds per epoch and the speed-up.

    python benchmarks/inputs.py [--utterances 470] [--batch 32] [--threads 1]
"""
import argparse, resource, time
import torch
from ser_darts.genotypes import Genotype
from ser_darts.models import DartsNetwork

def cpu_seconds() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime

def epoch_cost(width:int, n:int, batch:int, genotype) -> tuple:
    "(wall s, CPU s) of one epoch of n utterances of 40 x width, forward + backward + SGD step."
    torch.manual_seed(0)
    net = DartsNetwork.from_genotype(genotype, n_cells=4, C=8, n_classes=4, head='lstm_attention', hidden=64)
    opt = torch.optim.SGD(net.parameters(), lr=0.01)
    x, y = torch.randn(batch, 1, 40, width), torch.randint(0, 4, (batch,))
    steps = -(-n // batch)
    t0, c0 = time.perf_counter(), cpu_seconds()
    for _ in range(steps):
        loss = torch.nn.functional.cross_entropy(net(x), y)
        opt.zero_grad(); loss.backward(); opt.step()
    return time.perf_counter() - t0, cpu_seconds() - c0

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--utterances', type=int, default=470, help='training utterances per epoch (a RAVDESS fold: ~470)')
    ap.add_argument('--batch', type=int, default=32)
    ap.add_argument('--threads', type=int, default=1)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    ops = ['sep_conv_3x3', 'dil_conv_3x3', 'max_pool_3x3', 'skip_connect']
    g = Genotype(normal=[(ops[i % 4], i % 2) for i in range(8)], normal_concat=[2, 3, 4, 5],
                 reduce=[(ops[(i + 1) % 4], i % 2) for i in range(8)], reduce_concat=[2, 3, 4, 5])
    rows = {w: epoch_cost(w, a.utterances, a.batch, g) for w in (250, 64)}
    for w, (wall, cpu) in rows.items():
        print(f"input=40x{w} {'whole 8 s image' if w == 250 else '2 s window'}: wall_s_per_epoch={wall:.1f} cpu_s_per_epoch={cpu:.1f}")
    print(f"speedup_cpu={rows[250][1] / rows[64][1]:.2f} speedup_wall={rows[250][0] / rows[64][0]:.2f} "
          f"(threads={a.threads}, load average {' '.join(f'{l:.1f}' for l in __import__('os').getloadavg())})")
