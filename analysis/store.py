"""A :class:`~analysis.pipeline.Tagged` corpus <-> a folder of Parquet files
(the tagged store), so notebooks, scheduled runs and the explorer read the
tags instead of tagging again.

Layout: the articles, ordered by outlet, publication month (``undated``)
and id, are cut into parts of at most ``partition_size`` articles, so each
part holds one or a few neighbouring (outlet, month) groups; a part is named
by a hash of its articles' keys. ``articles/PART.parquet``
and ``TABLE/PART.parquet`` hold each part's rows of the articles and of
every article table (mentions, timexes, ...); a corpus table (shared
passages) is one file; the load report is a dataset of one file per batch
the loader read (``load_report/r-HASH.parquet``); ``keys.parquet`` maps
each article to its key (:func:`~analysis.fingerprints.article_keys`),
outlet, month and part.
``store.json`` records the package version, the articles' fingerprint, the
corpus fingerprint, the lexicon set (folder, sha256 of every file), the
layers, each table's columns, dtypes and rows, and each part's (outlet,
month) groups, article and row counts, so a reader can take the parts of
some outlets and months without opening the others
(``open_store(..., outlets=, months=)``).
Part files are never changed in place: :mod:`analysis.partitions` writes new
parts (a part that lost articles is copied without them under a new name),
then ``store.json`` (replaced atomically), then removes the files it no
longer lists.

``save_store(tagged, folder)`` writes a store from memory;
``open_store(folder, corpus, manifest, lexicons, tables)`` reads it back,
identical to what was tagged, and refuses
(:class:`~analysis.errors.StoreError`) a store written by another version,
or tagged from another corpus or with other lexicons than those named.
Parquet is written by fastparquet; cells that hold tuples or lists (an
event's ``actor_ids``, an article's ``removed`` lines) are JSON text.
"""
from __future__ import annotations

import hashlib
import json
import os
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from . import __version__
from .corpus import UNKNOWN_OUTLET
from .errors import StoreError
from .fingerprints import article_keys, corpus_files, corpus_sha256
from .lexicons import LexiconSet, lexicon_set

MANIFEST = "store.json"
KEYS = "keys"
LOAD_REPORT = "load_report"  # a dataset: one file per batch the loader read
STATE = "state"  # what corpus layers keep between runs (the shared passages' shingles and pairs)
FORMAT = 3
PARTITION_SIZE = 500  # articles per part, at most
UNDATED = "undated"


def _json_columns(frame: pd.DataFrame) -> dict[str, str]:
    found = {}
    for column in frame.columns:
        if frame[column].dtype == object:
            sample = next((v for v in frame[column] if v is not None and not isinstance(v, float)), None)
            if isinstance(sample, (list, tuple, dict)):
                found[column] = type(sample).__name__
    return found


def write_table(frame: pd.DataFrame, path: Path) -> dict:
    """Write one table (or one part of it); returns its record: rows,
    columns, dtypes and the columns stored as JSON."""
    json_columns = _json_columns(frame)
    encoded = frame.assign(**{column: [None if v is None else json.dumps(v, ensure_ascii=False) for v in frame[column]]
                              for column in json_columns}) if json_columns or frame.attrs else frame
    encoded.attrs = {}  # a copy: the articles' load report is written as its own table
    path.parent.mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings():  # fastparquet probes deprecated pandas options
        warnings.simplefilter("ignore")
        encoded.to_parquet(path, engine="fastparquet", index=False, compression="zstd", stats=False)
    return {**schema(frame), "json": json_columns}


def schema(frame: pd.DataFrame) -> dict:
    """A table's record without its files: rows, columns, dtypes."""
    return {"rows": len(frame), "columns": list(frame.columns),
            "dtypes": {c: str(t) for c, t in frame.dtypes.items()}, "json": {}}


def _empty_tables(articles: pd.DataFrame, names: list[str]) -> dict[str, dict]:
    """Records of the articles and of the article tables ``names`` for a
    store with no part (no article at all)."""
    from .pipeline import producers, table_frame
    records = {"articles": schema(articles.reset_index().iloc[:0])}
    for name in names:
        spec = producers()[name]
        if spec.scope == "article":
            records[name] = schema(table_frame(spec, name, [], [], []))
    return {name: {**record, "scope": "article"} for name, record in records.items()}


