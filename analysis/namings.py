"""Articles -> ``namings``: which of the competing names for one thing an
article uses (``data/namings.tsv``): the war as "invasion" or "special
military operation", North Korea by its official or common name, ...

``read_namings(path)`` validates the file; ``namings(articles, path)`` is
the ``tagged.namings`` layer: ``article_id, sentence_id, start, end,
surface, concept, variant``, one row per name found (longest match wins
where names overlap).
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .cues import CueMatcher
from .datafiles import file_version, non_empty, read_table
from .normalization import matching_view
from .sentences import sentence_ids

NAMING_COLUMNS = ["article_id", "sentence_id", "start", "end", "surface", "concept", "variant"]


def _identifier(value: str) -> str | None:
    return None if re.fullmatch(r"[a-z0-9_]+", value) else f"'{value}' must be lowercase letters, digits or _"


@lru_cache(maxsize=8)
def _read(path: str, mtime: float) -> tuple[pd.DataFrame, CueMatcher]:
    table = read_table(path, ["concept", "variant", "cue", "note"],
                       {"concept": _identifier, "variant": _identifier, "cue": non_empty})
    return table, CueMatcher(table["cue"].tolist())


def read_namings(path: Path | str | None = None) -> tuple[pd.DataFrame, CueMatcher]:
    """``(table, matcher)`` for a namings file (bundled by default); raises
    DataFileError "file:line: problem" for a broken line."""
    return _read(*file_version(path, "namings.tsv"))


def namings(articles: pd.DataFrame, sentence_table: pd.DataFrame, path: Path | str | None = None) -> pd.DataFrame:
    """The ``tagged.namings`` layer (columns: module doc)."""
    table, matcher = read_namings(path)
    concepts, variants = table["concept"].tolist(), table["variant"].tolist()
    rows = []
    for article_id, text in articles["text"].items():
        normalized, offsets = matching_view(text)
        for start, end, index in matcher.find(normalized):
            first, last = int(offsets[start]), int(offsets[end - 1]) + 1
            rows.append((article_id, first, last, text[first:last], concepts[index], variants[index]))
    found = pd.DataFrame(rows, columns=["article_id", "start", "end", "surface", "concept", "variant"])
    found.insert(1, "sentence_id", sentence_ids(found, sentence_table))
    return found[NAMING_COLUMNS]
