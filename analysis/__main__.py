"""Command line: ``python -m analysis report --corpus DIR --out DIR``,
``python -m analysis tag --corpus SRC --out STORE`` and ``python -m
analysis lexicon add-spelling|add-actor ... --lexicons DIR``."""
from __future__ import annotations

import argparse
import os
import sys
import time
import warnings
from pathlib import Path

from .errors import AnalysisError
from .store import PARTITION_SIZE


DATE_ORDER_HELP = "how to read manifest dates like 01/02/2024 (default: NaT with a warning)"


def _pair(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got '{text}'")
    return name.strip(), value


def _report(args) -> int:
    from .report import run_reports
    results = run_reports(args.corpus, args.out, only=args.only, parameters=dict(args.parameter),
                          run_date=args.run_date, with_code=args.with_code, jobs=args.jobs,
                          date_order=args.date_order, store=args.store,
                          progress=lambda line: print(line, flush=True))
    for row in results.itertuples():
        print(f"{row.status:6} {row.notebook}" + (f"  ({row.error})" if row.error else ""))
    print(f"index: {results.attrs['index'].resolve()}")
    return 1 if (results["status"] != "ok").any() else 0


def _tag(args) -> int:
    from .corpus import CorpusStream, LoadWarning
    from .lexicons import lexicon_set
    from .partitions import tag_store
    from .store import prepare_folder
    lexicon_set(args.lexicons).validate()  # a broken lexicon line: an error before any work
    prepare_folder(Path(args.out))  # a folder that is not a store: an error before any work
    workers = args.workers or os.cpu_count() or 1
    corpus = CorpusStream(args.corpus, manifest=args.manifest, lexicons=args.lexicons, date_order=args.date_order,
                          jobs=workers if args.engine == "pandas" else os.cpu_count() or 1)
    began = time.perf_counter()
    run = tag_store(corpus, args.out, layers=args.layers, lexicons=args.lexicons, engine=args.engine,
                    workers=workers, scheduler=args.scheduler, partition_size=args.partition_size)
    seconds = time.perf_counter() - began
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", LoadWarning)
        corpus.announce()
    for warning in caught:
        print(warning.message, file=sys.stderr)
    megabytes = corpus.characters / 1e6
    print(f"read {run['articles']:,} articles ({megabytes:,.1f} M characters) and tagged {run['tagged']:,} new or "
          f"changed ones ({run['kept']:,} kept from the store, {run['removed']:,} removed) in {seconds:.1f} s "
          f"({run['parts_written']} parts written, {run['parts_kept']} kept)"
          + (f"; {corpus.characters / max(seconds, 1e-9):,.0f} chars/s" if not run["kept"] and run["tagged"] else ""))
    for name, rows in sorted(run["tables"].items()):
        print(f"  {name:12} {rows:>10,} rows")
    print(f"store: {Path(args.out).resolve()}")
    return 0


def _lexicon(args) -> int:
    from .lexicon_edit import add_actor, add_spelling
    if args.action == "add-spelling":
        diff = add_spelling(args.lexicons, args.actor_id, args.form, dry_run=args.dry_run)
    else:
        diff = add_actor(args.lexicons, args.actor_id, args.name_en, args.type, args.group, args.names_ar,
                         wikidata=args.wikidata or "", short_ar=args.short_ar or [],
                         adjectives_ar=args.adjectives_ar or [], note=args.note or "", dry_run=args.dry_run)
    print(diff, end="")
    print("(dry run: nothing written)" if args.dry_run else
          f"written: {Path(args.lexicons) / 'actors.tsv'}; a store tagged with this folder is tagged again")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis", description="Arabic news analysis toolkit.")
    commands = parser.add_subparsers(dest="command", required=True)
    report = commands.add_parser("report", help="tag a corpus once, run every notebook on it, write HTML reports")
    report.add_argument("--corpus", required=True, help="folder of .txt articles, a .txt file or a table")
    report.add_argument("--out", required=True, help="folder for the store, the executed notebooks and HTML pages")
    report.add_argument("--run-date", help="date recorded in the reports (YYYY-MM-DD; default today)")
    report.add_argument("--only", nargs="+", metavar="NAME", help="run only these notebooks (e.g. 01)")
    report.add_argument("--with-code", action="store_true", help="include the code in the HTML pages")
    report.add_argument("--jobs", type=int, help="notebooks run at the same time (default: one per CPU core)")
    report.add_argument("--date-order", choices=["DMY", "MDY"], help=DATE_ORDER_HELP)
    report.add_argument("--store", help="a store folder kept between runs: only new or changed articles are "
                                        "tagged into it (default: a new store inside --out)")
    report.add_argument("-p", "--parameter", action="append", type=_pair, default=[], metavar="NAME=VALUE",
                        help="notebook parameter (repeatable); lists and numbers as JSON")
    store = commands.add_parser("tag", help="tag a corpus into a store (Parquet per layer)")
    store.add_argument("--corpus", required=True, help="folder of .txt articles, a .txt file or a table")
    store.add_argument("--out", required=True, help="store folder to write; a store already there is updated "
                                                    "(only new or changed articles are tagged)")
    store.add_argument("--manifest", help="CSV or JSONL manifest (default: metadata.csv in the corpus folder)")
    store.add_argument("--lexicons", help="folder of your lexicon files (missing ones: the bundled defaults)")
    store.add_argument("--layers", nargs="+", metavar="LAYER", help="only these layers (and what they need)")
    store.add_argument("--engine", choices=["pandas", "dask"], default="pandas",
                       help="pandas: processes on this machine; dask: dask.distributed (a local cluster, "
                            "or --scheduler)")
    store.add_argument("--workers", "--jobs", type=int, dest="workers",
                       help="processes tagging at the same time (default: one per CPU core)")
    store.add_argument("--scheduler", help="address of a running Dask scheduler to use (with --engine dask)")
    store.add_argument("--partition-size", type=int, default=PARTITION_SIZE,
                       help=f"articles per part of the store, at most (default {PARTITION_SIZE})")
    store.add_argument("--date-order", choices=["DMY", "MDY"], help=DATE_ORDER_HELP)
    lexicon = commands.add_parser("lexicon", help="grow your actor lexicon: a new spelling or a new actor")
    actions = lexicon.add_subparsers(dest="action", required=True)
    spelling = actions.add_parser("add-spelling", help="add an Arabic spelling to an actor's names")
    spelling.add_argument("actor_id")
    spelling.add_argument("form", help="the name as written (Arabic)")
    actor = actions.add_parser("add-actor", help="add a new actor")
    actor.add_argument("actor_id", help="lowercase letters, digits and _")
    actor.add_argument("--name-en", required=True, help="English Wikipedia title")
    actor.add_argument("--type", required=True, choices=["PERSON", "COUNTRY", "CITY", "REGION", "ORG"])
    actor.add_argument("--group", required=True, help="your grouping (Russia, DPRK, US and allies, ...)")
    actor.add_argument("--names-ar", required=True, nargs="+", metavar="NAME", help="Arabic names")
    actor.add_argument("--wikidata", help="Wikidata QID (Q + digits)")
    actor.add_argument("--short-ar", nargs="+", metavar="NAME", help="partial names (كيم)")
    actor.add_argument("--adjectives-ar", nargs="+", metavar="FORM", help="nisba forms (روسي)")
    actor.add_argument("--note")
    for action in (spelling, actor):
        action.add_argument("--lexicons", required=True, help="your lexicon folder (never the bundled data/)")
        action.add_argument("--dry-run", action="store_true", help="show the change as a diff, write nothing")
    args = parser.parse_args(argv)
    try:
        return {"report": _report, "tag": _tag, "lexicon": _lexicon}[args.command](args)
    except (AnalysisError, FileNotFoundError) as err:
        parser.exit(2, f"error: {err}\n")


if __name__ == "__main__":
    sys.exit(main())
