"""Comparison tables -> matplotlib figures for the framing notebook.
``label`` (a :class:`analysis.labels.Labels` or any key -> text function)
gives the text shown for frames, outlets, variants and groups, and (a
``Labels``) their colours; ``outlets``: every outlet of the store, so an
outlet keeps its colour whatever the selection."""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from . import display
from .figures import colors_of, legend_outside, stacked_shares
from .layers.frames import FRAMES


def plot_frame_profiles(shares: pd.DataFrame, label=str, outlets=()):
    """Dot plot of ``frame_shares``: a row per frame, a dot per outlet with
    its bootstrap interval as a line. Returns the figure; with no share, a
    note saying nothing was selected (and None)."""
    if shares.empty:
        display.note("Nothing selected: no sentence of the selection carries a cue of the chosen frames.")
        return None
    frames = [f for f in FRAMES if f in set(shares["frame"])][::-1]
    shown = sorted(shares["outlet"].unique())
    fig, ax = plt.subplots(figsize=(10, 1 + 0.45 * max(len(frames), 1) * max(1, len(shown) / 6)), layout="constrained")
    step = 0.7 / max(len(shown), 1)
    for k, (outlet, color) in enumerate(zip(shown, colors_of(label, shown, outlets))):
        rows = shares[shares["outlet"] == outlet].set_index("frame").reindex(frames)
        y = np.arange(len(frames)) + (k - (len(shown) - 1) / 2) * step
        share = rows["share"].to_numpy(dtype=float) * 100
        low = rows["ci_low"].to_numpy(dtype=float) * 100
        high = rows["ci_high"].to_numpy(dtype=float) * 100
        ax.errorbar(share, y, xerr=[share - low, high - share], fmt="o", markersize=4, capsize=2, color=color,
                    label=label(outlet))
    ax.set_yticks(range(len(frames)), [label(f) for f in frames])
    ax.set_xlabel("percent of the outlet's units carrying the frame")
    ax.grid(axis="x", alpha=0.3)
    legend_outside(ax, title="outlet")
    return fig


def plot_naming_choices(choices: pd.DataFrame, concept: str, label=str):
    """Stacked bars: each outlet's names for one concept as shares."""
    table = choices[choices["concept"] == concept].pivot_table(index="outlet", columns="variant", values="share",
                                                                fill_value=0) * 100
    return stacked_shares(table, f"percent of the outlet's names for {label(concept)}", label)


def plot_primary_frames(primary: pd.DataFrame, label=str):
    """Stacked bars: each outlet's articles by primary frame
    (:func:`analysis.comparison.primary_frame_shares`)."""
    table = primary.pivot_table(index="outlet", columns="frame", values="article_share", fill_value=0) * 100
    table = table[[f for f in [*FRAMES, "(none)"] if f in table and table[f].any()]]  # frames no article leads: out
    return stacked_shares(table, "percent of the outlet's articles, by primary frame", label,
                          among=[*FRAMES, "(none)"])


def plot_claim_kinds(kinds: pd.DataFrame, label=str):
    """Stacked bars: each outlet's claims by kind
    (:func:`analysis.comparison.claim_kinds`)."""
    from .comparison import CLAIM_ORDER
    table = kinds.pivot_table(index="outlet", columns="kind", values="share", fill_value=0) * 100
    table = table[[k for k in CLAIM_ORDER if k in table]]
    return stacked_shares(table, "percent of the outlet's attributed claims", label, among=CLAIM_ORDER)


def plot_voices(voices: pd.DataFrame, label=str):
    """Stacked bars: each outlet's quotes by speaker group, as shares."""
    table = voices.pivot_table(index="outlet", columns="speaker_group", values="share", fill_value=0) * 100
    return stacked_shares(table, "percent of the outlet's quotes", label)
