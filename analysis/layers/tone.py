"""View + mentions + a small labelled lexicon (``data/tone_words.tsv``) ->
``tone``: the evaluative words near each actor; a transparent count, not a
sentiment model.

One row per evaluative word within ``WINDOW`` words of a named mention in
the same sentence: ``article_id, sentence_id, start, end`` (the word),
``actor_id, name_en, mention, word, polarity``.
:func:`analysis.comparison.tone_by_outlet` sums them per outlet and actor.
"""
from __future__ import annotations

import re
from typing import NamedTuple

import numpy as np

from ..cues import CueMatcher, valid_cue
from ..datafiles import one_of, read_table
from ..pipeline import layer

WINDOW = 6  # words either side of a mention
SPACE = re.compile(r"\s+")


class ToneWord(NamedTuple):
    start: int
    end: int
    actor_id: str
    name_en: str
    mention: str
    word: str
    polarity: str


def read_tone_words(path) -> tuple[CueMatcher, list[str]]:
    """``(matcher, polarities)`` of a tone word file."""
    table = read_table(path, ["word", "polarity", "note"],
                       {"word": valid_cue, "polarity": one_of("positive", "negative")})
    return CueMatcher(table["word"].tolist()), table["polarity"].tolist()


@layer("tone", assigns={"tone": ToneWord}, requires=("mentions",))
def tone(view, lexicons, found) -> dict[str, list]:
    """Evaluative words near the named mentions of one article."""
    matcher, polarity = lexicons.parsed(read_tone_words, "tone_words.tsv")
    named = [m for m in found["mentions"] if m.actor_id and m.kind == "name"]
    by_sentence: dict[int, list] = {}
    for m, sentence in zip(named, view.sentence_ids([m.start for m in named]).tolist()):
        by_sentence.setdefault(sentence, []).append(m)
    text, rows = view.text, []
    for sentence, group in by_sentence.items():
        first, last, _ = view.sentences[sentence]
        begin, end = view.to_normalized([first, last]).tolist()
        matches = matcher.find(view.normalized, begin, end, words=view.words)
        if not matches:
            continue
        starts, ends = view.spans([h.start for h in matches], [h.end for h in matches])
        hits = list(zip(starts.tolist(), ends.tolist(), (polarity[h.index] for h in matches)))
        bounds = np.array([first] + [m.end() + first for m in SPACE.finditer(text[first:last])])
        word_at = lambda at: int(np.searchsorted(bounds, at, side="right"))  # noqa: E731
        for m in group:
            for start, stop, sign in hits:
                if abs(word_at(start) - word_at(m.start)) <= WINDOW and not (m.start <= start < m.end):
                    rows.append(ToneWord(start, stop, m.actor_id, m.name_en, m.surface, text[start:stop], sign))
    return {"tone": rows}
