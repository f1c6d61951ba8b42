"""Accuracy of the claims, primary-frame and name rules on the hand
annotations (run: make bench, or python tests/benchmark_accuracy.py).

Prints, for the seeds and for the sentences written in styles the seeds
lack: attributed claims (recall, speaker and speaker type right, kind and
target right, precision), primary frames (agreement per paragraph and per
article) and name forms (cases right). The annotations were written by the
people who wrote the rules: upper bounds. No assertion: the tests hold the
goals.
"""
from __future__ import annotations

import sys
import tempfile
import warnings
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import analysis  # noqa: E402
from conftest import SEEDS, case_articles, load_quietly, read_annotation  # noqa: E402
from test_actors import NAME_CASES  # noqa: E402
from test_framing import FRAME_CODES, article_ids, gold_claims, score_claims  # noqa: E402


def claims(name: str, articles: pd.DataFrame, quotes: pd.DataFrame) -> None:
    s = score_claims(gold_claims(articles, name), quotes)
    print(f"  {name:22s} {s['gold']:3d} claims: recall {s['recall']:.2f}  speaker {s['speaker']:.2f}  "
          f"kind {s['kind']:.2f}  target {s['target']:.2f}  precision {s['precision']:.2f}")
    for miss in s["misses"]:
        print(f"    missed: {miss}")


def main() -> None:
    warnings.simplefilter("ignore")
    seeds, _ = load_quietly(SEEDS)
    tagged = analysis.tag(seeds)
    print("Attributed claims (quotes layer):")
    claims("claims.tsv", seeds, tagged.quotes)
    with tempfile.TemporaryDirectory() as folder:
        written = case_articles(read_annotation("claim_challenges.tsv"), Path(folder))
    claims("claim_challenges.tsv", written, analysis.tag(written, layers=["quotes"]).quotes)

    print("Primary frames:")
    gold = read_annotation("frames.tsv")
    gold["article_id"] = article_ids(seeds, gold["article"])
    paragraphs = tagged.paragraphs.set_index(["article_id", "paragraph_id"])["primary_frame"]
    agree = [paragraphs[(a, int(p))] == FRAME_CODES[c] for a, p, c in zip(gold["article_id"], gold["paragraph_id"],
                                                                           gold["primary"])]
    articles_gold = read_annotation("article_frames.tsv")
    primary = tagged.article_frames.set_index("article_id")["primary_frame"]
    right = [primary.get(a) == FRAME_CODES[c] for a, c in zip(article_ids(seeds, articles_gold["article"]),
                                                              articles_gold["primary"])]
    print(f"  seed paragraphs: {sum(agree)}/{len(agree)} agree ({sum(agree) / len(agree):.3f}); "
          f"seed articles: {sum(right)}/{len(right)}")
    written = read_annotation("frame_challenges.tsv")
    table = pd.DataFrame({"text": written["text"].tolist()}, index=pd.Index(written["case"].tolist(), name="article_id"))
    found = analysis.tag(table, layers=["frames"]).paragraphs.set_index("article_id")["primary_frame"]
    right = [found[c] == FRAME_CODES[p] for c, p in zip(written["case"], written["primary"])]
    print(f"  written paragraphs (frame_challenges.tsv): {sum(right)}/{len(right)} agree")

    print("Name forms (name_challenges.tsv, tagged with the seeds):")
    names = NAME_CASES.drop_duplicates("case")
    table = pd.DataFrame({"text": names["text"].tolist(), "outlet": "test", "published": pd.Timestamp("2024-07-01")},
                         index=pd.Index(("case" + names["case"]).tolist(), name="article_id"))
    seeds.attrs = {}
    mentions = analysis.tag(pd.concat([seeds, table]), layers=["mentions", "salient_names"]).mentions
    ok = 0
    for row in NAME_CASES.itertuples():
        found = mentions[(mentions["article_id"] == "case" + row.case) & (mentions["surface"] == row.surface)]
        good = (found["actor_id"] != row.expect[1:]).all() if row.expect.startswith("!") else \
            list(found["actor_id"]) == [row.expect] and (not row.match or found["match"].iloc[0] == row.match)
        ok += good
        if not good:
            print(f"    wrong: case {row.case} {row.surface} -> {list(found['actor_id'])}")
    print(f"  {ok}/{len(NAME_CASES)} cases right")


if __name__ == "__main__":
    main()
