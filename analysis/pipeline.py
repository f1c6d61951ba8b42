"""Articles -> :class:`Tagged`: every registered layer run over one view per
article.

A layer is a function registered with :func:`layer`, in the spirit of
spaCy's components: its ``name``, the tables it ``requires`` (made by other
layers) and the tables it ``assigns``, each with the ``NamedTuple`` type of
its rows. An article layer is called once per article as ``function(view,
lexicons, found)``: ``view`` is the article's :class:`~analysis.view.ArticleView`,
``lexicons`` the :class:`~analysis.lexicons.LexiconSet`, ``found`` the rows
the earlier layers produced for this article (table -> list of rows); it
returns ``{table: [rows]}``; a layer that ``completes`` a table of an
earlier layer returns that table's rows again with its own column filled
in (the frames layer gives each paragraph its ``primary_frame``). A corpus layer (``scope="corpus"``) is called
once as ``function(tables, lexicons, state=None)`` and returns
``{table: DataFrame}`` (shared passages compare articles with each other);
``state``: a folder it may keep between runs of the same store, to bring its
table up to date instead of computing it again.

The layers live in :mod:`analysis.layers`, one module per table; adding one
is one module with one registration. :func:`tag` runs the chosen layers and
their requirements in dependency order and does the bookkeeping once for
all of them: ``article_id`` (string dtype) first, ``sentence_id`` (int64,
the sentence the row's ``start`` lies in) second, ``start``/``end`` int64,
then the row's fields in order, each with the dtype of its annotation
(``str`` -> str, ``int`` -> int64, ``date`` -> datetime64[ns]) or the
layer's declared one.
"""
from __future__ import annotations

import importlib
import pkgutil
import time
from dataclasses import dataclass, field
from functools import cache
from datetime import date
from pathlib import Path
from typing import Callable

import numpy as np
import pandas as pd

from .errors import SelectionError
from .lexicons import LexiconSet, lexicon_set

KEY_DTYPES = {"article_id": "string", "sentence_id": "int64", "paragraph_id": "int64", "start": "int64",
              "end": "int64"}
# dtype of a row field by its annotation, so a table's dtypes never depend
# on which values happen to be in it
ANNOTATED = {"str": "str", "str | None": "str", "int": "int64", "float": "float64", "bool": "bool",
             "date": "datetime64[ns]", "date | None": "datetime64[ns]"}


@dataclass(frozen=True)
class Layer:
    name: str
    function: Callable
    assigns: dict[str, type]
    requires: tuple[str, ...] = ()
    dtypes: dict[str, dict[str, str]] = field(default_factory=dict)
    unkeyed: tuple[str, ...] = ()      # tables without a sentence_id
    scope: str = "article"
    completes: tuple[str, ...] = ()    # tables of required layers it returns with a column filled in

    def columns(self, table: str) -> list[str]:
        """Column order of one of the layer's tables."""
        fields = list(self.assigns[table]._fields)
        keys = ["article_id"] + ([] if table in self.unkeyed or "sentence_id" in fields else ["sentence_id"])
        return keys + fields


LAYERS: dict[str, Layer] = {}


def layer(name: str, assigns: dict[str, type], requires: tuple[str, ...] = (), dtypes=None,
          unkeyed: tuple[str, ...] = (), scope: str = "article", completes: tuple[str, ...] = ()) -> Callable:
    """Register the decorated function as the layer ``name`` (see module doc)."""
    def register(function: Callable) -> Callable:
        if not set(completes) <= set(requires):
            raise ValueError(f"layer '{name}' completes {completes}: it must require them")
        LAYERS[name] = Layer(name, function, assigns, tuple(requires), dtypes or {}, tuple(unkeyed), scope,
                             tuple(completes))
        return function
    return register


@cache
def _import_layers() -> None:
    from . import layers
    for module in pkgutil.iter_modules(layers.__path__):
        importlib.import_module(f"{layers.__name__}.{module.name}")


def registered() -> dict[str, Layer]:
    """Every layer of :mod:`analysis.layers`, by name."""
    _import_layers()
    return LAYERS


def producers() -> dict[str, Layer]:
    """Table name -> the layer that assigns it."""
    return {table: spec for spec in registered().values() for table in spec.assigns}


