"""View + mentions, candidates, timexes -> ``quotes``: every claim
attributed to a source, saying what. One row per quote or claim:

- ``article_id, sentence_id, start, end``: the quoted, reported or claimed
  content (a direct quote may run over several sentences of its paragraph);
- ``cue``: the words that mark it (قال، بحسب، اتهم، a colon); ``form``:
  ``direct`` (in quotation marks, or a pull-quote line "Name: ..."),
  ``reported`` (verb + أن/إن, or a colon without marks), ``according_to``
  (وفق، بحسب، نقلا عن ...), ``object`` (a claim verb with a noun or
  prepositional object: اتهمت واشنطن بيونغ يانغ بتزويد ...، نفت موسكو ...);
  ``kind``: the claim the cue makes (``accusation``, ``denial``,
  ``warning``, ``pledge``, ``concern``, ``characterisation``, ``opinion``,
  ``document``; the ``claim`` column of the cue file), else the form;
- ``speaker_text`` (the words naming the source), ``speaker_actor_id`` and
  ``speaker_name_en`` (when it is a lexicon actor: a name, a partial name,
  or a title the actor held on the publication date such as الرئيس
  الروسي), ``speaker_group`` (the actor's group, else the group of a
  country or nationality named with the source, else the group of a source
  word such as خبراء, else "unidentified");
- ``via``: the channel of a relayed quote (نقلت رويترز عن X قوله ..., or
  بحسب رويترز around a quote); ``text``: the content;
- ``speaker_type``: ``person``, ``state`` (a country, capital or bloc, or
  a nationality used as a noun: الغربيون), ``institution``, ``media`` (an
  organisation whose group names media), ``officials``, ``experts``,
  ``document`` (a source word's group), else ``unnamed``;
- ``target``: who is accused or what is characterised, when the claim
  names it (اتهمت واشنطن **بيونغ يانغ** بتزويد ...), else "".

Cues come from ``data/quote_cues.tsv``. A verb without a named subject
(أعلن أن ...) takes the speaker of the previous quote in the paragraph.
A claim with an object needs a source: a lexicon actor, a name, a source
word or a nationality used as a noun (تتهم الناقلات الروسية بـ ... has none).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from datetime import date
from typing import NamedTuple

import numpy as np
import pandas as pd

from ..cues import CueMatcher, valid_cue
from ..datafiles import one_of, read_table
from ..lexicon import actor_lexicon
from ..normalization import normalize_for_matching
from ..pipeline import layer


class Quote(NamedTuple):
    start: int
    end: int
    cue: str
    kind: str
    speaker_text: str
    speaker_actor_id: str | None
    speaker_name_en: str | None
    speaker_group: str
    via: str
    text: str
    form: str
    speaker_type: str
    target: str


class Entity(NamedTuple):
    """A lexicon actor or a candidate name, in normalized offsets."""
    start: int
    end: int
    actor_id: str | None
    name_en: str | None
    type: str
    group: str | None
    kind: str


class QuoteCues(NamedTuple):
    verbs: CueMatcher
    verb_kinds: list[str]
    claims: list[str]  # the claim kind of each verb ("" for none)
    according_to: CueMatcher
    adjuncts: CueMatcher
    sources: CueMatcher
    source_groups: list[str]


KINDS = ("verb", "participle", "according_to", "adjunct", "source")
CLAIMS = ("accusation", "denial", "warning", "pledge", "concern", "characterisation", "opinion", "document")
# where the content of a claim with an object starts (normalized text): at the
# first word with ب outside a name, after من, after إزاء/بشأن/من (with the
# worry named after أعرب/أبدى), after على; denial and opinion: after the speaker
NOT_OBJECT = r"(?!ين|عد|سبب|شان|حسب|اسم|دور|رغم|فضل|موجب|شكل|صفت|ينما|ما(?!\w))"  # بين، باسم ...: no object
OBJECT_MARKERS = {
    "accusation": re.compile(rf"(?<!\w)ب{NOT_OBJECT}\S"),
    "pledge": re.compile(rf"(?<!\w)ب{NOT_OBJECT}\S"),
    "characterisation": re.compile(rf"(?<!\w)ب{NOT_OBJECT}\S"),
    "warning": re.compile(r"(?<!\w)من(?!\w)"),
    "concern": re.compile(r"(?:(?<!\w)(?:عن\s+)?(?P<worry>قلق|مخاوف|انزعاج|خشي)\w*(?:\s+\w+)?\s+)?"
                          r"(?<!\w)(?:ازاء|بشان|من|حيال|تجاه)(?!\w)"),
    "document": re.compile(r"(?<!\w)علي(?!\w)"),
}
WORRY_VERBS = re.compile(r"شك|خش|قلق")  # concern verbs that need no worry noun after them (يشكون من)
TARGETED = ("accusation", "characterisation")  # claims that name who is accused / what is characterised
VERBAL_NOUN = re.compile(r"(?<!\w)(?:عن|من|في|علي|الي|او)\s+$")  # عن تأكيد أو نفي: نفي is a noun here
CLAUSE_END = re.compile(r"[،,؛;]\s*(?:و|ف|لكن|بينما|فيما|في حين)|(?<!\w)(?:فيما|بينما|لكن\w*)(?!\w)|[.!?؟]")
RELATIVE = re.compile(r"(?:[،,]\s*)?(?<!\w)(?:الذي|التي|الذين|اللذين|اللتين)\s*$")
SPEAKER_TYPES = {"experts": "experts", "officials": "officials", "media": "media", "unnamed sources": "unnamed",
                 "documents": "document", "institutions": "institution"}
ACTOR_TYPES = {"PERSON": "person", "COUNTRY": "state", "CITY": "state", "REGION": "state", "ORG": "institution"}
VERB_CLITICS = "(?:و|ف|ول|فل)?"  # وقال، فقال؛ not بنقل or كرأى
INTRODUCER = re.compile(r"(?<!\w)[بفل]?ان(?:ه|ها|هم|هما|نا|ني)?(?!\w)|:|[«“\"]|(?<!\w)قول(?:ه|ها|هم)(?!\w)")
OPENING, CLOSING = "«“", "»”"
BOUNDARY = re.compile(r"(?<!\w)[فب]?ان(?:ه|ها|هم)?(?!\w)|[:;«»“”\"]")
LEADING = re.compile(r"^(?:\W|(?:و?لكن|كما|وكان|كان|ثم|بينما|اما|وقد|قد)(?!\w))+")
TRAILING = re.compile(r"(?:\W|(?<!\w)(?:الي|من|ب|عن|قد|علي)(?!\w))+$")  # normalized: إلى -> الي
ADJUNCT_START = re.compile(r"^(?:و?(?:خلال|في|بعد|قبل|منذ|مع|عند|علي|حين|عندما|اثناء|لدي))(?!\w)")
NEW_CLAUSE = re.compile(r"[،,]\s*(?:و|لكن|بينما)")  # a speaker region never runs over "، و ..."
WORD = re.compile(r"\w+")
SOURCE_END = re.compile(r"،|,|(?<!\w)ف?ان(?:ه|ها)?(?!\w)|[.:؛]")
MAX_SPEAKER_WORDS = 25
SCARE_QUOTE_WORDS = 3  # quoted words after a verb that are a name or a scare quote, not the quote
MAX_SPEAKER_TEXT_WORDS = 12  # a longer source phrase with a name in it is shown as the name
MAX_CLAUSE_WORDS = 8   # a subject before the verb longer than this is not taken as the speaker
VIA_VERB = "نقل"


@dataclass(frozen=True)
class Speaker:
    text: str = ""
    actor_id: str | None = None
    name_en: str | None = None
    group: str = "unidentified"
    via: str = ""
    type: str = "unnamed"


@dataclass
class _Quote:
    start: int  # normalized offsets of the content
    end: int
    cue: tuple[int, int]
    kind: str
    speaker: Speaker = field(default_factory=Speaker)
    form: str = ""  # direct, reported, according_to or object; "" = the kind
    target: str = ""
    region: tuple[int, int] = (0, 0)  # where its speaker is named (an attribution inside relays it)

    @property
    def shape(self) -> str:
        """The form: direct, reported, according_to or object."""
        return self.form or self.kind


def read_quote_cues(path) -> QuoteCues:
    """The cue matchers of a quote cue file; a broken line raises
    DataFileError "file:line: problem"."""
    table = read_table(path, ["cue", "kind", "group", "note"], {"cue": valid_cue, "kind": one_of(*KINDS),
                                                             "claim": one_of("", *CLAIMS)}, optional=("claim",))
    parts = {kind: table[table["kind"] == kind].reset_index(drop=True) for kind in KINDS}
    speech = pd.concat([parts["verb"], parts["participle"]], ignore_index=True)
    return QuoteCues(CueMatcher(speech["cue"].tolist(), VERB_CLITICS), speech["kind"].tolist(), speech["claim"].tolist(),
                     CueMatcher(parts["according_to"]["cue"].tolist(), VERB_CLITICS),
                     CueMatcher(parts["adjunct"]["cue"].tolist(), VERB_CLITICS),
                     CueMatcher(parts["source"]["cue"].tolist()), parts["source"]["group"].tolist())


def speaker_names(lexicons) -> dict[str, tuple[str, str, str]]:
    """Actor id -> ``(name_en, group, type)``, for speakers found by their title."""
    return {actor_id: (name_en, group, actor_type)
            for actor_id, (name_en, _, actor_type, group) in actor_lexicon(lexicons).info.items()}


def actor_speaker_type(actor_type: str, group: str | None) -> str:
    """A lexicon actor's speaker type: an organisation whose group names
    media is ``media``, else by its type (see module doc)."""
    if actor_type == "ORG" and "media" in (group or ""):
        return "media"
    return ACTOR_TYPES.get(actor_type, "unnamed")


class Titles:
    """Per publication date, ``(title regex, actor_id)`` for the Arabic
    titles held that day by one actor (all titles whose holder is
    unambiguous when the date is unknown), longest first; the regex allows
    the article after a clitic (للرئيس الروسي). Built once per date."""

    def __init__(self, lexicons):
        self.lexicon = actor_lexicon(lexicons)
        self._on: dict = {}
        self._patterns: dict[str, re.Pattern] = {}

    def on(self, day: date | None) -> list[tuple[re.Pattern, str]]:
        if day not in self._on:
            held = [(actor, ar) for actor, _, ar in self.lexicon.held(day) if ar]
            owners: dict[str, set] = {}
            for actor, ar in held:
                owners.setdefault(ar, set()).add(actor)
            pairs = sorted({(normalize_for_matching(ar), actor) for actor, ar in held if len(owners[ar]) == 1},
                           key=lambda p: (-len(p[0]), p))
            self._on[day] = [(self._pattern(form), actor) for form, actor in pairs]
        return self._on[day]

    def _pattern(self, form: str) -> re.Pattern:
        if form not in self._patterns:
            bare = form[2:] if form.startswith("ال") else form
            self._patterns[form] = re.compile(rf"(?<!\w)(?:ال|لل|ل)?{re.escape(bare)}(?!\w)")
        return self._patterns[form]


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
    """One article's view with its entities, sentences and paragraphs in
    normalized offsets."""

    def __init__(self, view, found: dict, cues: QuoteCues, titles: list, info: dict):
        self.view, self.text = view, view.text
        self.norm, self.offsets = view.normalized, view.offsets
        to_norm = view.to_normalized
        self.kinds, self.according, self.adjuncts = cues.verb_kinds, cues.according_to, cues.adjuncts
        self.claims = cues.claims
        self.sources, self.source_groups = cues.sources, cues.source_groups
        self.verb_spans = cues.verbs.find(self.norm, words=view.words)
        self.verb_starts = [m.start for m in self.verb_spans]
        self.sentence_starts = to_norm([s for s, _, _ in view.sentences])
        self.sentence_ends = to_norm([e for _, e, _ in view.sentences])
        self.paragraphs = list(zip(to_norm([s for s, _, _ in view.paragraphs]).tolist(),
                                   to_norm([e for _, e, _ in view.paragraphs]).tolist()))
        self.pairs = {}  # opening quotation mark -> its closing mark, over all paragraphs
        for start, end in self.paragraphs:
            self.pairs.update(_quote_pairs(self.norm, start, end))
        self.timex_starts = np.sort(to_norm([t.start for t in found["timexes"]]))
        mentions, candidates = found["mentions"], found["candidates"]
        starts, ends = to_norm([m.start for m in mentions]).tolist(), to_norm([m.end for m in mentions]).tolist()
        self.entities = [Entity(s, e, m.actor_id, m.name_en, m.actor_type, m.group, m.kind)
                         for s, e, m in zip(starts, ends, mentions)]
        starts, ends = to_norm([c.start for c in candidates]).tolist(), to_norm([c.end for c in candidates]).tolist()
        self.entities += [Entity(s, e, None, None, "PERSON", None, "candidate") for s, e in zip(starts, ends)]
        self.entities.sort(key=lambda e: e.start)
        self.entity_starts = [e.start for e in self.entities]
        self.paragraph_starts = [start for start, _ in self.paragraphs]
        self.roles = titles
        self.groups = info

    def starting(self, start: int, end: int) -> list[Entity]:
        """Entities that start in ``[start, end)``, in text order."""
        return self.entities[bisect_left(self.entity_starts, start):bisect_left(self.entity_starts, end)]

    def within(self, start: int, end: int) -> list[Entity]:
        """Entities lying inside ``[start, end]``, in text order."""
        return [e for e in self.starting(start, end + 1) if e.end <= end]

    def original(self, start: int, end: int) -> tuple[int, int]:
        return self.view.span(start, end)

    def surface(self, start: int, end: int) -> str:
        """Original text of a normalized span."""
        return self.text[slice(*self.original(start, end))]

    def words(self, start: int, end: int) -> int:
        return len(WORD.findall(self.norm[start:end]))

    def sentence_of(self, at: int) -> tuple[int, int]:
        i = int(np.searchsorted(self.sentence_starts, at, side="right")) - 1
        return int(self.sentence_starts[i]), int(self.sentence_ends[i])

    def paragraph_of(self, at: int) -> tuple[int, int]:
        i = bisect_right(self.paragraph_starts, at) - 1
        return self.paragraphs[i] if i >= 0 and at < self.paragraphs[i][1] else (at, len(self.norm))

    def trim(self, start: int, end: int) -> tuple[int, int]:
        """Span without leading conjunctions or trailing prepositions/punctuation."""
        piece = self.norm[start:end]
        lead = LEADING.match(piece)
        start += lead.end() if lead else 0
        tail = TRAILING.search(self.norm[start:end])
        return start, (start + tail.start() if tail else end)

    def previous_sentence(self, at: int) -> int:
        i = int(np.searchsorted(self.sentence_starts, at, side="right")) - 2
        return int(self.sentence_starts[max(i, 0)])

    def region_type(self, start: int, end: int) -> str:
        """Speaker type of a source no actor stands for: its first source
        word's (مسؤول -> officials), else ``state`` when it names a country
        or nationality (الغربيون), else ``unnamed``."""
        found = self.sources.find(self.norm[start:end])
        if found:
            return SPEAKER_TYPES.get(self.source_groups[found[0].index], "unnamed")
        return "state" if any(e.group for e in self.within(start, end)) else "unnamed"

    def region_group(self, start: int, end: int) -> str:
        """Group of the first actor or nationality named in a span, else of
        its first source word (خبراء -> experts), else "unidentified"."""
        named = next((e.group for e in self.within(start, end) if e.group), None)
        if named:
            return named
        found = self.sources.find(self.norm[start:end])
        return self.source_groups[found[0][2]] if found else "unidentified"

    def actor(self, entity, text: str, start: int, end: int) -> Speaker:
        """The speaker for an entity (a lexicon actor or a candidate name)."""
        source_word = entity.kind == "candidate" and self.sources.match_at(self.norm, [entity.start], entity.end)
        kind = actor_speaker_type(entity.type, entity.group) if entity.actor_id or entity.kind == "candidate" \
            and not source_word else self.region_type(start, end)
        return Speaker(text, entity.actor_id, entity.name_en, entity.group or self.region_group(start, end), type=kind)

    def speaker(self, start: int, end: int, short: bool = False) -> Speaker | None:
        """The source named in ``norm[start:end]``, or None if it names none:
        a name at its start, else a person in apposition (after a comma) or
        a lexicon person, else the first title held on the publication date
        (الرئيس الروسي), else a name the lexicon lacks, else the words.
        ``short``: the text is the name alone, not all the words."""
        start, end = self.trim(start, end)
        if end - start < 2:
            return None
        text = self.surface(start, end)
        short = short or self.words(start, end) > MAX_SPEAKER_TEXT_WORDS
        inside = self.within(start, end)
        head = next((e for e in inside if e.start == start and e.kind in ("name", "candidate")), None)
        people = [e for e in inside if e.type == "PERSON" and e.kind in ("name", "candidate")]
        appositive = [e for e in people if re.search(r"[،,]\s*$", self.norm[start:e.start])]
        named = [e for e in people if e.kind == "name"]
        person = (appositive or named or [None])[0]
        if head or person:
            chosen = head or person
            return self.actor(chosen, self.surface(*chosen[:2]) if short else text, start, end)
        titles = [(m.start(), actor_id) for title, actor_id in self.roles
                  for m in [title.search(self.norm, start, end)] if m]
        if titles:
            actor_id = min(titles)[1]
            name_en, group, actor_type = self.groups[actor_id]
            return Speaker(text, actor_id, name_en, group, type=actor_speaker_type(actor_type, group))
        if people:  # a name the lexicon lacks (a candidate)
            return self.actor(people[0], self.surface(*people[0][:2]) if short else text, start, end)
        return Speaker(text, group=self.region_group(start, end), type=self.region_type(start, end))

    def after_verb(self, start: int, end: int) -> tuple[int, int]:
        """A speaker region after a verb, cut at the first adjunct or date."""
        cut = end
        for s, _, _ in self.adjuncts.find(self.norm[start:end]):
            cut = min(cut, start + s)
            break
        dates = self.timex_starts[(self.timex_starts >= start) & (self.timex_starts < cut)]
        return start, int(dates[0]) if len(dates) else cut

    def before_verb(self, verb_start: int) -> Speaker | None:
        """The subject before a verb (شويغو قد قال، الخبراء يؤكدون): the first
        person named in the clause, else a short clause that is not an
        adverbial (خلال زيارته ... أعلن); None when there is none."""
        sentence_start, _ = self.sentence_of(verb_start)
        clause_start = sentence_start
        for m in BOUNDARY.finditer(self.norm, sentence_start, verb_start):
            clause_start = m.end()
        start, end = self.trim(clause_start, verb_start)
        if end <= start:
            return None
        long = self.words(start, end) > MAX_CLAUSE_WORDS
        if any(e.type == "PERSON" for e in self.within(start, end)):
            return self.speaker(start, end, short=long)
        if long or ADJUNCT_START.match(self.norm[start:end]):
            return None
        return self.speaker(start, end)


def _content(a: _Article, at: int, sentence_end: int, paragraph_end: int):
    """``(start, end, direct)`` of the content that starts at ``at``."""
    while at < sentence_end and not a.norm[at].isalnum() and a.norm[at] not in OPENING + '"':
        at += 1
    after_an = re.match(r"ان\s+", a.norm[at:sentence_end])
    if after_an:
        at += after_an.end()
    if at in a.pairs:
        return at + 1, min(a.pairs[at], paragraph_end), True
    return a.trim(at, sentence_end) + (False,)


def _introducer(a: _Article, verb_end: int, sentence_end: int):
    """The أن/إن, colon, quotation mark or قوله after a verb; quoted names
    and scare quotes (three words or fewer) are passed over."""
    at = verb_end
    while True:
        intro = INTRODUCER.search(a.norm, at, sentence_end)
        if intro is None or intro.group() not in OPENING + '"':
            return intro
        close = a.pairs.get(intro.start())
        if close is None:
            at = intro.end()
        elif a.words(intro.end(), close) > SCARE_QUOTE_WORDS:
            return intro
        else:
            at = close + 1


def _previous_speaker(a: _Article, verb_start: int, participle: bool, found: list[_Quote]) -> Speaker:
    """The speaker of a verb that names none: for a participle the last
    quote's of its sentence, else the subject before the verb, else the
    last quote's if its cue is in this paragraph or the previous sentence."""
    sentence_start, _ = a.sentence_of(verb_start)
    paragraph_start, _ = a.paragraph_of(verb_start)
    last = found[-1] if found and found[-1].cue[0] >= min(paragraph_start, a.previous_sentence(verb_start)) else None
    same_sentence = last is not None and last.cue[0] >= sentence_start
    return (last.speaker if participle and same_sentence else None) or a.before_verb(verb_start) \
        or (last.speaker if last else Speaker())


