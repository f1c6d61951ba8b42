"""Articles -> temporal expressions (TIMEX3) with values resolved against
each article's publication date.

``find_timexes(text, normalized, offsets, patterns)`` returns the
:class:`Timex` parses of one text (no anchor needed); ``resolve(timex,
anchor)`` gives its TIMEX3 value; ``text_timexes(text, published,
lexicons)`` both for a text outside a corpus. The ``timexes`` layer:
``article_id, sentence_id, start, end, surface, type, value, mod,
granularity, date_start, date_end, resolved, calendar, rule``.

``type`` is DATE, TIME, DURATION or SET; ``value`` a TIMEX3 value
("2024-06-19", "2000-07", "2024-W24", "195X", "19", "P25Y", "PT3H",
"PXDE", "P1Y", "PRESENT_REF"); ``mod`` START / MID / END (مطلع، منتصف،
أواخر) or APPROX / LESS_THAN / MORE_THAN (نحو، أقل من، أكثر من);
``granularity`` day / week / month / year / decade / century (dates only);
``date_start``/``date_end`` the first and last day the value covers (a mod
narrows it to the first, middle or last third); ``resolved`` is
``explicit`` (the text gives the year), ``relative`` (the year or day comes
from the publication date), ``unresolved`` (relative, but the article has
no publication date: the value keeps X for what is unknown, "XXXX-06-19"),
``vague`` (PRESENT_REF ...) or ``invalid`` (no such day: 31 June).
Hijri dates are converted with ``hijridate`` (Umm al-Qura); their value
is Gregorian and ``calendar`` is ``hijri``.
"""
from __future__ import annotations

import bisect
import calendar as gregorian
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from itertools import islice
from typing import NamedTuple

import pandas as pd
from hijridate import Gregorian, Hijri

from ..cues import matches_at
from ..lexicons import lexicon_set
from ..normalization import matching_view
from ..pipeline import layer
from ..timex_patterns import DIGIT, RULES, Patterns, time_patterns
from ..words import text_ends, text_words


class TimexRow(NamedTuple):
    start: int
    end: int
    surface: str
    type: str
    value: str
    mod: str | None
    granularity: str | None
    date_start: date | None
    date_end: date | None
    resolved: str
    calendar: str
    rule: str

DAY_TOKEN = re.compile(rf"{DIGIT}{{1,2}}(?!{DIGIT})|[^\s،\-–]+(?:\s+و?\s*(?:عشر|العشرين|الثلاثين))?")
UNIT_SPLIT = {"CE": (100, "Y"), "DE": (10, "Y"), "Y": (12, "M"), "W": (7, "D"), "D": (24, "H"), "H": (60, "MIN")}
MOD_THIRD = {"START": 0, "MID": 1, "END": 2}
SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}  # winter: December to February
SENTENCE_END = re.compile(r"[.!؟?\n]")
PAST_MARKER = re.compile(r"(?<!\w)(?:و?كان\w*|قد|امس|الماضي\w*)(?!\w)")
ON_OR_BEFORE, ON_OR_AFTER = -2, 2  # a bare weekday, by the tense around it
FUTURE_WINDOW = 80  # characters before a bare weekday searched for a future cue (same clause)


@dataclass(frozen=True)
class Timex:
    """One temporal expression as the text states it (``start``/``end`` in
    the normalized text until :func:`find_timexes` maps them back)."""
    start: int
    end: int
    rule: str
    type: str = "DATE"
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    year_shift: int | None = None     # year relative to the anchor's (العام الماضي: -1)
    month_direction: int | None = None  # يوليو الماضي: -1; من الجاري: 0
    this_month: bool = False          # 19 من الجاري
    day_shift: int | None = None      # أمس: -1
    weekday_direction: int | None = None  # -1 before, 1 after, None: by tense
    week_shift: int | None = None
    month_shift: int | None = None
    decade: int | None = None
    century: int | None = None        # TIMEX3 century prefix: 19 for 1900-1999
    century_shift: int | None = None
    part_of_day: str | None = None
    mod: str | None = None
    calendar: str = "gregorian"
    literal: str | None = None        # durations, sets, references: the value itself
    eve: bool = False                 # عشية: the day before
    season: str | None = None         # SP SU FA WI
    hour: int | None = None           # a clock time (24 h) and its minutes
    minute: int = 0
    named_shift: int | None = None    # اليوم التالي: +1 from the date named last in the text
    named_month: bool = False         # الثامن والعشرين منه: a day of the month named last


