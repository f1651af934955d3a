"""Build the student release and the autograders from the master notebooks in course/masters.

    python course/build.py            # -> nbs/assignments/*.ipynb + nbs/assignments/tests/ (student notebooks, public tests)
                                      #    course/dist/autograders/NN.zip (hidden tests, for `course/grade.py`)
                                      #    course/dist/solutions/NN.ipynb (the masters' solution notebooks, for instructors)
                                      #    course/dist/ser_darts-student.zip (the repository without course/: hand this out)

Each master is turned into a student notebook and an autograder by `otter assign` (otter-grader); the student notebooks
are then cleaned like every notebook of the project (`nbdev_clean`), so that they stay byte-for-byte what the build makes.
"""
import argparse, hashlib, json, shutil, subprocess, sys, zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MASTERS = ROOT/'course'/'masters'
DIST = ROOT/'course'/'dist'
STUDENT_NBS = ROOT/'nbs'/'assignments'
BIN = Path(sys.executable).parent

def run(*cmd, **kw):
    "Run a command, failing loudly with its output."
    r = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, **kw)
    if r.returncode != 0:
        sys.exit(f"course/build.py: {' '.join(map(str, cmd))} failed ({r.returncode}):\n{r.stdout[-3000:]}\n{r.stderr[-3000:]}")
    return r

def assign(master:Path, out:Path):
    "otter assign: master -> out/student (notebook + public tests) and out/autograder (solutions, all tests, zip)."
    shutil.rmtree(out, ignore_errors=True)
    run(BIN/'otter', 'assign', master, out, cwd=ROOT)
    (zip_file,) = (out/'autograder').glob('*.zip')
    return out/'student'/master.name, out/'student'/'tests', zip_file, out/'autograder'/master.name

def stable_ids(src:Path, dest:Path):
    "Copy a notebook, giving every cell an id made from its position and text (otter draws new random ids each build)."
    nb = json.loads(src.read_text(encoding='utf-8'))
    for i, c in enumerate(nb['cells']):
        c['id'] = hashlib.sha1(f"{dest.name}/{i}/{''.join(c['source'])}".encode()).hexdigest()[:8]
    dest.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + '\n', encoding='utf-8')

def release_files()->list:
    "The tracked files of the repository, minus the course folder (masters, solutions, hidden tests)."
    files = run('git', 'ls-files', '-z', cwd=ROOT).stdout.split('\0')
    skip = ('course/', '.ci/course', 'nbs/assignments/')   # nbs/assignments: added fresh below
    return sorted(f for f in files if f and not f.startswith(skip) and (ROOT/f).is_file())

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--no-release', action='store_true', help='skip the zip of the student release')
    args = ap.parse_args()
    masters = sorted(MASTERS.glob('*.ipynb'))
    if not masters: sys.exit(f"course/build.py: no master notebooks in {MASTERS}")
    for d in ('autograders', 'solutions', 'build'): shutil.rmtree(DIST/d, ignore_errors=True); (DIST/d).mkdir(parents=True)
    shutil.rmtree(STUDENT_NBS/'tests', ignore_errors=True)
    (STUDENT_NBS/'tests').mkdir(parents=True)
    for master in masters:
        student_nb, tests, zip_file, solution_nb = assign(master, DIST/'build'/master.stem)
        stable_ids(student_nb, STUDENT_NBS/master.name)
        for t in sorted(tests.glob('*.py')): shutil.copy(t, STUDENT_NBS/'tests'/t.name)
        shutil.copy(zip_file, DIST/'autograders'/f'{master.stem}.zip')
        shutil.copy(solution_nb, DIST/'solutions'/master.name)
        run(BIN/'nbdev_clean', '--fname', STUDENT_NBS/master.name, cwd=ROOT)
        print(f"{master.relative_to(ROOT)} -> {(STUDENT_NBS/master.name).relative_to(ROOT)}, "
              f"{(DIST/'autograders'/f'{master.stem}.zip').relative_to(ROOT)}")
    if not args.no_release:
        target = DIST/'ser_darts-student.zip'
        with zipfile.ZipFile(target, 'w', zipfile.ZIP_DEFLATED) as z:
            for f in release_files(): z.write(ROOT/f, f'ser_darts/{f}')
            for f in sorted(STUDENT_NBS.rglob('*')):                # the notebooks just built, whether committed or not
                if f.is_file() and not f.name.startswith('.OTTER'): z.write(f, f'ser_darts/{f.relative_to(ROOT)}')
        print(f"student release: {target.relative_to(ROOT)} ({len(zipfile.ZipFile(target).namelist())} files)")

if __name__ == '__main__': main()
