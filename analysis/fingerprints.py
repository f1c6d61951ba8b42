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


def corpus_files(corpus: Path, manifest: Path | None = None) -> list[Entry]:
    """Every input entry: the corpus file or the entries under the corpus
    folder (as the loader sees them, sorted), then a manifest kept outside it."""
    files = corpus_entries(corpus) if corpus.is_dir() else [file_entry(corpus.name, corpus)]
    if manifest is not None and manifest.resolve() not in {e.path.resolve() for e in files}:
        files.append(file_entry(f"manifest:{manifest.name}", manifest))
    return files


def corpus_sha256(files: list[Entry], known: dict[str, str] | None = None) -> str:
    """One sha256 over the names and contents of ``files`` (for an entry
    that cannot be read: over why); ``known``: name -> sha256 of the files
    already hashed while reading them."""
    digest = hashlib.sha256()
    for entry in files:
        content = entry.reason or (known or {}).get(entry.name)
        if content is None:
            try:
                content = file_sha256(entry.path)
            except OSError as err:
                content = f"cannot read ({err.strerror})"
        digest.update(entry.name.encode("utf-8") + b"\0" + content.encode("utf-8") + b"\0")
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