def read_table(paths: list[Path], record: dict, columns: list[str] | None = None) -> pd.DataFrame:
    """The rows of a table's files (in order), with the record's dtypes;
    ``columns``: read only these."""
    columns = columns or record["columns"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        frames = [pd.read_parquet(path, engine="fastparquet", columns=columns) for path in paths]
    frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)
    for column, kind in record["json"].items():
        if column not in columns:
            continue
        restore = tuple if kind == "tuple" else (lambda v: v)
        frame[column] = pd.Series([None if v is None else restore(json.loads(v)) for v in frame[column]],
                                  index=frame.index, dtype=object)
    dtypes = {c: t for c, t in record["dtypes"].items() if c not in record["json"] and c in columns}
    return frame.astype(dtypes)[columns]


def table_records(articles: pd.DataFrame, names: list[str], written: list[dict], parts: dict,
                  previous: dict | None = None) -> dict[str, dict]:
    """Each article table's record (``articles`` included) over every part:
    from the records of the parts ``written`` now and of the ``previous``
    store (its kept parts), typed and empty when there is no part (the
    columns of ``articles``, which may have no row); rows are summed over
    ``parts``."""
    records = _empty_tables(articles, names)
    kept = {n for n, e in (previous or {}).get("tables", {}).items() if e.get("scope") == "article"}
    for name in {n for part in written for n in part} | kept:
        entries = [part[name] for part in written if name in part] + ([previous["tables"][name]] if name in kept else [])
        records[name] = {**entries[0], "rows": sum(p.get("rows", {}).get(name, 0) for p in parts.values()),
                         "json": {k: v for e in entries for k, v in e["json"].items()}, "scope": "article"}
    return records


def finish_store(folder: Path, record: dict, parts: pd.DataFrame, corpus_tables: dict[str, pd.DataFrame],
                 load_report: list[dict]) -> None:
    """Write what is not split into parts (the corpus tables given, the keys
    table ``parts``), record the ``load_report`` files (see
    :func:`write_load_report`), then write ``store.json``, then remove the
    part and report files it no longer lists."""
    for name, table in corpus_tables.items():
        record["tables"][name] = {**write_table(table, folder / f"{name}.parquet"), "scope": "corpus"}
    keys = parts.sort_values("article_id", ignore_index=True)
    record["tables"][KEYS] = {**write_table(keys, folder / f"{KEYS}.parquet"), "scope": "store"}
    if load_report:
        record["tables"][LOAD_REPORT] = {**load_report[0], "rows": sum(r["rows"] for r in load_report),
                                         "files": [r["file"] for r in load_report], "scope": "store"}
    write_manifest(folder, record)
    remove_unlisted(folder, record)


def write_load_report(folder: Path, report: pd.DataFrame) -> dict:
    """Write one batch of the load report as a file of the ``load_report``
    dataset (named by a hash of its rows); its record with ``file``."""
    digest = hashlib.sha256(pd.util.hash_pandas_object(report, index=False).to_numpy().tobytes()).hexdigest()
    name = f"r-{digest[:20]}"
    return {**write_table(report, folder / LOAD_REPORT / f"{name}.parquet"), "file": name}


def read_load_report(folder: Path, record: dict) -> pd.DataFrame | None:
    """The whole load report of a store (None when it has none)."""
    entry = record["tables"].get(LOAD_REPORT)
    return None if entry is None else read_table(part_files(folder, LOAD_REPORT, entry["files"]), entry)


def months_of(published: pd.Series) -> pd.Series:
    """Publication dates -> ``YYYY-MM`` (``undated`` for NaT): the months a store is split by."""
    return published.dt.strftime("%Y-%m").astype(object).where(published.notna(), UNDATED)


def part_name(members: pd.DataFrame) -> str:
    """A part's name: a hash of its articles' ids and keys (``article_id``, ``sha256``)."""
    digest = hashlib.sha256("\0".join(members["article_id"] + "\t" + members["sha256"]).encode()).hexdigest()
    return f"p-{digest[:20]}"


