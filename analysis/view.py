"""One article -> :class:`ArticleView`, the one reading of an article that
every layer shares.

``article_view(article_id, text, title, published, lexicons)`` builds it
once per article: the cleaned ``text``; its normalized matching form
(:func:`analysis.normalization.matching_view`) with the offset map; the
words (:class:`analysis.words.Words`); the paragraph and sentence spans.
No layer normalizes the article again.

One convention maps a normalized span ``[start, end)`` back to ``text``
(:meth:`ArticleView.span`): it starts at the first letter's offset and ends
after the marks (diacritics, tatweel) that follow the last letter; a span
ending inside a ligature (ﻻ) ends after it.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from .segmentation import paragraph_spans, read_abbreviations, sentence_spans
from .lexicons import LexiconSet
from .normalization import matching_view
from .words import Words, text_ends, text_words


@dataclass(frozen=True, eq=False)
class ArticleView:
    article_id: str
    text: str
    title: str | None
    published: date | None
    normalized: str
    offsets: np.ndarray                   # normalized index -> text index (one more: len(text))
    words: Words
    paragraphs: list[tuple[int, int, str]]     # (start, end, kind), text offsets
    sentences: list[tuple[int, int, int]]      # (start, end, paragraph_id), text offsets
    sentence_starts: np.ndarray

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Text ``(start, end)`` of the normalized span ``[start, end)``."""
        return int(self.offsets[start]), int(text_ends(self.offsets, [end])[0])

    def spans(self, starts, ends) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`span` for arrays of normalized starts and ends."""
        return self.offsets[np.asarray(starts, dtype=np.int64)], text_ends(self.offsets, ends)

    def to_normalized(self, positions) -> np.ndarray:
        """Normalized index of each text position (a dropped mark maps to
        the next letter)."""
        return np.searchsorted(self.offsets, np.asarray(positions, dtype=np.int64))

    def sentence_ids(self, positions) -> np.ndarray:
        """Number of the sentence each text position lies in (or follows)."""
        found = np.searchsorted(self.sentence_starts, np.asarray(positions, dtype=np.int64), side="right") - 1
        return found.clip(0)


def article_view(article_id: str, text: str, title: str | None, published: date | None,
                 lexicons: LexiconSet) -> ArticleView:
    """The view of one article (see module doc)."""
    normalized, offsets = matching_view(text)
    paragraphs = paragraph_spans(text, title)
    sentences = sentence_spans(text, paragraphs, lexicons.parsed(read_abbreviations, "abbreviations.tsv"))
    return ArticleView(article_id, text, title, published, normalized, offsets, text_words(normalized, offsets),
                       paragraphs, sentences, np.array([s for s, _, _ in sentences], dtype=np.int64))
