"""Grade a folder of submitted notebooks with the autograders of course/build.py, without Docker (`otter run` per
submission, in this Python environment), and collect the written answers for the instructor's rubric.

    python course/grade.py SUBMISSIONS_DIR [-o OUT_DIR]
        -> prints one report per submission (points per question, and the failed cases with the mistake they name)
        -> OUT_DIR/scores.csv (submission, assignment, question, score, max_score)
        -> OUT_DIR/answers-NN_name.md (per written question: the rubric, then every submission's answer, to grade by hand)

A submission's assignment is read from its otter cell (`otter.Notebook("NN_name.ipynb")`), so renamed copies
("03_bilevel-Copy1.ipynb", "jane_doe.ipynb") are graded too.
"""
import argparse, csv, json, re, shutil, subprocess, sys, tempfile, textwrap
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CANARY = '<!-- # course-solution -->'   # the marker of the masters' model answers (see course/README.md)

def assignment_of(nb_path:Path, known:list)->str|None:
    "The assignment a notebook belongs to: its otter init cell's notebook name, else its file name's prefix."
    try: cells = json.loads(nb_path.read_text(encoding='utf-8'))['cells']
    except (OSError, ValueError, KeyError): return None
    for c in cells:
        m = re.search(r'otter\.Notebook\(["\']([^"\']+)\.ipynb["\']\)', ''.join(c.get('source', '')))
        if m and m.group(1) in known: return m.group(1)
    return next((k for k in known if nb_path.name.startswith(k)), None)

def failed_cases(output:str)->list:
    "The '[FAIL] case: message' lines of otter's output for one question, without repeats."
    out, current = [], None
    for line in output.splitlines():
        s = line.strip()
        if s.startswith('[FAIL]'): current = [s[len('[FAIL]'):].strip(), '']; out.append(current)
        elif s.startswith(('[ok]', '❌', 'Error at line')) or not s or re.match(r'^[\w-]+ results:|^[\w-]+ - \d+ result:', s):
            current = None
        elif current is not None: current[1] = (current[1] + ' ' + s).strip()
        elif s.startswith(('AssertionError', 'NameError', 'TypeError', 'AttributeError')) and 'FAILED' not in s:
            out.append(['error', s])
    seen, lines = set(), []
    for case, msg in out:
        text = f"{case}: {msg}" if msg else case
        if text not in seen: seen.add(text); lines.append(text)
    return lines

