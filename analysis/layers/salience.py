"""Mentions, candidates -> ``salient_names``: a bare surname with nobody of
that name in its article (a mention of kind ``unresolved``: كيم, and no
actor it can name nor a new name holding it anywhere in the article) taken
by the corpus's most salient bearer of that name. A corpus layer: the
bearer is the actor the short form can name (``short_ar`` of the actor
lexicon) with the most resolved mentions in the whole corpus, at least
``LEAD`` times as many as the next one (else the mention stays unresolved).

``salient_names``: ``article_id, sentence_id, start, end, surface,
actor_id, bearer_mentions, runner_up, runner_up_mentions``, one row per
mention so resolved. :class:`~analysis.pipeline.Tagged` applies them to
its ``mentions`` (:func:`with_salient_names`): such a mention gets the
bearer's actor fields, kind ``name`` and match ``salient``.
"""
from __future__ import annotations

from collections import defaultdict
from typing import NamedTuple

import numpy as np
import pandas as pd

from ..lexicon import actor_lexicon, key_of, words
from ..pipeline import layer
from ..words import bare_forms

LEAD = 2.0  # the bearer has at least this many times the mentions of the next candidate


class SalientName(NamedTuple):
    sentence_id: int
    start: int
    end: int
    surface: str
    actor_id: str
    bearer_mentions: int
    runner_up: str | None
    runner_up_mentions: int


def _bearers(lexicons) -> dict[str, tuple[str, ...]]:
    """Short form key -> the actors it can name."""
    forms = actor_lexicon(lexicons).forms
    found: dict[str, set] = defaultdict(set)
    for key, actor in zip(forms.loc[forms["kind"] == "short", "key"], forms.loc[forms["kind"] == "short", "actor_id"]):
        found[key].add(actor)
    return {key: tuple(sorted(actors)) for key, actors in found.items()}


def _candidates(surface: str, bearers: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    tokens = words(surface)
    for _, bare in bare_forms(tokens[0]) if tokens else ():
        found = bearers.get(key_of([bare, *tokens[1:]]))
        if found:
            return found
    return ()


@layer("salience", assigns={"salient_names": SalientName}, requires=("mentions", "candidates"), scope="corpus")
def salience(tables: dict, lexicons, state=None) -> dict[str, pd.DataFrame]:
    """The corpus's bearer of each unresolved bare name (see module doc)."""
    mentions, people = tables["mentions"], tables["candidates"]
    columns = ["article_id", *SalientName._fields]
    unresolved = mentions[mentions["kind"] == "unresolved"]
    named = mentions[mentions["kind"] == "name"]
    counts = named["actor_id"].value_counts()
    in_article = set(zip(named["article_id"], named["actor_id"]))
    new_names = {(a, w) for a, surface in zip(people["article_id"], people["surface"]) for w in words(surface)}
    bearers = _bearers(lexicons)
    rows = []
    for row in unresolved.itertuples():
        options = _candidates(row.surface, bearers)
        if any((row.article_id, actor) in in_article for actor in options) \
                or any((row.article_id, w) in new_names for w in words(row.surface)):
            continue  # somebody of that name is in the article: the article decides, not the corpus
        ranked = sorted(((int(counts.get(actor, 0)), actor) for actor in options), key=lambda c: (-c[0], c[1]))
        if not ranked or ranked[0][0] == 0:
            continue
        runner = ranked[1] if len(ranked) > 1 else (0, None)
        if ranked[0][0] >= LEAD * runner[0]:
            rows.append((row.article_id, row.sentence_id, row.start, row.end, row.surface, ranked[0][1], ranked[0][0],
                         runner[1], runner[0]))
    table = pd.DataFrame(sorted(rows, key=lambda r: (r[0], r[2])), columns=columns)  # the same in every part order
    return {"salient_names": table.astype({"article_id": "string", "sentence_id": "int64", "start": "int64",
                                           "end": "int64", "surface": "str", "actor_id": "str",
                                           "bearer_mentions": "int64", "runner_up": "str",
                                           "runner_up_mentions": "int64"})}


def with_salient_names(mentions: pd.DataFrame, salient: pd.DataFrame, lexicons) -> pd.DataFrame:
    """``mentions`` with each mention of ``salient`` given its bearer (actor
    fields from the lexicon, kind ``name``, match ``salient``); the same
    table when there are none."""
    unresolved = np.flatnonzero((mentions["kind"] == "unresolved").to_numpy())  # only these can change (few)
    if salient.empty or not len(unresolved):
        return mentions
    info = actor_lexicon(lexicons).info
    key = ["article_id", "start"]
    chosen = mentions.iloc[unresolved][key].merge(salient[[*key, "actor_id"]], on=key, how="left")["actor_id"]
    hit = np.zeros(len(mentions), dtype=bool)
    hit[unresolved] = chosen.notna().to_numpy()
    if not hit.any():
        return mentions
    chosen = chosen.dropna()
    out = mentions.copy()
    actors = chosen.tolist()
    out.loc[hit, "actor_id"] = actors
    for column, position in (("name_en", 0), ("wikidata", 1), ("actor_type", 2), ("group", 3)):
        out.loc[hit, column] = [info[a][position] for a in actors]
    out.loc[hit, "kind"] = "name"
    out.loc[hit, "match"] = "salient"
    return out
