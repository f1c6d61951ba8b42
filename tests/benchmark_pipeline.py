"""Benchmark of the whole pipeline (run: make bench, or
python tests/benchmark_pipeline.py [ARTICLES] [--no-report]).

On a corpus of ARTICLES (default 2,000) generated from the seeds' real
sentences (tests/generated_corpus.py), in one run, it prints:
- full tagging (every layer) in characters per second, and its ratio to
  camel-tools' ``simple_word_tokenize`` alone on the same texts (a floor:
  splitting into words, no tagging at all); then the same on a corpus whose
  vocabulary grows like a real archive's (``new_words=0.15``), since every
  distinct word is looked up once;
- the time of each layer and of building the article views;
- how many times each article was normalized (matching views built);
- the report run as it is now (the corpus tagged once into a store that
  every notebook reads, notebooks run one per CPU core) against the same
  notebooks run one after the other, each loading and tagging the corpus
  itself (how reports ran before the store), on the same corpus.
Prints figures and ratios; no assertion.
"""
from __future__ import annotations

import sys
import tempfile
import time
import warnings
from pathlib import Path

from camel_tools.tokenizers.word import simple_word_tokenize

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
import analysis  # noqa: E402
from analysis import normalization, report  # noqa: E402
from analysis.provenance import provenance, with_parameters  # noqa: E402
from generated_corpus import write_corpus  # noqa: E402


def counting_views() -> list[int]:
    """Count every matching view built, whichever module builds it."""
    calls: list[int] = []
    original = normalization.matching_view

    def counted(text):
        calls.append(1)
        return original(text)
    for name, module in list(sys.modules.items()):
        if name.startswith("analysis") and getattr(module, "matching_view", None) is original:
            module.matching_view = counted
    return calls


def report_runs(corpus: Path, work: Path) -> dict[str, float]:
    """Seconds of the report run now, and of each notebook tagging for itself."""
    began = time.perf_counter()
    results = report.run_reports(corpus, work / "now", run_date="2026-01-01")
    now = time.perf_counter() - began
    failed = results[results["status"] != "ok"]
    if len(failed):
        print(f"  (failed now: {failed['notebook'].tolist()} {failed['error'].tolist()})")
    record = provenance("2026-01-01", corpus)
    began = time.perf_counter()
    before = work / "before"
    before.mkdir()
    for path in report.notebooks():
        parameters = {"corpus": str(corpus), "tagged": ""}
        row = report.run_notebook(path, before, parameters, with_parameters(record, parameters))
        if row["status"] != "ok":
            print(f"  (failed before: {path.stem} {row['error']})")
    return {"now: tag once, store": now, "before: each tags": time.perf_counter() - began}


def load(folder: Path) -> tuple:
    """``(articles, seconds to load)`` of a corpus folder."""
    began = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        articles = analysis.load_corpus(folder)
    return articles, time.perf_counter() - began


def tokenize_and_tag(articles) -> tuple:
    """``(characters, seconds of the tokenizer alone, seconds of full tagging, tagged)``."""
    texts = articles["text"].tolist()
    began = time.perf_counter()
    for text in texts:
        simple_word_tokenize(text)
    tokenize = time.perf_counter() - began
    began = time.perf_counter()
    tagged = analysis.tag(articles)
    return sum(map(len, texts)), tokenize, time.perf_counter() - began, tagged


def main() -> None:
    size = int(next((a for a in sys.argv[1:] if a.isdigit()), 2000))
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        corpus = write_corpus(work / "corpus", size)
        articles, loading = load(corpus)
        analysis.tag(articles.iloc[:5])  # read the lexicons once, as any long run does
        calls = counting_views()
        chars, tokenize, full, tagged = tokenize_and_tag(articles)
        began = time.perf_counter()
        tagged.save(work / "store")
        saving = time.perf_counter() - began
        print(f"{len(articles)} articles, {chars / 1e6:.2f} M characters ({chars / len(articles):.0f} per article)")
        print(f"  load_corpus                       {loading:7.2f} s")
        print(f"  camel-tools simple_word_tokenize  {tokenize:7.2f} s  {chars / tokenize / 1e3:8.1f} k chars/s")
        print(f"  full tag (all {len(tagged.timings) - 1} layers)       {full:7.2f} s  {chars / full / 1e3:8.1f} k chars/s")
        print(f"  ratio full tag / tokenizer speed: {tokenize / full:.3f}")
        print(f"  saving the store                  {saving:7.2f} s")
        print(f"  matching views built per article: {len(calls) / len(articles):.2f}")
        print("  time per layer:")
        for name, seconds in sorted(tagged.timings.items(), key=lambda item: -item[1]):
            print(f"    {name:12s} {seconds:7.2f} s  {seconds / full:6.1%}")
        other, _ = load(write_corpus(work / "varied", size, new_words=0.15))
        chars, tokenize, full, _ = tokenize_and_tag(other)
        distinct = len({word for text in other["text"] for word in text.split()})
        print(f"The same with a real-sized vocabulary ({distinct:,} distinct words, "
              f"{len(set(' '.join(articles['text']).split())):,} above):")
        print(f"  full tag {full:7.2f} s  {chars / full / 1e3:8.1f} k chars/s; ratio to the tokenizer {tokenize / full:.3f}")
        if "--no-report" not in sys.argv:
            runs = report_runs(corpus, work)
            print(f"Report run on the same corpus ({len(report.notebooks())} notebooks):")
            for name, seconds in runs.items():
                print(f"  {name:22s} {seconds:7.1f} s")
            print(f"  speed-up: {runs['before: each tags'] / runs['now: tag once, store']:.2f}x")


if __name__ == "__main__":
    main()
