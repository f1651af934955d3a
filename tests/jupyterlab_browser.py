"""Browser test: the notebooks run and render in a real JupyterLab.

Starts JupyterLab on localhost, opens each notebook in headless Chromium (Debian's
`chromium`, driven by Playwright for Python: no browser download), runs its cells the
way `nbdev_test` does (cells flagged with a `tst_flags` flag such as `#| slow` are
skipped), then checks that no cell raised, that no widget failed to display, and that
the expected plots and widgets are on the page. Screenshots go to `test-output/browser/`.

    python tests/jupyterlab_browser.py                      # the features and search notebooks
    python tests/jupyterlab_browser.py nbs/06_cells.ipynb   # any notebooks
"""
from __future__ import annotations
import argparse, configparser, json, os, shutil, socket, subprocess, sys, tempfile, time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NBS = ROOT/'nbs'
DEFAULT = ['01_features.ipynb', '08_search.ipynb']
CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
                 '--disable-background-networking', '--disable-component-update', '--disable-sync']
# JupyterLab user settings for the test: no autosave (the committed notebooks stay untouched), no news pop-up
SETTINGS = {'@jupyterlab/docmanager-extension/plugin': {'autosave': False},
            '@jupyterlab/apputils-extension/notification': {'fetchNews': 'false', 'checkForUpdates': False}}

RUN_CELLS_JS = """async (skipFlags) => {
  const app = window.jupyterapp;
  const panel = app.shell.currentWidget;
  await panel.sessionContext.ready;
  const nb = panel.content, report = {ran: 0, skipped: 0, errors: [], images: 0, widgets: 0};
  for (let i = 0; i < nb.widgets.length; i++) {
    const cell = nb.widgets[i];
    if (cell.model.type !== 'code') continue;
    const first = cell.model.sharedModel.getSource().split('\\n')[0].trim();
    const m = first.match(/^#\\|\\s*(\\S+)/);
    if (m && skipFlags.includes(m[1])) { report.skipped++; continue; }
    nb.activeCellIndex = i;
    nb.scrollToItem(i);
    await app.commands.execute('notebook:run-cell');
    report.ran++;
    const outs = cell.model.outputs.toJSON();
    for (const o of outs) {
      if (o.output_type === 'error') report.errors.push({cell: i, ename: o.ename, evalue: o.evalue});
      const data = o.data || {};
      if (data['image/png'] || data['image/svg+xml']) report.images++;
      if (data['application/vnd.jupyter.widget-view+json']) report.widgets++;
    }
    if (report.errors.length) break;
  }
  return report;
}"""

def free_port() -> int:
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0)); return s.getsockname()[1]

def skip_flags() -> list[str]:
    cfg = configparser.ConfigParser(); cfg.read(ROOT/'settings.ini')
    return cfg['DEFAULT'].get('tst_flags', '').split()

def start_lab(tmp: Path, port: int, token: str) -> subprocess.Popen:
    "JupyterLab on localhost with its settings, workspaces and runtime files in `tmp`."
    settings = tmp/'settings'
    for plugin, values in SETTINGS.items():
        f = settings/f'{plugin}.jupyterlab-settings'
        f.parent.mkdir(parents=True, exist_ok=True); f.write_text(json.dumps(values))
    env = dict(os.environ, JUPYTERLAB_SETTINGS_DIR=str(settings), JUPYTERLAB_WORKSPACES_DIR=str(tmp/'ws'),
               JUPYTER_RUNTIME_DIR=str(tmp/'runtime'), IN_TEST='', PYTHONUNBUFFERED='1')
    cmd = [str(Path(sys.executable).parent/'jupyter'), 'lab', '--no-browser', f'--port={port}', '--ServerApp.ip=127.0.0.1',
           f'--IdentityProvider.token={token}', f'--ServerApp.root_dir={NBS}', '--LabApp.expose_app_in_browser=True',
           '--LabApp.news_url=None']
    if hasattr(os, 'geteuid') and os.geteuid() == 0: cmd.append('--allow-root')
    proc = subprocess.Popen(cmd, env=env, stdout=open(tmp/'jupyterlab.log', 'w'), stderr=subprocess.STDOUT)
    for _ in range(120):
        if proc.poll() is not None: raise RuntimeError(f'JupyterLab exited early: see {tmp/"jupyterlab.log"}')
        try: socket.create_connection(('127.0.0.1', port), 1).close(); return proc
        except OSError: time.sleep(0.5)
    raise RuntimeError('JupyterLab did not start within 60 s')

