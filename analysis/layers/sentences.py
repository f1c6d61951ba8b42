"""View -> the ``paragraphs`` and ``sentences`` tables.

``paragraphs``: ``article_id, paragraph_id, start, end, kind, text,
primary_frame`` (kind: ``title``, ``heading`` or ``body``, see
:mod:`analysis.segmentation`; ``primary_frame`` is filled in by the frames
layer, :mod:`analysis.layers.frames`, and empty when it did not run).
``sentences``: ``article_id, sentence_id, paragraph_id, start, end, text,
normalized, key`` (``sentence_id`` numbers the article's sentences from 0;
``normalized`` is the text in the matching form of :mod:`analysis.normalization`;
``key`` a hash of its words, :func:`analysis.words.words_key`, by which
shared passages find copies). For every row ``article_text[start:end] == text``.
"""
from __future__ import annotations

from typing import NamedTuple

import pandas as pd

from ..pipeline import layer
from ..words import words_key


class Paragraph(NamedTuple):
    paragraph_id: int
    start: int
    end: int
    kind: str
    text: str
    primary_frame: str | None = None  # filled in by the frames layer


class Sentence(NamedTuple):
    paragraph_id: int
    start: int
    end: int
    text: str
    normalized: str  # the sentence in the matching form (searching, comparing)
    key: int  # hash of its words (words_key)


@layer("sentences", assigns={"paragraphs": Paragraph, "sentences": Sentence},
       dtypes={"paragraphs": {"kind": "string", "text": "string"},
               "sentences": {"text": "string", "normalized": "string"}}, unkeyed=("paragraphs",))
def sentence_rows(view, lexicons, found) -> dict[str, list]:
    """The view's paragraphs and sentences as rows (``sentence_id`` is the
    sentence's number in the article)."""
    text, normalized = view.text, view.normalized
    bounds = view.to_normalized([position for s, e, _ in view.sentences for position in (s, e)]).tolist()
    return {"paragraphs": [Paragraph(i, s, e, k, text[s:e]) for i, (s, e, k) in enumerate(view.paragraphs)],
            "sentences": [Sentence(p, s, e, text[s:e], form, words_key(form))
                          for i, (s, e, p) in enumerate(view.sentences)
                          for form in [normalized[bounds[2 * i]:bounds[2 * i + 1]]]]}


def sentence_texts(table: pd.DataFrame, sentence_table: pd.DataFrame) -> list[str]:
    """Text of the sentence named by each row's ``article_id, sentence_id``."""
    key = ["article_id", "sentence_id"]
    found = table[key].merge(sentence_table[[*key, "text"]].drop_duplicates(key), on=key, how="left")  # (in order)
    return found["text"].fillna("").tolist()
