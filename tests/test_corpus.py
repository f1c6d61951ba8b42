"""load_corpus: every source kind, every bad-input class, the seeds."""
import json
import re

import fastparquet
import pandas as pd
import pytest

import analysis
from conftest import ARABIC, SEEDS, load_quietly, report_row

CONTRACT = ["outlet", "title", "published", "published_source", "url", "text"]


def write_table(frame: pd.DataFrame, path):
    """Write ``frame`` as the table its suffix names (.csv, .jsonl, .parquet); return the path."""
    if path.suffix == ".csv":
        frame.to_csv(path, index=False)
    elif path.suffix == ".jsonl":
        frame.to_json(path, orient="records", lines=True, force_ascii=False)
    else:
        fastparquet.write(str(path), frame)
    return path


def test_seeds_load_with_metadata():
    articles, caught = load_quietly(SEEDS)
    assert list(articles.index) == sorted(p.stem for p in SEEDS.glob("*.txt"))
    assert list(articles.columns[:6]) == CONTRACT
    assert articles["published"].dtype == "datetime64[ns]"
    assert articles.loc["002_3e239438a72b5b22", "outlet"] == "Al Ain News"
    assert articles.loc["003_27e97ed49c2dcbd3", "published"] == pd.Timestamp("2025-06-19")
    assert articles.loc["003_27e97ed49c2dcbd3", "published_source"] == "manifest"
    assert pd.isna(articles.loc["004_b26cdf5148d532d7", "published"])
    assert pd.isna(articles.loc["004_b26cdf5148d532d7", "published_source"])
    # 001's outlet is unknown and 004 has no date: both said, nothing dropped
    report = articles.attrs["load_report"]
    assert set(report["status"]) <= {"loaded", "warning"} and len(report) == 5
    assert "outlet unknown" in report_row(articles, "001_8b6e335260f114a6.txt")["reason"]
    assert len(caught) == 1 and "2 with warnings" in str(caught[0].message)


def test_seed_boilerplate_removed_and_kept():
    articles, _ = load_quietly(SEEDS)
    removed = {aid: [(r["rule"], r["text"]) for r in recs] for aid, recs in articles["removed"].items()}
    assert removed["004_b26cdf5148d532d7"] == [("related_news", "اظهار أخبار متعلقة")] * 3
    assert ("tracking_token", "aXA6IDE4LjE5MS4xMDMuMTQ0IA==") in removed["002_3e239438a72b5b22"]
    assert ("listen_summary", "استمع إلى الملخص") in removed["003_27e97ed49c2dcbd3"]
    assert [rule for rule, _ in removed["001_8b6e335260f114a6"]] == ["other_headlines"] * 2
    assert removed["000_52e37f230c1429cc"] == []
    text = articles.loc["001_8b6e335260f114a6", "text"]
    assert "زلزال المغرب" not in text and text.endswith("أبعاد أعمق من ذلك.")
    assert "ام اند امز" not in articles.loc["002_3e239438a72b5b22", "text"]
    # the hard-wrapped lines of 004 are rejoined into sentences
    assert "فلاديمير بوتين ويناقشا" in articles.loc["004_b26cdf5148d532d7", "text"]
    assert articles.loc["004_b26cdf5148d532d7", "unwrapped_lines"] == 3


def test_titles_from_headline_first_lines():
    articles, _ = load_quietly(SEEDS)
    assert articles.loc["003_27e97ed49c2dcbd3", "title"].startswith("عام على الشراكة")
    assert pd.isna(articles.loc["000_52e37f230c1429cc", "title"])  # first line is body text


@pytest.mark.parametrize("name,data,reason", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"  \n\n ", "only whitespace"),
    ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "PNG image"),
    ("nul.txt", "نص".encode() + b"\x00\x01\x02", "NUL byte"),
    ("latin1.txt", "Le président français a été reçu à l'Élysée.".encode("latin-1"), "not UTF-8"),
    ("english.txt", b"The Russian president arrived in Pyongyang.", "no Arabic text"),
])
def test_bad_files_are_skipped_with_reason(corpus_dir, name, data, reason):
    (corpus_dir / "good.txt").write_text(ARABIC, encoding="utf-8")
    (corpus_dir / name).write_bytes(data)
    articles, caught = load_quietly(corpus_dir)
    assert list(articles.index) == ["good"]
    row = report_row(articles, name)
    assert row["status"] == "skipped" and reason in row["reason"], row["reason"]
    assert len(caught) == 1 and name in str(caught[0].message)


