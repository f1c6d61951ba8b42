"""Cue lexicons (data files of words and phrases) -> matches with offsets.

A cue is one or more words, matched after normalization (أ/إ/آ -> ا, ة -> ه,
ى -> ي) with any proclitic (و ف ب ل ك and ال); a word ending in ``*``
matches any ending (زيار* = زيارة، زيارته، زيارات).

- ``cue_pattern(cue)``: the regex body of one cue (over normalized text).
- ``CueMatcher(cues, clitics)``: every cue of a list in one regex;
  ``find(normalized, start, end)`` returns :class:`CueMatch` es,
  non-overlapping, longest cue first, ``index`` pointing into the list (so a
  data file row keeps its labels).
"""
from __future__ import annotations

import re
from typing import NamedTuple

from .normalization import normalize_for_matching
from .words import CLITIC_PATTERN

ARTICLE = r"(?:ال|(?<=ل)ل)"


class CueMatch(NamedTuple):
    start: int  # normalized offsets
    end: int
    index: int  # the cue's position in the list


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
    """All cues of a list in one regex (longest body first; ties: first in
    the list). The scan uses alternatives without groups, which the regex
    engine can skip quickly; each match is then matched again, in place,
    by the same alternatives with one group per cue body: the group that
    matched tells the cue."""

    def __init__(self, cues: list[str], clitics: str = CLITIC_PATTERN + "(?:ال)?"):
        bodies = [cue_pattern(c) for c in cues]
        first: dict[str, int] = {}
        for index, body in enumerate(bodies):
            first.setdefault(body, index)
        order = sorted(first, key=lambda b: (-len(b), first[b]))
        self.index = [first[b] for b in order]  # group number - 1 -> cue index
        self.combined = re.compile(bounded("|".join(order), clitics)) if order else None
        self.grouped = re.compile(bounded("|".join(f"({b})" for b in order), clitics)) if order else None

    def find(self, normalized: str, start: int = 0, end: int | None = None) -> list[CueMatch]:
        """Every match in ``normalized[start:end]`` (offsets into ``normalized``)."""
        if self.combined is None:
            return []
        end = len(normalized) if end is None else end
        found = []
        for m in self.combined.finditer(normalized, start, end):
            which = self.grouped.fullmatch(normalized, m.start(), m.end())
            found.append(CueMatch(m.start(), m.end(), self.index[which.lastindex - 1]))
        return found
