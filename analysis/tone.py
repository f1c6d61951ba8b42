"""Mentions + a small labelled lexicon (``data/tone_words.tsv``) -> the tone
of the words near each actor: a transparent count, not a sentiment model.

``tone_words(articles, sentences, mentions)``: one row per evaluative word
within ``window`` words of a named mention in the same sentence:
``article_id, sentence_id, actor_id, name_en, mention, word, polarity,
start, end``. ``tone_by_outlet(hits, mentions, articles)``: per outlet and
actor, mentions, positive and negative words and ``tone`` = (positive -
negative) / (positive + negative), empty when no word was found.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from .cues import CueMatcher
from .datafiles import file_version, non_empty, one_of, read_table
from .normalization import matching_view

WINDOW = 6  # words either side of a mention
SPACE = re.compile(r"\s+")
TONE_COLUMNS = ["article_id", "sentence_id", "actor_id", "name_en", "mention", "word", "polarity", "start", "end"]


@lru_cache(maxsize=8)
def _read(path: str, mtime: float) -> tuple[CueMatcher, list[str]]:
    table = read_table(path, ["word", "polarity", "note"],
                       {"word": non_empty, "polarity": one_of("positive", "negative")})
    return CueMatcher(table["word"].tolist()), table["polarity"].tolist()


def read_tone_words(path: Path | str | None = None) -> tuple[CueMatcher, list[str]]:
    """``(matcher, polarities)`` from a tone word file (bundled by default)."""
    return _read(*file_version(path, "tone_words.tsv"))


def tone_words(articles: pd.DataFrame, sentences: pd.DataFrame, mentions: pd.DataFrame,
               path: Path | str | None = None, window: int = WINDOW) -> pd.DataFrame:
    """Evaluative words near named mentions (columns: module doc)."""
    matcher, polarity = read_tone_words(path)
    named = mentions[mentions["actor_id"].notna() & (mentions["kind"] == "name")]
    spans = sentences.set_index(["article_id", "sentence_id"])[["start", "text"]]
    rows = []
    for (article_id, sentence_id), group in named.groupby(["article_id", "sentence_id"], sort=False):
        first, sentence = spans.loc[(article_id, sentence_id)]
        normalized, offsets = matching_view(sentence)
        hits = [(int(offsets[s]) + first, int(offsets[e - 1]) + 1 + first, polarity[i])
                for s, e, i in matcher.find(normalized)]
        if not hits:
            continue
        text = articles.at[article_id, "text"]
        bounds = np.array([first] + [m.end() + first for m in SPACE.finditer(sentence)])
        word_at = lambda at: int(np.searchsorted(bounds, at, side="right"))  # noqa: E731
        for m in group.itertuples():
            for start, end, sign in hits:
                if abs(word_at(start) - word_at(m.start)) <= window and not (m.start <= start < m.end):
                    rows.append((article_id, sentence_id, m.actor_id, m.name_en, m.surface, text[start:end], sign,
                                 start, end))
    return pd.DataFrame(rows, columns=TONE_COLUMNS)


def tone_by_outlet(hits: pd.DataFrame, mentions: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Per outlet and actor: ``mentions, positive, negative, tone, words``."""
    named = mentions[mentions["actor_id"].notna() & (mentions["kind"] == "name")]
    base = named.assign(outlet=named["article_id"].map(articles["outlet"])).groupby(
        ["outlet", "name_en"]).size().rename("mentions")
    signs = hits.assign(outlet=hits["article_id"].map(articles["outlet"]))
    counts = pd.crosstab([signs["outlet"], signs["name_en"]], signs["polarity"]) if len(signs) else pd.DataFrame()
    table = base.to_frame().join(counts, how="left").fillna(0)
    for column in ("positive", "negative"):
        table[column] = table[column].astype(int) if column in table else 0
    found = table["positive"] + table["negative"]
    table["tone"] = ((table["positive"] - table["negative"]) / found.where(found > 0)).round(2)
    words = signs.groupby(["outlet", "name_en"])["word"].agg(lambda s: "، ".join(s.value_counts().index[:5]))
    table["words"] = words.reindex(table.index).fillna("")
    return table.reset_index().sort_values(["outlet", "mentions"], ascending=[True, False]).reset_index(drop=True)