def _verb_quote(a: _Article, verb_start: int, verb_end: int, participle: bool, claim: str,
                found: list[_Quote]) -> _Quote | None:
    """The quote or claim a speech verb opens (``claim``: its claim kind or
    ""), or None: the content after أن/إن, a colon or quotation marks, else,
    for a claim verb, its object (:func:`_object_claim`)."""
    _, sentence_end = a.sentence_of(verb_start)
    intro = _introducer(a, verb_end, sentence_end)
    marker = _object_marker(a, claim, verb_start, verb_end, _clause_end(a, verb_end, sentence_end)) if claim else None
    if marker is not None and intro is not None and (marker.start() >= intro.start()
                                                     or not WORD.search(a.norm, marker.end(), intro.start())):
        marker = None  # the marker introduces the clause: من أن، على أن، بأن
    quote = _introduced_quote(a, verb_start, verb_end, participle, claim, intro, found) \
        if intro is not None and marker is None else None
    if quote is None and claim and (marker is not None or claim not in OBJECT_MARKERS) \
            and not (claim == "opinion" and _present_singular(a, verb_start, verb_end)):
        quote = _object_claim(a, verb_start, verb_end, participle, claim, marker, found)
    return quote


def _present_singular(a: _Article, verb_start: int, verb_end: int) -> bool:
    """Whether a verb is a singular present form (تعتبر، يرى): with a
    noun object it is mostly the passive تُعتبر كوريا الشمالية من ... (is
    considered), no opinion; the past (اعتبر الغربيون ...) and the plural
    (يعتبرون) are active."""
    verb = re.sub(r"^(?:و|ف)", "", a.norm[verb_start:verb_end])
    return verb[:1] in "يت" and not verb.endswith(("ون", "ان"))


