"""Benchmark 4: wall time of the default test run (`nbdev_test`, README's test command), per notebook and in all.

    python benchmarks/test_suite.py
"""
import os, re, subprocess, sys, time
from pathlib import Path

root = Path(__file__).resolve().parent.parent
exe = str(Path(sys.executable).parent/'nbdev_test')
t0 = time.time()
proc = subprocess.run([exe, '--timing'], cwd=root, capture_output=True, text=True)
wall = time.time() - t0
times = re.findall(r'^(\S+\.ipynb): (\d+) secs$', proc.stdout, re.M)
print('| notebook | seconds |\n|---|---:|')
for name, s in times: print(f'| {name} | {s} |')
print(f'\nnotebooks={len(times)} sum_s={sum(int(s) for _, s in times)} wall_s={wall:.0f} cores={os.cpu_count()} '
      f'load={os.getloadavg()[0]:.1f} rc={proc.returncode}')
if proc.returncode: print(proc.stderr[-3000:], file=sys.stderr)
sys.exit(proc.returncode)
