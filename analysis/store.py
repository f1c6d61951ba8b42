"""A :class:`~analysis.pipeline.Tagged` corpus <-> a folder of Parquet files
(the tagged store), so notebooks, scheduled runs and the explorer read the
tags instead of tagging again.

``save_store(tagged, folder)`` writes ``<table>.parquet`` for every table,
``articles.parquet`` and ``load_report.parquet``, and ``store.json``: the
package version, the articles' fingerprint, the corpus fingerprint (when the
articles came from ``load_corpus``), the lexicon set (folder, sha256 of
every file), the tables with their row counts and dtypes.
``open_store(folder, corpus, manifest, lexicons)`` reads it back, identical
to what was saved, and refuses (:class:`~analysis.errors.StoreError`) a
store written by another version, or tagged from another corpus or with
other lexicons than those the caller names.

Parquet is written by fastparquet (already needed to read Parquet corpora);
cells that hold tuples or lists (an event's ``actor_ids``, an article's
``removed`` lines) are stored as JSON text and restored.
"""
from __future__ import annotations

import json
import shutil
import warnings
from pathlib import Path

import pandas as pd

from . import __version__
from .errors import StoreError
from .fingerprints import articles_sha256, corpus_files, corpus_sha256
from .lexicons import LexiconSet, lexicon_set

MANIFEST = "store.json"
FORMAT = 1


def _write(frame: pd.DataFrame, path: Path) -> dict:
    """Write one table; returns its record (rows, dtypes, JSON columns)."""
    json_columns = {}
    for column in frame.columns:
        if frame[column].dtype == object:
            sample = next((v for v in frame[column] if v is not None and not isinstance(v, float)), None)
            if isinstance(sample, (list, tuple, dict)):
                json_columns[column] = type(sample).__name__
    encoded = frame.assign(**{column: [None if v is None else json.dumps(v, ensure_ascii=False) for v in frame[column]]
                              for column in json_columns}) if json_columns or frame.attrs else frame
    encoded.attrs = {}  # a copy: the articles' load report is written as its own table
    with warnings.catch_warnings():  # fastparquet probes deprecated pandas options
        warnings.simplefilter("ignore")
        encoded.to_parquet(path, engine="fastparquet", index=False, compression="zstd", stats=False)
    return {"rows": len(frame), "columns": list(frame.columns),
            "dtypes": {c: str(t) for c, t in frame.dtypes.items()}, "json": json_columns}


def _read(path: Path, record: dict) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        frame = pd.read_parquet(path, engine="fastparquet")
    for column, kind in record["json"].items():
        restore = tuple if kind == "tuple" else (lambda v: v)
        frame[column] = [None if v is None else restore(json.loads(v)) for v in frame[column]]
    dtypes = {c: t for c, t in record["dtypes"].items() if c not in record["json"]}
    return frame.astype(dtypes)[record["columns"]]


def save_store(tagged, folder: Path | str) -> Path:
    """Write ``tagged`` into ``folder`` (replacing a store there); see module doc."""
    folder = Path(folder)
    if folder.exists() and not (folder / MANIFEST).is_file() and any(folder.iterdir()):
        raise StoreError(folder, "folder exists and is not a tagged store; give an empty or new folder")
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    articles = tagged.articles
    source = articles.attrs.get("source")
    corpus = None
    if source:
        path, manifest = Path(source["path"]), Path(source["manifest"]) if source.get("manifest") else None
        corpus = {"path": str(path), "manifest": str(manifest) if manifest else None,
                  "sha256": corpus_sha256(corpus_files(path, manifest))}
    tables = {"articles": _write(articles.reset_index(), folder / "articles.parquet")}
    report = articles.attrs.get("load_report")
    if report is not None:
        tables["load_report"] = _write(report, folder / "load_report.parquet")
    for name, table in tagged.tables.items():
        tables[name] = _write(table, folder / f"{name}.parquet")
    lexicons: LexiconSet = tagged.lexicons
    record = {"format": FORMAT, "version": __version__, "articles": len(articles),
              "articles_sha256": articles_sha256(articles), "corpus": corpus,
              "lexicons": {"folder": str(lexicons.folder) if lexicons.folder else None,
                           "sha256": lexicons.sha256, "files": lexicons.files()},
              "tables": tables}
    # ASCII escapes: a path that is not valid UTF-8 round-trips too
    (folder / MANIFEST).write_text(json.dumps(record, indent=1, sort_keys=True) + "\n",
                                   encoding="utf-8")
    return folder


