"""Corpus source (folder, file or table) -> article DataFrame + load report.

``load_corpus(source, manifest=None, strict=False, lexicons=None)`` returns
one row per article, indexed by ``article_id``, with the contract columns
``outlet, title, published, published_source, url, text`` and provenance
columns ``published_precision`` (day, month or year: how much of the date
is known), ``published_evidence, path, encoding, removed, unwrapped_lines`` (plus any extra manifest
columns). ``articles.attrs["load_report"]`` accounts for every input: one
row per file, table row or manifest row with ``path, article_id, status``
(loaded / warning / skipped) and ``reason``. An article without a
publication date gets one inferred from its text where the text states it
(:mod:`analysis.pubdates`; ``published_source="inferred"``, the evidence in
``published_evidence`` and the load report). :class:`CorpusStream` reads
the same inputs in batches, for a corpus larger than memory; ``load_corpus``
joins its batches.
"""
from __future__ import annotations

import codecs
import hashlib
import io
import itertools
import multiprocessing
import warnings
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import pandas as pd

from .cleaning import boilerplate_rules, clean_text
from .entries import Entry, corpus_entries, file_entry
from .errors import CorpusError, SelectionError
from .fingerprints import CorpusDigest
from .decoding import UndecodableInput, arabic_share, decode_bytes, normalize_newlines
from .manifest import (DATE_ORDERS, csv_rows, find_manifest, jsonl_rows, parse_published, published_precision,
                       read_manifest)
from .lexicons import LexiconSet, lexicon_set
from .outlets import guess_outlet, outlet_signatures
from .pubdates import infer_published

TABLE_SUFFIXES = (".csv", ".jsonl", ".parquet")
REPORT_COLUMNS = ["path", "article_id", "status", "reason"]
ARTICLE_COLUMNS = ["outlet", "title", "published", "published_source", "url", "text"]
PROVENANCE = ["published_precision", "published_evidence", "path", "encoding", "removed", "unwrapped_lines"]
MIN_ARABIC_SHARE = 0.5  # below this share of Arabic letters: a warning
UNKNOWN_OUTLET = "unknown"
BATCH_SIZE = 2000  # inputs read per batch by CorpusStream
SHOWN = 10  # problem lines in the load warning
INPUT_COLUMNS = ["article_id", "input", "text", "reason", "fresh"]  # CorpusStream's keys of each article


class LoadWarning(UserWarning):
    """Summary of the inputs skipped or loaded with problems."""


@dataclass
class _Input:
    """One article candidate as read from disk, before cleaning."""
    path: str
    article_id: str
    raw: str | None = None
    encoding: str | None = None
    metadata: dict = field(default_factory=dict)
    reasons: list[str] = field(default_factory=list)
    skipped: bool = False
    sha256: str | None = None  # of the file's bytes (of the row, for a table), for the fingerprints
    text_sha1: str | None = None  # of the cleaned text, to find repeated texts
    text_at: int = 0  # where in reasons a "same text as" reason goes
    row: dict | None = None  # the article row, once cleaned

    def skip(self, reason: str) -> None:
        self.skipped = True
        self.reasons.append(reason)


def _decode(item: _Input, data: bytes) -> None:
    try:
        decoded = decode_bytes(data)
    except UndecodableInput as err:
        item.skip(str(err))
        return
    item.raw, item.encoding = decoded.text, decoded.encoding
    if decoded.warning:
        item.reasons.append(decoded.warning)


def _read_txt(entry: Entry) -> _Input:
    item = _Input(entry.name, Path(entry.name).stem)
    if entry.note:
        item.reasons.append(entry.note)
    try:
        data = entry.path.read_bytes()
    except OSError as err:
        item.skip(f"cannot read file ({err.strerror})")
        return item
    item.sha256 = hashlib.sha256(data).hexdigest()
    _decode(item, data)
    return item


