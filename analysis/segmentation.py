"""Article text -> paragraph and sentence spans (the article view holds them).

``paragraph_spans(text, title)``: ``(start, end, kind)`` per non-empty line
(kind: ``title`` for a headline first line equal to the title, ``heading``
for a subheading, ``body`` otherwise). ``sentence_spans(text, paragraphs,
abbreviations)``: ``(start, end, paragraph_id)`` per sentence.

Sentences end at . ! ? ؟ … (with any closing quotes or brackets) followed by
a space, and at paragraph ends. Not at ، or ؛, not inside numbers (7.5),
not after abbreviations (data/abbreviations.tsv, single letters such as
د.), not at the headline separator "..", not at an elision "(...)".
"""
from __future__ import annotations

import re

from .cleaning import is_headline_like
from .datafiles import non_empty, read_table
from .normalization import normalize_for_matching

BOUNDARY = re.compile(r"""(?<![.(\[])(?:[.!?؟]+|…)(?<!\w\.\.)[»”"'’)\]]*(?=\s)""")
PARAGRAPH = re.compile(r"[^\n]+")
LAST_WORD = re.compile(r"([\w.]+)\.$")


def read_abbreviations(path) -> frozenset[str]:
    """Normalized abbreviations from an abbreviations file."""
    table = read_table(path, ["abbreviation"], {"abbreviation": non_empty})
    return frozenset(normalize_for_matching(a).lower() for a in table["abbreviation"])


def _is_abbreviation(before: str, abbreviations: frozenset[str]) -> bool:
    match = LAST_WORD.search(before)
    if not match:
        return False
    word = normalize_for_matching(match.group(1)).lower()
    return len(word.replace(".", "")) == 1 or word in abbreviations or word.rstrip(".") in abbreviations


def _split(text: str, start: int, end: int, abbreviations: frozenset[str]) -> list[tuple[int, int]]:
    """Sentence spans inside ``text[start:end]`` (one paragraph)."""
    spans, begin = [], start
    for match in BOUNDARY.finditer(text, start, end):
        punct = match.group(0)
        if punct.startswith(".") and not punct.startswith("..") \
                and _is_abbreviation(text[begin:match.start() + 1], abbreviations):
            continue
        spans.append((begin, match.end()))
        begin = match.end()
    spans.append((begin, end))
    trimmed = []
    for s, e in spans:
        chunk = text[s:e]
        s, e = s + len(chunk) - len(chunk.lstrip()), e - (len(chunk) - len(chunk.rstrip()))
        if e > s:
            trimmed.append((s, e))
    return trimmed


def paragraph_spans(text: str, title: str | None) -> list[tuple[int, int, str]]:
    """``(start, end, kind)`` of each non-empty line of ``text``."""
    spans = []
    for number, match in enumerate(PARAGRAPH.finditer(text)):
        line = match.group(0)
        if number == 0 and isinstance(title, str) and line == title:
            kind = "title"
        else:
            kind = "heading" if is_headline_like(line) else "body"
        spans.append((match.start(), match.end(), kind))
    return spans


def sentence_spans(text: str, paragraphs: list[tuple[int, int, str]],
                   abbreviations: frozenset[str]) -> list[tuple[int, int, int]]:
    """``(start, end, paragraph_id)`` of each sentence of ``text``."""
    return [(s, e, number) for number, (start, end, _) in enumerate(paragraphs)
            for s, e in _split(text, start, end, abbreviations)]
