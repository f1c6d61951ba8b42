"""Articles -> a :class:`Tagged` bundle of tidy DataFrames, one per layer.

``tag(articles)`` is a pure function: every layer is keyed by
``article_id`` and carries ``start``/``end`` offsets into the article's
``text``, so it runs the same on a whole corpus or on each partition of one.
Layers: ``paragraphs`` and ``sentences`` (:mod:`analysis.sentences`),
``mentions`` and ``candidates`` (:mod:`analysis.mentions`), ``timexes``
(:mod:`analysis.timexes`) and ``events`` (:mod:`analysis.events`).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .lexicon import load_lexicon
from .events import events
from .mentions import actor_mentions
from .sentences import paragraphs, sentences
from .timexes import timexes


@dataclass(frozen=True)
class Tagged:
    paragraphs: pd.DataFrame
    sentences: pd.DataFrame
    mentions: pd.DataFrame
    candidates: pd.DataFrame
    timexes: pd.DataFrame
    events: pd.DataFrame


def tag(articles: pd.DataFrame, actors: Path | str | None = None, roles: Path | str | None = None,
        spelling_rules: Path | str | None = None, time_words: Path | str | None = None,
        event_cues: Path | str | None = None) -> Tagged:
    """Tag every layer of ``articles`` (the output of ``load_corpus``).

    ``actors``, ``roles``, ``spelling_rules``, ``time_words``,
    ``event_cues``: the analyst's own lexicon files (TSV, formats in
    ``analysis/data``); the bundled ones by default.
    """
    paragraph_table = paragraphs(articles)
    sentence_table = sentences(articles, paragraph_table)
    mentions, candidates = actor_mentions(articles, sentence_table, paragraph_table,
                                          load_lexicon(actors, roles, spelling_rules))
    timex_table = timexes(articles, sentence_table, time_words)
    event_table = events(articles, sentence_table, timex_table, mentions, event_cues)
    return Tagged(paragraphs=paragraph_table, sentences=sentence_table, mentions=mentions, candidates=candidates,
                  timexes=timex_table, events=event_table)
