"""Benchmark of actor matching (run: make bench, or python tests/benchmark_actors.py).

On the same texts (the seeds repeated), in one run, it times:
- ours: normalization + words + dictionary lookup (``find_names``);
- naive: ``str.count`` of every lexicon form in the normalized text (no
  clitics, no word boundaries, no overlaps: it does less and is still slower);
- tokenize: camel-tools' ``simple_word_tokenize`` alone (a floor: splitting
  the text into words, with no matching at all);
and then both matchers again with a lexicon ten times larger (synthetic
forms), to show how each one's cost grows with the lexicon.
Prints figures and ratios; no assertion.
"""
from __future__ import annotations

import random
import sys
import time
import warnings
from pathlib import Path

import pandas as pd
from camel_tools.tokenizers.word import simple_word_tokenize

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import analysis  # noqa: E402
from analysis.layers.mentions import FormIndex, find_names  # noqa: E402
from analysis.lexicon import actor_lexicon  # noqa: E402
from analysis.normalization import matching_view, normalize_for_matching  # noqa: E402
from analysis.words import text_words  # noqa: E402

COPIES = 60
LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"


def seconds(function) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def ours(texts, full, short):
    for text in texts:
        find_names(text_words(*matching_view(text)), full, short)


def naive(texts, forms):
    for text in texts:
        normalized = normalize_for_matching(text)
        for form in forms:
            normalized.count(form)


def synthetic_forms(count: int) -> pd.DataFrame:
    rng = random.Random(0)
    keys = {" ".join("".join(rng.choice(LETTERS) for _ in range(rng.randint(3, 7)))
                     for _ in range(rng.randint(1, 3))) for _ in range(count)}
    return pd.DataFrame({"actor_id": [f"x{i}" for i in range(len(keys))], "kind": "name",
                         "form": sorted(keys), "key": sorted(keys), "generated": False})


def main() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        articles = analysis.load_corpus(Path(__file__).resolve().parent.parent / "seeds")
    texts = list(articles["text"]) * COPIES
    characters = sum(map(len, texts))
    forms = actor_lexicon(analysis.lexicon_set()).forms
    full, short = FormIndex(forms[forms["kind"] != "short"]), FormIndex(forms[forms["kind"] == "short"])
    big = pd.concat([forms, synthetic_forms(9 * len(forms))])
    big_full = FormIndex(big[big["kind"] != "short"])
    strings = list(forms["key"])
    big_strings = list(big["key"])

    timings = {
        "ours": seconds(lambda: ours(texts, full, short)),
        "naive str.count": seconds(lambda: naive(texts, strings)),
        "camel simple_word_tokenize": seconds(lambda: [simple_word_tokenize(t) for t in texts]),
        "ours, 10x lexicon": seconds(lambda: ours(texts, big_full, short)),
        "naive, 10x lexicon": seconds(lambda: naive(texts, big_strings)),
    }
    megabytes = characters / 1e6
    print(f"{len(texts)} articles, {megabytes:.1f} M characters; lexicon {len(forms)} forms "
          f"({len(big)} in the 10x run)")
    for name, value in timings.items():
        print(f"  {name:30s} {value:7.2f} s  {megabytes / value:6.2f} M chars/s")
    print(f"naive / ours (speed-up of ours over naive):        {timings['naive str.count'] / timings['ours']:.2f}")
    print(f"ours / tokenize only (cost of matching over split): {timings['ours'] / timings['camel simple_word_tokenize']:.2f}")
    print(f"ours: 10x lexicon / 1x lexicon:                    {timings['ours, 10x lexicon'] / timings['ours']:.2f}")
    print(f"naive: 10x lexicon / 1x lexicon:                   {timings['naive, 10x lexicon'] / timings['naive str.count']:.2f}")


if __name__ == "__main__":
    main()
