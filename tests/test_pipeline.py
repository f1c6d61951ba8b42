"""The pipeline: one view per article, registered layers, the lexicon set,
the tagged store and the tag command."""
import json
import shutil
import subprocess
import sys
import warnings

import numpy as np
import pandas as pd
import pytest

import analysis
from analysis import pipeline
from analysis.lexicons import LexiconWarning, lexicon_set
from analysis.view import article_view
from conftest import ROOT, SEEDS, load_quietly


def one_article(text: str, title=None) -> pd.DataFrame:
    return pd.DataFrame({"text": [text], "title": [title]}, index=pd.Index(["a"], name="article_id"))


def test_view_maps_spans_back_over_marks_tatweel_and_ligatures():
    text = "قالَ بُوتِينُ إنَّ الـتعاونَ عاماً ﻻ يزال كيمـ"
    view = article_view("a", text, None, None, lexicon_set())
    assert view.normalized == "قال بوتين ان التعاون عاما لا يزال كيم"
    for word, written in [("بوتين", "بُوتِينُ"), ("التعاون", "الـتعاونَ"), ("عاما", "عاماً"), ("كيم", "كيمـ"),
                          ("قال", "قالَ")]:
        at = view.normalized.index(word)
        start, end = view.span(at, at + len(word))
        assert text[start:end] == written, word
    at = view.normalized.index("لا")  # one presentation-form character gives two letters
    assert text[slice(*view.span(at, at + 2))] == "ﻻ" and text[slice(*view.span(at, at + 1))] == "ﻻ"
    assert view.offsets[len(view.normalized)] == len(text)
    words = view.words
    assert [text[s:e] for s, e in zip(words.text_starts, words.text_ends)][:3] == ["قالَ", "بُوتِينُ", "إنَّ"]


def test_every_layer_reads_one_normalization_per_article(monkeypatch):
    articles, _ = load_quietly(SEEDS)
    calls = []
    original = analysis.normalization.matching_view

    def counted(text):
        calls.append(len(text))
        return original(text)
    for name, module in list(sys.modules.items()):
        if name.startswith("analysis") and getattr(module, "matching_view", None) is original:
            monkeypatch.setattr(module, "matching_view", counted)
    tagged = analysis.tag(articles)
    assert sorted(calls) == sorted(articles["text"].str.len())  # once per article, whole text
    assert {"mentions", "timexes", "events", "quotes", "frames", "namings", "tone", "terms", "passages"} <= set(
        tagged.tables)


def test_layers_run_with_their_requirements_only():
    articles, _ = load_quietly(SEEDS)
    assert set(analysis.tag(articles, layers=["sentences"]).tables) == {"paragraphs", "sentences"}
    events = analysis.tag(articles, layers=["events"])
    assert set(events.tables) == {"timexes", "mentions", "candidates", "events"}
    assert [spec.name for spec in pipeline.plan(["quotes"])] == ["mentions", "timexes", "quotes"]
    with pytest.raises(AttributeError, match="table 'quotes' was not tagged"):
        events.quotes
    with pytest.raises(analysis.SelectionError, match=r"unknown layer\(s\) \['sentiment'\]"):
        analysis.tag(articles, layers=["sentiment"])


def test_keys_dtypes_and_column_order_are_the_same_in_every_layer(seeds):
    _, tagged = seeds
    unkeyed = {table for spec in pipeline.registered().values() for table in spec.unkeyed}
    for name, table in tagged.tables.items():
        assert table.columns[0] == "article_id" and str(table["article_id"].dtype) == "string", name
        if name not in unkeyed:
            assert table.columns[1] == "sentence_id" and table["sentence_id"].dtype == np.int64, name
        assert table["start"].dtype == np.int64 and table["end"].dtype == np.int64, name
    # sentence_id is the sentence the row starts in
    sentences = tagged.sentences.set_index(["article_id", "sentence_id"])
    for name in ("mentions", "timexes", "quotes", "namings", "tone", "terms"):
        table = tagged.tables[name]
        spans = sentences.loc[list(zip(table["article_id"], table["sentence_id"]))]
        assert (spans["start"].to_numpy() <= table["start"].to_numpy()).all(), name
        assert (table["start"].to_numpy() < spans["end"].to_numpy()).all(), name


