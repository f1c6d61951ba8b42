"""A folder of lexicons and rule tables -> the one :class:`LexiconSet` every
layer, the loader and the provenance read.

``lexicon_set(folder)`` resolves each file the toolkit reads (``FILES``):
``folder/<name>`` when the analyst's folder has it, else the bundled default
in ``data/``. It hashes every resolved file (sha256 of its bytes) and
returns the cached set for that content, so an edited file is picked up by
the next call, even in a running kernel, and an unchanged one is never read
twice. ``folder=None`` is the bundled set. The set's ``sha256`` covers the
files tagging reads: editing ``labels.tsv`` (names and colours readers see)
never makes a store tag its articles again.

A module reads its part with ``lexicons.parsed(parser, "file.tsv", ...)``:
``parser(path, ...)`` runs once per set and its result is kept;
``lexicons.derived(function)`` keeps ``function(lexicons)`` the same way
(an index built from parsed files). ``lexicons.validate()`` reads every
file of the analyst's folder at once (the report and tag commands do, so a
broken line stops them before any work). A broken
line raises :class:`~analysis.errors.DataFileError` naming file and line.
"""
from __future__ import annotations

import hashlib
import importlib
import warnings
from collections import OrderedDict
from pathlib import Path
from typing import Callable

from .datafiles import DATA_DIR
from .errors import DataFileError

FILES = ("abbreviations.tsv", "actor_roles.tsv", "actors.tsv", "boilerplate.tsv", "candidate_cues.tsv",
         "candidate_words.tsv", "event_cues.tsv", "frame_cues.tsv", "labels.tsv", "latin_letters.tsv", "namings.tsv",
         "outlet_signatures.tsv", "quote_cues.tsv", "spelling_rules.tsv", "stopwords.tsv", "time_words.tsv",
         "tone_words.tsv")
PRESENTATION = ("labels.tsv",)  # what readers see, not what is tagged: left out of the set's sha256
IGNORED = ("README", ".")  # files in an analyst's folder that are not lexicons: no warning
# The reader of each file (module, function), for validating a folder up front.
READERS = {
    ("abbreviations.tsv",): ("analysis.segmentation", "read_abbreviations"),
    ("actors.tsv", "actor_roles.tsv", "spelling_rules.tsv", "latin_letters.tsv"): ("analysis.lexicon", "read_actor_lexicon"),
    ("boilerplate.tsv",): ("analysis.cleaning", "read_boilerplate"),
    ("candidate_cues.tsv",): ("analysis.candidates", "read_cues"),
    ("candidate_words.tsv",): ("analysis.candidates", "read_word_kinds"),
    ("event_cues.tsv",): ("analysis.layers.events", "read_event_cues"),
    ("frame_cues.tsv",): ("analysis.layers.frames", "read_frame_cues"),
    ("labels.tsv",): ("analysis.labels", "read_labels"),
    ("namings.tsv",): ("analysis.layers.namings", "read_namings"),
    ("outlet_signatures.tsv",): ("analysis.outlets", "read_signatures"),
    ("quote_cues.tsv",): ("analysis.layers.quotes", "read_quote_cues"),
    ("stopwords.tsv",): ("analysis.layers.terms", "read_stopwords"),
    ("time_words.tsv",): ("analysis.timex_patterns", "read_patterns"),
    ("tone_words.tsv",): ("analysis.layers.tone", "read_tone_words"),
}
CACHED_SETS = 8


class LexiconWarning(UserWarning):
    """A file in a lexicon folder that the toolkit does not read."""


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class LexiconSet:
    """The resolved files of one lexicon folder, their hashes and their
    parsed contents (see module doc). Build it with :func:`lexicon_set`."""

    def __init__(self, folder: Path | None, paths: dict[str, Path], hashes: dict[str, str]):
        self.folder = folder
        self.paths = paths
        self.hashes = hashes
        digest = hashlib.sha256()
        for name in FILES:
            if name not in PRESENTATION:
                digest.update(f"{name}\0{hashes[name]}\0".encode())
        self.sha256 = digest.hexdigest()  # what tagging depends on: a store tagged with another is tagged again
        self._parsed: dict = {}

    def path(self, name: str) -> Path:
        """The file used for ``name`` (the analyst's or the bundled one)."""
        return self.paths[name]

    def parsed(self, parser: Callable, *names: str):
        """``parser(*paths)`` for the files ``names``, computed once per set."""
        key = (parser, names)
        if key not in self._parsed:
            self._parsed[key] = parser(*(self.paths[name] for name in names))
        return self._parsed[key]

    def derived(self, function: Callable):
        """``function(self)`` (an index built from parsed files), computed once per set."""
        if function not in self._parsed:
            self._parsed[function] = function(self)
        return self._parsed[function]

    def validate(self) -> LexiconSet:
        """Read every file of the analyst's folder now (the bundled ones are
        checked by the tests), so a broken line is an error before any
        work starts; returns the set."""
        for names, (module, function) in READERS.items():
            if any(self.paths[name].parent != DATA_DIR for name in names):
                self.parsed(getattr(importlib.import_module(module), function), *names)
        return self

    def files(self) -> list[dict]:
        """One record per file: ``file, source`` (``bundled`` or the folder), ``sha256``."""
        return [{"file": name, "source": "bundled" if self.paths[name].parent == DATA_DIR else str(self.folder),
                 "sha256": self.hashes[name]} for name in FILES]

    def __repr__(self) -> str:
        own = [name for name in FILES if self.paths[name].parent != DATA_DIR]
        return f"LexiconSet({str(self.folder) if self.folder else 'bundled'}, own files: {own}, sha256 {self.sha256[:12]})"


_SETS: OrderedDict[str, LexiconSet] = OrderedDict()


def lexicon_set(folder: Path | str | LexiconSet | None = None) -> LexiconSet:
    """The lexicon set of ``folder`` (bundled defaults for missing files;
    ``None`` or "": all bundled). A folder that does not exist is an error; a
    file in it the toolkit does not read gets a :class:`LexiconWarning`."""
    if isinstance(folder, LexiconSet):
        return lexicon_set(folder.folder)
    folder = Path(folder) if folder else None
    paths = {name: DATA_DIR / name for name in FILES}
    if folder is not None:
        if not folder.is_dir():
            raise DataFileError(folder, None, "lexicon folder not found (give a folder holding your .tsv files)")
        for path in sorted(folder.iterdir()):
            if path.name in paths:
                paths[path.name] = path
            elif path.is_file() and not path.name.startswith(IGNORED):
                warnings.warn(f"{path}: not a lexicon file this toolkit reads, ignored; the files are: "
                              f"{', '.join(FILES)}", LexiconWarning, stacklevel=2)
    hashes = {name: _sha256(path) for name, path in paths.items()}
    key = hashlib.sha256(repr((str(folder), sorted(hashes.items()))).encode()).hexdigest()
    if key not in _SETS:
        _SETS[key] = LexiconSet(folder, paths, hashes)
        while len(_SETS) > CACHED_SETS:
            _SETS.popitem(last=False)
    _SETS.move_to_end(key)
    return _SETS[key]