def _int(text: str) -> int:
    return int("".join(str(int(ch)) for ch in text if ch.isdigit()))


def _ordinal(p: Patterns, text: str) -> int | None:
    """السادس -> 6, الحادي عشر -> 11, الثاني والعشرين -> 22, العشرين -> 20."""
    values = [p.value("ordinal", w) or p.value("ordinal_ten", w)
              for w in (w.removeprefix("و") if w.startswith("وال") else w for w in text.split())]
    return None if None in values else sum(int(v) for v in values)


def _days(p: Patterns, days: str) -> list[tuple[int, int, int]]:
    """``(offset, end, day)`` of each day in a list "18 و19", "السادس"."""
    found = []
    for m in DAY_TOKEN.finditer(days):
        token = m.group()
        if token.startswith("و") and token[1:2].isdigit():
            token = token[1:]
        value = _int(token) if token[:1].isdigit() else _ordinal(p, token)
        if value:
            found.append((m.end() - len(token), m.end(), value))
    return found


def _number(p: Patterns, text: str) -> float | None:
    """"25" / "تسعة" / "ثلاثة وعشرين" / "ربع" -> a number; None for بضع, عدة."""
    text = " ".join(text.split())
    if text[:1].isdigit():
        return float(_int(text.replace(",", ".").split(".")[0]))
    fraction = p.value("fraction", text)
    if fraction:
        return float(fraction)
    total = 0.0
    for part in re.split(r"\s+و\s*", text):
        value = p.value("number", part)
        if value is None or value == "X":
            return None
        total += int(value)
    return total


def _duration(count: float | None, unit: str) -> str:
    """TIMEX3 duration: (25, "Y") -> P25Y, (0.25, "CE") -> P25Y, (3, "H") ->
    PT3H, (1.5, "H") -> PT1H30M, (0.5, "Y") -> P6M, (1.5, "Y") -> P1.5Y,
    (3.5, "M") -> P3.5M (a fraction below one in the smaller unit, a whole
    and a fraction as a decimal, hours as hours and minutes)."""
    if count is not None and count != int(count):
        if unit == "H" and count > 1:
            hours, minutes = int(count), round((count - int(count)) * 60)
            return f"PT{hours}H{minutes}M"
        if unit in UNIT_SPLIT and (count < 1 or unit in ("CE", "DE")):
            factor, unit = UNIT_SPLIT[unit]
            count = round(count * factor)
    amount = "X" if count is None else f"{count:g}"
    if unit == "H":
        return f"PT{amount}H"
    if unit == "MIN":
        return f"PT{amount}M"
    return f"P{amount}{unit}"


def _clock(p: Patterns, base: Timex, g: dict) -> Timex:
    """الساعة الثالثة فجرا، 11:59 مساء -> a TIME with the hour on 24 hours."""
    hour = int(p.value("hour", g["hour"]) or 0) if not g["hour"][:1].isdigit() else _int(g["hour"])
    period = p.value("clock_period", g["period"]) if "period" in g else None
    if period == "PM" and hour < 12 or period == "NOON" and hour < 6 or period == "NIGHT" and 6 <= hour < 12:
        hour += 12
    elif period in ("AM", "NIGHT") and hour == 12:
        hour = 0
    part = g.get("part")
    minute = _int(g["minute"]) if "minute" in g else round(float(p.value("fraction", part.removeprefix("ال")) or 0) * 60) \
        if part else 0
    return replace(base, type="TIME", hour=hour % 24, minute=minute)


def _century(p: Patterns, text: str | None) -> tuple[int | None, int | None]:
    """القرن العشرين -> (19, None); القرن الماضي -> (None, -1)."""
    if not text:
        return None, None
    text = " ".join(text.split())
    named = {"الماضي": (None, -1), "الحالي": (None, 0), "العشرين": (19, None), "الحادي والعشرين": (20, None),
             "التاسع عشر": (18, None), "الثامن عشر": (17, None)}
    if text in named:
        return named[text]
    return _int(text) - 1, None


