"""Cleaning, normalization, data files, paragraphs and sentences."""
import re
import pandas as pd
import pytest

import analysis
from analysis.cleaning import clean_text, read_boilerplate
from analysis.datafiles import DataFileError
from analysis.normalization import clean_unicode, matching_view, normalize_for_matching
from analysis.layers.passages import shared_passages
from conftest import SEEDS, load_quietly


def frame(*texts, titles=None):
    return pd.DataFrame({"text": list(texts), "title": titles or [None] * len(texts)},
                        index=pd.Index([f"a{i}" for i in range(len(texts))], name="article_id"))


def sentences(articles):
    return analysis.tag(articles, layers=["sentences"]).sentences


def paragraphs(articles):
    return analysis.tag(articles, layers=["sentences"]).paragraphs


def test_clean_unicode_is_safe_for_arabic():
    # presentation forms (ﻻ ﺑ), bidi marks, zero-width, NBSP, stretching tatweel
    raw = "ﻻ\u200f تـــزال ﺑﻴﻮﻧﻎ\u200b يانغ\u00a0اليوم لـ كيم التعاون الروسي ـ الكوري"
    assert clean_unicode(raw) == "لا تزال بيونغ يانغ اليوم لـ كيم التعاون الروسي ـ الكوري"


def test_normalization_for_matching_folds_spelling_variants():
    assert normalize_for_matching("إيران وأوكرانيا آسيا") == "ايران واوكرانيا اسيا"
    assert normalize_for_matching("كوريا الشماليّة مصطفى") == "كوريا الشماليه مصطفي"
    assert normalize_for_matching("تـــعاون") == "تعاون"
    assert normalize_for_matching("کره یک") == "كره يك"  # Persian keh / yeh


def test_matching_view_maps_back_to_offsets():
    text = "قالَ بُوتِين إنَّ الـتعاون"
    norm, offsets = matching_view(text)
    assert norm == "قال بوتين ان التعاون"
    at = norm.index("بوتين")
    start, end = offsets[at], offsets[at + len("بوتين") - 1] + 1
    assert text[start:end] == "بُوتِين"
    assert offsets[len(norm)] == len(text)


def test_clean_text_rules_tokens_and_trailing_headlines():
    raw = ("عنوان الخبر الرئيسي\nقال الوزير إن العلاقات قوية.\nاقرأ أيضا: خبر آخر\n"
           "شارك\nوأضاف أن ZmFrZS10cmFja2luZy10b2tlbjEyMw== الزيارة مهمة.\n"
           "المملكة تدشن جسرًا جويًا.. لماذا؟\nخبر آخر عن الاقتصاد؟")
    cleaned = clean_text(raw)
    assert cleaned.title == "عنوان الخبر الرئيسي"
    assert cleaned.text == "عنوان الخبر الرئيسي\nقال الوزير إن العلاقات قوية.\nوأضاف أن الزيارة مهمة."
    assert [(r["line"], r["rule"]) for r in cleaned.removed] == [
        (3, "read_also"), (4, "share"), (5, "tracking_token"), (6, "other_headlines"), (7, "other_headlines")]


def test_trailing_rule_keeps_a_closing_body_sentence():
    cleaned = clean_text("قال الوزير إن العلاقات قوية.\nوختم بالقول: هل من مزيد؟ نعم، هناك الكثير.")
    assert cleaned.removed == []


