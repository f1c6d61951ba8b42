"""Issue 18, in a real browser: JupyterLab on 127.0.0.1 (a free port, a
random token) with the explorer notebook, driven by Playwright's Python API
in Debian's headless Chromium (``executable_path``: no browser download).
It runs the notebook, changes a selector, clicks a count and reads the
sentences behind it; then adds a new actor through the Lexicon tab and
checks the file and the next tagging. Skipped, saying why, where Chromium is
missing (.ci/run installs it)."""
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

import analysis
from analysis.explorer import Explorer
from conftest import ROOT, SEEDS, load_quietly

CHROMIUM = shutil.which("chromium")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it "
                                                         "with apt): the JupyterLab browser tests need it")
SHOTS = Path(os.environ.get("EXPLORER_SHOTS", "")) if os.environ.get("EXPLORER_SHOTS") else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server on the explorer notebook (labels in English, the
    Lexicon tab writing to ``my_story``): (base url, token, root folder)."""
    root = tmp_path_factory.mktemp("lab")
    (root / "my_story").mkdir()
    notebook = json.loads((ROOT / "notebooks" / "05_explore.ipynb").read_text(encoding="utf-8"))
    parameters = next(c for c in notebook["cells"] if "parameters" in c["metadata"].get("tags", []))
    parameters["source"] = [line.replace('labels = "ar"', 'labels = "en"').replace(
        'lexicons = ""', f'lexicons = "{root / "my_story"}"') for line in parameters["source"]]
    (root / "explore.ipynb").write_text(json.dumps(notebook, ensure_ascii=False), encoding="utf-8")
    port, token = _free_port(), secrets.token_hex(16)
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
         f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}", "--ServerApp.disable_check_xsrf=True",
         "--allow-root",
         "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=root,
        env={**os.environ, "JUPYTER_CONFIG_DIR": str(root / ".jupyter"), "PYTHONHASHSEED": "0"})
    url = f"http://127.0.0.1:{port}"
    for _ in range(360):
        try:
            urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2)
            break
        except OSError:
            time.sleep(0.5)
    else:
        server.kill()
        pytest.fail("JupyterLab did not start within 3 minutes")
    yield url, token, root
    server.terminate()
    server.wait(timeout=30)


def _shot(page, name: str) -> None:
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _run_all(page, root) -> None:
    """Run every cell once the kernel is idle; wait for the explorer (a
    loaded machine can be slow: one more try, then a screenshot saying where
    it stopped)."""
    page.locator(".jp-StatusBar-Item", has_text="Idle").first.wait_for(timeout=120_000)
    for attempt in range(2):
        page.locator(".lm-MenuBar-item", has_text="Run").first.click()
        page.locator(".lm-Menu-item", has_text="Run All Cells").first.click()
        try:
            page.wait_for_selector(".explorer-count", timeout=150_000)
            return
        except Exception:
            page.screenshot(path=str(root / f"not-run-{attempt}.png"))
    raise AssertionError(f"the explorer did not appear; screenshots in {root}")


def test_explorer_in_jupyterlab(lab):
    from playwright.sync_api import sync_playwright
    url, token, root = lab
    articles, _ = load_quietly(SEEDS)
    explorer = Explorer(analysis.tag(articles))
    political = int(explorer.counts("frames").loc["Political", "Al Ain News"])
    first, _ = explorer.evidence("frames", "Political", "Al Ain News")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1500, "height": 1100})
        page.goto(f"{url}/lab/tree/explore.ipynb?token={token}")
        page.wait_for_selector(".jp-Notebook", timeout=60_000)
        _run_all(page, root)
        _shot(page, "1-actors")
        page.locator("button", has_text="frames × outlets").first.click()
        cell = page.locator(".explorer-count[title='Political | Al Ain News']")
        cell.wait_for(timeout=30_000)
        assert cell.inner_text().strip() == str(political)
        _shot(page, "2-frames")
        cell.click()
        evidence = page.locator(".explorer-evidence")
        evidence.locator("mark").first.wait_for(timeout=30_000)
        text = evidence.inner_text()
        assert f"{political} rows" in text and "Al Ain News" in text
        assert first["sentence"].str.replace(r"<[^>]+>", "", regex=True).iloc[0][:40] in text
        evidence.scroll_into_view_if_needed()
        _shot(page, "3-evidence")
        page.locator(".lm-TabBar-tab", has_text="Lexicon").first.click()
        page.locator(".lexicon-name select").select_option(label="بارك وون جون")
        for placeholder, value in (("park_won_gon", "park_won_gon"), ("Park Won-gon", "Park Won-gon"),
                                   ("South Korea", "South Korea")):
            page.get_by_placeholder(placeholder).fill(value)
            page.get_by_placeholder(placeholder).press("Enter")
        page.locator(".lexicon-add-actor").click()
        page.locator(".lexicon-result", has_text="Written to").wait_for(timeout=30_000)
        _shot(page, "4-lexicon")
        browser.close()
    actors = (root / "my_story" / "actors.tsv").read_text(encoding="utf-8")
    assert "park_won_gon\tPark Won-gon\t\tPERSON\tSouth Korea\tبارك وون جون" in actors
    retagged = analysis.tag(articles, layers=["mentions"], lexicons=root / "my_story")
    assert "park_won_gon" in set(retagged.mentions["actor_id"])
