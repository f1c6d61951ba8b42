"""Raw article text -> cleaned ``text``, headline and the lines removed.

``clean_text(raw, rules)`` returns a :class:`Cleaned`: Unicode-cleaned text
(see :mod:`analysis.normalization`) with boilerplate lines and tokens removed
by the rules of ``data/boilerplate.tsv``, hard-wrapped lines rejoined, and a
record of every removal (``removed``: line number, rule, removed text), so
nothing disappears without trace.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .datafiles import non_empty, one_of, read_table, valid_regex
from .lexicons import lexicon_set
from .normalization import clean_unicode

SPACES = re.compile(r" {2,}")
# A line that ends like this closes a sentence; others may be hard-wrapped.
TERMINAL = re.compile(r"""[.!?؟:…»"”'\)\]]$""")
HEADLINE_MAX_WORDS = 30


@dataclass
class Cleaned:
    text: str
    title: str | None = None
    removed: list[dict] = field(default_factory=list)
    unwrapped: int = 0


def _max_words(value: str) -> str | None:
    return None if value == "" or value.isdigit() else f"'{value}' is not a whole number"


def read_boilerplate(path: Path | str) -> tuple:
    """Validated, compiled rules of a boilerplate file."""
    table = read_table(
        path,
        ["rule", "kind", "pattern", "max_words", "note"],
        {"rule": non_empty, "kind": one_of("line", "token", "trailing"),
         "pattern": valid_regex, "max_words": _max_words},
    )
    return tuple(
        (row.rule, row.kind, re.compile(row.pattern), int(row.max_words or HEADLINE_MAX_WORDS))
        for row in table.itertuples()
    )


def boilerplate_rules(lexicons=None) -> tuple:
    """The boilerplate rules of a lexicon folder (default: the bundled set)."""
    return lexicon_set(lexicons).parsed(read_boilerplate, "boilerplate.tsv")


def is_headline_like(line: str) -> bool:
    """Short, no closing punctuation, no comma: a headline or subheading."""
    return (
        len(line.split()) <= HEADLINE_MAX_WORDS
        and "،" not in line
        and not (line.endswith(".") and not line.endswith(".."))
        and not line.endswith(("،", ":"))
    )


def _is_wrapped(line: str) -> bool:
    """A body line cut before its sentence ended (hard-wrapped source): no
    closing punctuation, and a comma or a leading conjunction و shows it is
    running prose rather than a subheading."""
    return not TERMINAL.search(line) and ("،" in line or line.startswith("و"))


def clean_text(raw: str, rules: tuple | None = None) -> Cleaned:
    """Clean one article's raw text; see the module docstring."""
    rules = boilerplate_rules() if rules is None else rules
    removed: list[dict] = []
    kept: list[tuple[int, str]] = []
    for number, line in enumerate(clean_unicode(raw).split("\n"), start=1):
        line = SPACES.sub(" ", line).strip()
        for rule, kind, pattern, _ in rules:
            if kind == "token" and line:
                for match in pattern.finditer(line):
                    removed.append({"line": number, "rule": rule, "text": match.group(0)})
                line = SPACES.sub(" ", pattern.sub("", line)).strip()
        rule = next((r for r, kind, p, _ in rules if kind == "line" and line and p.fullmatch(line)), None)
        if rule:
            removed.append({"line": number, "rule": rule, "text": line})
        elif line:
            kept.append((number, line))
    for rule, kind, pattern, max_words in rules:
        while kind == "trailing" and len(kept) > 1:
            number, line = kept[-1]
            if not (pattern.search(line) and len(line.split()) <= max_words and is_headline_like(line)):
                break
            removed.append({"line": number, "rule": rule, "text": line})
            kept.pop()
    lines = [line for _, line in kept]
    title = lines[0] if len(lines) > 1 and is_headline_like(lines[0]) else None
    joins = [i for i, line in enumerate(lines[:-1]) if not (i == 0 and title) and _is_wrapped(line)]
    separators = [" " if i in joins else "\n" for i in range(len(lines) - 1)]
    text = "".join(line + sep for line, sep in zip(lines, separators + [""]))
    return Cleaned(text, title, sorted(removed, key=lambda r: r["line"]), len(joins))


def removed_lines(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles (with a ``removed`` column) -> one row per removed line or
    token: ``article_id, line, rule, text``."""
    rows = [
        {"article_id": article_id, **record}
        for article_id, records in articles["removed"].items()
        for record in records
    ]
    return pd.DataFrame(rows, columns=["article_id", "line", "rule", "text"])
