"""Inputs of a report run -> its provenance record, shown on every page.

``provenance(run_date, corpus, manifest, tagged)`` returns a JSON-ready dict,
read from the tagged corpus (the store), never from a second load:
``run_date``; ``corpus`` (path, input ``files``, a ``sha256`` over every
input file's relative path and bytes, manifest included, and a summary:
``articles``, ``outlets`` with their article counts, ``first_published``,
``last_published``, ``undated``); ``load_report`` (inputs per status, or
the error that stopped loading); ``data_files`` (every file of the lexicon
set, bundled or the analyst's, with its sha256); ``versions`` (this package, Python and
the libraries that shape the results). ``with_parameters`` adds one
notebook's parameters and the hashes of the analyst files they name.
"""
from __future__ import annotations

import json
import platform
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from . import __version__
from .fingerprints import CorpusDigest, corpus_files, file_sha256
from .lexicons import lexicon_set

LIBRARIES = ("pandas", "numpy", "matplotlib", "camel-tools", "papermill", "nbconvert", "fastparquet")


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


def provenance(run_date: str, corpus: Path, manifest: Path | None = None, tagged=None, error: str = "",
               tagging: dict | None = None) -> dict:
    """The run-wide record described in the module docstring; ``error``:
    why there is no ``tagged`` corpus; ``tagging``: what the run's tagging
    did (articles tagged, kept from the store, removed)."""
    if tagged is not None:
        counts = tagged.articles.attrs["load_report"]["status"].value_counts()
        load_report = {status: int(counts.get(status, 0)) for status in ("loaded", "warning", "skipped")}
        summary, lexicons = _summary(tagged.articles), tagged.lexicons
    else:
        load_report, summary, lexicons = {"error": error}, _summary(None), lexicon_set(None)
    files, sha256 = _fingerprint(corpus, manifest, tagged)
    return {"run_date": run_date,
            "corpus": {"path": str(corpus), "files": files, "sha256": sha256, **summary},
            "load_report": load_report, "data_files": lexicons.files(), "versions": _versions(),
            "tagging": {k: tagging[k] for k in ("tagged", "kept", "removed")} if tagging else {}}


def _fingerprint(corpus: Path, manifest: Path | None, tagged) -> tuple[int, str]:
    """The number of input entries and the corpus fingerprint, as the loader
    computed them while reading (the store's, which a run has checked
    against the corpus), else computed now."""
    source = tagged.articles.attrs.get("source") or {} if tagged is not None else {}
    if source.get("sha256") and source.get("files") is not None:
        return source["files"], source["sha256"]
    digest = CorpusDigest()
    for entry in corpus_files(corpus, manifest):
        digest.add(entry)
    return digest.entries, digest.hexdigest()


def with_parameters(record: dict, parameters: dict, corpus_parameter: str = "corpus") -> dict:
    """``record`` plus one notebook's parameters (JSON text, Arabic kept
    readable) and a data-file row for each parameter that names a file."""
    named_files = [{"file": str(value), "source": f"parameter {name}", "sha256": file_sha256(Path(value))}
                   for name, value in sorted(parameters.items())
                   if name not in (corpus_parameter, "tagged") and isinstance(value, str) and value
                   and Path(value).is_file()]
    return {**record, "data_files": named_files + record["data_files"],
            "parameters": {name: json.dumps(value, ensure_ascii=False) for name, value in sorted(parameters.items())}}