def test_broken_boilerplate_file_names_file_and_line(tmp_path):
    path = tmp_path / "rules.tsv"
    path.write_text("# comment\nrule\tkind\tpattern\tmax_words\tnote\nok\tline\tشارك\t\t\n"
                    "bad\tline\t(unclosed\t\t\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"rules.tsv:4: column 'pattern': invalid regular expression"):
        read_boilerplate(path)
    path.write_text("rule\tkind\tpattern\tmax_words\tnote\nx\tparagraph\tشارك\t\t\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"rules.tsv:2: column 'kind': 'paragraph' is not one of"):
        read_boilerplate(path)
    path.write_text("rule\tkind\tpattern\nx\tline\tشارك\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"rules.tsv:1: header must be"):
        read_boilerplate(path)
    path.write_text("rule\tkind\tpattern\tmax_words\tnote\nx\tline\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"rules.tsv:2: expected 5 tab-separated fields, found 2"):
        read_boilerplate(path)


def test_sentence_offsets_on_seeds():
    articles, _ = load_quietly(SEEDS)
    tagged = analysis.tag(articles)
    sents = tagged.sentences
    assert list(sents.columns[:6]) == ["article_id", "sentence_id", "paragraph_id", "start", "end", "text"]
    assert len(sents) > 100
    for row in sents.itertuples():
        assert articles.at[row.article_id, "text"][row.start:row.end] == row.text
        assert row.text == row.text.strip() and row.text
    # ids are 0..n-1 per article, in text order
    for _, group in sents.groupby("article_id"):
        assert list(group["sentence_id"]) == list(range(len(group)))
        assert group["start"].is_monotonic_increasing
    kinds = tagged.paragraphs.set_index(["article_id", "paragraph_id"])["kind"]
    assert kinds[("003_27e97ed49c2dcbd3", 0)] == "title"
    assert kinds[("004_b26cdf5148d532d7", 2)] == "heading"  # موقفها من الحرب


@pytest.mark.parametrize("text,expected", [
    ("ارتفع المؤشر 7.5 في المئة. ثم تراجع.", ["ارتفع المؤشر 7.5 في المئة.", "ثم تراجع."]),
    ("قال د. أحمد إن الوضع صعب. وأضاف أنه سيتحسن.", ["قال د. أحمد إن الوضع صعب.", "وأضاف أنه سيتحسن."]),
    ("هل تستمر الحرب؟ لا أحد يعرف، فالوضع معقد؛ والحل بعيد.",
     ["هل تستمر الحرب؟", "لا أحد يعرف، فالوضع معقد؛ والحل بعيد."]),
    ('وقال: "الوثيقة ستشكل الأساس". وأضاف أوشاكوف أن الاتفاق مهم.',
     ['وقال: "الوثيقة ستشكل الأساس".', "وأضاف أوشاكوف أن الاتفاق مهم."]),
    ("أعلن «سنوقع الاتفاق.» ثم غادر.", ["أعلن «سنوقع الاتفاق.»", "ثم غادر."]),
    ('"بدعوة من كيم (...) سيقوم بوتين بزيارة". وهي أنباء مؤكدة.',
     ['"بدعوة من كيم (...) سيقوم بوتين بزيارة".', "وهي أنباء مؤكدة."]),
    ("الأولى منذ 24 عاما.. بوتين إلى كوريا", ["الأولى منذ 24 عاما.. بوتين إلى كوريا"]),
    ("زار واشنطن في عام 2019 م. وعاد بعدها.", ["زار واشنطن في عام 2019 م. وعاد بعدها."]),
])
def test_sentence_boundaries(text, expected):
    assert list(sentences(frame(text))["text"]) == expected


def test_paragraphs_are_lines_with_offsets():
    text = "عنوان\nالفقرة الأولى. جملة ثانية.\nالفقرة الثانية."
    paras = paragraphs(frame(text, titles=["عنوان"]))
    assert list(paras["kind"]) == ["title", "body", "body"]
    assert [text[s:e] for s, e in zip(paras["start"], paras["end"])] == list(paras["text"])
    assert list(sentences(frame(text, titles=["عنوان"]))["paragraph_id"]) == [0, 1, 1, 2]


def test_shared_passages_find_wire_copy_in_seeds():
    articles, _ = load_quietly(SEEDS)
    passages = analysis.tag(articles, layers=["passages"]).passages
    pairs = set(zip(passages["article_id"], passages["other_article_id"]))
    assert pairs == {("000_52e37f230c1429cc", "004_b26cdf5148d532d7")}
    assert len(passages) >= 3
    assert passages["text"].str.contains("20 ألفا").any()


def test_shared_passages_ignore_unrelated_and_short_sentences():
    texts = frame("اتفاقية روسيا وكوريا الشمالية\nوصل الوزير إلى العاصمة في زيارة رسمية تستمر يومين.",
                  "اتفاقية روسيا وكوريا الشمالية\nانخفضت أسعار النفط في الأسواق العالمية بشكل حاد اليوم.")
    assert shared_passages(sentences(texts)).empty


def test_a_sentence_copied_by_many_outlets_is_still_found():
    wire = "وقال المتحدث باسم الكرملين إن الزيارة ستعزز التعاون بين البلدين في مجالات عدة."
    texts = frame(*[f"خبر رقم {i} عن موضوع مختلف تماما هنا.\n{wire}" for i in range(60)])
    passages = shared_passages(sentences(texts))  # more copies than max_sentences=50
    assert len(passages) == 60 * 59 // 2
    assert set(passages["overlap"]) == {1.0} and set(passages["text"]) == {wire}


def test_shared_passages_kept_up_to_date_equal_a_full_run(tmp_path):
    """Articles added and removed run after run, with a vocabulary so small
    that shingles cross max_sentences both ways: the updated passages always
    equal those computed from scratch."""
    import random
    from analysis.layers.passages import key_shingles, update_passages
    rng = random.Random(3)
    words = "روسيا كوريا بوتين كيم زيارة اتفاقية تعاون عسكري الحرب أوكرانيا موسكو بيونغ".split()
    pool = {f"a{i:03d}": ".\n".join(" ".join(rng.choice(words[:3 + i % 4]) for _ in range(rng.randint(4, 9)))
                                   for _ in range(rng.randint(2, 5))) + "." for i in range(200)}
    table = sentences(pd.DataFrame({"text": list(pool.values())}, index=pd.Index(list(pool), name="article_id")))
    present, over_limit = set(rng.sample(sorted(pool), 150)), []
    for step in range(6):
        chosen = table[table["article_id"].isin(present)]
        pd.testing.assert_frame_equal(update_passages(chosen, tmp_path / "state"), shared_passages(chosen),
                                      check_exact=True, obj=f"step {step}")
        keys = {" ".join(re.findall(r"\w+", t)) for t in chosen["normalized"]}
        counts = key_shingles(pd.Series(sorted(keys)))["shingle"].value_counts()
        over_limit.append(set(counts[counts > 50].index))
        present -= set(rng.sample(sorted(present), 50 if step % 2 else 5))
        present |= set(rng.sample(sorted(set(pool) - present), 5 if step % 2 else 45))
    grew = any(b - a for a, b in zip(over_limit, over_limit[1:]))
    shrank = any(a - b for a, b in zip(over_limit, over_limit[1:]))
    assert grew and shrank  # shingles crossed the limit both ways

