"""Figures from 2 to 50 outlets and 5 to 1,000,000 articles: checked on the
drawn matplotlib artists (legends outside the plot area, every label inside
the figure, tick labels not overlapping, heatmap cells of a minimum size,
markers of a bounded size, one colour per outlet in every figure)."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from analysis import figures, framing_figures, timeline_figures  # noqa: E402
from analysis.labels import Labels  # noqa: E402
from analysis.layers.frames import FRAMES  # noqa: E402

LABEL = Labels("ar")


def outlets(n):
    return ["Alwaght", "Al Ain News", *[f"Outlet {k:02d} {'long name ' * (k % 3)}" for k in range(n - 2)]][:n]


def drawn(fig):
    fig.canvas.draw()
    return fig.canvas.get_renderer()


def shown_ticks(ax, axis: str) -> list:
    """The tick labels of ``axis`` within its view limits (matplotlib keeps
    labels for ticks beyond them, which it does not draw)."""
    low, high = sorted(ax.get_xlim() if axis == "x" else ax.get_ylim())
    ticks = ax.get_xticks() if axis == "x" else ax.get_yticks()
    labels = ax.get_xticklabels() if axis == "x" else ax.get_yticklabels()
    return [label for tick, label in zip(ticks, labels) if low - 1e-9 <= tick <= high + 1e-9]


def problems(fig) -> list[str]:
    """What a reader would see wrong: a legend over a plot area, a label cut
    by the figure's edge, x tick labels drawn over each other."""
    renderer = drawn(fig)
    found = []
    page = fig.bbox
    for ax in fig.axes:
        area = ax.get_window_extent(renderer)
        legend = ax.get_legend()
        if legend is not None:
            box = legend.get_window_extent(renderer)
            if box.overlaps(area) and box.intersection(box, area).width > 1:
                found.append("legend over the plot area")
            if box.x1 > page.x1 + 1 or box.y0 < page.y0 - 1:
                found.append("legend outside the figure")
        texts = [*shown_ticks(ax, "x"), *shown_ticks(ax, "y"), ax.xaxis.label, ax.yaxis.label, ax.title]
        for text in texts:
            if text.get_visible() and text.get_text():
                box = text.get_window_extent(renderer)
                if box.x0 < page.x0 - 1 or box.x1 > page.x1 + 1 or box.y0 < page.y0 - 1 or box.y1 > page.y1 + 1:
                    found.append(f"label cut: {text.get_text()[:30]}")
        labels = [t for t in shown_ticks(ax, "x") if t.get_text()]
        ticks = sorted((t.get_window_extent(renderer) for t in labels), key=lambda b: b.x0)
        angle = np.radians(labels[0].get_rotation()) if labels else 0
        if angle:  # parallel slanted labels: apart when their spacing across the slant exceeds a line
            line = labels[0].get_fontsize() * fig.dpi / 72
            ends = sorted(t.x1 for t in ticks)  # (right-aligned at their ticks)
            if any((b - a) * np.sin(angle) < line for a, b in zip(ends, ends[1:])):
                found.append("x tick labels overlap")
        elif any(a.x1 > b.x0 + 1 and a.overlaps(b) for a, b in zip(ticks, ticks[1:])):
            found.append("x tick labels overlap")
    return found


@pytest.mark.parametrize("n", [2, 8, 50])
def test_outlet_figures_hold_from_2_to_50_outlets(n):
    names = outlets(n)
    months = pd.period_range("2023-01", "2025-12", freq="M").astype(str)
    rng = np.random.default_rng(n)
    coverage = pd.DataFrame(rng.integers(0, 5000, size=(len(months), n)), index=months, columns=names)
    coverage.iloc[5:17] = 0  # a year without articles stays visible
    shares = pd.DataFrame([(o, f, 100, 10, 0.1 + 0.01 * k, 0.05 + 0.01 * k, 0.2 + 0.01 * k) for k, o in enumerate(names) for f in FRAMES],
                          columns=["outlet", "frame", "units", "framed", "share", "ci_low", "ci_high"])
    groups = pd.DataFrame(rng.random((n, 9)) * 100 / 9, index=names,
                          columns=["Russia", "DPRK", "China", "South Korea", "US and allies", "Ukraine", "international",
                                   "media and experts", "other states"])
    made = {
        "coverage": timeline_figures.plot_coverage(coverage, LABEL, names),
        "outlet months": timeline_figures.plot_outlet_months(coverage, LABEL, names),
        "frame profiles": framing_figures.plot_frame_profiles(shares, LABEL, names),
        "group shares": figures.stacked_shares(groups, "percent", LABEL),
        "heatmap": figures.heatmap(groups.T.rename(columns=LABEL, index=LABEL).round(1)),
    }
    for name, fig in made.items():
        assert problems(fig) == [], (name, n)
        if name == "heatmap":  # cells of at least the minimum size, whatever the number of outlets
            ax = fig.axes[0]
            box = ax.get_window_extent(drawn(fig))
            assert box.width / n >= figures.CELL_WIDTH * fig.dpi * 0.95 and box.height / 9 >= figures.CELL_HEIGHT * fig.dpi * 0.95
        plt.close(fig)
    assert len(made["coverage"].axes[0].patches) == len(months) * n  # every month has its bar, empty ones too


def test_an_outlet_has_one_colour_in_every_figure():
    names = outlets(8)
    months = pd.period_range("2024-01", "2024-06", freq="M").astype(str)
    coverage = pd.DataFrame(1, index=months, columns=names)
    bars = timeline_figures.plot_coverage(coverage[names[3:5]], LABEL, names)  # a selection of two outlets
    grid = timeline_figures.plot_outlet_months(coverage, LABEL, names)
    colour = lambda rgba: matplotlib.colors.to_hex(rgba)  # noqa: E731
    in_bars = {t.get_text(): colour(h.get_facecolor()) for t, h in zip(bars.axes[0].get_legend().get_texts(),
                                                                     bars.axes[0].get_legend().legend_handles)}
    in_grid = dict(zip([LABEL(o) for o in names], [colour(c.get_facecolor()[0]) for c in grid.axes[0].collections]))
    assert in_bars == {k: in_grid[k] for k in in_bars}
    assert len(set(in_grid.values())) == 8  # eight outlets, eight colours
    assert in_grid[LABEL("Alwaght")] == LABEL.fixed["Alwaght"]  # fixed by labels.tsv
    plt.close("all")


def test_timeline_markers_stay_bounded_at_a_million_articles():
    events = pd.DataFrame({
        "event_type": ["visit_summit", "arms_transfer", "sanctions_un"] * 2,
        "date_start": pd.to_datetime(["2024-06-19", "2024-01-01", "2023-05-01", "2024-07-01", "2023-01-01", "2025-01-01"]),
        "n_articles": [1, 10, 1_000, 50_000, 400_000, 1_000_000]})
    events["date_end"], events["granularity"] = events["date_start"], "day"
    fig = timeline_figures.plot_timeline(events, "All", LABEL)
    assert problems(fig) == []
    sizes = np.concatenate([c.get_sizes() for c in fig.axes[0].collections])
    assert sizes.max() <= timeline_figures.LARGEST and sizes.min() >= timeline_figures.SMALLEST
    plt.close(fig)
