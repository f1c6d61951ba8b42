"""Ids and English names -> what a reader sees, in Arabic or English.

``Labels(language, lexicons)`` maps a key (a frame, event type, naming
concept or variant, group, quote kind or outlet from ``data/labels.tsv``;
an actor's ``id`` or ``name_en`` from the actor lexicon) to its label: ``"ar"`` the
Arabic label (an actor's first Arabic name), ``"en"`` the English one. A key
without a label is shown as it is; a label longer than 80 characters is
shortened to its start and end (a figure stays the size of its data). ``labels.frame(table, columns)`` relabels
a DataFrame's index, column names and the given columns' values.
``labels.colors(keys, among)`` gives each key its colour in every figure:
the one ``labels.tsv`` fixes, else a palette colour that no key of ``among``
(all the keys of that kind, such as every outlet of the store) has fixed,
by the key's rank among the uncoloured ones: a selection does not change it.
"""
from __future__ import annotations

import re

import pandas as pd
from matplotlib import colormaps

from .datafiles import non_empty, read_table
from .errors import SelectionError
from .lexicon import actor_lexicon
from .lexicons import lexicon_set

LANGUAGES = ("ar", "en")
MAX_LABEL = 80  # characters: a name from data can be any length; figures and headers cannot
# tab20's ten strong colours, then its ten light ones
PALETTE = [f"#{''.join(f'{round(c * 255):02x}' for c in colormaps['tab20'](i)[:3])}" for i in [*range(0, 20, 2), *range(1, 20, 2)]]


def colour(value: str) -> str | None:
    return None if not value or re.fullmatch(r"#[0-9a-fA-F]{6}", value) else f"'{value}' is not a colour #rrggbb"


def read_labels(path) -> pd.DataFrame:
    """``key, en, ar, color`` of a label file (``color`` may be left out)."""
    return read_table(path, ["key", "en", "ar"], {"key": non_empty, "en": non_empty, "ar": non_empty, "color": colour},
                      optional=("color",))


class Labels:
    """Key -> label in one language; see the module docstring."""

    def __init__(self, language: str = "ar", lexicons=None):
        if language not in LANGUAGES:
            raise SelectionError("labels language", [language], LANGUAGES)
        lexicons = lexicon_set(lexicons)
        table = lexicons.parsed(read_labels, "labels.tsv")
        actors = actor_lexicon(lexicons).actors
        first_ar = actors["names_ar"].map(lambda forms: forms[0] if forms else None)
        names = pd.concat([pd.DataFrame({"key": actors[key], "en": actors["name_en"], "ar": first_ar})
                           for key in ("id", "name_en")])
        both = pd.concat([names.dropna(), table[["key", "en", "ar"]]])
        self.language = language
        self.mapping = dict(zip(both["key"], both[language]))
        self.fixed = {key: value.lower() for key, value in zip(table["key"], table["color"]) if value}

    def __call__(self, key):
        """The label of ``key`` (``key`` itself when it has none), at most
        ``MAX_LABEL`` characters: a longer one keeps its start and end."""
        if not isinstance(key, str):
            return key
        text = self.mapping.get(key, key)
        return text if len(text) <= MAX_LABEL else f"{text[:MAX_LABEL - 21]}…{text[-20:]}"

    def frame(self, table: pd.DataFrame, columns=()) -> pd.DataFrame:
        """``table`` with its index (values, unless they are article ids,
        and names), column names and ``columns``' values relabelled."""
        relabelled = table.rename(columns=self).rename_axis(index=[self(n) for n in table.index.names],
                                                            columns=[self(n) for n in table.columns.names])
        if not isinstance(table.index, pd.RangeIndex) and table.index.name != "article_id":  # (ids are never labels)
            relabelled = relabelled.rename(index=self)
        for column in columns:
            relabelled[self(column)] = relabelled[self(column)].map(self)
        return relabelled

    def colors(self, keys, among=()) -> dict:
        """Key -> colour (#rrggbb) for ``keys``; see the module docstring."""
        taken = {self.fixed[k] for k in [*among, *keys] if k in self.fixed}
        free = [c for c in PALETTE if c not in taken] or PALETTE
        others = sorted({str(k) for k in [*among, *keys] if k not in self.fixed})
        return {key: self.fixed.get(key) or free[others.index(str(key)) % len(free)] for key in keys}
