"""Manifest file (CSV or JSONL) -> metadata table keyed by ``article_id``.

``read_manifest(path)`` returns ``(table, problems)``: a DataFrame of strings
indexed by ``article_id`` (first row wins for a repeated id) with a
``manifest_line`` column, and a list of ``(line, article_id, reason)`` for
rows it could not use or had to correct. Only a missing ``article_id``
column or an unreadable file raises.
"""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Iterable, Iterator

import pandas as pd

from .entries import file_entry
from .decoding import decode_bytes
from .errors import ManifestError

MANIFEST_NAMES = ("metadata.csv", "metadata.jsonl")


def find_manifest(folder: Path) -> Path | None:
    """The ``metadata.csv`` or ``metadata.jsonl`` directly inside ``folder``."""
    return next((folder / n for n in MANIFEST_NAMES if (folder / n).is_file()), None)


def jsonl_rows(lines: Iterable[str]) -> Iterator[tuple[int, dict | None, str | None]]:
    """JSON Lines, one line at a time -> ``(line, object, None)`` per JSON
    object and ``(line, None, problem)`` per line that is not one (blank
    lines are skipped)."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as err:
            yield number, None, f"invalid JSON ({err.msg})"
            continue
        if isinstance(value, dict):
            yield number, value, None
        else:
            yield number, None, "line is not a JSON object"


def jsonl_records(text: str) -> tuple[list[tuple[int, dict]], list[tuple[int, str]]]:
    """JSON Lines text -> ``(line, object)`` records and ``(line, problem)``
    for lines that are not JSON objects."""
    rows = list(jsonl_rows(text.splitlines()))
    return [(n, r) for n, r, _ in rows if r is not None], [(n, p) for n, _, p in rows if p is not None]


def csv_rows(lines: Iterable[str], strict: bool = False) -> Iterator:
    """CSV lines, read one row at a time -> first the header (a list), then
    ``(first line, last line, row, None)`` per row keyed by it, or
    ``(first line, last line, None, problem)`` for a row with another number
    of fields than the header (not read). ``strict``: a quote that does not
    close where its field ends raises ValueError naming the line, instead of
    being read on as text."""
    reader = csv.reader(lines, strict=strict)
    try:
        header = next(reader, [])
        yield header
        last = reader.line_num
        for fields in reader:
            previous, last = last, reader.line_num
            if not fields:
                continue  # a blank line
            breaks = sum(f.count("\n") for f in fields)
            first = max(previous + 1, last - breaks)  # blank lines before a row are skipped by the reader
            if len(fields) != len(header):
                spans = f" over lines {first}-{last} (an unclosed quote?)" if breaks else ""
                yield first, last, None, (f"{len(fields)} field(s){spans} where the header has {len(header)}; "
                                          "row not read")
            else:
                yield first, last, dict(zip(header, fields)), None
    except csv.Error as err:
        raise ValueError(f"line {reader.line_num}: {err} (a quote that is not closed, or a quote inside "
                         "an unquoted field)") from None


def csv_records(text: str, strict: bool = False) -> tuple[list[str], list[tuple[int, int, dict]],
                                                           list[tuple[int, str]]]:
    """CSV text -> the header, ``(first line, last line, row)`` records and
    ``(line, problem)`` for rows not read (see :func:`csv_rows`)."""
    rows = csv_rows(io.StringIO(text), strict)
    header, rest = next(rows), list(rows)
    return (header, [(first, last, row) for first, last, row, _ in rest if row is not None],
            [(first, problem) for first, _, row, problem in rest if row is None])


def _records(path: Path, text: str) -> tuple[list[tuple[int, dict]], list[tuple[int, str, str]]]:
    if path.suffix.lower() == ".jsonl":
        records, problems = jsonl_records(text)
        return ([(n, {k: "" if v is None else str(v) for k, v in r.items()}) for n, r in records],
                [(n, "", reason) for n, reason in problems])
    _, rows, unread = csv_records(text)
    problems = [(line, "", reason) for line, reason in unread]
    records = []
    for first, last, row in rows:
        if any("\n" in v for v in row.values()):
            # no manifest field holds a line break: a quote was left open and swallowed the lines after it
            problems.append((first, row.get("article_id", ""), f"a field runs over lines {first}-{last} "
                             "(an unclosed quote?); those lines are not read as rows of their own"))
        records.append((first, {k: v.strip() for k, v in row.items()}))
    return records, problems


def read_manifest(path: Path | str) -> tuple[pd.DataFrame, list[tuple[int, str, str]]]:
    """Read and check a manifest; see the module docstring."""
    path = Path(path)
    if path.suffix.lower() not in (".csv", ".jsonl"):
        raise ManifestError(path, "a manifest must be .csv or .jsonl")
    unreadable = file_entry(path.name, path).reason
    if unreadable:
        raise ManifestError(path, unreadable)
    try:
        text = decode_bytes(path.read_bytes()).text
    except (OSError, ValueError) as err:
        raise ManifestError(path, f"cannot read manifest ({err})") from None
    records, problems = _records(path, text)
    if records and not any("article_id" in r for _, r in records):
        raise ManifestError(path, f"no 'article_id' column (columns: {', '.join(records[0][1])})")
    rows, seen = [], {}
    for number, record in records:
        article_id = record.get("article_id", "")
        if not article_id:
            problems.append((number, "", "empty article_id"))
        elif article_id in seen:
            problems.append((number, article_id, f"repeats article_id of line {seen[article_id]}; ignored"))
        else:
            seen[article_id] = number
            rows.append({**record, "manifest_line": number})
    table = pd.DataFrame(rows)
    if table.empty:
        table = pd.DataFrame(columns=["article_id", "manifest_line"])
    return table.set_index("article_id"), problems


YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
DAY_MONTH = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})")
DATE_ORDERS = ("DMY", "MDY")  # how an analyst states the order of 01/02/2024
FIRST_YEAR, LAST_YEAR = 1678, 2261  # the years a datetime64[ns] column holds
PRECISION = ((re.compile(r"\d{4}"), "year"), (re.compile(r"\d{4}-\d{1,2}"), "month"))


def published_precision(value: str) -> str:
    """day, month or year: how much of a manifest date is given (2024 is a
    year, 2024-06 a month, anything longer a day)."""
    return next((name for pattern, name in PRECISION if pattern.fullmatch(value.strip())), "day")


def parse_published(value: str, date_order: str | None = None) -> pd.Timestamp | None:
    """A manifest date -> naive Timestamp (wall-clock time kept, zone
    dropped), None for empty. ValueError saying why for a value that is not
    a publication date: no four-digit year (``June``, ``12:30``, ``today``,
    ``now``: never the clock), a day and month that could be either way round
    (``01/02/2024``) unless ``date_order`` (``DMY`` or ``MDY``) says which, a
    year outside 1678-2261 (``1445-09-15`` is a Hijri date), or text pandas
    cannot read. ISO 8601 (``2024``, ``2024-06``, ``2024-06-18``,
    ``2024-06-18T10:00:00+03:00``) is the safe form."""
    text = value.strip() if value else ""
    if not text:
        return None
    year = YEAR.search(text)
    if year is None:
        raise ValueError("no four-digit year: a publication date must say which day it was")
    if not FIRST_YEAR <= int(year.group()) <= LAST_YEAR:
        raise ValueError(f"year {year.group()} is outside {FIRST_YEAR}-{LAST_YEAR} (a Hijri date? give the Gregorian one)")
    numeric = DAY_MONTH.fullmatch(text)
    if numeric and date_order:
        first, second = int(numeric[1]), int(numeric[2])
        day, month = (first, second) if date_order == "DMY" else (second, first)
        try:
            return pd.Timestamp(year=int(numeric[3]), month=month, day=day)
        except ValueError as err:
            raise ValueError(f"not a {date_order} date ({err})") from None
    if numeric and int(numeric[1]) <= 12 and int(numeric[2]) <= 12 and numeric[1] != numeric[2]:
        raise ValueError("day and month could be either way round: write it as YYYY-MM-DD, "
                         "or state the order (date_order='DMY' or 'MDY', --date-order)")
    try:
        stamp = pd.Timestamp(text)
    except (ValueError, OverflowError) as err:
        raise ValueError(f"not a date ({err})") from None
    if pd.isna(stamp):
        return None
    return stamp.tz_localize(None) if stamp.tzinfo else stamp