def _interpret(p: Patterns, rule: str, m: re.Match) -> list[Timex]:
    """A rule's match -> one or more :class:`Timex` (a list of days gives one each)."""
    g = {k: v for k, v in m.groupdict().items() if v is not None}
    start, end = m.span("body")
    mod = p.value("date_mod", g["mod"]) if "mod" in g else None
    dmod = p.value("duration_mod", g["dmod"]) if "dmod" in g else None
    pod = p.value("part_of_day", g["pod"]) if "pod" in g else None
    weekday = int(p.value("weekday", g["weekday"])) if "weekday" in g else None
    base = Timex(start, end, rule, mod=mod, part_of_day=pod, type="TIME" if pod else "DATE")
    if rule in ("date", "hijri_date", "day_of_month"):
        kind = "hijri_month" if rule == "hijri_date" else "month"
        month = None
        if "month" in g:
            month = int(p.value(kind, g["month"]) or p.value("month_context", g["month"]))
        fields = dict(month=month, weekday=weekday, calendar="hijri" if rule == "hijri_date" else "gregorian")
        fields.update(_year_fields(p, g))
        if rule == "day_of_month":
            fields.update(this_month=True, month_direction=int(p.value("direction", g["direction"])) if "direction" in g else 0)
        days = _days(p, g["days"])
        days_start = m.start("days")
        out = []
        for i, (offset, day_end, day) in enumerate(days):
            last = i == len(days) - 1
            s = start if i == 0 else days_start + offset
            e = end if last else days_start + day_end
            out.append(replace(base, start=s, end=e, day=day, **fields))
        return out
    if rule == "numeric_date":
        year, month, day = (g["year"], g["month"], g["day"]) if "year" in g else (g["iso_year"], g["iso_month"], g["iso_day"])
        return [replace(base, year=_int(year), month=_int(month), day=_int(day))]
    if rule == "hijri_month_year":
        return [replace(base, year=_int(g["year"]), month=int(p.value("hijri_month", g["month"])), calendar="hijri")]
    if rule in ("month_year", "month_bare", "month_pair"):
        month = int(p.value("month", g["month"]) or p.value("month_context", g["month"]))
        return [replace(base, month=month, **_year_fields(p, g))]
    if rule in ("year", "year_prep", "hijri_year"):
        return [replace(base, year=_int(g["year"]), calendar="hijri" if rule == "hijri_year" else "gregorian")]
    if rule == "year_range":
        first_end = m.end("year")
        return [replace(base, end=first_end, year=_int(g["year"])),
                replace(base, start=m.start("year2"), year=_int(g["year2"]))]
    if rule == "decade":
        century, shift = _century(p, g.get("century"))
        return [replace(base, decade=int(p.value("decade", g["decade"])), century=century, century_shift=shift)]
    if rule == "century":
        century, shift = _century(p, g["century"])
        return [replace(base, century=century, century_shift=shift)]
    if rule == "relative_day":
        return [replace(base, day_shift=int(p.value("relative_day", g["relative"])), weekday=weekday)]
    if rule == "weekday":
        # يومي الثلاثاء والأربعاء: the first resolves by tense, the next ones
        # as days after it (day_shift)
        direction = int(p.value("direction", g["direction"])) if "direction" in g else None
        names = [(m.start("weekday") + n.start(), int(p.value("weekday", n.group())))
                 for n in re.finditer(r"ال\w+", g["weekday"] + g.get("more", "")) if p.value("weekday", n.group())]
        out = []
        for i, (s, day) in enumerate(names):
            e = end if i == len(names) - 1 else s + len(m.string[s:names[i + 1][0]].rstrip(" ،و"))
            out.append(replace(base, start=start if i == 0 else s, end=e, weekday=day, weekday_direction=direction,
                               day_shift=None if i == 0 else (day - names[0][1]) % 7))
        return out
    if rule == "calendar_unit":
        unit = p.value("calendar_unit", g.get("unit") or g["this_unit"])
        shift = int(p.value("direction", g["direction"])) if "direction" in g else 0
        key = {"W": "week_shift", "M": "month_shift", "Y": "year_shift"}[unit]
        return [replace(base, **{key: shift})]
    if rule.startswith("duration"):
        unit_form = g.get("unit") or g.get("unit2")
        if rule == "duration":
            unit = p.value("unit", unit_form)
            count = _number(p, g["number"])
        elif rule == "duration_dual":
            unit, count = p.value("unit_dual", unit_form), 2
        elif rule.startswith("duration_plural"):
            unit, count = p.value("unit_plural", unit_form), None
        else:
            unit, count = p.value("unit", unit_form), 1
        if "fraction" in g and count is not None:  # ساعة ونصف، ثلاثة أشهر ونصف
            count += float(p.value("fraction", g["fraction"]))
        return [replace(base, type="DURATION", mod=dmod, literal=_duration(count, unit))]
    if rule == "set":
        return [replace(base, type="SET", literal=p.value("set", g["set"]))]
    if rule == "reference":
        return [replace(base, literal=p.value("reference", g["reference"]))]
    if rule == "eve":
        return [replace(base, eve=True)]
    if rule == "season":
        if not {"this_season", "direction", "year", "year_direction", "this_year", "season_shift"} & g.keys():
            return []  # a bare season is no date (الربيع العربي)
        fields = {"year_shift": 0} if "this_season" in g else _year_fields(p, g)
        if "season_shift" in g:
            fields = {"year_shift": int(p.value("direction", g["season_shift"]))}
        return [replace(base, season=p.value("season", g["season"]), **fields)]
    if rule in ("clock", "clock_period"):
        return [_clock(p, base, g)]
    if rule in ("latin_date", "latin_date_dmy", "latin_month_year", "iso_month"):
        month = _int(g["month"]) if rule == "iso_month" else int(p.value("latin_month", g["month"].lower()))
        return [replace(base, year=_int(g["year"]), month=month, day=_int(g["day"]) if "day" in g else None)]
    if rule == "day_of_named_month":
        days = _days(p, g["days"])
        return [replace(base, start=start if i == 0 else m.start("days") + offset,
                        end=end if i == len(days) - 1 else m.start("days") + day_end, day=day, named_month=True)
                for i, (offset, day_end, day) in enumerate(days)]
    if rule == "named_day":
        return [replace(base, named_shift=-1 if re.search("سابق|سبق", g["named"]) else 1)]
    raise ValueError(f"no interpretation for rule {rule}")


