"""View -> ``terms``: content words for comparing vocabularies.

One row per content word: ``article_id, sentence_id, start, end, surface,
term``. ``term`` is the normalized word (أ/إ/آ -> ا, ة -> ه, ى -> ي, no
diacritics) without the article and the clitics before it (والحرب، بالحرب،
للحرب -> حرب) when three letters remain. Stopwords (the ``arabic-stopwords``
package, with its clitic forms, plus ``data/stopwords.tsv``), digits, Latin
and one-letter words are left out. :func:`analysis.comparison.distinctive_terms`
compares outlets by them.
"""
from __future__ import annotations

from typing import NamedTuple

from ..datafiles import non_empty, read_table
from ..normalization import normalize_for_matching
from ..pipeline import layer

ARTICLE_PREFIXES = ("وبال", "ولل", "وال", "بال", "فال", "كال", "لل", "ال")
MIN_STEM = 3


class Term(NamedTuple):
    start: int
    end: int
    surface: str
    term: str


def read_stopwords(path) -> frozenset[str]:
    """Normalized stopwords: the arabic-stopwords package's forms plus a
    stopword file."""
    import arabicstopwords.arabicstopwords as arabic_stopwords  # 0.4 GB and 2 s: only when terms are tagged
    extra = read_table(path, ["word"], {"word": non_empty})
    words = set(arabic_stopwords.stopwords_list()) | set(extra["word"])
    return frozenset(normalize_for_matching(w) for w in words)


def term_of(word: str) -> str:
    """A normalized word without its article (and the clitics before it)."""
    for prefix in ARTICLE_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= MIN_STEM:
            return word[len(prefix):]
    return word


class TermRules:
    """The stopwords of a lexicon set, and each word's term (None for a
    stopword, a digit, Latin or a one-letter word), looked up once per word."""

    def __init__(self, lexicons):
        self.stop = lexicons.parsed(read_stopwords, "stopwords.tsv")
        self._terms: dict[str, str | None] = {}

    def term(self, word: str) -> str | None:
        if word not in self._terms:
            term = None
            if not (len(word) < 2 or word.isdigit() or word.isascii() or word in self.stop):
                term = term_of(word)
                term = None if term in self.stop else term
            self._terms[word] = term
        return self._terms[word]


@layer("terms", assigns={"terms": Term})
def terms(view, lexicons, found) -> dict[str, list]:
    """The content words of one article (see module doc)."""
    term_of_word = lexicons.derived(TermRules).term
    w, text, rows = view.words, view.text, []
    for word, start, end in zip(w.words, w.text_starts.tolist(), w.text_ends.tolist()):
        term = term_of_word(word)
        if term is not None:
            rows.append(Term(start, end, text[start:end], term))
    return {"terms": rows}
