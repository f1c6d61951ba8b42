"""Cue lexicons (data files of words and phrases) -> matches with offsets.

A cue is one or more words, matched after normalization (أ/إ/آ -> ا, ة -> ه,
ى -> ي) with any proclitic (و ف ب ل ك and ال); a word ending in ``*``
matches any ending (زيار* = زيارة، زيارته، زيارات).

- ``cue_pattern(cue)``: the regex body of one cue (over normalized text).
- ``CueMatcher(cues, clitics)``: every cue of a list in one regex;
  ``find(normalized, start, end, words)`` returns :class:`CueMatch` es,
  non-overlapping, longest cue first, ``index`` pointing into the list (so a
  data file row keeps its labels).
"""
from __future__ import annotations

import re
from typing import NamedTuple

import numpy as np

from .normalization import normalize_for_matching
from .words import CLITIC_PATTERN

ARTICLE = r"(?:ال|(?<=ل)ل)"
MAX_LEAD = 7  # letters before a cue's first letters in a word: a clitic (فلل), ال, ال


class CueMatch(NamedTuple):
    start: int  # normalized offsets
    end: int
    index: int  # the cue's position in the list


def valid_cue(value: str) -> str | None:
    """Problem with a cue cell (for :func:`analysis.datafiles.read_table`),
    None if it is usable: words, and two letters before any ``*``."""
    words = normalize_for_matching(value).split()
    if not words:
        return "empty value"
    short = [w for w in words if w.endswith("*") and len(w.rstrip("*")) < 2]
    return f"'{short[0]}' matches almost any word: keep two letters before *" if short else None


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


def _core(cue: str) -> str:
    """The letters every match of a cue contains at the start of its first
    word (after its clitics and article): the first word without * or ال."""
    words = normalize_for_matching(cue).split()
    stem = words[0].rstrip("*") if words else ""
    return stem[2:] if stem.startswith("ال") else stem


def bounded(body: str, clitics: str = CLITIC_PATTERN + "(?:ال)?") -> str:
    """A cue body as whole words, after optional ``clitics`` (a regex; by
    default any proclitic and the article)."""
    return rf"(?<!\w){clitics}(?:{body})(?!\w)"


def matches_at(pattern: re.Pattern, text: str, positions: list[int], end: int | None = None) -> list[re.Match]:
    """The matches of ``pattern`` starting at ``positions`` (ascending), as
    ``finditer`` finds them when no match can start elsewhere: a position
    inside an earlier match is skipped."""
    end = len(text) if end is None else end
    found, after = [], 0
    for at in positions:
        if at >= after:
            m = pattern.match(text, at, end)
            if m:
                found.append(m)
                after = m.end()
    return found


class CueMatcher:
    """All cues of a list in one regex (longest body first; ties: first in
    the list). ``find`` scans with alternatives without groups; each match is
    then matched again, in place, by the same alternatives with one group
    per cue body: the group that matched tells the cue. Given the text's
    words, ``find`` tries the regex only at the words that may start a cue
    (a cue's first letters within the first ``MAX_LEAD`` letters of the
    word, after a clitic or the article), which gives the same matches as a
    scan of every position."""

    def __init__(self, cues: list[str], clitics: str = CLITIC_PATTERN + "(?:ال)?"):
        bodies = [cue_pattern(c) for c in cues]
        first: dict[str, int] = {}
        for index, body in enumerate(bodies):
            first.setdefault(body, index)
        order = sorted(first, key=lambda b: (-len(b), first[b]))
        self.index = [first[b] for b in order]  # group number - 1 -> cue index
        self.combined = re.compile(bounded("|".join(order), clitics)) if order else None
        self.grouped = re.compile(bounded("|".join(f"({b})" for b in order), clitics)) if order else None
        cores = sorted({_core(c) for c in cues}, key=lambda c: (len(c), c))  # shortest first: earliest start wins
        self.cores = re.compile("|".join(map(re.escape, cores))) if cores else None
        self._starts: dict[str, bool] = {}

    def may_start(self, word: str) -> bool:
        """Whether a cue may start at this (normalized) word: some cue's
        first letters begin within its first ``MAX_LEAD`` letters (the
        leftmost occurrence decides)."""
        found = self._starts.get(word)
        if found is None:
            m = self.cores.search(word) if self.cores is not None else None
            found = self._starts[word] = m is not None and m.start() <= MAX_LEAD
        return found

    def find(self, normalized: str, start: int = 0, end: int | None = None, words=None) -> list[CueMatch]:
        """Every match in ``normalized[start:end]`` (offsets into
        ``normalized``); ``words``: its :class:`~analysis.words.Words`, to
        try only the words that may start a cue."""
        if self.combined is None:
            return []
        end = len(normalized) if end is None else end
        if words is None:
            return self._identify(normalized, [m.span() for m in self.combined.finditer(normalized, start, end)])
        first, last = np.searchsorted(words.starts, [start, end]).tolist()
        return self.match_at(normalized, [at for word, at in zip(words.words[first:last], words.starts[first:last].tolist())
                                          if self.may_start(word)], end)

    def match_at(self, normalized: str, positions: list[int], end: int | None = None) -> list[CueMatch]:
        """The matches starting at ``positions`` (word starts, ascending), as
        a scan would find them (see :func:`matches_at`)."""
        if self.combined is None:
            return []
        return self._identify(normalized, [m.span() for m in matches_at(self.combined, normalized, positions, end)])

    def _identify(self, normalized: str, spans: list[tuple[int, int]]) -> list[CueMatch]:
        found = []
        for s, e in spans:
            which = self.grouped.fullmatch(normalized, s, e)
            found.append(CueMatch(s, e, self.index[which.lastindex - 1]))
        return found


class CueGroup:
    """Several cue lists (the frames), each matched on its own over one text
    (a match of one list never hides a match of another), with one pass
    over the words to find where each list may match."""

    def __init__(self, matchers: dict[str, CueMatcher]):
        self.matchers = matchers
        self._starts: dict[str, tuple[str, ...]] = {}

    def find(self, normalized: str, words) -> dict[str, list[CueMatch]]:
        """List name -> its matches in ``normalized`` (``words``: its words)."""
        positions: dict[str, list[int]] = {name: [] for name in self.matchers}
        for word, at in zip(words.words, words.starts.tolist()):
            names = self._starts.get(word)
            if names is None:
                names = self._starts[word] = tuple(n for n, m in self.matchers.items() if m.may_start(word))
            for name in names:
                positions[name].append(at)
        return {name: matcher.match_at(normalized, positions[name]) for name, matcher in self.matchers.items()}