def _year_fields(p: Patterns, g: dict) -> dict:
    if "year" in g:
        return {"year": _int(g["year"])}
    if "direction" in g:
        return {"month_direction": int(p.value("direction", g["direction"]))}
    if "year_direction" in g:
        return {"year_shift": int(p.value("direction", g["year_direction"]))}
    if "this_year" in g:
        return {"year_shift": 0}
    return {}


class Span(NamedTuple):
    start: int
    end: int
    rule: str


def _select(candidates: list[Span]) -> list[Span]:
    """Longest non-overlapping expressions (ties: the earlier rule). The
    chosen spans are kept sorted, so each candidate is checked against its
    two neighbours only (time grows as n log n, not n squared)."""
    order = {rule: i for i, rule in enumerate(RULES)}
    chosen, starts, ends = [], [], []
    for t in sorted(candidates, key=lambda t: (-(t.end - t.start), order[t.rule], t.start)):
        at = bisect.bisect_left(starts, t.start)
        if (at == 0 or ends[at - 1] <= t.start) and (at == len(starts) or starts[at] >= t.end):
            chosen.append(t)
            starts.insert(at, t.start)
            ends.insert(at, t.end)
    return sorted(chosen, key=lambda t: t.start)


def _matches(p: Patterns, normalized: str, words) -> dict[str, list[re.Match]]:
    """Each rule's matches, as ``finditer`` finds them, but tried only at the
    words where the rule may start (:meth:`Patterns.rules_at`)."""
    positions: dict[str, list[int]] = {rule: [] for rule in p.prefixes}
    for word, at in zip(words.words, words.starts.tolist()):
        for rule in p.rules_at(word):
            positions[rule].append(at)
    return {rule: matches_at(compiled, normalized, positions[rule]) if rule in positions
            else list(compiled.finditer(normalized)) for rule, compiled in p.rules.items()}


def _groups(p: Patterns, normalized: str, words) -> list[list[Timex]]:
    """Each match's timexes, as one group (a list of days is one match)."""
    groups = []
    for rule, matches in _matches(p, normalized, words).items():
        for m in matches:
            if rule == "relative_day" and m.group("weekday") is None and _inside_name(p, normalized, m):
                continue
            found = _interpret(p, rule, m)
            if found:
                groups.append(found)
    return groups


DATE_FOLLOWS = re.compile(rf"\s*،?\s*{DIGIT}")


def _inside_name(p: Patterns, normalized: str, m: re.Match) -> bool:
    """اليوم in روسيا اليوم (a name listed as not_today), unless a date
    follows (تحتفل روسيا اليوم، 12 يونيو)."""
    start = m.start("body")
    if DATE_FOLLOWS.match(normalized, m.end()):
        return False
    return any(normalized[max(0, start - len(form) + len("اليوم")):start + len("اليوم")] == form
               for form in p.values.get("not_today", {}))


