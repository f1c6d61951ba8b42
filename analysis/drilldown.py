"""Counts -> links to the sentences behind them, in the page itself (no
network, no script needed to read them).

``anchor(kind, key, outlet)`` is the fragment id of the evidence for one key
(an actor, frame, event, name variant or speaker group) in one outlet.
``cell_links(table, kind, evidence)`` gives, for a keys x outlets table, the
fragment of every cell that has evidence (``""`` elsewhere);
``column_links(table, column, kind, key, outlet)`` the same for one count
column of a long table. ``sections(evidence, kind, ...)`` renders the
evidence: one collapsed section per key, a table per outlet inside it, each
carrying its fragment id. ``evidence`` has ``key`` and ``outlet`` columns.
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


def sections(evidence: pd.DataFrame, kind: str, columns: list[str], label=str, title=None,
             max_rows: int | None = None, noun: str = "sentences") -> HTML:
    """One collapsed ``<details>`` per key (``title(key)``, by default its
    label and, when that differs, the key; and the count in its summary) with
    a table of ``columns`` per outlet (headed by its label); text is escaped."""
    title = title or (lambda key: label(key) if label(key) == key else f"{label(key)} ({key})")
    parts = []
    for key, rows in evidence.groupby("key", sort=False):
        outlets = rows.groupby("outlet", sort=True)
        parts.append(f'<details class="evidence" id="{anchor(kind, key)}"><summary>{html.escape(str(title(key)))}: '
                     f"{display.counted(len(rows), noun)}, {display.counted(len(outlets), 'outlets')}</summary>")
        for outlet, group in outlets:
            fragment = anchor(kind, key, outlet)
            parts.append(f'<h4 id="{fragment}">{html.escape(str(label(outlet)))} ({len(group)})</h4>')
            parts.append(display.table(group[columns], name=fragment, max_rows=max_rows).data)
        parts.append("</details>")
    return HTML("\n".join(parts) or f"<p><em>No {noun}.</em></p>")
