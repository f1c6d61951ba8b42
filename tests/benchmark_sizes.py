"""Benchmark: one huge article (run: make bench, or
python tests/benchmark_sizes.py [MEGABYTES ...], default 1 4 16).

Each article is the generated corpus's text (tests/generated_corpus.py)
written into one .txt file of the given size. For each size it prints the
seconds to load and to tag it (every layer), the time per megabyte and its
ratio to the smallest size's (1.0 is linear; 4.0 for 4x the size would be
quadratic), the three slowest layers and the peak memory of a child process
that did the work. Prints figures; no assertion.
"""
from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def measure(folder: str) -> None:
    """In a child process: load and tag the one article of ``folder``; print JSON."""
    import analysis
    began = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        articles = analysis.load_corpus(folder)
    loaded = time.perf_counter() - began
    began = time.perf_counter()
    tagged = analysis.tag(articles)
    print(json.dumps({"chars": int(articles["text"].str.len().sum()), "load": loaded,
                      "tag": time.perf_counter() - began, "layers": tagged.timings,
                      "peak_gb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6}))


def main(sizes: list[float]) -> None:
    from generated_corpus import write_corpus
    with tempfile.TemporaryDirectory() as work:
        source = write_corpus(Path(work) / "generated", 400, seed=3, new_words=0.15)
        text = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(source.glob("*.txt")))
        base = None
        for megabytes in sizes:
            folder = Path(work) / f"one_{megabytes}"
            folder.mkdir()
            wanted = int(megabytes * 1e6)
            body = (text + "\n\n") * (wanted // len(text.encode()) + 1)
            (folder / "huge.txt").write_bytes(body.encode()[:wanted].decode(errors="ignore").encode())
            result = subprocess.run([sys.executable, __file__, "--measure", str(folder)], capture_output=True,
                                    text=True, check=True)
            row = json.loads(result.stdout.strip().splitlines()[-1])
            per_mb = (row["load"] + row["tag"]) / megabytes
            base = base or per_mb
            slowest = sorted(row["layers"].items(), key=lambda kv: -kv[1])[:3]
            print(f"{megabytes:>6} MB ({row['chars']:,} chars): load {row['load']:.1f} s, tag {row['tag']:.1f} s, "
                  f"{per_mb:.1f} s/MB (x{per_mb / base:.2f} of the first size), peak {row['peak_gb']:.2f} GB; "
                  f"slowest: {', '.join(f'{name} {seconds:.1f} s' for name, seconds in slowest)}", flush=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--measure"]:
        measure(sys.argv[2])
    else:
        main([float(a) for a in sys.argv[1:]] or [1, 4, 16])