def _introduced_quote(a: _Article, verb_start: int, verb_end: int, participle: bool, claim: str, intro,
                      found: list[_Quote]) -> _Quote | None:
    """The quote after the verb's introducer (أن/إن, a colon, quotation marks)."""
    sentence_start, sentence_end = a.sentence_of(verb_start)
    _, paragraph_end = a.paragraph_of(verb_start)
    if a.words(verb_end, intro.start()) > MAX_SPEAKER_WORDS \
            or NEW_CLAUSE.search(a.norm, verb_end, intro.start()) \
            or bisect_left(a.verb_starts, verb_end) < bisect_left(a.verb_starts, intro.start()):  # a verb between
        return None
    quoted = intro.group() in OPENING + '"'
    start, end, direct = _content(a, intro.start() if quoted else intro.end(), sentence_end, paragraph_end)
    if end - start < 3 or direct and a.words(start, end) < 2:
        return None
    region_start, region_end, via = verb_end, intro.start(), ""
    relay = a.according.find(a.norm, region_start, region_end)
    if relay:  # أفادت الوكالة، نقلا عن مصادر، بأن ...: the source is the relayed one
        via_start, via_end = a.trim(region_start, relay[0].start)
        via = a.surface(via_start, via_end) if via_end > via_start else ""
        region_start = relay[0].end
    elif VIA_VERB in a.norm[verb_start:verb_end]:
        split = re.search(r"(?<!\w)عن(?!\w)", a.norm[region_start:region_end])
        if split is None:
            return None
        via_start, via_end = a.trim(region_start, region_start + split.start())
        via = a.surface(via_start, via_end) if via_end > via_start else ""
        region_start += split.end()
    phrase = _noun_phrase(a, region_start, region_end, verb_start)
    if claim in TARGETED and phrase is not None and _alone(a, phrase, region_end):
        speaker, target = None, a.surface(*phrase)  # ووصفت التقارير بأنها ...: the object, the source unnamed here
    else:
        speaker = None if participle else a.speaker(*a.after_verb(region_start, region_end))
        target = _target(a, claim, region_start, region_end, phrase)
    if speaker is None:
        speaker = _elided_speaker(a, verb_start, found) if claim else \
            _previous_speaker(a, verb_start, participle, found)
    form = "direct" if direct else "reported"
    return _Quote(start, end, (verb_start, verb_end), claim or form, replace(speaker, via=via or speaker.via),
                  form, target, (verb_end, intro.start()))