def plan(names: list[str] | tuple[str, ...] | None = None) -> list[Layer]:
    """The layers to run for ``names`` (layer or table names; all when
    None), requirements first. An unknown name raises SelectionError."""
    every, by_table = registered(), producers()
    wanted = sorted(every) if names is None else list(names)
    unknown = [n for n in wanted if n not in every and n not in by_table]
    if unknown:
        raise SelectionError("layer(s)", unknown, sorted(set(every) | set(by_table)))
    order: list[Layer] = []

    def visit(spec: Layer, path: tuple[str, ...]) -> None:
        if spec in order:
            return
        if spec.name in path:
            raise ValueError(f"layer requirements form a cycle: {' -> '.join(path + (spec.name,))}")
        for table in spec.requires:
            visit(by_table[table], path + (spec.name,))
        order.append(spec)

    for name in wanted:
        visit(every.get(name) or by_table[name], ())
    return order


class Tagged:
    """The tagged corpus: ``articles``, the ``lexicons`` used, and one
    DataFrame per table as an attribute (``tagged.mentions``);
    ``timings``: seconds spent per layer (and on the views) by :func:`tag`.
    With a ``salient_names`` table, ``mentions`` has its bare names resolved
    (:mod:`analysis.layers.salience`)."""

    def __init__(self, articles: pd.DataFrame, tables: dict[str, pd.DataFrame], lexicons: LexiconSet,
                 timings: dict[str, float] | None = None):
        self.articles, self.tables, self.lexicons = articles, dict(tables), lexicons
        self.timings = timings or {}
        if "mentions" in self.tables and "salient_names" in self.tables:  # a bare كيم: the corpus's Kim
            from .layers.salience import with_salient_names
            self.tables["mentions"] = with_salient_names(self.tables["mentions"], self.tables["salient_names"], lexicons)

    def __getattr__(self, name: str) -> pd.DataFrame:
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name]
        if name in producers():
            raise AttributeError(f"table '{name}' was not tagged: tag(articles, layers=[..., '{name}'])")
        raise AttributeError(name)

    def __repr__(self) -> str:
        sizes = ", ".join(f"{name} {len(table)}" for name, table in self.tables.items())
        return f"Tagged({len(self.articles)} articles: {sizes})"

    def select(self, articles: pd.DataFrame) -> Tagged:
        """The tables restricted to ``articles`` (a selection of ``self.articles``)."""
        keep = set(articles.index)
        tables = {}
        for name, table in self.tables.items():
            rows = table["article_id"].isin(keep)
            if "other_article_id" in table:  # pairs of articles: both in the selection
                rows &= table["other_article_id"].isin(keep)
            tables[name] = table if rows.all() else table[rows].reset_index(drop=True)  # (no copy of a whole table)
        return Tagged(articles, tables, self.lexicons)

    def save(self, folder: Path | str) -> Path:
        """Write the store (see :mod:`analysis.store`); returns the folder."""
        from .store import save_store
        return save_store(self, folder)

    @classmethod
    def open(cls, folder: Path | str, corpus: Path | str | None = None, manifest: Path | str | None = None,
             lexicons: Path | str | LexiconSet | None = None, tables: list[str] | None = None,
             outlets: list[str] | None = None, months: list[str] | None = None) -> Tagged:
        """Read a store (only ``tables``, and the articles of ``outlets`` and
        ``months`` (``YYYY-MM``, ``undated``), when given); refuse it
        (StoreError) when it was tagged from another ``corpus`` or with
        other ``lexicons`` ("" = the bundled ones) than those given."""
        from .store import open_store
        return open_store(folder, corpus=corpus, manifest=manifest, lexicons=lexicons, tables=tables,
                          outlets=outlets, months=months)


def _published(articles: pd.DataFrame) -> list[date | None]:
    if "published" not in articles:
        return [None] * len(articles)
    return [None if pd.isna(p) else pd.Timestamp(p).date() for p in articles["published"]]


