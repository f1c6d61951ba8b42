"""What a notebook shows a reader: Arabic-ready figures, escaped HTML
tables, captions.

``setup()`` configures matplotlib (Arabic-capable fonts that exist on this
machine, in order of preference; matplotlib >= 3.11 shapes and orders Arabic
itself, so labels are passed as plain logical strings; no label is parsed as
math) and returns the
report CSS (``templates/report/report.css``). ``table(frame)`` renders a
DataFrame as an HTML table, right-to-left when it holds Arabic, with every
cell, row and column label and level name escaped (article text is untrusted), optional links from cells to their
evidence, and a fixed id so reruns are byte-identical. ``caption(text)`` is
the line under a figure, ``note(text)`` the line that says why one is missing.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

import matplotlib
import pandas as pd
from IPython.display import HTML
from IPython.display import display as show
from matplotlib import font_manager

ARABIC = re.compile("[\u0600-\u06FF]")
FONT_PREFERENCE = ["Noto Sans Arabic", "Noto Naskh Arabic", "Noto Sans", "DejaVu Sans"]
CSS = f"<style>\n{(Path(__file__).parent / 'templates' / 'report' / 'report.css').read_text(encoding='utf-8')}</style>"


def fonts() -> list[str]:
    """Installed font families from :data:`FONT_PREFERENCE`, in order."""
    installed = {f.name for f in font_manager.fontManager.ttflist}
    return [name for name in FONT_PREFERENCE if name in installed] or ["DejaVu Sans"]


def setup() -> HTML:
    """Configure matplotlib for Arabic and return the report CSS to display."""
    matplotlib.rcParams.update({
        "font.family": fonts(),
        "figure.dpi": 100,
        "savefig.dpi": 100,
        "svg.hashsalt": "analysis",
        "axes.spines.top": False,
        "axes.spines.right": False,
        "text.parse_math": False,  # labels come from data: "$x$" is shown as it is, never parsed as math
    })
    return HTML(CSS)


def _linked(values: pd.Series, links: pd.Series, precision: int) -> pd.Series:
    """Cells -> escaped text, wrapped in a link where ``links`` has a fragment id."""
    def text(value) -> str:
        if pd.isna(value):
            return ""
        return f"{value:.{precision}f}" if isinstance(value, float) else str(value)
    return pd.Series([f'<a class="count" href="#{link}">{html.escape(text(v))}</a>' if link else html.escape(text(v))
                      for v, link in zip(values, links.reindex(values.index).fillna(""))], index=values.index)


def _escaped(names) -> list:
    """Index or column level names, HTML-escaped (Styler prints them as they are)."""
    return [None if name is None else html.escape(str(name)) for name in names]


def direction(frame: pd.DataFrame) -> str:
    """"rtl" when Arabic letters appear in the cells, index or headers, else "ltr"."""
    texts = [*map(str, frame.columns), *map(str, frame.index),
             *(str(v) for column in frame.select_dtypes(exclude="number") for v in frame[column])]
    return "rtl" if any(ARABIC.search(t) for t in texts) else "ltr"


def table(frame: pd.DataFrame, caption: str | None = None, name: str = "table",
          max_rows: int | None = None, links: pd.DataFrame | None = None, precision: int = 2) -> HTML:
    """DataFrame -> escaped HTML table (``name`` fixes its id), right-to-left
    when it holds Arabic. With ``max_rows``, shows the first rows and says
    how many were left out. ``links`` (same index and columns; fragment ids,
    "" for none) turns cells into links to the evidence behind them."""
    shown = frame if max_rows is None else frame.head(max_rows)
    way = direction(shown)
    linked = [] if links is None else [c for c in shown.columns if c in links.columns and (links[c] != "").any()]
    if linked:
        shown = shown.copy()
        for column in linked:
            shown[column] = _linked(shown[column], links[column], precision)
    shown = shown.rename_axis(index=_escaped(shown.index.names), columns=_escaped(shown.columns.names))
    styler = (shown.style.format(escape="html", na_rep="", precision=precision)
              .format_index(escape="html")
              .format_index(escape="html", axis=1)
              .set_uuid(name)
              .set_table_attributes(f'class="{way}" dir="{way}"'))
    if linked:
        styler = styler.format(lambda cell: cell, subset=linked, escape=None)
    if shown.index.name is None and pd.api.types.is_integer_dtype(shown.index):  # row numbers, not data
        styler = styler.hide(axis="index")
    if caption:
        styler = styler.set_caption(html.escape(caption))
    note = ""
    if max_rows is not None and len(frame) > max_rows:
        note = f"<p><em>Showing {max_rows} of {len(frame)} rows.</em></p>"
    return HTML(styler.to_html() + note)


def counted(count: int, noun: str) -> str:
    """``3 reports``, ``1 report``, ``1,200 articles``: a count with its (English, plural) noun."""
    return f"{count:,} {noun[:-1] if count == 1 and noun.endswith('s') else noun}"


def note(text: str) -> None:
    """Show one escaped line saying why a figure or table is missing
    (nothing selected); shown at once, so it works inside an ``if``."""
    show(HTML(f'<p class="note"><em>{html.escape(text)}</em></p>'))


def caption(text: str) -> HTML:
    """One escaped line under a figure saying what it shows."""
    return HTML(f'<p class="caption">{html.escape(text)}</p>')