def _text_lines(path: Path) -> Iterator[str]:
    """A CSV or JSONL table's lines, read as they are needed when the file is
    UTF-8 (a table of any size); another encoding is decoded whole first
    (:mod:`analysis.decoding`)."""
    with open(path, "rb") as handle:
        head = handle.read(1 << 16)
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head.removeprefix(codecs.BOM_UTF8), final=False)
        utf8 = b"\x00" not in head and bool(head.strip())
    except UnicodeDecodeError:
        utf8 = False
    if not utf8:
        try:
            yield from io.StringIO(decode_bytes(path.read_bytes()).text, newline="")
        except UndecodableInput as err:
            raise CorpusError(f"{path}: {err}") from None
        return
    with open(path, encoding="utf-8-sig", newline="") as handle:
        number = 0
        try:
            for number, line in enumerate(handle, start=1):
                yield line
        except UnicodeDecodeError as err:
            raise CorpusError(f"{path}: not UTF-8 after line {number} ({err.reason}); "
                              "convert the table to UTF-8") from None


def _table_rows(path: Path, text_column: str) -> Iterator[tuple[str, int, dict | None, str | None]]:
    """A table's rows one at a time -> ``(unit, number, row, problem)``:
    unit ``line`` (CSV, JSONL) or ``row`` (Parquet, read a row group batch
    at a time)."""
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        import pyarrow.parquet as pq
        try:
            table = pq.ParquetFile(path)
            columns = table.schema_arrow.names
        except Exception as err:  # pyarrow raises ArrowInvalid, OSError ... for a broken file
            raise CorpusError(f"{path}: not a readable Parquet file ({type(err).__name__}: {err})") from None
        _check_column(path, text_column, columns)
        number = 0
        for batch in table.iter_batches(batch_size=BATCH_SIZE):
            for row in batch.to_pylist():
                number += 1
                yield "row", number, row, None
        return
    if suffix == ".csv":
        rows = csv_rows(_text_lines(path), strict=True)
        try:
            _check_column(path, text_column, next(rows))
            for first, _, row, problem in rows:
                yield "line", first, row, problem
        except ValueError as err:
            raise CorpusError(f"{path}: not a well-formed CSV table: {err}") from None
        return
    rows = jsonl_rows(_text_lines(path))
    head = list(itertools.islice(rows, 100))  # the column must be in one of the first objects
    objects = [row for _, row, _ in head if row is not None]
    if objects and not any(text_column in row for row in objects):
        _check_column(path, text_column, list(dict.fromkeys(k for row in objects for k in row)))
    for number, row, problem in itertools.chain(head, rows):
        yield "line", number, row, problem


def _check_column(path: Path, text_column: str, columns: list) -> None:
    if text_column not in columns:
        raise CorpusError(f"{path}: no '{text_column}' column (columns: {', '.join(map(str, columns))}); "
                         "pass text_column= to name it")


def _table_inputs(path: Path, text_column: str) -> Iterator[_Input | dict]:
    """Rows of a CSV / JSONL / Parquet table -> inputs (named ``table:line``,
    or ``table#row=N`` for Parquet), or report rows for lines that could not
    be read as rows."""
    for unit, number, row, problem in _table_rows(path, text_column):
        if row is None:
            yield _report(f"{path.name}:{number}", "", "skipped", problem)
            continue
        id_column = next((c for c in ("article_id", "id") if c in row), None)
        raw_id = row[id_column] if id_column else None
        article_id = "" if _missing(raw_id) else str(raw_id).strip()
        place = f"{path.name}:{number}" if unit == "line" else f"{path.name}#row={number}"
        item = _Input(place, article_id or f"{path.stem}-{number}")
        item.sha256 = hashlib.sha256(repr(sorted(row.items(), key=str)).encode("utf-8", "surrogateescape")).hexdigest()
        if not article_id:
            item.reasons.append(f"no article_id in the table: id made from the {unit} number")
        value = row.get(text_column)
        if isinstance(value, (dict, list)):
            item.skip(f"'{text_column}' is a JSON {'object' if isinstance(value, dict) else 'array'}, not text")
        elif _missing(value) or not str(value).strip():
            item.skip("empty text")
        else:
            item.raw = normalize_newlines(str(value))
            item.encoding = "table"
        item.metadata = {k: "" if _missing(v) else str(v) for k, v in row.items()
                         if k not in (text_column, id_column) and not isinstance(v, (list, dict))}
        yield item


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and value != value)


def _report(path: str, article_id: str, status: str, reason: str) -> dict:
    return {"path": path, "article_id": article_id, "status": status, "reason": reason}


