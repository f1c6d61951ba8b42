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

FRAMING, TIMELINE = "04_framing.html", "02_timeline.html"


def war_names(choices: pd.DataFrame, concept: str = "ukraine_war") -> pd.DataFrame:
    """Naming choices (from :func:`analysis.comparison.naming_choices`) ->
    per outlet, its most used name for ``concept``: ``outlet, variant, n,
    names, share`` (``names``: all its names for the concept) and ``link``."""
    rows = choices[choices["concept"] == concept]
    if rows.empty:
        return pd.DataFrame(columns=["outlet", "variant", "n", "names", "share", "link"])
    rows = rows.assign(names=rows.groupby("outlet")["n"].transform("sum"))
    top = rows.sort_values(["outlet", "n", "variant"], ascending=[True, False, True]).groupby("outlet").head(1)
    return top.assign(link=[f"{FRAMING}#{anchor('naming', v, o)}" for v, o in zip(top["variant"], top["outlet"])])[
        ["outlet", "variant", "n", "names", "share", "link"]].reset_index(drop=True)


def leaning_frames(shares: pd.DataFrame, top: int = 2) -> pd.DataFrame:
    """Frame shares (from :func:`analysis.comparison.frame_shares`) -> per
    outlet, the ``top`` frames it carries most above the other outlets'
    pooled share: ``outlet, frame, share, others, units, framed, link``
    (only frames above the others' share, and carried by 3 units or more)."""
    columns = ["outlet", "frame", "share", "others", "units", "framed", "link"]
    if shares.empty:
        return pd.DataFrame(columns=columns)
    totals = shares.groupby("frame")[["framed", "units"]].transform("sum")
    others = (totals["framed"] - shares["framed"]) / (totals["units"] - shares["units"]).where(lambda n: n > 0)
    table = shares.assign(others=others, lift=shares["share"] - others.fillna(0))
    table = table[(table["lift"] > 0) & (table["framed"] >= 3)]
    table = table.sort_values(["outlet", "lift", "frame"], ascending=[True, False, True]).groupby("outlet").head(top)
    return table.assign(link=[f"{FRAMING}#{anchor('frame', f, o)}" for f, o in zip(table["frame"], table["outlet"])])[
        columns].reset_index(drop=True)


def main_voices(voices: pd.DataFrame) -> pd.DataFrame:
    """Voices (from :func:`analysis.comparison.voices`) -> per outlet, the
    speaker group it quotes most: ``outlet, speaker_group, quotes,
    all_quotes, share, link``."""
    columns = ["outlet", "speaker_group", "quotes", "all_quotes", "share", "link"]
    if voices.empty:
        return pd.DataFrame(columns=columns)
    table = voices.assign(all_quotes=voices.groupby("outlet")["quotes"].transform("sum"))
    table = table.sort_values(["outlet", "quotes", "speaker_group"], ascending=[True, False, True]).groupby("outlet").head(1)
    return table.assign(link=[f"{FRAMING}#{anchor('voice', g, o)}" for g, o in zip(table["speaker_group"], table["outlet"])])[
        columns].reset_index(drop=True)


def busiest_months(coverage: pd.DataFrame, top: int = 3) -> pd.DataFrame:
    """Articles per month and outlet (from :func:`analysis.timeline.coverage`)
    -> the ``top`` months with most articles: ``month, articles, outlets``
    (how many outlets published that month), most first."""
    months = coverage.drop(index="no date", errors="ignore")
    table = pd.DataFrame({"month": months.index, "articles": months.sum(axis=1).to_numpy(),
                          "outlets": (months > 0).sum(axis=1).to_numpy()})
    return (table[table["articles"] > 0].sort_values(["articles", "month"], ascending=[False, False])
            .head(top).reset_index(drop=True))


def widely_reported(events: pd.DataFrame, top: int = 5) -> pd.DataFrame:
    """Events (from :func:`analysis.timeline.merge_events`) -> the ``top``
    reported by most outlets (then articles, then the most recent):
    ``event_id, event_type, value, n_outlets, n_articles, link``."""
    columns = ["event_id", "event_type", "value", "n_outlets", "n_articles", "link"]
    table = events.sort_values(["n_outlets", "n_articles", "date_end", "event_id"],
                               ascending=[False, False, False, True]).head(top)
    return table.assign(link=[f"{TIMELINE}#{anchor('event', e)}" for e in table["event_id"]])[columns].reset_index(drop=True)
