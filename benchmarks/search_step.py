"""Benchmark: time and peak memory of one DARTS search step (one architecture step on the alphas + one weight step).

Usage: python benchmarks/search_step.py [--order first|second|both] [--variants textbook,auto] [--threads N]
       [--channels 8] [--cells 4] [--batch 16] [--size 128] [--steps 2] [--device cpu|cuda] [--head lstm_attention]
       [--profile N]

Defaults are the paper's setting: 1x128x128 inputs, 8 initial channels, 4 cells, batch 16, 4 classes, the
lstm_attention head, random data, all CPU cores as torch threads, first order. Variants (one row each, per order):
  textbook    the textbook DARTS step of pt.darts (`search.textbook_search_step`): every edge the plain sum
              sum_o w_o o(x) over all candidates (`none` included), no shared ReLU, no checkpointing, NCHW layout,
              `loss.backward()` through everything for the alpha step and for the weight step; first order only.
              The same mathematics as the library's step (tested equal in float64 in 08_search).
  auto        the library default: SearchNetwork(checkpoint='auto'), channels-last, the Architect of search.py
  plain       the library without checkpointing (checkpoint=False): every activation kept for the backward pass
  checkpoint  checkpoint=True (every cell's edges recomputed in backward)
  exact       'auto' with the exact Hessian-vector product (Architect(hessian='exact')); second order only
  pc4         partial channels, PC-DARTS K=4 (NOT the same mathematics as DARTS: an extra row), checkpoint='auto'
Each row runs in a fresh subprocess (so its peak RSS is its own): one warm-up step, then the mean over --steps steps.
Prints one line per row, then a table with the ratios of every row to the textbook row of the same order (wall time,
CPU time, peak RSS), the thread count and the 1-minute load average at start and end. CPU time (user + system of the
process, all threads) is the steadier figure on a shared machine; wall time depends on the other jobs' load.
--profile N: also profile one step with torch.profiler and print the N most expensive operators (stderr).
"""
from __future__ import annotations
import argparse, json, os, resource, subprocess, sys, time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VARIANTS = {'textbook': dict(checkpoint=False, channels_last=False), 'auto': dict(checkpoint='auto'),
            'plain': dict(checkpoint=False), 'checkpoint': dict(checkpoint=True), 'exact': dict(checkpoint='auto'),
            'pc4': dict(checkpoint='auto', partial_channels=4)}
ONLY = {'textbook': 'first', 'exact': 'second'}  # variants that exist for one order only