def assign_parts(articles: pd.DataFrame, keys: pd.Series, size: int = PARTITION_SIZE) -> pd.DataFrame:
    """Articles -> ``article_id, sha256, part, outlet, month``: ordered by
    outlet, month and id and cut into parts of ``size`` articles, so a part
    holds one or a few neighbouring (outlet, month) groups; a part's name is
    a hash of its articles' keys."""
    outlet = articles["outlet"].astype(object).where(articles["outlet"].notna(), UNKNOWN_OUTLET) \
        if "outlet" in articles else pd.Series(UNKNOWN_OUTLET, index=articles.index)
    published = articles["published"] if "published" in articles else pd.Series(pd.NaT, index=articles.index)
    month = months_of(published)
    table = pd.DataFrame({"article_id": articles.index.astype("string"), "sha256": keys.to_numpy(),
                          "outlet": outlet.astype(str).to_numpy(), "month": month.to_numpy()})
    table = table.sort_values(["outlet", "month", "article_id"], kind="stable", ignore_index=True)
    names = {}
    for _, members in table.groupby(table.index // size, sort=False):
        names.update(dict.fromkeys(members.index, part_name(members)))
    table["part"] = pd.Series(names).astype("string")
    return table.astype({"sha256": "string", "outlet": "string", "month": "string"})


def part_files(folder: Path, table: str, parts) -> list[Path]:
    return [folder / table / f"{part}.parquet" for part in parts]


def write_part(folder: Path, part: str, tables: dict[str, pd.DataFrame]) -> dict[str, dict]:
    """Write one part's rows of each table (``articles`` included); their records."""
    return {name: write_table(frame, folder / name / f"{part}.parquet") for name, frame in tables.items()}


def write_manifest(folder: Path, record: dict) -> None:
    """Replace ``store.json`` atomically (ASCII escapes: a path that is not
    valid UTF-8 round-trips too)."""
    temporary = folder / f".{MANIFEST}.{os.getpid()}"
    temporary.write_text(json.dumps(record, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(temporary, folder / MANIFEST)


def remove_unlisted(folder: Path, record: dict) -> None:
    """Delete the part and load-report files that ``store.json`` no longer lists."""
    listed = {table: set(record["parts"]) for table, entry in record["tables"].items() if entry["scope"] == "article"}
    listed[LOAD_REPORT] = set(record["tables"].get(LOAD_REPORT, {}).get("files", ()))
    for table, names in listed.items():
        for path in (folder / table).glob("*.parquet") if (folder / table).is_dir() else ():
            if path.stem not in names:
                path.unlink()


def corpus_record(source: dict | None) -> dict | None:
    """Where the articles were loaded from (the loader's ``source``), with
    the corpus fingerprint and number of entries."""
    if not source:
        return None
    path, manifest = Path(source["path"]), Path(source["manifest"]) if source.get("manifest") else None
    return {"path": str(path), "manifest": str(manifest) if manifest else None,
            "sha256": source.get("sha256") or corpus_sha256(corpus_files(path, manifest)),
            "files": source.get("files")}


def prepare_folder(folder: Path) -> None:
    """Refuse a folder that holds something other than a store (or the
    parts of a first run that stopped before writing ``store.json``)."""
    from .pipeline import producers
    ours = {"articles", STATE, LOAD_REPORT, *producers()} | {f"{n}.parquet" for n in (KEYS, *producers())}
    if folder.exists() and not (folder / MANIFEST).is_file() \
            and any(p.name not in ours and not p.name.startswith(f".{MANIFEST}.") for p in folder.iterdir()):
        raise StoreError(folder, "folder exists and is not a tagged store; give an empty or new folder")
    folder.mkdir(parents=True, exist_ok=True)


def base_record(keys: pd.DataFrame, source: dict | None, lexicons: LexiconSet, layers: list[str],
                size: int) -> dict:
    """What ``store.json`` says of a store of articles ``keys`` (``article_id,
    sha256``) loaded from ``source``: version, fingerprints, lexicons, layers."""
    ordered = keys.sort_values("article_id")
    digest = hashlib.sha256("\n".join(ordered["article_id"] + "\t" + ordered["sha256"]).encode())
    return {"format": FORMAT, "version": __version__, "articles": len(keys),
            "articles_sha256": digest.hexdigest(), "corpus": corpus_record(source),
            "lexicons": {"folder": str(lexicons.folder) if lexicons.folder else None,
                         "sha256": lexicons.sha256, "files": lexicons.files()},
            "layers": sorted(layers), "partition_size": size}


def save_store(tagged, folder: Path | str, partition_size: int = PARTITION_SIZE) -> Path:
    """Write ``tagged`` into ``folder`` (replacing a store there); see module doc."""
    from .pipeline import producers
    folder = Path(folder)
    prepare_folder(folder)
    articles = tagged.articles
    parts = assign_parts(articles, article_keys(articles), partition_size)
    scope = {name: producers()[name].scope for name in tagged.tables}
    part_of = dict(zip(parts["article_id"], parts["part"]))
    by_part = {name: dict(tuple(table.groupby(table["article_id"].map(part_of), sort=False)))
               for name, table in tagged.tables.items() if scope[name] == "article"}
    written, summary = [], parts_summary(parts)
    for part, members in parts.groupby("part", sort=False):
        tables = {"articles": articles.loc[members["article_id"].tolist()].reset_index()}
        tables |= {name: groups.get(part, tagged.tables[name].iloc[:0]).reset_index(drop=True)
                   for name, groups in by_part.items()}
        written.append(write_part(folder, part, tables))
        summary[part]["rows"] = {name: entry["rows"] for name, entry in written[-1].items()}
    record = base_record(parts, articles.attrs.get("source"), tagged.lexicons,
                         sorted({producers()[n].name for n in tagged.tables}), partition_size)
    record["parts"] = summary
    record["tables"] = table_records(articles, list(tagged.tables), written, summary)
    report = articles.attrs.get("load_report")
    finish_store(folder, record, parts, {name: table for name, table in tagged.tables.items() if scope[name] == "corpus"},
                 [] if report is None else [write_load_report(folder, report)])
    return folder


def parts_summary(parts: pd.DataFrame) -> dict[str, dict]:
    """Part name -> its (outlet, month) groups and number of articles."""
    return {name: {"groups": sorted({(o, m) for o, m in zip(members["outlet"], members["month"])}),
                   "articles": len(members)}
            for name, members in parts.groupby("part", sort=True)}


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
               lexicons: Path | str | LexiconSet | None = None, tables: list[str] | None = None,
               outlets: list[str] | None = None, months: list[str] | None = None):
    """The :class:`~analysis.pipeline.Tagged` saved in ``folder`` (see module
    doc); ``tables``: read only these (all by default); ``outlets``,
    ``months`` (``YYYY-MM`` or ``undated``): read only the parts of these
    (the shared passages then keep the pairs within the selection)."""
    from .pipeline import Tagged
    folder = Path(folder)
    record = store_record(folder)
    given = None if lexicons is None else lexicon_set(lexicons)
    _check(folder, record, corpus, manifest, given)
    def chosen(outlet: str, month: str) -> bool:
        return (outlets is None or outlet in outlets) and (months is None or month in months)
    parts = sorted(name for name, part in record["parts"].items() if any(chosen(*g) for g in part["groups"]))
    articles = read_table(part_files(folder, "articles", parts), record["tables"]["articles"])
    articles = articles.set_index("article_id").sort_index()
    if outlets is not None or months is not None:
        month = months_of(articles["published"])
        keep = np.fromiter((chosen(o, m) for o, m in zip(articles["outlet"].astype(object), month)), dtype=bool,
                           count=len(articles))
        articles = articles[keep]  # (a list would select columns when it is empty)
        articles.attrs["store"] = holdings(folder, record)
    report = read_load_report(folder, record)
    if report is not None:
        articles.attrs["load_report"] = report
    if record.get("corpus"):
        articles.attrs["source"] = dict(record["corpus"])  # path, manifest, sha256, files as tagged
    names = [n for n, entry in record["tables"].items() if entry["scope"] in ("article", "corpus")
             and n != "articles" and (tables is None or n in tables)]
    missing = sorted(set(tables or ()) - set(names))
    if missing:
        raise StoreError(folder, f"no table(s) {missing} in the store; it holds {', '.join(names)}")
    found = {name: _table(folder, name, record["tables"][name], parts) for name in names}
    if given is None:
        folder_of = record["lexicons"]["folder"]
        given = lexicon_set(folder_of if folder_of and Path(folder_of).is_dir() else None)
        if given.sha256 != record["lexicons"]["sha256"]:
            warnings.warn(f"{folder}: the lexicon files changed since this store was tagged; "
                          "labels and lexicon lookups use today's files", stacklevel=2)
    tagged = Tagged(articles, found, given)
    return tagged.select(articles) if outlets is not None or months is not None else tagged


def holdings(folder: Path, record: dict) -> dict:
    """What a store holds, for a reader that took some of its parts:
    ``articles`` (how many), ``outlets`` (articles per outlet) and
    ``months`` (``YYYY-MM``, and ``undated``, in order)."""
    keys = read_table([folder / f"{KEYS}.parquet"], record["tables"][KEYS], columns=["outlet", "month"])
    outlets = keys["outlet"].value_counts()
    return {"articles": len(keys), "outlets": {str(o): int(n) for o, n in outlets.sort_index().items()},
            "months": sorted(set(keys["month"]))}


def months_within(months: list[str], date_from: str = "", date_to: str = "") -> list[str] | None:
    """The months (``YYYY-MM``) of ``months`` that hold days of
    ``[date_from, date_to]`` (ISO dates, empty = open; ``undated`` left
    out as soon as one bound is given); None when neither is."""
    if not date_from and not date_to:
        return None
    return [m for m in months if m != UNDATED and (not date_from or m >= date_from[:7])
            and (not date_to or m <= date_to[:7])]


def _table(folder: Path, name: str, entry: dict, parts: list[str]) -> pd.DataFrame:
    """One table read back in the order tagging made it (article by article)."""
    if entry["scope"] == "corpus":
        return read_table([folder / f"{name}.parquet"], entry)
    table = read_table(part_files(folder, name, parts), entry)
    order = table["article_id"].to_numpy().argsort(kind="stable")
    return table.iloc[order].reset_index(drop=True)


def open_or_tag(store: Path | str = "", corpus: Path | str = "", manifest: Path | str = "",
                lexicons: Path | str = "", layers: list[str] | None = None, outlets: list[str] | None = None,
                date_from: str = "", date_to: str = ""):
    """What a notebook works on: the ``store`` when one is given (refused
    unless it was tagged from ``corpus`` with ``lexicons``; only the tables
    ``layers`` need are read, and only the parts holding ``outlets`` and
    publication months within ``[date_from, date_to]``, when given: an
    outlet the store does not hold is a SelectionError), else ``corpus``
    loaded and tagged now (the notebook selects afterwards, with
    :func:`analysis.overview.select_articles`, which counts what was left
    out over the whole store). An empty ``corpus`` is the bundled seeds
    (whatever the working folder), not checked against a given store."""
    from .corpus import load_corpus
    from .datafiles import SEEDS_DIR
    from .errors import SelectionError
    from .pipeline import plan, tag
    if store:
        tables = None if layers is None else sorted({t for spec in plan(layers) for t in spec.assigns})
        months = outlets_held = None
        if outlets or date_from or date_to:
            held = holdings(Path(store), store_record(store))
            unknown = sorted(set(outlets or ()) - set(held["outlets"]))
            if unknown:
                raise SelectionError("outlet(s)", unknown, list(held["outlets"]))
            months, outlets_held = months_within(held["months"], date_from, date_to), outlets or None
        return open_store(store, corpus=corpus or None, manifest=manifest or None, lexicons=lexicons or "",
                          tables=tables, outlets=outlets_held, months=months)
    articles = load_corpus(corpus or SEEDS_DIR, manifest=manifest or None, lexicons=lexicons or None)
    return tag(articles, layers=layers, lexicons=lexicons or None)