@pytest.mark.parametrize("encoding,warning", [
    ("utf-8", None), ("utf-8-sig", None), ("utf-16", "UTF-16"), ("cp1256", "Windows-1256"),
    ("utf-16-le", "UTF-16-LE (no BOM)"), ("utf-16-be", "UTF-16-BE (no BOM)"),
    ("utf-8+NUL", "1 NUL byte(s) removed"),
])
def test_encodings_decode_to_the_same_text(corpus_dir, encoding, warning):
    data = ARABIC.replace("\n", "\r\n").encode(encoding.removesuffix("+NUL"))
    (corpus_dir / "a.txt").write_bytes(data + b"\x00" * encoding.endswith("+NUL"))
    articles, _ = load_quietly(corpus_dir)
    assert articles.loc["a", "text"] == ARABIC.strip()
    row = report_row(articles, "a.txt")
    assert row["status"] == "warning"  # no manifest: no date, no outlet
    if warning:
        assert warning in row["reason"]
    else:
        assert "decoded" not in row["reason"] and "byte" not in row["reason"]


def test_jsonl_text_that_is_not_a_string_is_skipped_not_repr(tmp_path):
    path = tmp_path / "corpus.jsonl"
    rows = [{"article_id": "a", "text": ARABIC}, {"article_id": "b", "text": {"body": ARABIC}},
            {"article_id": "c", "text": [ARABIC]}]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    articles, _ = load_quietly(path)
    assert list(articles.index) == ["a"]
    report = articles.attrs["load_report"].set_index("article_id")["reason"]
    assert report["b"] == "'text' is a JSON object, not text" and report["c"] == "'text' is a JSON array, not text"


def test_a_few_bad_bytes_are_replaced_with_a_warning(corpus_dir):
    (corpus_dir / "a.txt").write_bytes(ARABIC.encode() * 5 + b"\xff")
    articles, _ = load_quietly(corpus_dir)
    assert "\ufffd" in articles.loc["a", "text"]
    assert "1 undecodable byte" in report_row(articles, "a.txt")["reason"]


def test_duplicate_ids_and_other_files(corpus_dir):
    (corpus_dir / "a.txt").write_text(ARABIC, encoding="utf-8")
    (corpus_dir / "sub").mkdir()
    (corpus_dir / "sub" / "a.txt").write_text(ARABIC + "وأضاف أن العلاقات قوية.", encoding="utf-8")
    (corpus_dir / "sub" / "b.txt").write_text(ARABIC, encoding="utf-8")
    (corpus_dir / "notes.docx").write_bytes(b"PK\x03\x04")
    articles, _ = load_quietly(corpus_dir)
    assert list(articles.index) == ["a", "b"]
    assert "duplicate article_id 'a'" in report_row(articles, "sub/a.txt")["reason"]
    assert "same text as article 'a'" in report_row(articles, "sub/b.txt")["reason"]
    assert "not a .txt article" in report_row(articles, "notes.docx")["reason"]


def test_manifest_joins_and_accounts_for_orphans(corpus_dir):
    (corpus_dir / "a.txt").write_text(ARABIC, encoding="utf-8")
    (corpus_dir / "b.txt").write_text(ARABIC + "سطر آخر.", encoding="utf-8")
    (corpus_dir / "metadata.csv").write_text(
        "article_id,outlet,published,url,title\n"
        "a,Outlet A,2024-06-18T10:00:00+03:00,https://example.org/a,عنوان\n"
        "ghost,Outlet B,2024-06-19,,\n"
        "a,Outlet C,2024-01-01,,\n", encoding="utf-8")
    articles, _ = load_quietly(corpus_dir)
    assert articles.loc["a", "outlet"] == "Outlet A"
    assert articles.loc["a", "published"] == pd.Timestamp("2024-06-18 10:00")
    assert articles.loc["a", "url"] == "https://example.org/a"
    assert articles.loc["a", "title"] == "عنوان"
    assert "no row in manifest metadata.csv" in report_row(articles, "b.txt")["reason"]
    assert report_row(articles, "metadata.csv:3")["reason"] == "manifest row has no article file"
    assert "repeats article_id of line 2" in report_row(articles, "metadata.csv:4")["reason"]