def parse(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--order', choices=('first', 'second', 'both'), default='first')
    p.add_argument('--variants', default='textbook,auto', help=f"comma-separated, from {list(VARIANTS)}")
    p.add_argument('--channels', type=int, default=8, help='initial channels C')
    p.add_argument('--cells', type=int, default=4)
    p.add_argument('--batch', type=int, default=16)
    p.add_argument('--size', type=int, default=128, help='input images are 1 x size x size')
    p.add_argument('--classes', type=int, default=4)
    p.add_argument('--steps', type=int, default=2, help='timed steps after one warm-up step')
    p.add_argument('--device', default='cpu')
    p.add_argument('--head', default='lstm_attention', help="models.HEADS name: 'gap', 'lstm' or 'lstm_attention'")
    p.add_argument('--threads', type=int, default=os.cpu_count(), help='torch threads (default: all cores)')
    p.add_argument('--profile', type=int, default=0, help='print the N most expensive operators of one profiled step')
    p.add_argument('--worker', help=argparse.SUPPRESS)  # 'order:variant'
    args = p.parse_args(argv)
    unknown = [v for v in args.variants.split(',') if v not in VARIANTS]
    if unknown: p.error(f"--variants: unknown {unknown}; expected names from {list(VARIANTS)}")
    return args


def peak_rss_bytes() -> int:
    "Peak resident set size of this process (VmHWM on Linux, else ru_maxrss)."
    try:
        for line in Path('/proc/self/status').read_text().splitlines():
            if line.startswith('VmHWM:'): return int(line.split()[1]) * 1024
    except OSError: pass
    r = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return r if sys.platform == 'darwin' else r * 1024


def cpu_seconds() -> float:
    "User + system CPU time of this process, all threads."
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def worker(args):
    "Build the supernet, run the steps, print one JSON line."
    sys.path.insert(0, str(REPO))
    import torch
    from ser_darts.architect import Architect, search_step
    from ser_darts.search import textbook_search_step
    from ser_darts.models import search_network
    order, variant = args.worker.split(':')
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    device = torch.device(args.device)
    model = search_network(head=args.head, C=args.channels, n_cells=args.cells, n_classes=args.classes,
                           **VARIANTS[variant]).to(device)
    architect = Architect(model, order=order, hessian='exact' if variant == 'exact' else 'finite_difference')
    w_optim = torch.optim.SGD(model.weights(), lr=0.025, momentum=0.9, weight_decay=3e-4)
    def batch(): return (torch.randn(args.batch, 1, args.size, args.size, device=device),
                         torch.randint(0, args.classes, (args.batch,), device=device))
    (x_w, y_w), (x_a, y_a) = batch(), batch()
    sync = torch.cuda.synchronize if device.type == 'cuda' else (lambda: None)
    if variant == 'textbook':
        def step(): textbook_search_step(model, architect.alpha_optim, w_optim, x_w, y_w, x_a, y_a, 5.0)
    else:
        def step(): search_step(model, architect, w_optim, x_w, y_w, x_a, y_a, 0.025, 5.0)
    step(); sync()                                   # warm-up
    t, c = time.perf_counter(), cpu_seconds()
    for _ in range(args.steps): step()
    sync()
    out = dict(order=order, variant=variant, s_per_step=(time.perf_counter() - t) / args.steps,
               cpu_s_per_step=(cpu_seconds() - c) / args.steps, threads=torch.get_num_threads(),
               peak_rss=peak_rss_bytes(), n_weights=sum(p.numel() for p in model.weights()))
    if device.type == 'cuda': out['peak_cuda'] = torch.cuda.max_memory_allocated(device)
    if args.profile:
        from torch.profiler import profile, ProfilerActivity
        acts = [ProfilerActivity.CPU] + ([ProfilerActivity.CUDA] if device.type == 'cuda' else [])
        with profile(activities=acts) as prof: step(); sync()
        key = 'self_cuda_time_total' if device.type == 'cuda' else 'self_cpu_time_total'
        print(f"profile of one step, order={order} variant={variant}", file=sys.stderr)
        print(prof.key_averages().table(sort_by=key, row_limit=args.profile), file=sys.stderr)
    print('RESULT ' + json.dumps(out), flush=True)


def load_average() -> float:
    return os.getloadavg()[0] if hasattr(os, 'getloadavg') else float('nan')


def main(argv=None):
    args = parse(argv)
    if args.worker: return worker(args)
    orders = ('first', 'second') if args.order == 'both' else (args.order,)
    rows, load = [], load_average()
    for order in orders:
        for variant in args.variants.split(','):
            if ONLY.get(variant, order) != order: continue
            cmd = [sys.executable, __file__, '--worker', f'{order}:{variant}'] + (argv if argv is not None else sys.argv[1:])
            proc = subprocess.run(cmd, capture_output=True, text=True)
            if args.profile or proc.returncode: sys.stderr.write(proc.stderr)
            lines = [l for l in proc.stdout.splitlines() if l.startswith('RESULT ')]
            if proc.returncode or not lines:
                print(f"order={order} variant={variant} failed (exit code {proc.returncode})", flush=True); continue
            r = json.loads(lines[-1][len('RESULT '):])
            r['load'] = load_average()
            extra = f" peak_cuda_mib={r['peak_cuda'] / 2**20:.0f}" if 'peak_cuda' in r else ''
            print(f"order={order} variant={variant} s_per_step={r['s_per_step']:.2f} cpu_s_per_step={r['cpu_s_per_step']:.2f} "
                  f"peak_rss_mib={r['peak_rss'] / 2**20:.0f}{extra} load_after={r['load']:.1f}", flush=True)
            rows.append(r)
    if not rows: return 1
    print(f"\nconfiguration: 1x{args.size}x{args.size}, C={args.channels}, {args.cells} cells, batch {args.batch}, "
          f"head {args.head}, device {args.device}, {rows[0]['threads']} threads, mean of {args.steps} steps after one "
          f"warm-up; 1-min load average {load:.1f} at start, {load_average():.1f} at end on {os.cpu_count()} cores")
    head = (f"{'order':<7}{'variant':<11}{'s/step':>8}{'cpu s/step':>11}{'peak RSS MiB':>14}"
            f"{'wall/textbook':>15}{'cpu/textbook':>14}{'mem/textbook':>14}")
    print(head); print('-' * len(head))
    for r in rows:
        ref = next((t for t in rows if t['variant'] == 'textbook' and t['order'] == r['order']), None)
        ratios = ('' if ref is None else f"{r['s_per_step'] / ref['s_per_step']:>15.2f}"
                  f"{r['cpu_s_per_step'] / ref['cpu_s_per_step']:>14.2f}{r['peak_rss'] / ref['peak_rss']:>14.2f}")
        print(f"{r['order']:<7}{r['variant']:<11}{r['s_per_step']:>8.2f}{r['cpu_s_per_step']:>11.2f}"
              f"{r['peak_rss'] / 2**20:>14.0f}{ratios}")
    print("targets (issue 13): the library default ('auto') at most 0.5 of the textbook step's CPU time and 0.33 of its "
          "peak memory, measured in the same run")


if __name__ == '__main__':
    sys.exit(main())
