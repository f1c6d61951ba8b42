"""Inputs -> sha256 fingerprints that tell two runs on the same inputs from
two runs on different ones.

``corpus_sha256(corpus_files(corpus, manifest))``: one hash over every input
entry's relative path and bytes, or why it cannot be read (any added,
removed, renamed or edited file changes it). ``articles_sha256(articles)``: one hash over what was tagged
(ids, outlet, title, date, url, text), whatever it was read from;
``article_keys(articles)``: one hash per article over all its columns.
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Iterable, Iterator

import pandas as pd

from .entries import Entry, corpus_entries, file_entry

FINGERPRINTED = ("outlet", "title", "published", "url", "text")


def file_sha256(path: Path) -> str:
    """Hex sha256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def corpus_files(corpus: Path, manifest: Path | None = None) -> Iterator[Entry]:
    """Every input entry, one at a time: the corpus file or the entries under
    the corpus folder (as the loader sees them), then a manifest kept outside it."""
    if not corpus.is_dir():
        yield file_entry(corpus.name, corpus)
    else:
        yield from corpus_entries(corpus)
    if manifest is not None and not manifest.resolve().is_relative_to(corpus.resolve()):
        yield file_entry(f"manifest:{manifest.name}", manifest)


def entry_content(entry: Entry) -> str:
    """What the fingerprint hashes for an entry: why it cannot be read, or
    the sha256 of its bytes."""
    if entry.reason:
        return entry.reason
    try:
        return file_sha256(entry.path)
    except OSError as err:
        return f"cannot read ({err.strerror})"


class CorpusDigest:
    """The corpus fingerprint built entry by entry (``add``), as the loader
    reads them; ``hexdigest()`` equals :func:`corpus_sha256` of the same entries."""

    def __init__(self) -> None:
        self._digest, self.entries = hashlib.sha256(), 0

    def add(self, entry: Entry, content: str | None = None) -> None:
        """Hash one entry; ``content``: the sha256 of its bytes when already read."""
        content = content or entry_content(entry)
        self._digest.update(entry.name.encode("utf-8") + b"\0" + content.encode("utf-8") + b"\0")
        self.entries += 1

    def hexdigest(self) -> str:
        return self._digest.hexdigest()


def corpus_sha256(files: Iterable[Entry]) -> str:
    """One sha256 over the names and contents of ``files`` (for an entry
    that cannot be read: over why)."""
    digest = CorpusDigest()
    for entry in files:
        digest.add(entry)
    return digest.hexdigest()


def article_keys(articles: pd.DataFrame) -> pd.Series:
    """Article id -> sha256 of the article's row (every column: text,
    metadata and load provenance), the key by which a store knows an
    article is unchanged."""
    columns = [articles[c].astype(object).where(articles[c].notna(), None).tolist() for c in articles.columns]
    keys = [hashlib.sha256(repr((article_id, *map(str, values))).encode("utf-8", "surrogateescape")).hexdigest()
            for article_id, *values in zip(articles.index.tolist(), *columns)]
    return pd.Series(keys, index=articles.index, dtype="string", name="sha256")


def articles_sha256(articles: pd.DataFrame) -> str:
    """One sha256 over the articles' ids and the columns that tagging reads."""
    digest = hashlib.sha256()
    columns = [articles[c].astype(object).where(articles[c].notna(), None).tolist() if c in articles
               else [None] * len(articles) for c in FINGERPRINTED]
    for article_id, *values in zip(articles.index.tolist(), *columns):
        digest.update(repr((article_id, *map(str, values))).encode("utf-8") + b"\0")
    return digest.hexdigest()
