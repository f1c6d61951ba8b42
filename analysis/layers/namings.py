"""View -> ``namings``: which of the competing names for one thing an
article uses (``data/namings.tsv``): the war as "invasion" or "special
military operation", North Korea by its official or common name, ...

``read_namings(path)`` validates the file; the ``namings`` layer gives
``article_id, sentence_id, start, end,
surface, concept, variant``, one row per name found (longest match wins
where names overlap).
"""
from __future__ import annotations

import re
from typing import NamedTuple

import pandas as pd

from ..cues import CueMatcher, valid_cue
from ..datafiles import read_table
from ..pipeline import layer


class Naming(NamedTuple):
    start: int
    end: int
    surface: str
    concept: str
    variant: str


def _identifier(value: str) -> str | None:
    return None if re.fullmatch(r"[a-z0-9_]+", value) else f"'{value}' must be lowercase letters, digits or _"


def read_namings(path) -> tuple[pd.DataFrame, CueMatcher]:
    """``(table, matcher)`` of a namings file; raises DataFileError
    "file:line: problem" for a broken line."""
    table = read_table(path, ["concept", "variant", "cue", "note"],
                       {"concept": _identifier, "variant": _identifier, "cue": valid_cue})
    return table, CueMatcher(table["cue"].tolist())


@layer("namings", assigns={"namings": Naming})
def namings(view, lexicons, found) -> dict[str, list]:
    """The names of contested things in one article (see module doc)."""
    table, matcher = lexicons.parsed(read_namings, "namings.tsv")
    concepts, variants = table["concept"].tolist(), table["variant"].tolist()
    matches = matcher.find(view.normalized, words=view.words)
    starts, ends = view.spans([m.start for m in matches], [m.end for m in matches])
    return {"namings": [Naming(s, e, view.text[s:e], concepts[m.index], variants[m.index])
                        for s, e, m in zip(starts.tolist(), ends.tolist(), matches)]}
