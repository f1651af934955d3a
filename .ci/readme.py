"""Write README.md from nbs/index.ipynb (nbdev_readme needs Quarto, which is not installable here).

`python .ci/readme.py` rewrites README.md; `--check` only reports whether it is current (exit 1 if not)."""
import re, sys
from pathlib import Path
import nbformat

root = Path(__file__).resolve().parent.parent

def render(nb_path=root/'nbs'/'index.ipynb'):
    "Markdown of the notebook: markdown cells as they are, code cells as python blocks, hidden cells and `#|` directives left out."
    nb = nbformat.read(nb_path, as_version=4)
    parts = ['<!-- Generated from nbs/index.ipynb by .ci/readme.py: edit the notebook, not this file. -->']
    for cell in nb.cells:
        src = cell.source.strip()
        if cell.cell_type == 'markdown': parts.append(src)
        elif cell.cell_type == 'code':
            lines = src.splitlines()
            if any(re.match(r'#\|\s*(hide|exporti?|eval:\s*false)\b', l) for l in lines): continue
            code = '\n'.join(l for l in lines if not l.startswith('#|')).strip()
            if code: parts.append(f'```python\n{code}\n```')
    return '\n\n'.join(parts) + '\n'

if __name__ == '__main__':
    text, readme = render(), root/'README.md'
    if '--check' in sys.argv:
        ok = readme.exists() and readme.read_text(encoding='utf-8') == text
        print('README.md is current' if ok else 'README.md is out of date: run python .ci/readme.py')
        sys.exit(0 if ok else 1)
    readme.write_text(text, encoding='utf-8')
