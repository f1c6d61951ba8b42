"""Ids and English names -> what a reader sees, in Arabic or English.

``Labels(language, lexicons)`` maps a key (a frame, event type, naming
concept or variant, group, quote kind or outlet from ``data/labels.tsv``;
an actor's ``name_en`` from the actor lexicon) to its label: ``"ar"`` the
Arabic label (an actor's first Arabic name), ``"en"`` the English one. A key
without a label is shown as it is; a label longer than 80 characters is
shortened to its start and end (a figure stays the size of its data). ``labels.frame(table, columns)`` relabels
a DataFrame's index, column names and the given columns' values.
"""
from __future__ import annotations

import pandas as pd

from .datafiles import non_empty, read_table
from .errors import SelectionError
from .lexicon import actor_lexicon
from .lexicons import lexicon_set

LANGUAGES = ("ar", "en")
MAX_LABEL = 80  # characters: a name from data can be any length; figures and headers cannot


def read_labels(path) -> pd.DataFrame:
    """``key, en, ar`` of a label file."""
    return read_table(path, ["key", "en", "ar"], {"key": non_empty, "en": non_empty, "ar": non_empty})


class Labels:
    """Key -> label in one language; see the module docstring."""

    def __init__(self, language: str = "ar", lexicons=None):
        if language not in LANGUAGES:
            raise SelectionError("labels language", [language], LANGUAGES)
        lexicons = lexicon_set(lexicons)
        table = lexicons.parsed(read_labels, "labels.tsv")
        actors = actor_lexicon(lexicons).actors
        names = pd.DataFrame({"key": actors["name_en"], "en": actors["name_en"],
                              "ar": actors["names_ar"].map(lambda forms: forms[0] if forms else None)})
        both = pd.concat([names.dropna(), table[["key", "en", "ar"]]])
        self.language = language
        self.mapping = dict(zip(both["key"], both[language]))

    def __call__(self, key):
        """The label of ``key`` (``key`` itself when it has none), at most
        ``MAX_LABEL`` characters: a longer one keeps its start and end."""
        if not isinstance(key, str):
            return key
        text = self.mapping.get(key, key)
        return text if len(text) <= MAX_LABEL else f"{text[:MAX_LABEL - 21]}…{text[-20:]}"

    def frame(self, table: pd.DataFrame, columns=()) -> pd.DataFrame:
        """``table`` with its index, column names and ``columns``' values relabelled."""
        relabelled = table.rename(columns=self)
        if not isinstance(table.index, pd.RangeIndex):
            relabelled = relabelled.rename(index=self)
        for column in columns:
            relabelled[self(column)] = relabelled[self(column)].map(self)
        return relabelled