def check_notebook(page, port, token, nb: str, out: Path, timeout_s: float, require: bool) -> list[str]:
    "Open, run and inspect one notebook; return the problems found (empty when it passes)."
    name = Path(nb).stem
    page.goto(f'http://127.0.0.1:{port}/lab/tree/{nb}?token={token}&reset')
    page.wait_for_selector('.jp-NotebookPanel .jp-Notebook .jp-Cell', timeout=60_000)
    page.wait_for_function('() => window.jupyterapp && window.jupyterapp.shell.currentWidget '
                           '&& window.jupyterapp.shell.currentWidget.sessionContext', timeout=60_000)
    autosave = page.evaluate("async () => (await window.jupyterapp.serviceManager.settings"
                             ".fetch('@jupyterlab/docmanager-extension:plugin')).raw")
    autosave = json.loads(autosave or '{}').get('autosave', True)
    if autosave is not False: return [f'{nb}: JupyterLab autosave is on ({autosave!r}): refusing to run (it would rewrite the notebook)']
    t0 = time.time()
    page.set_default_timeout(timeout_s * 1000)
    report = page.evaluate(RUN_CELLS_JS, skip_flags())
    seconds = time.time() - t0
    page.wait_for_timeout(1500)  # let widgets and images finish rendering
    problems = [f'{nb}: cell {e["cell"]} raised {e["ename"]}: {e["evalue"]}' for e in report['errors']]
    text = page.inner_text('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook')
    if 'Error displaying widget' in text: problems.append(f'{nb}: "Error displaying widget" on the page')
    if 'Loading widget...' in text: problems.append(f'{nb}: a widget never finished loading')
    images = page.locator('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output img')
    widgets = page.locator('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output .widget-container, '
                           '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output .jupyter-widgets.widget-inline-hbox')
    n_img, n_wid = images.count(), widgets.count()
    # what the kernel produced must be on the page; the default notebooks must produce both
    if n_img < report['images']: problems.append(f'{nb}: {report["images"]} plots produced, {n_img} rendered')
    if n_wid < report['widgets']: problems.append(f'{nb}: {report["widgets"]} widgets produced, {n_wid} rendered')
    if require and n_img == 0: problems.append(f'{nb}: no plot rendered')
    if require and n_wid == 0: problems.append(f'{nb}: no widget rendered')
    shots = []
    # the first plots, and the last widgets (the explorers come after the progress bars)
    for kind, loc, idx in (('plot', images, range(min(n_img, 2))), ('widget', widgets, range(n_wid - 1, max(n_wid - 3, -1), -1))):
        for i, j in enumerate(idx):
            loc.nth(j).scroll_into_view_if_needed()
            page.wait_for_timeout(300)
            path = out/f'{name}-{kind}{i+1}.png'
            page.screenshot(path=str(path)); shots.append(path.name)
    print(f'{nb}: ran {report["ran"]} cells ({report["skipped"]} flagged cells skipped) in {seconds:.0f} s; '
          f'{n_img} images, {n_wid} widgets; screenshots: {", ".join(shots) or "none"}')
    return problems

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('notebooks', nargs='*', help='notebooks (paths or names under nbs/)')
    ap.add_argument('--out', default=str(ROOT/'test-output'/'browser'), help='folder for the screenshots')
    ap.add_argument('--timeout', type=float, default=600, help='seconds allowed per notebook')
    args = ap.parse_args(argv)
    from playwright.sync_api import sync_playwright
    nbs = [str(Path(n).resolve().relative_to(NBS)) if Path(n).exists() else n for n in (args.notebooks or DEFAULT)]
    for n in nbs:
        if not (NBS/n).exists(): sys.exit(f'no notebook {NBS/n}')
    browser_path = shutil.which('chromium') or shutil.which('chromium-browser')
    if not browser_path: sys.exit('chromium not found: install it (Debian: apt-get install chromium)')
    out = Path(args.out); out.mkdir(parents=True, exist_ok=True)
    tmp, port, token = Path(tempfile.mkdtemp(prefix='jl-test-')), free_port(), os.urandom(8).hex()
    lab, problems = start_lab(tmp, port, token), []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=browser_path, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={'width': 1400, 'height': 1000})
            for nb in nbs:
                try: problems += check_notebook(page, port, token, nb, out, args.timeout, require=not args.notebooks)
                except Exception as e: problems.append(f'{nb}: {type(e).__name__}: {e}')
            browser.close()
    finally:
        lab.terminate()
        try: lab.wait(20)
        except subprocess.TimeoutExpired: lab.kill()
    for p in problems: print('FAIL', p)
    print(f'{len(nbs) - len({p.split(":")[0] for p in problems})} passed, {len({p.split(":")[0] for p in problems})} failed')
    return 1 if problems else 0

if __name__ == '__main__':
    sys.exit(main())
