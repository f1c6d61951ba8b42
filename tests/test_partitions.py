"""The partitioned store: incremental runs equal full ones, the Dask engine
equals the pandas one, readers select parts by outlet and month."""
import json
import shutil
import warnings
from pathlib import Path

import pandas as pd
import pytest

import analysis
from analysis.corpus import CorpusStream
from analysis.partitions import tag_store
from conftest import load_quietly
from generated_corpus import write_corpus


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """1,010 generated articles (8 outlets, 2023-2025)."""
    articles, _ = load_quietly(write_corpus(tmp_path_factory.mktemp("generated") / "corpus", 1010, seed=5))
    return articles


def opened(folder, **selection):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return analysis.Tagged.open(folder, **selection)


def assert_same(left, right):
    assert set(left.tables) == set(right.tables)
    for name, table in left.tables.items():
        pd.testing.assert_frame_equal(table, right.tables[name], check_exact=True, obj=name)
    pd.testing.assert_frame_equal(left.articles, right.articles)


def test_a_grown_corpus_tags_only_its_new_articles(generated, tmp_path):
    store, full = tmp_path / "store", tmp_path / "full"
    assert tag_store(generated.iloc[:1000], store, workers=2, partition_size=100)["tagged"] == 1000
    grown = tag_store(generated, store, workers=2, partition_size=100)
    assert (grown["tagged"], grown["kept"], grown["removed"]) == (10, 1000, 0)
    assert tag_store(generated, full, workers=2, partition_size=100)["tagged"] == 1010
    assert_same(opened(store), opened(full))
    record = json.loads((store / "store.json").read_text())
    assert record["last_run"]["parts_written"] == grown["parts_written"] and len(list((store / "mentions").iterdir())) \
        == len(record["parts"])  # the parts it no longer lists are gone

    edited = generated.drop(index=generated.index[3])  # one removed, one changed
    edited.loc[edited.index[100], "text"] += "\nوأكد الكرملين أن الزيارة ستتم في الموعد."
    run = tag_store(edited, store, workers=2, partition_size=100)
    assert (run["removed"], run["tagged"], run["kept"]) == (1, 1, 1008)  # their parts are copied without them
    assert_same(opened(store), analysis.tag(edited, jobs=2))


