"""Benchmark of temporal expressions against dateparser (run: make bench,
or python tests/benchmark_timexes.py).

In one run, on the same texts:
- quality on the hand annotation of the seeds (tests/annotations/timexes.tsv)
  and on the unseen sentences (timex_challenges.tsv): relaxed extraction
  precision / recall / F1 (spans overlap) and exact value accuracy (share of
  gold expressions found with the right TIMEX3 value). dateparser gives a
  datetime, so its value is read at the gold value's precision (a day, a
  month or a year) and partial values (XXXX-06) by their month: generous to
  it; durations, sets and references it cannot express count as wrong.
- speed: ours (``text_timexes``) and dateparser's
  ``search_dates(languages=["ar"])``, both with the publication date as the
  base for relative dates, over the seeds repeated.
Prints figures and ratios; no assertion.
"""
from __future__ import annotations

import sys
import time
import warnings
from pathlib import Path

import pandas as pd
from dateparser.search import search_dates

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
import analysis  # noqa: E402
from analysis.layers.timexes import text_timexes  # noqa: E402
from test_time import gold_spans, match, read_annotation  # noqa: E402

COPIES = 20


def dateparser_timexes(text: str, published) -> pd.DataFrame:
    """dateparser's dates in ``text`` as rows ``start, end, surface, when``."""
    settings = {"RELATIVE_BASE": published.to_pydatetime()} if pd.notna(published) else {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = search_dates(text, languages=["ar"], settings=settings) or []
    rows, at = [], 0
    for surface, when in found:
        start = text.find(surface, at)
        if start < 0:
            start = text.find(surface)
        rows.append({"start": start, "end": start + len(surface), "surface": surface, "when": when})
        at = max(at, start + 1)
    return pd.DataFrame(rows, columns=["start", "end", "surface", "when"])


def dateparser_value(when, gold_value: str) -> str:
    """dateparser's datetime written at the precision of ``gold_value``."""
    if gold_value.startswith("XXXX-") and len(gold_value) == 7:
        return f"XXXX-{when:%m}"
    for length, form in ((10, "%Y-%m-%d"), (7, "%Y-%m"), (4, "%Y")):
        if len(gold_value) == length and gold_value[:4].isdigit():
            return when.strftime(form)
    return ""


def score(gold: pd.DataFrame, found: pd.DataFrame, value_of) -> dict:
    pairs = match(gold, found)
    precision = len(pairs) / len(found) if len(found) else 0.0
    recall = len(pairs) / len(gold)
    f1 = 2 * precision * recall / (precision + recall) if pairs else 0.0
    values = sum(value_of(found.loc[f], gold.at[g, "value"]) == gold.at[g, "value"] for g, f in pairs) / len(gold)
    return {"found": len(found), "precision": precision, "recall": recall, "f1": f1, "value_accuracy": values}


def run(tagger, texts: list[tuple[str, str, object]]) -> pd.DataFrame:
    parts = []
    for key, text, published in texts:
        part = tagger(text, published)
        part.insert(0, "article_id", key)
        parts.append(part)
    return pd.concat(parts, ignore_index=True)


def challenge_texts() -> tuple[pd.DataFrame, list]:
    cases = read_annotation("timex_challenges.tsv")
    texts = [(case, group["text"].iloc[0], pd.Timestamp(group["published"].iloc[0]) if group["published"].iloc[0] else pd.NaT)
             for case, group in cases.groupby("case", sort=False)]
    gold = cases[cases["surface"] != ""].rename(columns={"case": "article_id"}).reset_index(drop=True)
    gold["start"] = [t.index(s) for t, s in zip(gold["text"], gold["surface"])]
    gold["end"] = gold["start"] + gold["surface"].str.len()
    return gold, texts


def main() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        articles = analysis.load_corpus(Path(__file__).resolve().parent.parent / "seeds")
    seed_texts = [(i, r["text"], r["published"]) for i, r in articles.iterrows()]
    ours = lambda text, published: pd.DataFrame(text_timexes(text, published))  # noqa: E731
    ours_value = lambda row, gold_value: row["value"]  # noqa: E731
    theirs_value = lambda row, gold_value: dateparser_value(row["when"], gold_value)  # noqa: E731
    for label, gold, texts in (("seeds (87 expressions)", gold_spans(articles), seed_texts),
                               ("unseen sentences", *challenge_texts())):
        print(f"Quality on {label}:")
        for name, tagger, value_of in (("ours", ours, ours_value), ("dateparser", dateparser_timexes, theirs_value)):
            s = score(gold, run(tagger, texts), value_of)
            print(f"  {name:10s} found {s['found']:3d}  P {s['precision']:.2f}  R {s['recall']:.2f}  "
                  f"F1 {s['f1']:.2f}  value accuracy {s['value_accuracy']:.2f}")
    many = seed_texts * COPIES
    chars = sum(len(t) for _, t, _ in many)
    timings = {}
    for name, tagger in (("ours", ours), ("dateparser", dateparser_timexes)):
        start = time.perf_counter()
        run(tagger, many)
        timings[name] = time.perf_counter() - start
    print(f"Speed on {len(many)} articles ({chars / 1e6:.2f} M characters):")
    for name, seconds in timings.items():
        print(f"  {name:10s} {seconds:6.2f} s  ({chars / seconds / 1e3:7.1f} k chars/s)")
    print(f"  ours is {timings['dateparser'] / timings['ours']:.1f}x faster than dateparser")


if __name__ == "__main__":
    main()
