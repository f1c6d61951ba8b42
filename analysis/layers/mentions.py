"""View -> ``mentions``: every mention of a lexicon actor, with offsets, and
``candidates``: person names the lexicon lacks (:mod:`analysis.candidates`).

``mentions``: ``article_id, sentence_id, start, end, surface, actor_id,
name_en, wikidata, actor_type, kind, group, match, role``.
``candidates``: ``article_id, sentence_id, start, end, surface, cue,
cue_kind, context`` (the sentence).

- ``kind``: ``name`` (a name or a resolved partial name), ``adjective`` (a
  nisba form such as الروسية, mapped to the country), ``unresolved`` (a
  partial name such as كيم that could be two people; ``actor_id`` is empty).
- ``match``: ``listed`` (a form in the lexicon), ``variant`` (made by a
  spelling rule), ``partial`` (a short form resolved in the article).
- ``role``: the actor's role on the article's publication date.

Matching looks words up in a dictionary keyed by the lexicon's normalized
forms, trying each word with and without its proclitics; the longest name
wins. Cost grows with the text, not with the lexicon. Partial names are
resolved by :func:`resolve_partials` once candidates (names the lexicon
lacks) are known, so "كيم" after "كيم تيوو" is not taken for Kim Jong Un.
"""
from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass
from itertools import accumulate
from typing import NamedTuple

import numpy as np
import pandas as pd

from ..candidates import candidate_rules, find_candidates
from ..lexicon import LATIN, actor_lexicon, fold, key_of
from ..pipeline import layer
from ..words import Words, bare_forms


class Mention(NamedTuple):
    start: int
    end: int
    surface: str
    actor_id: str | None
    name_en: str | None
    wikidata: str | None
    actor_type: str | None
    kind: str
    group: str | None
    match: str
    role: str | None


class Candidate(NamedTuple):
    start: int
    end: int
    surface: str
    cue: str
    cue_kind: str
    context: str


@dataclass(frozen=True)
class Hit:
    """One dictionary match: words ``first..last`` (``words``: as written,
    normalized, clitic removed); ``actors`` has one id for a full form and
    every possible id for a short form."""
    first: int
    last: int
    clitic: int
    words: tuple[str, ...]
    actors: tuple[str, ...]
    kind: str
    generated: bool


class FormIndex:
    """Lexicon forms keyed by their first word: ``{first: [(rest, value)]}``,
    longest rest first."""

    def __init__(self, forms: pd.DataFrame):
        grouped: dict[str, dict[tuple, list]] = defaultdict(dict)
        for row in forms.itertuples():
            first, *rest = row.key.split(" ")
            entry = grouped[first].setdefault(tuple(rest), [set(), row.kind, True])
            entry[0].add(row.actor_id)
            entry[2] = entry[2] and row.generated
        self.index = {first: sorted(((rest, (tuple(sorted(v[0])), v[1], v[2]), LATIN.search(" ".join(rest)) is not None)
                                     for rest, v in by_rest.items()), key=lambda item: -len(item[0]))
                      for first, by_rest in grouped.items()}
        self._entries: dict[str, tuple] = {}

    def entries(self, word: str) -> tuple:
        """``(clitic length, bare form, forms starting with it, typo)`` for
        each way ``word`` splits into a clitic and a form's first word, also
        with a letter doubled after the article written once (الوولايات:
        ``typo`` True); looked up once per distinct word."""
        found = self._entries.get(word)
        if found is None:
            found = []
            for clitic, bare in bare_forms(word):
                doubled = bare.startswith("ال") and len(bare) > 4 and bare[2] == bare[3]
                for form, typo in ((bare, False), (bare[:2] + bare[3:], True)) if doubled else ((bare, False),):
                    key = key_of([form])
                    if key in self.index:
                        found.append((clitic, bare, self.index[key], typo))
            found = self._entries[word] = tuple(found)
        return found

    def match(self, words: Words, i: int) -> Hit | None:
        """Longest form starting at word ``i`` (clitics stripped), or None."""
        best = None
        for clitic, bare, forms, typo in self.entries(words.words[i]):
            for rest, (actors, kind, generated), latin in forms:
                last = i + len(rest)
                if best is not None and last <= best.last:
                    break
                following = tuple(words.words[i + 1:last + 1])
                if last < len(words.words) and all(words.joined[i:last]) \
                        and (following == rest or latin and tuple(map(fold, following)) == rest):
                    best = Hit(i, last, clitic, (bare, *rest), actors, kind, generated or typo)
                    break
        return best


