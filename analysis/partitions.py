"""Articles -> a tagged store, one part at a time, tagging only what changed.

``tag_store(articles, folder, layers, lexicons, engine, workers, scheduler,
partition_size)`` writes the store of :mod:`analysis.store`. When ``folder``
already holds a store tagged by this version with the same lexicon set and
layers, its parts whose articles are all still there with the same key
(:func:`~analysis.fingerprints.article_keys`: text and metadata) are kept as
they are; every other article (new, changed, or sharing a part with a
changed or removed one) is tagged again into new parts; parts of removed
articles are dropped. Anything else (another version, lexicons or layer
list) re-tags everything. Each part is tagged and written by one worker
(:mod:`analysis.engines`), so the driver holds the articles and small
records only; corpus layers (shared passages) then run over the stored
tables they need, bringing their state (``state/LAYER/``) up to date from the
last run's. Returns what the run did: articles, tagged, kept,
removed, parts written and kept, seconds per layer.
"""
from __future__ import annotations

import shutil
import time
from pathlib import Path

import pandas as pd

from .engines import map_partitions
from .errors import StoreError
from .fingerprints import article_keys
from .lexicons import LexiconSet, lexicon_set
from .store import (KEYS, PARTITION_SIZE, STATE, assign_parts, base_record, finish_store, part_files,
                    parts_summary, prepare_folder, read_table, store_record, table_records, write_part)


def tag_part(folder: str, part: str, articles: pd.DataFrame, layers: list[str],
             lexicons: str | None) -> tuple[dict, dict]:
    """Tag one part's articles and write its files: ``(records per table, seconds per layer)``."""
    from .pipeline import plan, tag_articles
    chosen = lexicon_set(lexicons)
    tables, timings = tag_articles(articles, [s for s in plan(layers) if s.scope == "article"], chosen)
    records = write_part(Path(folder), part, {"articles": articles.reset_index(), **tables})
    return records, timings


def _reusable(folder: Path, lexicons: LexiconSet, layers: list[str], size: int) -> dict | None:
    """The record of the store in ``folder`` when its parts can be kept."""
    try:
        record = store_record(folder)
    except StoreError:
        return None
    same = (record["lexicons"]["sha256"] == lexicons.sha256 and record.get("layers") == sorted(layers)
            and record.get("partition_size") == size)
    return record if same else None


def tag_store(articles: pd.DataFrame, folder: Path | str, layers: list[str] | None = None,
              lexicons: Path | str | LexiconSet | None = None, engine: str = "pandas", workers: int = 1,
              scheduler: str | None = None, partition_size: int = PARTITION_SIZE) -> dict:
    """Tag ``articles`` into the store ``folder``; see the module docstring."""
    from .pipeline import plan
    folder, lexicons = Path(folder), lexicon_set(lexicons)
    chosen = plan(layers)
    names = sorted(spec.name for spec in chosen)
    prepare_folder(folder)
    previous = _reusable(folder, lexicons, names, partition_size)
    if previous is None:
        shutil.rmtree(folder / STATE, ignore_errors=True)  # a corpus layer's state from another run
    keys = article_keys(articles)
    old = read_table([folder / f"{KEYS}.parquet"], previous["tables"][KEYS]) if previous else None
    kept = _kept_parts(old, keys) if previous else pd.DataFrame(columns=["article_id", "part"])
    fresh = articles[~articles.index.isin(kept["article_id"])]
    parts = assign_parts(fresh, keys[fresh.index], partition_size)
    plain = fresh.copy()
    plain.attrs = {}  # the load report is written once, by the driver
    calls = [(str(folder), part, plain.loc[members["article_id"].tolist()], names,
              str(lexicons.folder) if lexicons.folder else None)
             for part, members in parts.groupby("part", sort=True)]
    began = time.perf_counter()
    done = map_partitions(tag_part, calls, engine, workers, scheduler)
    timings = {name: sum(t.get(name, 0.0) for _, t in done) for name in ["view", *names]}
    record = base_record(articles, lexicons, names, partition_size)
    record["parts"] = {**{p: previous["parts"][p] for p in kept["part"].unique()}, **parts_summary(parts)}
    for (_, part, *_), (records, _) in zip(calls, done):
        record["parts"][part]["rows"] = {table: entry["rows"] for table, entry in records.items()}
    record["tables"] = table_records(articles, [t for spec in chosen for t in spec.assigns],
                                     [records for records, _ in done], record["parts"], previous)
    unchanged = previous is not None and not calls and len(kept) == len(old)  # nothing tagged, nothing removed
    computed = {}
    for spec in chosen:
        if spec.scope == "corpus" and unchanged:  # its tables are still those of the last run
            record["tables"] |= {table: previous["tables"][table] for table in spec.assigns}
        elif spec.scope == "corpus":
            started = time.perf_counter()
            needed = {t: read_table(part_files(folder, t, sorted(record["parts"])), record["tables"][t])
                      for t in spec.requires}
            computed |= spec.function(needed, articles, lexicons, state=folder / STATE / spec.name)
            timings[spec.name] = time.perf_counter() - started
    removed = 0 if old is None else int((~old["article_id"].isin(articles.index)).sum())
    record["last_run"] = {"articles": len(articles), "tagged": len(fresh), "kept": len(kept),
                          "removed": removed, "parts_written": len(calls),
                          "parts_kept": int(kept["part"].nunique()) if len(kept) else 0}  # no times: same bytes
    finish_store(folder, record, pd.concat([kept, parts], ignore_index=True) if len(kept) else parts, articles,
                 computed)
    return {**record["last_run"], "seconds": time.perf_counter() - began, "timings": timings,
            "tables": {n: e["rows"] for n, e in record["tables"].items()}}


def _kept_parts(old: pd.DataFrame, keys: pd.Series) -> pd.DataFrame:
    """The rows of the previous keys table whose part has all its articles unchanged and present."""
    same = old["sha256"].to_numpy(dtype=object) == keys.reindex(old["article_id"], fill_value="").to_numpy(dtype=object)
    intact = pd.Series(same, index=old.index).groupby(old["part"]).transform("all")
    return old[intact.to_numpy()].reset_index(drop=True)
