"""Normalized text -> words with offsets, for the layers that match words
(actors, candidates, terms).

``text_words(normalized, offsets)`` returns :class:`Words`: each word's
normalized span and its span in the original ``text``, and whether a word
is joined to the next only by spaces or hyphens (so a multi-word name never
runs across a comma, a full stop or a line break). ``bare_forms(word)``
lists the ways a word splits into a proclitic and the rest.
``words_key(normalized)`` hashes a sentence's words (the key by which shared
passages find copies).
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

WORD = re.compile(r"\w+")


def sentence_words(normalized: str) -> str:
    """A normalized sentence's words (``\\w+`` runs) joined by one space."""
    return " ".join(WORD.findall(normalized))


def words_key(normalized: str) -> int:
    """A normalized sentence -> a signed 64-bit hash (blake2b: the same in
    every process and run) of its words: sentences that differ only in
    punctuation or spacing share it."""
    digest = hashlib.blake2b(sentence_words(normalized).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)


JOINER = re.compile(r"[ \-\u2010-\u2013\u00AD]*")
# Proclitics (normalized) that may precede a name: و ف ب ل ك and their
# combinations; ل + ال is written لل. The article ال itself is handled by
# lexicon keys (see analysis.lexicon.key_of).
CLITICS = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك", "لل", "ولل", "فلل")
# The same proclitics as an optional regex group, longest first (for the
# taggers that match regular expressions: timexes, events).
CLITIC_PATTERN = "(?:" + "|".join(sorted(filter(None, CLITICS), key=len, reverse=True)) + ")?"


@dataclass(frozen=True)
class Words:
    normalized: str
    words: list[str]
    starts: np.ndarray      # normalized offsets
    ends: np.ndarray
    text_starts: np.ndarray  # offsets in the original text
    text_ends: np.ndarray
    joined: list[bool]       # joined[i]: word i and i+1 may belong to one name
    offsets: np.ndarray      # normalized index -> original index

    def span(self, first: int, last: int, skip: int = 0) -> tuple[int, int]:
        """Original ``(start, end)`` of words ``first..last``, skipping
        ``skip`` normalized characters (a clitic) at the start."""
        return int(self.offsets[self.starts[first] + skip]), int(self.text_ends[last])


def text_ends(offsets: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Original end offsets of normalized spans ending at ``ends``: the
    marks (diacritics, tatweel) after the last letter belong to the span;
    a span ending inside a ligature ends after it."""
    ends = np.asarray(ends, dtype=np.int64)
    if not len(ends):
        return ends
    return np.maximum(offsets[ends], offsets[ends - 1] + 1)


def text_words(normalized: str, offsets: np.ndarray) -> Words:
    """Words of a normalized text with their offsets (see module doc)."""
    found = [(m.start(), m.end()) for m in WORD.finditer(normalized)]
    starts = np.array([s for s, _ in found], dtype=np.int64)
    ends = np.array([e for _, e in found], dtype=np.int64)
    joined = [JOINER.fullmatch(normalized, e, s2) is not None
              for (_, e), (s2, _) in zip(found, found[1:])] + [False][: len(found)]
    return Words(normalized, [normalized[s:e] for s, e in found], starts, ends,
                 offsets[starts] if len(found) else starts, text_ends(offsets, ends), joined, offsets)


@lru_cache(maxsize=1 << 18)
def bare_forms(word: str) -> tuple[tuple[int, str], ...]:
    """``(clitic length, rest)`` for each proclitic ``word`` may start with,
    the word itself first; the rest keeps at least two letters."""
    return tuple((len(c), word[len(c):]) for c in CLITICS if word.startswith(c) and len(word) - len(c) >= 2)
