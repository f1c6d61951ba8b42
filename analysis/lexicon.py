"""The actor lexicon (data the analyst owns) -> validated tables of actors,
roles and every name form the matcher looks for.

- ``read_actors(path)``: ``data/actors.tsv`` -> one row per actor (``id,
  name_en, wikidata, type, group, names_ar, short_ar, adjectives_ar, note``
  and the optional ``latin``: Latin-script forms and acronyms, lists as
  Python lists).
- ``read_roles(path, actors)``: ``data/actor_roles.tsv`` -> ``actor_id,
  role_en, role_ar, start, end`` (dates as Timestamps, NaT = open).
- ``read_spelling_rules(path)``: ``data/spelling_rules.tsv``.
- ``read_letters(path)``: ``data/latin_letters.tsv``: letter -> its Arabic names.
- ``name_forms(actors, rules, letters)``: every form to match, one row each:
  ``actor_id, kind (name|adjective|short), form, key, generated``. ``key`` is
  the normalized words joined by spaces, the first word without its article
  ال (the matcher strips clitics the same way), Latin letters in lower case.
  Besides the listed forms and the rules' spellings: ``name_en`` and the
  ``latin`` forms (Reuters, KCNA), each acronym spelled letter by letter in
  Arabic (كي سي إن إيه), and the ``dropped_or_added`` rules (a long vowel
  dropped or added once in one word: بوتن، سيوك).

``actor_lexicon(lexicons)``: all four read from a lexicon set, as an
:class:`ActorLexicon` with the roles held on a given day.

Any broken line raises :class:`DataFileError` naming file, line and problem.
"""
from __future__ import annotations

import re
from datetime import date
from itertools import product
from math import prod
from pathlib import Path

import pandas as pd

from .datafiles import DATA_DIR, non_empty, one_of, read_table
from .errors import DataFileError
from .normalization import normalize_for_matching

ACTOR_COLUMNS = ["id", "name_en", "wikidata", "type", "group", "names_ar", "short_ar", "adjectives_ar", "note"]
LATIN = re.compile(r"[A-Za-z][A-Za-z0-9 .&'-]*")
ACRONYM = re.compile(r"[A-Z]{2,6}")
ROLE_COLUMNS = ["actor_id", "role_en", "role_ar", "start", "end", "note"]
RULE_COLUMNS = ["rule", "find", "replace", "where", "types", "min_words", "note"]
TYPES = ("PERSON", "COUNTRY", "CITY", "REGION", "ORG")
ARABIC = re.compile(r"[\u0621-\u064A]")
WORD = re.compile(r"\w+")
# Nisba inflections added to a word ending in ي: feminine, plurals, duals.
NISBA_SUFFIXES = ("", "ه", "ون", "ين", "ان", "تان", "تين", "ات")
MAX_RULE_SITES = 4  # occurrences of one rule's letter varied in one word
MAX_FORMS = 1000  # spellings the rules may make of one name (the bundled lexicon needs at most 64)


def _qid(value: str) -> str | None:
    return None if not value or re.fullmatch(r"Q[1-9][0-9]*", value) else f"malformed Wikidata QID '{value}'"


def _identifier(value: str) -> str | None:
    return None if re.fullmatch(r"[a-z0-9_]+", value) else f"id '{value}' must be lowercase letters, digits or _"


def _arabic_list(value: str) -> str | None:
    for item in _split(value):
        if not ARABIC.search(item):
            return f"'{item}' has no Arabic letters"
    return None


def _split(cell: str) -> list[str]:
    return [item.strip() for item in cell.split("|") if item.strip()]


def words(form: str) -> list[str]:
    """Normalized words of a name (hyphens and spaces both separate)."""
    return WORD.findall(normalize_for_matching(form))


def fold(word: str) -> str:
    """A word as the lexicon keys it: Latin letters in lower case, except
    an acronym (KCNA, not the English "us" for US)."""
    return word if ACRONYM.fullmatch(word) else word.lower()


def key_of(tokens: list[str] | tuple[str, ...]) -> str:
    """Lookup key: words joined by spaces, article ال dropped from the first,
    Latin letters folded (:func:`fold`)."""
    first = tokens[0][2:] if tokens[0].startswith("ال") and len(tokens[0]) > 3 else tokens[0]
    return " ".join(fold(w) for w in (first, *tokens[1:]))


def _latin_list(value: str) -> str | None:
    for item in _split(value):
        if not LATIN.fullmatch(item):
            return f"'{item}' is not a Latin-script name (letters, digits, spaces, . & ' -)"
    return None