def test_explicit_jsonl_manifest_with_bad_lines(corpus_dir, tmp_path):
    (corpus_dir / "a.txt").write_text(ARABIC, encoding="utf-8")
    manifest = tmp_path / "meta.jsonl"
    manifest.write_text(json.dumps({"article_id": "a", "outlet": "X", "published": "not a date"}) + "\n{broken\n",
                        encoding="utf-8")
    articles, _ = load_quietly(corpus_dir, manifest=manifest)
    assert articles.loc["a", "outlet"] == "X"
    assert "unparseable published date 'not a date'" in report_row(articles, "a.txt")["reason"]
    assert "invalid JSON" in report_row(articles, "meta.jsonl:2")["reason"]


def test_manifest_without_article_id_column_is_an_error(corpus_dir):
    (corpus_dir / "a.txt").write_text(ARABIC, encoding="utf-8")
    (corpus_dir / "metadata.csv").write_text("id,outlet\na,X\n", encoding="utf-8")
    with pytest.raises(ValueError, match="metadata.csv: no 'article_id' column"):
        analysis.load_corpus(corpus_dir)


def test_strict_raises_one_error_listing_everything(corpus_dir):
    (corpus_dir / "a.txt").write_text(ARABIC, encoding="utf-8")
    (corpus_dir / "empty.txt").write_bytes(b"")
    (corpus_dir / "old.txt").write_bytes(ARABIC.encode("cp1256"))
    with pytest.raises(analysis.CorpusError) as error:
        analysis.load_corpus(corpus_dir, strict=True)
    message = str(error.value)
    assert "empty.txt: empty file" in message and "old.txt: decoded as Windows-1256" in message


def test_single_file_source(corpus_dir):
    path = corpus_dir / "one.txt"
    path.write_text(ARABIC, encoding="utf-8")
    articles, _ = load_quietly(path)
    assert list(articles.index) == ["one"]


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_table_sources(tmp_path, suffix):
    frame = pd.DataFrame({
        "article_id": ["x1", "x2", "x3"],
        "outlet": ["Outlet A", "Outlet B", "Outlet A"],
        "published": ["2024-06-18", "2024-06-19", ""],
        "text": [ARABIC, ARABIC + "ثم غادر.", ""],
    })
    path = write_table(frame, tmp_path / f"corpus{suffix}")
    articles, _ = load_quietly(path)
    assert list(articles.index) == ["x1", "x2"]
    assert articles.loc["x2", "outlet"] == "Outlet B"
    assert articles.loc["x1", "published"] == pd.Timestamp("2024-06-18")
    report = articles.attrs["load_report"].set_index("article_id")
    assert report.loc["x3", "reason"] == "empty text"
    lines = path.read_text(encoding="utf-8").split("\n") if suffix != ".parquet" else []
    where = next((n for n, line in enumerate(lines, start=1) if "x3" in line), None)  # the row's line
    assert report.loc["x3", "path"] == (f"corpus{suffix}:{where}" if where else "corpus.parquet#row=3")


def test_table_without_text_column_names_the_columns(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("article_id,body\na,نص\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no 'text' column .*body"):
        analysis.load_corpus(path)
    articles, _ = load_quietly(path, text_column="body")
    assert articles.loc["a", "text"] == "نص"


def test_missing_source_is_an_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="corpus source not found"):
        analysis.load_corpus(tmp_path / "nowhere")