def store_record(folder: Path | str) -> dict:
    """The ``store.json`` of a store; StoreError when there is none."""
    folder = Path(folder)
    try:
        record = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise StoreError(folder, f"not a tagged store (no {MANIFEST}); write one with "
                                 "'python -m analysis tag' or Tagged.save") from None
    except (OSError, ValueError) as err:
        raise StoreError(folder, f"unreadable {MANIFEST} ({err})") from None
    if record.get("format") != FORMAT or record.get("version") != __version__:
        raise StoreError(folder, f"tagged by analysis {record.get('version')} (store format {record.get('format')}); "
                                 f"this is analysis {__version__}: tag the corpus again")
    return record


def _check(folder: Path, record: dict, corpus, manifest, lexicons) -> None:
    if corpus is not None:
        if not record.get("corpus"):
            raise StoreError(folder, "the store does not record which corpus files it was tagged from "
                                     "(tagged from a DataFrame); open it without corpus=")
        corpus = Path(corpus).resolve()
        found = corpus_sha256(corpus_files(corpus, Path(manifest) if manifest else None))
        if found != record["corpus"]["sha256"]:
            raise StoreError(folder, f"tagged from another corpus: {record['corpus']['path']} (sha256 "
                                     f"{record['corpus']['sha256'][:12]}), not {corpus} as it is now (sha256 "
                                     f"{found[:12]}); tag it again")
    if lexicons is not None and lexicons.sha256 != record["lexicons"]["sha256"]:
        raise StoreError(folder, f"tagged with other lexicons ({record['lexicons']['folder'] or 'bundled'}, sha256 "
                                 f"{record['lexicons']['sha256'][:12]}) than {lexicons!r}; tag it again")


def open_store(folder: Path | str, corpus: Path | str | None = None, manifest: Path | str | None = None,
               lexicons: Path | str | LexiconSet | None = None, tables: list[str] | None = None):
    """The :class:`~analysis.pipeline.Tagged` saved in ``folder`` (see module
    doc); ``tables``: read only these (all by default)."""
    from .pipeline import Tagged
    folder = Path(folder)
    record = store_record(folder)
    given = None if lexicons is None else lexicon_set(lexicons)
    _check(folder, record, corpus, manifest, given)
    articles = _read(folder / "articles.parquet", record["tables"]["articles"]).set_index("article_id")
    if "load_report" in record["tables"]:
        articles.attrs["load_report"] = _read(folder / "load_report.parquet", record["tables"]["load_report"])
    if record.get("corpus"):
        articles.attrs["source"] = {"path": record["corpus"]["path"], "manifest": record["corpus"]["manifest"]}
    names = [n for n in record["tables"] if n not in ("articles", "load_report") and (tables is None or n in tables)]
    missing = sorted(set(tables or ()) - set(names))
    if missing:
        raise StoreError(folder, f"no table(s) {missing} in the store; it holds {', '.join(names)}")
    found = {name: _read(folder / f"{name}.parquet", record["tables"][name]) for name in names}
    if given is None:
        folder_of = record["lexicons"]["folder"]
        given = lexicon_set(folder_of if folder_of and Path(folder_of).is_dir() else None)
        if given.sha256 != record["lexicons"]["sha256"]:
            warnings.warn(f"{folder}: the lexicon files changed since this store was tagged; "
                          "labels and lexicon lookups use today's files", stacklevel=2)
    return Tagged(articles, found, given)


def open_or_tag(store: Path | str = "", corpus: Path | str = "", manifest: Path | str = "",
                lexicons: Path | str = "", layers: list[str] | None = None, jobs: int = 1,
                date_order: str | None = None):
    """What a notebook works on: the ``store`` when one is given (refused
    unless it was tagged from ``corpus`` with ``lexicons``; only the tables
    ``layers`` need are read), else ``corpus`` loaded (manifest dates read in
    ``date_order``) and tagged now (in ``jobs`` processes)."""
    from .corpus import load_corpus
    from .pipeline import plan, tag
    if store:
        tables = None if layers is None else sorted({t for spec in plan(layers) for t in spec.assigns})
        return open_store(store, corpus=corpus or None, manifest=manifest or None, lexicons=lexicons or "",
                          tables=tables)
    articles = load_corpus(corpus, manifest=manifest or None, lexicons=lexicons or None, date_order=date_order)
    return tag(articles, layers=layers, lexicons=lexicons or None, jobs=jobs)
