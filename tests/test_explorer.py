"""Issue 18: the explorer's counts, evidence and search against the tables
they come from; the widgets driven from Python; the lexicon workbench and
its command line (the store is tagged again after a change)."""
import pandas as pd
import pytest

import analysis
from analysis.__main__ import main
from analysis.explorer import Explorer, Selection
from analysis.lexicon import read_actors
from conftest import SEEDS, load_quietly


@pytest.fixture(scope="module")
def seeds_explorer():
    articles, _ = load_quietly(SEEDS)
    tagged = analysis.tag(articles)
    return tagged, Explorer(tagged)


def test_counts_are_the_tables_counted(seeds_explorer):
    tagged, explorer = seeds_explorer
    names = tagged.mentions[tagged.mentions["kind"] == "name"]
    truth = pd.crosstab(names["actor_id"], names["article_id"].map(tagged.articles["outlet"]))
    counts = explorer.counts("actors")
    assert counts.sum().sum() == len(names)
    assert (counts == truth.reindex(index=counts.index, columns=counts.columns)).all().all()
    frames = explorer.counts("frames", Selection(outlets=("Alwaght",), frames=("Political", "Economic")))
    alwaght = tagged.frames[tagged.frames["article_id"].map(tagged.articles["outlet"]) == "Alwaght"]
    assert list(frames.columns) == ["Alwaght"]
    assert frames.loc["Political", "Alwaght"] == (alwaght["frame"] == "Political").sum()
    assert set(frames.index) == {"Political", "Economic"}
    events = explorer.counts("events", Selection(date_from="2024-06-01", date_to="2024-06-30"))
    kept = tagged.articles[tagged.articles["published"].between("2024-06-01", "2024-06-30 23:59")].index
    assert events.sum().sum() == tagged.events["article_id"].isin(kept).sum()
    grouped = explorer.counts("actors", Selection(groups=("Russia",)))
    assert set(grouped.index) == set(names.loc[names["group"] == "Russia", "actor_id"])


def test_evidence_is_the_rows_behind_a_count_in_pages(seeds_explorer):
    tagged, explorer = seeds_explorer
    counts = explorer.counts("actors")
    total = counts.loc["north_korea", "Alwaght"]
    first, n = explorer.evidence("actors", "north_korea", "Alwaght", page=0, size=20)
    second, _ = explorer.evidence("actors", "north_korea", "Alwaght", page=1, size=20)
    assert n == total and len(first) == 20 and len(first) + len(second) == min(total, 40)
    assert set(first["outlet"]) == {"Alwaght"} and first["sentence"].str.contains("<mark>").all()
    sentences = tagged.sentences.set_index(["article_id", "sentence_id"])["text"]
    for row in first.itertuples():
        assert row.match in sentences[(row.article_id, row.sentence_id)]
    assert explorer.evidence("actors", "no_such_actor", "Alwaght")[1] == 0


def test_search_folds_spellings_and_clitics(seeds_explorer):
    tagged, explorer = seeds_explorer
    plain, n = explorer.search("الكرملين")
    assert n == tagged.sentences["normalized"].str.contains("كرملين").sum() and n > 0
    assert plain["sentence"].str.contains("<mark>").all()
    assert explorer.search("أوكرانيا")[1] == explorer.search("اوكرانيا")[1] > 0  # hamza folded
    assert explorer.search("", Selection())[1] == 0
    everywhere, m = explorer.search("روسيا")
    only, k = explorer.search("روسيا", Selection(outlets=("Alwaght",)))
    assert 0 < k < m and set(only["outlet"]) == {"Alwaght"}
    texts = {"a": "قال المتحدث للكرملين إن الزيارة مهمة.", "b": "ووصل الوفد والكرملين يراقب.",
             "c": "أعلن الكرملين الخبر.", "d": "تحدث عن الكرملينيات."}
    small = analysis.tag(pd.DataFrame({"text": list(texts.values()), "outlet": "x"},
                                      index=pd.Index(list(texts), name="article_id")), layers=["sentences"])
    rows, found = Explorer(small).search("الكرملين")
    assert found == 3 and set(rows["article_id"]) == {"a", "b", "c"}  # clitics; not inside a longer word


