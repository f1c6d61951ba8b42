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
``published_evidence`` and the load report).
"""
from __future__ import annotations

import hashlib
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .cleaning import boilerplate_rules, clean_text
from .entries import Entry, corpus_entries, file_entry
from .errors import CorpusError, SelectionError
from .fingerprints import corpus_files, corpus_sha256
from .decoding import UndecodableInput, arabic_share, decode_bytes, normalize_newlines
from .manifest import DATE_ORDERS, csv_records, find_manifest, jsonl_records, parse_published, published_precision, read_manifest
from .lexicons import LexiconSet, lexicon_set
from .outlets import guess_outlet, outlet_signatures
from .pubdates import infer_published

TABLE_SUFFIXES = (".csv", ".jsonl", ".parquet")
REPORT_COLUMNS = ["path", "article_id", "status", "reason"]
ARTICLE_COLUMNS = ["outlet", "title", "published", "published_source", "url", "text"]
PROVENANCE = ["published_precision", "published_evidence", "path", "encoding", "removed", "unwrapped_lines"]
MIN_ARABIC_SHARE = 0.5  # below this share of Arabic letters: a warning
UNKNOWN_OUTLET = "unknown"


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
    sha256: str | None = None  # of the file's bytes, for the corpus fingerprint

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


def _read_table(path: Path, text_column: str) -> tuple[list[_Input], list[dict]]:
    """Rows of a CSV / JSONL / Parquet table -> inputs (named ``table:line``,
    or ``table#row=N`` for Parquet); plus report rows for lines that could
    not be read as rows."""
    suffix, unreadable = path.suffix.lower(), []
    if suffix == ".parquet":
        with warnings.catch_warnings():  # fastparquet probes a deprecated pandas option on import
            warnings.simplefilter("ignore")
            import fastparquet
        try:
            frame = fastparquet.ParquetFile(str(path)).to_pandas()
            places = [("row", n) for n in range(1, len(frame) + 1)]
        except Exception as err:  # fastparquet raises OSError, ValueError, thrift errors ... for a broken file
            raise CorpusError(f"{path}: not a readable Parquet file ({type(err).__name__}: {err})") from None
    else:
        try:
            text = decode_bytes(path.read_bytes()).text
        except UndecodableInput as err:
            raise CorpusError(f"{path}: {err}") from None
        if suffix == ".csv":
            try:
                header, records, problems = csv_records(text, strict=True)
            except ValueError as err:
                raise CorpusError(f"{path}: not a well-formed CSV table: {err}") from None
            records = [(first, row) for first, _, row in records]
        else:
            header, (records, problems) = None, jsonl_records(text)
        unreadable = [_report(f"{path.name}:{n}", "", "skipped", reason) for n, reason in problems]
        frame = pd.DataFrame([record for _, record in records], columns=header)
        places = [("line", line) for line, _ in records]
    if text_column not in frame.columns:
        raise CorpusError(f"{path}: no '{text_column}' column (columns: {', '.join(map(str, frame.columns))}); "
                         "pass text_column= to name it")
    id_column = next((c for c in ("article_id", "id") if c in frame.columns), None)
    items = []
    for (unit, number), row in zip(places, frame.to_dict("records")):
        article_id = str(row[id_column]).strip() if id_column and pd.notna(row[id_column]) else ""
        place = f"{path.name}:{number}" if unit == "line" else f"{path.name}#row={number}"
        item = _Input(place, article_id or f"{path.stem}-{number}")
        if not article_id:
            item.reasons.append(f"no article_id in the table: id made from the {unit} number")
        value = row[text_column]
        if isinstance(value, (dict, list)):
            item.skip(f"'{text_column}' is a JSON {'object' if isinstance(value, dict) else 'array'}, not text")
        elif value is None or (isinstance(value, float) and pd.isna(value)) or not str(value).strip():
            item.skip("empty text")
        else:
            item.raw = normalize_newlines(str(value))
            item.encoding = "table"
        item.metadata = {k: "" if pd.isna(v) else str(v) for k, v in row.items()
                         if k not in (text_column, id_column) and not isinstance(v, (list, dict))}
        items.append(item)
    return items, unreadable


def _report(path: str, article_id: str, status: str, reason: str) -> dict:
    return {"path": path, "article_id": article_id, "status": status, "reason": reason}


def _gather(source: Path, text_column: str) -> tuple[list[_Input], list[dict]]:
    """Read every input of ``source``; report rows for entries that are not articles."""
    if source.is_dir():
        items, other = [], []
        manifest = find_manifest(source)
        for entry in corpus_entries(source):
            if entry.path == manifest:
                continue
            if entry.reason:
                other.append(_report(entry.name, "", "skipped", entry.reason))
            elif entry.path.suffix.lower() == ".txt":
                items.append(_read_txt(entry))
            else:
                other.append(_report(entry.name, "", "skipped", f"not a .txt article (suffix '{entry.path.suffix}')"))
        return items, other
    entry = file_entry(source.name, source)
    if entry.reason:
        raise CorpusError(f"{source}: {entry.reason}")
    if source.suffix.lower() == ".txt":
        return [_read_txt(entry)], []
    if source.suffix.lower() in TABLE_SUFFIXES:
        return _read_table(source, text_column)
    raise CorpusError(f"{source}: unsupported corpus source; give a folder, a .txt file or a "
                     f"{'/'.join(TABLE_SUFFIXES)} table")


def _check_ids(items: list[_Input]) -> None:
    first: dict[str, str] = {}
    for item in items:
        if item.article_id in first:
            item.skip(f"duplicate article_id '{item.article_id}' (first: {first[item.article_id]})")
        else:
            first[item.article_id] = item.path


def _join_manifest(items: list[_Input], manifest_path: Path | None) -> list[dict]:
    """Fill metadata from the manifest; report its unusable and orphan rows."""
    if manifest_path is None:
        return []
    table, problems = read_manifest(manifest_path)
    name = manifest_path.name
    rows = [_report(f"{name}:{line}", article_id, "warning", f"manifest: {reason}")
            for line, article_id, reason in problems]
    present = {item.article_id for item in items}
    for item in items:
        if item.article_id in table.index:
            values = table.loc[item.article_id].to_dict()
            values.pop("manifest_line")
            item.metadata.update({k: v for k, v in values.items() if v != "" or k not in item.metadata})
        elif not item.skipped:
            item.reasons.append(f"no row in manifest {name}")
    for article_id, line in table["manifest_line"].items():
        if article_id not in present:
            rows.append(_report(f"{name}:{line}", article_id, "skipped", "manifest row has no article file"))
    return rows


def _article(item: _Input, seen_text: dict[str, str], lexicons: LexiconSet, date_order: str | None) -> dict | None:
    """Clean one decoded input into an article row (None if it must be skipped)."""
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
    digest = hashlib.sha1(cleaned.text.encode()).hexdigest()
    if digest in seen_text:
        item.reasons.append(f"same text as article '{seen_text[digest]}'")
    seen_text.setdefault(digest, item.article_id)
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
        else "day" if source == "inferred" else None,
        "published_evidence": evidence,
        "path": item.path,
        "encoding": item.encoding,
        "removed": cleaned.removed,
        "unwrapped_lines": cleaned.unwrapped,
        **meta,
    }


def _frame(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=None if rows else ["article_id", *ARTICLE_COLUMNS, *PROVENANCE])
    for column in ("outlet", "title", "published_source", "published_precision", "published_evidence", "url", "text",
                   "path", "encoding"):
        frame[column] = frame[column].astype("string")
    frame["published"] = pd.to_datetime(frame["published"]).astype("datetime64[ns]")
    frame["unwrapped_lines"] = frame["unwrapped_lines"].astype("int64")
    return frame.set_index("article_id").sort_index()


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
    they are NaT with a warning, as either order could be meant).
    """
    if date_order not in (None, *DATE_ORDERS):
        raise SelectionError("date order", [date_order], DATE_ORDERS)
    lexicons = lexicon_set(lexicons)
    source = Path(source)
    if not source.exists():
        raise FileNotFoundError(f"corpus source not found: {source}")
    items, report = _gather(source, text_column)
    _check_ids(items)
    manifest_path = Path(manifest) if manifest else (find_manifest(source) if source.is_dir() else None)
    report += _join_manifest(items, manifest_path)
    rows, seen_text = [], {}
    for item in items:
        row = None if item.skipped else _article(item, seen_text, lexicons, date_order)
        if row is not None:
            rows.append(row)
        status = "skipped" if item.skipped else ("warning" if item.reasons else "loaded")
        report.append(_report(item.path, item.article_id, status, "; ".join(item.reasons)))
    articles = _frame(rows)
    load_report = pd.DataFrame(report, columns=REPORT_COLUMNS).astype("string")
    articles.attrs["load_report"] = load_report
    read = {item.path: item.sha256 for item in items if item.sha256}  # each file is read once
    articles.attrs["source"] = {"path": str(source.resolve()),
                                "manifest": str(manifest_path.resolve()) if manifest_path else None,
                                "sha256": corpus_sha256(corpus_files(source, manifest_path), read)}
    _announce(source, load_report, strict)
    return articles


def _announce(source: Path, report: pd.DataFrame, strict: bool) -> None:
    problems = report[report["status"] != "loaded"]
    if problems.empty:
        return
    counts = report["status"].value_counts()
    summary = (f"load_corpus('{source}'): {len(report)} inputs: {counts.get('loaded', 0)} loaded, "
               f"{counts.get('warning', 0)} with warnings, {counts.get('skipped', 0)} skipped")
    lines = [f"  {r.status}: {r.path}: {r.reason}" for r in problems.itertuples()]
    if strict:
        raise CorpusError("\n".join([summary] + lines))
    shown = lines[:10] + ([f"  ... {len(lines) - 10} more"] if len(lines) > 10 else [])
    warnings.warn("\n".join([summary + " (details: articles.attrs['load_report'])"] + shown),
                  LoadWarning, stacklevel=3)
