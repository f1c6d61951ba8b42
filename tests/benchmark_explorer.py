"""Benchmark of the explorer at scale (run: make bench, or
python tests/benchmark_explorer.py [ARTICLES ...], default 10000).

For each size N, on a corpus generated from the seeds' real sentences
(tests/generated_corpus.py) tagged into a store (mentions, frames, namings,
events, sentences, candidates; no shared passages) and opened as the
explorer notebook opens it: the time to build the explorer's codes for the
first view, then the time from a filter change to the updated counts (the
median of 5 changes per view: an outlet chosen, a date range, rows chosen),
to the first page of evidence behind the largest count, and to a search.
Goal of issue 18: under 1 s from a filter change to the updated view at
100,000 articles. Prints figures; no assertion.
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
import analysis  # noqa: E402
from analysis.corpus import CorpusStream  # noqa: E402
from analysis.explorer import VIEWS, Explorer, Selection  # noqa: E402
from analysis.partitions import tag_store  # noqa: E402
from generated_corpus import write_corpus  # noqa: E402

LAYERS = ["mentions", "frames", "namings", "events", "sentences"]


def seconds(function) -> tuple[float, object]:
    began = time.perf_counter()
    value = function()
    return time.perf_counter() - began, value


def run(n: int) -> None:
    with tempfile.TemporaryDirectory() as work:
        corpus, store = Path(work) / "corpus", Path(work) / "store"
        write_corpus(corpus, n, seed=0)
        tagging, _ = seconds(lambda: tag_store(CorpusStream(corpus, jobs=2), store, layers=LAYERS, workers=2))
        opening, tagged = seconds(lambda: analysis.Tagged.open(store))
        print(f"{n:,} articles: tagged into a store in {tagging:.0f} s, opened in {opening:.1f} s "
              f"({len(tagged.mentions):,} mentions, {len(tagged.sentences):,} sentences)")
        building, explorer = seconds(lambda: Explorer(tagged))
        print(f"  explorer built in {building:.2f} s")
        outlets = explorer.outlets
        for view in VIEWS:
            first, counts = seconds(lambda: explorer.counts(view))
            rows = tuple(counts.index[:3])
            key = {"actors": "actors", "frames": "frames", "namings": "concepts", "events": "event_types"}[view]
            chosen = tuple({r.split(": ")[0] for r in rows}) if view == "namings" else rows
            if view == "events":
                chosen = tuple(counts.columns[:2])
            changes = [Selection(outlets=(outlets[0],)), Selection(outlets=tuple(outlets[:3])),
                       Selection(date_from="2024-01-01", date_to="2024-12-31"),
                       Selection(**{key: chosen}), Selection(outlets=(outlets[1],), **{key: chosen})]
            times = [seconds(lambda s=s: explorer.counts(view, s))[0] for s in changes]
            largest = counts.stack().idxmax()
            evidence, (_, total) = seconds(lambda: explorer.evidence(view, *largest))
            print(f"  {view:8s} first counts (codes built) {first:.2f} s; a filter change {statistics.median(times):.3f} s "
                  f"median, {max(times):.3f} s at most; the 50 sentences behind the largest count ({total:,}) "
                  f"{evidence:.3f} s")
        searching, (_, found) = seconds(lambda: explorer.search("الكرملين"))
        print(f"  search 'الكرملين': {found:,} sentences in {searching:.2f} s")


def main() -> None:
    warnings.simplefilter("ignore")
    for n in [int(a) for a in sys.argv[1:]] or [10_000]:
        run(n)


if __name__ == "__main__":
    main()