def test_a_corpus_read_in_batches_gives_the_store_of_one_read_whole(generated, tmp_path):
    folder, store = tmp_path / "corpus", tmp_path / "store"
    shutil.copytree(generated.attrs["source"]["path"], folder)
    stream = CorpusStream(folder, batch_size=97, jobs=2)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        run = tag_store(stream, store, workers=2, partition_size=50)
    assert (run["tagged"], run["kept"], stream.source["files"]) == (len(generated), 0, len(generated) + 1)
    assert_same(opened(store), analysis.tag(generated, jobs=2))
    pd.testing.assert_frame_equal(opened(store).articles.attrs["load_report"], generated.attrs["load_report"])
    record = json.loads((store / "store.json").read_text())
    assert record["corpus"]["sha256"] == generated.attrs["source"]["sha256"]
    assert len(record["tables"]["load_report"]["files"]) == -(-len(generated.attrs["load_report"]) // 97)

    files = sorted(folder.glob("*.txt"))
    files[0].unlink()  # one removed, one changed, two added
    files[5].write_text(files[5].read_text(encoding="utf-8") + "\nوقال الكرملين إن الزيارة تمت.", encoding="utf-8")
    for n, source in enumerate(files[10:12]):
        (folder / f"zz_new_{n}.txt").write_text(source.read_text(encoding="utf-8") + "\nخبر جديد.", encoding="utf-8")
    again = CorpusStream(folder, batch_size=97)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        run = tag_store(again, store, workers=2, partition_size=50)
        grown = analysis.load_corpus(folder)
    assert (run["tagged"], run["removed"], run["kept"]) == (3, 1, len(grown) - 3)
    assert again.reused == len(grown) - 3  # the unchanged files were not decoded, cleaned or dated again
    assert_same(opened(store), analysis.tag(grown, jobs=2))
    pd.testing.assert_frame_equal(opened(store).articles.attrs["load_report"], grown.attrs["load_report"])


def test_a_first_run_that_stopped_midway_can_be_run_again(generated, tmp_path):
    few = generated.iloc[:40]
    tag_store(few, tmp_path / "store", layers=["mentions"], partition_size=10)
    (tmp_path / "store" / "store.json").unlink()  # stopped after writing parts, before store.json
    assert tag_store(few, tmp_path / "store", layers=["mentions"], partition_size=10)["tagged"] == 40
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "todo.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(analysis.StoreError, match="not a tagged store"):
        tag_store(few, tmp_path / "notes")


def test_other_lexicons_or_layers_tag_everything_again(generated, tmp_path):
    few = generated.iloc[:60]
    tag_store(few, tmp_path / "store", layers=["mentions", "passages"])
    before = opened(tmp_path / "store").passages
    again = tag_store(few, tmp_path / "store", layers=["mentions", "passages"])
    assert again["tagged"] == 0 and again["timings"]["passages"] == 0  # nothing changed: not computed again
    pd.testing.assert_frame_equal(opened(tmp_path / "store").passages, before)
    assert tag_store(few, tmp_path / "store", layers=["mentions"])["tagged"] == 60  # another layer list
    assert tag_store(few, tmp_path / "store", layers=["mentions", "frames"])["tagged"] == 60
    lexicons = tmp_path / "lexicons"
    lexicons.mkdir()
    (lexicons / "frame_cues.tsv").write_text("frame\tcue\tnote\nMorality\tكورسك\t\n", encoding="utf-8")
    again = tag_store(few, tmp_path / "store", layers=["mentions", "frames"], lexicons=lexicons)
    assert again["tagged"] == 60 and set(opened(tmp_path / "store").frames["frame"]) <= {"Morality"}
    labels = (Path(analysis.__file__).parent / "data" / "labels.tsv").read_text(encoding="utf-8")
    (lexicons / "labels.tsv").write_text(labels.replace("\tالوقت\t", "\tموقع الوقت\t"), encoding="utf-8")
    relabelled = tag_store(few, tmp_path / "store", layers=["mentions", "frames"], lexicons=lexicons)
    assert relabelled["tagged"] == 0  # what readers see changed, not what is tagged
    assert analysis.Tagged.open(tmp_path / "store", lexicons=lexicons).lexicons.path("labels.tsv").parent == lexicons


def test_readers_take_the_parts_of_some_outlets_and_months(generated, tmp_path):
    tag_store(generated.iloc[:300], tmp_path / "store", layers=["mentions", "passages"], partition_size=20)
    whole = opened(tmp_path / "store")
    some = opened(tmp_path / "store", outlets=["Hespress", "RT Arabic"], months=["2024-06", "2024-07"])
    chosen = whole.articles[whole.articles["outlet"].isin(["Hespress", "RT Arabic"])
                            & whole.articles["published"].dt.strftime("%Y-%m").isin(["2024-06", "2024-07"])]
    assert len(chosen) > 0 and list(some.articles.index) == list(chosen.index)
    assert_same(some, whole.select(chosen))

    from analysis.overview import select_articles  # a notebook's selection: the same rows and counts
    for outlets, first, last in [(["Hespress"], "2024-03-10", "2024-09-02"), ([], "2024-01-01", ""), (["Alwaght"], "", "")]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            pruned = analysis.open_or_tag(tmp_path / "store", layers=["mentions"], outlets=outlets, date_from=first,
                                          date_to=last)
        expected, found = select_articles(whole.articles, outlets, first, last), select_articles(pruned.articles,
                                                                                                 outlets, first, last)
        assert len(pruned.articles) < len(whole.articles) and list(found.index) == list(expected.index)
        assert (found.attrs["excluded"], found.attrs["available"]) == (expected.attrs["excluded"], 300)
    with pytest.raises(analysis.SelectionError, match="Nowhere News"):
        analysis.open_or_tag(tmp_path / "store", outlets=["Nowhere News"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        none = analysis.open_or_tag(tmp_path / "store", layers=["mentions"], date_from="2030-01-01")
    assert len(none.articles) == 0 and none.articles.dtypes.to_dict() == whole.articles.dtypes.to_dict()


def test_the_dask_engine_gives_the_rows_of_the_pandas_engine(generated, tmp_path):
    few = generated.iloc[:200]
    tag_store(few, tmp_path / "pandas", partition_size=40)
    run = tag_store(few, tmp_path / "dask", engine="dask", workers=2, partition_size=40)
    assert run["tagged"] == 200 and run["parts_written"] == 5
    assert_same(opened(tmp_path / "dask"), opened(tmp_path / "pandas"))
    assert_same(opened(tmp_path / "pandas"), analysis.tag(few))  # the store holds what tag() gives
    import dask.dataframe as dd  # each table's folder is a Parquet dataset any reader takes
    assert len(dd.read_parquet(tmp_path / "dask" / "mentions")) == len(opened(tmp_path / "dask").mentions)
    with pytest.raises(analysis.SelectionError, match="engine"):
        tag_store(few, tmp_path / "other", engine="spark")


def test_a_corpus_with_no_article_gives_an_empty_store_with_the_dtypes(generated, tmp_path):
    none = generated.iloc[:0]
    assert tag_store(none, tmp_path / "store")["tagged"] == 0
    assert_same(opened(tmp_path / "store"), analysis.tag(none))


def test_unchanged_inputs_are_not_read_again_but_the_load_report_stays_exact(tmp_path):
    folder, store = tmp_path / "corpus", tmp_path / "store"
    shutil.copytree(Path(__file__).resolve().parent.parent / "seeds", folder)

    def run(**options):
        stream = CorpusStream(folder, batch_size=3, **options)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            done = tag_store(stream, store, layers=["mentions"])
            whole = analysis.load_corpus(folder, **options)
        pd.testing.assert_frame_equal(opened(store).articles.attrs["load_report"], whole.attrs["load_report"])
        assert_same(opened(store), analysis.tag(whole, layers=["mentions"]))
        return done["tagged"], stream.reused

    assert run() == (5, 0)
    assert run() == (0, 5)
    manifest = folder / "metadata.csv"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("2024-06-19", "2024-06-20", 1), encoding="utf-8")
    assert run() == (1, 4)  # its manifest row changed
    first = sorted(folder.glob("*.txt"))[0]
    shutil.copy(first, folder / "000_0copy.txt")  # read before it, same text: it is read again for its new reason
    assert run() == (1, 4)
    assert run(date_order="DMY") == (0, 0)  # another loader option: every input read again, none changed
