"""Articles + mentions -> ``quotes``: who is quoted or cited, saying what.

``quotes(articles, sentences, paragraphs, mentions, candidates, timexes,
roles)`` is the ``tagged.quotes`` layer, one row per quote:

- ``article_id, sentence_id, start, end``: the quoted or reported content
  (a direct quote may run over several sentences of its paragraph);
- ``cue``: the words that mark it (قال، بحسب، a colon); ``kind``:
  ``direct`` (in quotation marks, or a pull-quote line "Name: ..."),
  ``reported`` (verb + أن/إن, or a colon without marks), ``according_to``
  (وفق، بحسب، نقلا عن ...);
- ``speaker_text`` (the words naming the source), ``speaker_actor_id`` and
  ``speaker_name_en`` (when it is a lexicon actor: a name, a partial name,
  or a title the actor held on the publication date such as الرئيس
  الروسي), ``speaker_group`` (the actor's group, else the group of a
  country or nationality named with the source, else the group of a source
  word such as خبراء, else "unidentified");
- ``via``: the channel of a relayed quote (نقلت رويترز عن X قوله ..., or
  بحسب رويترز around a quote); ``text``: the content.

Cues come from ``data/quote_cues.tsv``. A verb without a named subject
(أعلن أن ...) takes the speaker of the previous quote in the paragraph.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from .cues import CueMatcher
from .datafiles import data_path, non_empty, one_of, read_table
from .normalization import matching_view, normalize_for_matching
from .sentences import sentence_ids

QUOTE_COLUMNS = ["article_id", "sentence_id", "start", "end", "cue", "kind", "speaker_text", "speaker_actor_id",
                 "speaker_name_en", "speaker_group", "via", "text"]
KINDS = ("verb", "according_to", "adjunct", "source")
VERB_CLITICS = "(?:و|ف|ول|فل)?"  # وقال، فقال؛ not بنقل or كرأى
INTRODUCER = re.compile(r"(?<!\w)[بفل]?ان(?:ه|ها|هم|هما|نا|ني)?(?!\w)|:|[«“\"]|(?<!\w)قول(?:ه|ها|هم)(?!\w)")
OPENING, CLOSING = "«“", "»”"
BOUNDARY = re.compile(r"(?<!\w)[فب]?ان(?:ه|ها|هم)?(?!\w)|[:;«»“”\"]")
LEADING = re.compile(r"^(?:\W|(?:و?لكن|كما|وكان|كان|ثم|بينما|اما|وقد|قد)(?!\w))+")
TRAILING = re.compile(r"(?:\W|(?<!\w)(?:الى|من|ب|عن|قد|على)(?!\w))+$")
ADJUNCT_START = re.compile(r"^(?:و?(?:خلال|في|بعد|قبل|منذ|مع|عند|على|حين|عندما|اثناء|لدى))(?!\w)")
WORD = re.compile(r"\w+")
MAX_SPEAKER_WORDS = 25
MAX_CLAUSE_WORDS = 8   # a subject before the verb longer than this is not taken as the speaker
VIA_VERB = "نقل"


@dataclass(frozen=True)
class Speaker:
    text: str = ""
    actor_id: str | None = None
    name_en: str | None = None
    group: str = "unidentified"
    via: str = ""


@dataclass
class _Quote:
    start: int  # normalized offsets of the content
    end: int
    cue: tuple[int, int]
    kind: str
    speaker: Speaker = field(default_factory=Speaker)


@lru_cache(maxsize=8)
def _read(path: str, mtime: float):
    table = read_table(path, ["cue", "kind", "group", "note"], {"cue": non_empty, "kind": one_of(*KINDS)})
    parts = {kind: table[table["kind"] == kind].reset_index(drop=True) for kind in KINDS}
    return (CueMatcher(parts["verb"]["cue"].tolist(), VERB_CLITICS),
            CueMatcher(parts["according_to"]["cue"].tolist(), VERB_CLITICS),
            CueMatcher(parts["adjunct"]["cue"].tolist(), VERB_CLITICS),
            CueMatcher(parts["source"]["cue"].tolist()), parts["source"]["group"].tolist())


def read_quote_cues(path: Path | str | None = None):
    """``(verbs, according_to, adjuncts, sources, source_groups)`` matchers
    from a quote cue file (bundled by default); a broken line raises
    DataFileError "file:line: problem"."""
    target = Path(path) if path else data_path("quote_cues.tsv")
    return _read(str(target), target.stat().st_mtime)


def _quote_pairs(norm: str, start: int, end: int) -> dict[int, int]:
    """Opening mark position -> closing mark position within a paragraph
    (an unclosed mark runs to the paragraph end)."""
    pairs, open_at, straight = {}, [], None
    for m in re.finditer(r'[«»“”"]', norm[start:end]):
        at, mark = start + m.start(), m.group()
        if mark in OPENING:
            open_at.append(at)
        elif mark in CLOSING and open_at:
            pairs[open_at.pop()] = at
        elif mark == '"':
            if straight is None:
                straight = at
            else:
                pairs[straight], straight = at, None
    for at in open_at + ([straight] if straight is not None else []):
        pairs[at] = end
    return pairs


class _Article:
    """One article's normalized text with its entities, sentences and
    paragraphs in normalized offsets."""

    def __init__(self, text, published, mentions, candidates, timexes, sentences, paragraphs, cues, roles, groups):
        self.text = text
        self.norm, self.offsets = matching_view(text)
        to_norm = lambda values: np.searchsorted(self.offsets, np.asarray(values, dtype=np.int64))  # noqa: E731
        self.verbs, self.according, self.adjuncts, self.sources, self.source_groups = cues
        self.sentence_starts = to_norm(sentences["start"])
        self.sentence_ends = to_norm(sentences["end"])
        self.paragraphs = list(zip(to_norm(paragraphs["start"]), to_norm(paragraphs["end"])))
        self.timex_starts = np.sort(to_norm(timexes["start"]))
        self.entities = []  # (start, end, actor_id, name_en, type, group, kind)
        for row in mentions.itertuples(index=False):
            self.entities.append((int(to_norm([row.start])[0]), int(to_norm([row.end - 1])[0]) + 1, row.actor_id,
                                  row.name_en, row.actor_type, row.group, row.kind))
        for row in candidates.itertuples(index=False):
            self.entities.append((int(to_norm([row.start])[0]), int(to_norm([row.end - 1])[0]) + 1, None, None,
                                  "PERSON", None, "candidate"))
        self.entities.sort(key=lambda e: e[0])
        self.roles = roles_on(roles, published)
        self.groups = groups

    def original(self, start: int, end: int) -> tuple[int, int]:
        return int(self.offsets[start]), int(self.offsets[end - 1]) + 1

    def words(self, start: int, end: int) -> int:
        return len(WORD.findall(self.norm[start:end]))

    def sentence_of(self, at: int) -> tuple[int, int]:
        i = int(np.searchsorted(self.sentence_starts, at, side="right")) - 1
        return int(self.sentence_starts[i]), int(self.sentence_ends[i])

    def paragraph_of(self, at: int) -> tuple[int, int]:
        return next(((s, e) for s, e in self.paragraphs if s <= at < e), (at, len(self.norm)))

    def trim(self, start: int, end: int) -> tuple[int, int]:
        """Span without leading conjunctions or trailing prepositions/punctuation."""
        piece = self.norm[start:end]
        lead = LEADING.match(piece)
        start += lead.end() if lead else 0
        tail = TRAILING.search(self.norm[start:end])
        return start, (start + tail.start() if tail else end)

    def speaker(self, start: int, end: int) -> Speaker | None:
        """The source named in ``norm[start:end]``, or None if it names none."""
        start, end = self.trim(start, end)
        if end - start < 2:
            return None
        text = self.text[slice(*self.original(start, end))]
        inside = [e for e in self.entities if start <= e[0] and e[1] <= end]
        person = next((e for e in inside if e[4] == "PERSON" and e[6] in ("name", "candidate")), None)
        if person:
            return self._actor(person, text)
        for form, actor_id in self.roles:
            if self.norm.startswith(form, start) or self.norm.startswith("ل" + form[2:], start):
                return Speaker(text, actor_id, self.groups[actor_id][0], self.groups[actor_id][1])
        head = next((e for e in inside if e[2] and e[6] == "name" and self.words(start, e[0]) <= 1), None)
        if head:
            return self._actor(head, text)
        named = next((e for e in inside if e[5]), None)
        if named:
            return Speaker(text, group=named[5])
        found = self.sources.find(self.norm[start:end])
        return Speaker(text, group=self.source_groups[found[0][2]] if found else "unidentified")

    @staticmethod
    def _actor(entity, text: str) -> Speaker:
        return Speaker(text, entity[2], entity[3], entity[5] or "unidentified")

    def after_verb(self, start: int, end: int) -> tuple[int, int]:
        """A speaker region after a verb, cut at the first adjunct or date."""
        cut = end
        for s, _, _ in self.adjuncts.find(self.norm[start:end]):
            cut = min(cut, start + s)
            break
        dates = self.timex_starts[(self.timex_starts >= start) & (self.timex_starts < cut)]
        return start, int(dates[0]) if len(dates) else cut

    def before_verb(self, verb_start: int) -> Speaker | None:
        """The subject before a verb (شويغو قد قال، الخبراء يؤكدون), or None."""
        sentence_start, _ = self.sentence_of(verb_start)
        clause_start = sentence_start
        for m in BOUNDARY.finditer(self.norm, sentence_start, verb_start):
            clause_start = m.end()
        start, end = self.trim(clause_start, verb_start)
        if end <= start or ADJUNCT_START.match(self.norm[start:end]):
            return None
        people = [e for e in self.entities if start <= e[0] and e[1] <= end and e[4] == "PERSON"
                  and e[6] in ("name", "candidate")]
        if people:
            return self._actor(people[-1], self.text[slice(*self.original(start, end))])
        if self.words(start, end) > MAX_CLAUSE_WORDS:
            return None
        return self.speaker(start, end)


def roles_on(roles: pd.DataFrame, published) -> list[tuple[str, str]]:
    """``(normalized Arabic title, actor_id)`` held on ``published`` (all
    titles whose holder is unambiguous when the date is unknown), longest first."""
    if pd.isna(published):
        held = roles
    else:
        day = pd.Timestamp(published)
        held = roles[(roles["start"].isna() | (roles["start"] <= day)) & (roles["end"].isna() | (day < roles["end"]))]
    held = held[held["role_ar"].fillna("") != ""]
    owners = held.groupby("role_ar")["actor_id"].transform("nunique")
    pairs = {(normalize_for_matching(r.role_ar), r.actor_id) for r in held[owners == 1].itertuples()}
    return sorted(pairs, key=lambda p: (-len(p[0]), p))


def _content(a: _Article, at: int, sentence_end: int, paragraph_end: int, pairs: dict[int, int]):
    """``(start, end, direct)`` of the content that starts at ``at``."""
    while at < sentence_end and not a.norm[at].isalnum() and a.norm[at] not in OPENING + '"':
        at += 1
    if a.norm[at:at + 3] in ("ان ", "ان\u00a0"):
        at += 3
        while at < sentence_end and a.norm[at] == " ":
            at += 1
    if at in pairs:
        return at + 1, min(pairs[at], paragraph_end), True
    return a.trim(at, sentence_end) + (False,)


def _verb_quotes(a: _Article) -> list[_Quote]:
    found: list[_Quote] = []
    verbs = a.verbs.find(a.norm)
    for n, (verb_start, verb_end, _) in enumerate(verbs):
        if any(q.start <= verb_start < q.end for q in found):
            continue
        sentence_start, sentence_end = a.sentence_of(verb_start)
        paragraph_start, paragraph_end = a.paragraph_of(verb_start)
        pairs = _quote_pairs(a.norm, paragraph_start, paragraph_end)
        intro = INTRODUCER.search(a.norm, verb_end, sentence_end)
        next_verb = verbs[n + 1][0] if n + 1 < len(verbs) else len(a.norm)
        if intro is None or intro.start() > next_verb or a.words(verb_end, intro.start()) > MAX_SPEAKER_WORDS:
            continue
        mark = intro.group()
        if mark in OPENING + '"' and intro.start() not in pairs:
            continue
        start, end, direct = _content(a, intro.start() if mark in OPENING + '"' else intro.end(),
                                      sentence_end, paragraph_end, pairs)
        if end - start < 3:
            continue
        region_start, region_end = verb_end, intro.start()
        via = ""
        verb = a.norm[verb_start:verb_end]
        if VIA_VERB in verb:
            split = re.search(r"(?<!\w)عن(?!\w)", a.norm[region_start:region_end])
            if split is None:
                continue
            via_start, via_end = a.trim(region_start, region_start + split.start())
            via = a.text[slice(*a.original(via_start, via_end))] if via_end > via_start else ""
            region_start += split.end()
        speaker = a.speaker(*a.after_verb(region_start, region_end)) or a.before_verb(verb_start)
        if speaker is None:
            previous = [q for q in found if paragraph_start <= q.start < paragraph_end or q.end >= sentence_start - 1]
            speaker = previous[-1].speaker if previous else Speaker()
        found.append(_Quote(start, end, (verb_start, verb_end), "direct" if direct else "reported",
                            replace(speaker, via=via or speaker.via)))
    return found


def _according_quotes(a: _Article, taken: list[_Quote]) -> list[_Quote]:
    """Quotes marked by وفق / بحسب ...; one that frames a verb quote becomes
    that quote's ``via`` instead."""
    found = []
    for cue_start, cue_end, _ in a.according.find(a.norm):
        if a.norm[cue_start:cue_end].startswith("فحسب") or any(q.start <= cue_start < q.end for q in taken + found):
            continue
        sentence_start, sentence_end = a.sentence_of(cue_start)
        region_start = cue_end
        what = re.match(r"\s+ما\s+\w+", a.norm[region_start:sentence_end])
        if what:
            region_start += what.end()
        stop = re.compile(r"،|,|(?<!\w)ف?ان(?:ه|ها)?(?!\w)|[.:؛]").search(a.norm, region_start, sentence_end)
        region_end = stop.start() if stop else sentence_end
        while stop and stop.group() in "،," and any(e[4] == "PERSON" and 0 <= e[0] - stop.end() <= 1
                                                    for e in a.entities):
            person = next(e for e in a.entities if e[4] == "PERSON" and 0 <= e[0] - stop.end() <= 1)
            stop = re.compile(r"،|,|[.:؛]").search(a.norm, person[1], sentence_end)
            region_end = stop.start() if stop else sentence_end
        speaker = a.speaker(region_start, region_end)
        if speaker is None:
            continue
        opening = a.trim(sentence_start, cue_start)
        at_clause_start = opening[1] <= opening[0] or a.norm[cue_start - 2:cue_start].strip() in ("،", ",") \
            or a.words(*opening) <= 1
        after = a.trim(region_end, sentence_end)
        if at_clause_start and a.words(*after) >= 3:
            start, end = after
            if a.norm.startswith("فان ", start) or a.norm.startswith("ان ", start):
                start = a.trim(start + a.norm.index(" ", start) - start + 1, end)[0]
        else:
            start, end = opening
        inner = [q for q in taken if start <= q.cue[0] < end]
        if inner:
            for q in inner:
                q.speaker = replace(q.speaker, via=q.speaker.via or speaker.text)
            continue
        if end - start >= 3:
            found.append(_Quote(start, end, (cue_start, cue_end), "according_to", speaker))
    return found