def find_names(words: Words, full: FormIndex, short: FormIndex) -> tuple[list[Hit], list[Hit]]:
    """Scan words left to right: ``(full-form hits, short-form hits)``."""
    hits, shorts, i = [], [], 0
    while i < len(words.words):
        hit = full.match(words, i) or short.match(words, i)
        if hit is None:
            i += 1
            continue
        (shorts if hit.kind == "short" else hits).append(hit)
        i = hit.last + 1
    return hits, shorts


def extend_long_names(hits: list[Hit], words: Words, long_names: dict[str, list[tuple[frozenset, str]]]) -> list[Hit]:
    """A name followed by words of another actor's official long name that
    starts with the same word, in any order, with words dropped (جمهورية
    كوريا الشعبية): that actor's (never South Korea's جمهورية كوريا inside a
    name of the DPRK). ``long_names``: first word -> ``(word set, actor)``
    of the listed names of three words or more that start with it."""
    out = []
    for hit in hits:
        first = key_of([hit.words[0]])
        if hit.kind != "name" or first not in long_names:
            out.append(hit)
            continue
        taken, last = {first, *hit.words[1:]}, hit.last
        owner = None
        while last + 1 < len(words.words) and words.joined[last]:
            more = taken | {fold(words.words[last + 1])}
            fits = [actor for names, actor in long_names[first] if more <= names and actor not in hit.actors]
            if not fits or len(more) == len(taken):
                break
            taken, last, owner = more, last + 1, fits[0]
        out.append(Hit(hit.first, last, hit.clitic, hit.words + tuple(words.words[hit.last + 1:last + 1]), (owner,),
                       hit.kind, True) if owner else hit)
    return out


def _names_person(short_words: tuple[str, ...], person: tuple[str, ...]) -> bool:
    """Whether a short form is the first or last word(s) of a person's name."""
    size = len(short_words)
    return size < len(person) and (person[:size] == short_words or person[-size:] == short_words)


def resolve_partials(hits: list[Hit], shorts: list[Hit], people: list[tuple[int, int, tuple[str, ...]]],
                     paragraph_of) -> list[tuple[Hit, str | None]]:
    """Decide who each short form names: ``[(hit, actor_id or None)]``.

    ``people``: persons the lexicon lacks, as ``(first, last, words)``. A
    short form inside one of them is dropped, and one that names them (كيم
    after كيم تيوو) is not given to a lexicon actor. A short form goes to the
    person named most often before it among those it can name (or, when none
    came before, to the only one named anywhere in the article). A tie, or a
    rival named last in the same paragraph, leaves it unresolved (None).
    """
    inside = {w for first, last, _ in people for w in range(first, last + 1)}
    events = [(h.first, h.actors[0]) for h in hits if h.kind == "name"]
    events += [(first, ("person",) + ws) for first, _, ws in people]
    named_anywhere = {who for _, who in events}
    by_edge: dict = defaultdict(list)  # first or last word -> the persons it begins or ends
    for who in named_anywhere:
        if isinstance(who, tuple):
            by_edge[who[1]].append(who)
            by_edge[who[-1]].append(who)
    counts: dict = defaultdict(int)
    latest: dict = {}
    resolved = []
    queue = sorted([(p, 0, who) for p, who in events] + [(h.first, 1, h) for h in shorts if h.first not in inside],
                   key=lambda e: (e[0], e[1]))
    for position, is_short, item in queue:
        if not is_short:
            counts[item] += 1
            latest[item] = position
            continue
        edges = by_edge.get(item.words[0], []) + by_edge.get(item.words[-1], [])
        options = set(item.actors) | {p for p in edges if _names_person(item.words, p[1:])}
        before = {who: counts[who] for who in options if counts[who] > 0}
        choice = None
        if before:
            top = max(before.values())
            leaders = [who for who, count in before.items() if count == top]
            last_named = max(before, key=lambda who: latest[who])
            if len(leaders) == 1 and (last_named == leaders[0]
                                      or paragraph_of(latest[last_named]) != paragraph_of(position)):
                choice = leaders[0]
        else:
            anywhere = [who for who in options if who in named_anywhere]
            choice = anywhere[0] if len(anywhere) == 1 else None
        if choice is not None:
            counts[choice] += 1
            latest[choice] = position
        if not isinstance(choice, tuple):
            resolved.append((item, choice))
    return resolved