def read_actors(path: Path | str | None = None) -> pd.DataFrame:
    """Validated actor lexicon (see module doc); ``path`` defaults to the bundled one."""
    path = Path(path) if path else DATA_DIR / "actors.tsv"
    table = read_table(path, ACTOR_COLUMNS, {
        "id": _identifier, "name_en": non_empty, "wikidata": _qid, "type": one_of(*TYPES),
        "group": non_empty, "names_ar": lambda v: non_empty(v) or _arabic_list(v),
        "short_ar": _arabic_list, "adjectives_ar": _arabic_list, "latin": _latin_list,
    }, optional=("latin",))
    seen_ids: dict[str, int] = {}
    seen_names: dict[str, tuple[str, int]] = {}
    for row in table.itertuples():
        if row.id in seen_ids:
            raise DataFileError(path, row.line, f"duplicate id '{row.id}' (first on line {seen_ids[row.id]})")
        seen_ids[row.id] = row.line
        for form in _split(row.names_ar) + _split(row.adjectives_ar):
            key = key_of(words(form))
            other = seen_names.get(key)
            if other and other[0] != row.id:
                raise DataFileError(path, row.line, f"name '{form}' is already a name of '{other[0]}' (line {other[1]})")
            seen_names[key] = (row.id, row.line)
    for column in ("names_ar", "short_ar", "adjectives_ar", "latin"):
        table[column] = table[column].map(_split)
    table["wikidata"] = table["wikidata"].replace("", pd.NA)
    return table


def _date(value: str) -> str | None:
    """Problem with an ISO date cell (YYYY-MM-DD), None if empty or valid."""
    if not value:
        return None
    try:
        date.fromisoformat(value)
    except ValueError:
        return f"'{value}' is not a date (YYYY-MM-DD)"
    return None if len(value) == 10 else f"'{value}' is not a date (YYYY-MM-DD)"


def read_roles(path: Path | str | None = None, actors: pd.DataFrame | None = None) -> pd.DataFrame:
    """Validated dated roles; actor ids are checked against ``actors``."""
    path = Path(path) if path else DATA_DIR / "actor_roles.tsv"
    table = read_table(path, ROLE_COLUMNS, {"actor_id": non_empty, "role_en": non_empty, "start": _date, "end": _date})
    known = set(actors["id"]) if actors is not None else None
    for row in table.itertuples():
        if known is not None and row.actor_id not in known:
            raise DataFileError(path, row.line, f"unknown actor id '{row.actor_id}'")
        if row.start and row.end and row.start > row.end:
            raise DataFileError(path, row.line, f"role starts ({row.start}) after it ends ({row.end})")
    table["start"] = pd.to_datetime(table["start"].replace("", None))
    table["end"] = pd.to_datetime(table["end"].replace("", None))
    return table


def read_spelling_rules(path: Path | str | None = None) -> pd.DataFrame:
    """Validated spelling-variation rules (see ``data/spelling_rules.tsv``)."""
    path = Path(path) if path else DATA_DIR / "spelling_rules.tsv"

    def types(value: str) -> str | None:
        bad = [t for t in _split(value) if t not in TYPES]
        return f"unknown type(s) {bad}; use {', '.join(TYPES)}" if bad or not value else None

    table = read_table(path, RULE_COLUMNS, {
        "find": lambda v: non_empty(v) or _arabic_list(v), "replace": lambda v: non_empty(v) or _arabic_list(v),
        "where": one_of("any", "initial", "final", "dropped_or_added"), "types": types,
        "min_words": lambda v: None if v.isdigit() and int(v) >= 1 else f"'{v}' is not a whole number >= 1",
    })
    table["find"] = table["find"].map(normalize_for_matching)
    table["replace"] = table["replace"].map(lambda v: [normalize_for_matching(x) for x in _split(v)])
    table["types"] = table["types"].map(_split)
    table["min_words"] = table["min_words"].astype(int)
    return table


def _sites(word: str, find: str, where: str) -> list[int]:
    sites = [m.start() for m in re.finditer(re.escape(find), word)]
    if where == "initial":
        sites = [s for s in sites if s == 0]
    elif where == "final":
        sites = [s for s in sites if s + len(find) == len(word)]
    return sites[:MAX_RULE_SITES]


