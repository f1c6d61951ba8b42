"""The package's errors: one base class, one subclass per kind of input,
each carrying the fields a caller needs to point at the problem.

- :class:`DataFileError`: a lexicon or rule file (``path``, ``line``, ``problem``);
- :class:`CorpusError`: a corpus that did not load cleanly under ``strict=True``;
- :class:`ManifestError`: a manifest that cannot be read (``path``);
- :class:`SelectionError`: a filter naming something the data lacks (``name``,
  ``unknown``, ``known``);
- :class:`StoreError`: a tagged store that is missing, broken or does not match
  what the caller asked for (``path``, ``problem``);
- :class:`ReportError`: a bad report request (unknown notebook or parameter).

All are ``ValueError`` subclasses too, so ``except ValueError`` still works.
"""
from __future__ import annotations

from pathlib import Path


class AnalysisError(ValueError):
    """Base of every error this package raises on purpose."""


class DataFileError(AnalysisError):
    """A data file line that cannot be used: says which file, line and why."""

    def __init__(self, path: Path | str, line: int | None, problem: str):
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {problem}")
        self.path, self.line, self.problem = str(path), line, problem


class CorpusError(AnalysisError):
    """Raised by a strict load: lists every input that was not loaded cleanly."""


class ManifestError(AnalysisError):
    """A manifest that cannot be read at all."""

    def __init__(self, path: Path | str, problem: str):
        super().__init__(f"{path}: {problem}")
        self.path, self.problem = str(path), problem


class SelectionError(AnalysisError):
    """A selection (outlets, actors, layers ...) naming values that do not exist."""

    def __init__(self, name: str, unknown: list, known: list):
        super().__init__(f"unknown {name} {sorted(map(str, unknown))}; available: {', '.join(map(str, known))}")
        self.name, self.unknown, self.known = name, list(unknown), list(known)


class StoreError(AnalysisError):
    """A tagged store that cannot be opened or does not match the request."""

    def __init__(self, path: Path | str, problem: str):
        super().__init__(f"{path}: {problem}")
        self.path, self.problem = str(path), problem


class ReportError(AnalysisError):
    """Bad report request (unknown notebook or parameter, wrong type)."""
