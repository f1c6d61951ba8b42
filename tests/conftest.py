import warnings
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
ANNOTATIONS = ROOT / "tests" / "annotations"

ARABIC = ("وصل الرئيس الروسي فلاديمير بوتين إلى بيونغ يانغ في زيارة نادرة. "
          "وقال المتحدث إن الزيارة مهمة للغاية.\n")


def read_annotation(name: str) -> pd.DataFrame:
    """A hand annotation in tests/annotations (TSV, # comments)."""
    return pd.read_csv(ANNOTATIONS / name, sep="\t", comment="#", dtype=str, keep_default_na=False)


def case_articles(cases: pd.DataFrame, folder) -> pd.DataFrame:
    """Written test sentences (``case, published, text``) as articles, one
    per case (``article_id`` = case), loaded from a CSV in ``folder``."""
    table = cases.drop_duplicates("case")[["case", "published", "text"]].rename(columns={"case": "article_id"})
    table.assign(outlet="test").to_csv(folder / "cases.csv", index=False)
    return load_quietly(folder / "cases.csv")[0]


@pytest.fixture(scope="module")
def seeds():
    """The seed corpus and its tagged layers."""
    import analysis
    articles, _ = load_quietly(SEEDS)
    return articles, analysis.tag(articles)


@pytest.fixture(scope="session")
def seed_report(tmp_path_factory):
    """Every notebook run on the seeds into a dated folder: (folder, results)."""
    from analysis.report import run_reports
    out = tmp_path_factory.mktemp("reports") / "2026-01-01"
    return out, run_reports(SEEDS, out, run_date="2026-01-01")


@pytest.fixture
def corpus_dir(tmp_path):
    """An empty folder to write test articles into."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    return folder


def load_quietly(*args, **kwargs):
    """load_corpus with its summary warning captured; returns (articles, warnings)."""
    import analysis
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        articles = analysis.load_corpus(*args, **kwargs)
    return articles, [w for w in caught if issubclass(w.category, analysis.LoadWarning)]


def report_row(articles, path):
    report = articles.attrs["load_report"]
    rows = report[report["path"] == path]
    assert len(rows) == 1, f"{path} not exactly once in load report:\n{report}"
    return rows.iloc[0]
