"""Articles -> ``mentions``: every mention of a lexicon actor, with offsets.

Columns: ``article_id, sentence_id, start, end, surface, actor_id, name_en,
wikidata, actor_type, kind, group, match, role``.

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

from collections import defaultdict
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .candidates import find_candidates
from .lexicon import key_of, load_lexicon
from .sentences import sentence_ids, sentence_texts
from .words import Words, article_words, bare_forms

MENTION_COLUMNS = ["article_id", "sentence_id", "start", "end", "surface", "actor_id", "name_en",
                   "wikidata", "actor_type", "kind", "group", "match", "role"]


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
        self.index = {first: sorted(((rest, (tuple(sorted(v[0])), v[1], v[2])) for rest, v in by_rest.items()),
                                    key=lambda item: -len(item[0]))
                      for first, by_rest in grouped.items()}

    def match(self, words: Words, i: int) -> Hit | None:
        """Longest form starting at word ``i`` (clitics stripped), or None."""
        best = None
        for clitic, bare in bare_forms(words.words[i]):
            for rest, (actors, kind, generated) in self.index.get(key_of([bare]), ()):
                last = i + len(rest)
                if best is not None and last <= best.last:
                    break
                if last < len(words.words) and all(words.joined[i:last]) \
                        and tuple(words.words[i + 1:last + 1]) == rest:
                    best = Hit(i, last, clitic, (bare, *rest), actors, kind, generated)
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
    persons = [who for who in named_anywhere if isinstance(who, tuple)]
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
        options = set(item.actors) | {p for p in persons if _names_person(item.words, p[1:])}
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


CANDIDATE_COLUMNS = ["article_id", "sentence_id", "start", "end", "surface", "cue", "cue_kind", "context"]


def _roles_on(mentions: pd.DataFrame, roles: pd.DataFrame, published: pd.Series) -> pd.Series:
    """Role of each mention's actor on its article's publication date."""
    if mentions.empty:
        return pd.Series(index=mentions.index, dtype=object)
    dated = mentions[["actor_id"]].assign(published=mentions["article_id"].map(published), row=range(len(mentions)))
    joined = dated.merge(roles[["actor_id", "role_en", "start", "end"]], on="actor_id")
    holds = (joined["start"].isna() | (joined["start"] <= joined["published"])) & \
            (joined["end"].isna() | (joined["published"] < joined["end"])) & joined["published"].notna()
    role = joined[holds].drop_duplicates("row").set_index("row")["role_en"]
    return pd.Series(range(len(mentions)), index=mentions.index).map(role)


def actor_mentions(articles: pd.DataFrame, sentence_table: pd.DataFrame, paragraph_table: pd.DataFrame,
                   lexicon: tuple | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(mentions, candidates)`` for ``articles`` (see module doc).

    ``lexicon``: ``(actors, roles, forms)`` from :func:`analysis.lexicon.load_lexicon`
    (the bundled lexicon when None).
    """
    actors, roles, forms = lexicon or load_lexicon()
    full, short = FormIndex(forms[forms["kind"] != "short"]), FormIndex(forms[forms["kind"] == "short"])
    actor_type = dict(zip(actors["id"], actors["type"]))
    mention_rows, candidate_rows = [], []
    paragraph_starts_of = {a: g["start"].to_numpy() for a, g in paragraph_table.groupby("article_id", sort=False)}
    for article_id, text in articles["text"].items():
        words = article_words(text)
        hits, shorts = find_names(words, full, short)
        taken = {w: actor_type[h.actors[0]] for h in hits for w in range(h.first, h.last + 1)}
        partial = {(h.first, h.last) for h in shorts}
        found = [c for c in find_candidates(words, text, taken)
                 if not any(first <= c[0] and c[1] <= last for first, last in partial)]
        paragraph_starts = paragraph_starts_of.get(article_id, np.zeros(0, dtype=np.int64))

        def paragraph_of(word: int) -> int:
            return int(paragraph_starts.searchsorted(words.text_starts[word], side="right"))

        people = [(first, last, tuple(words.words[first:last + 1])) for first, last, *_ in found]
        resolved = [(h, h.actors[0], h.kind, "variant" if h.generated else "listed") for h in hits]
        resolved += [(h, who, "name" if who else "unresolved", "partial")
                     for h, who in resolve_partials(hits, shorts, people, paragraph_of)]
        for hit, who, kind, how in resolved:
            start, end = words.span(hit.first, hit.last, hit.clitic)
            mention_rows.append((article_id, start, end, text[start:end], who, kind, how))
        for first, last, cue_first, cue_last, cue_kind in found:
            start, end = words.span(first, last)
            cue_start, cue_end = words.span(cue_first, cue_last)
            candidate_rows.append((article_id, start, end, text[start:end], text[cue_start:cue_end], cue_kind))
    mentions = pd.DataFrame(mention_rows, columns=["article_id", "start", "end", "surface", "actor_id", "kind", "match"])
    mentions = mentions.sort_values(["article_id", "start"], kind="stable").reset_index(drop=True)
    info = actors.set_index("id")
    mentions["name_en"] = mentions["actor_id"].map(info["name_en"])
    mentions["wikidata"] = mentions["actor_id"].map(info["wikidata"])
    mentions["actor_type"] = mentions["actor_id"].map(info["type"])
    mentions["group"] = mentions["actor_id"].map(info["group"])
    mentions["role"] = _roles_on(mentions, roles, articles["published"])
    candidates = pd.DataFrame(candidate_rows, columns=["article_id", "start", "end", "surface", "cue", "cue_kind"])
    for table in (mentions, candidates):
        table["sentence_id"] = sentence_ids(table, sentence_table)
    candidates["context"] = sentence_texts(candidates, sentence_table)
    return mentions[MENTION_COLUMNS], candidates[CANDIDATE_COLUMNS]
