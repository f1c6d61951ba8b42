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

from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from ..pipeline import layer
from ..words import sentence_words, words_key

EMPTY = words_key("")  # the key of a sentence without words


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
SIZE, THRESHOLD, MIN_SHARED, MAX_SENTENCES = 3, 0.4, 3, 50


def _shingles(words: list[str], size: int) -> list[str]:
    return sorted({" ".join(words[i:i + size]) for i in range(len(words) - size + 1)})


def _hashed(strings) -> np.ndarray:
    """Strings -> stable 64-bit hashes (the same in every process and run)."""
    return pd.util.hash_array(np.asarray(list(strings), dtype=object)).view(np.int64)


def key_shingles(words: pd.Series, size: int = SIZE) -> pd.DataFrame:
    """Distinct sentences' words, by key -> ``key, shingle, n``, shingles
    hashed to int64 (one row per shingle of a key; ``n``: the key's number
    of shingles). Keys too short for one shingle have no row."""
    lists = [_shingles(k.split(), size) for k in words]
    counts = np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))
    return pd.DataFrame({"key": np.repeat(words.index.to_numpy(dtype=np.int64), counts),
                         "shingle": _hashed(s for found in lists for s in found),
                         "n": np.repeat(counts, counts)})


def near_pairs(shingles: pd.DataFrame, threshold: float, min_shared: int, max_sentences: int,
               among=None) -> pd.DataFrame:
    """Pairs of distinct keys sharing shingles: ``key, key_other, overlap``
    with ``key < key_other``. Shingles found in more than ``max_sentences``
    keys are ignored. ``among``: only the pairs with at least one key in it."""
    frequency = shingles.groupby("shingle")["key"].transform("size")
    valid = shingles[frequency <= max_sentences]
    left = valid if among is None else valid[valid["key"].isin(among)]
    pairs = left.merge(valid, on="shingle", suffixes=("", "_other"))
    if among is None:
        pairs = pairs[pairs["key"] < pairs["key_other"]]
    else:  # each pair once: from its smaller key when both are in among
        pairs = pairs[(pairs["key"] != pairs["key_other"])
                      & (~pairs["key_other"].isin(among) | (pairs["key"] < pairs["key_other"]))]
        swap = pairs["key"] > pairs["key_other"]
        pairs = pairs.assign(key=pairs["key"].where(~swap, pairs["key_other"]),
                             key_other=pairs["key_other"].where(~swap, pairs["key"]),
                             n=pairs["n"].where(~swap, pairs["n_other"]),
                             n_other=pairs["n_other"].where(~swap, pairs["n"]))
    counts = pairs.groupby(["key", "key_other", "n", "n_other"]).size().rename("shared").reset_index()
    counts["overlap"] = counts["shared"] / counts[["n", "n_other"]].min(axis=1)
    counts = counts[(counts["overlap"] >= threshold) & (counts["shared"] >= min_shared)]
    return counts[["key", "key_other", "overlap"]].reset_index(drop=True)


def _similar(shingles: pd.DataFrame, near: pd.DataFrame, min_shared: int) -> pd.DataFrame:
    """Every key with itself (exact copies, overlap 1.0; keys of at least
    ``min_shared`` shingles) and the near pairs both ways."""
    sizes = shingles.drop_duplicates("key")
    exact = sizes.loc[sizes["n"] >= min_shared, ["key"]].assign(key_other=lambda t: t["key"], overlap=1.0)
    both_ways = near.rename(columns={"key": "key_other", "key_other": "key"})
    return pd.concat([exact, near, both_ways], ignore_index=True)


def _keyed(sentences: pd.DataFrame) -> tuple[pd.DataFrame, pd.Index]:
    """Sentences (with their ``key``) renumbered from 0, and their distinct
    keys that have words."""
    base = sentences.reset_index(drop=True)
    keys = pd.Index(base["key"].unique()).drop(EMPTY, errors="ignore")
    return base, keys


def key_words(base: pd.DataFrame, keys: pd.Index) -> pd.Series:
    """The words of ``keys`` (from the first sentence with each), by key."""
    first = base.drop_duplicates("key").set_index("key")["normalized"].reindex(keys)
    return pd.Series([sentence_words(t) for t in first], index=keys, dtype=object)


