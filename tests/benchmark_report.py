"""Benchmark of the report at scale (run: make bench, or python
tests/benchmark_report.py [ARTICLES ...] [--jobs N] [--keep DIR], default
2000 10000; --keep: the corpus and store are kept in DIR/N and reused).

For each size N, on a corpus generated from the seeds' real sentences
(tests/generated_corpus.py, 8 outlets): the corpus tagged into a store
(Dask, 2 workers), then the report run over it (every notebook, 2 at a
time): seconds per notebook and in all, the peak memory (RSS) of the
largest kernel, the size of each page (the cap is 5 MB) and of the full
tables written beside them. Prints figures; no assertion.
"""
from __future__ import annotations

import re
import sys
import tempfile
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from analysis.corpus import CorpusStream  # noqa: E402
from analysis.partitions import tag_store  # noqa: E402
from analysis.report import run_reports  # noqa: E402
from benchmark_scale import PeakMemory  # noqa: E402
from generated_corpus import write_corpus  # noqa: E402


def size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main(sizes: list[int], jobs: int, keep: str | None) -> None:
    for n in sizes:
        with tempfile.TemporaryDirectory() as temporary:
            work = Path(keep) / str(n) if keep else Path(temporary)
            corpus = work / "corpus"
            if not (work / "store" / "store.json").is_file():
                write_corpus(corpus, n, seed=5, new_words=0.15)
            began = time.perf_counter()
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                tag_store(CorpusStream(corpus, jobs=2), work / "store", engine="dask", workers=2)
            print(f"\n{n:,} articles: tagged into the store in {time.perf_counter() - began:.0f} s")
            lines = []
            with PeakMemory() as memory:
                began = time.perf_counter()
                results = run_reports(corpus, work / "2026-01-01", store=work / "store", run_date="2026-01-01",
                                      progress=lines.append, jobs=jobs)
                seconds = time.perf_counter() - began
            print(f"  report: {seconds:.0f} s for {len(results)} notebooks, {jobs} at a time "
                  f"({', '.join(results['status'])}); largest kernel peak RSS {memory.worker / 1e9:.2f} GB")
            for line in lines:
                if re.match(r"(ok|failed) ", line):
                    print(f"    {line}")
            out = work / "2026-01-01"
            for row in results.itertuples():
                page = out / row.html
                print(f"  {row.html}: {page.stat().st_size / 1e6:.2f} MB; full tables beside it "
                      f"{size(out / row.tables) / 1e6 if row.tables else 0:.1f} MB")


if __name__ == "__main__":
    options = {k: v for k, v in zip(sys.argv[1:], sys.argv[2:]) if k.startswith("--")}
    numbers = [int(a) for a in sys.argv[1:] if a.isdigit() and a not in options.values()]
    main(numbers or [2000, 10_000], int(options.get("--jobs", 2)), options.get("--keep"))
