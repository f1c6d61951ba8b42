"""Tagged tables -> the findings page: what differs between outlets, each
finding one row with the figures behind it and a link to its evidence.

Every function takes the tables the other notebooks show and returns one
row per outlet (or period, or event) with ``link``: the page and fragment of
the evidence (``04_framing.html#ev-...``), so the findings page states
nothing a reader cannot check.
"""
from __future__ import annotations

import pandas as pd

from .drilldown import anchor
from .timeline import months_only

FRAMING, TIMELINE = "04_framing.html", "02_timeline.html"


def _top_per_outlet(table: pd.DataFrame, by: str, key: str, top: int) -> pd.DataFrame:
    """The ``top`` rows of each outlet with the largest ``by`` (ties: ``key`` in order)."""
    return table.sort_values(["outlet", by, key], ascending=[True, False, True]).groupby("outlet").head(top)


def _linked(table: pd.DataFrame, columns: list[str], page: str, kind: str, key: str,
            outlet: str | None = "outlet") -> pd.DataFrame:
    """``table[columns]`` with ``link``: the evidence of each row's ``key``
    (in its ``outlet``) on ``page``."""
    outlets = table[outlet] if outlet else [None] * len(table)
    links = [f"{page}#{anchor(kind, k, o)}" for k, o in zip(table[key], outlets)]
    return table.assign(link=links)[[*columns, "link"]].reset_index(drop=True)


def war_names(choices: pd.DataFrame, concept: str = "ukraine_war") -> pd.DataFrame:
    """Naming choices (from :func:`analysis.comparison.naming_choices`) ->
    per outlet, its most used name for ``concept``: ``outlet, variant, n,
    names, share`` (``names``: all its names for the concept) and ``link``."""
    rows = choices[choices["concept"] == concept]
    rows = rows.assign(names=rows.groupby("outlet")["n"].transform("sum"))
    return _linked(_top_per_outlet(rows, "n", "variant", 1), ["outlet", "variant", "n", "names", "share"],
                   FRAMING, "naming", "variant")


def leaning_frames(shares: pd.DataFrame, top: int = 2) -> pd.DataFrame:
    """Frame shares (from :func:`analysis.comparison.frame_shares`) -> per
    outlet, the ``top`` frames it carries most above the other outlets'
    pooled share: ``outlet, frame, share, others, units, framed, link``
    (only frames above the others' share, and carried by 3 units or more)."""
    totals = shares.groupby("frame")[["framed", "units"]].transform("sum")
    others = (totals["framed"] - shares["framed"]) / (totals["units"] - shares["units"]).where(lambda n: n > 0)
    table = shares.assign(others=others, lift=shares["share"] - others.fillna(0))
    table = table[(table["lift"] > 0) & (table["framed"] >= 3)]
    return _linked(_top_per_outlet(table, "lift", "frame", top), ["outlet", "frame", "share", "others", "units", "framed"],
                   FRAMING, "frame", "frame")


def main_voices(voices: pd.DataFrame) -> pd.DataFrame:
    """Voices (from :func:`analysis.comparison.voices`) -> per outlet, the
    speaker group it quotes most: ``outlet, speaker_group, quotes,
    all_quotes, share, link``."""
    table = voices.assign(all_quotes=voices.groupby("outlet")["quotes"].transform("sum"))
    return _linked(_top_per_outlet(table, "quotes", "speaker_group", 1),
                   ["outlet", "speaker_group", "quotes", "all_quotes", "share"], FRAMING, "voice", "speaker_group")


def busiest_months(coverage: pd.DataFrame, top: int = 3) -> pd.DataFrame:
    """Articles per month and outlet (from :func:`analysis.timeline.coverage`)
    -> the ``top`` months with most articles: ``month, articles, outlets``
    (how many outlets published that month), most first."""
    months = months_only(coverage)
    table = pd.DataFrame({"month": months.index, "articles": months.sum(axis=1).to_numpy(),
                          "outlets": (months > 0).sum(axis=1).to_numpy()})
    return (table[table["articles"] > 0].sort_values(["articles", "month"], ascending=[False, False])
            .head(top).reset_index(drop=True))


def widely_reported(events: pd.DataFrame, top: int = 5) -> pd.DataFrame:
    """Events (from :func:`analysis.timeline.merge_events`) -> the ``top``
    reported by most outlets (then articles, then the most recent):
    ``event_id, event_type, value, n_outlets, n_articles, link``."""
    table = events.sort_values(["n_outlets", "n_articles", "date_end", "event_id"],
                               ascending=[False, False, False, True]).head(top)
    return _linked(table, ["event_id", "event_type", "value", "n_outlets", "n_articles"], TIMELINE, "event", "event_id",
                   outlet=None)