def find_timexes(text: str, normalized: str, offsets, p: Patterns, words=None) -> list[Timex]:
    """Temporal expressions of ``text`` (``normalized``, ``offsets``: its
    matching view; ``words``: its words), offsets into ``text``, unresolved."""
    groups = _groups(p, normalized, text_words(normalized, offsets) if words is None else words)
    # a match's days stay together: select by the whole match's span
    wholes = [Span(g[0].start, g[-1].end, g[0].rule) for g in groups]
    kept = set(_select(wholes))
    found = sorted((t for g, w in zip(groups, wholes) if w in kept for t in g),
                   key=lambda t: t.start)
    found = _attach_eve(found, normalized)
    future = sentence_ends = None
    out = []
    for t in found:
        if t.weekday is not None and t.day_shift is None and t.day is None and t.weekday_direction is None:
            if future is None:
                future = _future_positions(p, normalized)
                sentence_ends = [m.end() for m in SENTENCE_END.finditer(normalized)]
            ahead = _ahead(normalized, t.start, future, sentence_ends)
            t = replace(t, weekday_direction=ON_OR_AFTER if ahead else ON_OR_BEFORE)
        end = int(text_ends(offsets, [t.end])[0])  # takes in a dropped tatweel or mark (هـ)
        while end > 0 and text[end - 1].isspace():
            end -= 1
        out.append(replace(t, start=int(offsets[t.start]), end=end))
    return out


def _ahead(normalized: str, at: int, future: list[int], sentence_ends: list[int]) -> bool:
    """Whether a bare weekday at ``at`` is in a schedule a future cue
    announced: the cue is in its clause (within FUTURE_WINDOW characters, no
    comma between), or earlier in its sentence, or in the sentence before
    when its own sentence opens with a present verb (ويلتقي ...); never when
    كان/قد/أمس/الماضي stands between or just before the cue (كان من المقرر)."""
    i = bisect.bisect_right(sentence_ends, at)  # sentence_ends: where each sentence end mark ends
    sentence_start = sentence_ends[i - 1] if i else 0
    previous_start = sentence_ends[i - 2] if i > 1 else 0
    present_opening = re.match(r"\s*(?:و|ف)?[يت]\w{2,}", normalized[sentence_start:at]) is not None
    earliest = previous_start if present_opening else sentence_start
    for pos in reversed(future[bisect.bisect_left(future, earliest):bisect.bisect_left(future, at)]):
        if PAST_MARKER.search(normalized, max(pos - 12, earliest), at):
            return False
        if at - pos <= FUTURE_WINDOW and "،" not in normalized[pos:at] or pos >= earliest:
            return True
    return False


def _future_positions(p: Patterns, normalized: str) -> list[int]:
    cues = p.values.get("future_cue", {})
    return [m.start() for m in re.finditer(r"\w+", normalized) if m.group() in cues or m.group()[1:] in cues]


def _attach_eve(found: list[Timex], normalized: str) -> list[Timex]:
    """عشية + a date -> that date's eve; عشية alone is anchored on a later
    اليوم of the same sentence, else left unresolved."""
    out, skip = [], set()
    for i, t in enumerate(found):
        if i in skip:
            continue
        if t.eve:
            nxt = found[i + 1] if i + 1 < len(found) else None
            if nxt and nxt.type == "DATE" and re.fullmatch(r"\s*", normalized[t.end:nxt.start]) and nxt.literal is None:
                out.append(replace(nxt, start=t.start, rule="eve", eve=True))
                skip.add(i + 1)
                continue
            later = None
            for n in islice(found, i + 1, None):  # within the sentence
                if re.search(r"[.!؟?\n]", normalized[t.end:n.start]):
                    break
                if n.day_shift == 0 and n.rule == "relative_day":
                    later = n
                    break
            out.append(replace(t, day_shift=0) if later else t)
            continue
        out.append(t)
    return out


# ---------------------------------------------------------------- resolution

@dataclass(frozen=True)
class Resolved:
    value: str
    granularity: str | None
    date_start: date | None
    date_end: date | None
    resolved: str


