"""The report as a reader meets it on a real-sized corpus: 2,000 generated
articles from 8 outlets, and 300 from 2. Every page is run, stays under the
page cap, renders in headless Chromium without a script error, shows its
figures, and bounds every table (the full ones written beside it as CSV and
Parquet). Set KEEP_SCREENSHOTS=DIR to keep the screenshots for a look."""
import os
import re
import shutil

import pandas as pd
import pytest

from generated_corpus import OUTLETS, write_corpus
from test_rendering import CHROMIUM, ink, render

PAGE_CAP = 5 * 2**20  # bytes: the largest page a reader should have to open


def run(tmp_path_factory, name, articles, outlets):
    from analysis.report import run_reports
    corpus = write_corpus(tmp_path_factory.mktemp(name) / "corpus", articles, seed=5, new_words=0.1, outlets=outlets)
    out = corpus.parent / "2026-01-01"
    return out, run_reports(corpus, out, run_date="2026-01-01", parameters={"n_boot": "200"})


@pytest.fixture(scope="module")
def eight_outlets(tmp_path_factory):
    return run(tmp_path_factory, "eight", 2000, OUTLETS)


@pytest.fixture(scope="module")
def two_outlets(tmp_path_factory):
    return run(tmp_path_factory, "two", 300, OUTLETS[:2])


@pytest.mark.parametrize("report", ["eight_outlets", "two_outlets"])
def test_pages_are_bounded_and_render(report, request, tmp_path):
    out, results = request.getfixturevalue(report)
    assert (results["status"] == "ok").all(), results["error"].tolist()
    keep = os.environ.get("KEEP_SCREENSHOTS")
    for name in results["html"]:
        page = out / name
        assert page.stat().st_size < PAGE_CAP, (name, page.stat().st_size)
        if CHROMIUM:
            png = tmp_path / f"{report}-{name}.png"
            assert render(page, png, tmp_path, height=6000) == [], name
            share, coloured = ink(png)
            assert share > 0.01 and coloured > 5000, (name, share, coloured)
            if keep:
                shutil.copy(png, keep)


def test_every_cut_table_says_what_is_left_and_links_the_full_table(eight_outlets):
    out, results = eight_outlets
    files = {}
    for name in results["html"]:
        text = (out / name).read_text(encoding="utf-8")
        for shown, total, href in re.findall(r"Showing ([\d,]+) of ([\d,]+) [^;]*; full table: <a href=\"([^\"]+\.csv)\"",
                                             text):
            assert int(shown.replace(",", "")) < int(total.replace(",", "")), name  # (a cut table)
            full = files.get(href)
            if full is None:
                full = files[href] = pd.read_csv(out / href, encoding="utf-8-sig")
            total = int(total.replace(",", ""))  # an evidence file holds every section's rows
            assert len(full) >= total if "/evidence_" in href else len(full) == total, (name, href)
            assert (out / href).read_bytes().startswith(b"\xef\xbb\xbf")  # the BOM that makes Excel read UTF-8
            assert pd.read_parquet(out / href.replace(".csv", ".parquet"), columns=[]).shape[0] == len(full)
    overview = (out / "01_corpus_overview.html").read_text(encoding="utf-8")
    assert "article pairs; full table" in overview  # thousands of pairs: the page shows the first ones only
    events = (out / "02_timeline.html").read_text(encoding="utf-8")
    assert re.search(r"Showing [\d,]+ of [\d,]+ events \(50 per", events)


def test_evidence_names_its_article_and_marks_the_words(eight_outlets):
    out, _ = eight_outlets
    page = (out / "03_actor_mentions.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="https://example.org/news/gen_\d+">', page)  # the article's title links to its URL
    assert "<mark>" in page and "<bdi class=\"token\">2025-" in page
