"""Counts -> links to the sentences behind them, in the page itself (no
network, no script needed to read them).

``anchor(kind, key, outlet)`` is the fragment id of the evidence for one key
(an actor, frame, event, name variant or speaker group) in one outlet.
``cell_links(table, kind, evidence)`` gives, for a keys x outlets table, the
fragment of every cell that has evidence (``""`` elsewhere);
``column_links(table, column, kind, key, outlet)`` the same for one count
column of a long table. ``sections(evidence, kind, ...)`` renders the
evidence: one collapsed section per key, a table per outlet inside it, each
carrying its fragment id, the first rows of each with the article's date and
title (linked to its URL) and the matched words highlighted; the whole
evidence is written beside the page. ``evidence`` has ``key``, ``outlet``
and ``article_id`` columns.
"""
from __future__ import annotations

import hashlib
import html
import re

import pandas as pd
from IPython.display import HTML

from . import display


def anchor(kind: str, key, outlet=None) -> str:
    """Stable, HTML-safe fragment id for ``key`` (in ``outlet``)."""
    text = f"{key}" if outlet is None else f"{key}\0{outlet}"
    readable = re.sub(r"[^A-Za-z0-9]+", "-", str(key)).strip("-")[:30]
    return f"ev-{kind}-{readable}-{hashlib.sha1(text.encode('utf-8')).hexdigest()[:8]}"


def cell_links(table: pd.DataFrame, kind: str, evidence: pd.DataFrame) -> pd.DataFrame:
    """Keys (index) x outlets (columns) -> fragment ids where ``evidence`` has rows."""
    present = set(zip(evidence["key"], evidence["outlet"]))
    return pd.DataFrame([[anchor(kind, key, outlet) if (key, outlet) in present else "" for outlet in table.columns]
                         for key in table.index], index=table.index, columns=table.columns)


def column_links(table: pd.DataFrame, column: str, kind: str, key: str, outlet: str | None = "outlet") -> pd.DataFrame:
    """Fragment ids for ``table[column]`` (the rest empty), from its ``key``
    and ``outlet`` columns (``outlet=None``: the key's whole section)."""
    links = pd.DataFrame("", index=table.index, columns=table.columns)
    outlets = table[outlet] if outlet else [None] * len(table)
    links[column] = [anchor(kind, k, o) for k, o in zip(table[key], outlets)]
    return links


def highlighted(text: str, words) -> str:
    """``text`` escaped (and shortened, see :func:`analysis.display.shortened`),
    with every occurrence of the non-empty ``words`` (longest first) wrapped
    in ``<mark>``."""
    words = sorted({w for w in words if isinstance(w, str) and w.strip()}, key=len, reverse=True)
    if not isinstance(text, str):
        return ""
    text = display.shortened(text)
    if not words:
        return html.escape(text)
    pieces = re.split(f"({'|'.join(map(re.escape, words))})", text)
    return "".join(f"<mark>{html.escape(p)}</mark>" if k % 2 else html.escape(p) for k, p in enumerate(pieces))


def article_link(title, url, article_id) -> str:
    """The article's title (its id when it has none) as escaped HTML, a
    link when its URL is http(s)."""
    text = html.escape(str(title if isinstance(title, str) and title.strip() else article_id))
    if isinstance(url, str) and re.match(r"https?://", url):
        return f'<a href="{html.escape(url)}">{text}</a>'
    return text


def _rows(shown: pd.DataFrame, columns: list[str], text: str, marks: tuple[str, ...], label) -> pd.DataFrame:
    """Evidence rows -> the cells of their table: date, article (HTML),
    ``columns`` and ``text`` (HTML, the words of ``marks`` highlighted)."""
    words = zip(*(shown[c] for c in marks)) if marks else [()] * len(shown)
    return pd.DataFrame({
        label("published"): shown["published"],
        label("article"): [article_link(t, u, a) for t, u, a in zip(shown["title"], shown["url"], shown["article_id"])],
        **{label(c): shown[c] for c in columns},
        label(text): [highlighted(t, [w for v in found if isinstance(v, str) for w in v.split(", ")])
                      for t, found in zip(shown[text], words)],
    })


def sections(evidence: pd.DataFrame, kind: str, columns: list[str], articles: pd.DataFrame, label=str,
             title=None, max_rows: int | None = None, noun: str = "sentences", text: str = "sentence",
             marks: tuple[str, ...] = (), keys=None) -> HTML:
    """One collapsed ``<details>`` per key (``title(key)``: a text or a
    tuple of texts, each isolated; by default the key's label) with its
    count, and a table per outlet (headed by its label) of the article's
    date and title, ``columns`` and ``text`` with the words of the ``marks``
    columns highlighted (a cell holding several, ", "-separated, marks each):
    the first ``max_rows`` of each, the whole evidence exported as
    ``evidence_<kind>`` (CSV and Parquet). ``keys``: the keys that get a
    section (default: all); the others are in the exported files only."""
    title = title or label
    info = articles[["published", "title", "url"]].reindex(evidence["article_id"])  # (not each row's article text)
    rows = evidence.assign(published=info["published"].to_numpy(), title=info["title"].to_numpy(),
                           url=info["url"].to_numpy())
    plain = rows.assign(key=rows["key"].map(label), outlet=rows["outlet"].map(label))[
        ["key", "outlet", "article_id", "published", "title", "url", *columns, text]]
    files = display.export(plain.rename(columns=label), f"evidence_{kind}")
    parts = []
    for key, group in (rows if keys is None else rows[rows["key"].isin(keys)]).groupby("key", sort=False):
        outlets = group.groupby("outlet", sort=True)
        parts_of = title(key)
        heading = " ".join(f"<bdi>{html.escape(str(part))}</bdi>"
                           for part in (parts_of if isinstance(parts_of, tuple) else (parts_of,)))
        parts.append(f'<details class="evidence" id="{anchor(kind, key)}"><summary>{heading}: '
                     f"{display.counted(len(group), noun)}, {display.counted(len(outlets), 'outlets')}</summary>")
        for outlet, found in outlets:
            fragment = anchor(kind, key, outlet)
            parts.append(f'<h4 id="{fragment}"><bdi>{html.escape(str(label(outlet)))}</bdi> ({len(found):,})</h4>')
            shown = found.head(max_rows) if max_rows else found
            parts.append(display.table(_rows(shown, columns, text, marks, label), html_columns=(label("article"), label(text)),
                                       name=fragment, noun=noun, full=files).data)
            if len(shown) < len(found):
                parts.append(f'<p class="table-note">{display.cut_note(len(shown), len(found), noun, files)}</p>')
        parts.append("</details>")
    return HTML("\n".join(parts) or f"<p><em>No {noun}.</em></p>")
