"""Sentences -> ``passages``: sentences shared between articles (syndicated
wire copy, near-duplicate sentences). A corpus layer: it compares articles
with each other, so it runs once over the ``sentences`` table.

``shared_passages(sentences)`` compares sentences of different articles by
word n-gram shingles of their ``normalized`` text and returns one row per pair
whose overlap (shared shingles / shingles of the shorter sentence) reaches
``threshold`` with at least ``min_shared`` shingles in common (so short
headings that share a phrase do not count): ``article_id, sentence_id,
start, end, other_article_id, other_sentence_id, other_start, other_end,
overlap, text, other_text``.
Identical sentences (after normalization) are matched directly; among
distinct sentences, shingles found in more than ``max_sentences`` of them
(formulae every outlet repeats) are ignored, which bounds the self-join.
"""
from __future__ import annotations

import re
from typing import NamedTuple

import pandas as pd

from ..pipeline import layer

WORD = re.compile(r"\w+")


class Passage(NamedTuple):
    sentence_id: int
    start: int
    end: int
    other_article_id: str
    other_sentence_id: int
    other_start: int
    other_end: int
    overlap: float
    text: str
    other_text: str


COLUMNS = ["article_id", *Passage._fields]


def _shingles(words: list[str], size: int) -> list[str]:
    return sorted({" ".join(words[i:i + size]) for i in range(len(words) - size + 1)})


def _similar_keys(keys: pd.Series, size: int, threshold: float, min_shared: int,
                  max_sentences: int) -> pd.DataFrame:
    """Distinct normalized sentences -> pairs ``key, key_other, overlap``,
    each key also paired with itself (exact copies, overlap 1.0)."""
    table = pd.DataFrame({"key": keys, "shingle": [_shingles(k.split(), size) for k in keys]})
    table["n"] = table["shingle"].str.len()
    exploded = table.explode("shingle").dropna(subset=["shingle"])
    frequency = exploded.groupby("shingle")["key"].transform("size")
    exploded = exploded[frequency <= max_sentences]
    pairs = exploded.merge(exploded, on="shingle", suffixes=("", "_other"))
    pairs = pairs[pairs["key"] < pairs["key_other"]]
    counts = pairs.groupby(["key", "key_other", "n", "n_other"]).size().rename("shared").reset_index()
    counts["overlap"] = counts["shared"] / counts[["n", "n_other"]].min(axis=1)
    counts = counts[(counts["overlap"] >= threshold) & (counts["shared"] >= min_shared)]
    exact = table.loc[table["n"] >= min_shared, ["key"]].assign(key_other=lambda t: t["key"], overlap=1.0)
    near = counts[["key", "key_other", "overlap"]]
    both_ways = near.rename(columns={"key": "key_other", "key_other": "key"})
    return pd.concat([exact, near, both_ways], ignore_index=True)


def shared_passages(
    sentences: pd.DataFrame, size: int = 3, threshold: float = 0.4, min_shared: int = 3,
    max_sentences: int = 50,
) -> pd.DataFrame:
    """Pairs of near-duplicate sentences across articles; see module doc.
    Exact copies are matched first (whatever their number), so a wire
    sentence repeated by hundreds of outlets is found; ``max_sentences``
    only limits the near-duplicate search among distinct sentences."""
    base = sentences.reset_index(drop=True)
    base = base.assign(key=[" ".join(WORD.findall(t)) for t in base["normalized"]])
    keys = pd.Series(base["key"].unique(), dtype=object)
    if not (keys != "").any():
        return pd.DataFrame({c: pd.Series(dtype=object) for c in COLUMNS})
    similar = _similar_keys(keys[keys != ""], size, threshold, min_shared, max_sentences)
    spread = base.groupby("key")["article_id"].agg(["nunique", "first"])
    only_in = spread["first"].where(spread["nunique"] == 1)  # the one article a key occurs in
    one, other_one = similar["key"].map(only_in), similar["key_other"].map(only_in)
    within = (one == other_one).fillna(False).astype(bool)  # pairs that could only be within one article
    similar = similar[~within]
    columns = ["article_id", "sentence_id", "start", "end", "text"]
    other = base[columns + ["key"]].rename(columns={c: f"other_{c}" for c in columns + ["key"]})
    pairs = (base[columns + ["key"]].merge(similar, on="key")
             .merge(other, left_on="key_other", right_on="other_key"))
    pairs = pairs[pairs["article_id"] < pairs["other_article_id"]]
    result = pairs.assign(overlap=pairs["overlap"].round(3))[COLUMNS]
    return result.sort_values(["article_id", "sentence_id", "other_article_id", "other_sentence_id"],
                              ignore_index=True)


@layer("passages", assigns={"passages": Passage}, requires=("sentences",), scope="corpus")
def passages(tables: dict, articles: pd.DataFrame, lexicons) -> dict[str, pd.DataFrame]:
    """The shared passages of the whole corpus (see module doc)."""
    return {"passages": shared_passages(tables["sentences"])}
