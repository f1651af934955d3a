"""Benchmark 3: the main job (`ser_darts_experiment`, demo preset) end to end, from an empty working folder.

Runs the console script in a fresh temporary folder (so the synthetic corpus and its features are made from
scratch), and prints wall time, CPU time and peak memory of the whole job, then its results table.

    python benchmarks/main_job.py                 # the demo preset
    python benchmarks/main_job.py --args "--preset demo --device cpu"
"""
import argparse, os, resource, shlex, shutil, subprocess, sys, tempfile, time
from pathlib import Path

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--args', default='', help='extra arguments for ser_darts_experiment')
    ap.add_argument('--keep', action='store_true', help='keep the temporary working folder')
    a = ap.parse_args()
    exe = shutil.which('ser_darts_experiment') or str(Path(sys.executable).parent/'ser_darts_experiment')
    work = Path(tempfile.mkdtemp(prefix='ser-darts-main-job-'))
    cmd = [exe, '--quiet', '--out', str(work/'run'), *shlex.split(a.args)]
    print('command:', ' '.join(cmd), '\nworking folder:', work, flush=True)
    t0 = time.time()
    proc = subprocess.run(cmd, cwd=work, capture_output=True, text=True)
    wall = time.time() - t0
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(proc.stdout[-4000:]); print(proc.stderr[-2000:], file=sys.stderr)
    print(f'| wall s | CPU s | peak RSS MiB | load (1 min) at end | cores |\n|---:|---:|---:|---:|---:|\n'
          f'| {wall:.0f} | {ru.ru_utime + ru.ru_stime:.0f} | {ru.ru_maxrss/1024:.0f} | {os.getloadavg()[0]:.1f} | {os.cpu_count()} |')
    print(f'wall_s={wall:.0f} cpu_s={ru.ru_utime + ru.ru_stime:.0f} peak_rss_mib={ru.ru_maxrss/1024:.0f} rc={proc.returncode}')
    if not a.keep: shutil.rmtree(work, ignore_errors=True)
    sys.exit(proc.returncode)

if __name__ == '__main__': main()
