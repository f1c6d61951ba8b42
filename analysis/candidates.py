"""Words of an article -> candidates: person names the lexicon does not know,
found by cues (``data/candidate_cues.tsv``).

``find_candidates(words, text, taken, rules)`` returns
:class:`CandidateSpan` word spans; ``rules`` (:func:`candidate_rules`) come
from the lexicon set's ``candidate_cues.tsv`` and ``candidate_words.tsv``. A name is a run of one to four
name-like words: not starting with ال, not a function word or a word of a
description (``data/candidate_words.tsv``), not part of a lexicon name.
Where a name is looked for:

- ``title``: after a title, skipping a description; words after an
  organisation head (جامعة، معهد ...) up to the next comma are its name
  (الأستاذ في جامعة كوريا الشمالية، نام سونج ووك). A title that reaches a
  lexicon person (الرئيس فلاديمير بوتين) yields nothing.
- ``verb``: directly after a speech verb (ويقول بلوخين).
- ``attribution``: after عن / وفق / بحسب, only when the name is followed by
  "، <title>" or by قوله (نقلت رويترز عن أرتيوم لوكين، الأستاذ في ...).
- ``pull-quote``: a paragraph opening "Name: ..." (قسطنطين بلوخين: ...).

Every name must end at punctuation, the end of the sentence, a function
word or a word with ال. After a title or as a pull-quote a name needs two
words (a lone word there is more often a verb: الرئيس الأمريكي سيتحدث).
"""
from __future__ import annotations

import re
from typing import NamedTuple

from .datafiles import non_empty, one_of, read_table
from .lexicon import words as form_words
from .words import Words, bare_forms

SENTENCE_BREAK = re.compile(r"[.!?؟\n]")
COMMA = re.compile(r"[،,]")
MAX_NAME_WORDS = 4
MAX_DESCRIPTION_WORDS = 12
SUFFIXES = ("ه", "ها", "هم", "ات", "ون", "ين", "ان", "و")
PRONOUNS = ("ه", "ها", "هم")  # also stripped from function words: عليها، لديه
TANWEEN = re.compile("[\u064B-\u064D]")
HAMZA_ALEFS = ("أ", "إ", "آ")
PREPOSITIONS = ("في", "ب", "لدى")  # inside a title's description: الأستاذ في جامعة ...
CUE_CLITICS = ("", "و", "ف", "ل")  # وقال، فقال، لمساعد بوتين؛ not كرئيس or بمساعدة
# Clitics before ال that mark a common noun (بالأمن، والمحلل); ف and ك are
# left out because فاليري and كالاس are names. لل (ل + ال) always does.
ARTICLE_CLITICS = ("", "و", "ب", "وب")
LAM_ARTICLE = ("لل", "ولل")


class CandidateSpan(NamedTuple):
    """A name found by a cue: words ``first..last``, the cue's words and kind."""
    first: int
    last: int
    cue_first: int
    cue_last: int
    cue_kind: str


def read_cues(path) -> dict[tuple[str, ...], str]:
    """Normalized cue words -> kind, from a candidate cue file."""
    table = read_table(path, ["cue", "kind", "note"],
                       {"cue": non_empty, "kind": one_of("title", "verb", "attribution")})
    return {tuple(form_words(row.cue)): row.kind for row in table.itertuples()}


def read_word_kinds(path) -> dict[str, str]:
    """Normalized word -> stop | common | org_head, from a candidate word file."""
    table = read_table(path, ["word", "kind", "note"],
                       {"word": non_empty, "kind": one_of("stop", "common", "org_head")})
    return {" ".join(form_words(row.word)): row.kind for row in table.itertuples()}


class CandidateRules:
    """The cue and word tables of a lexicon set, and the kind of each word
    seen so far (a word's kind never changes, so it is looked up once)."""

    def __init__(self, lexicons):
        self.cues = lexicons.parsed(read_cues, "candidate_cues.tsv")
        self.kinds = lexicons.parsed(read_word_kinds, "candidate_words.tsv")
        self._kind_of: dict[str, str | None] = {}
        self._first_words = {key[0] for key in self.cues}
        self._cue_starts: dict[str, tuple[str, ...]] = {}

    def cue_starts(self, word: str) -> tuple[str, ...]:
        """The forms of ``word`` without a cue clitic (و ف ل) that begin a cue."""
        found = self._cue_starts.get(word)
        if found is None:
            found = self._cue_starts[word] = tuple(bare for clitic, bare in bare_forms(word)
                                                   if word[:clitic] in CUE_CLITICS and bare in self._first_words)
        return found

    def kind(self, word: str) -> str | None:
        """article (starts with ال) / stop / common / org_head for a word, with
        clitics stripped (and plural or pronoun suffixes for nouns); else None."""
        if word not in self._kind_of:
            self._kind_of[word] = self._find_kind(word)
        return self._kind_of[word]

    def _find_kind(self, word: str) -> str | None:
        kinds = self.kinds
        for clitic, bare in bare_forms(word):
            if word[:clitic] in LAM_ARTICLE or bare.startswith("ال") and word[:clitic] in ARTICLE_CLITICS:
                return "article"
            if bare in kinds:
                return kinds[bare]
            for suffix in SUFFIXES:
                stem = bare[: -len(suffix)]
                if bare.endswith(suffix) and stem in kinds and (
                        len(stem) >= 3 and kinds[stem] != "stop" or suffix in PRONOUNS):
                    return kinds[stem]
        return None


