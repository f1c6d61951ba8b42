"""Benchmark of the partitioned store at scale (run: make bench, or
python tests/benchmark_scale.py [ARTICLES ...] [--report], default 10000).

For each size N, on a corpus generated from the seeds' real sentences with a
real-sized vocabulary (tests/generated_corpus.py), in one run:
- loading the whole corpus into one DataFrame (for comparison: peak memory);
- reading it in batches and tagging it into a new store (as ``python -m
  analysis tag`` does) with the pandas engine in 1 process (the baseline),
  in 2 processes, and with the Dask engine on 2 workers: seconds,
  articles/s, MB/s, the speed-up over the baseline, and the peak memory
  (RSS) of the driver and of the largest worker;
- running again with nothing new, then with 1 % new articles added to the
  folder (only they are tagged; unchanged files are not read again):
  seconds, and the share of the full run's time;
- with --report, the report run over the store;
- from the measured seconds per part, the time for 1,000,000 and 10,000,000
  articles on 2 and 32 workers, stated as an extrapolation.
Above 20,000 articles only the Dask run is made, without the shared
passages: the generated corpus draws its sentences from the seeds' 2,000,
so its exact-copy pairs grow with the square of N (a real archive's do
not). Prints figures; no assertion.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
import analysis  # noqa: E402
from analysis.corpus import CorpusStream  # noqa: E402
from analysis.partitions import tag_store  # noqa: E402
from analysis.pipeline import registered  # noqa: E402
from analysis.report import run_reports  # noqa: E402
from generated_corpus import write_corpus  # noqa: E402

LARGE = 20_000


class PeakMemory:
    """Peak RSS of this process and of the largest of its descendants,
    sampled every 0.2 s while the block runs (GB)."""

    def __enter__(self):
        self.driver = self.worker = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self):
        me = psutil.Process()
        while not self._stop.is_set():
            try:
                self.driver = max(self.driver, me.memory_info().rss)
                for child in me.children(recursive=True):
                    self.worker = max(self.worker, child.memory_info().rss)
            except psutil.Error:
                pass
            time.sleep(0.2)

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def load(folder: Path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return analysis.load_corpus(folder)


def timed_tag(corpus: Path, store: Path, fresh: bool = True, **options) -> tuple[dict, float, PeakMemory, dict]:
    """Stream ``corpus`` into ``store`` (a new one when ``fresh``) in a new
    Python process, so each run's peak memory is its own:
    ``(run, seconds, peak memory, {"reused": inputs not read again})``."""
    if fresh:
        shutil.rmtree(store, ignore_errors=True)
    order = json.dumps({"corpus": str(corpus), "store": str(store), "options": options})
    done = subprocess.run([sys.executable, __file__, "--one", order], capture_output=True, text=True, check=True)
    result = json.loads(done.stdout.splitlines()[-1])
    memory = PeakMemory()
    memory.driver, memory.worker = result["driver"], result["worker"]
    return result["run"], result["seconds"], memory, {"reused": result["reused"]}


def one_run(order: str) -> None:
    """The child of :func:`timed_tag`: prints its figures as JSON."""
    order = json.loads(order)
    stream = CorpusStream(order["corpus"], jobs=order["options"].get("workers", 1))  # as the tag command does
    with PeakMemory() as memory, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        began = time.perf_counter()
        run = tag_store(stream, order["store"], **order["options"])
        seconds = time.perf_counter() - began
    print(json.dumps({"run": run, "seconds": seconds, "driver": memory.driver, "worker": memory.worker,
                      "reused": stream.reused}))


def main(sizes: list[int], with_report: bool) -> None:
    for n in sizes:
        with tempfile.TemporaryDirectory() as work:
            work = Path(work)
            began = time.perf_counter()
            corpus = write_corpus(work / "corpus", n + n // 100, seed=11, new_words=0.15)
            later = sorted(corpus.glob("*.txt"))[n:]
            (work / "later").mkdir()
            for path in later:  # added before the incremental run
                path.rename(work / "later" / path.name)
            megabytes = sum(p.stat().st_size for p in corpus.glob("*.txt")) / 1e6
            print(f"\n{n:,} articles ({megabytes:.0f} MB of UTF-8 text; +{len(later):,} added later); "
                  f"corpus written in {time.perf_counter() - began:.0f} s")
            with PeakMemory() as memory:
                began = time.perf_counter()
                everything = load(corpus)
                seconds = read_seconds = time.perf_counter() - began
            print(f"  load_corpus (the whole corpus in one DataFrame, for comparison): {seconds:.1f} s, "
                  f"peak RSS {memory.driver / 1e9:.2f} GB")
            del everything
            baseline, layers = None, None
            configurations = [("pandas, 1 process", {"workers": 1}), ("pandas, 2 processes", {"workers": 2}),
                              ("dask, 2 workers", {"engine": "dask", "workers": 2})]
            if n > LARGE:  # the generated corpus repeats the seeds' sentences: its passage pairs grow as n squared
                layers = sorted(set(registered()) - {"passages"})
                configurations = configurations[2:]
                print(f"  (above {LARGE:,} articles: every layer but the shared passages, on Dask only)")
            for label, options in configurations:
                run, seconds, memory, _ = timed_tag(corpus, work / "store", layers=layers, **options)
                baseline = baseline or seconds
                print(f"  read + tag, {label}: {seconds:.1f} s, {n / seconds:.0f} articles/s, "
                      f"{megabytes / seconds:.2f} MB/s, x{baseline / seconds:.2f}; peak RSS driver "
                      f"{memory.driver / 1e9:.2f} GB, largest worker {memory.worker / 1e9:.2f} GB; "
                      f"{run['parts_written']} parts; seconds per layer (all workers): "
                      + ", ".join(f"{k} {v:.0f}" for k, v in run["timings"].items()))
            full, parts = seconds, run["parts_written"]
            run, again, memory, stream = timed_tag(corpus, work / "store", fresh=False, layers=layers, engine="dask",
                                                   workers=2)
            print(f"  nothing new, dask 2 workers: {again:.1f} s, {again / full:.1%} of the full run "
                  f"({stream['reused']:,} inputs not read again, {run['tagged']} tagged)")
            for path in later:
                (work / "later" / path.name).rename(path)
            run, added, memory, stream = timed_tag(corpus, work / "store", fresh=False, layers=layers, engine="dask",
                                                   workers=2)
            print(f"  +1 % ({len(later):,} new articles), dask 2 workers: {added:.1f} s, {added / full:.1%} of the "
                  f"full run ({run['tagged']:,} tagged, {run['kept']:,} kept, {run['parts_written']} parts written; peak RSS "
                  f"driver {memory.driver / 1e9:.2f} GB; "
                  f"seconds per layer: {', '.join(f'{k} {v:.1f}' for k, v in run['timings'].items() if v >= 0.05)})")
            if with_report:
                began = time.perf_counter()
                run_reports(corpus, work / "report", store=work / "store", run_date="2026-01-01")
                print(f"  report over the store: {time.perf_counter() - began:.0f} s")
            per_part = full * 2 / parts  # worker-seconds per part of 500 articles, from the 2-worker run
            reading = read_seconds / n  # seconds per article for one loader process (load_corpus above)
            for total in (1_000_000, 10_000_000):
                for workers, loaders in ((2, 2), (32, 8)):
                    tagging = total / 500 * per_part / workers / 60
                    loading = total * reading / loaders / 60
                    print(f"  extrapolated: {total:,} articles on {workers} workers with {loaders} loader "
                          f"processes: {max(tagging, loading):,.0f} min (tagging {tagging:,.0f} min from "
                          f"{per_part:.1f} worker-seconds per part; reading {loading:,.0f} min from "
                          f"{reading * 1e3:.2f} ms per article per loader)")


if __name__ == "__main__" and sys.argv[1:2] == ["--one"]:
    one_run(sys.argv[2])
elif __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if not a.startswith("--")]
    main([int(a) for a in arguments] or [10_000], "--report" in sys.argv)