def _clause_end(a: _Article, at: int, sentence_end: int) -> int:
    """Where the clause that runs on from ``at`` ends (، و ...، لكن، فيما, a full stop)."""
    found = CLAUSE_END.search(a.norm, at, sentence_end)
    return found.start() if found else sentence_end


def _object_marker(a: _Article, claim: str, verb_start: int, start: int, end: int):
    """The first match of the claim's object marker in ``[start, end)``
    outside a name (the ب of بيونغ يانغ is none), or None; a concern after
    a verb of expression (أعرب، أبدى) needs the worry named (عن قلقه إزاء)."""
    pattern = OBJECT_MARKERS.get(claim)
    if pattern is None:
        return None
    worry_verb = claim == "concern" and WORRY_VERBS.search(a.norm[verb_start:start])
    return next((m for m in pattern.finditer(a.norm, start, end)
                 if not any(e.start <= m.start() < e.end for e in a.starting(m.start() - 40, m.start() + 1))
                 and (claim != "concern" or worry_verb or m.group("worry"))), None)


def _masculine(a: _Article, verb_start: int, verb_end: int) -> bool:
    """Whether a verb is masculine: not a past form ending in ت(ا) nor a
    present form starting with ت (after its clitics)."""
    verb = re.sub(r"^(?:و|ف|ول|فل)(?=[يت]|ا|\w{3})", "", a.norm[verb_start:verb_end])
    return not (re.search(r"تا?$", verb) or verb.startswith("ت") and not verb.startswith("تعهد"))


