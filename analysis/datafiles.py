"""Analyst-editable data files: tab-separated tables validated on load.

A data file is UTF-8 text with a header row of column names; blank lines and
lines starting with ``#`` are ignored. ``read_table(path, columns, checks)``
returns a DataFrame with a ``line`` column (1-based line number in the file)
or raises :class:`DataFileError` naming the file, the line and the problem.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Callable, Mapping

import pandas as pd

from .errors import DataFileError

# The bundled lexicons: the repository's data/ folder (analysis/data links
# to it, so an installed package ships the same files).
DATA_DIR = Path(__file__).resolve().parent / "data"
# The bundled demo corpus: what a notebook reads when no corpus is given.
SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"


def read_table(
    path: Path | str,
    columns: list[str],
    checks: Mapping[str, Callable[[str], str | None]] | None = None,
    optional: tuple[str, ...] = (),
) -> pd.DataFrame:
    """Read a validated TSV data file into a DataFrame of strings.

    ``columns`` are required, ``optional`` ones may be left out (their
    cells are then ""); any other column is an error, so typos show.
    ``checks`` maps a column to a function returning a problem message or
    None. Empty cells are "" not NaN.
    """
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()  # a BOM some editors write is not a header
    except UnicodeDecodeError as err:
        raise DataFileError(path, None, f"not UTF-8 ({err.reason} at byte {err.start})") from None
    rows, header = [], None
    for number, raw in enumerate(lines, start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in raw.rstrip("\n").split("\t")]
        if header is None:
            header = cells
            missing = [c for c in columns if c not in header]
            extra = [c for c in header if c not in [*columns, *optional]]
            if missing or extra:
                allowed = f"{columns}" + (f" (optional: {list(optional)})" if optional else "")
                raise DataFileError(path, number, f"header must be {allowed}; missing {missing}, unknown {extra}")
            continue
        if len(cells) != len(header):
            raise DataFileError(path, number, f"expected {len(header)} tab-separated fields, found {len(cells)}")
        record = {**dict.fromkeys(optional, ""), **dict(zip(header, cells))}
        for column, check in (checks or {}).items():
            problem = check(record[column])
            if problem:
                raise DataFileError(path, number, f"column '{column}': {problem}")
        record["line"] = number
        rows.append(record)
    if header is None:
        raise DataFileError(path, None, "empty file: no header row")
    return pd.DataFrame(rows, columns=[*columns, *optional, "line"])


def non_empty(value: str) -> str | None:
    return None if value else "empty value"


def one_of(*allowed: str) -> Callable[[str], str | None]:
    def check(value: str) -> str | None:
        return None if value in allowed else f"'{value}' is not one of {', '.join(allowed)}"
    return check


def positive_number(value: str) -> str | None:
    """Problem with a cell that must be empty or a number above 0."""
    try:
        return None if not value or float(value) > 0 else f"'{value}' must be above 0"
    except ValueError:
        return f"'{value}' is not a number"


def valid_regex(value: str) -> str | None:
    if not value:
        return "empty pattern"
    try:
        re.compile(value)
    except re.error as err:
        return f"invalid regular expression ({err})"
    return None