def _expand(base: pd.DataFrame, similar: pd.DataFrame) -> pd.DataFrame:
    """Key pairs -> sentence pairs of different articles (see module doc).
    The pairs are found and sorted as row numbers of ``base``, and each
    column taken once at the end: a pair table runs to millions of rows, and
    carrying text through the joins costs far more than the joins."""
    spread = base.groupby("key")["article_id"].agg(["nunique", "first"])
    only_in = spread["first"].where(spread["nunique"] == 1)  # the one article a key occurs in
    one, other_one = similar["key"].map(only_in), similar["key_other"].map(only_in)
    within = (one == other_one).fillna(False).astype(bool)  # pairs that could only be within one article
    rows = pd.DataFrame({"key": base["key"].to_numpy(), "row": np.arange(len(base))})
    pairs = (rows.merge(similar[~within.to_numpy()], on="key")
             .merge(rows.rename(columns={"key": "key_other", "row": "other_row"}), on="key_other"))
    article = pd.Categorical(base["article_id"].astype(object), categories=sorted(set(base["article_id"]))).codes
    left, right = pairs["row"].to_numpy(), pairs["other_row"].to_numpy()
    keep = article[left] < article[right]
    pairs, left, right = pairs[keep], left[keep], right[keep]
    sentence = base["sentence_id"].to_numpy()
    order = np.lexsort((sentence[right], article[right], sentence[left], article[left]))
    left, right = left[order], right[order]
    columns = ["article_id", "sentence_id", "start", "end", "text"]
    result = {c: base[c].take(left).reset_index(drop=True) for c in columns}
    result |= {f"other_{c}": base[c].take(right).reset_index(drop=True) for c in columns}
    result["overlap"] = pd.Series(pairs["overlap"].to_numpy()[order].round(3))
    return pd.DataFrame(result)[COLUMNS]


def shared_passages(
    sentences: pd.DataFrame, size: int = SIZE, threshold: float = THRESHOLD, min_shared: int = MIN_SHARED,
    max_sentences: int = MAX_SENTENCES,
) -> pd.DataFrame:
    """Pairs of near-duplicate sentences across articles; see module doc.
    Exact copies are matched first (whatever their number), so a wire
    sentence repeated by hundreds of outlets is found; ``max_sentences``
    only limits the near-duplicate search among distinct sentences."""
    base, keys = _keyed(sentences)
    if keys.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in COLUMNS})
    shingles = key_shingles(key_words(base, keys), size)
    return _expand(base, _similar(shingles, near_pairs(shingles, threshold, min_shared, max_sentences), min_shared))


def update_passages(sentences: pd.DataFrame, state: Path) -> pd.DataFrame:
    """:func:`shared_passages` with the defaults, kept up to date between
    runs: ``state`` (a folder) holds every key's shingles and the near pairs
    of the last run, so only the new sentences are split into shingles and
    only the pairs of new keys, or of keys holding a shingle that crossed
    ``max_sentences``, are counted again; the rows equal a full run's."""
    base, keys = _keyed(sentences)
    files = {name: state / f"{name}.parquet" for name in ("shingles", "near")}
    if all(path.is_file() for path in files.values()):
        old = pd.read_parquet(files["shingles"])
        near = pd.read_parquet(files["near"])
        known = pd.Index(old["key"].unique())
        gone, added = known.difference(keys), keys.difference(known)
        if len(gone) or len(added):
            shingles = pd.concat([old[~old["key"].isin(gone)], key_shingles(key_words(base, added))],
                                 ignore_index=True)
            touched = pd.Index(shingles.loc[shingles["key"].isin(added), "shingle"]).union(
                old.loc[old["key"].isin(gone), "shingle"])
            before = old.loc[old["shingle"].isin(touched), "shingle"].value_counts()  # only shingles that moved
            after = shingles.loc[shingles["shingle"].isin(touched), "shingle"].value_counts()
            flipped = touched[(before.reindex(touched, fill_value=0) <= MAX_SENTENCES).to_numpy()
                              != (after.reindex(touched, fill_value=0) <= MAX_SENTENCES).to_numpy()]
            affected = added.union(shingles.loc[shingles["shingle"].isin(flipped), "key"])
            stale = affected.union(gone)
            near = pd.concat([near[~near["key"].isin(stale) & ~near["key_other"].isin(stale)],
                              near_pairs(shingles, THRESHOLD, MIN_SHARED, MAX_SENTENCES, among=affected)],
                             ignore_index=True)
            _keep(state, shingles, near)
        else:
            shingles = old
    else:
        shingles = key_shingles(key_words(base, keys))
        near = near_pairs(shingles, THRESHOLD, MIN_SHARED, MAX_SENTENCES)
        _keep(state, shingles, near)
    if keys.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in COLUMNS})
    return _expand(base, _similar(shingles, near, MIN_SHARED))


def _keep(state: Path, shingles: pd.DataFrame, near: pd.DataFrame) -> None:
    state.mkdir(parents=True, exist_ok=True)
    shingles.to_parquet(state / "shingles.parquet", index=False)
    near.to_parquet(state / "near.parquet", index=False)


@layer("passages", assigns={"passages": Passage}, requires=("sentences",), scope="corpus")
def passages(tables: dict, lexicons, state: Path | None = None) -> dict[str, pd.DataFrame]:
    """The shared passages of the whole corpus (see module doc); with a
    ``state`` folder, brought up to date from the last run's."""
    sentences = tables["sentences"]
    return {"passages": update_passages(sentences, state) if state else shared_passages(sentences)}