def _noun_phrase(a: _Article, start: int, end: int, verb_start: int) -> tuple[int, int] | None:
    """The source named right after a verb, in ``[start, end)``: a name
    (and more names joined by و), a nationality used as a noun (الغربيون),
    or a source word (محللون، مصادر) with the words after it up to the next
    name or comma; None when the words after the verb start with none of these, or
    with a country or city after a masculine verb (ووعد كوريا الشمالية
    بـ ...: the object, not the speaker)."""
    while start < end and not a.norm[start].isalnum():
        start += 1
    head = next(iter(a.starting(start, start + 3)), None)
    if head is not None:
        if head.kind == "adjective" and not re.match(r"\s|$", a.norm[head.end:head.end + 1]) \
                or _object_first(a, head, verb_start):
            return None
        np_end = head.end
        while True:
            more = re.match(r"\s+و", a.norm[np_end:end])
            following = next((e for e in a.starting(np_end + more.end(), np_end + more.end() + 1)
                              if e.kind in ("name", "candidate")), None) if more else None
            if following is None:
                return start, np_end
            np_end = following.end
    source = a.sources.grouped.match(a.norm, start, end) if a.sources.grouped is not None else None
    if source is None:
        return None
    comma = re.search(r"[،,]", a.norm[source.end():end])  # المسؤولون الأمريكيون، الذين ...: not the clause
    end = source.end() + comma.start() if comma else end
    names = [e for e in a.starting(source.end(), end) if e.kind in ("name", "candidate") and e.end <= end]
    return start, names[0].start if names else end


