"""Figure pieces every notebook shares, sized to hold from 2 to 50 rows or
columns: ``heatmap(table)`` (cells of a minimum size, labels never
clipped), ``stacked_shares(table, xlabel, label)`` (horizontal bars of
percents, a colour per category), ``colors_of(label, keys, among)`` (the same colour for an
outlet or group in every figure, see :meth:`analysis.labels.Labels.colors`)
and ``legend_outside(ax)`` (a legend right of the plot, never over data).
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

CELL_WIDTH, CELL_HEIGHT = 0.6, 0.32  # inches: the smallest heatmap cell, whatever the number of rows and columns
CHAR = 0.075  # inches per character of a tick label (8-10 pt Arabic and Latin)


def colors_of(label, keys, among=()) -> list[str]:
    """The colours of ``keys`` in order: ``label.colors`` when ``label`` is
    a :class:`analysis.labels.Labels`, else matplotlib's cycle."""
    if hasattr(label, "colors"):
        found = label.colors(list(keys), among)
        return [found[k] for k in keys]
    cycle = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    return [cycle[k % len(cycle)] for k in range(len(keys))]


def legend_outside(ax, **options) -> None:
    """The axes' legend right of the plot area, top aligned."""
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), borderaxespad=0, fontsize=8, **options)


def _longest(labels) -> int:
    return max((len(str(t)) for t in labels), default=1)


def heatmap(table: pd.DataFrame, cmap: str = "Blues", values: bool = True, colorbar: bool = True):
    """A rows x columns table of numbers -> a heatmap whose cells are at
    least ``CELL_WIDTH`` x ``CELL_HEIGHT`` inches, with room for the longest tick
    labels (columns written at 45 degrees), the values written in the cells."""
    data = table.to_numpy(dtype=float)
    left, bottom = 0.4 + CHAR * _longest(table.index), 0.4 + 0.7 * CHAR * _longest(table.columns)
    width = left + max(CELL_WIDTH * len(table.columns), 2.0) + (1.2 if colorbar else 0.3)
    height = bottom + max(CELL_HEIGHT * len(table.index), 1.2) + 0.3
    fig, ax = plt.subplots(figsize=(width, height), layout="constrained")
    image = ax.imshow(data, aspect="auto", cmap=cmap)
    ax.set_xticks(range(len(table.columns)), table.columns, rotation=45, ha="right", rotation_mode="anchor")
    ax.set_yticks(range(len(table.index)), table.index)
    ax.spines[:].set_visible(False)
    if values and data.size:
        top = np.nanmax(data) if np.isfinite(data).any() else 0
        for (i, j), value in np.ndenumerate(data):
            ax.text(j, i, f"{value:g}", ha="center", va="center", fontsize=7,
                    color="white" if top and value > top / 2 else "black")
    if colorbar:
        fig.colorbar(image, ax=ax, shrink=0.8, aspect=30, pad=0.02)
    return fig


def stacked_shares(table: pd.DataFrame, xlabel: str, label=str, among=()):
    """Rows (outlets) x categories table of percents -> stacked horizontal
    bars, relabelled, each category in its colour (``among``: every category
    of its kind, see :func:`colors_of`), the legend outside the bars."""
    colors = colors_of(label, list(table.columns), among)
    table = table.rename(index=label, columns=label)
    height = 0.9 + 0.45 * max(len(table), 1)
    left = 0.4 + CHAR * _longest(table.index)
    legend = 0.6 + CHAR * _longest(table.columns)
    fig, ax = plt.subplots(figsize=(left + 6 + legend, max(height, 0.3 * len(table.columns) + 1)), layout="constrained")
    table.plot.barh(stacked=True, ax=ax, color=colors, width=0.7)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("")
    ax.set_xlim(0, 100)
    legend_outside(ax)
    return fig
