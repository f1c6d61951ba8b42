"""Raw article text -> outlet name, by the signature rules of
``data/outlet_signatures.tsv`` (used when the manifest names no outlet)."""
from __future__ import annotations

import re
from pathlib import Path

from .datafiles import non_empty, read_table, valid_regex
from .lexicons import lexicon_set


def read_signatures(path: Path | str) -> tuple:
    """Validated ``(outlet, compiled regex)`` pairs of a signature file, in file order."""
    table = read_table(path, ["outlet", "pattern", "note"], {"outlet": non_empty, "pattern": valid_regex})
    return tuple((row.outlet, re.compile(row.pattern, re.MULTILINE)) for row in table.itertuples())


def outlet_signatures(lexicons=None) -> tuple:
    """The signatures of a lexicon folder (default: the bundled set)."""
    return lexicon_set(lexicons).parsed(read_signatures, "outlet_signatures.tsv")


def guess_outlet(raw: str, signatures: tuple | None = None) -> str | None:
    """The outlet of the first signature found in ``raw``, else None."""
    for outlet, pattern in signatures or outlet_signatures():
        if pattern.search(raw):
            return outlet
    return None
