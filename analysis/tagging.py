"""Articles -> a :class:`Tagged` bundle of tidy DataFrames, one per layer.

``tag(articles)`` is a pure function: every layer is keyed by
``article_id`` and carries ``start``/``end`` offsets into the article's
``text``, so it runs the same on a whole corpus or on each partition of one.
Layers so far: ``paragraphs`` and ``sentences`` (:mod:`analysis.sentences`).
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .sentences import paragraphs, sentences


@dataclass(frozen=True)
class Tagged:
    paragraphs: pd.DataFrame
    sentences: pd.DataFrame


def tag(articles: pd.DataFrame) -> Tagged:
    """Tag every layer of ``articles`` (the output of ``load_corpus``)."""
    paragraph_table = paragraphs(articles)
    return Tagged(paragraphs=paragraph_table, sentences=sentences(articles, paragraph_table))
