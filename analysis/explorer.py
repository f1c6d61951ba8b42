"""A tagged corpus -> what the explorer shows: counts under a selection,
the sentences behind one count (a page at a time), a search over the
sentences. :mod:`analysis.explore_view` draws them in JupyterLab.

:class:`Explorer` turns each counted table into integer codes once (the
article of every row, its row key, its column key), so a change of the
selection is a mask over the articles and one ``numpy.bincount``: its cost
grows with the rows of the table, not with Python loops over them.

Views (``VIEWS``), rows x columns:

- ``actors``: actors named (mentions of kind ``name``) x outlets;
- ``frames``: frames (sentences carrying them) x outlets;
- ``namings``: "concept: variant" x outlets;
- ``events``: event months x event types.

A :class:`Selection` keeps the articles of some outlets and of a date range
(publication date), and the rows of some actors, actor groups, frames,
naming concepts and event types (empty: all).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .drilldown import highlighted
from .errors import SelectionError
from .normalization import matching_view, normalize_for_matching
from .overview import published_within
from .words import CLITIC_PATTERN

VIEWS = ("actors", "frames", "namings", "events")
PAGE = 50  # evidence rows per page
EVIDENCE_COLUMNS = ["outlet", "published", "title", "sentence", "match", "article_id", "sentence_id"]
# per view: (column of its table, the Selection field choosing values of it); the first chooses its rows
ROW_FILTERS = {"actors": (("actor_id", "actors"), ("group", "groups")), "frames": (("frame", "frames"),),
               "namings": (("concept", "concepts"),), "events": (("event_type", "event_types"),)}


@dataclass(frozen=True)
class Selection:
    outlets: tuple[str, ...] = ()
    date_from: str = ""
    date_to: str = ""
    actors: tuple[str, ...] = ()      # actor ids
    groups: tuple[str, ...] = ()      # actor groups
    frames: tuple[str, ...] = ()
    concepts: tuple[str, ...] = ()    # naming concepts
    event_types: tuple[str, ...] = ()


@dataclass
class _Coded:
    """One view's rows as codes: ``table`` (the rows), ``article`` (each
    row's position in the articles table), ``row`` and ``column`` (codes
    into ``rows``/``columns``), ``match`` (the column of words to highlight)."""
    table: pd.DataFrame
    article: np.ndarray
    row: np.ndarray
    column: np.ndarray
    rows: list[str]
    columns: list[str]
    match: str  # the column holding the words to highlight


def _codes(values: pd.Series) -> tuple[np.ndarray, list[str]]:
    codes, uniques = pd.factorize(values.astype("string").fillna("(none)"), sort=True)
    return codes.astype(np.int64), [str(u) for u in uniques]


class Explorer:
    """Counts, evidence and search over one tagged corpus (see module doc)."""

    def __init__(self, tagged):
        self.tagged = tagged
        articles = tagged.articles
        self.article_ids = pd.Index(articles.index.astype("string"))
        missing = pd.Series(pd.NA, index=articles.index, dtype="string")  # articles tagged from text alone
        self.outlet_code, self.outlets = _codes(articles.get("outlet", missing))
        self.dates = pd.Series(pd.to_datetime(articles.get("published", missing)).to_numpy(dtype="datetime64[ns]"))
        self.published = self.dates.to_numpy()
        sentences = tagged.sentences.sort_values(["article_id", "sentence_id"], kind="stable").reset_index(drop=True)
        self.sentences = sentences
        self.sentence_text = sentences["text"].to_numpy(dtype=object)  # arrays taken once: a page reads 50 rows
        self.sentence_number = sentences["sentence_id"].to_numpy()
        self.titles = articles["title"].to_numpy(dtype=object) if "title" in articles else \
            np.full(len(articles), "", dtype=object)
        position = self.article_ids.get_indexer(sentences["article_id"])
        self.sentence_article = position
        firsts = pd.Series(np.arange(len(sentences))).groupby(position).min()
        self.first_sentence = np.full(len(articles), -1, dtype=np.int64)
        self.first_sentence[firsts.index.to_numpy()] = firsts.to_numpy()
        self._views: dict[str, _Coded] = {}

    def _article_of(self, table: pd.DataFrame) -> np.ndarray:
        return self.article_ids.get_indexer(table["article_id"].astype("string"))

    def coded(self, view: str) -> _Coded:
        """The codes of ``view`` (built once)."""
        if view not in VIEWS:
            raise SelectionError("view", [view], VIEWS)
        if view not in self._views:
            self._views[view] = self._build(view)
        return self._views[view]

    def _build(self, view: str) -> _Coded:
        tables = self.tagged.tables
        if view == "actors":
            table = tables["mentions"][tables["mentions"]["kind"] == "name"].reset_index(drop=True)
            rows, columns, match = table["actor_id"], None, "surface"
        elif view == "frames":
            table = tables["frames"].reset_index(drop=True)
            rows, columns, match = table["frame"], None, "cue"
        elif view == "namings":
            table = tables["namings"].reset_index(drop=True)
            rows, columns, match = table["concept"].astype(str) + ": " + table["variant"].astype(str), None, "surface"
        else:
            table = tables["events"].reset_index(drop=True)
            month = pd.to_datetime(table["date_start"]).dt.strftime("%Y-%m")
            rows, columns, match = month, table["event_type"], "cue"
        article = self._article_of(table)
        row, row_keys = _codes(rows)
        if columns is None:
            column, column_keys = self.outlet_code[article], self.outlets
        else:
            column, column_keys = _codes(columns)
        return _Coded(table, article, row, column, row_keys, column_keys, match)

    def article_mask(self, selection: Selection) -> np.ndarray:
        """Which articles the selection keeps (outlets, publication dates;
        with a date bound, undated articles are left out)."""
        unknown = sorted(set(selection.outlets) - set(self.outlets))
        if unknown:
            raise SelectionError("outlet(s)", unknown, self.outlets)
        keep = np.ones(len(self.article_ids), dtype=bool)
        if selection.outlets:
            keep &= np.isin(self.outlet_code, [self.outlets.index(o) for o in selection.outlets])
        if selection.date_from or selection.date_to:
            keep &= published_within(self.dates, selection.date_from, selection.date_to).to_numpy()
        return keep

    def row_mask(self, view: str, selection: Selection) -> np.ndarray:
        """Which rows of ``view``'s table the selection keeps."""
        coded = self.coded(view)
        keep = self.article_mask(selection)[coded.article]
        for column, field in ROW_FILTERS[view]:
            if getattr(selection, field):
                keep &= coded.table[column].isin(getattr(selection, field)).to_numpy()
        return keep

    def choices(self, view: str, column: str | None = None) -> list[str]:
        """The values a view's rows can be chosen by (``column``: by default
        the first of ``ROW_FILTERS``), most frequent first."""
        column = column or ROW_FILTERS[view][0][0]
        return self.coded(view).table[column].dropna().value_counts().index.tolist()

    def counts(self, view: str, selection: Selection = Selection()) -> pd.DataFrame:
        """Rows x columns of counts under ``selection``; rows and columns
        without any count left out, rows most counted first (events: by
        month)."""
        coded = self.coded(view)
        keep = self.row_mask(view, selection)
        width = max(len(coded.columns), 1)
        flat = np.bincount(coded.row[keep] * width + coded.column[keep], minlength=len(coded.rows) * width)
        table = pd.DataFrame(flat.reshape(len(coded.rows), width)[:, :len(coded.columns)], index=coded.rows,
                             columns=coded.columns)
        table = table.loc[table.sum(axis=1) > 0, table.sum(axis=0) > 0]
        if view != "events":
            table = table.loc[table.sum(axis=1).sort_values(ascending=False, kind="stable").index]
        table.index.name, table.columns.name = {"actors": ("actor", "outlet"), "frames": ("frame", "outlet"),
                                                "namings": ("name", "outlet"), "events": ("month", "event type")}[view]
        return table

    def evidence(self, view: str, row: str, column: str, selection: Selection = Selection(),
                 page: int = 0, size: int = PAGE) -> tuple[pd.DataFrame, int]:
        """The sentences behind one count (``row`` and ``column`` keys of
        :meth:`counts`), page ``page`` of ``size`` rows, most recent article
        first: (``outlet, published, title, sentence, match, article_id,
        sentence_id``, the number of rows in all). ``sentence`` is HTML with
        the matched words in ``<mark>``."""
        coded = self.coded(view)
        if row not in coded.rows or column not in coded.columns:
            return pd.DataFrame(columns=EVIDENCE_COLUMNS), 0
        keep = self.row_mask(view, selection) & (coded.row == coded.rows.index(row)) \
            & (coded.column == coded.columns.index(column))
        found = np.flatnonzero(keep)
        order = np.lexsort((found, -self._day(coded.article[found])))  # most recent first, then text order
        chosen = found[order][page * size:(page + 1) * size]
        rows = coded.table.iloc[chosen]
        return self._sentence_rows(coded.article[chosen], rows["sentence_id"].to_numpy(),
                                   rows[coded.match].astype(str).tolist()), len(found)

    def _day(self, articles: np.ndarray) -> np.ndarray:
        days = self.published[articles].astype("datetime64[D]").astype(np.int64)
        return np.where(np.isnat(self.published[articles]), np.iinfo(np.int64).min, days)

    def _sentence_rows(self, articles: np.ndarray, sentence_ids: np.ndarray, words: list) -> pd.DataFrame:
        at = self.first_sentence[articles] + sentence_ids
        texts = self.sentence_text[at]
        return pd.DataFrame({
            "outlet": [self.outlets[c] for c in self.outlet_code[articles]],
            "published": pd.to_datetime(self.published[articles]).strftime("%Y-%m-%d").fillna(""),
            "title": self.titles[articles],
            "sentence": [highlighted(t, w.split("، ") if isinstance(w, str) else [w]) for t, w in zip(texts, words)],
            "match": words,
            "article_id": self.article_ids[articles],
            "sentence_id": sentence_ids}, columns=EVIDENCE_COLUMNS)

    def search(self, query: str, selection: Selection = Selection(), page: int = 0,
               size: int = PAGE) -> tuple[pd.DataFrame, int]:
        """Sentences of the selected articles that contain ``query`` in the
        matching form (spelling variants of alef, ى/ي, ة/ه and diacritics
        fold together; each word may carry proclitics and the article; a
        word ending in ``*`` any ending), most recent article first: the
        same columns as :meth:`evidence`."""
        words = normalize_for_matching(query).split()
        if not words:
            return pd.DataFrame(columns=EVIDENCE_COLUMNS), 0
        pattern = r"\s+".join(rf"(?<!\w){CLITIC_PATTERN}(?:ال)?{re.escape(_bare(w))}" + ("" if w.endswith("*") else r"(?!\w)")
                              for w in words)
        keep = self.article_mask(selection)[self.sentence_article]
        normalized = self.sentences["normalized"]
        keep[keep] = normalized[keep].str.contains(_bare(words[0]), regex=False).to_numpy(dtype=bool)  # cheap first
        hit = np.zeros(len(normalized), dtype=bool)
        hit[keep] = normalized[keep].str.contains(pattern, regex=True).to_numpy(dtype=bool)
        found = np.flatnonzero(hit)
        found = found[np.lexsort((found, -self._day(self.sentence_article[found])))]
        chosen = found[page * size:(page + 1) * size]
        rows = self._sentence_rows(self.sentence_article[chosen], self.sentence_number[chosen], [query] * len(chosen))
        rows["sentence"] = [_marked(text, pattern) for text in self.sentence_text[chosen]]
        return rows, len(found)


def _bare(word: str) -> str:
    """A query word without its article and a final ``*`` (any ending)."""
    word = word.rstrip("*")
    return word[2:] if word.startswith("ال") and len(word) > 3 else word


def _marked(text: str, pattern: str) -> str:
    """``text`` escaped with the words that match ``pattern`` (over the
    matching form) in ``<mark>``."""
    normalized, offsets = matching_view(text)
    words = [text[int(offsets[m.start()]):int(offsets[m.end()])] for m in re.finditer(pattern, normalized)]
    return highlighted(text, words)
