"""The report pages as a reader sees them: rendered offline by headless
Chromium to PNG, checked for script errors and for visible content.
Set KEEP_SCREENSHOTS=DIR to keep the PNGs for a look."""
import base64
import io
import os
import re
import shutil
import subprocess

import numpy as np
import pytest
from PIL import Image

CHROMIUM = next((found for name in ("chromium", "chromium-browser", "google-chrome")
                 if (found := shutil.which(name))), None)
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no Chromium here: install Debian's 'chromium' package (.ci/run does) "
                             "to test the report pages as a browser renders them")


def chromium(url: str, tmp_path, *options: str) -> subprocess.CompletedProcess:
    """Headless Chromium, offline and with a fresh profile, on ``url``."""
    return subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}", *options, url],
        capture_output=True, text=True, timeout=120)


def render(page, png, tmp_path, width=1200, height=4000) -> list[str]:
    """Screenshot ``page`` into ``png``; returns the console messages."""
    result = chromium(page.as_uri(), tmp_path, "--enable-logging=stderr", "--v=0",
                      f"--window-size={width},{height}", f"--screenshot={png}")
    assert png.exists(), result.stderr[-2000:]
    return [line for line in result.stderr.splitlines() if ":CONSOLE" in line]


def ink(png) -> tuple[float, int]:
    """Share of non-white pixels, and how many of them are coloured (figures)."""
    pixels = np.asarray(Image.open(png).convert("RGB"), dtype=int).reshape(-1, 3)
    dark = int((pixels.min(axis=1) < 235).sum())
    coloured = int((pixels.max(axis=1) - pixels.min(axis=1) > 60).sum())
    return dark / len(pixels), coloured


def test_every_page_renders_offline_without_errors(seed_report, tmp_path):
    out, results = seed_report
    keep = os.environ.get("KEEP_SCREENSHOTS")
    for name in [*results["html"], "index.html"]:
        png = tmp_path / f"{name}.png"
        console = render(out / name, png, tmp_path)
        assert console == [], f"{name}: {console}"
        share, coloured = ink(png)
        assert share > 0.005, f"{name}: page looks blank ({share:.1%} of pixels drawn)"
        if name != "index.html":
            assert coloured > 5000, f"{name}: no figure visible ({coloured} coloured pixels)"
        if keep:
            shutil.copy(png, keep)


def test_rendering_catches_a_broken_page(tmp_path):
    broken = tmp_path / "broken.html"
    broken.write_text("<html><body><script>notDefined();</script></body></html>", encoding="utf-8")
    console = render(broken, tmp_path / "broken.png", tmp_path, height=400)
    assert any("notDefined" in line for line in console)
    assert ink(tmp_path / "broken.png")[0] < 0.001


def test_following_a_count_link_opens_its_evidence(seed_report, tmp_path):
    out, _ = seed_report
    page = out / "03_actor_mentions.html"
    fragment = re.search(r'<a class="count" href="#(ev-actor-Vladimir-Putin-[^"]+)"', page.read_text("utf-8"))[1]
    result = chromium(f"{page.as_uri()}#{fragment}", tmp_path, "--virtual-time-budget=3000", "--dump-dom")
    opened = re.findall(r'<details class="evidence" id="(ev-actor-[^"]+)" open', result.stdout)
    assert len(opened) == 1 and opened[0].startswith("ev-actor-Vladimir-Putin-"), opened
    assert f'<h4 id="{fragment}">' in result.stdout