def _object_first(a: _Article, head: Entity, verb_start: int) -> bool:
    """Whether a country or city follows a masculine verb: it cannot be its
    subject (countries are feminine), so it is the object."""
    if head.type not in ("COUNTRY", "CITY"):
        return False
    verb = a.verb_spans[bisect_left(a.verb_starts, verb_start)]
    return _masculine(a, verb.start, verb.end)


def _alone(a: _Article, phrase: tuple[int, int], end: int) -> bool:
    """Whether nothing but an apposition follows a noun phrase up to ``end``."""
    return not WORD.search(a.norm, phrase[1], end)


def _elided_speaker(a: _Article, verb_start: int, found: list[_Quote]) -> Speaker:
    """The source of a claim verb with no subject of its own: the source of
    the last claim of its sentence, else the sentence's subject when it is
    named in its first words (وتضغط الولايات المتحدة ...، ويشكون من ...),
    else as :func:`_previous_speaker`."""
    sentence_start, _ = a.sentence_of(verb_start)
    last = found[-1] if found and sentence_start <= found[-1].cue[0] < verb_start else None  # (found: in cue order)
    if last is not None and (last.speaker.actor_id or last.speaker.type != "unnamed"):
        return last.speaker
    first = next((e for e in a.starting(sentence_start, verb_start) if e.kind in ("name", "candidate")), None)
    if first is not None and a.words(sentence_start, first.start) <= 2:
        return a.actor(first, a.surface(first.start, first.end), first.start, first.end)
    if a.norm[verb_start:verb_start + 4].lstrip("وف").startswith(("تنص", "نص", "ينص")):  # وتنص على ...
        document = _document_before(a, sentence_start, verb_start)
        if document is not None:
            return document
    return _previous_speaker(a, verb_start, False, found)


def _document_before(a: _Article, start: int, end: int) -> Speaker | None:
    """The last document named in ``[start, end)`` (اتفاقية الشراكة ...: وُقعت
    ...، وتنص على ...), up to the next punctuation, as a speaker."""
    documents = [m for m in a.sources.find(a.norm, start, end)
                 if SPEAKER_TYPES.get(a.source_groups[m.index]) == "document"]
    if not documents:
        return None
    stop = re.search(r"[:،,؛]", a.norm[documents[-1].start:end])
    return a.speaker(documents[-1].start, documents[-1].start + stop.start() if stop else end)


