"""Benchmark: librosa `mfcc_image` vs the batched torch `MFCCImage`, and the cold feature cache before and now.

Usage: python benchmarks/features.py [--device cpu|cuda] [--batch 64] [--threads 1] [--repeats 3] [--data DIR]
                                     [--cache-files 256] [--features paper|mfcc|logmel]

Uses the real speech in ../shared/data/ravdess-speech-16k (relative to the repository) when present,
else synthetic speech-like signals. Prints a table and, last, a line `speedup=X max_abs_dev=Y cache_speedup=Z`
(speedup = librosa time per utterance / MFCCImage time per utterance, on the same batch; cache_speedup = wall time
of a cold cache of --cache-files files filled the way it was before (librosa, one file per task, in 2 worker
processes) / filled by `extract_features` now (2 loading threads, batched MFCCImage)).
"""
from __future__ import annotations
import argparse, os, shutil, sys, tempfile, time, warnings
os.environ.setdefault('OPENBLAS_NUM_THREADS', '1')
os.environ.setdefault('OMP_NUM_THREADS', '1')
from pathlib import Path
import numpy as np, pandas as pd, soundfile as sf, torch

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from ser_darts.audio import load_audio, fix_length
from ser_darts.features import FeatureConfig, MFCCImage, mfcc_image, extract_features, features_of, FEATURE_SETS
from ser_darts.storage import write_atomic

SPEECH = REPO.parent/'shared'/'data'/'ravdess-speech-16k'

def synthetic(n, sr, seed=0):
    "n speech-like harmonic signals of 2-5 s with pitch glides and noise, at sr."
    rng, out = np.random.default_rng(seed), []
    for i in range(n):
        secs, f0 = rng.uniform(2, 5), rng.uniform(90, 250)
        t = np.arange(int(secs*sr))/sr
        ph = 2*np.pi*f0*(t + rng.uniform(-0.3, 0.3)*t**2/(2*secs))
        y = sum(np.sin(k*ph)/k for k in range(1, 25)) + 0.01*rng.standard_normal(len(t))
        out.append((0.3*y/np.abs(y).max()).astype(np.float32))
    return out

def cache_before(paths, folder, cfg, n_jobs=2):
    "The cold cache as extract_features filled it before: features_of (librosa) per file, in loky worker processes."
    from joblib import Parallel, delayed, parallel_config
    def one(path, fname): write_atomic(fname, lambda f: np.save(f, features_of(path, cfg)))
    folder.mkdir(parents=True)
    with parallel_config(backend='loky', inner_max_num_threads=1):
        Parallel(n_jobs=n_jobs)(delayed(one)(p, folder/f'{i}.npy') for i, p in enumerate(paths))
    from joblib.externals.loky import get_reusable_executor
    get_reusable_executor().shutdown(wait=True)