def _apply(word: str, find: str, alternatives: list[str], where: str) -> set[str]:
    sites = _sites(word, find, where)
    forms = set()
    for choice in product([find, *alternatives], repeat=len(sites)):
        pieces, last = [], 0
        for site, replacement in zip(sites, choice):
            pieces += [word[last:site], replacement]
            last = site + len(find)
        forms.add("".join(pieces) + word[last:])
    return forms


def _word_variants(word: str, rules: list[tuple]) -> set[str]:
    forms = {word}
    for find, alternatives, where in rules:
        forms = {v for form in forms for v in _apply(form, find, alternatives, where)}
    return forms


def spelling_variants(tokens: list[str], actor_type: str, rules: pd.DataFrame) -> set[tuple[str, ...]]:
    """Word tuples a name can be written as: rule substitutions per word,
    and for multi-word transliterated names each pair of neighbours joined
    (بيونغ يانغ -> بيونغيانغ)."""
    usable = [(r.find, r.replace, r.where) for r in rules.itertuples()
              if actor_type in r.types and len(tokens) >= r.min_words and r.where != "dropped_or_added"]
    per_word = [_word_variants(word, usable) for word in tokens]
    count = prod(len(forms) for forms in per_word)
    if count > MAX_FORMS:
        raise ValueError(f"name '{' '.join(tokens)}' would make {count:,} spellings by the spelling rules (at most "
                         f"{MAX_FORMS:,}): list the spellings you need in names_ar, or shorten the name")
    variants = set(product(*per_word))
    if len(tokens) > 1 and actor_type in ("PERSON", "CITY", "REGION"):
        for variant in list(variants):
            for i in range(len(variant) - 1):
                variants.add(variant[:i] + (variant[i] + variant[i + 1],) + variant[i + 2:])
    return variants


def vowel_variants(tokens: list[str], actor_type: str, rules: pd.DataFrame) -> set[tuple[str, ...]]:
    """The ``dropped_or_added`` rules: one word of the name with one of the
    rule's ``find`` letters dropped or one of its ``replace`` letters added,
    inside the word (never its first or last letter), for words of at least
    four letters (three in a name of several words): بوتين -> بوتن،
    سوك -> سيوك، هوي -> هي."""
    variants = set()
    for r in rules.itertuples():
        if r.where != "dropped_or_added" or actor_type not in r.types or len(tokens) < r.min_words:
            continue
        dropped, added = set(_split(r.find)), set(r.replace)
        for j, word in enumerate(tokens):
            if len(word) < (3 if len(tokens) > 1 else 4):
                continue
            edits = {word[:i] + word[i + 1:] for i in range(1, len(word) - 1) if word[i] in dropped}
            edits |= {word[:i] + letter + word[i:] for i in range(1, len(word)) for letter in added}
            variants |= {(*tokens[:j], edit, *tokens[j + 1:]) for edit in edits if len(edit) >= 2}
    return variants


def read_letters(path: Path | str | None = None) -> dict[str, list[str]]:
    """``data/latin_letters.tsv`` -> Latin letter -> its Arabic names (normalized)."""
    path = Path(path) if path else DATA_DIR / "latin_letters.tsv"
    table = read_table(path, ["letter", "names"], {
        "letter": lambda v: None if re.fullmatch(r"[A-Z]", v) else f"'{v}' is not a capital Latin letter",
        "names": lambda v: non_empty(v) or _arabic_list(v)})
    return {row.letter: [normalize_for_matching(n) for n in _split(row.names)] for row in table.itertuples()}


def latin_forms(items: list[str], letters: dict[str, list[str]]) -> set[tuple[tuple[str, ...], bool]]:
    """Latin names as word tuples (listed), and each acronym (KCNA) spelled
    letter by letter in Arabic, spaced and joined (generated)."""
    forms = {(tuple(WORD.findall(item)), False) for item in items}
    for item in items:
        if ACRONYM.fullmatch(item) and all(ch in letters for ch in item):
            for spelled in product(*(letters[ch] for ch in item)):
                forms |= {(tuple(spelled), True), (("".join(spelled),), True)}
    return {(tokens, generated) for tokens, generated in forms if tokens}


def nisba_forms(tokens: list[str]) -> set[tuple[str, ...]]:
    """Inflected nisba forms: every word ending in ي takes the same suffix;
    words after the first may carry ال (الكوريين الشماليين)."""
    if not all(t.endswith("ي") for t in tokens):
        return {tuple(tokens)}
    forms = set()
    for suffix in NISBA_SUFFIXES:
        inflected = [t + suffix for t in tokens]
        forms.add(tuple(inflected))
        forms.add((inflected[0], *("ال" + t for t in inflected[1:])))
    return forms


