"""What a notebook shows a reader: Arabic-ready figures, escaped and bounded
HTML tables, captions, the full tables as files.

``setup(exports)`` configures matplotlib (Arabic-capable fonts that exist on
this machine, in order of preference; matplotlib >= 3.11 shapes and orders
Arabic itself, so labels are passed as plain logical strings; no label is
parsed as math), sets the folder the full tables are written to (``""``:
none) and returns the report CSS (``templates/report/report.css``).
``table(frame)`` renders a DataFrame as an HTML table, right-to-left when
it holds Arabic, every text cell and label escaped (article text is
untrusted) and isolated in a ``<bdi>`` (its own direction, so numbers, dates
and Latin names read correctly in a right-to-left table), optional links
from cells to their evidence, no generated id (reruns are byte-identical), and
at most ``max_rows`` rows (per key with ``per``) with a line saying how many
more exist and where the full table is written (CSV in UTF-8 with a BOM, so
Excel shows Arabic, and Parquet). ``bidi(text)`` escapes a line of prose and
isolates each Arabic run in it; ``caption(text)`` is the line under a
figure, ``note(text)`` the line that says why one is missing.
"""
from __future__ import annotations

import html
import os
import re
from pathlib import Path

import matplotlib
import pandas as pd
from IPython.display import HTML
from IPython.display import display as show
from matplotlib import font_manager

ARABIC = re.compile("[\u0600-\u06FF]")
# An Arabic run: Arabic words (letters, digits written onto them as in
# "عربي21") joined by spaces, slashes, brackets or Arabic commas, with a
# number before or after a word ("19 يونيو/حزيران 2024"); never a Latin
# letter, an ASCII comma or quote.
LETTER = "\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF"
WORD, NUMBER = f"[{LETTER}]+[0-9٠-٩]*", "[0-9٠-٩]+"
ARABIC_RUN = re.compile(f"(?:{NUMBER} )?{WORD}(?:[\\s/«»()\u060C\u061B-]+(?:{NUMBER} )?{WORD})*(?: {NUMBER})?")
FIRST_LETTER = re.compile(f"[A-Za-z{LETTER}]")  # the first strong letter decides a text's direction
FONT_PREFERENCE = ["Noto Sans Arabic", "Noto Naskh Arabic", "Noto Sans", "DejaVu Sans"]
CSS = f"<style>\n{(Path(__file__).parent / 'templates' / 'report' / 'report.css').read_text(encoding='utf-8')}</style>"
EXPORTS: dict[str, Path | None] = {"folder": None}  # where table() writes full tables (setup sets it)
MAX_CELL = 1_000  # characters shown in one table cell
EXCEL_ROWS = 1_048_575  # data rows a spreadsheet opens (Excel: 2**20 rows with the header): above, Parquet only


def fonts() -> list[str]:
    """Installed font families from :data:`FONT_PREFERENCE`, in order."""
    installed = {f.name for f in font_manager.fontManager.ttflist}
    return [name for name in FONT_PREFERENCE if name in installed] or ["DejaVu Sans"]


def setup(exports: str = "") -> HTML:
    """Configure matplotlib for Arabic, write full tables into the folder
    ``exports`` (relative to the working folder, where the page is written;
    ``""``: none) and return the report CSS to display."""
    matplotlib.rcParams.update({
        "font.family": fonts(),
        "figure.dpi": 100,
        "savefig.dpi": 100,
        "svg.hashsalt": "analysis",
        "axes.spines.top": False,
        "axes.spines.right": False,
        "text.parse_math": False,  # labels come from data: "$x$" is shown as it is, never parsed as math
    })
    EXPORTS["folder"] = Path(exports) if exports else None
    return HTML(CSS)


def bidi(text: str) -> str:
    """A line of text -> escaped HTML with each Arabic run in a ``<bdi>``, so
    the Latin words, numbers and dates around it keep their order."""
    return "".join(f"<bdi>{html.escape(part)}</bdi>" if ARABIC_RUN.fullmatch(part) else html.escape(part)
                   for part in _runs(str(text)))


def _runs(text: str) -> list[str]:
    """``text`` split into Arabic runs and what lies between them."""
    parts, last = [], 0
    for match in ARABIC_RUN.finditer(text):
        parts += [text[last:match.start()], match.group()]
        last = match.end()
    return [p for p in [*parts, text[last:]] if p]


def shortened(text: str) -> str:
    """``text`` cut to ``MAX_CELL`` characters (with "…"): a cell never holds
    a whole article; the files beside the page keep every character."""
    return text if len(text) <= MAX_CELL else f"{text[:MAX_CELL]}…"