def _covered(spans: set[tuple[int, int]]):
    """``(first, last)`` word spans -> a test of whether a span lies inside one of them."""
    ordered = sorted(spans)
    firsts, reach = [f for f, _ in ordered], list(accumulate((last for _, last in ordered), max))

    def inside(first: int, last: int) -> bool:
        i = bisect_right(firsts, first)
        return i > 0 and reach[i - 1] >= last
    return inside


def form_indexes(lexicons) -> tuple[FormIndex, FormIndex, dict[str, list[tuple[frozenset, str]]]]:
    """``(full forms, short forms, long names)`` of a lexicon set's actors
    (long names: the word sets of listed names of three words or more, as
    :func:`extend_long_names` reads them)."""
    forms = actor_lexicon(lexicons).forms
    listed = forms[(forms["kind"] == "name") & ~forms["generated"]]
    long_names: dict[str, list[tuple[frozenset, str]]] = defaultdict(list)
    for key, actor in zip(listed["key"], listed["actor_id"]):
        if key.count(" ") >= 2:
            long_names[key.split(" ")[0]].append((frozenset(key.split(" ")), actor))
    return FormIndex(forms[forms["kind"] != "short"]), FormIndex(forms[forms["kind"] == "short"]), long_names


@layer("mentions", assigns={"mentions": Mention, "candidates": Candidate})
def mentions(view, lexicons, found) -> dict[str, list]:
    """Mentions and candidates of one article (see module doc)."""
    lexicon = actor_lexicon(lexicons)
    full, short, long_names = lexicons.derived(form_indexes)
    text, words = view.text, view.words
    hits, shorts = find_names(words, full, short)
    hits = extend_long_names(hits, words, long_names)
    taken = {w: lexicon.info[h.actors[0]][2] for h in hits for w in range(h.first, h.last + 1)}
    inside_short = _covered({(h.first, h.last) for h in shorts})
    spans = [c for c in find_candidates(words, text, taken, candidate_rules(lexicons))
             if not inside_short(c.first, c.last)]
    paragraph_starts = np.array([s for s, _, _ in view.paragraphs], dtype=np.int64)

    def paragraph_of(word: int) -> int:
        return int(paragraph_starts.searchsorted(words.text_starts[word], side="right"))

    people = [(c.first, c.last, tuple(words.words[c.first:c.last + 1])) for c in spans]
    resolved = [(h, h.actors[0], h.kind, "variant" if h.generated else "listed") for h in hits]
    resolved += [(h, who, "name" if who else "unresolved", "partial")
                 for h, who in resolve_partials(hits, shorts, people, paragraph_of)]
    roles = lexicon.roles_on(view.published)
    rows = []
    for hit, who, kind, how in resolved:
        start, end = words.span(hit.first, hit.last, hit.clitic)
        name_en, wikidata, actor_type, group = lexicon.info[who] if who else (None, None, None, None)
        rows.append(Mention(start, end, text[start:end], who, name_en, wikidata, actor_type, kind, group, how,
                            roles.get(who)))
    rows.sort(key=lambda m: m.start)
    candidates = []
    for c in spans:
        start, end = words.span(c.first, c.last)
        cue_start, cue_end = words.span(c.cue_first, c.cue_last)
        s, e, _ = view.sentences[int(view.sentence_ids([start])[0])]
        candidates.append(Candidate(start, end, text[start:end], text[cue_start:cue_end], c.cue_kind, text[s:e]))
    return {"mentions": rows, "candidates": candidates}
