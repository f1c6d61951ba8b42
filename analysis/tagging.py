"""Articles -> a :class:`Tagged` bundle of tidy DataFrames, one per layer.

``tag(articles)`` is a pure function: every layer is keyed by
``article_id`` and carries ``start``/``end`` offsets into the article's
``text``, so it runs the same on a whole corpus or on each partition of one.
Layers: ``paragraphs`` and ``sentences`` (:mod:`analysis.sentences`),
``mentions`` and ``candidates`` (:mod:`analysis.mentions`), ``timexes``
(:mod:`analysis.timexes`), ``events`` (:mod:`analysis.events`), ``quotes``
(:mod:`analysis.quotes`), ``frames`` (:mod:`analysis.frames`) and
``namings`` (:mod:`analysis.namings`).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .events import events
from .frames import frames
from .lexicon import load_lexicon
from .mentions import actor_mentions
from .namings import namings
from .quotes import quotes
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
    quotes: pd.DataFrame
    frames: pd.DataFrame
    namings: pd.DataFrame


def tag(articles: pd.DataFrame, actors: Path | str | None = None, roles: Path | str | None = None,
        spelling_rules: Path | str | None = None, time_words: Path | str | None = None,
        event_cues: Path | str | None = None, quote_cues: Path | str | None = None,
        frame_cues: Path | str | None = None, naming_list: Path | str | None = None) -> Tagged:
    """Tag every layer of ``articles`` (the output of ``load_corpus``).

    ``actors``, ``roles``, ``spelling_rules``, ``time_words``,
    ``event_cues``, ``quote_cues``, ``frame_cues``, ``naming_list``: the
    analyst's own lexicon files (TSV, formats in
    ``analysis/data``); the bundled ones by default.
    """
    paragraph_table = paragraphs(articles)
    sentence_table = sentences(articles, paragraph_table)
    lexicon = load_lexicon(actors, roles, spelling_rules)
    mentions, candidates = actor_mentions(articles, sentence_table, paragraph_table, lexicon)
    timex_table = timexes(articles, sentence_table, time_words)
    event_table = events(articles, sentence_table, timex_table, mentions, event_cues)
    quote_table = quotes(articles, sentence_table, paragraph_table, mentions, candidates, timex_table,
                         lexicon[0], lexicon[1], quote_cues)
    return Tagged(paragraphs=paragraph_table, sentences=sentence_table, mentions=mentions, candidates=candidates,
                  timexes=timex_table, events=event_table, quotes=quote_table,
                  frames=frames(articles, sentence_table, frame_cues),
                  namings=namings(articles, sentence_table, naming_list))