def test_a_new_layer_is_one_registration():
    from typing import NamedTuple

    class Exclamation(NamedTuple):
        start: int
        end: int

    @pipeline.layer("exclamations", assigns={"exclamations": Exclamation})
    def exclamations(view, lexicons, found):
        return {"exclamations": [Exclamation(i, i + 1) for i, ch in enumerate(view.text) if ch == "!"]}
    try:
        tagged = analysis.tag(one_article("جملة أولى! وجملة ثانية!"), layers=["exclamations"])
        assert tagged.exclamations[["sentence_id", "start"]].values.tolist() == [[0, 9], [1, 22]]
    finally:
        del pipeline.LAYERS["exclamations"]


def test_store_round_trip_is_exact(seeds, tmp_path):
    articles, tagged = seeds
    store = tagged.save(tmp_path / "store")
    opened = analysis.Tagged.open(store)
    assert set(opened.tables) == set(tagged.tables)
    for name, table in tagged.tables.items():
        pd.testing.assert_frame_equal(opened.tables[name], table, check_exact=True, obj=name)
    pd.testing.assert_frame_equal(opened.articles, articles)
    pd.testing.assert_frame_equal(opened.articles.attrs["load_report"], articles.attrs["load_report"])
    assert isinstance(opened.events["actor_ids"].iloc[0], tuple)
    subset = analysis.Tagged.open(store, tables=["mentions"])
    assert set(subset.tables) == {"mentions"}
    with pytest.raises(analysis.StoreError, match=r"no table\(s\) \['votes'\]"):
        analysis.Tagged.open(store, tables=["votes"])


