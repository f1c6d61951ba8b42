"""Inputs of a report run -> its provenance record, shown on every page.

``provenance(corpus, manifest, run_date)`` returns a JSON-ready dict:
``run_date``; ``corpus`` (path, input ``files``, a ``sha256`` over every
input file's relative path and bytes, manifest included, and a summary:
``articles``, ``outlets`` with their article counts, ``first_published``,
``last_published``, ``undated``); ``load_report`` (inputs per status); ``data_files`` (every
bundled word list with its sha256); ``versions`` (this package, Python and
the libraries that shape the results). ``with_parameters`` adds one
notebook's parameters and the hashes of the analyst files they name.
"""
from __future__ import annotations

import hashlib
import json
import platform
import warnings
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from . import __version__
from .corpus import load_corpus
from .datafiles import DATA_DIR

LIBRARIES = ("pandas", "numpy", "matplotlib", "camel-tools", "papermill", "nbconvert")


def file_sha256(path: Path) -> str:
    """Hex sha256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def corpus_files(corpus: Path, manifest: Path | None = None) -> list[tuple[str, Path]]:
    """(name, path) of every input file: the corpus file or the files under
    the corpus folder (sorted), then a manifest kept outside it."""
    files = [(str(p.relative_to(corpus)), p) for p in sorted(corpus.rglob("*")) if p.is_file()] \
        if corpus.is_dir() else [(corpus.name, corpus)]
    if manifest is not None and manifest.resolve() not in {p.resolve() for _, p in files}:
        files.append((f"manifest:{manifest.name}", manifest))
    return files


def corpus_sha256(files: list[tuple[str, Path]]) -> str:
    """One sha256 over the names and contents of ``files``: any added,
    removed, renamed or edited input changes it."""
    digest = hashlib.sha256()
    for name, path in files:
        digest.update(name.encode("utf-8") + b"\0" + file_sha256(path).encode("ascii") + b"\0")
    return digest.hexdigest()


def _versions() -> dict[str, str]:
    found = {"analysis": __version__, "python": platform.python_version()}
    for name in LIBRARIES:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = "not installed"
    return found


def _summary(articles) -> dict:
    """Articles, articles per outlet, first and last publication date."""
    if articles is None or articles.empty:
        return {"articles": 0, "outlets": {}, "first_published": "", "last_published": "", "undated": 0}
    dates = articles["published"].dropna()
    outlets = articles["outlet"].fillna("unknown").value_counts()
    return {"articles": len(articles), "outlets": {name: int(outlets[name]) for name in sorted(outlets.index)},
            "first_published": f"{dates.min():%Y-%m-%d}" if len(dates) else "",
            "last_published": f"{dates.max():%Y-%m-%d}" if len(dates) else "",
            "undated": int(articles["published"].isna().sum())}


def provenance(corpus: Path, manifest: Path | None, run_date: str) -> dict:
    """The run-wide record described in the module docstring."""
    files = corpus_files(corpus, manifest)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            articles = load_corpus(corpus, manifest=manifest)
        counts = articles.attrs["load_report"]["status"].value_counts()
        load_report = {status: int(counts.get(status, 0)) for status in ("loaded", "warning", "skipped")}
        summary = _summary(articles)
    except (ValueError, OSError) as err:
        load_report, summary = {"error": f"{type(err).__name__}: {err}"}, _summary(None)
    bundled = [{"file": p.name, "source": "bundled", "sha256": file_sha256(p)}
               for p in sorted(DATA_DIR.glob("*.tsv"))]
    return {"run_date": run_date,
            "corpus": {"path": str(corpus), "files": len(files), "sha256": corpus_sha256(files), **summary},
            "load_report": load_report, "data_files": bundled, "versions": _versions()}


def with_parameters(record: dict, parameters: dict, corpus_parameter: str = "corpus") -> dict:
    """``record`` plus one notebook's parameters (JSON text, Arabic kept
    readable) and a data-file row for each parameter that names a file."""
    named_files = [{"file": str(value), "source": f"parameter {name}", "sha256": file_sha256(Path(value))}
                   for name, value in sorted(parameters.items())
                   if name != corpus_parameter and isinstance(value, str) and value and Path(value).is_file()]
    return {**record, "data_files": named_files + record["data_files"],
            "parameters": {name: json.dumps(value, ensure_ascii=False) for name, value in sorted(parameters.items())}}
