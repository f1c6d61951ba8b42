"""Corpus folders as a hostile file system makes them: every entry gets a
load-report row, nothing blocks, nothing crashes (examples and a property
test over random trees)."""
import os
import stat
import tempfile
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import analysis
from analysis.entries import corpus_entries, printable
from analysis.fingerprints import corpus_files, corpus_sha256
from conftest import ARABIC, load_quietly, report_row

ROOT_READS_EVERYTHING = os.geteuid() == 0


def skipped_reason(articles, path):
    row = report_row(articles, path)
    assert row["status"] == "skipped", row
    return row["reason"]


def test_links_pipes_and_devices_each_get_a_row(corpus_dir, tmp_path):
    (corpus_dir / "a.txt").write_text(ARABIC, encoding="utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "b.txt").write_text(ARABIC + "ثم غادر.", encoding="utf-8")
    (corpus_dir / "linked").symlink_to(outside, target_is_directory=True)  # followed
    (corpus_dir / "linked_again").symlink_to(outside, target_is_directory=True)  # read once
    (corpus_dir / "up").symlink_to(tmp_path, target_is_directory=True)  # contains the corpus: a loop
    (corpus_dir / "to_a.txt").symlink_to(corpus_dir / "a.txt")
    (corpus_dir / "broken.txt").symlink_to(corpus_dir / "nowhere.txt")
    (corpus_dir / "loop1.txt").symlink_to(corpus_dir / "loop2.txt")
    (corpus_dir / "loop2.txt").symlink_to(corpus_dir / "loop1.txt")
    os.mkfifo(corpus_dir / "pipe.txt")
    (corpus_dir / "zero.txt").symlink_to("/dev/zero")
    articles, _ = load_quietly(corpus_dir)
    assert list(articles.index) == ["a", "b", "to_a"]
    assert report_row(articles, "linked/b.txt")["article_id"] == "b"
    assert skipped_reason(articles, "linked_again") == "link to a folder already read ('linked')"
    assert "symbolic link loop" in skipped_reason(articles, "up")
    assert skipped_reason(articles, "broken.txt").startswith("broken symbolic link")
    assert skipped_reason(articles, "loop1.txt").startswith("symbolic link loop")
    assert skipped_reason(articles, "pipe.txt") == "not a regular file: a FIFO (named pipe)"
    assert skipped_reason(articles, "zero.txt") == "not a regular file: a character device"
    assert "same text as article 'a'" in report_row(articles, "to_a.txt")["reason"]
    assert articles.attrs["source"]["sha256"] == corpus_sha256(corpus_files(corpus_dir))  # hashed as read


def test_a_real_folder_is_read_before_a_link_to_it(corpus_dir):
    (corpus_dir / "z_real").mkdir()
    (corpus_dir / "z_real" / "a.txt").write_text(ARABIC, encoding="utf-8")
    (corpus_dir / "a_link").symlink_to("z_real", target_is_directory=True)
    articles, _ = load_quietly(corpus_dir)
    assert report_row(articles, "z_real/a.txt")["article_id"] == "a"
    assert skipped_reason(articles, "a_link") == "link to a folder already read ('z_real')"


def test_a_fifo_given_as_corpus_or_manifest_is_an_error_not_a_hang(tmp_path, corpus_dir):
    (corpus_dir / "a.txt").write_text(ARABIC, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    os.mkfifo(tmp_path / "pipe.csv")
    outcome = {}

    def load():
        for source, manifest in ((tmp_path / "pipe.txt", None), (corpus_dir, tmp_path / "pipe.csv")):
            try:
                analysis.load_corpus(source, manifest=manifest)
            except analysis.AnalysisError as err:
                outcome[source.name] = str(err)
    worker = threading.Thread(target=load, daemon=True)
    worker.start()
    worker.join(timeout=20)
    assert not worker.is_alive(), "load_corpus blocked on a FIFO"
    assert outcome == {"pipe.txt": f"{tmp_path / 'pipe.txt'}: not a regular file: a FIFO (named pipe)",
                       "corpus": f"{tmp_path / 'pipe.csv'}: not a regular file: a FIFO (named pipe)"}
    from analysis.report import ReportError, run_reports
    with pytest.raises(ReportError, match="is not a file or folder .not a regular file: a FIFO"):
        run_reports(tmp_path / "pipe.txt", tmp_path / "out")
    with pytest.raises(ReportError, match="parameter 'manifest': .* is not an existing file"):
        run_reports(corpus_dir, tmp_path / "out", parameters={"manifest": str(tmp_path / "pipe.csv")})


def test_a_file_name_that_is_not_utf8_is_loaded_and_said(corpus_dir):
    name = os.fsencode(corpus_dir) + b"/bad\xff name.txt"
    with open(name, "wb") as handle:
        handle.write(ARABIC.encode())
    articles, _ = load_quietly(corpus_dir)
    row = report_row(articles, "bad\\xff name.txt")
    assert row["article_id"] == "bad\\xff name" and "not valid UTF-8" in row["reason"]
    folder = corpus_dir.parent / "store"
    analysis.tag(articles, layers=["mentions"]).save(folder)  # the name survives Parquet and the fingerprint
    assert list(analysis.Tagged.open(folder, corpus=corpus_dir).articles.index) == ["bad\\xff name"]


def test_very_deep_nesting_is_a_row_not_a_crash(corpus_dir):
    (corpus_dir / "a.txt").write_text(ARABIC, encoding="utf-8")
    deep = os.fsencode(corpus_dir / "deep")
    os.mkdir(deep)
    descriptor = os.open(deep, os.O_RDONLY)
    for _ in range(500):  # 5,500 bytes of path: more than PATH_MAX
        os.mkdir(b"d" * 10, dir_fd=descriptor)
        inner = os.open(b"d" * 10, os.O_RDONLY, dir_fd=descriptor)
        os.close(descriptor)
        descriptor = inner
    fd = os.open(b"x.txt", os.O_WRONLY | os.O_CREAT, dir_fd=descriptor)
    os.write(fd, ARABIC.encode())
    os.close(fd)
    os.close(descriptor)
    articles, _ = load_quietly(corpus_dir)
    report = articles.attrs["load_report"]
    deep_rows = report[report["path"].str.startswith("deep/")]
    assert list(articles.index) == ["a"] and len(deep_rows) == 1
    assert deep_rows.iloc[0]["status"] == "skipped" and "File name too long" in deep_rows.iloc[0]["reason"]
    corpus_sha256(corpus_files(corpus_dir))


@pytest.mark.skipif(ROOT_READS_EVERYTHING, reason="running as root: permission bits do not stop reading")
def test_unreadable_and_unsearchable_folders_and_files_get_rows(corpus_dir):
    for folder, mode in (("locked", 0), ("unsearchable", stat.S_IRUSR)):
        (corpus_dir / folder).mkdir()
        (corpus_dir / folder / "x.txt").write_text(ARABIC, encoding="utf-8")
    (corpus_dir / "secret.txt").write_text(ARABIC, encoding="utf-8")
    (corpus_dir / "secret.txt").chmod(0)
    (corpus_dir / "locked").chmod(0)
    (corpus_dir / "unsearchable").chmod(stat.S_IRUSR)
    try:
        articles, _ = load_quietly(corpus_dir)
        assert skipped_reason(articles, "locked") == "cannot list folder (Permission denied)"
        assert skipped_reason(articles, "unsearchable/x.txt") == "cannot read (Permission denied)"
        assert skipped_reason(articles, "secret.txt") == "cannot read file (Permission denied)"
        corpus_sha256(corpus_files(corpus_dir))  # judged entries do not break the fingerprint
    finally:
        for folder in ("locked", "unsearchable"):
            (corpus_dir / folder).chmod(0o755)


# A random tree: each step adds one entry under a folder made earlier.
NAMES = st.one_of(
    st.sampled_from(["a.txt", "b.txt", "x", ".hidden.txt", "ملف.txt", "two words.txt", "t.csv", "d.TXT"]),
    st.text(st.sampled_from("ab.ج _-"), min_size=1, max_size=5).map(lambda s: s + ".txt"),
    st.binary(min_size=1, max_size=3).filter(lambda b: b"/" not in b and b"\0" not in b and b not in (b".", b".."))
    .map(lambda b: os.fsdecode(b)),
)
CONTENT = st.one_of(st.binary(max_size=64), st.sampled_from([ARABIC.encode(), ARABIC.encode("utf-16"),
                                                             ARABIC.encode("cp1256"), b"", b"\x00" * 8]))
STEPS = st.lists(st.tuples(st.integers(0, 20), NAMES, st.sampled_from(["file", "folder", "link", "fifo"]),
                           CONTENT, st.integers(0, 30)), max_size=14)


def build(root: Path, steps) -> list[str]:
    """Make the tree; the names (relative to root) of the entries that are
    not folders (nor links to folders)."""
    folders, made, names = [root], [root / "missing"], []
    for parent_index, name, kind, content, target_index in steps:
        if name in ("metadata.csv", "metadata.jsonl"):
            continue
        parent = folders[parent_index % len(folders)]
        path = parent / name
        if os.path.lexists(path):
            continue
        if kind == "folder":
            path.mkdir()
            folders.append(path)
        elif kind == "file":
            path.write_bytes(content)
        elif kind == "fifo":
            os.mkfifo(path)
        else:
            os.symlink(made[target_index % len(made)], path)
        made.append(path)
        if not path.is_dir():  # a link to a folder is a folder (an empty one has no row)
            names.append(str(path.relative_to(root)))
    return names


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(STEPS)
def test_any_tree_loads_and_every_entry_is_accounted_for(steps):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "corpus"
        root.mkdir()
        names = build(root, steps)
        articles, _ = load_quietly(root)  # never raises, never blocks
        report = articles.attrs["load_report"]
        paths = report["path"].tolist()
        for name in names:  # the entry has its row, or a hidden or unlistable folder above it has one
            shown = printable(name)
            parts = shown.split("/")
            above = ["/".join(parts[:n]) for n in range(1, len(parts))]
            assert paths.count(shown) == 1 or any(p in paths for p in above), (shown, report)
        assert len(paths) == len(set(paths))
        loaded = report[report["status"] != "skipped"]
        assert sorted(loaded["article_id"]) == sorted(articles.index)
        assert set(report["status"]) <= {"loaded", "warning", "skipped"}
        assert len(corpus_sha256(corpus_files(root))) == 64
        walked = [e.name for e in corpus_entries(root)]
        assert walked == [e.name for e in corpus_entries(root)] and len(walked) == len(set(walked))  # same order


def test_a_corpus_folder_named_in_another_encoding(tmp_path):
    folder = os.fsdecode(os.fsencode(tmp_path) + b"/corpus\xff")
    os.mkdir(folder)
    Path(folder, "a.txt").write_text(ARABIC, encoding="utf-8")
    articles, _ = load_quietly(folder)
    analysis.tag(articles, layers=["mentions"]).save(tmp_path / "store")  # store.json escapes the path
    assert analysis.Tagged.open(tmp_path / "store", corpus=folder).articles.attrs["source"]["path"] == folder
    from analysis.report import ReportError, run_reports
    with pytest.raises(ReportError, match=r"corpus\\xff: the path is not valid UTF-8"):
        run_reports(folder, tmp_path / "out")
