"""Sentences + timexes + mentions -> events: a sentence with a resolved date
and an event cue (``data/event_cues.tsv``).

``read_event_cues(path)`` validates the cue file; ``events(articles,
sentences, timexes, mentions)`` is the ``tagged.events`` layer, one row per
sentence and event type: ``article_id, sentence_id, start, end`` (the
sentence), ``value, date_start, date_end, granularity`` (the date nearest
the cue; a list of days "18 و19 يونيو" gives its whole range), ``event_type,
actor_ids`` (a tuple of the actors named in the sentence), ``text`` (the
sentence), and ``cue, timex`` (the words behind the type and the date).
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .datafiles import file_version, non_empty, one_of, read_table
from .cues import bounded, cue_pattern
from .normalization import matching_view

EVENT_TYPES = ("visit_summit", "agreement_treaty", "arms_transfer", "troop_deployment", "sanctions_un",
               "trade_transport", "statement_accusation", "military_exercise", "nuclear_missile_test")
EVENT_COLUMNS = ["article_id", "sentence_id", "start", "end", "value", "date_start", "date_end", "granularity",
                 "event_type", "actor_ids", "text", "cue", "timex"]
DATED = ("explicit", "relative")
AFTER_CUE = 100  # characters: a date this close after the cue is its date
LIST_JOINER = re.compile(r"\s*(?:و|،|-|–|الى|إلى|حتى)?\s*")


@lru_cache(maxsize=8)
def _read(path: str, mtime: float) -> dict[str, re.Pattern]:
    table = read_table(path, ["event_type", "cue"], {"event_type": one_of(*EVENT_TYPES), "cue": non_empty})
    patterns = {}
    for event_type, group in table.groupby("event_type", sort=False):
        alternatives = sorted({cue_pattern(c) for c in group["cue"]}, key=len, reverse=True)
        patterns[event_type] = re.compile(bounded("|".join(alternatives)))
    return patterns


def read_event_cues(path: Path | str | None = None) -> dict[str, re.Pattern]:
    """Event type -> compiled cue regex (over normalized text), from the cue
    file (bundled by default); raises DataFileError "file:line: problem"."""
    return _read(*file_version(path, "event_cues.tsv"))


def _cues(text: str, cues: dict[str, re.Pattern]) -> list[tuple[str, int, int]]:
    """``(event_type, start, end)`` of the first cue of each type in ``text``
    (original offsets)."""
    normalized, offsets = matching_view(text)
    found = []
    for event_type, regex in cues.items():
        m = regex.search(normalized)
        if m:
            found.append((event_type, int(offsets[m.start()]), int(offsets[m.end() - 1]) + 1))
    return found


def _date_runs(dates: list, text: str) -> list[list]:
    """Dates of one sentence (timex rows in text order) grouped into runs:
    "18 و19 يونيو" is one run."""
    runs = [[dates[0]]]
    for previous, current in zip(dates, dates[1:]):
        if LIST_JOINER.fullmatch(text[previous.end:current.start]) and current.granularity == previous.granularity:
            runs[-1].append(current)
        else:
            runs.append([current])
    return runs


def _distance(run: list, cue_at: int) -> tuple[int, int]:
    """Sort key of a date run for a cue: a date soon after the cue first
    (Arabic puts it after the verb: التقى بوتين عام 2019), then the nearest."""
    start, end = run[0].start, run[-1].end
    after = 0 <= start - cue_at <= AFTER_CUE
    return (0 if after else 1, start - cue_at if after else min(abs(start - cue_at), abs(end - cue_at)))


def events(articles: pd.DataFrame, sentence_table: pd.DataFrame, timex_table: pd.DataFrame,
           mention_table: pd.DataFrame, event_cues: Path | str | None = None) -> pd.DataFrame:
    """The ``tagged.events`` layer (columns: module doc)."""
    cues = read_event_cues(event_cues)
    dated = timex_table[timex_table["type"].isin(["DATE", "TIME"]) & timex_table["resolved"].isin(DATED)
                        & timex_table["date_start"].notna()].sort_values(["article_id", "start"])
    named = mention_table[mention_table["actor_id"].fillna("") != ""]
    actors = named.groupby(["article_id", "sentence_id"])["actor_id"].agg(lambda ids: tuple(sorted(set(ids)))).to_dict()
    sentences = {(r.article_id, r.sentence_id): r for r in sentence_table.itertuples(index=False)}
    by_sentence: dict[tuple, list] = {}
    for row in dated.itertuples(index=False):
        by_sentence.setdefault((row.article_id, row.sentence_id), []).append(row)
    texts = articles["text"].to_dict()
    rows = []
    for key, dates in by_sentence.items():
        sentence, text = sentences[key], texts[key[0]]
        found = _cues(sentence.text, cues)
        runs = _date_runs(dates, text) if found else []
        for event_type, cue_start, cue_end in found:
            run = min(runs, key=lambda r: _distance(r, sentence.start + cue_start))
            first, last = run[0], run[-1]
            rows.append({"article_id": key[0], "sentence_id": int(key[1]), "start": int(sentence.start),
                         "end": int(sentence.end),
                         "value": first.value if len(run) == 1 else f"{first.value}/{last.value}",
                         "date_start": first.date_start, "date_end": max(r.date_end for r in run),
                         "granularity": first.granularity, "event_type": event_type,
                         "actor_ids": actors.get(key, ()), "text": sentence.text,
                         "cue": sentence.text[cue_start:cue_end], "timex": text[first.start:last.end]})
    table = pd.DataFrame(rows, columns=EVENT_COLUMNS)
    for column in ("date_start", "date_end"):
        table[column] = pd.to_datetime(table[column]).astype("datetime64[ns]")
    return table.sort_values(["article_id", "start", "event_type"], ignore_index=True)
