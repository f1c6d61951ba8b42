"""View -> ``frames``: the Policy Frames Codebook dimensions (Boydstun
et al. 2014) a sentence carries, found by an Arabic cue lexicon
(``data/frame_cues.tsv``).

``read_frame_cues(path)`` validates the file; the ``frames`` layer gives
one row per sentence and frame: ``article_id, sentence_id, start, end`` (the sentence), ``frame``,
``cue`` (the words found, "، "-joined, in text order) and ``n_cues``. A
sentence may carry several frames; one without a cue has no row.
"""
from __future__ import annotations

from typing import NamedTuple

from ..cues import CueGroup, CueMatcher, valid_cue
from ..datafiles import one_of, read_table
from ..pipeline import layer

FRAMES = ("Economic", "Capacity and resources", "Morality", "Fairness and equality",
          "Legality, constitutionality and jurisprudence", "Policy prescription and evaluation",
          "Crime and punishment", "Security and defense", "Health and safety", "Quality of life",
          "Cultural identity", "Public opinion", "Political", "External regulation and reputation", "Other")


class Frame(NamedTuple):
    start: int
    end: int
    frame: str
    cue: str
    n_cues: int


def read_frame_cues(path) -> CueGroup:
    """One cue matcher per frame, from a frame cue file; a broken line
    raises DataFileError "file:line: problem"."""
    table = read_table(path, ["frame", "cue", "note"], {"frame": one_of(*FRAMES), "cue": valid_cue})
    return CueGroup({frame: CueMatcher(group["cue"].tolist()) for frame, group in table.groupby("frame", sort=False)})


@layer("frames", assigns={"frames": Frame})
def frames(view, lexicons, found) -> dict[str, list]:
    """The frames of one article's sentences (see module doc)."""
    found_cues = lexicons.parsed(read_frame_cues, "frame_cues.tsv").find(view.normalized, view.words)
    text, rows = view.text, []
    for frame, matches in found_cues.items():
        starts, ends = view.spans([m.start for m in matches], [m.end for m in matches])
        cues: dict[int, list[str]] = {}
        for start, end, sentence in zip(starts.tolist(), ends.tolist(), view.sentence_ids(starts).tolist()):
            if start >= view.sentence_starts[sentence] and start < view.sentences[sentence][1]:
                cues.setdefault(sentence, []).append(text[start:end])
        rows += [(sentence, FRAMES.index(frame), Frame(view.sentences[sentence][0], view.sentences[sentence][1],
                                                        frame, "، ".join(words), len(words)))
                 for sentence, words in cues.items()]
    return {"frames": [row for _, _, row in sorted(rows, key=lambda r: r[:2])]}
