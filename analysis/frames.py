"""Sentences -> ``frames``: the Policy Frames Codebook dimensions (Boydstun
et al. 2014) a sentence carries, found by an Arabic cue lexicon
(``data/frame_cues.tsv``).

``read_frame_cues(path)`` validates the file; ``frames(articles,
sentences, path)`` is the ``tagged.frames`` layer, one row per sentence and
frame: ``article_id, sentence_id, start, end`` (the sentence), ``frame``,
``cue`` (the words found, "، "-joined, in text order) and ``n_cues``. A
sentence may carry several frames; one without a cue has no row.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from .cues import CueMatcher
from .datafiles import file_version, non_empty, one_of, read_table
from .normalization import matching_view

FRAMES = ("Economic", "Capacity and resources", "Morality", "Fairness and equality",
          "Legality, constitutionality and jurisprudence", "Policy prescription and evaluation",
          "Crime and punishment", "Security and defense", "Health and safety", "Quality of life",
          "Cultural identity", "Public opinion", "Political", "External regulation and reputation", "Other")
FRAME_COLUMNS = ["article_id", "sentence_id", "start", "end", "frame", "cue", "n_cues"]


@lru_cache(maxsize=8)
def _read(path: str, mtime: float) -> dict[str, CueMatcher]:
    table = read_table(path, ["frame", "cue", "note"], {"frame": one_of(*FRAMES), "cue": non_empty})
    return {frame: CueMatcher(group["cue"].tolist()) for frame, group in table.groupby("frame", sort=False)}


def read_frame_cues(path: Path | str | None = None) -> dict[str, CueMatcher]:
    """Frame -> cue matcher, from a frame cue file (bundled by default); a
    broken line raises DataFileError "file:line: problem"."""
    return _read(*file_version(path, "frame_cues.tsv"))


def frames(articles: pd.DataFrame, sentence_table: pd.DataFrame, path: Path | str | None = None) -> pd.DataFrame:
    """The ``tagged.frames`` layer (columns: module doc)."""
    matchers = read_frame_cues(path)
    rows = []
    for article_id, spans in sentence_table.groupby("article_id", sort=False):
        text = articles.at[article_id, "text"]
        normalized, offsets = matching_view(text)
        starts, ends = spans["start"].to_numpy(), spans["end"].to_numpy()
        ids = spans["sentence_id"].to_numpy()
        for frame, matcher in matchers.items():
            cues: dict[int, list[str]] = {}
            for start, end, _ in matcher.find(normalized):
                first = int(offsets[start])
                i = int(np.searchsorted(starts, first, side="right")) - 1
                if i >= 0 and first < ends[i]:
                    cues.setdefault(i, []).append(text[first:int(offsets[end - 1]) + 1])
            rows += [(article_id, int(ids[i]), int(starts[i]), int(ends[i]), frame, "، ".join(found), len(found))
                     for i, found in cues.items()]
    table = pd.DataFrame(rows, columns=FRAME_COLUMNS)
    table["frame"] = pd.Categorical(table["frame"], categories=FRAMES, ordered=True)  # codebook order
    return table.sort_values(["article_id", "sentence_id", "frame"]).reset_index(drop=True).astype({"frame": str})