def test_jsonl_table_lines_that_are_not_objects_are_reported(tmp_path):
    path = tmp_path / "t.jsonl"
    path.write_text(json.dumps({"article_id": "a", "text": ARABIC}, ensure_ascii=False) + "\n[1, 2]\n{bad\n",
                    encoding="utf-8")
    articles, _ = load_quietly(path)
    assert list(articles.index) == ["a"]
    assert report_row(articles, "t.jsonl:2")["reason"] == "line is not a JSON object"
    assert "invalid JSON" in report_row(articles, "t.jsonl:3")["reason"]


def test_publication_date_precision(corpus_dir):
    for name in ("a", "b", "c", "d"):
        (corpus_dir / f"{name}.txt").write_text("وصل بوتين إلى بيونغ يانغ في زيارة.\n", encoding="utf-8")
    (corpus_dir / "metadata.csv").write_text("article_id,published\na,2024\nb,2024-06\nc,2024-06-18T10:00:00\nd,\n",
                                             encoding="utf-8")
    articles, _ = load_quietly(corpus_dir)
    assert articles["published_precision"].fillna("").to_dict() == {"a": "year", "b": "month", "c": "day", "d": ""}


def test_hidden_files_and_folders_are_reported_not_loaded(corpus_dir):
    text = "وصل بوتين إلى بيونغ يانغ في زيارة.\n"
    (corpus_dir / "a.txt").write_text(text, encoding="utf-8")
    (corpus_dir / ".draft.txt").write_text(text, encoding="utf-8")
    (corpus_dir / ".git").mkdir()
    (corpus_dir / ".git" / "b.txt").write_text(text, encoding="utf-8")
    articles, _ = load_quietly(corpus_dir)
    assert list(articles.index) == ["a"]
    for path in (".draft.txt", ".git"):  # a hidden folder is one row, not one per file inside
        row = report_row(articles, path)
        assert row["status"] == "skipped" and "hidden" in row["reason"]


@pytest.mark.parametrize("value, problem", [
    ("today", "no four-digit year"), ("now", "no four-digit year"), ("12:30", "no four-digit year"),
    ("June", "no four-digit year"), ("01/02/2024", "either way round"), ("1445-09-15", "year 1445 is outside"),
    ("0001-01-01", "year 0001 is outside"), ("9999-12-31", "year 9999 is outside"), ("2024-13-45", "not a date"),
])
def test_manifest_dates_that_are_not_publication_dates(corpus_dir, value, problem):
    (corpus_dir / "a.txt").write_text("وصل بوتين إلى بيونغ يانغ في زيارة.\n", encoding="utf-8")
    (corpus_dir / "metadata.csv").write_text(f"article_id,published\na,{value}\n", encoding="utf-8")
    articles, _ = load_quietly(corpus_dir)
    assert pd.isna(articles.at["a", "published"])  # never the clock, never a guess
    row = report_row(articles, "a.txt")
    assert row["status"] == "warning" and f"unparseable published date '{value}'" in row["reason"]
    assert problem in row["reason"]


def test_an_analyst_states_the_order_of_numeric_dates(corpus_dir):
    (corpus_dir / "a.txt").write_text("وصل بوتين إلى بيونغ يانغ في زيارة.\n", encoding="utf-8")
    (corpus_dir / "b.txt").write_text("غادر بوتين بيونغ يانغ.\n", encoding="utf-8")
    (corpus_dir / "metadata.csv").write_text("article_id,published\na,01/02/2024\nb,02/13/2024\n", encoding="utf-8")
    day_first, _ = load_quietly(corpus_dir, date_order="DMY")
    assert day_first.at["a", "published"] == pd.Timestamp("2024-02-01") and pd.isna(day_first.at["b", "published"])
    assert "not a DMY date (month must be in 1..12)" in report_row(day_first, "b.txt")["reason"]
    month_first, _ = load_quietly(corpus_dir, date_order="MDY")
    assert month_first["published"].tolist() == [pd.Timestamp("2024-01-02"), pd.Timestamp("2024-02-13")]
    with pytest.raises(analysis.SelectionError, match="date order"):
        analysis.load_corpus(corpus_dir, date_order="YMD")


