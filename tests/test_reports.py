"""Notebooks run through papermill, the CLI, committed notebooks, environment files."""
import fcntl
import hashlib
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from matplotlib import font_manager

from analysis import DataFileError, SelectionError, Tagged
from analysis.display import fonts, table
from analysis.labels import Labels
from analysis.provenance import provenance
from analysis.report import NOTEBOOK_DIR, ReportError, notebooks, plan, run_reports
from analysis.run_folder import run_folder
from conftest import ARABIC, ROOT, SEEDS


def shared_store(seed_report) -> dict[str, str]:
    """The seed report's store as the ``tagged`` parameter: the parameter
    tests read it instead of tagging the seeds again."""
    return {"tagged": str(seed_report[0] / "store")}


def test_every_notebook_runs_on_the_seeds(seed_report):
    out, results = seed_report
    assert list(results["notebook"]) == [p.stem for p in notebooks()]
    assert (results["status"] == "ok").all(), results["error"].tolist()
    page = (out / "01_corpus_overview.html").read_text(encoding="utf-8")
    assert "<title>Corpus overview</title>" in page
    assert 'dir="rtl"' in page and "اظهار أخبار متعلقة" in page
    assert "data:image/png;base64" in page  # figures embedded, no external files
    assert "load_corpus(" not in page  # code hidden by default
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "01_corpus_overview.html" in index and "2026-01-01" in index
    # the corpus was tagged once, into the run folder, and every notebook read that store
    assert (out / "store" / "store.json").is_file()
    for name in results["notebook"]:
        executed = nbformat.read(out / f"{name}.ipynb", as_version=4)
        injected = next(c for c in executed.cells if "injected-parameters" in c.metadata.get("tags", []))
        assert 'tagged = "store"' in injected.source, name


