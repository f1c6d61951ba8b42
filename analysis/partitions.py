"""Articles -> a tagged store, one part at a time, tagging only what changed.

``tag_store(corpus, folder, layers, lexicons, engine, workers, scheduler,
partition_size)`` writes the store of :mod:`analysis.store` from a
:class:`~analysis.corpus.CorpusStream` (read a batch at a time: the driver
holds one batch of articles and one small row per article, never the
corpus) or from a DataFrame of articles. Each batch's articles are ordered
by outlet, month and id and cut into parts; each part is tagged and
written by one worker (:mod:`analysis.engines`) while the next batch is
read. When ``folder`` already holds a store tagged by this version with the
same lexicon set, layers and partition size, an article whose key
(:func:`~analysis.fingerprints.article_keys`: text and metadata) is
unchanged is not tagged again: its part is kept as it is, or, when the part
also held changed or removed articles, copied without them. Anything else
(another version, lexicons or layer list) re-tags everything. Corpus layers
(shared passages) then run over the stored tables they need, bringing their
state (``state/LAYER/``) up to date from the last run's. Returns what the
run did: articles, tagged, kept, removed, parts written and kept, seconds
per layer, rows per table.
"""
from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Iterator

import pandas as pd

from .corpus import INPUT_COLUMNS, CorpusStream, _frame
from .engines import map_stream
from .errors import StoreError
from .fingerprints import article_keys
from .lexicons import LexiconSet, lexicon_set
from .store import (KEYS, PARTITION_SIZE, STATE, assign_parts, base_record, finish_store, part_files, part_name,
                    parts_summary, prepare_folder, read_table, store_record, table_records, write_load_report,
                    write_part, write_table)


INPUTS = ["input", "text", "reason"]  # what the loader knew of each article (CorpusStream.reuse)


def tag_part(folder: str, part: str, articles: pd.DataFrame, layers: list[str],
             lexicons: str | None) -> tuple[dict, dict]:
    """Tag one part's articles and write its files: ``(records per table, seconds per layer)``."""
    from .pipeline import plan, tag_articles
    chosen = lexicon_set(lexicons)
    tables, timings = tag_articles(articles, [s for s in plan(layers) if s.scope == "article"], chosen)
    records = write_part(Path(folder), part, {"articles": articles.reset_index(), **tables})
    return records, timings


def copy_part(folder: str, part: str, new: str, keep: list[str], tables: dict[str, dict]) -> tuple[dict, dict]:
    """Copy part ``part`` of every table (``tables``: their records) as part
    ``new`` with the rows of the articles ``keep`` only: ``(records, {})``."""
    folder, chosen = Path(folder), set(keep)
    records = {}
    for name, entry in tables.items():
        frame = read_table(part_files(folder, name, [part]), entry)
        kept = frame[frame["article_id"].isin(chosen).to_numpy()].reset_index(drop=True)
        records[name] = write_table(kept, folder / name / f"{new}.parquet")
    return records, {}


def _call(function, *args):
    return function(*args)


def _reusable(folder: Path, lexicons: LexiconSet, layers: list[str], size: int) -> dict | None:
    """The record of the store in ``folder`` when its parts can be kept."""
    try:
        record = store_record(folder)
    except StoreError:
        return None
    same = (record["lexicons"]["sha256"] == lexicons.sha256 and record.get("layers") == sorted(layers)
            and record.get("partition_size") == size)
    return record if same else None