def timed(f, repeats, sync=lambda: None):
    "Best wall time and best CPU time of this process over `repeats` calls of f (after one warm-up call)."
    f(); sync(); wall = cpu = np.inf
    for _ in range(repeats):
        t, c = time.perf_counter(), time.process_time(); f(); sync()
        wall, cpu = min(wall, time.perf_counter() - t), min(cpu, time.process_time() - c)
    return wall, cpu

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--device', default='cpu', choices=['cpu', 'cuda'])
    ap.add_argument('--batch', type=int, default=64, help='utterances in the batch')
    ap.add_argument('--threads', type=int, default=1, help='torch CPU threads (librosa runs on one)')
    ap.add_argument('--repeats', type=int, default=3, help='timed repeats (best is kept)')
    ap.add_argument('--data', type=Path, default=SPEECH, help='folder of .wav files (synthetic signals if it does not exist)')
    ap.add_argument('--cache-files', type=int, default=256, help='files of the cold-cache comparison')
    ap.add_argument('--features', default='paper', choices=list(FEATURE_SETS), help='feature set of the cache comparison')
    a = ap.parse_args()
    if a.device == 'cuda' and not torch.cuda.is_available(): ap.error("--device cuda: no CUDA device is available to torch here")
    torch.set_num_threads(a.threads)
    cfg = FeatureConfig()
    tmp = Path(tempfile.mkdtemp())
    try:
        if a.data.exists():
            paths = sorted(a.data.glob('**/*.wav'))[:a.batch]
            source = f"{len(paths)} real utterances ({a.data})"
        else:
            paths = []
            for i, y in enumerate(synthetic(a.batch, 16000)):
                paths.append(tmp/f'syn{i:03d}.wav'); sf.write(paths[-1], y, 16000, subtype='PCM_16')
            source = f"{len(paths)} synthetic speech-like signals ({a.data} not found)"
        wavs = [fix_length(load_audio(p, cfg.sr), cfg.sr, cfg.seconds) for p in paths]
        n, pad = len(wavs), np.mean([float((w == 0).mean()) for w in wavs])
        print(f"data: {source}, mean zero padding {pad:.0%}; device {a.device}, torch threads {a.threads}, "
              f"OPENBLAS_NUM_THREADS={os.environ['OPENBLAS_NUM_THREADS']}")

        ref = np.stack([mfcc_image(w, cfg.sr) for w in wavs[:2]])  # numba warm-up
        t_lib = timed(lambda: [mfcc_image(w, cfg.sr) for w in wavs], a.repeats)
        ref = np.stack([mfcc_image(w, cfg.sr) for w in wavs])

        dev = torch.device(a.device)
        sync = torch.cuda.synchronize if dev.type == 'cuda' else (lambda: None)
        model = MFCCImage(cfg).to(dev)
        batch = torch.from_numpy(np.stack(wavs)).to(dev)
        with torch.inference_mode():
            t_torch = timed(lambda: model(batch), a.repeats, sync)
            out = model(batch).cpu().numpy()
            unpadded = torch.from_numpy(np.stack([np.resize(w[w != 0], len(w)) for w in wavs])).to(dev)  # no padding: every frame computed
            t_full = timed(lambda: model(unpadded), a.repeats, sync)
        max_dev = float(np.abs(out - ref).max())

        # the cold cache, before and now, on --cache-files files (the real ones, or synthetic ones written to disk)
        if a.data.exists():
            files = sorted(a.data.glob('**/*.wav'))[:a.cache_files]
        else:
            files = []
            for i, y in enumerate(synthetic(a.cache_files, 16000, seed=1)):
                files.append(tmp/f'c{i:04d}.wav'); sf.write(files[-1], y, 16000, subtype='PCM_16')
        fcfg, m = FEATURE_SETS[a.features], len(files)
        man = pd.DataFrame({'path': [str(p) for p in files]})
        t0 = time.perf_counter(); cache_before(files, tmp/'before', fcfg); t_before = (time.perf_counter() - t0, np.nan)
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            t0, c0 = time.perf_counter(), time.process_time()
            cold = extract_features(man, tmp/'cache', config=fcfg, n_jobs=2, device=a.device, progress=False)
            t_cold = (time.perf_counter() - t0, time.process_time() - c0)
            t0, c0 = time.perf_counter(), time.process_time(); warm = extract_features(man, tmp/'cache', config=fcfg, progress=False)
            t_warm = (time.perf_counter() - t0, time.process_time() - c0)
        assert cold.stats['computed'] == m and warm.stats['computed'] == 0 and len(warm.x) == m
        before = np.stack([np.load(tmp/'before'/f'{i}.npy') for i in range(m)])
        cache_dev = float(np.abs(before - cold.x).max())

        rows = [('librosa mfcc_image (one at a time)', t_lib, n),
                (f'MFCCImage (batch {n}, {a.device})', t_torch, n),
                (f'MFCCImage, padding replaced by audio (batch {n}, {a.device})', t_full, n),
                (f'cache cold, before: load+resample+librosa per file, 2 worker processes ({m} files, {a.features})', t_before, m),
                (f'cache cold, now: extract_features, 2 threads, each loading a chunk and computing it with MFCCImage ({m} files, {a.features})', t_cold, m),
                (f'cache warm: extract_features ({m} files)', t_warm, m)]
        table = pd.DataFrame([(k, 1000*w/u, 1000*c/u, u/w) for k, (w, c), u in rows],
                             columns=['method', 'ms/utt (wall)', 'ms/utt (CPU, this process)', 'utterances/s (wall)'])
        print(table.to_string(index=False, float_format=lambda v: f'{v:.2f}'))
        # on a shared CPU the wall time depends on the other jobs; with one thread, this process's CPU time does not
        k = 1 if dev.type == 'cpu' and a.threads == 1 else 0
        basis = 'CPU time (one thread each)' if k else 'wall time'
        print(f"max |MFCCImage - librosa| = {max_dev:.2e} over images ranging {ref.min():.0f}..{ref.max():.0f}")
        print(f"speedup per utterance from {basis}: {t_lib[k]/t_torch[k]:.1f}x on this batch, "
              f"{t_lib[k]/t_full[k]:.1f}x with the padding replaced by audio (no frame skipped); wall-time speedup {t_lib[0]/t_torch[0]:.1f}x")
        print(f"cold cache of {m} files ({a.features}): {t_before[0]:.2f} s before, {t_cold[0]:.2f} s now (wall): "
              f"{t_before[0]/t_cold[0]:.1f}x; largest difference between the two caches' images {cache_dev:.2e}")
        print(f"speedup={t_lib[k]/t_torch[k]:.1f} max_abs_dev={max_dev:.4f} cache_speedup={t_before[0]/t_cold[0]:.1f}")
    finally: shutil.rmtree(tmp, ignore_errors=True)

if __name__ == '__main__': main()
