"""Timeline and coverage tables -> matplotlib figures for notebook 02.

``plot_timeline(timeline)``: one row per event type; a day is a dot, a week
or month a short thick bar, a year, decade or century a long thin band, so
the precision of each date shows; marker area grows with the log of the
number of articles reporting it, up to a fixed largest size for the most
reported event shown, with a size legend (so a few events never cover a
row, whatever the size of the corpus). ``plot_coverage(coverage)``: articles per period,
stacked by outlet, every month from the first to the last. ``label`` (a
:class:`analysis.labels.Labels` or any key -> text function) gives the text
shown for event types and outlets and (a ``Labels``) their colours;
``outlets``: every outlet of the store, so an outlet keeps its colour
whatever the selection.
"""
from __future__ import annotations

import math

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from . import display
from .figures import colors_of, legend_outside
from .layers.events import EVENT_TYPES
from .timeline import months_only

MAX_TICKS = 12  # month labels under the coverage bars, at most
SMALLEST, LARGEST = 18, 220  # marker area (points²): one article, the most reported event shown
STYLE = {  # granularity -> (line width, alpha)
    "day": (0, 1.0), "week": (7, 0.8), "month": (7, 0.8), "year": (3, 0.45), "decade": (2, 0.3), "century": (1, 0.25),
}


def plot_timeline(timeline: pd.DataFrame, title: str = "", label=str) -> plt.Figure | None:
    """Events (from ``merge_events``) on a date axis, one row per type;
    with no event, a note saying nothing was selected (and None)."""
    if timeline.empty:
        display.note(f"Nothing selected: no event in {title.lower() or 'the selection'} "
                     "(check the dates, actors, event types and minimum sources asked for).")
        return None
    types = sorted(timeline["event_type"].unique())
    most = int(timeline["n_articles"].max())
    fig, ax = plt.subplots(figsize=(11, 1.6 + 0.45 * max(len(types), 1)), layout="constrained")
    colors = dict(zip(types, colors_of(label, types, EVENT_TYPES)))
    for row in timeline.itertuples():
        y = types.index(row.event_type)
        color = colors[row.event_type]
        width, alpha = STYLE.get(row.granularity, (2, 0.3))
        middle = row.date_start + (row.date_end - row.date_start) / 2
        if width:
            ax.plot([row.date_start, row.date_end + pd.Timedelta(days=1)], [y, y], lw=width, alpha=alpha,
                    color=color, solid_capstyle="butt")
        ax.scatter([middle], [y], s=marker_area(row.n_articles, most), color=color, zorder=3,
                   edgecolor="black", linewidth=0.4 if row.n_articles > 1 else 0)
    ax.set_yticks(range(len(types)), [label(t) for t in types])
    ax.set_ylim(-0.7, len(types) - 0.3)
    ax.grid(axis="x", alpha=0.3)
    handles = [Line2D([], [], color="grey", lw=STYLE[g][0] or 0, marker="o" if g == "day" else None, alpha=STYLE[g][1],
                      label=g) for g in ("day", "month", "year", "decade")]
    sizes = sorted({1, round(math.sqrt(most)), most})
    handles += [Line2D([], [], color="grey", marker="o", markeredgecolor="black", markeredgewidth=0.4 if n > 1 else 0,
                       lw=0, markersize=math.sqrt(marker_area(n, most)),
                       label=display.counted(n, "articles")) for n in sizes]
    legend_outside(ax, handles=handles, labelspacing=1.1, title="date precision, reports")
    ax.set_title(title)
    return fig


def marker_area(articles: int, most: int) -> float:
    """Marker area (points²) of an event reported by ``articles`` articles
    when the most reported one shown has ``most``: SMALLEST for one, LARGEST
    for ``most``, on a log scale between."""
    return SMALLEST if most <= 1 else SMALLEST + (LARGEST - SMALLEST) * math.log(articles) / math.log(most)


def _every_nth(count: int, most: int) -> list[int]:
    """At most ``most`` evenly spaced positions of ``count`` bars (labels that do not overlap)."""
    return list(range(0, count, max(1, -(-count // most))))


def plot_coverage(coverage: pd.DataFrame, label=str, outlets=()) -> plt.Figure | None:
    """Stacked bars of articles per period (rows of ``coverage``) by outlet,
    the year-only and undated rows hatched; with no dated article, a note
    saying so (and None)."""
    if coverage.empty:
        display.note("Nothing selected: no dated article in the selection.")
        return None
    fig, ax = plt.subplots(figsize=(11, max(3.2, 1.2 + 0.22 * len(coverage.columns))), layout="constrained")
    colors = colors_of(label, list(coverage.columns), outlets)
    coverage.rename(columns=label).plot.bar(stacked=True, ax=ax, color=colors, width=0.8)
    inexact = [i for i, p in enumerate(coverage.index) if p == "no date" or p.endswith("(year only)")]
    for bars in ax.containers:  # a year-only or undated bar is no month: hatched
        for i in inexact:
            bars[i].set_hatch("//")
    ax.set_xlabel("publication month (hatched: known only to the year, or not at all)" if inexact
                  else "publication month")
    ax.set_ylabel("articles")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    shown = sorted(set(_every_nth(len(coverage), MAX_TICKS)) | set(inexact))
    ax.set_xticks(shown, [coverage.index[i] for i in shown], rotation=0)
    legend_outside(ax, title="outlet")
    return fig


def plot_outlet_months(coverage: pd.DataFrame, label=str, outlets=()) -> plt.Figure | None:
    """Articles per outlet (rows) and publication month (every month from
    the first to the last, from :func:`analysis.timeline.coverage`; articles
    dated only to the year or not at all are left out) as
    circles whose area grows with the log of the count up to a fixed largest
    size, with a size legend; with no dated article, a note (and None)."""
    months = months_only(coverage)
    if months.empty:
        display.note("Nothing selected: no dated article in the selection.")
        return None
    names = list(months.columns)
    fig, ax = plt.subplots(figsize=(11, 1.2 + 0.4 * len(names)), layout="constrained")
    most = int(months.to_numpy().max())
    for y, (outlet, color) in enumerate(zip(names, colors_of(label, names, outlets))):
        counts = months[outlet]
        x = [i for i, n in enumerate(counts) if n]
        ax.scatter(x, [y] * len(x), s=[marker_area(n, most) for n in counts if n], color=color, alpha=0.8)
    ax.set_yticks(range(len(names)), [label(o) for o in names])
    ax.set_ylim(len(names) - 0.5, -0.5)
    shown = _every_nth(len(months), MAX_TICKS)
    ax.set_xticks(shown, [months.index[i] for i in shown])
    ax.set_xlim(-0.7, len(months) - 0.3)
    ax.set_xlabel("publication month")
    ax.grid(axis="x", alpha=0.2)
    sizes = sorted({1, round(math.sqrt(most)), most})
    legend_outside(ax, title="articles", labelspacing=1.1, handles=[
        Line2D([], [], color="grey", marker="o", lw=0, markersize=math.sqrt(marker_area(n, most)), label=f"{n:,}")
        for n in sizes])
    return fig
