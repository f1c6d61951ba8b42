"""Raw article text -> outlet name, by the signature rules of
``data/outlet_signatures.tsv`` (used when the manifest names no outlet)."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from .datafiles import data_path, non_empty, read_table, valid_regex


@lru_cache(maxsize=8)
def _signatures(path: str) -> tuple:
    table = read_table(path, ["outlet", "pattern", "note"], {"outlet": non_empty, "pattern": valid_regex})
    return tuple((row.outlet, re.compile(row.pattern, re.MULTILINE)) for row in table.itertuples())


def outlet_signatures(path: Path | str | None = None) -> tuple:
    """Validated ``(outlet, compiled regex)`` pairs, in file order."""
    return _signatures(str(path or data_path("outlet_signatures.tsv")))


def guess_outlet(raw: str, signatures: tuple | None = None) -> str | None:
    """The outlet of the first signature found in ``raw``, else None."""
    for outlet, pattern in signatures or outlet_signatures():
        if pattern.search(raw):
            return outlet
    return None
