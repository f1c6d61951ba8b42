"""Timeline and coverage tables -> matplotlib figures for notebook 02.

``plot_timeline(timeline)``: one row per event type; a day is a dot, a week
or month a short thick bar, a year, decade or century a long thin band, so
the precision of each date shows; marker area grows with the log of the
number of articles reporting it, up to a fixed largest size for the most
reported event shown, with a size legend (so a few events never cover a
row, whatever the size of the corpus). ``plot_coverage(coverage)``: articles per period,
stacked by outlet. ``label`` (a :class:`analysis.labels.Labels` or any
key -> text function) gives the text shown for event types and outlets.
"""
from __future__ import annotations

import math

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from . import display

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
    fig, ax = plt.subplots(figsize=(11, 1.2 + 0.45 * max(len(types), 1)))
    colors = plt.get_cmap("tab10")
    for row in timeline.itertuples():
        y = types.index(row.event_type)
        color = colors(y % 10)
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
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1, 1), fontsize=8, labelspacing=1.1,
              title="date precision, reports")
    ax.set_title(title)
    fig.tight_layout()
    return fig


def marker_area(articles: int, most: int) -> float:
    """Marker area (points²) of an event reported by ``articles`` articles
    when the most reported one shown has ``most``: SMALLEST for one, LARGEST
    for ``most``, on a log scale between."""
    return SMALLEST if most <= 1 else SMALLEST + (LARGEST - SMALLEST) * math.log(articles) / math.log(most)


def _every_nth(count: int, most: int) -> list[int]:
    """At most ``most`` evenly spaced positions of ``count`` bars (labels that do not overlap)."""
    return list(range(0, count, max(1, -(-count // most))))


def plot_coverage(coverage: pd.DataFrame, label=str) -> plt.Figure | None:
    """Stacked bars of articles per period (rows of ``coverage``) by outlet;
    with no dated article, a note saying so (and None)."""
    if coverage.empty:
        display.note("Nothing selected: no dated article in the selection.")
        return None
    fig, ax = plt.subplots(figsize=(9, 3.2))
    coverage.rename(columns=label).plot.bar(stacked=True, ax=ax, colormap="tab20", width=0.8)
    ax.set_xlabel("publication month")
    ax.set_ylabel("articles")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    shown = _every_nth(len(coverage), MAX_TICKS)
    ax.set_xticks(shown, [coverage.index[i] for i in shown], rotation=0)
    ax.legend(loc="upper left", bbox_to_anchor=(1, 1), fontsize=8, title="outlet")
    fig.tight_layout()
    return fig