@pytest.mark.parametrize("name, data, problem", [
    ("bad.csv", 'article_id,text\n1,"نص\n2,"نص آخر" ثم\n'.encode(), "not a well-formed CSV table: line 3"),
    ("empty.csv", b"", "empty file"),
    ("garbage.parquet", b"this is not parquet at all" * 10, "not a readable Parquet file"),
])
def test_broken_tables_name_the_file(tmp_path, name, data, problem):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(analysis.CorpusError, match=rf"{re.escape(str(path))}: {problem}"):
        analysis.load_corpus(path)


def test_csv_rows_with_another_number_of_fields_are_reported_not_merged(tmp_path):
    path = tmp_path / "corpus.csv"
    path.write_text(f'article_id,text\na,"{ARABIC}"\nb,{ARABIC.strip()},extra\nc\nd,"{ARABIC}"\n', encoding="utf-8")
    articles, _ = load_quietly(path)
    assert list(articles.index) == ["a", "d"]
    report = articles.attrs["load_report"]
    skipped = report[report["status"] == "skipped"].set_index("path")["reason"].to_dict()
    assert skipped == {"corpus.csv:4": "3 field(s) where the header has 2; row not read",  # a's text has 2 lines
                       "corpus.csv:5": "1 field(s) where the header has 2; row not read"}


def test_an_unclosed_quote_in_the_manifest_is_reported(corpus_dir):
    for name in ("a", "b", "c"):
        (corpus_dir / f"{name}.txt").write_text(ARABIC, encoding="utf-8")
    (corpus_dir / "metadata.csv").write_text('article_id,outlet,published\na,"Alwaght,2024-01-01\n'
                                             "b,Other,2024-02-02\nc,Third,2024-03-03\n", encoding="utf-8")
    articles, _ = load_quietly(corpus_dir)
    report = articles.attrs["load_report"]
    row = report[report["path"] == "metadata.csv:2"].iloc[0]
    assert row["status"] == "warning" and "over lines 2-4 (an unclosed quote?)" in row["reason"]
    assert "no row in manifest" in report_row(articles, "b.txt")["reason"]  # what it swallowed is said too


@pytest.mark.parametrize("suffix", ["csv", "jsonl", "parquet"])
def test_a_table_larger_than_a_batch_loads_whole_and_streams_the_same(tmp_path, suffix):
    """2,300 rows: load_corpus joins the loader's batches (2,000 inputs each);
    CorpusStream in batches of 97 gives the same rows, report and fingerprint."""
    rows = pd.DataFrame({"article_id": [f"a{n:05d}" for n in range(2300)],
                         "outlet": [["RT Arabic", "Hespress"][n % 2] for n in range(2300)],
                         "text": [f"{ARABIC} الخبر رقم {n}" if n % 250 else "" for n in range(2300)]})
    table = write_table(rows, tmp_path / f"rows.{suffix}")
    articles, _ = load_quietly(table)
    assert len(articles) == 2300 - 10 and len(articles.attrs["load_report"]) == 2300
    stream = analysis.CorpusStream(table, batch_size=97)
    batches = list(stream.batches())
    assert len(batches) == 24 and max(len(b.attrs["load_report"]) for b in batches) == 97
    reports = [batch.attrs.pop("load_report") for batch in batches]
    for batch in batches:
        batch.attrs.clear()  # pandas compares the attrs of the frames it joins
    streamed = pd.concat(batches).sort_index()
    whole = articles.copy()
    whole.attrs = {}
    pd.testing.assert_frame_equal(streamed, whole)
    pd.testing.assert_frame_equal(pd.concat(reports, ignore_index=True), articles.attrs["load_report"])
    assert stream.source == articles.attrs["source"] and stream.counts["skipped"] == 10
    parallel = list(analysis.CorpusStream(table, batch_size=500, jobs=2).batches())  # cleaned in 2 processes
    pd.testing.assert_frame_equal(pd.concat([b.attrs["load_report"] for b in parallel], ignore_index=True),
                                  articles.attrs["load_report"])
    for batch in parallel:
        batch.attrs.clear()
    pd.testing.assert_frame_equal(pd.concat(parallel).sort_index(), whole)