def _inputs(source: Path, manifest: Path | None, text_column: str, digest: CorpusDigest) -> Iterator[_Input | dict]:
    """Every input of ``source`` one at a time: an article candidate, or a
    report row for an entry that is not one; each entry is added to the
    corpus fingerprint ``digest`` as it is read."""
    if source.is_dir():
        for entry in corpus_entries(source):
            if entry.reason:
                digest.add(entry)
                yield _report(entry.name, "", "skipped", entry.reason)
            elif manifest is not None and entry.path == manifest:
                digest.add(entry)
            elif entry.path.suffix.lower() == ".txt":
                item = _read_txt(entry)
                digest.add(entry, item.sha256)
                yield item
            else:
                digest.add(entry)
                yield _report(entry.name, "", "skipped", f"not a .txt article (suffix '{entry.path.suffix}')")
    else:
        entry = file_entry(source.name, source)
        if entry.reason:
            raise CorpusError(f"{source}: {entry.reason}")
        if source.suffix.lower() == ".txt":
            item = _read_txt(entry)
            digest.add(entry, item.sha256)
            yield item
        elif source.suffix.lower() in TABLE_SUFFIXES:
            digest.add(entry)
            yield from _table_inputs(source, text_column)
        else:
            raise CorpusError(f"{source}: unsupported corpus source; give a folder, a .txt file or a "
                             f"{'/'.join(TABLE_SUFFIXES)} table")
    if manifest is not None and not manifest.resolve().is_relative_to(source.resolve()):
        digest.add(file_entry(f"manifest:{manifest.name}", manifest))


def _article(item: _Input, lexicons: LexiconSet, date_order: str | None) -> dict | None:
    """Clean one decoded input into an article row (None if it must be
    skipped); ``item.text_sha1`` identifies the text (repeated texts are
    found by :class:`CorpusStream`, in input order)."""
    share = arabic_share(item.raw)
    if share == 0:
        item.skip("no Arabic text")
        return None
    if share < MIN_ARABIC_SHARE:
        item.reasons.append(f"mostly non-Arabic ({share:.0%} of letters are Arabic)")
    cleaned = clean_text(item.raw, boilerplate_rules(lexicons))
    if not cleaned.text:
        item.skip("no text left after boilerplate removal")
        return None
    item.text_sha1, item.text_at = hashlib.sha1(cleaned.text.encode()).hexdigest(), len(item.reasons)
    meta = dict(item.metadata)
    try:
        published = parse_published(meta.pop("published", ""), date_order)
    except ValueError as err:
        item.reasons.append(f"unparseable published date '{item.metadata['published']}': {err}")
        published = None
    source, evidence = ("manifest", None) if published is not None else (None, None)
    if published is None:
        inference = infer_published(cleaned.text, lexicons)
        evidence = inference.evidence
        if inference.date is not None:
            published, source = pd.Timestamp(inference.date), "inferred"
            item.reasons.append(f"publication date inferred from the text: {evidence}")
        else:
            item.reasons.append(f"no publication date (published is NaT); {evidence}")
    outlet = meta.pop("outlet", "") or guess_outlet(item.raw, outlet_signatures(lexicons))
    if not outlet:
        item.reasons.append(f"outlet unknown (no manifest value, no signature matched): '{UNKNOWN_OUTLET}'")
    return {
        "article_id": item.article_id,
        "outlet": outlet or UNKNOWN_OUTLET,
        "title": meta.pop("title", "") or cleaned.title,
        "published": published,
        "published_source": source,
        "url": meta.pop("url", "") or None,
        "text": cleaned.text,
        "published_precision": published_precision(item.metadata.get("published", "")) if source == "manifest"
        else inference.precision if source == "inferred" else None,
        "published_evidence": evidence,
        "path": item.path,
        "encoding": item.encoding,
        "removed": cleaned.removed,
        "unwrapped_lines": cleaned.unwrapped,
        **meta,
    }


def _clean_inputs(items: list[_Input], lexicons: str | None, date_order: str | None) -> list[_Input]:
    """:func:`_article` over ``items`` (in a loader process): the items with
    their ``row`` (and without their raw text)."""
    chosen = lexicon_set(lexicons)
    for item in items:
        item.row, item.raw = _article(item, chosen, date_order), None
    return items


