"""Articles -> ``terms``: content words for comparing vocabularies, and the
distinctive terms of each outlet.

- ``article_terms(articles)``: one row per content word: ``article_id,
  start, end, surface, term``. ``term`` is the normalized word (أ/إ/آ -> ا,
  ة -> ه, ى -> ي, no diacritics) without the article and the clitics before
  it (والحرب، بالحرب، للحرب -> حرب) when three letters remain. Stopwords
  (the ``arabic-stopwords`` package, with its clitic forms, plus
  ``data/stopwords.tsv``), digits, Latin and one-letter words are left out.
- ``distinctive_terms(terms, articles, reference)``: log-odds z-scores of
  each outlet against the rest, or against one reference outlet.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import arabicstopwords.arabicstopwords as arabic_stopwords
import pandas as pd

from .comparison import log_odds
from .datafiles import data_path, non_empty, read_table
from .normalization import normalize_for_matching
from .words import article_words

ARTICLE_PREFIXES = ("وبال", "ولل", "وال", "بال", "فال", "كال", "لل", "ال")
MIN_STEM = 3


@lru_cache(maxsize=4)
def stopwords(path: str | None = None) -> frozenset[str]:
    """Normalized stopwords: the arabic-stopwords package's forms plus a
    data file (``data/stopwords.tsv`` by default)."""
    extra = read_table(Path(path) if path else data_path("stopwords.tsv"), ["word"], {"word": non_empty})
    words = set(arabic_stopwords.stopwords_list()) | set(extra["word"])
    return frozenset(normalize_for_matching(w) for w in words)


def term_of(word: str) -> str:
    """A normalized word without its article (and the clitics before it)."""
    for prefix in ARTICLE_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= MIN_STEM:
            return word[len(prefix):]
    return word


def article_terms(articles: pd.DataFrame, stopword_file: Path | str | None = None) -> pd.DataFrame:
    """Content words of every article (columns: module doc)."""
    stop = stopwords(str(stopword_file) if stopword_file else None)
    rows = []
    for article_id, text in articles["text"].items():
        w = article_words(text)
        for i, word in enumerate(w.words):
            if len(word) < 2 or word.isdigit() or word.isascii() or word in stop:
                continue
            term = term_of(word)
            if term in stop:
                continue
            start, end = int(w.text_starts[i]), int(w.text_ends[i])
            rows.append((article_id, start, end, text[start:end], term))
    return pd.DataFrame(rows, columns=["article_id", "start", "end", "surface", "term"])


def distinctive_terms(terms: pd.DataFrame, articles: pd.DataFrame, reference: str | None = None, top: int = 15,
                      min_count: int = 2, prior_size: float = 500.0) -> pd.DataFrame:
    """The ``top`` terms of each outlet with the highest log-odds z-score
    against all other outlets (or against ``reference``): ``outlet, term,
    shown`` (its most frequent written form), ``count, count_rest, delta,
    z``. Terms used fewer than ``min_count`` times in the outlet are left
    out of its list (they still count in the prior)."""
    table = terms.assign(outlet=terms["article_id"].map(articles["outlet"]).fillna("(no outlet)"))
    outlets = sorted(table["outlet"].unique())
    if reference is not None and reference not in outlets:
        raise ValueError(f"reference outlet {reference!r} is not in the corpus: {', '.join(outlets)}")
    counts = pd.crosstab(table["term"], table["outlet"])
    if reference is None:
        scored = log_odds(counts, prior_size)
    else:
        scored = pd.concat([log_odds(counts[[o, reference]], prior_size).query("group == @o")
                            for o in outlets if o != reference], ignore_index=True)
    shown = table.groupby("term")["surface"].agg(lambda s: s.value_counts().index[0])
    scored = scored[scored["count"] >= min_count].rename(columns={"group": "outlet"})
    scored = scored.sort_values(["outlet", "z"], ascending=[True, False]).groupby("outlet").head(top)
    scored.insert(2, "shown", scored["term"].map(shown))
    return scored.reset_index(drop=True)