def _month_year(t: Timex, anchor: date) -> int:
    """The year of a month named without one, from the anchor."""
    if t.year_shift is not None:
        return anchor.year + t.year_shift
    direction = t.month_direction
    if direction == -1:
        return anchor.year if t.month < anchor.month else anchor.year - 1
    if direction == 1:
        return anchor.year if t.month > anchor.month else anchor.year + 1
    if direction == 0:
        return anchor.year
    here = anchor.year * 12 + anchor.month
    return min((anchor.year - 1, anchor.year, anchor.year + 1), key=lambda y: (abs(y * 12 + t.month - here), y))


def _narrow(first: date, last: date, mod: str | None) -> tuple[date, date]:
    if mod not in MOD_THIRD:
        return first, last
    days = (last - first).days + 1
    third = MOD_THIRD[mod]
    lo = first + timedelta(days=days * third // 3)
    hi = first + timedelta(days=days * (third + 1) // 3 - 1)
    return lo, max(lo, hi)


def _result(value: str, granularity: str, first: date | None, last: date | None, how: str, t: Timex) -> Resolved:
    if first is not None:
        first, last = _narrow(first, last, t.mod)
    if t.part_of_day and granularity == "day":
        value = f"{value}T{t.part_of_day}"
    return Resolved(value, granularity, first, last, how)


def _hijri(t: Timex, anchor: date | None) -> Resolved:
    year, how = t.year, "explicit"
    if year is None:
        if anchor is None:
            return _result("XXXX-XX-XX" if t.day else "XXXX-XX", "day" if t.day else "month", None, None, "unresolved", t)
        here = Gregorian(anchor.year, anchor.month, anchor.day).to_hijri()
        year = min((here.year - 1, here.year, here.year + 1),
                   key=lambda y: (abs(y * 12 + t.month - (here.year * 12 + here.month)), y))
        how = "relative"
    try:
        if t.day:
            d = Hijri(year, t.month, t.day).to_gregorian()
            d = date(d.year, d.month, d.day)
            return _result(d.isoformat(), "day", d, d, how, t)
        first = Hijri(year, t.month or 1, 1).to_gregorian()
        last_hijri = Hijri(year, t.month or 12, 1)
        last = last_hijri.to_gregorian() + timedelta(days=last_hijri.month_length() - 1)
    except (ValueError, OverflowError):
        return _result(f"{year}-{t.month or 'XX'}-{t.day or 'XX'}", "day", None, None, "invalid", t)
    first, last = date(first.year, first.month, first.day), date(last.year, last.month, last.day)
    middle = first + (last - first) / 2
    if t.month is None:
        return _result(str(middle.year), "year", first, last, how, t)
    return _result(f"{middle.year}-{middle.month:02d}", "month", first, last, how, t)


def _weekday_date(t: Timex, anchor: date) -> date:
    delta = (t.weekday - anchor.weekday()) % 7
    if t.weekday_direction == ON_OR_AFTER:
        return anchor + timedelta(days=delta)
    if t.weekday_direction == 1:     # المقبل
        return anchor + timedelta(days=delta or 7)
    back = (anchor.weekday() - t.weekday) % 7
    if t.weekday_direction == -1:    # الماضي
        return anchor - timedelta(days=back or 7)
    return anchor - timedelta(days=back)


def _season(t: Timex, anchor: date | None) -> Resolved:
    """صيف 2023 -> 2023-SU; هذا الصيف, الصيف الماضي/المقبل from the anchor."""
    first_month, last_month = SEASON_MONTHS[t.season]

    def bounds(year: int) -> tuple[date, date]:
        end_year = year + (1 if last_month < first_month else 0)
        return date(year, first_month, 1), date(end_year, last_month, gregorian.monthrange(end_year, last_month)[1])

    if t.year is not None:
        year, how = t.year, "explicit"
    elif anchor is None:
        return _result(f"XXXX-{t.season}", "season", None, None, "unresolved", t)
    else:
        year, how = anchor.year + (t.year_shift or 0), "relative"
        if t.month_direction == -1:
            while bounds(year)[1] >= anchor:
                year -= 1
        elif t.month_direction == 1:
            while bounds(year)[0] <= anchor:
                year += 1
    return _result(f"{year}-{t.season}", "season", *bounds(year), how, t)


def _clock_value(t: Timex, day: date | None, how: str) -> Resolved:
    """A clock time on ``day`` (unknown: XXXX-XX-XX)."""
    clock = f"T{t.hour:02d}:{t.minute:02d}"
    if day is None:
        return Resolved(f"XXXX-XX-XX{clock}", "day", None, None, "unresolved")
    return Resolved(f"{day.isoformat()}{clock}", "day", day, day, how)


def resolve(t: Timex, anchor: date | None) -> Resolved:
    """TIMEX3 value of ``t`` against the publication date ``anchor`` (or
    None); a day named relative to another date of the text (اليوم التالي،
    الثامن والعشرين منه) is resolved by :func:`resolve_in_text`."""
    if t.literal is not None:
        how = "vague" if t.literal.endswith("_REF") else "explicit"
        return Resolved(t.literal, None, None, None, how)
    if t.calendar == "hijri":
        return _hijri(t, anchor)
    if t.season is not None:
        return _season(t, anchor)
    if t.hour is not None:
        return _clock_value(t, anchor, "relative")
    if t.named_shift is not None:
        return _result("XXXX-XX-XX", "day", None, None, "unresolved", t)
    if t.named_month:
        return _result(f"XXXX-XX-{t.day:02d}", "day", None, None, "unresolved", t)
    if t.day_shift is not None and t.weekday is not None and t.rule == "weekday":
        return _shifted_weekday(t, anchor)
    if t.day_shift is not None:
        if anchor is None:
            return _undated_day(t)
        d = anchor + timedelta(days=t.day_shift - (1 if t.eve else 0))
        return _result(d.isoformat(), "day", d, d, "relative", t)
    if t.weekday is not None and t.day is None:
        if anchor is None:
            return _undated_day(t)
        d = _weekday_date(t, anchor)
        return _result(d.isoformat(), "day", d, d, "relative", t)
    if t.eve and t.month is None and t.year is None:
        return _result("XXXX-XX-XX", "day", None, None, "unresolved", t)
    if t.week_shift is not None:
        if anchor is None:
            return _result("XXXX-WXX", "week", None, None, "unresolved", t)
        monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=t.week_shift)
        iso = monday.isocalendar()
        return _result(f"{iso.year}-W{iso.week:02d}", "week", monday, monday + timedelta(days=6), "relative", t)
    if t.month_shift is not None:
        if anchor is None:
            return _result("XXXX-XX", "month", None, None, "unresolved", t)
        index = anchor.year * 12 + anchor.month - 1 + t.month_shift
        year, month = divmod(index, 12)
        return _month(year, month + 1, "relative", t)
    if t.decade is not None:
        return _decade(t, anchor)
    if t.century is not None or t.century_shift is not None:
        century = t.century
        if century is None:
            if anchor is None:
                return _result("XX", "century", None, None, "unresolved", t)
            century = anchor.year // 100 + t.century_shift
        return _result(f"{century:02d}", "century", date(century * 100, 1, 1), date(century * 100 + 99, 12, 31),
                       "explicit" if t.century_shift is None else "relative", t)
    if t.month is None and (t.year is not None or t.year_shift is not None):
        if t.year is None and anchor is None:
            return _result("XXXX", "year", None, None, "unresolved", t)
        year = t.year if t.year is not None else anchor.year + t.year_shift
        return _result(str(year), "year", date(year, 1, 1), date(year, 12, 31),
                       "explicit" if t.year is not None else "relative", t)
    return _month_or_day(t, anchor)


def _undated_day(t: Timex) -> Resolved:
    """A day relative to a publication date the article lacks: its weekday
    when the text names one (أمس الخميس: ``XXXX-WXX-4``), else ``XXXX-XX-XX``."""
    value = "XXXX-XX-XX" if t.weekday is None else f"XXXX-WXX-{t.weekday + 1}"
    return _result(value, "day", None, None, "unresolved", t)


def _shifted_weekday(t: Timex, anchor: date | None) -> Resolved:
    """The second weekday of يومي الثلاثاء والأربعاء: days after the first."""
    first = replace(t, day_shift=None, weekday=(t.weekday - t.day_shift) % 7)
    base = resolve(first, anchor)
    if base.date_start is None:
        return _undated_day(t)
    d = base.date_start + timedelta(days=t.day_shift)
    return _result(d.isoformat(), "day", d, d, "relative", t)


def _month(year: int, month: int, how: str, t: Timex) -> Resolved:
    last = gregorian.monthrange(year, month)[1]
    return _result(f"{year}-{month:02d}", "month", date(year, month, 1), date(year, month, last), how, t)


def _decade(t: Timex, anchor: date | None) -> Resolved:
    century = t.century
    how = "explicit"
    if century is None and t.century_shift is not None:
        if anchor is None:
            return _result(f"XX{t.decade}X", "decade", None, None, "unresolved", t)
        century, how = anchor.year // 100 + t.century_shift, "relative"
    if century is None:  # التسعينيات: the last such decade that has ended
        reference = anchor.year if anchor else date.today().year
        century = 20 if reference >= 2000 + 10 * t.decade + 10 else 19
    start = century * 100 + t.decade * 10
    return _result(f"{century}{t.decade}X", "decade", date(start, 1, 1), date(start + 9, 12, 31), how, t)


def _month_or_day(t: Timex, anchor: date | None) -> Resolved:
    if t.this_month:
        if anchor is None:
            return _result(f"XXXX-XX-{t.day:02d}", "day", None, None, "unresolved", t)
        index = anchor.year * 12 + anchor.month - 1 + (t.month_direction or 0)
        year, month = divmod(index, 12)
        t = replace(t, year=year, month=month + 1)
        how = "relative"
    elif t.year is not None:
        year, how = t.year, "explicit"
    elif anchor is None:
        value = f"XXXX-{t.month:02d}" + (f"-{t.day:02d}" if t.day else "")
        return _result(value, "day" if t.day else "month", None, None, "unresolved", t)
    else:
        year, how = _month_year(t, anchor), "relative"
        t = replace(t, year=year)
    if t.day is None:
        return _month(t.year, t.month, how, t)
    try:
        d = date(t.year, t.month, t.day)
    except ValueError:
        return _result(f"{t.year}-{t.month:02d}-{t.day:02d}", "day", None, None, "invalid", t)
    if t.eve:
        d -= timedelta(days=1)
    return _result(d.isoformat(), "day", d, d, how, t)


# ---------------------------------------------------------------- the layer

def resolve_in_text(text: str, found: list[Timex], anchor: date | None) -> list[Resolved]:
    """The value of each timex of a text, in order: as :func:`resolve`, but
    a day relative to the date named last before it (اليوم التالي/السابق)
    counts from that date, a day of "the month just named" (الثامن
    والعشرين منه، من الشهر نفسه) takes that month, and a clock time takes
    the day named before it in its sentence (صباح الثلاثاء عند الساعة التاسعة)."""
    out: list[Resolved] = []
    last_day: tuple[date, int, str] | None = None   # (day, where it ends, how resolved)
    last_month: tuple[int, int, str] | None = None  # (year, month, how resolved)
    for t in found:
        r = resolve(t, anchor)
        if t.named_shift is not None and last_day is not None:
            d = last_day[0] + timedelta(days=t.named_shift)
            r = _result(d.isoformat(), "day", d, d, last_day[2], t)
        elif t.named_month and last_month is not None:
            r = resolve(replace(t, named_month=False, year=last_month[0], month=last_month[1]), anchor)
            r = replace(r, resolved=last_month[2])
        elif t.hour is not None and last_day is not None and not SENTENCE_END.search(text, last_day[1], t.start):
            r = _clock_value(t, last_day[0], last_day[2])
        if r.date_start is not None and r.granularity in ("day", "month"):
            last_month = (r.date_start.year, r.date_start.month, r.resolved)
            if r.granularity == "day":
                last_day = (r.date_start, t.end, r.resolved)
        out.append(r)
    return out


def _rows(text: str, found: list[Timex], anchor: date | None) -> list[TimexRow]:
    return [TimexRow(t.start, t.end, text[t.start:t.end], t.type, r.value, t.mod, r.granularity, r.date_start,
                     r.date_end, r.resolved, t.calendar, t.rule) for t, r in zip(found, resolve_in_text(text, found, anchor))]


def text_timexes(text: str, published=None, lexicons=None) -> list[TimexRow]:
    """Timexes of one text resolved against ``published`` (a date, or
    None/NaT), with the time words of the lexicon folder ``lexicons``."""
    anchor = None if published is None or pd.isna(published) else pd.Timestamp(published).date()
    normalized, offsets = matching_view(text)
    return _rows(text, find_timexes(text, normalized, offsets, time_patterns(lexicon_set(lexicons))), anchor)


@layer("timexes", assigns={"timexes": TimexRow})
def timexes(view, lexicons, found) -> dict[str, list]:
    """The timexes of one article, resolved against its publication date."""
    found_here = find_timexes(view.text, view.normalized, view.offsets, time_patterns(lexicons), view.words)
    return {"timexes": _rows(view.text, found_here, view.published)}
