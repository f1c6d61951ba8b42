"""Sentences -> passages shared between articles (syndicated wire copy,
near-duplicate sentences).

``shared_passages(sentences)`` compares sentences of different articles by
word n-gram shingles of their normalized text and returns one row per pair
whose overlap (shared shingles / shingles of the shorter sentence) reaches
``threshold`` with at least ``min_shared`` shingles in common (so short
headings that share a phrase do not count): ``article_id, sentence_id, start, end, other_article_id,
other_sentence_id, other_start, other_end, overlap, text, other_text``.
Shingles found in more than ``max_sentences`` sentences (formulae every
outlet repeats) are ignored, which also bounds the cost of the self-join.
"""
from __future__ import annotations

import re

import pandas as pd

from .normalization import normalize_for_matching

WORD = re.compile(r"\w+")
COLUMNS = ["article_id", "sentence_id", "start", "end", "other_article_id", "other_sentence_id",
           "other_start", "other_end", "overlap", "text", "other_text"]


def _shingles(text: str, size: int) -> list[str]:
    words = WORD.findall(normalize_for_matching(text))
    return sorted({" ".join(words[i:i + size]) for i in range(len(words) - size + 1)})


def shared_passages(
    sentences: pd.DataFrame, size: int = 3, threshold: float = 0.4, min_shared: int = 3,
    max_sentences: int = 50,
) -> pd.DataFrame:
    """Pairs of near-duplicate sentences across articles; see module doc."""
    base = sentences.reset_index(drop=True)
    table = pd.DataFrame({"row": base.index, "shingle": [_shingles(t, size) for t in base["text"]]})
    table["n"] = table["shingle"].str.len()
    exploded = table.explode("shingle").dropna(subset=["shingle"])
    frequency = exploded.groupby("shingle")["row"].transform("size")
    exploded = exploded[frequency <= max_sentences]
    exploded = exploded.assign(article_id=base["article_id"].to_numpy()[exploded["row"].to_numpy()])
    pairs = exploded.merge(exploded, on="shingle", suffixes=("", "_other"))
    pairs = pairs[pairs["article_id"] < pairs["article_id_other"]]
    counts = pairs.groupby(["row", "row_other", "n", "n_other"]).size().rename("shared").reset_index()
    counts["overlap"] = counts["shared"] / counts[["n", "n_other"]].min(axis=1)
    counts = counts[(counts["overlap"] >= threshold) & (counts["shared"] >= min_shared)]
    left = base.loc[counts["row"].to_numpy()].reset_index(drop=True)
    right = base.loc[counts["row_other"].to_numpy()].reset_index(drop=True)
    result = pd.DataFrame({
        "article_id": left["article_id"], "sentence_id": left["sentence_id"],
        "start": left["start"], "end": left["end"],
        "other_article_id": right["article_id"], "other_sentence_id": right["sentence_id"],
        "other_start": right["start"], "other_end": right["end"],
        "overlap": counts["overlap"].round(3).to_numpy(),
        "text": left["text"], "other_text": right["text"],
    }, columns=COLUMNS)
    return result.sort_values(["article_id", "sentence_id", "other_article_id", "other_sentence_id"],
                              ignore_index=True)


def article_overlap(passages: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Shared passages -> one row per article pair: ``article_id,
    other_article_id, shared_sentences, share_of_article`` (share of the
    first article's sentences that reappear in the other)."""
    totals = sentences.groupby("article_id").size()
    grouped = (passages.groupby(["article_id", "other_article_id"])["sentence_id"].nunique()
               .rename("shared_sentences").reset_index())
    grouped["share_of_article"] = (grouped["shared_sentences"]
                                   / grouped["article_id"].map(totals).astype(float)).round(3)
    return grouped.sort_values("shared_sentences", ascending=False, ignore_index=True)
