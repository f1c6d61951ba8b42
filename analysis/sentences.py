"""Articles -> paragraphs and sentences with character offsets into ``text``.

``paragraphs(articles)``: ``article_id, paragraph_id, start, end, kind, text``
(kind: ``title`` for a headline first line, ``heading`` for a subheading,
``body`` otherwise). ``sentences(articles)``: ``article_id, sentence_id,
paragraph_id, start, end, text``; ``text == article_text[start:end]``.
``sentence_ids(table, sentences)`` / ``sentence_texts(table, sentences)``:
the sentence each row of another layer lies in, and its text.

Sentences end at . ! ? ؟ … (with any closing quotes or brackets) followed by
a space, and at paragraph ends. Not at ، or ؛, not inside numbers (7.5),
not after abbreviations (data/abbreviations.tsv, single letters such as
د.), not at the headline separator "..", not at an elision "(...)".
"""
from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

from .cleaning import is_headline_like
from .datafiles import data_path, non_empty, read_table
from .normalization import normalize_for_matching

BOUNDARY = re.compile(r"""(?<![.(\[])(?:[.!?؟]+|…)(?<!\w\.\.)[»”"'’)\]]*(?=\s)""")
PARAGRAPH = re.compile(r"[^\n]+")
LAST_WORD = re.compile(r"([\w.]+)\.$")
SENTENCE_COLUMNS = ["article_id", "sentence_id", "paragraph_id", "start", "end", "text"]
PARAGRAPH_COLUMNS = ["article_id", "paragraph_id", "start", "end", "kind", "text"]


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    """Normalized abbreviations from ``data/abbreviations.tsv``."""
    table = read_table(data_path("abbreviations.tsv"), ["abbreviation"], {"abbreviation": non_empty})
    return frozenset(normalize_for_matching(a).lower() for a in table["abbreviation"])


def _is_abbreviation(before: str) -> bool:
    match = LAST_WORD.search(before)
    if not match:
        return False
    word = normalize_for_matching(match.group(1)).lower()
    return len(word.replace(".", "")) == 1 or word in abbreviations() or word.rstrip(".") in abbreviations()


def _split(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside ``text[start:end]`` (one paragraph)."""
    spans, begin = [], start
    for match in BOUNDARY.finditer(text, start, end):
        punct = match.group(0)
        if punct.startswith(".") and not punct.startswith("..") and _is_abbreviation(text[begin:match.start() + 1]):
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


def paragraphs(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per non-empty line of each article's ``text``; see module doc."""
    rows = []
    for article_id, text, title in zip(articles.index, articles["text"], articles["title"]):
        for number, match in enumerate(PARAGRAPH.finditer(text)):
            line = match.group(0)
            if number == 0 and pd.notna(title) and line == title:
                kind = "title"
            else:
                kind = "heading" if is_headline_like(line) else "body"
            rows.append((article_id, number, match.start(), match.end(), kind, line))
    return _typed(pd.DataFrame(rows, columns=PARAGRAPH_COLUMNS), "paragraph_id")


def sentences(articles: pd.DataFrame, paragraph_table: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per sentence; see module doc."""
    paragraph_table = paragraphs(articles) if paragraph_table is None else paragraph_table
    texts = articles["text"]
    rows, counter = [], {}
    for article_id, paragraph_id, start, end in paragraph_table[
        ["article_id", "paragraph_id", "start", "end"]
    ].itertuples(index=False):
        text = texts[article_id]
        for s, e in _split(text, start, end):
            number = counter.get(article_id, 0)
            counter[article_id] = number + 1
            rows.append((article_id, number, paragraph_id, s, e, text[s:e]))
    return _typed(pd.DataFrame(rows, columns=SENTENCE_COLUMNS), "sentence_id")


def sentence_ids(table: pd.DataFrame, sentence_table: pd.DataFrame) -> pd.Series:
    """``sentence_id`` of the sentence each row of ``table`` (``article_id,
    start``) starts in, aligned with ``table``'s index."""
    by_article = {a: g for a, g in sentence_table.groupby("article_id", sort=False)}
    ids = pd.Series(pd.NA, index=table.index, dtype="Int64")
    for article_id, rows in table.groupby("article_id", sort=False):
        spans = by_article[article_id]
        position = spans["start"].searchsorted(rows["start"].to_numpy(), side="right") - 1
        ids[rows.index] = spans["sentence_id"].to_numpy()[position.clip(0)]
    return ids


def sentence_texts(table: pd.DataFrame, sentence_table: pd.DataFrame) -> list[str]:
    """Text of the sentence named by each row's ``article_id, sentence_id``."""
    text = sentence_table.set_index(["article_id", "sentence_id"])["text"]
    return [text.get((a, s), "") for a, s in zip(table["article_id"], table["sentence_id"])]


def _typed(frame: pd.DataFrame, id_column: str) -> pd.DataFrame:
    for column in ("article_id", "text", "kind"):
        if column in frame:
            frame[column] = frame[column].astype("string")
    for column in (id_column, "paragraph_id", "start", "end"):
        frame[column] = frame[column].astype("int64")
    return frame