def _cell(value, precision: int) -> str:
    """One value -> the escaped text of its cell ("" for a missing one; a
    date without a time of day as YYYY-MM-DD), isolated in a ``<bdi>``
    (a text that starts in Latin letters and quotes Arabic: left to right,
    each Arabic run isolated in it)."""
    if isinstance(value, (list, tuple)):
        value = ", ".join(map(str, value))
    elif not isinstance(value, str) and pd.isna(value):
        return ""
    if isinstance(value, pd.Timestamp):
        value = value.strftime("%Y-%m-%d") if value == value.normalize() else value.isoformat(sep=" ")
    elif isinstance(value, float):
        value = f"{value:.{precision}f}"
    text = shortened(str(value))
    if len(text) <= 40 and not any(c.isspace() for c in text):  # a date, id or number: one line
        return f'<bdi class="token">{html.escape(text)}</bdi>'
    first = FIRST_LETTER.search(text)
    if first and first.group().isascii() and ARABIC.search(text):  # Latin prose quoting Arabic: each run isolated
        return f'<bdi dir="ltr">{bidi(text)}</bdi>'
    return f"<bdi>{html.escape(text)}</bdi>"


def _escaped(names) -> list:
    """Index or column level names, HTML-escaped (Styler prints them as they are)."""
    return [None if name is None else html.escape(str(name)) for name in names]


def direction(frame: pd.DataFrame) -> str:
    """"rtl" when Arabic letters appear in the cells, index or headers, else "ltr"."""
    texts = [*map(str, frame.columns), *map(str, frame.index),
             *(str(v) for column in frame.select_dtypes(exclude="number") for v in frame[column])]
    return "rtl" if any(ARABIC.search(t) for t in texts) else "ltr"


def shown_rows(frame: pd.DataFrame, max_rows: int | None, per: str | list[str] | None = None) -> pd.DataFrame:
    """The first ``max_rows`` rows of ``frame`` (in its order), or the first
    ``max_rows`` of each value of the ``per`` column(s)."""
    if max_rows is None:
        return frame
    return frame.groupby(per, sort=False, dropna=False).head(max_rows) if per else frame.head(max_rows)


def export(frame: pd.DataFrame, name: str) -> str:
    """Write ``frame`` (its index as columns unless it holds row numbers)
    as ``name.parquet`` and, up to ``EXCEL_ROWS`` rows, ``name.csv`` (UTF-8
    with BOM) into the exports folder, without changing ``frame``; returns
    the HTML links to them ("" when no folder is set)."""
    folder = EXPORTS["folder"]
    if folder is None:
        return ""
    folder.mkdir(parents=True, exist_ok=True)
    numbered = frame.index.name is None and pd.api.types.is_integer_dtype(frame.index) and frame.index.nlevels == 1
    rows = frame.reset_index(drop=numbered)
    rows.attrs = {}  # (the load report and store holdings a selection carries: not table data)
    names = [" / ".join(map(str, c)) if isinstance(c, tuple) else str(c) for c in rows.columns]
    rows.columns = [n if names.count(n) == 1 else f"{n} ({names[:k + 1].count(n)})"  # two labels may read the same
                    for k, n in enumerate(names)]
    for column in rows.columns[rows.dtypes == object]:  # tuples and mixed values: one text per cell
        if not rows[column].map(lambda v: v is None or isinstance(v, str)).all():
            rows[column] = rows[column].map(_as_text)
    rows.to_parquet(folder / f"{name}.parquet", index=False)
    href = f"{html.escape(Path(os.path.relpath(folder, Path.cwd())).as_posix())}/{html.escape(name)}"
    if len(rows) > EXCEL_ROWS:
        (folder / f"{name}.csv").unlink(missing_ok=True)
        return f'<a href="{href}.parquet">Parquet</a> ({len(rows):,} rows: more than a spreadsheet holds, no CSV)'
    rows.to_csv(folder / f"{name}.csv", index=False, encoding="utf-8-sig", lineterminator="\n")
    return f'<a href="{href}.csv">CSV</a> · <a href="{href}.parquet">Parquet</a>'


def _as_text(value) -> str | None:
    """A cell of a mixed column -> its text (a tuple or list joined by ", "; missing: None)."""
    if isinstance(value, (list, tuple)):
        return ", ".join(map(str, value))
    return None if value is None or pd.isna(value) else str(value)


def cut_note(shown: int, total: int, noun: str, files: str, each: str = "") -> str:
    """The line under a table that shows ``shown`` of its ``total`` rows:
    how many more there are and the links to the ``files`` holding them."""
    return (f"Showing {shown:,} of {counted(total, noun)}{each}; "
            + (f"full table: {files}" if files else "the report run writes the full table beside the page") + ".")


