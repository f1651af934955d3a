#!/usr/bin/env bash
# The course: build the student release and the autograders from course/masters, grade the reference solutions and
# typical wrong / shortcut solutions of every assignment (otter-grader, no Docker), and check that nothing a student
# gets (the release zip, the installed wheel) holds a solution or a hidden test. Exit 1 on any failure.
# Run from anywhere: bash .ci/course.sh (uses .venv; COURSE_JOBS=2 by default; measured: 1096 s with COURSE_JOBS=1 on the
# shared 2-core machine at a load of 7-11).
set -euo pipefail
cd "$(dirname "$0")/.."
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 PYTHONUNBUFFERED=1
PY=${PYTHON:-.venv/bin/python}
PY=$(cd "$(dirname "$PY")" && pwd)/$(basename "$PY")   # absolute: used from other folders below
start=$(date +%s)
fail=0
if [ ! -d course/masters ]; then echo "course: no course/masters in this checkout (a student release): nothing to build or grade"; exit 0; fi

echo "== course: build the student notebooks, the autograders and the student release from course/masters"
$PY course/build.py
if [ -n "$(git status --porcelain -- nbs/assignments)" ]; then
  git status --porcelain -- nbs/assignments
  echo "course: nbs/assignments differs from what course/build.py makes of course/masters: run it and commit" >&2
  fail=1
fi

echo "== course: grade the reference and the wrong / shortcut submissions (course/variants.py)"
$PY course/submissions.py course/dist/submissions
$PY course/grade.py course/dist/submissions -o course/dist/grades --jobs "${COURSE_JOBS:-2}"
$PY - <<'EOF' || fail=1
import csv, collections, sys
rows = list(csv.DictReader(open('course/dist/grades/scores.csv')))
total = collections.defaultdict(lambda: [0.0, 0.0])
for r in rows:
    total[r['submission']][0] += float(r['score']); total[r['submission']][1] += float(r['max_score'])
bad = []
for sub, (score, maximum) in sorted(total.items()):
    reference = sub.endswith('-reference.ipynb')
    ok = (score == maximum > 0) if reference else (score < maximum)
    print(f"{'ok  ' if ok else 'FAIL'} {sub}: {score:g} / {maximum:g}" + ('' if ok else
          ('  (the reference must score full marks)' if reference else '  (a wrong or shortcut solution must lose marks)')))
    if not ok: bad.append(sub)
expected = {f"{a}-{v}.ipynb" for a in ('01_features', '02_mixed_operations', '03_bilevel', '04_experiment') for v in ('reference',)}
missing = expected - set(total)
if missing: print(f"FAIL not graded: {sorted(missing)}"); bad.append('missing')
sys.exit(1 if bad else 0)
EOF

echo "== course: no solution and no hidden test in what students get"
pattern='course-solution|hidden test:|test_hidden_|BEGIN SOLUTION|END SOLUTION|BEGIN TESTS|hidden: true|hidden=True|use_solutions|SER_DARTS_SOLUTIONS|REFERENCE_[A-Z]|reference_(mfcc|edge|mixed|sep|first|ua|results)'
tmp=$(mktemp -d)
(cd "$tmp" && $PY -m zipfile -e "$OLDPWD/course/dist/ser_darts-student.zip" release >/dev/null)
$PY -m pip wheel -q --no-deps --no-build-isolation -w "$tmp/wheel" . >/dev/null
$PY -m zipfile -e "$tmp"/wheel/*.whl "$tmp/wheel/unpacked" >/dev/null
for what in release wheel/unpacked; do
  n=$(find "$tmp/$what" -type f | wc -l)
  if [ -d "$tmp/$what/ser_darts/course" ]; then echo "FAIL the $what contains course/" >&2; fail=1; fi
  if grep -rIlE "$pattern" "$tmp/$what"; then
    echo "FAIL the $what ($n files) holds solution or hidden-test text (files above)" >&2; fail=1
  else echo "ok   the $what ($n files): no solution or hidden-test text"; fi
done
# and no line of a solution in the student notebooks or public tests of the release
$PY - "$tmp/release/ser_darts/nbs/assignments" <<'EOF' || fail=1
import json, re, sys
from pathlib import Path
solution_lines = set()   # lines of the masters' solution blocks that appear nowhere else in the master (prompt, text)
for master in Path('course/masters').glob('*.ipynb'):
    source = '\n'.join(''.join(c['source']) for c in json.loads(master.read_text())['cells'])
    solution = r'# BEGIN SOLUTION NO PROMPT\n(.*?)# END SOLUTION'
    public = re.sub(solution, '', source, flags=re.S)
    for block in re.findall(solution, source, re.S):
        solution_lines |= {l.strip() for l in block.splitlines()
                           if len(l.strip()) >= 20 and not l.strip().startswith('#') and l.strip() not in public}
def text(f): # the cells' source for a notebook (its JSON escapes quotes), else the file
    if f.suffix != '.ipynb': return f.read_text(errors='replace')
    return '\n'.join(''.join(c['source']) for c in json.loads(f.read_text())['cells'])
release = {f: text(f) for f in Path(sys.argv[1]).rglob('*') if f.is_file()}
leaks = [(f.name, l) for l in sorted(solution_lines) for f, t in release.items() if l in t]
for name, line in leaks: print(f"FAIL {name} holds the solution line: {line}")
print(f"{'FAIL' if leaks else 'ok  '} the release's student notebooks and public tests ({len(release)} files) against "
      f"{len(solution_lines)} solution lines of the masters: {len(leaks)} found")
sys.exit(1 if leaks else 0)
EOF
rm -rf "$tmp"
echo "course: $(( $(date +%s) - start )) s"
exit $fail
