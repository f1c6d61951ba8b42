"""View -> ``frames``: the Policy Frames Codebook dimensions (Boydstun
et al. 2014) a sentence carries, found by an Arabic cue lexicon
(``data/frame_cues.tsv``), and the primary frame of each paragraph and
article.

``read_frame_cues(path)`` validates the file; a cue's optional ``weight``
(default 1) is its strength; a cue whose frame is ``none`` marks words
that carry no frame (مجلس الأمن is an institution): another frame's cue
inside them is not counted. The ``frames`` layer gives

- ``frames``: one row per sentence and frame: ``article_id, sentence_id,
  start, end`` (the sentence), ``frame``, ``cue`` (the words found, "، "-joined,
  in text order), ``n_cues`` and ``strength`` (the sum of their weights).
  A sentence may carry several frames; one without a cue has no row.
- ``paragraphs.primary_frame`` (it completes the paragraphs table): the
  frame with the highest score in the paragraph, the sum of its sentences'
  strengths; a tie goes to the frame whose first cue comes first, then to
  the frame listed first in the codebook. Empty for a paragraph without a cue.
- ``article_frames``: one row per article with a frame (``start, end``: the
  whole text): ``primary_frame``,
  ``score`` (paragraph scores weighted by position: the title
  ``POSITION["title"]`` times, the lead (first body paragraph) and
  headings more than the rest), ``share`` of the article's total score,
  ``runner_up`` and its ``runner_up_score`` (empty / 0 when only one frame).
"""
from __future__ import annotations

from bisect import bisect_right
from typing import NamedTuple

from ..cues import CueGroup, CueMatcher, valid_cue
from ..datafiles import one_of, positive_number, read_table
from ..pipeline import layer

FRAMES = ("Economic", "Capacity and resources", "Morality", "Fairness and equality",
          "Legality, constitutionality and jurisprudence", "Policy prescription and evaluation",
          "Crime and punishment", "Security and defense", "Health and safety", "Quality of life",
          "Cultural identity", "Public opinion", "Political", "External regulation and reputation", "Other")
NO_FRAME = "none"
POSITION = {"title": 2.0, "lead": 1.5, "heading": 1.5, "body": 1.0}


class Frame(NamedTuple):
    start: int
    end: int
    frame: str
    cue: str
    n_cues: int
    strength: float


class ArticleFrame(NamedTuple):
    start: int  # the article: 0 and the length of its text
    end: int
    primary_frame: str
    score: float
    share: float
    runner_up: str | None
    runner_up_score: float


def read_frame_cues(path) -> tuple[CueGroup, dict[str, list[float]]]:
    """One cue matcher per frame (and ``none``) and the weights of its
    cues, from a frame cue file; a broken line raises DataFileError
    "file:line: problem"."""
    table = read_table(path, ["frame", "cue", "note"], {"frame": one_of(*FRAMES, NO_FRAME), "cue": valid_cue,
                                                        "weight": positive_number}, optional=("weight",))
    groups = dict(list(table.groupby("frame", sort=False)))
    return (CueGroup({frame: CueMatcher(group["cue"].tolist()) for frame, group in groups.items()}),
            {frame: [float(w or 1) for w in group["weight"]] for frame, group in groups.items()})


def _masked(match, masks: list, starts: list[int]) -> bool:
    """Whether a cue match lies inside one of the ``none`` matches."""
    i = bisect_right(starts, match.start) - 1
    return i >= 0 and match.end <= masks[i].end


def _ranked(scores: dict[str, float], first: dict[str, int]) -> list[str]:
    """Frames by score, highest first; a tie: the one whose first cue comes
    first, then the one listed first in FRAMES (the codebook's order)."""
    return sorted(scores, key=lambda frame: (-scores[frame], first[frame], FRAMES.index(frame)))


def _primary(rows: list[tuple[int, int, int, Frame]], paragraphs: list, paragraph_of: list[int], length: int):
    """Sentence frame rows ``(sentence, frame number, first cue offset, Frame)`` ->
    (each paragraph's primary frame or None, the article's ArticleFrame or
    None), see module doc."""
    kinds = [kind for _, _, kind in paragraphs]
    lead = next((i for i, kind in enumerate(kinds) if kind == "body"), None)
    scores: list[dict[str, float]] = [{} for _ in paragraphs]
    firsts: list[dict[str, int]] = [{} for _ in paragraphs]
    for sentence, _, at, row in rows:
        paragraph = paragraph_of[sentence]
        scores[paragraph][row.frame] = scores[paragraph].get(row.frame, 0.0) + row.strength
        firsts[paragraph][row.frame] = min(firsts[paragraph].get(row.frame, at), at)
    article: dict[str, float] = {}
    first: dict[str, int] = {}
    primary = []
    for paragraph, found in enumerate(scores):
        weight = POSITION["lead" if paragraph == lead else kinds[paragraph]]
        for frame, score in found.items():
            article[frame] = article.get(frame, 0.0) + weight * score
            first.setdefault(frame, firsts[paragraph][frame])
        primary.append(_ranked(found, firsts[paragraph])[0] if found else None)
    if not article:
        return primary, None
    ranked = _ranked(article, first)
    second = ranked[1] if len(ranked) > 1 else None
    return primary, ArticleFrame(0, length, ranked[0], article[ranked[0]], article[ranked[0]] / sum(article.values()),
                                 second, article[second] if second else 0.0)


@layer("frames", assigns={"frames": Frame, "article_frames": ArticleFrame}, requires=("paragraphs",),
       completes=("paragraphs",), unkeyed=("article_frames",))
def frames(view, lexicons, found) -> dict[str, list]:
    """The frames of one article's sentences, the primary frame of its
    paragraphs and of itself (see module doc)."""
    matchers, weights = lexicons.parsed(read_frame_cues, "frame_cues.tsv")
    found_cues = matchers.find(view.normalized, view.words)
    masks = found_cues.pop(NO_FRAME, [])  # non-overlapping, in text order
    mask_starts = [m.start for m in masks]
    text, rows = view.text, []  # (sentence, frame number, first cue offset, Frame)
    for frame, matches in found_cues.items():
        matches = [m for m in matches if not _masked(m, masks, mask_starts)]
        starts, ends = view.spans([m.start for m in matches], [m.end for m in matches])
        cues: dict[int, list[tuple[int, int, float]]] = {}
        for start, end, sentence, match in zip(starts.tolist(), ends.tolist(), view.sentence_ids(starts).tolist(),
                                               matches):
            if start >= view.sentence_starts[sentence] and start < view.sentences[sentence][1]:
                cues.setdefault(sentence, []).append((start, end, weights[frame][match.index]))
        rows += [(sentence, FRAMES.index(frame), spans[0][0],
                  Frame(view.sentences[sentence][0], view.sentences[sentence][1], frame,
                        "، ".join(text[s:e] for s, e, _ in spans), len(spans), sum(w for *_, w in spans)))
                 for sentence, spans in cues.items()]
    rows.sort(key=lambda r: r[:2])
    primary, article = _primary(rows, view.paragraphs, [p for _, _, p in view.sentences], len(text))
    return {"frames": [row for *_, row in rows],
            "paragraphs": [p._replace(primary_frame=f) for p, f in zip(found["paragraphs"], primary)],
            "article_frames": [article] if article else []}