def grade_one(sub:Path, autograder:Path, out:Path, timeout:int)->dict:
    "Run `otter run` on one submission; its results as {question: (score, max_score, output)}."
    shutil.rmtree(out, ignore_errors=True)             # no stale results.json from an earlier run
    out.mkdir(parents=True)
    try:
        r = subprocess.run([str(BIN/'otter'), 'run', '-a', str(autograder), '-o', str(out), '--no-logo', str(sub)],
                           capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired: return {'(notebook)': (0.0, 0.0, f'timed out after {timeout} s')}
    results = out/'results.json'
    if r.returncode != 0 or not results.exists():
        return {'(notebook)': (0.0, 0.0, f"otter run failed ({r.returncode}): {(r.stderr or r.stdout)[-800:]}")}
    tests = json.loads(results.read_text())['tests']
    return {t['name']: (float(t.get('score') or 0), float(t.get('max_score') or 0), t.get('output', ''))
            for t in tests if 'max_score' in t}

def written_questions(master:Path)->list:
    "(key, prompt, rubric) of each manually graded question of a master notebook."
    cells = json.loads(master.read_text(encoding='utf-8'))['cells']
    out = []
    for i, c in enumerate(cells):
        m = re.search(r'<!-- answer: ([\w-]+) -->', ''.join(c['source']))
        if c['cell_type'] != 'markdown' or not m: continue
        rubric = next((''.join(d['source']).replace(CANARY, '').strip() for d in cells[i + 1:]
                       if d['cell_type'] == 'markdown' and CANARY in ''.join(d['source'])), '')
        out.append((m.group(1), ''.join(c['source']).replace(m.group(0), '').strip(), rubric))
    return out

def main():
    ap = argparse.ArgumentParser(description='Grade a folder of submitted assignment notebooks (no Docker).')
    ap.add_argument('submissions', type=Path)
    ap.add_argument('-o', '--out', type=Path, default=None, help='output folder (default: a new temporary folder)')
    ap.add_argument('-a', '--autograders', type=Path, default=ROOT/'course'/'dist'/'autograders')
    ap.add_argument('--timeout', type=int, default=900, help='seconds per submission')
    ap.add_argument('--cases', type=int, default=3, help='failed cases shown per question')
    ap.add_argument('-j', '--jobs', type=int, default=1, help='submissions graded at the same time (one core each)')
    args = ap.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix='ser_darts_grades_'))
    known = sorted(p.stem for p in args.autograders.glob('*.zip'))
    if not known: sys.exit(f"course/grade.py: no autograders in {args.autograders}: run course/build.py first")
    subs = sorted(p for p in args.submissions.rglob('*.ipynb') if '.ipynb_checkpoints' not in p.parts)
    rows, by_assignment = [], {}
    for sub in subs:
        a = assignment_of(sub, known)
        if a is None: print(f"== {sub.name}: not an assignment notebook (no otter cell naming one of {known}): skipped"); continue
        by_assignment.setdefault(a, []).append(sub)
    todo = [(sub, a) for a, subs_a in by_assignment.items() for sub in subs_a]
    with ThreadPoolExecutor(max(1, args.jobs)) as pool:   # each job is an `otter run` process
        results = pool.map(lambda t: grade_one(t[0], args.autograders/f'{t[1]}.zip', out/'runs'/t[0].stem, args.timeout), todo)
    for (sub, a), res in sorted(zip(todo, results), key=lambda t: t[0][0].name):
        total, maximum = sum(s for s, _, _ in res.values()), sum(m for _, m, _ in res.values())
        print(f"== {sub.name} ({a}): {total:g} / {maximum:g} points (autograded; written answers are graded by hand)")
        for q, (score, max_score, output) in res.items():
            print(f"   {q}: {score:g} / {max_score:g}")
            if score < max_score or max_score == 0:
                lines = failed_cases(output) or [output.strip()[-400:]]
                for line in lines[:args.cases]:
                    line = line if len(line) <= 330 else line[:327] + '...'
                    print(textwrap.fill(line, 116, initial_indent='      - ', subsequent_indent='        '))
                if len(lines) > args.cases: print(f"      (and {len(lines) - args.cases} more failed cases: see {out/'runs'/sub.stem})")
            rows.append(dict(submission=sub.name, assignment=a, question=q, score=score, max_score=max_score))
    out.mkdir(parents=True, exist_ok=True)
    with open(out/'scores.csv', 'w', newline='') as f:
        w = csv.DictWriter(f, ['submission', 'assignment', 'question', 'score', 'max_score'])
        w.writeheader(); w.writerows(rows)
    sys.path.insert(0, str(ROOT))
    from ser_darts.grading import _answer_in, check_written_answer   # _answer_in: this notebook only, no fallback to another file
    for a, subs_a in by_assignment.items():
        master = ROOT/'course'/'masters'/f'{a}.ipynb'
        if not master.exists(): continue
        lines = [f"# Written answers: {a}", '']
        for key, prompt, rubric in written_questions(master):
            lines += [f"## {key}", '', prompt, '', '### Rubric', '', rubric, '']
            for sub in subs_a:
                answer = _answer_in(sub, f'<!-- answer: {key} -->')
                flag = check_written_answer(answer)       # the same flags the student saw: missing, placeholder, short
                note = 'ok' if flag.passed else 'FLAGGED: ' + '; '.join(c.message.split(':')[0] for c in flag.failed_cases)
                lines += [f"### {sub.name} ({len((answer or '').split())} words; {note})", '', answer or '*(no answer)*', '']
        (out/f'answers-{a}.md').write_text('\n'.join(lines), encoding='utf-8')
    print(f"scores: {out/'scores.csv'}; written answers with their rubrics: {out}/answers-*.md")

if __name__ == '__main__': main()
