"""Benchmark 3: the main job (`ser_darts_experiment`, demo preset) end to end, from an empty data folder.

Runs the console script in a fresh temporary folder, with SER_DARTS_DATA pointing into it (so the synthetic corpus and
its features are made from scratch) and with the caller's environment otherwise (no thread variables are set here),
and prints wall time, CPU time, peak memory and the load average of the whole job, then its output (plain lines: the
output is a pipe) and results table.

    python benchmarks/main_job.py                 # the demo preset, the machine as it is
    python benchmarks/main_job.py --busy 1        # with one other CPU-bound process running (a busy loop)
    python benchmarks/main_job.py --args "--threads 2"
"""
import argparse, os, resource, shlex, shutil, subprocess, sys, tempfile, time
from pathlib import Path

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--args', default='', help='extra arguments for ser_darts_experiment')
    ap.add_argument('--busy', type=int, default=0, help='CPU-bound background processes to run alongside (busy loops)')
    ap.add_argument('--keep', action='store_true', help='keep the temporary working folder')
    a = ap.parse_args()
    exe = shutil.which('ser_darts_experiment') or str(Path(sys.executable).parent/'ser_darts_experiment')
    work = Path(tempfile.mkdtemp(prefix='ser-darts-main-job-'))
    cmd = [exe, '--out', str(work/'run'), *shlex.split(a.args)]
    env = {**os.environ, 'SER_DARTS_DATA': str(work/'data')}   # corpus and feature cache made from scratch
    threads_env = {k: v for k, v in os.environ.items() if k.endswith('_NUM_THREADS')}
    print('command:', ' '.join(cmd), '\nworking folder:', work, '\nthread variables:', threads_env or 'none', flush=True)
    busy = [subprocess.Popen([sys.executable, '-c', 'while True: pass']) for _ in range(a.busy)]
    load0 = os.getloadavg()
    t0 = time.time()
    try:
        proc = subprocess.run(cmd, cwd=work, env=env, capture_output=True, text=True)
        wall, load1 = time.time() - t0, os.getloadavg()
        ru = resource.getrusage(resource.RUSAGE_CHILDREN)   # the job only: the busy loops are not reaped yet
    finally:
        for p in busy: p.kill(); p.wait()
    cpu = ru.ru_utime + ru.ru_stime
    print(proc.stdout[-6000:]); print(proc.stderr[-2000:], file=sys.stderr)
    busy_s = f'{a.busy} busy loop(s)' if a.busy else 'none started'
    print(f'| wall s | CPU s | peak RSS MiB | load 1/5/15 min before | load 1 min at end | other CPU-bound processes | cores |\n'
          f'|---:|---:|---:|---|---:|---|---:|\n'
          f'| {wall:.0f} | {cpu:.0f} | {ru.ru_maxrss/1024:.0f} | {load0[0]:.1f} / {load0[1]:.1f} / {load0[2]:.1f} | '
          f'{load1[0]:.1f} | {busy_s} | {os.cpu_count()} |')
    print(f'wall_s={wall:.0f} cpu_s={cpu:.0f} peak_rss_mib={ru.ru_maxrss/1024:.0f} busy={a.busy} rc={proc.returncode}')
    if not a.keep: shutil.rmtree(work, ignore_errors=True)
    sys.exit(proc.returncode)

if __name__ == '__main__': main()