def _pull_quotes(a: _Article) -> list[_Quote]:
    """Paragraphs opening "Name: ..." (a person named, then a colon)."""
    found = []
    for start, end in a.paragraphs:
        entity = next((e for e in a.entities if e[0] == start and e[4] == "PERSON"), None)
        colon = re.match(r"\s*:\s*", a.norm[entity[1]:end]) if entity else None
        if colon and end - (entity[1] + colon.end()) >= 3:
            name = a.text[slice(*a.original(entity[0], entity[1]))]
            found.append(_Quote(entity[1] + colon.end(), end, (entity[1], entity[1] + colon.end()), "direct",
                                _Article._actor(entity, name)))
    return found


def quotes(articles: pd.DataFrame, sentence_table: pd.DataFrame, paragraph_table: pd.DataFrame,
           mentions: pd.DataFrame, candidates: pd.DataFrame, timexes: pd.DataFrame, actors: pd.DataFrame,
           roles: pd.DataFrame, path: Path | str | None = None) -> pd.DataFrame:
    """The ``tagged.quotes`` layer (columns: module doc). ``actors`` and
    ``roles``: the lexicon tables of :func:`analysis.lexicon.load_lexicon`."""
    cues = read_quote_cues(path)
    groups = {r.id: (r.name_en, r.group) for r in actors.itertuples()}
    by_article = {name: dict(tuple(frame.groupby("article_id", sort=False)))
                  for name, frame in (("mentions", mentions[mentions["actor_id"].notna() | (mentions["kind"] != "name")]),
                                      ("candidates", candidates), ("timexes", timexes),
                                      ("sentences", sentence_table), ("paragraphs", paragraph_table))}
    empty = {name: frame.iloc[:0] for name, frame in (("mentions", mentions), ("candidates", candidates),
                                                       ("timexes", timexes))}
    rows = []
    for article_id, row in articles.iterrows():
        if article_id not in by_article["sentences"]:
            continue
        parts = {name: by_article[name].get(article_id, empty.get(name)) for name in by_article}
        a = _Article(row["text"], row["published"], parts["mentions"], parts["candidates"], parts["timexes"],
                     parts["sentences"], parts["paragraphs"], cues, roles, groups)
        verb_quotes = _verb_quotes(a)
        pull = [q for q in _pull_quotes(a) if not any(v.start <= q.start < v.end for v in verb_quotes)]
        found = verb_quotes + pull
        found += _according_quotes(a, found)
        for q in sorted(found, key=lambda q: q.start):
            start, end = a.original(q.start, q.end)
            cue = a.text[slice(*a.original(*q.cue))]
            s = q.speaker
            rows.append((article_id, start, end, cue, q.kind, s.text,
                         s.actor_id, s.name_en, s.group, s.via, row["text"][start:end]))
    table = pd.DataFrame(rows, columns=[c for c in QUOTE_COLUMNS if c != "sentence_id"])
    table.insert(1, "sentence_id", sentence_ids(table, sentence_table))
    return table[QUOTE_COLUMNS]
