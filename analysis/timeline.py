"""Events of many articles -> one timeline: the same event reported by
several articles becomes one row listing its sources and outlets.

``event_reports(events, articles)`` numbers each report with the
``event_id`` it belongs to; ``merge_events(reports)`` -> ``event_id,
event_type, value,
date_start, date_end, granularity, actor_ids, n_articles, n_outlets,
articles, outlets, first_reported, evidence, n_reports``. Two reports are
one event when they have the same type, their dates overlap, their
granularities are at most one step apart (a day and its month, not a day
and its decade) and they share an actor (or neither names one). The
merged date is the most precise one reported.
``select_timeline(timeline, ...)`` filters it; ``coverage(articles)``
counts articles per period and outlet by publication date.
"""
from __future__ import annotations

import pandas as pd

from .errors import SelectionError
from .layers.events import EVENT_TYPES

GRANULARITY_RANK = {"day": 0, "week": 1, "month": 2, "year": 3, "decade": 4, "century": 5}
TIMELINE_COLUMNS = ["event_id", "event_type", "value", "date_start", "date_end", "granularity", "actor_ids",
                    "n_articles", "n_outlets", "articles", "outlets", "first_reported", "evidence", "n_reports"]


def _same_event(a, b) -> bool:
    if a.event_type != b.event_type or a.date_start > b.date_end or b.date_start > a.date_end:
        return False
    if abs(GRANULARITY_RANK.get(a.granularity, 9) - GRANULARITY_RANK.get(b.granularity, 9)) > 1:
        return False
    return bool(set(a.actor_ids) & set(b.actor_ids)) or (not a.actor_ids and not b.actor_ids)


def _clusters(reports: pd.DataFrame) -> list[int]:
    """Cluster number of each report (union of all same-event pairs; a sweep
    over reports sorted by start date compares only overlapping ones)."""
    parent = list(range(len(reports)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    rows = list(reports.itertuples(index=False))
    order = sorted(range(len(rows)), key=lambda i: rows[i].date_start)
    for position, i in enumerate(order):
        for j in order[position + 1:]:
            if rows[j].date_start > rows[i].date_end:
                break
            if _same_event(rows[i], rows[j]):
                parent[root(j)] = root(i)
    return [root(i) for i in range(len(rows))]


def _most_precise_first(reports: pd.DataFrame) -> pd.DataFrame:
    """Reports sorted by date precision (a day first), then by date."""
    rank = reports["granularity"].map(GRANULARITY_RANK).fillna(len(GRANULARITY_RANK))
    return reports.assign(rank=rank).sort_values(["rank", "date_start"], kind="stable").drop(columns="rank")


def event_reports(events: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """``events`` with ``outlet, published`` and the ``event_id`` of the
    timeline row each report belongs to (ids numbered by date)."""
    reports = events.join(articles[["outlet", "published"]], on="article_id")
    reports = reports.sort_values(["date_start", "article_id", "start", "event_type"], ignore_index=True)
    # reports with the same type, dates and actors are one node: cluster those
    key = ["event_type", "date_start", "date_end", "granularity", "actor_ids"]
    nodes = reports[key].drop_duplicates(ignore_index=True)
    node_cluster = dict(zip(nodes[key].itertuples(index=False, name=None), _clusters(nodes)))
    cluster = pd.Series([node_cluster[k] for k in reports[key].itertuples(index=False, name=None)], index=reports.index)
    best = _most_precise_first(reports.assign(cluster=cluster)).groupby("cluster").head(1)
    best = best.sort_values(["date_start", "event_type", "value", "cluster"])
    ids = pd.Series(range(1, len(best) + 1), index=best["cluster"].to_numpy())
    reports.insert(0, "event_id", cluster.map(ids).astype("int64"))
    return reports


def merge_events(reports: pd.DataFrame) -> pd.DataFrame:
    """Reports (from :func:`event_reports`) -> one row per event (columns:
    module doc), sorted by date."""
    rows = []
    for event_id, group in reports.groupby("event_id"):
        best = _most_precise_first(group).iloc[0]
        rows.append({
            "event_id": event_id, "event_type": best["event_type"], "value": best["value"],
            "date_start": best["date_start"], "date_end": best["date_end"], "granularity": best["granularity"],
            "actor_ids": tuple(sorted({a for ids in group["actor_ids"] for a in ids})),
            "n_articles": group["article_id"].nunique(), "n_outlets": group["outlet"].nunique(),
            "articles": tuple(sorted(group["article_id"].unique())), "outlets": tuple(sorted(group["outlet"].unique())),
            "first_reported": group["published"].min(), "evidence": best["text"], "n_reports": len(group),
        })
    return pd.DataFrame(rows, columns=TIMELINE_COLUMNS)


def select_timeline(timeline: pd.DataFrame, date_from=None, date_to=None, actors=None, event_types=None,
                    min_sources: int = 1) -> pd.DataFrame:
    """Events overlapping [date_from, date_to] that name any of ``actors``,
    of any of ``event_types``, reported by at least ``min_sources`` articles.
    An event type that does not exist raises SelectionError."""
    unknown = sorted(set(event_types or ()) - set(EVENT_TYPES))
    if unknown:
        raise SelectionError("event type(s)", unknown, EVENT_TYPES)
    keep = timeline["n_articles"] >= min_sources
    if date_from:
        keep &= timeline["date_end"] >= pd.Timestamp(date_from)
    if date_to:
        keep &= timeline["date_start"] <= pd.Timestamp(date_to)
    if actors:
        keep &= timeline["actor_ids"].map(lambda ids: bool(set(ids) & set(actors)))
    if event_types:
        keep &= timeline["event_type"].isin(event_types)
    return timeline[keep].reset_index(drop=True)


def most_reported(events: pd.DataFrame) -> pd.DataFrame:
    """Events (from :func:`merge_events`) most reported first (articles,
    then outlets), the most recent first among equals."""
    return events.sort_values(["n_articles", "n_outlets", "date_end", "event_id"],
                              ascending=[False, False, False, True], kind="stable")


def coverage(articles: pd.DataFrame, freq: str = "M") -> pd.DataFrame:
    """Articles per publication period (rows: every period from the first
    to the last, those without an article as zeros, so a gap shows) and
    outlet (columns); an article whose date is known only to the year
    (``published_precision`` year) is counted in a row "YYYY (year only)"
    after the periods, one without a date in a last row "no date"."""
    year_only = articles.get("published_precision", pd.Series(index=articles.index, dtype=object)) == "year"
    dated = articles[articles["published"].notna() & ~year_only]
    outlets = sorted(articles["outlet"].unique())
    periods = dated["published"].dt.to_period(freq)
    every = pd.period_range(periods.min(), periods.max(), freq=freq).astype(str) if len(dated) else []
    table = pd.crosstab(periods.astype(str), dated["outlet"]).reindex(index=every, columns=outlets, fill_value=0)
    years = articles[articles["published"].notna() & year_only]
    for year, group in years.groupby(years["published"].dt.year):
        table.loc[f"{year} (year only)"] = group["outlet"].value_counts().reindex(outlets, fill_value=0)
    undated = articles[articles["published"].isna()]
    if len(undated):
        table.loc["no date"] = undated["outlet"].value_counts().reindex(outlets, fill_value=0)
    table.index.name, table.columns.name = "published", "outlet"
    return table


def months_only(coverage: pd.DataFrame) -> pd.DataFrame:
    """The period rows of :func:`coverage`, without "YYYY (year only)" and
    "no date"."""
    return coverage[[not (p == "no date" or p.endswith("(year only)")) for p in coverage.index]]