def test_hostile_names_from_data_show_as_text(tmp_path):
    """Outlets from the manifest and actor groups from an analyst lexicon are
    table headers, legends and tick labels: they must never run or parse."""
    import csv
    from analysis.report import run_reports
    from conftest import SEEDS
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    hostile = {"Alwaght": '<script>console.error("xss-outlet")</script>',
               "Al Ain News": "<img src=x onerror=\"console.error('xss-img')\"> $\\undefined{x}$ </table>",
               "Arabi21": "عربي " * 4000}  # 20,000 characters
    with open(SEEDS / "metadata.csv", encoding="utf-8", newline="") as handle:
        rows = [{**row, "outlet": hostile.get(row["outlet"], row["outlet"])} for row in csv.DictReader(handle)]
    with open(corpus / "metadata.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    lexicons = tmp_path / "lexicons"
    lexicons.mkdir()
    actors = (SEEDS.parent / "data" / "actors.tsv").read_text(encoding="utf-8")
    (lexicons / "actors.tsv").write_text(actors.replace("\tDPRK\t", "\t<svg onload=console.error('xss-group')>\t"),
                                         encoding="utf-8")
    results = run_reports(corpus, tmp_path / "out", only=["03", "04"], run_date="2026-01-01",
                          parameters={"lexicons": str(lexicons), "labels": "en"})  # outlets and groups as headers
    assert (results["status"] == "ok").all(), results["error"].tolist()
    seen = ""
    for name in [*results["html"], "index.html"]:
        page = tmp_path / "out" / name
        console = render(page, tmp_path / f"{name}.png", tmp_path)
        assert console == [], f"{name}: {console}"
        text = page.read_text(encoding="utf-8")
        assert "<script>console" not in text and "<img src=x" not in text and "<svg onload" not in text, name
        seen += text
    assert "&lt;script&gt;console.error(" in seen and "&lt;svg onload=" in seen
    for encoded in re.findall(r'src="data:image/png;base64,([^"]+)"', seen):  # the long name is cut, not drawn whole
        width, height = Image.open(io.BytesIO(base64.b64decode(encoded))).size
        assert width < 3000 and height < 3000, (width, height)


ORDER_SCRIPT = """<script>
// For each [data-check] element: the left edge of its first and last characters and of each [data-part] in it.
function edge(node, at) { var r = document.createRange(); r.setStart(node, at); r.setEnd(node, at + 1);
  return r.getBoundingClientRect().left; }
function text(el) { var w = document.createTreeWalker(el, NodeFilter.SHOW_TEXT), n, all = [];
  while ((n = w.nextNode())) { if (n.data.trim()) all.push(n); } return all; }
window.addEventListener("load", function () {
  var out = {};
  document.querySelectorAll("[data-check]").forEach(function (el) {
    var nodes = text(el), first = nodes[0], last = nodes[nodes.length - 1];
    out[el.dataset.check] = {first: edge(first, 0), last: edge(last, last.data.length - 1), parts: {}};
    el.querySelectorAll("[data-part]").forEach(function (p) { out[el.dataset.check].parts[p.dataset.part] =
      p.getBoundingClientRect().left; });
  });
  document.body.setAttribute("data-result", JSON.stringify(out));
});
</script>"""


def test_mixed_arabic_and_latin_read_in_order(tmp_path):
    """A page that mixes Arabic, Latin, numbers, dates and ids as the reports
    do, measured where Chromium draws each part: a date or id in a
    right-to-left cell reads left to right, and in a line of English prose an
    Arabic label stays where the sentence puts it. The same markup with the
    old `unicode-bidi: plaintext` and no isolation is drawn out of order."""
    import html
    import json
    import pandas as pd
    from analysis.display import CSS, bidi, table
    speakers = "2 sources: Vladimir Putin, Kim Jong Un."
    reason = "inferred from the text: the anniversary of '19 يونيو/حزيران 2024' (2024-06-19)"
    cells = table(pd.DataFrame({"الوسيلة": ["العين الإخبارية"], "المتحدثون": [speakers],
                                "التاريخ": ["2024-06-19"], "القيمة": ["XXXX-WXX-4TMO"], "السبب": [reason]})).data
    cells = (cells.replace('<bdi dir="ltr">inferred', '<bdi dir="ltr" data-check="reason">inferred')
             .replace("<bdi>19 يونيو/حزيران 2024</bdi>", '<bdi data-part="phrase">19 يونيو/حزيران 2024</bdi>')
             .replace("(2024-06-19)", '(<span data-part="iso">2024-06-19</span>)'))
    cells = cells.replace("<bdi class=\"token\">2024-06-19</bdi>", "<bdi class=\"token\" data-check=\"date\">2024-06-19</bdi>")
    cells = cells.replace("<bdi class=\"token\">XXXX-WXX-4TMO</bdi>", "<bdi class=\"token\" data-check=\"id\">XXXX-WXX-4TMO</bdi>")
    cells = cells.replace(f"<bdi>{speakers}</bdi>", f'<bdi data-check="speakers">{speakers}</bdi>')
    line = bidi("4. زيارة أو قمة, 2000-07: 1 report")
    line = line.replace("<bdi>", '<bdi data-part="label">', 1).replace("2000-07", '<span data-part="date">2000-07</span>')
    old_line = '4. <span data-part="label">زيارة أو قمة</span>, <span data-part="date">2000-07</span>: 1 report'
    page = tmp_path / "mixed.html"
    page.write_text(f"""<!DOCTYPE html><html><head><meta charset="utf-8">{CSS}</head><body>
{cells}
<p data-check="line">{line}</p>
<p style="unicode-bidi: plaintext" data-check="old">{old_line}</p>
<table class="rtl" dir="rtl"><tr><td style="unicode-bidi: normal"><span data-check="oldspeakers">{speakers}</span></td></tr></table>
{ORDER_SCRIPT}</body></html>""", encoding="utf-8")
    result = chromium(page.as_uri(), tmp_path, "--virtual-time-budget=3000", "--dump-dom")
    found = json.loads(html.unescape(re.search(r'data-result="([^"]+)"', result.stdout)[1]))
    assert found["date"]["first"] < found["date"]["last"]  # 2024-06-19 drawn left to right in an RTL cell
    assert found["id"]["first"] < found["id"]["last"]
    assert found["speakers"]["first"] < found["speakers"]["last"]  # "2 sources: ... Un." reads left to right
    assert found["oldspeakers"]["first"] > found["oldspeakers"]["last"]  # not isolated: the "2" goes to the right
    assert found["line"]["parts"]["label"] < found["line"]["parts"]["date"]  # "4. <label>, 2000-07: 1 report"
    reason = found["reason"]  # English that quotes an Arabic date: the sentence's order, the date one phrase
    assert reason["first"] < reason["parts"]["phrase"] < reason["parts"]["iso"]
    assert found["old"]["parts"]["label"] > found["old"]["parts"]["date"]  # plaintext: the line turns right to left