def test_store_refuses_another_corpus_other_lexicons_or_version(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    articles, _ = load_quietly(corpus)
    store = analysis.tag(articles, layers=["frames"]).save(tmp_path / "store")
    assert analysis.Tagged.open(store, corpus=corpus, lexicons="").frames.shape[0] > 100
    (corpus / "new.txt").write_text("وصل بوتين إلى بيونغ يانغ.\n", encoding="utf-8")
    with pytest.raises(analysis.StoreError, match="tagged from another corpus"):
        analysis.Tagged.open(store, corpus=corpus)
    lexicons = tmp_path / "lexicons"
    lexicons.mkdir()
    (lexicons / "frame_cues.tsv").write_text("frame\tcue\tnote\nMorality\tكورسك\t\n", encoding="utf-8")
    with pytest.raises(analysis.StoreError, match="tagged with other lexicons"):
        analysis.Tagged.open(store, lexicons=lexicons)
    record = json.loads((store / "store.json").read_text())
    (store / "store.json").write_text(json.dumps({**record, "version": "0.0.1"}))
    with pytest.raises(analysis.StoreError, match="tagged by analysis 0.0.1"):
        analysis.Tagged.open(store)
    with pytest.raises(analysis.StoreError, match="not a tagged store"):
        analysis.Tagged.open(tmp_path)
    with pytest.raises(analysis.StoreError, match="not a tagged store"):
        articles.pipe(analysis.tag, layers=["sentences"]).save(corpus)  # never writes over a corpus


def test_lexicon_set_follows_file_contents(tmp_path):
    folder = tmp_path / "lexicons"
    folder.mkdir()
    cues = folder / "frame_cues.tsv"
    cues.write_text("frame\tcue\tnote\nMorality\tكورسك\t\n", encoding="utf-8")
    first = lexicon_set(folder)
    assert lexicon_set(folder) is first  # same content: the same parsed set
    assert first.path("frame_cues.tsv") == cues and first.path("actors.tsv").parent.name == "data"
    cues.write_text("frame\tcue\tnote\nEconomic\tكورسك\t\n", encoding="utf-8")
    second = lexicon_set(folder)
    assert second.sha256 != first.sha256
    tagged = analysis.tag(one_article("وصلت القوات إلى كورسك."), layers=["frames"], lexicons=folder)
    assert tagged.frames["frame"].tolist() == ["Economic"]  # the edit is picked up, no restart
    (folder / "frames.tsv").write_text("frame\tcue\tnote\n", encoding="utf-8")
    with pytest.warns(LexiconWarning, match="frames.tsv: not a lexicon file"):
        lexicon_set(folder)
    with pytest.raises(analysis.DataFileError, match="lexicon folder not found"):
        lexicon_set(tmp_path / "nowhere")
    assert [f["source"] for f in second.files() if f["file"] == "frame_cues.tsv"] == [str(folder)]


def test_errors_share_one_base_and_carry_their_fields(tmp_path):
    for error in (analysis.DataFileError, analysis.CorpusError, analysis.ManifestError, analysis.ReportError,
                  analysis.SelectionError, analysis.StoreError):
        assert issubclass(error, analysis.AnalysisError) and issubclass(error, ValueError)
    with pytest.raises(analysis.SelectionError) as caught:
        analysis.tag(one_article("نص."), layers=["nothing"])
    assert caught.value.unknown == ["nothing"] and "sentences" in caught.value.known
    (tmp_path / "m.csv").write_text("id,outlet\n1,x\n", encoding="utf-8")
    with pytest.raises(analysis.ManifestError) as caught:
        load_quietly(SEEDS, manifest=tmp_path / "m.csv")
    assert caught.value.path == str(tmp_path / "m.csv")


def test_tag_command_writes_a_store(tmp_path):
    out = tmp_path / "store"
    result = subprocess.run([sys.executable, "-m", "analysis", "tag", "--corpus", str(SEEDS), "--out", str(out),
                             "--layers", "mentions"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "mentions" in result.stdout and "chars/s" in result.stdout
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        opened = analysis.Tagged.open(out, corpus=SEEDS, lexicons="")
    assert set(opened.tables) == {"mentions", "candidates"} and len(opened.articles) == 5
    bad = subprocess.run([sys.executable, "-m", "analysis", "tag", "--corpus", str(SEEDS), "--out", str(out),
                          "--layers", "sentiment"], capture_output=True, text=True, cwd=ROOT)
    assert bad.returncode == 2 and "unknown layer(s) ['sentiment']" in bad.stderr


def test_a_broken_lexicon_stops_the_commands_before_any_work(tmp_path):
    lexicons = tmp_path / "lexicons"
    lexicons.mkdir()
    (lexicons / "quote_cues.tsv").write_text("cue\tkind\tgroup\tnote\nقال\tspeech\t\t\n", encoding="utf-8")
    for command in (["tag", "--out", str(tmp_path / "store"), "--lexicons", str(lexicons)],
                    ["report", "--out", str(tmp_path / "out"), "-p", f"lexicons={lexicons}"]):
        result = subprocess.run([sys.executable, "-m", "analysis", command[0], "--corpus", str(SEEDS), *command[1:]],
                                capture_output=True, text=True, cwd=ROOT)
        assert result.returncode == 2, result.stderr
        assert f"{lexicons / 'quote_cues.tsv'}:2: column 'kind'" in result.stderr
    assert not (tmp_path / "store").exists() and not (tmp_path / "out").exists()


def test_tagging_in_several_processes_gives_the_same_tables(seeds):
    articles, tagged = seeds
    parallel = analysis.tag(articles, jobs=2)
    for name, table in tagged.tables.items():
        pd.testing.assert_frame_equal(parallel.tables[name], table, check_exact=True, obj=name)


def test_lexicon_files_with_a_bom_and_cues_that_match_everything(tmp_path):
    folder = tmp_path / "lexicons"
    folder.mkdir()
    (folder / "frame_cues.tsv").write_text("\ufefffram\tcue\tnote\n", encoding="utf-8")
    with pytest.raises(analysis.DataFileError, match=r"frame_cues.tsv:1: header must be"):
        analysis.tag(one_article("نص."), layers=["frames"], lexicons=folder)
    (folder / "frame_cues.tsv").write_text("\ufeffframe\tcue\tnote\nMorality\tكورسك\t\n", encoding="utf-8")
    assert analysis.tag(one_article("في كورسك."), layers=["frames"], lexicons=folder).frames["frame"].tolist() == [
        "Morality"]  # the BOM an editor writes is not part of the first column's name
    (folder / "event_cues.tsv").write_text("event_type\tcue\nvisit_summit\tزيارة\nvisit_summit\tز*\n", encoding="utf-8")
    with pytest.raises(analysis.DataFileError, match=r"event_cues.tsv:3: column 'cue': 'ز\*' matches almost any word"):
        analysis.tag(one_article("نص."), layers=["events"], lexicons=folder)