def _target(a: _Article, claim: str, start: int, end: int, speaker_np) -> str:
    """Who is accused / what is characterised: the words between the
    speaker (``speaker_np``, or none when the subject came before the verb)
    and the content, past an apposition set off by commas."""
    if claim not in TARGETED:
        return ""
    if speaker_np is not None:
        start = speaker_np[1]
        apposition = re.match(r"\s*[،,][^،,]*[،,]", a.norm[start:end])
        start += apposition.end() if apposition else 0
    start, end = a.trim(start, end)
    return a.surface(start, end) if end > start and a.words(start, end) <= MAX_CLAUSE_WORDS else ""


def _subject_before(a: _Article, verb_start: int) -> tuple[int, int] | None:
    """The subject written before a verb in its own clause (بيونغ يانغ تتهم
    ...، لكن الأمم المتحدة تتهم ...), or the noun a relative pronoun before
    the verb stands for (المسؤولون، الذين يعتبرون ...), as a span; None."""
    sentence_start, _ = a.sentence_of(verb_start)
    clause_start = sentence_start
    for m in re.finditer(r"[،,:]", a.norm[sentence_start:verb_start]):
        clause_start = sentence_start + m.end()
    relative = RELATIVE.search(a.norm, sentence_start, verb_start)
    if relative is not None:
        clause_start = sentence_start
        for m in re.finditer(r"[،,:]", a.norm[sentence_start:relative.start()]):
            clause_start = sentence_start + m.end()
        start, end = a.trim(clause_start, relative.start())
        at = bisect_left(a.verb_starts, start)
        if at < len(a.verb_starts) and a.verb_starts[at] == start:  # وأعرب المسؤولون، الذين ...: past the verb
            start, end = a.trim(a.verb_spans[at].end, relative.start())
        return (start, end) if end > start else None
    start, end = a.trim(clause_start, verb_start)
    if end <= start or ADJUNCT_START.match(a.norm[start:end]) or a.words(start, end) > MAX_CLAUSE_WORDS:
        return None
    phrase = _noun_phrase(a, start, end, verb_start)
    return (start, end) if phrase is not None and phrase[1] >= a.trim(start, end)[1] - 1 else None


def _object_claim(a: _Article, verb_start: int, verb_end: int, participle: bool, claim: str, marker,
                  found: list[_Quote]) -> _Quote | None:
    """A claim whose content is the verb's object (module doc): the source
    before the verb in its clause, else right after the verb, else the one
    the sentence or paragraph named last; None without a source."""
    sentence_start, sentence_end = a.sentence_of(verb_start)
    if participle and not re.search(r"[،,]\s*$", a.norm[sentence_start:verb_start]):
        return None  # الناقلات متهمة بـ ...: a passive participle, nobody accuses
    clause_end = _clause_end(a, verb_end, sentence_end)
    region_end = marker.start() if marker is not None else clause_end
    subject = None if participle else _subject_before(a, verb_start)
    if subject is not None and RELATIVE.search(a.norm, sentence_start, verb_start):
        comma = re.search(r"[،,]", a.norm[verb_end:clause_end])  # the relative clause ends at its comma
        clause_end = verb_end + comma.start() if comma else clause_end
    phrase = None if participle or subject else _noun_phrase(a, verb_end, region_end, verb_start)
    if claim in TARGETED and phrase is not None and _alone(a, phrase, region_end):
        phrase, elided = None, True  # اتهمت [the source named before] X بـ ...: X is the target
    else:
        elided = False
    if subject is not None:
        speaker = a.speaker(*subject)
    elif phrase is not None:
        speaker = a.speaker(*a.after_verb(*phrase))  # حذر محللون أيضا من ...: not أيضا
    else:
        first = next(iter(a.starting(verb_end, verb_end + 3)), None)
        near = None if participle or elided or marker is None or first is not None and _object_first(a, first, verb_start) \
            else a.speaker(*a.after_verb(verb_end, region_end))
        named = near is not None and (near.actor_id or near.type in SPEAKER_TYPES.values() or near.type == "person")
        speaker = near if named else _elided_speaker(a, verb_start, found)
    if speaker is None or not (speaker.actor_id or speaker.type != "unnamed"):
        return None
    if marker is None:
        start = phrase[1] if phrase is not None else verb_end
    else:
        start = marker.start() if claim in ("accusation", "pledge", "characterisation") else marker.end()
    start, end = a.trim(start, clause_end)
    if end - start < 3:
        return None
    target = _target(a, claim, verb_end, region_end, phrase)
    return _Quote(start, end, (verb_start, verb_end), claim, speaker, "object", target, (verb_end, region_end))


