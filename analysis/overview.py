"""Corpus overview tables: which articles, from whom, when, how long.

Functions take the article frame from ``load_corpus`` (and the ``Tagged``
layers) and return DataFrames for the overview notebook.
"""
from __future__ import annotations

import pandas as pd

from .errors import SelectionError


def published_within(published: pd.Series, date_from: str | None = None, date_to: str | None = None) -> pd.Series:
    """Which dates lie in ``[date_from, date_to]`` (inclusive, ISO dates;
    empty = open); with a bound, a missing date (NaT) does not."""
    keep = pd.Series(True, index=published.index)
    if date_from:
        keep &= published >= pd.Timestamp(date_from)
    if date_to:
        keep &= published < pd.Timestamp(date_to) + pd.Timedelta(days=1)
    return keep


def select_articles(articles: pd.DataFrame, outlets: list[str] | None = None,
                    date_from: str | None = None, date_to: str | None = None) -> pd.DataFrame:
    """Articles of the given outlets (all when empty) published in
    ``[date_from, date_to]`` (inclusive, ISO dates; empty = open). With a date
    bound, undated articles (NaT) are left out; ``attrs["excluded"]`` counts
    what each filter removed and ``attrs["available"]`` the articles there
    were to select from: the whole store's (``attrs["store"]``, see
    :func:`analysis.store.holdings`) when only some of its parts were read."""
    held = articles.attrs.get("store")
    counts = held["outlets"] if held else articles["outlet"].value_counts().to_dict()
    unknown = sorted(set(outlets or []) - set(counts))
    if unknown:
        raise SelectionError("outlet(s)", unknown, sorted(counts))
    keep = articles["outlet"].isin(outlets) if outlets else pd.Series(True, index=articles.index)
    available = sum(counts.values())
    chosen = sum(counts[o] for o in set(outlets)) if outlets else available
    dated = published_within(articles["published"], date_from, date_to)
    selected = articles[keep & dated].copy()
    excluded = {"outlet": available - chosen, "date": chosen - len(selected)}
    selected.attrs = {**articles.attrs, "excluded": excluded, "available": available}
    return selected


def store_outlets(articles: pd.DataFrame) -> list[str]:
    """Every outlet of the store (or corpus) the articles were read from,
    sorted, even when only some of its parts were read."""
    held = articles.attrs.get("store")
    return sorted(held["outlets"]) if held else sorted(articles["outlet"].dropna().unique())


def word_counts(articles: pd.DataFrame) -> pd.Series:
    """Words (whitespace-separated) in each article's text."""
    return articles["text"].str.split().str.len().astype("int64")


def article_stats(articles: pd.DataFrame, tagged) -> pd.DataFrame:
    """One row per article: ``outlet, published, title, words, sentences,
    paragraphs, removed_lines, encoding``."""
    stats = pd.DataFrame({
        "outlet": articles["outlet"],
        "published": articles["published"].dt.strftime("%Y-%m-%d"),
        "title": articles["title"],
        "words": word_counts(articles),
        "sentences": tagged.sentences.groupby("article_id").size(),
        "paragraphs": tagged.paragraphs.groupby("article_id").size(),
        "removed_lines": articles["removed"].str.len().astype("int64"),
        "encoding": articles["encoding"],
    }, index=articles.index)
    return stats.fillna({"sentences": 0, "paragraphs": 0}).astype({"sentences": "int64", "paragraphs": "int64"})


def outlet_summary(stats: pd.DataFrame) -> pd.DataFrame:
    """Article stats -> per outlet: ``articles, words, median_words,
    first, last`` (publication dates; undated articles counted in ``undated``)."""
    grouped = stats.groupby("outlet")
    return pd.DataFrame({
        "articles": grouped.size(),
        "words": grouped["words"].sum(),
        "median_words": grouped["words"].median().round().astype("int64"),
        "first": grouped["published"].min(),
        "last": grouped["published"].max(),
        "undated": grouped["published"].apply(lambda s: int(s.isna().sum())),
    }).sort_index()


def publication_dates(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per article: ``outlet, published, published_source, evidence``
    (why an inferred date was inferred, or what bounds a missing one)."""
    evidence = articles["published_evidence"] if "published_evidence" in articles else pd.Series(pd.NA, index=articles.index)
    return pd.DataFrame({
        "outlet": articles["outlet"],
        "published": articles["published"].dt.strftime("%Y-%m-%d"),
        "published_source": articles["published_source"],
        "evidence": evidence,
    }, index=articles.index)


def article_overlap(passages: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Shared passages -> one row per article pair: ``article_id,
    other_article_id, shared_sentences, share_of_article`` (share of the
    first article's sentences that reappear in the other)."""
    totals = sentences.groupby("article_id").size()
    grouped = (passages.groupby(["article_id", "other_article_id"])["sentence_id"].nunique()
               .rename("shared_sentences").reset_index())
    grouped["share_of_article"] = (grouped["shared_sentences"]
                                   / grouped["article_id"].map(totals).astype(float)).round(3)
    return grouped.sort_values(["shared_sentences", "article_id", "other_article_id"], ascending=[False, True, True],
                               ignore_index=True)


def outlet_overlap(overlap: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Article pairs sharing passages (from :func:`article_overlap`) ->
    outlets x other outlets: how many articles of the row's outlet share at
    least one passage with an article of the column's outlet."""
    outlet = articles["outlet"]
    pairs = pd.DataFrame({"outlet": overlap["article_id"].map(outlet),
                          "other_outlet": overlap["other_article_id"].map(outlet),
                          "article_id": overlap["article_id"]})
    names = sorted(set(outlet.dropna()))
    return (pairs.drop_duplicates().groupby(["outlet", "other_outlet"]).size().unstack(fill_value=0)
            .reindex(index=names, columns=names, fill_value=0).rename_axis(index="outlet", columns=None))
