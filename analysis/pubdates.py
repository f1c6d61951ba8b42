"""Article text without a publication date -> the date the text itself gives,
with the evidence.

``infer_published(text)`` returns an :class:`Inference`: ``date`` (or None),
its ``precision`` (day, month or year: a month- or year-precise date is the
first day of that month or year) and ``evidence``, a sentence for the load
report. Rules, first that applies:

1. an anniversary of an explicit date that falls "today": ``الذكرى الأولى``
   of 19 June 2024 -> 2025-06-19 (checked against اليوم + weekday if given);
2. ``اليوم`` followed by an explicit day (اليوم، 19 يونيو 2024);
3. ``اليوم`` + weekday (اليوم الثلاثاء) and the latest explicit day in the
   text: the day with that weekday in the week around it;
4. a relative year or month written next to the explicit one (العام الجاري
   2024 -> 2024; العام الماضي 2023 -> 2024; الشهر الجاري، يونيو 2024 ->
   2024-06): year or month precision;
5. bounds: the latest explicit date the text tells as past (published no
   earlier) and the earliest it tells as coming (a future cue or المقبل
   before it in its clause: published before it); when both fall in one
   month, that month, else in one year, that year.
Otherwise no date: the evidence then says what bounds it (the latest
explicit date). A year is never guessed.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from .layers.timexes import Timex, find_timexes, resolve
from .lexicons import LexiconSet, lexicon_set
from .normalization import matching_view
from .timex_patterns import DIGIT, Patterns, time_patterns

WEEKDAYS = ("الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد")


@dataclass(frozen=True)
class Inference:
    date: date | None
    evidence: str
    precision: str | None = "day"  # day, month or year (None without a date)


ADJACENT = 4  # characters at most between a relative year or month and the explicit one
FUTURE_NEAR = 60  # characters before an explicit date searched for a future cue (its clause)


def _anniversary_years(p: Patterns) -> dict[str, int]:
    """Feminine ordinals after الذكرى: الاولي -> 1, الثانيه -> 2 ..."""
    ordinals = p.values.get("ordinal", {})
    return {("الاولي" if form == "الاول" else form + "ه"): int(value) for form, value in ordinals.items()}


def _anniversary(text: str, normalized: str, offsets, days: list[tuple[Timex, date]], today: Timex | None,
                 p: Patterns) -> Inference | None:
    years = _anniversary_years(p)
    for cue in p.values.get("anniversary", {}):
        for m in re.finditer(rf"{cue}\s+(?:ال)?(\w+)", normalized):
            word = m.group(1)
            count = int(word) if re.fullmatch(rf"{DIGIT}+", word) else years.get(word) or years.get("ال" + word)
            start = int(offsets[m.start()])
            later = [(t, d) for t, d in days if start < t.start < start + 300]
            if not count or not later:
                continue
            t, d = later[0]
            try:
                published = d.replace(year=d.year + count)
            except ValueError:  # 29 February
                published = d.replace(year=d.year + count, day=28)
            if today is not None and today.weekday is not None and today.weekday != published.weekday():
                continue
            check = f", a {WEEKDAYS[published.weekday()]} as '{text[today.start:today.end]}' says" if today else ""
            return Inference(published, f"anniversary '{text[start:int(offsets[m.end()])]}' of "
                                        f"'{text[t.start:t.end]}' ({d}) -> {published}{check}")
    return None


def infer_published(text: str, lexicons: LexiconSet | None = None) -> Inference:
    """The publication date ``text`` states or implies (see module doc),
    with the time words of ``lexicons`` (the bundled set by default)."""
    p = time_patterns(lexicon_set(lexicons))
    normalized, offsets = matching_view(text)
    found = find_timexes(text, normalized, offsets, p)
    resolved = [(t, resolve(t, None)) for t in found]
    days = [(t, r.date_start) for t, r in resolved
            if r.resolved == "explicit" and r.granularity == "day" and r.date_start is not None]
    todays = [t for t in found if t.rule == "relative_day" and t.day_shift == 0]
    today = next((t for t in todays if t.weekday is not None), None)
    inference = _anniversary(text, normalized, offsets, days, today, p)
    if inference:
        return inference
    starts = [u.start for u, _ in days]  # in text order
    for t in todays:
        at = bisect_left(starts, t.end)
        if at < len(days) and days[at][0].start - t.end <= 3:  # a day right after اليوم
            u, d = days[at]
            return Inference(d, f"'{text[t.start:u.end]}' -> {d}")
    if today is not None and days:
        t, latest = max(days, key=lambda pair: pair[1])
        published = latest + timedelta(days=(today.weekday - latest.weekday() + 3) % 7 - 3)
        return Inference(published, f"'{text[today.start:today.end]}' in the week of the latest explicit date "
                                    f"'{text[t.start:t.end]}' ({latest}) -> {published}")
    dated = [(t, r) for t, r in resolved if r.resolved == "explicit" and r.date_start is not None]
    inference = _named_period(text, normalized, offsets, found, dated, p) or _bounded(text, normalized, offsets, dated, p)
    if inference:
        return inference
    if not dated:
        return Inference(None, "not inferred: the text gives no explicit date", None)
    t, r = max(dated, key=lambda pair: pair[1].date_end)
    return Inference(None, f"not inferred (no anniversary or 'today' tied to an explicit day); the latest explicit "
                           f"date is '{text[t.start:t.end]}' ({r.value}), so it was published no earlier than that",
                     None)


NARRATIVE = ("السابق", "السابقه")  # العام السابق: the year before a year of the story, not before publication
RELATIVE_YEAR = re.compile(rf"(?<!\w)(?:ال)?(?:عام|سنه)\s+(?P<direction>\w+)\s*[،(]?\s*(?P<year>{DIGIT}{{4}})(?!{DIGIT})")


def _named_period(text: str, normalized: str, offsets, found: list[Timex], dated: list,
                  p: Patterns) -> Inference | None:
    """Rule 4: العام الجاري 2024، العام الماضي (2023)، الشهر الجاري، يونيو 2024."""
    for m in RELATIVE_YEAR.finditer(normalized):
        shift = p.value("direction", m.group("direction"))
        if shift is not None and m.group("direction") not in NARRATIVE:
            published = date(int("".join(str(int(c)) for c in m.group("year"))) - int(shift), 1, 1)
            return Inference(published, f"'{text[int(offsets[m.start()]):int(offsets[m.end()])]}' -> "
                                        f"{published:%Y} (year)", "year")
    months = [(t, r) for t, r in dated if r.granularity == "month"]
    for t in found:
        if t.month_shift is None or t.rule != "calendar_unit":
            continue
        near = [(u, r) for u, r in months if 0 <= u.start - t.end <= ADJACENT or 0 <= t.start - u.end <= ADJACENT]
        if near:
            u, r = near[0]
            index = r.date_start.year * 12 + r.date_start.month - 1 - t.month_shift
            published = date(index // 12, index % 12 + 1, 1)
            return Inference(published, f"'{text[min(t.start, u.start):max(t.end, u.end)]}' -> {published:%Y-%m} "
                                        f"(month)", "month")
    return None


def _bounded(text: str, normalized: str, offsets, dated: list, p: Patterns) -> Inference | None:
    """Rule 5: the latest past explicit date and the earliest coming one in
    one month or one year."""
    cues = p.values.get("future_cue", {})

    def coming(t: Timex) -> bool:
        at, end = np.searchsorted(offsets, [t.start, t.end]).tolist()  # text -> normalized offsets
        clause = re.split(r"[.،؛!؟]", normalized[max(0, at - FUTURE_NEAR):at])[-1]
        after = normalized[end:end + 12]
        return any(w in cues or w[1:] in cues for w in clause.split()) or re.match(r"\s+(?:ال)?مقبل", after) is not None

    past = [(t, r) for t, r in dated if not coming(t)]
    future = [(t, r) for t, r in dated if coming(t)]
    if not past or not future:
        return None
    t, low = max(past, key=lambda pair: pair[1].date_start)
    u, high = min(future, key=lambda pair: pair[1].date_start)
    first, last = low.date_start, high.date_start
    if last < first:
        return None
    bounds = f"after '{text[t.start:t.end]}' ({low.value}) and before '{text[u.start:u.end]}' ({high.value})"
    if (first.year, first.month) == (last.year, last.month):
        return Inference(date(first.year, first.month, 1), f"{bounds} -> {first:%Y-%m} (month)", "month")
    if first.year == last.year:
        return Inference(date(first.year, 1, 1), f"{bounds} -> {first:%Y} (year)", "year")
    return None