def test_a_store_of_another_corpus_is_refused(seed_report, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(ARABIC, encoding="utf-8")
    results = run_reports(corpus, tmp_path / "out", only=["01"], parameters=shared_store(seed_report))
    assert results["status"].tolist() == ["failed"]
    assert "StoreError" in results["error"].iloc[0] and "tagged from another corpus" in results["error"].iloc[0]


def test_rerun_gives_identical_bytes(seed_report, tmp_path):
    first, _ = seed_report
    run_reports(SEEDS, tmp_path, run_date="2026-01-01")
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    assert Path("store/store.json") in files and any(p.parent == Path("store/mentions") for p in files)
    for path in files:  # pages, notebooks and the tagged store alike
        assert (first / path).read_bytes() == (tmp_path / path).read_bytes(), path


def test_every_page_carries_its_provenance(seed_report):
    out, results = seed_report
    record = provenance("2026-01-01", SEEDS, None, Tagged.open(out / "store", corpus=SEEDS))
    assert record["corpus"]["articles"] == 5 and record["corpus"]["files"] == 6
    assert record["load_report"] == {"loaded": 3, "warning": 2, "skipped": 0}
    for name in [*results["html"], "index.html"]:
        page = (out / name).read_text(encoding="utf-8")
        assert record["corpus"]["sha256"] in page and "run date</th><td>2026-01-01" in page, name
        assert "loaded 3, warning 2, skipped 0" in page and "camel-tools 1." in page, name
        for data_file in record["data_files"]:
            assert f"<code>{data_file['file']}</code></td><td>bundled</td><td><code>{data_file['sha256']}" in page
        assert f"corpus = &#34;{SEEDS}&#34;" in page or f'corpus = "{SEEDS}"' in page, name
    overview = (out / "01_corpus_overview.html").read_text(encoding="utf-8")
    assert "max_rows = 50" in overview and "n_boot" not in overview  # this notebook's own parameters
    executed = nbformat.read(out / "04_framing.ipynb", as_version=4)
    assert executed.metadata["analysis_provenance"]["parameters"]["n_boot"] == "1000"


def test_pages_need_no_network(seed_report):
    out, results = seed_report
    for name in [*results["html"], "index.html"]:
        page = (out / name).read_text(encoding="utf-8")
        assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=[\"']?(https?:)?//", page), name
        assert "cdnjs" not in page and "require.js" not in page, name


def test_dated_run_updates_the_latest_pointer(seed_report, tmp_path):
    out, results = seed_report
    latest = out.parent / "latest"
    assert results.attrs["latest"] == latest and latest.is_symlink()
    assert latest.readlink() == Path("2026-01-01") and (latest / "index.html").is_file()
    second = tmp_path / "2026-01-02"  # a later run moves the pointer; an undated folder does not
    run_reports(SEEDS, second, only=["01"], run_date="2026-01-02", parameters=shared_store(seed_report))
    assert (tmp_path / "latest").readlink() == Path("2026-01-02")
    assert run_reports(SEEDS, tmp_path / "adhoc", only=["01"], run_date="2026-01-03",
                       parameters=shared_store(seed_report)).attrs["latest"] is None
    assert (tmp_path / "latest").readlink() == Path("2026-01-02")
    backfill = run_reports(SEEDS, tmp_path / "2025-12-31", only=["01"], run_date="2025-12-31",
                           parameters=shared_store(seed_report))
    assert backfill.attrs["latest"] is None and (tmp_path / "latest").readlink() == Path("2026-01-02")


def test_a_store_kept_between_runs_tags_only_new_articles(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    run_reports(corpus, tmp_path / "2026-01-01", only=["01"], run_date="2026-01-01", store=tmp_path / "store")
    (corpus / "new.txt").write_text(ARABIC, encoding="utf-8")
    run_reports(corpus, tmp_path / "2026-01-02", only=["01"], run_date="2026-01-02", store=tmp_path / "store")
    index = (tmp_path / "2026-01-02" / "index.html").read_text(encoding="utf-8")
    assert "This run tagged 1 new or changed articles, kept 5\nfrom the store and removed 0." in index
    assert not (tmp_path / "2026-01-02" / "store").exists()  # the pages read the kept store
    page = (tmp_path / "2026-01-02" / "01_corpus_overview.html").read_text(encoding="utf-8")
    assert "6 articles" in page or ">6<" in page


@pytest.fixture
def small_disk(tmp_path):
    """A 24 MB tmpfs (real ENOSPC and read-only errors); skips where mounting is not allowed."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", str(disk)],
                      capture_output=True).returncode:
        pytest.skip("cannot mount a tmpfs here (needs root): disk-full and read-only runs not tried")
    yield disk
    subprocess.run(["umount", str(disk)], check=True)


def test_a_run_that_cannot_finish_leaves_the_previous_run_as_it_was(seed_report, small_disk):
    out = small_disk / "out"
    seen = []

    def progress(line):  # while notebooks run, out is untouched and the run writes beside it
        if line.startswith("running"):
            seen.append(sorted(p.name for p in small_disk.iterdir()))
    run_reports(SEEDS, out, only=["01"], parameters=shared_store(seed_report), progress=progress)
    assert seen[0][0] == ".out.lock" and seen[0][1].startswith(".out.partial-") and "out" not in seen[0]
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    filler = small_disk / "filler"
    with open(filler, "wb") as handle:  # leave 64 KB: the executed notebook does not fit
        free = shutil.disk_usage(small_disk).free
        handle.write(bytes(free - 64 * 1024))
    with pytest.raises(ReportError, match=rf"cannot write the report into {out}: No space left on device"):
        run_reports(SEEDS, out, only=["01"], parameters=shared_store(seed_report))
    filler.unlink()
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    with pytest.raises(ReportError, match="Read-only file system"):
        run_reports(SEEDS, out, only=["01"], parameters=shared_store(seed_report))
    assert {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in small_disk.iterdir()) == [".out.lock", "out"]  # no partial run left


def test_one_run_at_a_time_and_only_over_a_report_folder(tmp_path):
    out = tmp_path / "out"
    (tmp_path / ".out.partial-99999").mkdir()  # left by a run that was killed
    with open(tmp_path / ".out.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another run is writing out
        with pytest.raises(ReportError, match="another report run is writing"):
            run_reports(SEEDS, out, only=["01"])
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(ReportError, match="is not a report folder"):
        run_reports(SEEDS, out, only=["01"])
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"
    (out / "notes.txt").unlink()
    with run_folder(out) as work:  # the stale partial folder is cleared by the next run
        assert sorted(p.name for p in tmp_path.iterdir()) == [".out.lock", work.name, "out"]


def test_corpus_fingerprint_follows_every_input(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    first = provenance("2026-01-01", corpus)["corpus"]["sha256"]
    assert provenance("2026-01-02", corpus)["corpus"]["sha256"] == first
    article = next(corpus.glob("002_*.txt"))
    article.write_bytes(article.read_bytes() + b" ")
    edited = provenance("2026-01-01", corpus)["corpus"]["sha256"]
    article.rename(corpus / "sub.txt")
    renamed = provenance("2026-01-01", corpus)["corpus"]["sha256"]
    assert len({first, edited, renamed}) == 3


def test_file_parameters_resolve_from_the_callers_folder_and_are_hashed(tmp_path):
    (tmp_path / "meta.csv").write_bytes((SEEDS / "metadata.csv").read_bytes().replace(b",Alwaght,", b",Al Waght,"))
    result = subprocess.run([sys.executable, "-m", "analysis", "report", "--corpus", str(SEEDS), "--out", "out",
                             "--only", "01", "-p", "manifest=meta.csv"], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    page = (tmp_path / "out" / "01_corpus_overview.html").read_text(encoding="utf-8")
    assert "Al Waght" in page
    digest = hashlib.sha256((tmp_path / "meta.csv").read_bytes()).hexdigest()
    assert f"<code>{tmp_path / 'meta.csv'}</code></td><td>parameter manifest</td><td><code>{digest}" in page


def test_article_text_is_escaped_in_html(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "evil.txt").write_text('عنوان <script>alert("x")</script>\n' + ARABIC, encoding="utf-8")
    (corpus / "other.txt").write_text(ARABIC + "جملة أخرى.", encoding="utf-8")
    results = run_reports(corpus, tmp_path / "out", only=["01"], parameters={"max_rows": "5"})
    assert (results["status"] == "ok").all(), results["error"].tolist()
    page = (tmp_path / "out" / "01_corpus_overview.html").read_text(encoding="utf-8")
    assert '<script>alert("x")' not in page and "&lt;script&gt;alert" in page


def test_parameters_are_checked_before_running(tmp_path):
    with pytest.raises(ReportError, match=r"unknown parameter\(s\) \['outlet'\]"):
        run_reports(SEEDS, tmp_path / "a", parameters={"outlet": "x"})
    with pytest.raises(ReportError, match="parameter 'max_rows': 'many' is not a int"):
        run_reports(SEEDS, tmp_path / "b", parameters={"max_rows": "many"})
    with pytest.raises(ReportError, match="unknown notebook '99'"):
        run_reports(SEEDS, tmp_path / "c", only=["99"])
    assert not (tmp_path / "a").exists()


def offline(command: list[str]) -> list[str]:
    """``command`` run in a network namespace that has only loopback (the
    kernels talk to papermill over 127.0.0.1); skips where that is not allowed."""
    if not (shutil.which("unshare") and shutil.which("ip")) or \
            subprocess.run(["unshare", "-rn", "true"], capture_output=True).returncode:
        pytest.skip("no network namespace here (unshare or ip missing, or unshare -rn refused)")
    return ["unshare", "-rn", "sh", "-c", 'ip link set lo up && exec "$@"', "offline", *command]


def test_failing_notebook_is_reported_and_exit_status_nonzero_offline(seed_report, tmp_path):
    out = tmp_path / "out"
    result = subprocess.run(offline(
        [sys.executable, "-m", "analysis", "report", "--corpus", str(SEEDS), "--out", str(out),
         "--only", "01", "02", "-p", 'outlets=["No Such Outlet"]', "-p", f"tagged={seed_report[0] / 'store'}"]),
        capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "failed 01_corpus_overview" in result.stdout and "unknown outlet" in result.stdout
    assert result.stdout.index("start 01_corpus_overview") < result.stdout.index("failed 01_corpus_overview in ")
    assert "FAILED" in (out / "index.html").read_text(encoding="utf-8")
    page = (out / "01_corpus_overview.html").read_text(encoding="utf-8")
    assert "This report failed.</strong> SelectionError: unknown outlet" in page


def test_cli_rejects_bad_parameter_syntax(tmp_path):
    result = subprocess.run([sys.executable, "-m", "analysis", "report", "--corpus", str(SEEDS),
                             "--out", str(tmp_path), "-p", "novalue"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 2 and "expected NAME=VALUE" in result.stderr


def test_committed_notebooks_have_no_outputs():
    for path in NOTEBOOK_DIR.glob("*.ipynb"):
        notebook = nbformat.read(path, as_version=4)
        nbformat.validate(notebook)
        for cell in notebook.cells:
            if cell.cell_type == "code":
                assert cell.outputs == [] and cell.execution_count is None, path.name
        tags = [c.metadata.get("tags", []) for c in notebook.cells]
        assert sum("parameters" in t for t in tags) == 1, path.name


def test_environment_yml_pins_the_locked_versions():
    lock = {p["name"]: p["version"] for p in tomllib.loads((ROOT / "uv.lock").read_text())["package"]
            if "version" in p}
    text = (ROOT / "environment.yml").read_text(encoding="utf-8")
    pinned = dict(re.findall(r'^      - "([A-Za-z0-9_.\-]+)==([^ "]+)', text, flags=re.M))
    assert pinned, "no pinned pip packages in environment.yml"
    for name, version in pinned.items():
        assert lock.get(name) == version, f"{name}: environment.yml {version}, uv.lock {lock.get(name)}"
    expected = set(lock) - {"arabic-news-analysis", "uv", "camel-tools"}
    assert set(pinned) == expected, f"missing: {expected - set(pinned)}, extra: {set(pinned) - expected}"
    assert f"camel-tools=={lock['camel-tools']}" in text  # the --no-deps step
    assert "torch" not in lock and "transformers" not in lock


@pytest.mark.skipif(shutil.which("uv") is None and not (ROOT / ".venv/bin/uv").exists(), reason="uv not installed")
def test_lock_is_up_to_date_with_pyproject():
    uv = shutil.which("uv") or str(ROOT / ".venv/bin/uv")
    result = subprocess.run([uv, "lock", "--check", "--offline"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr


def check_page(page, title: str, expected: tuple[str, ...], images: int) -> None:
    """The page has this title, every expected text and at least ``images`` figures."""
    text = page.read_text(encoding="utf-8")
    assert f"<title>{title}</title>" in text
    for part in expected:
        assert part in text, part
    assert text.count("<img") >= images


def test_actor_notebook_page(seed_report):
    out, _ = seed_report
    check_page(out / "03_actor_mentions.html", "Actor mentions",
               ("فلاديمير بوتين", "كيم جونغ أون", "وكالة الأنباء المركزية الكورية", "قسطنطين بلوخين",
                "أرتيوم لوكين", "Mentions per 1,000 words"), images=3)  # heatmap, co-occurrence, group shares
    page = (out / "03_actor_mentions.html").read_text(encoding="utf-8")
    assert "Vladimir Putin" not in page and ">putin<" not in page  # labels="ar": no English name, no raw id


def test_actor_notebook_parameters(seed_report, tmp_path):
    parameters = {**shared_store(seed_report), "actors": '["putin", "Kim Jong Un", "russia"]',
                  "groups": '["Russia", "DPRK"]',
                  "per_1000_words": "False", "include_adjectives": "True", "labels": "en"}
    results = run_reports(SEEDS, tmp_path, only=["03"], parameters=parameters)
    assert (results["status"] == "ok").all(), results["error"].tolist()
    page = (tmp_path / "03_actor_mentions.html").read_text(encoding="utf-8")
    assert "Vladimir Putin" in page and "North Korea" not in page.split("Evidence")[0]
    assert "فلاديمير بوتين" not in page.split("Evidence")[0]  # English labels
    counts = page.split("Mentions</caption>")[1].split("</table>")[0]
    assert 'dir="ltr"' in page.split("Mentions</caption>")[0].rsplit("<table", 1)[1]  # no Arabic: left to right
    links = re.findall(r'<a class="count" href="#(ev-actor-[^"]+)"><bdi class="token">(\d+)</bdi></a>', counts)
    assert len(links) >= 6  # 3 actors x at least 2 outlets
    for fragment, count in links:  # each raw count is the number of sentences its link leads to
        assert re.search(rf'<h4 id="{fragment}"><bdi>[^<]*</bdi> \({count}\)</h4>', page), (fragment, count)
    failed = run_reports(SEEDS, tmp_path / "bad", only=["03"],
                         parameters={**shared_store(seed_report), "actors": '["nobody"]'})
    assert failed["status"].tolist() == ["failed"]
    assert "unknown actor(s) [&#x27;nobody&#x27;]" in (tmp_path / "bad" / "03_actor_mentions.html").read_text(encoding="utf-8") \
        or "unknown actor(s) ['nobody']" in failed["error"].iloc[0]


def test_timeline_notebook_page(seed_report):
    out, _ = seed_report
    check_page(out / "02_timeline.html", "Timeline of events",
               ("زيارة أو قمة", "2024-06-18", "العربي الجديد", "يوليو/تموز 2000",
                "Publication dates and where they come from", "no earlier than"), images=3)  # timeline, detail, coverage


def test_timeline_notebook_parameters(seed_report, tmp_path):
    parameters = {**shared_store(seed_report), "date_from": "2024-01-01", "date_to": "2024-12-31",
                  "actors": '["Vladimir Putin"]',
                  "event_types": '["visit_summit", "agreement_treaty"]', "min_sources": "2", "labels": "en"}
    results = run_reports(SEEDS, tmp_path, only=["02"], parameters=parameters)
    assert (results["status"] == "ok").all(), results["error"].tolist()
    page = (tmp_path / "02_timeline.html").read_text(encoding="utf-8")
    events = page.split("most recent first</caption>")[1].split("</table>")[0]
    assert "visit or summit" in events and "2024-06-18TEV" in events and "sanctions" not in events
    assert "Al Ain News" in events and "العين الإخبارية" not in page
    failed = run_reports(SEEDS, tmp_path / "bad", only=["02"],
                         parameters={**shared_store(seed_report), "event_types": '["invasion"]'})
    assert failed["status"].tolist() == ["failed"]
    assert "unknown event type(s)" in failed["error"].iloc[0]


def test_every_count_link_leads_to_its_evidence(seed_report):
    out, _ = seed_report
    linked = {}
    for name, kinds in {"02_timeline": ["event"], "03_actor_mentions": ["actor"],
                        "04_framing": ["frame", "naming", "voice"]}.items():
        page = (out / f"{name}.html").read_text(encoding="utf-8")
        targets = set(re.findall(r'id="(ev-[^"]+)"', page))
        for kind in kinds:
            links = re.findall(rf'href="#(ev-{kind}-[^"]+)"', page)
            assert links and set(links) <= targets, (name, kind, set(links) - targets)
            linked[kind] = len(links)
    assert linked["actor"] > 100 and linked["frame"] > 40, linked
    page = (out / "03_actor_mentions.html").read_text(encoding="utf-8")
    assert '<details class="evidence" id="ev-actor-Vladimir-Putin-' in page
    assert "<summary><bdi>فلاديمير بوتين</bdi>: " in page


def test_framing_notebook_page(seed_report):
    out, _ = seed_report
    check_page(out / "04_framing.html", "Framing across outlets",
               ("الأمن والدفاع", "العلاقات الخارجية والسمعة", "عملية عسكرية خاصة",
                "العمليات العسكرية الروسية الخاصة", "Whose voices", "وكالة الأنباء المركزية الكورية",
                "أرتيوم لوكين", "Distinctive terms", "كورسك", "Tone near actors", "Evidence per frame"),
               images=3)  # frame profiles, war names, voices


def test_framing_notebook_parameters(seed_report, tmp_path):
    parameters = {**shared_store(seed_report), "frames": '["Security and defense", "Economic"]',
                  "concepts": '["ukraine_war"]',
                  "reference_outlet": "Alwaght", "unit": "paragraph", "n_boot": "200", "top_terms": "5"}
    results = run_reports(SEEDS, tmp_path, only=["04"], parameters=parameters)
    assert (results["status"] == "ok").all(), results["error"].tolist()
    page = (tmp_path / "04_framing.html").read_text(encoding="utf-8")
    assert "against <bdi>الوقت</bdi>" in page and "paragraphs carrying a frame" in page
    profile = page.split("carrying a frame")[1].split("</table>")[0]
    assert "اقتصادي" in profile and "سياسي" not in profile
    assert "اسم كوريا الشمالية" not in page.split("Names per concept")[1].split("</table>")[0]
    failed = run_reports(SEEDS, tmp_path / "bad", only=["04"],
                         parameters={**shared_store(seed_report), "frames": '["Propaganda"]'})
    assert failed["status"].tolist() == ["failed"]
    assert "unknown frame(s)" in failed["error"].iloc[0]


def test_every_figure_has_a_caption_and_no_page_shows_code(seed_report):
    out, results = seed_report
    for name in results["notebook"]:
        notebook = nbformat.read(out / f"{name}.ipynb", as_version=4)
        outputs = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs]
        for i, output in enumerate(outputs):
            if "image/png" in output.get("data", {}):
                following = next((o for o in outputs[i + 1:] if "text/html" in o.get("data", {})), None)
                assert following and following["data"]["text/html"].startswith('<p class="caption">'), name
        page = (out / f"{name}.html").read_text(encoding="utf-8")
        assert "jp-CodeMirrorEditor jp-Editor" not in page and "display.setup()" not in page, name


def test_with_code_shows_the_code(seed_report, tmp_path):
    results = run_reports(SEEDS, tmp_path, only=["01"], with_code=True, parameters=shared_store(seed_report))
    page = (tmp_path / "01_corpus_overview.html").read_text(encoding="utf-8")
    assert results["status"].tolist() == ["ok"] and "jp-CodeMirrorEditor jp-Editor" in page and "open_or_tag" in page


def test_labels_in_both_languages(tmp_path):
    arabic, english = Labels("ar"), Labels("en")
    assert arabic("Vladimir Putin") == "فلاديمير بوتين" and english("Vladimir Putin") == "Vladimir Putin"
    assert arabic("Security and defense") == "الأمن والدفاع" and english("visit_summit") == "visit or summit"
    assert arabic("No Such Outlet") == "No Such Outlet" and arabic(3) == 3  # no label: shown as it is
    table = pd.DataFrame({"outlet": ["Alwaght"], "n": [1]})
    assert arabic.frame(table, columns=["outlet"])[arabic("outlet")].tolist() == ["الوقت"]  # headers too
    articles = pd.DataFrame({"outlet": ["Alwaght"]}, index=pd.Index(["war"], name="article_id"))  # war.txt
    assert arabic.frame(articles).index.tolist() == ["war"]  # an article id is never relabelled
    with pytest.raises(SelectionError, match=r"unknown labels language \['fr'\]"):
        Labels("fr")
    (tmp_path / "labels.tsv").write_text("key\ten\tar\nwar\twar\t\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"labels.tsv:2: .*ar"):
        Labels("ar", tmp_path)


def test_chosen_fonts_exist_on_this_machine():
    installed = {f.name for f in font_manager.fontManager.ttflist}
    assert fonts() and set(fonts()) <= installed


def test_path_and_number_parameters_are_checked_before_running(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "2025-01-01").mkdir()  # a folder named like a date is not a path for date_to
    for name, value, message in [("lexicons", "missing", "parameter 'lexicons': 'missing' is not an existing folder"),
                                 ("tagged", "2025-01-01/x", "'2025-01-01/x' is not an existing folder"),
                                 ("max_rows", "-1", "parameter 'max_rows': -1 is below its minimum, 1")]:
        with pytest.raises(ReportError, match=re.escape(message)):
            run_reports(SEEDS, tmp_path / "out", parameters={name: value})
    result = subprocess.run([sys.executable, "-m", "analysis", "report", "--corpus", str(SEEDS), "--out", "out",
                             "-p", "manifest=missing.csv"], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 2 and "'missing.csv' is not an existing file" in result.stderr, result.stderr
    assert not (tmp_path / "out").exists()
    planned = next(iter(plan(notebooks(only=["02"]), {"date_to": "2025-01-01"}).values()))
    assert planned[0]["date_to"] == "2025-01-01"


def test_the_exported_explorer_is_static_tables(seed_report):
    """Notebook 05 in the report: the counts of every view as tables, no
    widget placeholder (a page holds no widget state)."""
    folder, _ = seed_report
    page = (folder / "05_explore.html").read_text(encoding="utf-8")
    assert "application/vnd.jupyter.widget" not in page and "Loading widget" not in page
    for view in ("actors × outlets", "frames × outlets", "names × outlets", "events: month × type"):
        assert f"Counts: {view}" in page


def test_notebooks_run_on_empty_selections(seed_report, tmp_path):
    nothing = run_reports(SEEDS, tmp_path / "dates", run_date="2026-01-01",
                          parameters={**shared_store(seed_report), "date_from": "2030-01-01"})
    assert (nothing["status"] == "ok").all(), nothing["error"].tolist()
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("هذا نص قصير عن الطقس في المدينة. الجو مشمس.\n", encoding="utf-8")
    no_match = run_reports(corpus, tmp_path / "no_match", only=["03", "04"], run_date="2026-01-01")
    assert (no_match["status"] == "ok").all(), no_match["error"].tolist()
    for folder, name in [*((tmp_path / "dates", name) for name in nothing["notebook"]),
                         (tmp_path / "no_match", "03_actor_mentions")]:
        page = (folder / f"{name}.html").read_text(encoding="utf-8")
        assert "Nothing selected" in page and "UserWarning" not in page, name


def test_tables_show_no_row_numbers_but_keep_named_indexes():
    filtered = pd.DataFrame({"outlet": ["a", "b", "c"], "n": [1, 2, 3]}).iloc[[0, 2]]  # its index: row numbers
    page = table(filtered).data
    assert "row_heading" not in page and page.count("<th ") == 2
    named = pd.DataFrame({"n": [1, 2]}, index=pd.Index(["x", "y"], name="outlet"))
    assert "<th ><bdi class=\"token\">x</bdi></th>" in table(named).data


def test_an_only_run_leaves_no_stale_page(seed_report, tmp_path):
    out = tmp_path / "2026-01-01"
    run_reports(SEEDS, out, only=["00", "01"], run_date="2026-01-01", parameters=shared_store(seed_report))
    assert (out / "00_findings.html").is_file() and (out / "tables" / "00_findings").is_dir()
    run_reports(SEEDS, out, only=["01"], run_date="2026-01-01", parameters=shared_store(seed_report))
    index = (out / "index.html").read_text(encoding="utf-8")
    linked = set(re.findall(r'href="([^"#]+)"', index))
    assert "01_corpus_overview.html" in linked and not any("00_findings" in link for link in linked)
    assert not (out / "00_findings.html").exists() and not (out / "tables" / "00_findings").exists()
    assert all((out / link).exists() for link in linked)  # nothing linked that is not there


def test_findings_state_each_difference_with_its_figures():
    from analysis import findings
    choices = pd.DataFrame({"concept": ["ukraine_war"] * 4 + ["treaty_2024"],
                            "outlet": ["A", "A", "B", "B", "A"],
                            "variant": ["war", "invasion", "special_military_operation", "war", "alliance"],
                            "n": [3, 1, 5, 5, 9]})
    choices["share"] = choices["n"] / choices.groupby(["concept", "outlet"])["n"].transform("sum")
    war = findings.war_names(choices)
    assert war[["outlet", "variant", "n", "names"]].values.tolist() == [["A", "war", 3, 4],
                                                                       ["B", "special_military_operation", 5, 10]]
    assert war["link"][0].startswith("04_framing.html#ev-naming-war-")
    shares = pd.DataFrame({"outlet": ["A", "A", "B", "B"], "frame": ["Economic", "Political"] * 2,
                           "units": [100, 100, 300, 300], "framed": [40, 10, 30, 90]})
    shares["share"] = shares["framed"] / shares["units"]
    leaning = findings.leaning_frames(shares, top=2)
    # A: Economic 40% against B's 10%; B: Political 30% against A's 10%; neither leans on its other frame
    assert leaning[["outlet", "frame", "framed", "units"]].values.tolist() == [["A", "Economic", 40, 100],
                                                                               ["B", "Political", 90, 300]]
    assert leaning["others"].round(2).tolist() == [0.1, 0.1]
    voices = pd.DataFrame({"outlet": ["A", "A", "B"], "speaker_group": ["Russia", "experts", "US and allies"],
                           "quotes": [2, 5, 1]})
    voices["share"] = voices["quotes"] / voices.groupby("outlet")["quotes"].transform("sum")
    assert findings.main_voices(voices)[["outlet", "speaker_group", "quotes", "all_quotes"]].values.tolist() == [
        ["A", "experts", 5, 7], ["B", "US and allies", 1, 1]]
    coverage = pd.DataFrame({"A": [1, 0, 7, 2], "B": [0, 0, 1, 5]}, index=["2024-01", "2024-02", "2024-03", "no date"])
    assert findings.busiest_months(coverage, top=2).values.tolist() == [["2024-03", 8, 2], ["2024-01", 1, 1]]
    events = pd.DataFrame({"event_id": [1, 2, 3], "event_type": ["visit_summit"] * 3, "value": ["2023", "2024", "2025"],
                           "n_outlets": [2, 3, 2], "n_articles": [9, 3, 9],
                           "date_end": pd.to_datetime(["2023-12-31", "2024-12-31", "2025-12-31"])})
    assert findings.widely_reported(events, top=2)["event_id"].tolist() == [2, 3]  # most outlets, then the latest


def test_a_cell_never_holds_a_whole_article(tmp_path):
    from analysis import display
    display.setup(str(tmp_path / "tables"))
    long = "وصل الرئيس الروسي إلى بيونغ يانغ. " * 2000  # 68,000 characters in one cell
    page = table(pd.DataFrame({"text": [long]}), name="long").data
    assert len(page) < 3 * display.MAX_CELL and "…" in page
    assert pd.read_parquet(tmp_path / "tables" / "long.parquet")["text"][0] == long  # the file keeps it whole
    display.setup()