def name_forms(actors: pd.DataFrame, rules: pd.DataFrame, path: Path | str = "actors.tsv",
               letters: dict[str, list[str]] | None = None) -> pd.DataFrame:
    """Every form the matcher looks for (see module doc). A generated form
    that two actors share is dropped; a listed form always wins over a
    generated one. A name the rules would spell more than ``MAX_FORMS``
    ways raises DataFileError naming its line of ``path``."""
    rows = []
    for actor in actors.itertuples():
        for tokens, generated in latin_forms([actor.name_en, *getattr(actor, "latin", [])], letters or {}):
            rows.append((actor.id, "name", " ".join(tokens), key_of(tokens), generated))
        for form in actor.names_ar:
            rows += [(actor.id, "name", form, key_of(variant), True)
                     for variant in vowel_variants(words(form), actor.type, rules)]
        for kind, column in (("name", "names_ar"), ("short", "short_ar"), ("adjective", "adjectives_ar")):
            for form in getattr(actor, column):
                tokens = words(form)
                listed = key_of(tokens)
                try:
                    generated = (nisba_forms(tokens) if kind == "adjective"
                                 else spelling_variants(tokens, actor.type, rules))
                except ValueError as err:
                    raise DataFileError(path, actor.line, str(err)) from None
                for variant in generated:
                    key = key_of(variant)
                    rows.append((actor.id, kind, form, key, key != listed))
    forms = pd.DataFrame(rows, columns=["actor_id", "kind", "form", "key", "generated"])
    forms = forms.sort_values("generated").drop_duplicates(["actor_id", "kind", "key"])
    full = forms[forms["kind"] != "short"]
    owners = full.groupby("key")["actor_id"].transform("nunique")
    full = full[(owners == 1) | ~full["generated"]]
    return pd.concat([full, forms[forms["kind"] == "short"]]).sort_values(["actor_id", "kind", "key"]).reset_index(drop=True)


class ActorLexicon:
    """The validated actor lexicon: ``actors``, ``roles``, ``forms`` (see
    module doc), and per publication date the roles then held."""

    def __init__(self, actors: pd.DataFrame, roles: pd.DataFrame, forms: pd.DataFrame):
        self.actors, self.roles, self.forms = actors, roles, forms
        self.info = {r.id: (r.name_en, r.wikidata, r.type, r.group) for r in actors.itertuples()}
        self._roles = [(r.actor_id, r.role_en, r.role_ar if isinstance(r.role_ar, str) else "",
                        None if pd.isna(r.start) else r.start.date(), None if pd.isna(r.end) else r.end.date())
                       for r in roles.itertuples()]
        self._held: dict = {}
        self._roles_on: dict = {}

    def held(self, day: date | None) -> list[tuple[str, str, str]]:
        """``(actor_id, role_en, role_ar)`` of the roles held on ``day``, in
        file order (every role when the day is unknown)."""
        if day not in self._held:
            self._held[day] = [(actor, en, ar) for actor, en, ar, start, end in self._roles
                               if day is None or (start is None or start <= day) and (end is None or day < end)]
        return self._held[day]

    def roles_on(self, day: date | None) -> dict[str, str]:
        """Actor id -> English role held on ``day`` (first listed); {} when
        unknown. Built once per day."""
        if day not in self._roles_on:
            roles = self._roles_on[day] = {}
            for actor, en, _ in self.held(day) if day is not None else ():
                roles.setdefault(actor, en)
        return self._roles_on[day]


def read_actor_lexicon(actors_path: Path | str, roles_path: Path | str, rules_path: Path | str,
                       letters_path: Path | str) -> ActorLexicon:
    """The :class:`ActorLexicon` of four files (actors, roles, spelling
    rules, Latin letter names)."""
    actors = read_actors(actors_path)
    roles = read_roles(roles_path, actors)
    return ActorLexicon(actors, roles, name_forms(actors, read_spelling_rules(rules_path), actors_path,
                                                  read_letters(letters_path)))


def actor_lexicon(lexicons) -> ActorLexicon:
    """The actor lexicon of a :class:`~analysis.lexicons.LexiconSet`."""
    return lexicons.parsed(read_actor_lexicon, "actors.tsv", "actor_roles.tsv", "spelling_rules.tsv",
                           "latin_letters.tsv")
