"""Cue lexicons (data files of words and phrases) -> matches with offsets.

A cue is one or more words, matched after normalization (أ/إ/آ -> ا, ة -> ه,
ى -> ي) with any proclitic (و ف ب ل ك and ال); a word ending in ``*``
matches any ending (زيار* = زيارة، زيارته، زيارات).

- ``cue_pattern(cue)``: the regex body of one cue (over normalized text).
- ``CueMatcher(cues, clitics)``: every cue of a list at once; ``find(normalized)``
  returns ``[(start, end, index)]``, non-overlapping, longest match first,
  ``index`` pointing into the list (so a data file row keeps its labels).
"""
from __future__ import annotations

import re

from .normalization import normalize_for_matching
from .words import CLITIC_PATTERN

ARTICLE = r"(?:ال|(?<=ل)ل)"


def cue_pattern(cue: str) -> str:
    """Regex body of a cue over normalized text (see module doc)."""
    words = []
    for word in normalize_for_matching(cue).split():
        stem = word.rstrip("*")
        words.append(re.escape(stem) + (r"\w*" if word.endswith("*") else ""))
    if words and words[0].startswith("ال") and len(words[0]) > 3:
        # the article after the clitic ل loses its alef: ل + الحرب = للحرب
        words[0] = ARTICLE + words[0][2:]
    return r"\s+".join(words)


def bounded(body: str, clitics: str = CLITIC_PATTERN + "(?:ال)?") -> str:
    """A cue body as whole words, after optional ``clitics`` (a regex; by
    default any proclitic and the article)."""
    return rf"(?<!\w){clitics}(?:{body})(?!\w)"


class CueMatcher:
    """All cues of a list in one regex; ``find`` tells which cue matched."""

    def __init__(self, cues: list[str], clitics: str = CLITIC_PATTERN + "(?:ال)?"):
        bodies = [cue_pattern(c) for c in cues]
        self.singles = [re.compile(bounded(b, clitics)) for b in bodies]
        order = sorted(set(bodies), key=len, reverse=True)
        self.combined = re.compile(bounded("|".join(order), clitics)) if order else None
        # the longest body of a match decides its cue (ties: first in the list)
        self.order = sorted(range(len(cues)), key=lambda i: -len(bodies[i]))

    def find(self, normalized: str) -> list[tuple[int, int, int]]:
        """``(start, end, cue index)`` of every match in ``normalized``."""
        if self.combined is None:
            return []
        found = []
        for m in self.combined.finditer(normalized):
            index = next(i for i in self.order if self.singles[i].fullmatch(m.group()))
            found.append((m.start(), m.end(), index))
        return found
