"""Mentions -> the tables of the actor notebook: counts per actor and outlet,
sentence co-occurrence, group shares, evidence sentences, candidates.

All functions take the ``articles`` frame and ``Tagged`` layers and return
DataFrames; labels are the actors' ``name_en``.
"""
from __future__ import annotations

import pandas as pd

from .errors import SelectionError
from .overview import word_counts
from .layers.sentences import sentence_texts


def actor_ids(actors, mentions: pd.DataFrame) -> list[str]:
    """Actor ids for ``actors`` given as ids or English names; an actor no
    mention names raises SelectionError."""
    named = mentions.dropna(subset=["actor_id", "name_en"])
    by_name = dict(zip(named["name_en"], named["actor_id"]))
    known = set(named["actor_id"])
    unknown = sorted(a for a in actors if a not in known and a not in by_name)
    if unknown:
        raise SelectionError("actor(s)", unknown, sorted(known))
    return [a if a in known else by_name[a] for a in actors]


def select_mentions(mentions: pd.DataFrame, kinds=("name",), actors=(), groups=()) -> pd.DataFrame:
    """Mentions of the given kinds, restricted to ``actors`` (ids or English
    names) and ``groups`` when those are non-empty; unknown values raise."""
    ids = actor_ids(actors, mentions)
    unknown = sorted(set(groups) - set(mentions["group"].dropna()))
    if unknown:
        raise SelectionError("group(s)", unknown, sorted(set(mentions["group"].dropna())))
    keep = mentions["kind"].isin(kinds)
    if actors:
        keep &= mentions["actor_id"].isin(ids)
    if groups:
        keep &= mentions["group"].isin(groups)
    return mentions[keep]


def mention_counts(mentions: pd.DataFrame, articles: pd.DataFrame, per_1000_words: bool = False) -> pd.DataFrame:
    """Actors (rows, most mentioned first) x outlets (columns): mentions, or
    mentions per 1,000 words of that outlet's selected articles."""
    outlet = mentions["article_id"].map(articles["outlet"])
    table = pd.crosstab(mentions["name_en"], outlet).reindex(columns=sorted(articles["outlet"].unique()), fill_value=0)
    table = table.loc[table.sum(axis=1).sort_values(ascending=False, kind="stable").index]
    if per_1000_words:
        words = word_counts(articles).groupby(articles["outlet"]).sum()
        table = (table / words.reindex(table.columns) * 1000).round(2)
    table.index.name, table.columns.name = "actor", "outlet"
    return table


def cooccurrence(mentions: pd.DataFrame) -> pd.DataFrame:
    """Pairs of actors named in the same sentence: ``actor, other_actor,
    sentences, articles`` (each pair once, most frequent first)."""
    pairs = mentions[["article_id", "sentence_id", "name_en"]].drop_duplicates()
    joined = pairs.merge(pairs, on=["article_id", "sentence_id"], suffixes=("", "_other"))
    joined = joined[joined["name_en"] < joined["name_en_other"]]
    table = joined.groupby(["name_en", "name_en_other"]).agg(
        sentences=("sentence_id", "size"), articles=("article_id", "nunique")).reset_index()
    table.columns = ["actor", "other_actor", "sentences", "articles"]
    return table.sort_values(["sentences", "actor", "other_actor"], ascending=[False, True, True]).reset_index(drop=True)


def cooccurrence_matrix(pairs: pd.DataFrame, actors: list[str]) -> pd.DataFrame:
    """Symmetric actor x actor matrix of shared sentences for ``actors``."""
    matrix = pd.DataFrame(0, index=actors, columns=actors)
    for row in pairs.itertuples():
        if row.actor in matrix.index and row.other_actor in matrix.index:
            matrix.loc[row.actor, row.other_actor] = matrix.loc[row.other_actor, row.actor] = row.sentences
    return matrix


def group_shares(mentions: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Outlets (rows) x actor groups (columns): share of each outlet's
    mentions, in percent; ``mentions`` is the total behind each row."""
    outlet = mentions["article_id"].map(articles["outlet"]).rename("outlet")
    counts = pd.crosstab(outlet, mentions["group"])
    shares = (counts.div(counts.sum(axis=1), axis=0) * 100).round(1)
    shares["mentions"] = counts.sum(axis=1)
    shares.columns.name = "group"
    return shares


def evidence(mentions: pd.DataFrame, sentences: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """One row per mention: ``actor, outlet, article_id, sentence_id,
    surface, kind, sentence`` (the sentence the count comes from)."""
    table = pd.DataFrame({
        "actor": mentions["name_en"].fillna("(unresolved)"),
        "outlet": mentions["article_id"].map(articles["outlet"]),
        "article_id": mentions["article_id"],
        "sentence_id": mentions["sentence_id"],
        "surface": mentions["surface"],
        "kind": mentions["kind"],
        "sentence": sentence_texts(mentions, sentences),
    })
    return table.reset_index(drop=True)


def candidate_summary(candidates: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Names to consider for the lexicon: ``surface, occurrences, articles,
    outlets, cues, example`` (most frequent first)."""
    if candidates.empty:
        return pd.DataFrame(columns=["surface", "occurrences", "articles", "outlets", "cues", "example"])
    table = candidates.assign(outlet=candidates["article_id"].map(articles["outlet"])).groupby("surface").agg(
        occurrences=("start", "size"), articles=("article_id", "nunique"),
        outlets=("outlet", lambda s: ", ".join(sorted(set(s)))),
        cues=("cue", lambda s: ", ".join(sorted(set(s)))), example=("context", "first")).reset_index()
    return table.sort_values(["occurrences", "surface"], ascending=[False, True]).reset_index(drop=True)