def table_frame(spec: Layer, table: str, rows: list, article_ids: list, sentence_ids: list) -> pd.DataFrame:
    """Rows of one table -> its DataFrame with keys, column order and dtypes."""
    fields = list(spec.assigns[table]._fields)
    frame = pd.DataFrame(rows, columns=fields) if rows else pd.DataFrame({f: pd.Series(dtype=object) for f in fields})
    frame.insert(0, "article_id", pd.array(article_ids, dtype="string"))
    if "sentence_id" in spec.columns(table) and "sentence_id" not in fields:
        frame.insert(1, "sentence_id", np.asarray(sentence_ids, dtype=np.int64))
    annotations = {name: ANNOTATED.get(getattr(kind, "__forward_arg__", getattr(kind, "__name__", str(kind))))
                   for name, kind in spec.assigns[table].__annotations__.items()}
    dtypes = ({c: t for c, t in annotations.items() if t} | {c: t for c, t in KEY_DTYPES.items() if c in frame}
              | spec.dtypes.get(table, {}))
    return frame.astype(dtypes)[spec.columns(table)]


def tag_articles(articles: pd.DataFrame, per_article: list[Layer],
                  lexicons: LexiconSet) -> tuple[dict[str, pd.DataFrame], dict[str, float]]:
    """The article layers over ``articles``, one view per article: their
    tables and the seconds spent per layer."""
    from .view import article_view
    collected = {table: ([], [], []) for spec in per_article for table in spec.assigns}
    keyed = {table for spec in per_article for table in spec.assigns
             if "sentence_id" in spec.columns(table) and "sentence_id" not in spec.assigns[table]._fields}
    timings = dict.fromkeys(["view", *(spec.name for spec in per_article)], 0.0)
    titles = articles["title"].tolist() if "title" in articles else [None] * len(articles)
    for article_id, text, title, published in zip(articles.index.tolist(), articles["text"].tolist(), titles,
                                                  _published(articles)):
        began = time.perf_counter()
        view = article_view(article_id, text, title, published, lexicons)
        timings["view"] += time.perf_counter() - began
        found: dict[str, list] = {}
        for spec in per_article:
            began = time.perf_counter()
            found.update(spec.function(view, lexicons, found))
            timings[spec.name] += time.perf_counter() - began
        for table, rows in found.items():
            all_rows, ids, sentence_ids = collected[table]
            all_rows += rows
            ids += [article_id] * len(rows)
            if rows and table in keyed:
                sentence_ids += view.sentence_ids([r.start for r in rows]).tolist()
    producer = producers()
    return {table: table_frame(producer[table], table, *parts) for table, parts in collected.items()}, timings


def _in_parts(articles: pd.DataFrame, per_article: list[Layer], lexicons: LexiconSet,
              jobs: int) -> tuple[dict[str, pd.DataFrame], dict[str, float]]:
    """:func:`tag_articles` over ``jobs`` processes, each on a slice of
    the articles; the tables are put back together in article order."""
    from .engines import map_partitions
    plain = articles[[c for c in ("text", "title", "published") if c in articles]].copy()
    plain.attrs = {}  # the load report stays here: never copied into the workers
    bounds = np.linspace(0, len(plain), jobs * 4 + 1).astype(int)
    calls = [(plain.iloc[a:b], per_article, lexicons) for a, b in zip(bounds, bounds[1:]) if b > a]
    done = map_partitions(tag_articles, calls, "pandas", jobs)
    tables = {name: pd.concat([found[name] for found, _ in done], ignore_index=True) for name in done[0][0]}
    timings = {name: sum(t[name] for _, t in done) for name in done[0][1]}
    return tables, timings


def tag(articles: pd.DataFrame, layers: list[str] | tuple[str, ...] | None = None,
        lexicons: Path | str | LexiconSet | None = None, jobs: int = 1) -> Tagged:
    """Tag ``articles`` (the output of ``load_corpus``: ``text``, and
    ``title``/``published`` when known) with the ``layers`` named (layer or
    table names, their requirements too; all layers when None), reading the
    lexicon folder ``lexicons`` (files it lacks: the bundled ones).
    ``jobs`` > 1 runs the article layers in that many processes (the same
    rows in the same order: no layer keeps state between articles)."""
    lexicons = lexicon_set(lexicons)
    chosen = plan(layers)
    per_article = [spec for spec in chosen if spec.scope == "article"]
    if jobs > 1 and len(articles) > jobs:
        tables, timings = _in_parts(articles, per_article, lexicons, jobs)
    else:
        tables, timings = tag_articles(articles, per_article, lexicons)
    for spec in chosen:
        if spec.scope == "corpus":
            began = time.perf_counter()
            tables.update(spec.function(tables, lexicons))
            timings[spec.name] = time.perf_counter() - began
    return Tagged(articles, tables, lexicons, timings)
