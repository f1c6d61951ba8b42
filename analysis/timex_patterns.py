"""Time words (``data/time_words.tsv``) -> the regular expressions that find
Arabic temporal expressions in normalized text.

``time_words(path)`` reads and validates the word list;
``time_patterns(lexicons)`` returns :class:`Patterns`: the word -> value tables and one compiled regex
per rule (``RULES`` names them). Every rule matches normalized text (see
:func:`analysis.normalization.normalize_for_matching`) and puts the
expression itself in the group ``body`` (a leading preposition or clitic is
left outside it). Interpretation of a match is :mod:`analysis.timexes`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import regex

from .datafiles import non_empty, one_of, read_table
from .errors import DataFileError
from .normalization import normalize_for_matching
from .words import CLITIC_PATTERN

UNITS = ("Y", "M", "W", "D", "H", "MIN", "DE", "CE")
KINDS = {
    "month": r"(?:[1-9]|1[0-2])", "month_context": r"(?:[1-9]|1[0-2])", "hijri_month": r"(?:[1-9]|1[0-2])",
    "weekday": r"[0-6]", "number": r"(?:\d+|X)", "fraction": r"0\.\d+", "ordinal": r"(?:[1-9]|10)",
    "ordinal_ten": r"(?:10|20|30)", "decade": r"\d", "unit": "|".join(UNITS), "unit_dual": "|".join(UNITS),
    "unit_plural": "|".join(UNITS), "relative_day": r"-?\d", "calendar_unit": "W|M|Y", "direction": r"-1|0|1",
    "date_mod": "START|MID|END", "duration_mod": "APPROX|LESS_THAN|MORE_THAN", "part_of_day": "MO|AF|EV|NI",
    "set": r"P1[YMWD]", "reference": "PRESENT_REF|PAST_REF|FUTURE_REF", "future_cue": "1", "not_today": "0", "anniversary": "1",
    "season": "SP|SU|FA|WI", "hour": r"(?:[1-9]|1[0-2])", "clock_period": "AM|PM|NOON|NIGHT",
    "latin_month": r"(?:[1-9]|1[0-2])",
}
DIGIT = r"[0-9\u0660-\u0669\u06F0-\u06F9]"
PREPOSITIONS = r"(?:في|منذ|خلال|حتي|قبل|بعد|من|الي|مطلع|اواخر|اوائل|اواسط|منتصف|نهايه|بدايه|طيله|طوال|بحلول|قبيل|عقب)"
PAST_PLURAL_CUES = r"(?:طويله|عديده|من الزمن|الاخيره|الماضيه|المقبله|القادمه|السابقه)"
DURATION_LEAD = r"(?:علي مدي|علي مدار|لمده|طوال|طيله|منذ|خلال|عبر|بعد|قبل|مرور)"
DURATION_TRAIL = r"(?:الماضيين|الاخيرين|المقبلين|القادمين|الماضيه|الاخيره|المقبله|القادمه)"
SINGLE_UNITS = r"(?:عام|سنه|شهر|اسبوع|يوم|ساعه|عقد|قرن)"
SCANNED = ("year_range",)  # rules whose match may start at a bracket, not a word: scanned everywhere
RULES = ("date", "hijri_date", "day_of_month", "numeric_date", "hijri_month_year", "month_year", "month_bare", "month_pair", "year", "year_prep",
         "year_range", "hijri_year", "decade", "century", "relative_day", "weekday", "calendar_unit", "duration",
         "duration_dual", "duration_plural", "duration_plural_cue", "duration_single", "duration_headline",
         "duration_single_mod", "duration_fraction",
         "set", "reference", "eve", "season", "clock", "clock_period", "latin_date", "latin_date_dmy", "latin_month_year",
         "iso_month", "day_of_named_month", "named_day")


def _value_check(kind: str, value: str) -> str | None:
    if kind in KINDS and not re.fullmatch(KINDS[kind], value):
        return f"value '{value}' is not valid for kind '{kind}' (expected {KINDS[kind]})"
    return None


def time_words(path: Path | str) -> pd.DataFrame:
    """``kind, form, value, line`` of a time-word file, forms normalized;
    raises DataFileError "file:line: problem"."""
    path = Path(path)
    table = read_table(path, ["kind", "form", "value"],
                       {"kind": one_of(*KINDS), "form": non_empty, "value": non_empty})
    for row in table.itertuples():
        problem = _value_check(row.kind, row.value)
        if problem:
            raise DataFileError(path, row.line, problem)
    table["form"] = [" ".join(normalize_for_matching(f).split()) for f in table["form"]]
    clash = table[table.duplicated(["kind", "form"], keep=False) & ~table.duplicated(["kind", "form", "value"], keep=False)]
    if len(clash):
        row = clash.iloc[-1]
        raise DataFileError(path, int(row.line), f"{row.kind} '{row.form}' is listed with two different values")
    return table


def _alternation(forms) -> str:
    """Regex alternation of ``forms``, longest first, spaces flexible."""
    ordered = sorted(set(forms), key=lambda f: (-len(f), f))
    return "(?:" + "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in ordered) + ")"


@dataclass(frozen=True)
class Patterns:
    values: dict[str, dict[str, str]]  # kind -> normalized form -> value
    rules: dict[str, re.Pattern]
    prefixes: dict[str, regex.Pattern]  # the same rules, for partial matching (``regex`` module)
    starts: dict[str, tuple[str, ...]] = field(default_factory=dict)  # word -> rules that may start at it

    def value(self, kind: str, surface: str) -> str | None:
        """The value of ``surface`` (normalized, any spacing) as a ``kind`` word."""
        return self.values.get(kind, {}).get(" ".join(surface.split()))

    def rules_at(self, word: str) -> tuple[str, ...]:
        """The rules a match of which may start at this word: those the
        word matches, or begins a match of (``regex``'s partial matching).
        A match never ends inside a word, so no other rule can start there.
        Looked up once per distinct word."""
        found = self.starts.get(word)
        if found is None:
            found = self.starts[word] = tuple(rule for rule, prefix in self.prefixes.items()
                                              if prefix.match(word, partial=True) is not None)
        return found


def _rules(words: dict[str, list[str]]) -> dict[str, re.Pattern]:
    clitic = CLITIC_PATTERN
    century = rf"(?P<century>الماضي|الحالي|العشرين|الحادي\s+والعشرين|التاسع\s+عشر|الثامن\s+عشر|(?:ال)?{DIGIT}{{2}})"
    alt = {kind: _alternation(forms) if forms else "(?!)" for kind, forms in words.items()}
    alt["latin_month"] = f"(?i:{alt['latin_month']})"
    month = alt["month"]
    any_month = f"(?:{alt['month']}|{alt['month_context']})"
    # يونيو/حزيران، حزيران/ يونيو، يونيو (حزيران)
    months = rf"(?P<month>{any_month})(?:\s*/\s*(?P<month2>{any_month})|\s*\(\s*{any_month}\s*\))?"
    ordinal_day = rf"(?:{alt['ordinal']}(?:\s+{alt['ordinal_ten']}|\s+و\s*{alt['ordinal_ten']})?|{alt['ordinal_ten']})"
    day = rf"(?:{DIGIT}{{1,2}}(?!{DIGIT})|{ordinal_day})"
    days = rf"(?P<days>{day}(?:\s*(?:و|،|-|–|ـ|الي|حتي)\s*{day})*)"
    year = rf"(?P<year>{DIGIT}{{4}})(?!{DIGIT})(?:\s*م(?!\w))?"
    direction = rf"(?P<direction>{alt['direction']})"
    year_spec = (rf"(?:\s*،?\s*(?:(?:عام|سنه)\s+)?{year}"
                 rf"|\s+{direction}"
                 rf"|\s+من\s+(?:(?:العام|السنه)\s+(?P<year_direction>{alt['direction']})|(?P<this_year>هذا\s+العام|هذه\s+السنه)))")
    date_mod = rf"(?:(?P<mod>{alt['date_mod']})\s+(?:(?:شهر|عام|سنه|العام)\s+)?)?"
    weekday_lead = rf"(?:(?P<weekday>{alt['weekday']})\s*،?\s*)?"
    pod = rf"(?:(?P<pod>{alt['part_of_day']})\s+(?:يوم\s+)?)?"
    hyear = rf"(?P<year>{DIGIT}{{3,4}})(?!{DIGIT})\s*(?:ه(?!\w)|هجري(?:ه)?|للهجره)"
    number = rf"(?P<number>{DIGIT}+(?:[.,٫]{DIGIT}+)?|{alt['number']}(?:\s+و\s*{alt['number']})?|{alt['fraction']})"
    duration_mod = rf"(?:(?P<dmod>{alt['duration_mod']})\s+)?"
    fraction = rf"(?:\s+و\s*(?P<fraction>{alt['fraction']}))"  # ساعة ونصف، ثلاثة أشهر ونصف
    season = rf"(?P<season>{alt['season']})"
    minutes = rf"(?::(?P<minute>{DIGIT}{{2}})|\s+و\s*(?P<part>{alt['fraction']}|النصف|الربع))?"
    hour = rf"(?P<hour>{alt['hour']}|{DIGIT}{{1,2}}(?!{DIGIT})){minutes}"
    period = rf"(?P<period>{alt['clock_period']})"
    prep = rf"{clitic}{PREPOSITIONS}\s+"
    # rule -> (lead, body): the lead (a preposition, a bracket) must be there
    # but is not part of the expression.
    source = {
        "date": ("", rf"{pod}{weekday_lead}{date_mod}{days}(?:\s+من)?\s+{months}(?:{year_spec})?"),
        "hijri_date": ("", rf"{weekday_lead}{days}(?:\s+من)?\s+(?P<month>{alt['hijri_month']})(?:\s*،?\s*(?:عام\s+|سنه\s+)?{hyear})?"),
        "day_of_month": ("", rf"{weekday_lead}{days}\s+(?:من\s+)?(?:(?:الشهر\s+)?(?P<this_month>الجاري|الحالي)|(?P<this_month2>هذا\s+الشهر)|الشهر\s+{direction})"),
        "numeric_date": ("", rf"(?P<day>{DIGIT}{{1,2}})(?P<sep>[/.\-])(?P<month>{DIGIT}{{1,2}})(?P=sep)(?P<year>{DIGIT}{{4}})(?!{DIGIT})|(?P<iso_year>{DIGIT}{{4}})-(?P<iso_month>{DIGIT}{{2}})-(?P<iso_day>{DIGIT}{{2}})"),
        "hijri_month_year": ("", rf"(?P<month>{alt['hijri_month']})\s*،?\s*(?:عام\s+|سنه\s+)?{hyear}"),
        "month_year": ("", rf"{date_mod}{months}{year_spec}"),
        "month_bare": (prep, rf"(?P<month>{month})(?!\s*/?\s*{DIGIT})"),
        "month_pair": ("", rf"(?P<month>{any_month})\s*/\s*(?P<month2>{any_month})(?!\s*/?\s*{DIGIT})"),
        "year": ("", rf"{date_mod}(?:العام|عام|سنه|العامين|عامي|سنتي)\s+{year}"),
        "year_prep": (prep, year),
        "year_range": (r"(?:\(\s*|(?:عامي|سنتي)\s+)", rf"(?P<year>{DIGIT}{{4}})\s*(?:-|–|و|الي)?\s*(?P<year2>{DIGIT}{{4}})(?!{DIGIT})"),
        "hijri_year": ("", rf"(?:(?:العام|عام|سنه)\s+)?{hyear}"),
        "decade": ("", rf"{date_mod}(?:عقد\s+)?(?:ال)?(?P<decade>{alt['decade']})(?:\s+(?:من\s+)?القرن\s+{century})?"),
        "century": ("", rf"{date_mod}القرن\s+{century}"),
        "relative_day": ("", rf"{pod}(?P<relative>{alt['relative_day']})(?:\s*،?\s*(?:يوم\s+)?(?P<weekday>{alt['weekday']}))?"),
        "weekday": ("", rf"{pod}(?P<weekday>{alt['weekday']})(?P<more>(?:\s*(?:و|،)\s*{alt['weekday']})*)(?:\s+{direction})?"),
        "calendar_unit": ("", rf"{date_mod}(?:(?P<unit>{alt['calendar_unit']})\s+{direction}|(?:هذا|هذه)\s+(?P<this_unit>{alt['calendar_unit']}))"),
        "duration": ("", rf"{duration_mod}{number}\s+(?:من\s+)?(?P<unit>{alt['unit']}){fraction}?"),
        "duration_dual": ("", rf"{duration_mod}(?:ال)?(?P<unit>{alt['unit_dual']})(?:{fraction}|\s+{DURATION_TRAIL})?"),
        "duration_plural": (rf"(?:{clitic}{DURATION_LEAD}\s+|ل|ول|فل)", rf"(?:ال)?(?P<unit>{alt['unit_plural']})(?:\s+{PAST_PLURAL_CUES})?"),
        "duration_plural_cue": ("", rf"(?:(?:عده|بضع|بضعه)\s+)?(?:ال)?(?P<unit>{alt['unit_plural']})\s+{PAST_PLURAL_CUES}"),
        "duration_single": (rf"{clitic}{DURATION_LEAD}\s+", rf"(?P<unit>{SINGLE_UNITS})(?!\s+{DIGIT})(?=\s)"),
        # a headline "عام على الشراكة" (a year since)
        "duration_headline": ("^", rf"(?P<unit>{SINGLE_UNITS})(?=\s+علي\s)"),
        "duration_single_mod": ("", rf"(?P<dmod>{alt['duration_mod']})\s+(?P<unit>{SINGLE_UNITS})(?!\s+{DIGIT})"),
        "duration_fraction": ("", rf"{duration_mod}(?P<unit>{SINGLE_UNITS}){fraction}"),
        "set": ("", rf"(?P<set>{alt['set']})"),
        "reference": ("", rf"(?P<reference>{alt['reference']})"),
        "eve": ("", r"عشيه"),
        # هذا الصيف، الصيف الماضي، صيف العام الماضي، صيف 2023، خريف هذا العام (a bare
        # season is no date: الربيع العربي)
        "season": ("", rf"(?:(?P<this_season>هذا|هذه)\s+)?{season}"
                       rf"(?:{year_spec}|\s+(?:العام|السنه)\s+(?P<season_shift>{alt['direction']}))?"),
        "clock": ("", rf"الساعه\s+{hour}(?:\s+{period})?"),
        "clock_period": ("", rf"{hour}\s+{period}"),
        "latin_date": ("", rf"(?P<month>{alt['latin_month']})\.?\s+(?P<day>{DIGIT}{{1,2}}),?\s+(?P<year>{DIGIT}{{4}})(?!{DIGIT})"),
        "latin_date_dmy": ("", rf"(?P<day>{DIGIT}{{1,2}})\s+(?P<month>{alt['latin_month']})\.?,?\s+(?P<year>{DIGIT}{{4}})(?!{DIGIT})"),
        "latin_month_year": ("", rf"(?P<month>{alt['latin_month']})\.?,?\s+(?P<year>{DIGIT}{{4}})(?!{DIGIT})"),
        "iso_month": ("", rf"(?P<year>{DIGIT}{{4}})-(?P<month>{DIGIT}{{2}})(?![-\d])"),
        # الثامن والعشرين منه، الثلاثين من الشهر نفسه: the day of the month named last
        "day_of_named_month": ("", rf"{days}\s+(?:منه|من\s+(?:الشهر\s+(?:نفسه|ذاته)|نفس\s+الشهر|ذات\s+الشهر))"),
        # اليوم التالي، اليوم السابق: the day after / before the date named last
        "named_day": ("", r"(?P<named>اليوم\s+(?:التالي|السابق|الذي\s+سبقه|الذي\s+تلاه)|غداه)"),
    }
    compiled = {}
    for name in RULES:
        lead, body = source[name]
        compiled[name] = re.compile(rf"(?<!\w){lead or clitic}(?P<body>{body})(?!\w)", re.MULTILINE)
    return compiled


def read_patterns(path: Path | str) -> Patterns:
    """Compiled :class:`Patterns` of a time-word file."""
    table = time_words(path)
    values = {kind: dict(zip(group["form"], group["value"])) for kind, group in table.groupby("kind")}
    words = {kind: list(values.get(kind, {})) for kind in KINDS}
    rules = _rules(words)
    prefixes = {rule: regex.compile(compiled.pattern, regex.MULTILINE | regex.VERSION0)
                for rule, compiled in rules.items() if rule not in SCANNED}
    return Patterns(values=values, rules=rules, prefixes=prefixes)


def time_patterns(lexicons) -> Patterns:
    """The compiled patterns of a lexicon set's ``time_words.tsv``."""
    return lexicons.parsed(read_patterns, "time_words.tsv")