def _according_quote(a: _Article, cue_start: int, cue_end: int) -> _Quote | None:
    """The quote an attribution (وفق، بحسب ...) marks: its content is the
    clause after the source, or the clause before the cue when nothing
    follows or a new clause (و...) does."""
    if a.norm[cue_start:cue_end].startswith("فحسب"):
        return None
    sentence_start, sentence_end = a.sentence_of(cue_start)
    region_start = cue_end
    what = re.match(r"\s+ما\s+\w+", a.norm[region_start:sentence_end])
    region_start += what.end() if what else 0
    stop = SOURCE_END.search(a.norm, region_start, sentence_end)
    while stop and stop.group() in "،,":
        person = next((e for e in a.starting(stop.end(), stop.end() + 2) if e.type == "PERSON"), None)
        if person is None:
            break
        stop = SOURCE_END.search(a.norm, person.end, sentence_end)
    region_end = stop.start() if stop else sentence_end
    speaker = a.speaker(region_start, region_end)
    if speaker is None or speaker.actor_id is None and speaker.group == "unidentified":  # حسب الحاجة
        return None
    if speaker.text.startswith("ل") and a.norm[cue_end - 1] != "ل":  # وفقا للخبراء، وفقا لمساعد بوتين
        speaker = replace(speaker, text="ال" + speaker.text[2:] if speaker.text.startswith("لل") else speaker.text[1:])
    after_start, after_end = a.trim(region_end, sentence_end)
    lead = re.match(r"ف?ان\s+", a.norm[after_start:after_end])
    after_start += lead.end() if lead else 0
    if a.words(after_start, after_end) >= 3 and not a.norm.startswith("و", after_start):
        start, end = after_start, after_end
    else:
        start, end = a.trim(sentence_start, cue_start)
    return _Quote(start, end, (cue_start, cue_end), "according_to", speaker) if end - start >= 3 else None


def _pull_quotes(a: _Article) -> list[_Quote]:
    """Paragraphs opening "Name: ..." (a person named, then a colon)."""
    found = []
    for start, end in a.paragraphs:
        entity = next((e for e in a.starting(start, start + 1) if e.type == "PERSON"), None)
        colon = re.match(r"\s*:\s*", a.norm[entity.end:end]) if entity else None
        if colon and end - (entity.end + colon.end()) >= 3:
            name = a.surface(entity.start, entity.end)
            found.append(_Quote(entity.end + colon.end(), end, (entity.end, entity.end + colon.end()), "direct",
                                a.actor(entity, name, *entity[:2])))
    return found


def _article_quotes(a: _Article) -> list[_Quote]:
    """Every quote of an article. A direct quote swallows the cues inside
    it; reported content stops at the next cue of its sentence; an
    attribution around a verb quote becomes that quote's ``via``."""
    cues = sorted([(s, e, a.kinds[i], a.claims[i]) for s, e, i in a.verb_spans]
                  + [(s, e, "according_to", "") for s, e, _ in a.according.find(a.norm, words=a.view.words)])
    found: list[_Quote] = []  # in cue order
    first = 0  # found[first:]: the quotes of the current paragraph, the only ones a cue can touch
    for start, end, kind, claim in cues:
        paragraph_start = a.paragraph_of(start)[0]
        while first < len(found) and found[first].cue[0] < paragraph_start:
            first += 1
        relayed = kind == "according_to" and any(q.region[0] <= start < q.region[1] for q in found[first:])
        if relayed or any(q.shape == "direct" and q.start <= start < q.end for q in found[first:]) \
                or kind != "according_to" and VERBAL_NOUN.search(a.norm, max(0, start - 6), start):
            continue
        quote = _according_quote(a, start, end) if kind == "according_to" else \
            _verb_quote(a, start, end, kind == "participle", claim, found)
        if quote is None:
            continue
        framing = [q for q in found[first:] if q.kind == "according_to" and q.start <= start < q.end]
        if framing and quote.shape not in ("according_to", "object"):  # بحسب رويترز فإن الخبراء يؤكدون أن ...
            found.remove(framing[-1])
            quote.speaker = replace(quote.speaker, via=quote.speaker.via or framing[-1].speaker.text)
        for earlier in found[first:]:
            if earlier.shape != "direct" and earlier.start < start < earlier.end:
                earlier.end = a.trim(earlier.start, start)[1]
        inner = [q for q in found[first:] if quote.kind == "according_to" and quote.start <= q.cue[0] < quote.end]
        for q in inner:
            q.speaker = replace(q.speaker, via=q.speaker.via or quote.speaker.text)
        if not inner:
            found.append(quote)
    in_paragraph: dict[int, list[_Quote]] = {}
    for q in found:
        in_paragraph.setdefault(a.paragraph_of(q.cue[0])[0], []).append(q)
    found += [q for q in _pull_quotes(a)
              if not any(f.start <= q.start < f.end for f in in_paragraph.get(a.paragraph_of(q.start)[0], ()))]
    return sorted((q for q in found if q.end - q.start >= 3), key=lambda q: q.start)


@layer("quotes", assigns={"quotes": Quote}, requires=("mentions", "candidates", "timexes"))
def quotes(view, lexicons, found) -> dict[str, list]:
    """The quotes of one article (see module doc)."""
    if not view.sentences:
        return {"quotes": []}
    a = _Article(view, found, lexicons.parsed(read_quote_cues, "quote_cues.tsv"),
                 lexicons.derived(Titles).on(view.published), lexicons.derived(speaker_names))
    rows = []
    for q in _article_quotes(a):
        start, end = a.original(q.start, q.end)
        s = q.speaker
        rows.append(Quote(start, end, a.surface(*q.cue), q.kind, s.text, s.actor_id, s.name_en, s.group, s.via,
                          view.text[start:end], q.shape, s.type, q.target))
    return {"quotes": rows}