def table(frame: pd.DataFrame, caption: str | None = None, name: str = "table",
          max_rows: int | None = None, links: pd.DataFrame | None = None, precision: int = 2,
          per: str | list[str] | None = None, html_columns: tuple[str, ...] = (), noun: str = "rows",
          full: str | None = None) -> HTML:
    """DataFrame -> escaped HTML table (``name`` names its exported files),
    right-to-left when it holds Arabic. With ``max_rows``,
    shows the first rows (of each ``per`` value) and says how many were left
    out. ``links`` (same index and columns; fragment ids, "" for none) turns
    cells into links to the evidence behind them; ``html_columns`` hold HTML
    made by the caller (already escaped). The whole ``frame`` is exported
    (see :func:`export`) unless ``full`` gives the links to a file that
    holds it (made by the caller)."""
    shown = shown_rows(frame, max_rows, per)
    way = direction(shown)
    cells = shown.copy()
    for column in cells.columns:
        if column in html_columns:
            cells[column] = cells[column].map(lambda v: "" if v is None else f"<bdi>{v}</bdi>")
        elif not pd.api.types.is_numeric_dtype(cells[column]) or pd.api.types.is_bool_dtype(cells[column]):
            cells[column] = cells[column].map(lambda v: _cell(v, precision))
    linked = [] if links is None else [c for c in shown.columns if c in links.columns and (links[c] != "").any()]
    for column in linked:
        text = [_cell(v, precision) if pd.api.types.is_numeric_dtype(shown[column]) else v for v in cells[column]]
        cells[column] = [f'<a class="count" href="#{link}">{t}</a>' if link else t
                         for t, link in zip(text, links[column].reindex(shown.index).fillna(""))]
    cells = cells.rename_axis(index=_escaped(cells.index.names), columns=_escaped(cells.columns.names))
    text_columns = [c for c in cells.columns if not pd.api.types.is_numeric_dtype(cells[c])]
    label = lambda value: _cell(value, precision)  # noqa: E731 (index and header labels)
    styler = (cells.style.format(na_rep="", precision=precision)
              .format(lambda cell: cell, subset=text_columns, escape=None)
              .format_index(label, escape=None)
              .format_index(label, escape=None, axis=1))
    if shown.index.name is None and pd.api.types.is_integer_dtype(shown.index):  # row numbers, not data
        styler = styler.hide(axis="index")
    if caption:
        styler = styler.set_caption(bidi(caption))
    files = export(frame, name) if full is None else full
    note = ""
    if len(shown) < len(frame):
        each = f" ({max_rows:,} per {bidi(per if isinstance(per, str) else ' and '.join(per))})" if per else ""
        note = cut_note(len(shown), len(frame), noun, files, each)
    elif files and full is None:
        note = f"{counted(len(frame), noun)}; full table: {files}."
    body = styler.to_html(exclude_styles=True)  # no per-cell ids and classes: a third of the bytes, the same table
    body = body.replace("<table>", f'<table class="{way}" dir="{way}">', 1)
    return HTML(body + (f'<p class="table-note">{note}</p>' if note else ""))


def findings(lines: list, empty: str = "Nothing to report.", table: pd.DataFrame | None = None,
             name: str = "findings") -> None:
    """Show a list of findings: each a text, or a (text, link) pair whose
    text links to its evidence; each escaped, its Arabic runs isolated.
    ``table``: the figures behind them, exported as ``name`` and linked."""
    items = [f'<li><a href="{html.escape(line[1])}">{bidi(line[0])}</a></li>' if isinstance(line, tuple)
             else f"<li>{bidi(line)}</li>" for line in lines]
    files = export(table, name) if table is not None else ""
    shown = f'<ul class="findings">{"".join(items)}</ul>' if items else f'<p class="note"><em>{bidi(empty)}</em></p>'
    show(HTML(shown + (f'<p class="table-note">The figures as a table: {files}.</p>' if files else "")))


def counted(count: int, noun: str) -> str:
    """``3 reports``, ``1 report``, ``1,200 articles``: a count with its (English, plural) noun."""
    return f"{count:,} {noun[:-1] if count == 1 and noun.endswith('s') else noun}"


def note(text: str) -> None:
    """Show one escaped line saying why a figure or table is missing
    (nothing selected); shown at once, so it works inside an ``if``."""
    show(HTML(f'<p class="note"><em>{bidi(text)}</em></p>'))


def caption(text: str) -> HTML:
    """One escaped line under a figure saying what it shows."""
    return HTML(f'<p class="caption">{bidi(text)}</p>')