def _rows(table: pd.DataFrame | None, ids: list[str]) -> dict[str, dict]:
    """The rows of ``table`` (indexed by article id) for the ids it has."""
    if table is None or not ids:
        return {}
    positions = table.index.get_indexer(pd.Index(ids).unique())  # the table's own hash index: O(len(ids))
    found = table.iloc[positions[positions >= 0]]
    return dict(zip(found.index, found.to_dict("records")))


def _frame(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=None if rows else ["article_id", *ARTICLE_COLUMNS, *PROVENANCE])
    for column in ("outlet", "title", "published_source", "published_precision", "published_evidence", "url", "text",
                   "path", "encoding"):
        frame[column] = frame[column].astype("string")
    frame["published"] = pd.to_datetime(frame["published"]).astype("datetime64[ns]")
    frame["unwrapped_lines"] = frame["unwrapped_lines"].astype("int64")
    return frame.set_index("article_id").sort_index()


class CorpusStream:
    """A corpus read in batches: ``batches()`` yields article DataFrames
    (as :func:`load_corpus` returns, at most ``batch_size`` inputs each, the
    batch's load-report rows in ``attrs["load_report"]``), reading the
    inputs as it goes, so memory holds one batch, not the corpus. Across
    batches it keeps only each article's id and a 20-byte hash of its text
    (repeated ids and texts are found corpus-wide). Manifest problems come
    in the first batch; manifest rows without an article in the last one.
    ``attrs["inputs"]`` gives each article's ``input`` key (a hash of its
    path, bytes or table row, manifest row and the loader's options),
    ``text`` hash and load-report ``reason``, and ``fresh`` (False for an
    article :meth:`reuse` let it skip, which has no row in the batch).
    After the last batch, ``source`` holds the path, manifest, corpus
    fingerprint and number of entries, ``counts``/``problems`` the load
    report's status counts and its first problem lines, ``characters`` the
    length of the articles' text read, ``reused`` the number of inputs
    skipped. ``jobs``: processes that decode, clean and date the inputs
    (repeated texts are still found in input order, so the rows and the
    report are those of one process). Other arguments: see
    :func:`load_corpus`."""

    def __init__(self, source: str | Path, manifest: str | Path | None = None, text_column: str = "text",
                 lexicons: Path | str | LexiconSet | None = None, date_order: str | None = None,
                 batch_size: int = BATCH_SIZE, jobs: int = 1):
        if date_order not in (None, *DATE_ORDERS):
            raise SelectionError("date order", [date_order], DATE_ORDERS)
        self.path = Path(source)
        if not self.path.exists():
            raise FileNotFoundError(f"corpus source not found: {self.path}")
        self.manifest = Path(manifest) if manifest else (find_manifest(self.path) if self.path.is_dir() else None)
        self.table, self.manifest_problems = read_manifest(self.manifest) if self.manifest else (None, [])
        self.text_column, self.lexicons, self.date_order = text_column, lexicon_set(lexicons), date_order
        self.batch_size, self.jobs = batch_size, jobs
        self.source: dict | None = None
        self.counts: Counter = Counter()
        self.problems: list[str] = []
        self.characters = 0  # of the articles' cleaned text
        self.known: pd.DataFrame | None = None
        self.reused = 0  # inputs not read again (see reuse)

    def reuse(self, known: pd.DataFrame) -> None:
        """Skip the inputs that have not changed since a store was tagged
        from them: ``known`` (the store's keys, indexed by ``article_id``)
        gives each article's ``input`` key, load-report ``reason`` and
        ``text`` hash. An input whose key is the same (same
        path, bytes or row, manifest row and loader options) is not decoded,
        cleaned or dated again: its id goes in the batch's
        ``attrs["inputs"]`` (not in its rows) and its report row is the one
        it had. One whose reason names another article is read again."""
        self.known = known[~known["reason"].str.contains("same text as article", regex=False)]

    def batches(self) -> Iterator[pd.DataFrame]:
        """The articles, a batch at a time; see the class docstring."""
        with ExitStack() as stack:
            pool = stack.enter_context(ProcessPoolExecutor(self.jobs, mp_context=multiprocessing.get_context("fork"))) \
                if self.jobs > 1 else None
            yield from self._batches(pool)

    def _batches(self, pool: ProcessPoolExecutor | None) -> Iterator[pd.DataFrame]:
        digest, first_path, seen_text = CorpusDigest(), {}, {}
        report = [_report(f"{self.manifest.name}:{line}", article_id, "warning", f"manifest: {reason}")
                  for line, article_id, reason in self.manifest_problems]
        rows, inputs = [], []
        found = _inputs(self.path, self.manifest, self.text_column, digest)
        while chunk := list(itertools.islice(found, self.batch_size)):
            items = [thing for thing in chunk if isinstance(thing, _Input)]
            ids = [item.article_id for item in items]
            manifest, known = _rows(self.table, ids), _rows(self.known, ids)
            keys = [self._prepare(item, manifest.get(item.article_id), first_path) for item in items]
            unread = [key is not None and known.get(item.article_id, {}).get("input") == key
                      for item, key in zip(items, keys)]
            self._clean([item for item, key, skip in zip(items, keys, unread) if key is not None and not skip], pool)
            for item, key, skip in zip(items, keys, unread):
                row, entry = self._finish(item, key, known.get(item.article_id) if skip else None, seen_text)
                rows += [row] if row is not None else []
                inputs += [entry] if entry is not None else []
            report += [thing if isinstance(thing, dict) else
                       _report(thing.path, thing.article_id,
                               "skipped" if thing.skipped else ("warning" if thing.reasons else "loaded"),
                               "; ".join(thing.reasons)) for thing in chunk]
            if len(chunk) == self.batch_size:
                yield self._batch(rows, report, inputs)
                rows, report, inputs = [], [], []
        if self.table is not None:
            name = self.manifest.name
            report += [_report(f"{name}:{line}", article_id, "skipped", "manifest row has no article file")
                       for article_id, line in self.table["manifest_line"].items() if article_id not in first_path]
        self.source = {"path": str(self.path.resolve()),
                       "manifest": str(self.manifest.resolve()) if self.manifest else None,
                       "sha256": digest.hexdigest(), "files": digest.entries}
        if rows or report:
            yield self._batch(rows, report, inputs)

    def _prepare(self, item: _Input, values: dict | None, first_path: dict[str, str]) -> str | None:
        """Check an input's id, join its manifest row ``values``: its input
        key (a hash of what the loader reads for it), None when it is skipped."""
        if item.article_id in first_path:
            item.skip(f"duplicate article_id '{item.article_id}' (first: {first_path[item.article_id]})")
        else:
            first_path[item.article_id] = item.path
        if values is not None:
            values = {k: v for k, v in values.items() if k != "manifest_line"}
            item.metadata.update({k: v for k, v in values.items() if v != "" or k not in item.metadata})
        elif self.table is not None and not item.skipped:
            item.reasons.append(f"no row in manifest {self.manifest.name}")
        if item.skipped:
            return None
        return hashlib.sha256(repr((item.path, item.sha256, sorted((values or {}).items()),
                                    self.manifest and self.manifest.name, self.text_column, self.date_order))
                              .encode("utf-8", "surrogateescape")).hexdigest()

    def _clean(self, items: list[_Input], pool: ProcessPoolExecutor | None) -> None:
        """Clean ``items`` (:func:`_article`), in the loader processes when
        there are several; each gets ``row`` (None when skipped) and what
        cleaning says of it."""
        folder = str(self.lexicons.folder) if self.lexicons.folder else None
        size = max(len(items) // (4 * self.jobs), 1)
        groups = [items[i:i + size] for i in range(0, len(items), size)]
        done = (pool.map(_clean_inputs, groups, itertools.repeat(folder), itertools.repeat(self.date_order))
                if pool is not None and len(groups) > 1 else
                (_clean_inputs(group, folder, self.date_order) for group in groups))
        for group, cleaned in zip(groups, done):
            for item, copy in zip(group, cleaned):  # a loader process sends back copies
                vars(item).update(vars(copy))

    def _finish(self, item: _Input, key: str | None, known: dict | None,
                seen_text: dict[bytes, str]) -> tuple[dict | None, dict | None]:
        """An input, in input order -> its article row (None when skipped,
        or unchanged: see :meth:`reuse`) and its keys (None when skipped);
        a text already seen gets its reason here."""
        if key is None:
            return None, None
        if known is not None and bytes.fromhex(known["text"]) not in seen_text:
            seen_text[bytes.fromhex(known["text"])] = item.article_id
            item.reasons = [known["reason"]] if known["reason"] else []
            self.reused += 1
            return None, {"article_id": item.article_id, "input": key, "text": known["text"],
                          "reason": known["reason"], "fresh": False}
        if known is not None:  # unchanged, but an earlier input now has its text: its reason changes
            self._clean([item], None)
        if item.row is None:
            return None, None
        digest = bytes.fromhex(item.text_sha1)
        if digest in seen_text:
            item.reasons.insert(item.text_at, f"same text as article '{seen_text[digest]}'")
        seen_text.setdefault(digest, item.article_id)
        return item.row, {"article_id": item.article_id, "input": key, "text": item.text_sha1,
                          "reason": "; ".join(item.reasons), "fresh": True}

    def _batch(self, rows: list[dict], report: list[dict], inputs: list[dict]) -> pd.DataFrame:
        articles = _frame(rows)
        self.characters += sum(len(row["text"]) for row in rows)
        articles.attrs["inputs"] = pd.DataFrame(inputs, columns=INPUT_COLUMNS).astype(
            {"article_id": "string", "input": "string", "text": "string", "reason": "string", "fresh": bool})
        articles.attrs["load_report"] = pd.DataFrame(report, columns=REPORT_COLUMNS).astype("string")
        for row in report:
            self.counts[row["status"]] += 1
            if row["status"] != "loaded" and len(self.problems) < SHOWN:
                self.problems.append(f"  {row['status']}: {row['path']}: {row['reason']}")
        return articles

    def announce(self) -> None:
        """A LoadWarning summing up the load report, when any input was
        skipped or loaded with a warning."""
        _announce(self.path, self.counts, self.problems, strict=False)


def load_corpus(
    source: str | Path,
    manifest: str | Path | None = None,
    strict: bool = False,
    text_column: str = "text",
    lexicons: Path | str | LexiconSet | None = None,
    date_order: str | None = None,
) -> pd.DataFrame:
    """Load a corpus; see the module docstring.

    ``source``: a folder of ``.txt`` files (searched recursively; a
    ``metadata.csv``/``.jsonl`` inside it is the default manifest), one
    ``.txt`` file, or a CSV/JSONL/Parquet table with a ``text_column``.
    ``manifest``: CSV/JSONL with ``article_id`` and any of ``outlet, title,
    published, url``. ``strict=True`` raises :class:`CorpusError` listing
    every input that was skipped or loaded with a warning. ``lexicons``: the
    lexicon folder whose boilerplate rules, outlet signatures and time words
    are used (files it lacks: the bundled ones). ``date_order``: ``DMY`` or
    ``MDY``, how to read manifest dates such as ``01/02/2024`` (without it
    they are NaT with a warning, as either order could be meant). A corpus
    too large for memory is read in batches by :class:`CorpusStream`.
    """
    stream = CorpusStream(source, manifest, text_column, lexicons, date_order)
    batches, reports = [], []
    for batch in stream.batches():
        reports.append(batch.attrs["load_report"])
        batch.attrs = {}  # pandas compares the attrs of the frames it joins
        batches.append(batch)
    articles = pd.concat(batches).sort_index() if batches else _frame([])
    load_report = (pd.concat(reports, ignore_index=True) if reports
                   else pd.DataFrame(columns=REPORT_COLUMNS).astype("string"))
    articles.attrs = {"load_report": load_report, "source": stream.source}
    problems = [f"  {r.status}: {r.path}: {r.reason}" for r in load_report.itertuples() if r.status != "loaded"]
    _announce(stream.path, stream.counts, problems, strict)
    return articles


def _announce(source: Path, counts: Counter, lines: list[str], strict: bool) -> None:
    """Warn (or, ``strict``, raise) when inputs were skipped or loaded with
    warnings; ``lines``: the problem lines (or the first of them)."""
    problems = sum(n for status, n in counts.items() if status != "loaded")
    if not problems:
        return
    summary = (f"{source}: {sum(counts.values())} inputs: {counts.get('loaded', 0)} loaded, "
               f"{counts.get('warning', 0)} with warnings, {counts.get('skipped', 0)} skipped")
    if strict:
        raise CorpusError("\n".join([summary] + lines))
    shown = lines[:SHOWN] + ([f"  ... {problems - SHOWN} more"] if problems > SHOWN else [])
    warnings.warn("\n".join([summary + " (details: the load report)"] + shown), LoadWarning, stacklevel=3)