def candidate_rules(lexicons) -> CandidateRules:
    """The :class:`CandidateRules` of a lexicon set (built once per set)."""
    return lexicons.derived(CandidateRules)


class _Reader:
    """Helpers over one article's words and the spans lexicon names took."""

    def __init__(self, words: Words, text: str, taken: dict[int, str], rules: CandidateRules):
        self.w, self.text, self.taken, self.n, self.rules = words, text, taken, len(words.words), rules

    def gap(self, i: int) -> str:
        """Text between word i and word i + 1."""
        if i + 1 >= self.n:
            return "\n"
        return self.w.normalized[self.w.ends[i]:self.w.starts[i + 1]]

    def kind(self, i: int) -> str | None:
        """taken / article / stop / common / org_head / other, or None for a
        word that may be part of a name. Tanween (عاماً) and ة (مليئة) mark
        Arabic words, never transliterated names."""
        if i in self.taken:
            return "taken"
        word = self.w.words[i]
        written = self.text[self.w.text_starts[i]:self.w.offsets[self.w.ends[i]]].rstrip()
        known = self.rules.kind(word)
        if known == "article" and written[:1] in HAMZA_ALEFS:
            known = None  # ألكسندر is a name; the article is written with a bare alef
        if known:
            return known
        if len(word) < 2 or word.isdigit() or word.isascii() or TANWEEN.search(written) or written.endswith("ة"):
            return "other"
        return None

    def run(self, i: int, after: tuple[str, ...]) -> int | None:
        """Last word of a name starting at i, or None unless the name is
        followed by punctuation or by a word of a kind in ``after``."""
        last = i
        while last + 1 < self.n and last - i + 1 < MAX_NAME_WORDS and self.w.joined[last] \
                and self.kind(last + 1) is None:
            last += 1
        if last + 1 >= self.n or re.search(r"[^\s\-]", self.gap(last)) or self.kind(last + 1) in after:
            return last
        return None

    def cue_at(self, i: int) -> tuple[int, str] | None:
        """``(last word, kind)`` of a cue starting at word i."""
        for bare in self.rules.cue_starts(self.w.words[i]):
            for size in (3, 2, 1):
                key = (bare, *self.w.words[i + 1:i + size])
                if len(key) == size and (size == 1 or all(self.w.joined[i:i + size - 1])):
                    kind = self.rules.cues.get(key)
                    if kind:
                        return i + size - 1, kind
        return None


def _after_title(r: _Reader, cue_last: int) -> tuple[int, int] | None:
    """Name after a title and its description (see module doc)."""
    in_org, previous = False, "cue"
    for j in range(cue_last + 1, min(r.n, cue_last + 1 + MAX_DESCRIPTION_WORDS)):
        gap = r.gap(j - 1)
        if SENTENCE_BREAK.search(gap):
            return None
        if COMMA.search(gap):
            in_org, previous = False, "comma"
        kind = r.kind(j)
        if kind == "taken" and r.taken[j] == "PERSON":
            return None
        if kind is None and (previous in ("cue", "comma", "article", "taken", "common") if not in_org
                             else previous in ("comma", "article", "taken")):
            last = r.run(j, ("stop", "article"))
            return (j, last) if last is not None and last > j else None
        if kind == "org_head":
            in_org = True
        elif not in_org and kind not in ("article", "taken", "common") and r.w.words[j] not in PREPOSITIONS:
            return None
        previous = kind or "org-word"
    return None


def _after_attribution(r: _Reader, cue_last: int) -> tuple[int, int] | None:
    """Name after عن / وفق, confirmed by a following "، <title>" or قوله."""
    j = cue_last + 1
    if j >= r.n or SENTENCE_BREAK.search(r.gap(cue_last)) or r.kind(j) is not None:
        return None
    last = r.run(j, ("stop",))
    if last is None or last + 1 >= r.n:
        return None
    title_follows = COMMA.search(r.gap(last)) and (r.cue_at(last + 1) or (0, ""))[1] == "title"
    return (j, last) if title_follows or r.w.words[last + 1].startswith("قول") else None


def find_candidates(words: Words, text: str, taken: dict[int, str], rules: CandidateRules) -> list[CandidateSpan]:
    """Name spans found by cues (see module doc) in ``text`` (its ``words``).
    ``taken`` maps each word index inside a lexicon name to the actor's type."""
    r = _Reader(words, text, taken, rules)
    found, seen = [], set()
    for i in range(r.n):
        span, cue = None, None
        paragraph_start = i == 0 or "\n" in r.gap(i - 1)
        if paragraph_start and r.kind(i) is None:
            last = r.run(i, ())
            if last is not None and last > i and ":" in r.gap(last):
                span, cue = (i, last), (i, last, "pull-quote")
        if span is None and i not in taken:
            cue_found = r.cue_at(i)
            if cue_found:
                cue_last, kind = cue_found
                if kind == "title":
                    span = _after_title(r, cue_last)
                elif kind == "verb":
                    if cue_last + 1 < r.n and not SENTENCE_BREAK.search(r.gap(cue_last)) and r.kind(cue_last + 1) is None:
                        last = r.run(cue_last + 1, ("stop",))
                        span = (cue_last + 1, last) if last is not None else None
                else:
                    span = _after_attribution(r, cue_last)
                cue = (i, cue_last, kind)
        if span and span not in seen:
            seen.add(span)
            found.append(CandidateSpan(*span, *cue))
    return found
