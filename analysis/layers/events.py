"""View + timexes + mentions -> ``events``: a sentence with a resolved date
and an event cue (``data/event_cues.tsv``).

``read_event_cues(path)`` validates the cue file; the ``events`` layer
gives one row per sentence and date: ``article_id, sentence_id, start,
end`` (the sentence), ``value, date_start, date_end, granularity`` (a list
of days "18 و19 يونيو" gives its whole range), ``event_type, actor_ids`` (a
tuple of the actors named in the sentence), ``text`` (the sentence), and
``cue, timex`` (the words behind the type and the date). Each cue takes the
date nearest it (:func:`_distance`); of the cues that take the same date,
the nearest gives the type, so a sentence that names one date is one event
("قال ... إن بوتين سيزور ... لتوقيع معاهدة" is a visit, not also a
statement and a treaty), and one that names two dates for two actions is
two. A date that only bounds another ("منذ عام 2020", "لأول مرة منذ")
dates no event, nor does a date in a relative clause about another noun
than the cue's ("... مناورات في إطار السياسة التي أطلقتها في الخمسينيات").
"""
from __future__ import annotations

import re
from datetime import date
from typing import NamedTuple

from ..cues import bounded, cue_pattern, valid_cue
from ..datafiles import one_of, read_table
from ..pipeline import layer

EVENT_TYPES = ("visit_summit", "agreement_treaty", "arms_transfer", "troop_deployment", "sanctions_un",
               "trade_transport", "statement_accusation", "military_exercise", "nuclear_missile_test")


class Event(NamedTuple):
    start: int
    end: int
    value: str
    date_start: date
    date_end: date
    granularity: str
    event_type: str
    actor_ids: tuple[str, ...]
    text: str
    cue: str
    timex: str


DATED = ("explicit", "relative")
AFTER_CUE = 100  # characters: a date this close after the cue is its date
LIST_JOINER = re.compile(r"\s*(?:و|،|-|–|الى|إلى|حتى)?\s*")
SINCE = re.compile(r"(?<!\w)[وف]?منذ\s*$")  # right before a date: it bounds another event
RELATIVE = re.compile(r"(?<!\w)و?(?:التي|الذي|الذين|اللذين|اللتين|اللواتي|اللاتي)(?!\w)")
CLAUSE = re.compile(r"[،,؛;:]")
OWN_CLAUSE = 2  # words: a relative pronoun this close after the cue describes the cue's noun
ERAS = ("decade", "century")


def read_event_cues(path) -> dict[str, re.Pattern]:
    """Event type -> compiled cue regex (over normalized text), from a cue
    file; raises DataFileError "file:line: problem"."""
    table = read_table(path, ["event_type", "cue"], {"event_type": one_of(*EVENT_TYPES), "cue": valid_cue})
    patterns = {}
    for event_type, group in table.groupby("event_type", sort=False):
        alternatives = sorted({cue_pattern(c) for c in group["cue"]}, key=lambda b: (-len(b), b))
        patterns[event_type] = re.compile(bounded("|".join(alternatives)))
    return patterns


def _cues(view, start: int, end: int, cues: dict[str, re.Pattern]) -> list[tuple[str, int, int]]:
    """``(event_type, start, end)`` of the first cue of each type in the
    sentence ``text[start:end]`` (text offsets)."""
    first, last = view.to_normalized([start, end])
    found = []
    for event_type, regex in cues.items():
        m = regex.search(view.normalized, first, last)
        if m:
            found.append((event_type, *view.span(m.start(), m.end())))
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


def _background(text: str, sentence_start: int, cue_start: int, cue_end: int, run: list) -> bool:
    """Whether the date ``run`` lies in a relative clause about another noun
    than the cue's. After the cue: behind a relative pronoun more than
    OWN_CLAUSE words after it, with a clause break before the pronoun or a
    date coarser than a year (an era: "السياسة التي أطلقتها في
    الخمسينيات"; "الاتفاقية ... الذي تم في 19 يونيو" still dates the
    signing). Before the cue: behind a relative pronoun in its clause, with
    a clause break between it and the cue."""
    first, last = run[0].start, run[-1].end
    if first >= cue_end:
        pronoun = RELATIVE.search(text, cue_end, first)
        return (pronoun is not None and len(text[cue_end:pronoun.start()].split()) > OWN_CLAUSE
                and (CLAUSE.search(text, cue_end, pronoun.start()) is not None or run[0].granularity in ERAS))
    breaks = [m.end() for m in CLAUSE.finditer(text, sentence_start, first)]
    clause = breaks[-1] if breaks else sentence_start
    return RELATIVE.search(text, clause, first) is not None and CLAUSE.search(text, last, cue_start) is not None


@layer("events", assigns={"events": Event}, requires=("timexes", "mentions"))
def events(view, lexicons, found) -> dict[str, list]:
    """The events of one article (see module doc)."""
    cues = lexicons.parsed(read_event_cues, "event_cues.tsv")
    dated = sorted((t for t in found["timexes"] if t.type in ("DATE", "TIME") and t.resolved in DATED
                    and t.date_start is not None), key=lambda t: t.start)
    if not dated:
        return {"events": []}
    named = [m for m in found["mentions"] if m.actor_id]
    actors: dict[int, set] = {}
    for m, sentence in zip(named, view.sentence_ids([m.start for m in named])):
        actors.setdefault(int(sentence), set()).add(m.actor_id)
    by_sentence: dict[int, list] = {}
    for t, sentence in zip(dated, view.sentence_ids([t.start for t in dated])):
        by_sentence.setdefault(int(sentence), []).append(t)
    text, rows = view.text, []
    for sentence, dates in by_sentence.items():
        start, end, _ = view.sentences[sentence]
        cues_found = _cues(view, start, end, cues)
        runs = [run for run in (_date_runs(dates, text) if cues_found else [])
                if not SINCE.search(text, start, run[0].start)]
        chosen: dict[int, tuple] = {}  # date run -> (distance, event type, cue) of the nearest cue
        for event_type, cue_start, cue_end in cues_found:
            linked = [(_distance(run, cue_start), i) for i, run in enumerate(runs)
                      if not _background(text, start, cue_start, cue_end, run)]
            if linked:
                distance, i = min(linked)
                if i not in chosen or distance < chosen[i][0]:
                    chosen[i] = (distance, event_type, cue_start, cue_end)
        for i, (_, event_type, cue_start, cue_end) in chosen.items():
            run = runs[i]
            first, last = run[0], run[-1]
            rows.append(Event(start, end, first.value if len(run) == 1 else f"{first.value}/{last.value}",
                              first.date_start, max(r.date_end for r in run), first.granularity, event_type,
                              tuple(sorted(actors.get(sentence, ()))), text[start:end], text[cue_start:cue_end],
                              text[first.start:last.end]))
    return {"events": sorted(rows, key=lambda e: (e.start, e.event_type))}
