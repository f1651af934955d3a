"""Write test submissions for the autograder: the reference (the masters' solution notebooks, as built by
course/build.py) and each wrong or shortcut variant of course/variants.py.

    python course/submissions.py OUT_DIR    # -> OUT_DIR/NN_name-reference.ipynb, OUT_DIR/NN_name-wrong-....ipynb, ...
"""
import json, re, sys, textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT/'course'))
from variants import VARIANTS

def defines(src:str, name:str)->bool:
    "Does this cell's code define `name` at top level (def or assignment)?"
    return re.search(rf"^(def {re.escape(name)}\b|{re.escape(name)}\s*=)", src, re.M) is not None

def with_variant(nb:dict, replacements:dict)->dict:
    "A copy of `nb` whose cells defining each name are replaced by the variant's code."
    nb = json.loads(json.dumps(nb))
    for name, code in replacements.items():
        cells = [c for c in nb['cells'] if c['cell_type'] == 'code' and defines(''.join(c['source']), name)]
        if len(cells) != 1: sys.exit(f"course/submissions.py: {len(cells)} cells define {name!r}, expected 1")
        cells[0]['source'] = textwrap.dedent(code).strip('\n').splitlines(keepends=True)
    return nb

def main(out:Path):
    out.mkdir(parents=True, exist_ok=True)
    for f in out.glob('*.ipynb'): f.unlink()
    for assignment, variants in VARIANTS.items():
        solution = ROOT/'course'/'dist'/'solutions'/f'{assignment}.ipynb'
        if not solution.exists(): sys.exit(f"course/submissions.py: {solution} missing: run course/build.py first")
        nb = json.loads(solution.read_text(encoding='utf-8'))
        for c in nb['cells']:
            if c['cell_type'] == 'code': c['outputs'], c['execution_count'] = [], None
        for name, replacements in {'reference': {}, **variants}.items():
            (out/f'{assignment}-{name}.ipynb').write_text(json.dumps(with_variant(nb, replacements), indent=1), encoding='utf-8')
    print(f"{len(list(out.glob('*.ipynb')))} submissions in {out}")

if __name__ == '__main__':
    if len(sys.argv) != 2: sys.exit(__doc__)
    main(Path(sys.argv[1]))
