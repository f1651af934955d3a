"""Benchmark: time and peak memory of one DARTS search step (one Architect step on the alphas + one weight step).

Usage: python benchmarks/search_step.py [--order first|second|both] [--variants plain,auto,pc4] [--threads N]
       [--channels 8] [--cells 4] [--batch 16] [--size 128] [--steps 3] [--device cpu|cuda] [--head lstm_attention]
       [--profile N]

Defaults are the paper's setting: 1x128x128 inputs, 8 initial channels, 4 cells, batch 16, 4 classes, the
lstm_attention head, random data, all CPU cores as torch threads. Variants (one row each, per order):
  plain       SearchNetwork(checkpoint=False): every activation kept for the backward pass
  auto        the library default, checkpoint='auto' (edges of the large cells recomputed in backward)
  checkpoint  checkpoint=True (every cell)
  pc4         partial channels, PC-DARTS K=4 (not the same mathematics as DARTS: an extra row), checkpoint='auto'
Each row runs in a fresh subprocess (so its peak RSS is its own): one warm-up step, then the mean over --steps steps.
Prints one line per row, `order=first variant=plain s_per_step=12.3 cpu_s_per_step=20.1 peak_rss_mib=4567`,
then a table against the pt.darts reference on this 2-core CPU (16.8 s, 9.9 GB first order; 38.7 s, 13.7 GB second
order, 2 threads). Wall time depends on the load of the machine: CPU time (user + system of the process, all threads)
is reported too; compare wall times only between runs made under the same load and thread count.
--profile N: also profile one step with torch.profiler and print the N most expensive operators.
"""
from __future__ import annotations
import argparse, json, os, resource, subprocess, sys, time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
REFERENCE = {'first': (16.8, 9.9e9), 'second': (38.7, 13.7e9)}  # pt.darts on the 2-core CPU: s per step, bytes
VARIANTS = {'plain': dict(checkpoint=False), 'auto': dict(checkpoint='auto'), 'checkpoint': dict(checkpoint=True),
            'pc4': dict(checkpoint='auto', partial_channels=4)}


def parse(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--order', choices=('first', 'second', 'both'), default='both')
    p.add_argument('--variants', default='plain,auto,pc4', help=f"comma-separated, from {list(VARIANTS)}")
    p.add_argument('--channels', type=int, default=8, help='initial channels C')
    p.add_argument('--cells', type=int, default=4)
    p.add_argument('--batch', type=int, default=16)
    p.add_argument('--size', type=int, default=128, help='input images are 1 x size x size')
    p.add_argument('--classes', type=int, default=4)
    p.add_argument('--steps', type=int, default=3, help='timed steps after one warm-up step')
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
    from ser_darts.search import Architect, search_step
    from ser_darts.models import search_network
    order, variant = args.worker.split(':')
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    device = torch.device(args.device)
    model = search_network(head=args.head, C=args.channels, n_cells=args.cells, n_classes=args.classes,
                           **VARIANTS[variant]).to(device)
    architect = Architect(model, order=order)
    w_optim = torch.optim.SGD(model.weights(), lr=0.025, momentum=0.9, weight_decay=3e-4)
    def batch(): return (torch.randn(args.batch, 1, args.size, args.size, device=device),
                         torch.randint(0, args.classes, (args.batch,), device=device))
    (x_w, y_w), (x_a, y_a) = batch(), batch()
    sync = torch.cuda.synchronize if device.type == 'cuda' else (lambda: None)
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
        print(prof.key_averages().table(sort_by=key, row_limit=args.profile), file=sys.stderr)
    print('RESULT ' + json.dumps(out), flush=True)


def main(argv=None):
    args = parse(argv)
    if args.worker: return worker(args)
    orders = ('first', 'second') if args.order == 'both' else (args.order,)
    rows = []
    load = os.getloadavg()[0] if hasattr(os, 'getloadavg') else float('nan')
    for order in orders:
        for variant in args.variants.split(','):
            cmd = [sys.executable, __file__, '--worker', f'{order}:{variant}'] + (argv if argv is not None else sys.argv[1:])
            proc = subprocess.run(cmd, capture_output=True, text=True)
            if args.profile or proc.returncode: sys.stderr.write(proc.stderr)
            lines = [l for l in proc.stdout.splitlines() if l.startswith('RESULT ')]
            if proc.returncode or not lines:
                print(f"order={order} variant={variant} failed (exit code {proc.returncode})", flush=True); continue
            r = json.loads(lines[-1][len('RESULT '):])
            extra = f" peak_cuda_mib={r['peak_cuda'] / 2**20:.0f}" if 'peak_cuda' in r else ''
            print(f"order={order} variant={variant} s_per_step={r['s_per_step']:.1f} cpu_s_per_step={r['cpu_s_per_step']:.1f} "
                  f"peak_rss_mib={r['peak_rss'] / 2**20:.0f}{extra}", flush=True)
            rows.append(r)
    if not rows: return 1
    load_end = os.getloadavg()[0] if hasattr(os, 'getloadavg') else float('nan')
    print(f"\nconfiguration: 1x{args.size}x{args.size}, C={args.channels}, {args.cells} cells, batch {args.batch}, "
          f"head {args.head}, device {args.device}, {rows[0]['threads']} threads, {rows[0]['n_weights']:,} weights (plain), "
          f"mean of {args.steps} steps; 1-min load average {load:.1f} at start, {load_end:.1f} at end on {os.cpu_count()} cores")
    head = (f"{'order':<7}{'variant':<11}{'s/step':>8}{'cpu s/step':>11}{'peak RSS MiB':>14}{'ref s':>7}{'ref GB':>7}"
            f"{'time/ref':>9}{'mem/ref':>8}")
    print(head); print('-' * len(head))
    for r in rows:
        ref_s, ref_b = REFERENCE[r['order']]
        print(f"{r['order']:<7}{r['variant']:<11}{r['s_per_step']:>8.2f}{r['cpu_s_per_step']:>11.2f}{r['peak_rss'] / 2**20:>14.0f}"
              f"{ref_s:>7.1f}{ref_b / 1e9:>7.1f}{r['s_per_step'] / ref_s:>9.2f}{r['peak_rss'] / ref_b:>8.2f}")
    print("targets: time/ref and mem/ref at most 0.5 (DARTS issue) or 0.33 (performance issue); the reference figures are "
          "for the paper's setting with 2 threads on an unloaded 2-core CPU: compare only rows measured the same way")


if __name__ == '__main__':
    sys.exit(main())