def test_widgets_update_and_show_evidence(seeds_explorer, tmp_path):
    from analysis.explore_view import ExplorerView
    from analysis.labels import Labels
    tagged, explorer = seeds_explorer
    view = ExplorerView(explorer, Labels("en", tagged.lexicons), str(tmp_path))
    before = view.status.value
    view.outlets.value = ("Alwaght",)
    labels = [c.value for c in view.grid.children[0].children if not hasattr(c, "on_click")]
    assert view.status.value != before and "Alwaght" in labels and "Al Ain News" not in labels
    buttons = [c for c in view.grid.children[0].children if hasattr(c, "on_click") and not c.disabled]
    buttons[0].click()
    assert "<mark>" in view.evidence.value and "Alwaght" in view.evidence.value
    assert f"{buttons[0].description} rows" in view.evidence.value  # as many sentences as the count says
    view.view.value = "frames"
    assert "Political" in [c.value for c in view.grid.children[0].children if not hasattr(c, "on_click")]
    view.query.value = "الكرملين"  # only in Al Ain News, and the selection holds Alwaght
    view.search_button.click()
    assert "No sentence" in view.found.value
    view.query.value = "روسيا"
    view.search_button.click()
    assert "<mark>" in view.found.value


def test_static_explorer_for_the_report(seeds_explorer, capsys):
    tagged, _ = seeds_explorer
    assert analysis.explore(tagged, interactive=False) is None


def test_lexicon_workbench_writes_your_folder_only_and_the_store_is_tagged_again(tmp_path):
    folder = tmp_path / "my_story"
    folder.mkdir()
    articles, _ = load_quietly(SEEDS)
    store = tmp_path / "store"
    analysis.tag_store(articles, store, layers=["mentions"], lexicons=folder)
    assert main(["lexicon", "add-spelling", "putin", "بوتيين", "--lexicons", str(folder), "--dry-run"]) == 0
    assert not (folder / "actors.tsv").exists()
    assert main(["lexicon", "add-spelling", "putin", "بوتيين", "--lexicons", str(folder)]) == 0
    actors = read_actors(folder / "actors.tsv").set_index("id")
    assert "بوتيين" in actors.at["putin", "names_ar"]
    assert main(["lexicon", "add-actor", "park_won_gon", "--name-en", "Park Won-gon", "--type", "PERSON",
                 "--group", "South Korea", "--names-ar", "بارك وون جون", "--lexicons", str(folder)]) == 0
    with pytest.raises(analysis.StoreError, match="tag it again"):  # the store knows its lexicon changed
        analysis.Tagged.open(store, lexicons=folder)
    run = analysis.tag_store(articles, store, layers=["mentions"], lexicons=folder)
    assert run["tagged"] == len(articles)
    retagged = analysis.Tagged.open(store, lexicons=folder)
    assert "park_won_gon" in set(retagged.mentions["actor_id"])  # بارك وون جون in the seeds


@pytest.mark.parametrize("argv, problem", [
    (["add-spelling", "putin", "كيم جونغ أون"], "is already a name of"),
    (["add-spelling", "nobody", "فلان"], "unknown actor id 'nobody'"),
    (["add-actor", "bad id", "--name-en", "X", "--type", "PERSON", "--group", "g", "--names-ar", "اكس"],
     "must be lowercase"),
])
def test_lexicon_command_errors_name_file_and_line(tmp_path, capsys, argv, problem):
    with pytest.raises(SystemExit) as stop:
        main(["lexicon", *argv, "--lexicons", str(tmp_path)])
    assert stop.value.code == 2 and problem in capsys.readouterr().err
    assert not (tmp_path / "actors.tsv").exists()


def test_the_bundled_lexicon_is_never_edited(capsys):
    from analysis.datafiles import DATA_DIR
    with pytest.raises(SystemExit):
        main(["lexicon", "add-spelling", "putin", "بوتيين", "--lexicons", str(DATA_DIR)])
    assert "never edited" in capsys.readouterr().err


def test_lexicon_tab_adds_a_spelling_and_reports_errors(seeds_explorer, tmp_path):
    from analysis.explore_view import LexiconTab
    import ipywidgets
    tagged, _ = seeds_explorer
    tab = LexiconTab(ipywidgets, tagged, str(tmp_path))
    assert "بارك وون جون" in tab.summary.index and tab.summary.loc["بارك وون جون", "count"] >= 1
    tab.name.value, tab.actor.value = "بارك وون جون", "yoon_suk_yeol"
    tab.spelling.click()
    assert "Written to" in tab.result.value and "بارك وون جون" in (tmp_path / "actors.tsv").read_text(encoding="utf-8")
    tab.spelling.click()  # the same spelling again: the error, file and line shown, nothing written twice
    assert "already a name" in tab.result.value
    tab.folder.value = ""
    tab.spelling.click()
    assert "never edited" in tab.result.value
