"""Issue 5: quotes, frames, namings and the statistics that compare outlets."""
import pandas as pd
import pytest

import analysis
from analysis.normalization import normalize_for_matching
from conftest import read_annotation


def article_ids(articles: pd.DataFrame, prefixes) -> list[str]:
    by_prefix = {a[:3]: a for a in articles.index}
    return [by_prefix[p] for p in prefixes]


def gold_quotes(articles: pd.DataFrame) -> pd.DataFrame:
    """tests/annotations/quotes.tsv with each content's start offset."""
    gold = read_annotation("quotes.tsv")
    gold["article_id"] = article_ids(articles, gold["article"])
    starts = []
    for row in gold.itertuples():
        text = articles.at[row.article_id, "text"]
        assert text.count(row.content) == 1, f"content not unique in {row.article_id}: {row.content}"
        starts.append(text.index(row.content))
    return gold.assign(start=starts)


def speaker_right(gold_speaker: str, found) -> bool:
    """An actor id must match; ~words must be in the speaker text (no
    lexicon actor, or a candidate name); - means no speaker."""
    if gold_speaker == "-":
        return not found.speaker_text
    if gold_speaker.startswith("~"):
        return normalize_for_matching(gold_speaker[1:]) in normalize_for_matching(found.speaker_text)
    return found.speaker_actor_id == gold_speaker


def score_quotes(articles: pd.DataFrame, quotes: pd.DataFrame) -> dict:
    """Recall (a found quote covers the gold content's start), speaker
    accuracy on the found ones, precision, kind accuracy, and the misses."""
    gold = gold_quotes(articles)
    hits, misses, wrong_speaker, used = 0, [], [], set()
    kind_right = 0
    for g in gold.itertuples():
        covering = quotes[(quotes["article_id"] == g.article_id) & (quotes["start"] <= g.start)
                          & (g.start < quotes["end"])]
        if covering.empty:
            misses.append(f"{g.article} {g.content}")
            continue
        found = covering.iloc[0]
        used.add(covering.index[0])
        hits += 1
        kind_right += found.kind == g.kind
        if not speaker_right(g.speaker, found):
            wrong_speaker.append(f"{g.article} {g.content}: {found.speaker_text} / {found.speaker_actor_id}")
    return {"gold": len(gold), "found": len(quotes), "recall": hits / len(gold),
            "speaker": (hits - len(wrong_speaker)) / max(hits, 1), "precision": len(used) / max(len(quotes), 1),
            "kind": kind_right / max(hits, 1), "misses": misses, "wrong_speaker": wrong_speaker,
            "spurious": quotes.drop(index=list(used))}


def test_seed_quotes_against_hand_annotation(seeds):
    articles, tagged = seeds
    score = score_quotes(articles, tagged.quotes)
    assert score["recall"] >= 0.8, score["misses"]
    assert score["speaker"] >= 0.8, score["wrong_speaker"]
    assert score["precision"] >= 0.8, score["spurious"][["article_id", "cue", "text"]]


CHALLENGES = read_annotation("quote_challenges.tsv")


@pytest.fixture(scope="module")
def challenges(tmp_path_factory):
    """Each challenge sentence as an article of its own (article_id = case)."""
    folder = tmp_path_factory.mktemp("quotes")
    table = CHALLENGES.drop_duplicates("case")[["case", "published", "text"]].rename(columns={"case": "article_id"})
    table.assign(outlet="test").to_csv(folder / "cases.csv", index=False)
    articles = analysis.load_corpus(folder / "cases.csv")
    return articles, analysis.tag(articles).quotes


@pytest.mark.parametrize("row", CHALLENGES.index, ids=lambda i: f"case{CHALLENGES.at[i, 'case']}")
def test_unseen_quotes(challenges, row):
    articles, quotes = challenges
    case = CHALLENGES.loc[row]
    found = quotes[quotes["article_id"] == case["case"]]
    if case["kind"] == "none":
        assert found.empty, found[["cue", "text"]]
        return
    start = articles.at[case["case"], "text"].index(case["content"])
    covering = found[(found["start"] <= start) & (start < found["end"])]
    assert len(covering) == 1, found[["cue", "kind", "speaker_text", "text"]]
    quote = covering.iloc[0]
    assert quote.kind == case["kind"]
    assert speaker_right(case["speaker"], quote), (quote.speaker_text, quote.speaker_actor_id)


FRAME_CODES = {"eco": "Economic", "cap": "Capacity and resources", "mor": "Morality",
               "fair": "Fairness and equality", "leg": "Legality, constitutionality and jurisprudence",
               "pol": "Policy prescription and evaluation", "crime": "Crime and punishment",
               "sec": "Security and defense", "health": "Health and safety", "qol": "Quality of life",
               "cult": "Cultural identity", "opin": "Public opinion", "political": "Political",
               "ext": "External regulation and reputation"}


def score_frames(articles: pd.DataFrame, tagged) -> pd.DataFrame:
    """Paragraph-level agreement with tests/annotations/frames.tsv: per
    frame and overall (micro) precision, recall and F1."""
    gold = read_annotation("frames.tsv")
    gold["article_id"] = article_ids(articles, gold["article"])
    truth = {(a, int(p), FRAME_CODES[c]) for a, p, codes in zip(gold["article_id"], gold["paragraph_id"], gold["frames"])
             for c in codes.split(";")}
    found = tagged.frames.merge(tagged.sentences[["article_id", "sentence_id", "paragraph_id"]])
    predicted = {(a, int(p), f) for a, p, f in zip(found["article_id"], found["paragraph_id"], found["frame"])}
    rows = []
    for frame in list(FRAME_CODES.values()) + ["micro"]:
        t = {x for x in truth if frame in ("micro", x[2])}
        p = {x for x in predicted if frame in ("micro", x[2])}
        tp = len(t & p)
        precision, recall = tp / len(p) if p else 0.0, tp / len(t) if t else 0.0
        rows.append((frame, len(t), len(p), tp, precision, recall,
                     2 * precision * recall / (precision + recall) if tp else 0.0))
    return pd.DataFrame(rows, columns=["frame", "gold", "found", "agree", "precision", "recall", "f1"])


def test_seed_frames_against_hand_annotation(seeds):
    articles, tagged = seeds
    score = score_frames(articles, tagged).set_index("frame")
    assert len(read_annotation("frames.tsv")) == len(tagged.paragraphs)  # every paragraph annotated
    assert score.at["micro", "f1"] >= 0.55, score.round(2)
    assert set(tagged.frames["frame"]) <= set(FRAME_CODES.values())