class _Run:
    """One tag_store run: generates the calls to the workers batch by batch
    and keeps what the driver must remember (one small row per article)."""

    def __init__(self, folder: Path, names: list[str], lexicons: LexiconSet, size: int, previous: dict | None):
        self.folder, self.names, self.lexicons, self.size, self.previous = folder, names, lexicons, size, previous
        self.old = read_table([folder / f"{KEYS}.parquet"], previous["tables"][KEYS]) if previous else None
        old = self.old.set_index("article_id") if previous else pd.DataFrame(columns=["sha256", "part"])
        self.old_key, self.old_part = old["sha256"], old["part"]
        self.keys: list[pd.DataFrame] = []  # article_id, sha256, outlet, month, part (+ fresh) per batch
        self.made: list[str] = []  # the part each call writes, in order
        self.renamed: dict[str, str] = {}  # old part -> its copy without the articles it lost
        self.reports: list[dict] = []  # the load report's files
        self.head: pd.DataFrame | None = None  # the articles' columns, no row

    def calls(self, batches) -> Iterator[tuple]:
        """The calls that tag every new or changed article, then those that
        copy the old parts that lost some articles."""
        lexicons = str(self.lexicons.folder) if self.lexicons.folder else None
        for batch in batches:
            report = batch.attrs.get("load_report")
            if report is not None and len(report):
                self.reports.append(write_load_report(self.folder, report))
            plain = batch.copy()
            plain.attrs = {}  # the load report is written once, by the driver
            self.head = plain.iloc[:0] if self.head is None else self.head
            keys = article_keys(plain)
            same = (keys == self.old_key.reindex(keys.index)).fillna(False).to_numpy(dtype=bool)
            fresh = assign_parts(plain[~same], keys[~same], self.size)
            kept = assign_parts(plain[same], keys[same], self.size)
            kept["part"] = self.old_part.reindex(kept["article_id"]).to_numpy(dtype=object)
            inputs = batch.attrs.get("inputs", pd.DataFrame(columns=INPUT_COLUMNS)).set_index("article_id")
            self.keys += [frame.join(inputs[INPUTS], on="article_id").assign(fresh=flag)
                          for frame, flag in ((fresh, True), (kept, False))]
            if self.old is not None:  # the articles the loader did not read again: as they were
                self.keys.append(self.old[self.old["article_id"].isin(inputs.index[~inputs["fresh"]])].assign(fresh=False))
            for part, members in fresh.groupby("part", sort=True):
                self.made.append(part)
                yield tag_part, str(self.folder), part, plain.loc[members["article_id"].tolist()], self.names, lexicons
        yield from self._copies()

    def _copies(self) -> Iterator[tuple]:
        if self.old is None:
            return
        keys = self.table()
        kept = keys[~keys["fresh"]]
        now, before = kept.groupby("part").size(), self.old.groupby("part").size()
        tables = {n: e for n, e in self.previous["tables"].items() if e["scope"] == "article"}
        for part, count in now.items():
            if count < before[part]:  # some of its articles changed or were removed
                members = kept[kept["part"] == part]
                new = self.renamed[part] = part_name(members)
                self.made.append(new)
                yield copy_part, str(self.folder), part, new, members["article_id"].tolist(), tables

    def table(self) -> pd.DataFrame:
        """Every article's row: ``article_id, sha256, outlet, month, part``,
        the loader's ``input, text, reason`` (see
        :meth:`~analysis.corpus.CorpusStream.reuse`) and ``fresh`` (a part
        renamed by a copy under its new name)."""
        columns = ["article_id", "sha256", "outlet", "month", "part", *INPUTS, "fresh"]
        keys = pd.concat(self.keys, ignore_index=True) if self.keys else pd.DataFrame(columns=columns)
        return keys[columns].astype({c: "string" for c in columns[:-1]}).assign(
            part=lambda k: k["part"].replace(self.renamed), fresh=keys["fresh"].astype(bool))


def tag_store(corpus: pd.DataFrame | CorpusStream, folder: Path | str, layers: list[str] | None = None,
              lexicons: Path | str | LexiconSet | None = None, engine: str = "pandas", workers: int = 1,
              scheduler: str | None = None, partition_size: int = PARTITION_SIZE) -> dict:
    """Tag ``corpus`` into the store ``folder``; see the module docstring."""
    from .pipeline import plan
    folder, lexicons = Path(folder), lexicon_set(lexicons)
    chosen = plan(layers)
    names = sorted(spec.name for spec in chosen)
    prepare_folder(folder)
    previous = _reusable(folder, lexicons, names, partition_size)
    if previous is None:
        shutil.rmtree(folder / STATE, ignore_errors=True)  # a corpus layer's state from another run
    run = _Run(folder, names, lexicons, partition_size, previous)
    if isinstance(corpus, CorpusStream) and previous is not None:
        corpus.reuse(run.old.dropna(subset=["input"]).set_index("article_id"))
    batches = corpus.batches() if isinstance(corpus, CorpusStream) else [corpus]
    began = time.perf_counter()
    done = list(map_stream(_call, run.calls(batches), engine, workers, scheduler))
    source = corpus.source if isinstance(corpus, CorpusStream) else corpus.attrs.get("source")
    keys = run.table()
    timings = {name: sum(t.get(name, 0.0) for _, t in done) for name in ["view", *names]}
    record = base_record(keys, source, lexicons, names, partition_size)
    record["parts"] = parts_summary(keys)
    written = dict(zip(run.made, (records for records, _ in done)))
    for part, entry in record["parts"].items():
        entry["rows"] = ({t: e["rows"] for t, e in written[part].items()} if part in written
                         else previous["parts"][part]["rows"])
    head = run.head if run.head is not None else _frame([])
    record["tables"] = table_records(head, [t for spec in chosen for t in spec.assigns], list(written.values()),
                                     record["parts"], previous)
    tagged = int(keys["fresh"].sum())
    removed = 0 if run.old is None else int((~run.old["article_id"].isin(keys["article_id"])).sum())
    unchanged = previous is not None and not tagged and not removed
    computed = {}
    for spec in chosen:
        if spec.scope == "corpus" and unchanged:  # its tables are still those of the last run
            record["tables"] |= {table: previous["tables"][table] for table in spec.assigns}
        elif spec.scope == "corpus":
            started = time.perf_counter()
            needed = {t: read_table(part_files(folder, t, sorted(record["parts"])), record["tables"][t])
                      for t in spec.requires}
            computed |= spec.function(needed, lexicons, state=folder / STATE / spec.name)
            timings[spec.name] = time.perf_counter() - started
    record["last_run"] = {"articles": len(keys), "tagged": tagged, "kept": len(keys) - tagged, "removed": removed,
                          "parts_written": len(written),
                          "parts_kept": len(set(record["parts"]) - set(written))}  # no times: same bytes
    finish_store(folder, record, keys.drop(columns="fresh"), computed, run.reports)
    return {**record["last_run"], "seconds": time.perf_counter() - began, "timings": timings,
            "tables": {n: e["rows"] for n, e in record["tables"].items()}}
