"""What a notebook shows a reader: Arabic-ready figures and right-to-left,
escaped HTML tables.

``setup()`` configures matplotlib (Arabic-capable fonts that exist on this
machine, in order of preference; matplotlib >= 3.11 shapes and orders Arabic
itself, so labels are passed as plain logical strings) and returns the
report-wide CSS for right-to-left tables. ``table(frame)`` renders
a DataFrame as an RTL HTML table with every cell escaped (article text is
untrusted), with a fixed id so reruns are byte-identical.
"""
from __future__ import annotations

import html

import matplotlib
import pandas as pd
from IPython.display import HTML
from matplotlib import font_manager

FONT_PREFERENCE = ["Noto Sans Arabic", "Noto Naskh Arabic", "Noto Sans", "DejaVu Sans"]
CSS = """<style>
table.rtl {direction: rtl; border-collapse: collapse; margin: 0.5em 0;}
table.rtl th, table.rtl td {text-align: right; unicode-bidi: plaintext; padding: 2px 8px;
  border-bottom: 1px solid #ddd; vertical-align: top;}
table.rtl caption {caption-side: top; text-align: right; font-weight: bold; unicode-bidi: plaintext;}
div.rtl, div.rtl p {direction: rtl; text-align: right; unicode-bidi: plaintext;}
</style>"""


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
    })
    return HTML(CSS)


def table(frame: pd.DataFrame, caption: str | None = None, name: str = "table",
          max_rows: int | None = None) -> HTML:
    """DataFrame -> escaped right-to-left HTML table (``name`` fixes its id).
    With ``max_rows``, shows the first rows and says how many were left out."""
    shown = frame if max_rows is None else frame.head(max_rows)
    styler = (shown.style.format(escape="html", na_rep="", precision=3)
              .format_index(escape="html")
              .set_uuid(name)
              .set_table_attributes('class="rtl" dir="rtl"'))
    if isinstance(shown.index, pd.RangeIndex):
        styler = styler.hide(axis="index")
    if caption:
        styler = styler.set_caption(html.escape(caption))
    note = ""
    if max_rows is not None and len(frame) > max_rows:
        note = f"<p><em>Showing {max_rows} of {len(frame)} rows.</em></p>"
    return HTML(styler.to_html() + note)


def caption(text: str) -> HTML:
    """One escaped line under a figure saying what it shows."""
    return HTML(f'<p style="font-size: 90%; color: #444;"><em>{html.escape(text)}</em></p>')
