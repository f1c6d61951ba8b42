"""Arabic text normalization, built on camel-tools.

Two normalizations with different jobs:

- ``clean_unicode(text)``: what the article's ``text`` column holds. Safe for
  display: presentation forms -> base letters, NFC, zero-width and bidi
  controls removed, odd spaces -> space, tatweel removed where it only
  stretches a word (a detached clitic ``لـ كيم`` and a dash `` ـ `` are kept).
- ``normalize_for_matching(text)``: what every tagger compares. Diacritics and
  tatweel dropped; alef forms -> ا, ى -> ي, ة -> ه; Persian and Maghrebi
  letters (keh, yeh, veh ڤ, gaf گ, ڨ) -> Arabic (ك ي ف غ).
  ``matching_view(text)`` also returns, for each normalized character, its
  offset in ``text``, so matches map back to exact ``start``/``end``.
"""
from __future__ import annotations

import re
import unicodedata

import numpy as np
from camel_tools.utils.charsets import AR_DIAC_CHARSET
from camel_tools.utils.normalize import (
    normalize_alef_ar,
    normalize_alef_maksura_ar,
    normalize_teh_marbuta_ar,
    normalize_unicode,
)

TATWEEL = "\u0640"
PRESENTATION_FORMS = re.compile(r"[\uFB50-\uFDFF\uFE70-\uFEFF]+")
INVISIBLE = re.compile(r"[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\u061C\uFEFF\u00AD]")
ODD_SPACE = re.compile(r"[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000\t]")
STRETCH = re.compile(rf"(?<=\w){TATWEEL}+(?=\w)")
DROPPED = frozenset(AR_DIAC_CHARSET) | {TATWEEL}
# Persian and Maghrebi letters some outlets use in foreign names:
# keh, yeh, heh-yeh -> ك ي ه; veh ڤ ڥ -> ف; gaf گ and ڨ (g) -> غ.
PERSIAN = str.maketrans({
    "\u06A9": "\u0643", "\u06CC": "\u064A", "\u06C0": "\u0647",
    "\u06A4": "\u0641", "\u06A5": "\u0641", "\u06AF": "\u063A", "\u06A8": "\u063A",
})


def clean_unicode(text: str) -> str:
    """Display-safe normalization for the ``text`` column (see module doc)."""
    text = INVISIBLE.sub("", text)  # before NFKC: U+FEFF is in the forms block
    text = PRESENTATION_FORMS.sub(lambda m: normalize_unicode(m.group(0)), text)
    text = unicodedata.normalize("NFC", text)
    text = ODD_SPACE.sub(" ", text)
    return STRETCH.sub("", text)


def _fold(text: str) -> str:
    """1:1 character folding (same length in and out), by camel-tools."""
    text = normalize_alef_ar(text)
    text = normalize_alef_maksura_ar(text)
    text = normalize_teh_marbuta_ar(text)
    return text.translate(PERSIAN)


# The same folding as one translation table (camel-tools' rules are
# character classes, so they can be tabulated once).
FOLD = str.maketrans({ch: _fold(ch) for ch in map(chr, [*range(0x0600, 0x0900), *range(0xFB50, 0xFF00)])
                      if _fold(ch) != ch})
DROP = re.compile("[" + re.escape("".join(sorted(DROPPED))) + "]")


def _expand(text: str) -> str:
    return PRESENTATION_FORMS.sub(lambda m: normalize_unicode(m.group(0)), text)


def normalize_for_matching(text: str) -> str:
    """Normalized form used by every tagger (see module doc)."""
    if PRESENTATION_FORMS.search(text):
        text = _expand(text)
    return DROP.sub("", text).translate(FOLD)


def matching_view(text: str) -> tuple[str, np.ndarray]:
    """``(normalized, offsets)``: ``offsets[i]`` is the index in ``text`` of
    normalized character ``i``; ``offsets[len(normalized)] == len(text)``.
    A presentation-form ligature (ﻻ) gives several normalized characters
    with the same offset. Built once per article by :mod:`analysis.view`."""
    if PRESENTATION_FORMS.search(text):
        pieces, offsets = [], []
        for i, ch in enumerate(text):
            form = DROP.sub("", _expand(ch))
            pieces.append(form)
            offsets += [i] * len(form)
        offsets.append(len(text))
        return "".join(pieces).translate(FOLD), np.array(offsets, dtype=np.int64)
    offsets = np.arange(len(text) + 1, dtype=np.int64)
    dropped = [m.start() for m in DROP.finditer(text)]
    if dropped:
        text, offsets = DROP.sub("", text), np.delete(offsets, dropped)
    return text.translate(FOLD), offsets
