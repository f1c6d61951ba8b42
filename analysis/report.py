"""Notebooks + corpus -> executed notebooks and HTML reports.

``run_reports(corpus, out)`` loads and tags the corpus once into the store
``out/store`` (or opens the store given as ``-p tagged=``), executes every
notebook of ``notebooks/`` with papermill on that store (parameters
checked first against each notebook's ``parameters`` cell; kernels run in
``out``), writes ``out/<name>.ipynb`` and ``out/<name>.html`` (code hidden
unless ``with_code``; the run's provenance on every page) and
``out/index.html``, the full tables behind each page's bounded ones into
``out/tables/<name>/`` (CSV and Parquet), and returns one row per notebook: ``notebook, title,
status, html, error, tables``. Timings and other run-to-run noise are removed so the
same inputs give the same bytes. The run is written beside ``out`` and
replaces it only when complete, one run at a time (:mod:`analysis.run_folder`).
When ``out`` is named after the run date, a ``latest`` link beside it points
to it, unless it points to a newer run date.
"""
from __future__ import annotations

import ast
import json
import multiprocessing
import os
import shutil
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
import warnings
from pathlib import Path

import jinja2
import nbformat
import pandas as pd
import papermill
from nbconvert import HTMLExporter

from .corpus import CorpusStream
from .entries import file_entry, printable
from .errors import AnalysisError, ReportError
from .lexicons import lexicon_set
from .partitions import tag_store
from .pipeline import Tagged
from .run_folder import point_latest, run_folder
from .store import open_store
from .provenance import provenance, with_parameters

NOTEBOOK_DIR = Path(__file__).resolve().parent.parent / "notebooks"
TEMPLATES = Path(__file__).resolve().parent / "templates"
VOLATILE_METADATA = ("start_time", "end_time", "duration", "execution")
STORE = "store"  # the run's tagged store, inside the report folder
TABLES = "tables"  # the full tables of each page (CSV and Parquet), inside the report folder


def notebooks(directory: Path = NOTEBOOK_DIR, only: list[str] | None = None) -> list[Path]:
    """Notebook paths in ``directory`` (sorted), restricted to ``only`` names
    (with or without ``.ipynb``, or a number prefix such as ``01``)."""
    found = sorted(p for p in Path(directory).glob("*.ipynb") if not p.name.startswith("."))
    if not only:
        return found
    chosen = []
    for name in only:
        matches = [p for p in found if name in (p.stem, p.name) or p.stem.startswith(f"{name}_")]
        if not matches:
            raise ReportError(f"unknown notebook '{name}'; available: {', '.join(p.stem for p in found)}")
        chosen += [p for p in matches if p not in chosen]
    return chosen


def declared_parameters(path: Path) -> dict[str, object]:
    """Parameter name -> default value, from a notebook's ``parameters`` cell."""
    declared = papermill.inspect_notebook(str(path))
    return {name: ast.literal_eval(spec["default"]) for name, spec in declared.items()}


def parse_value(name: str, text: str, default: object) -> object:
    """A ``-p NAME=VALUE`` string -> a value of the default's type."""
    if isinstance(default, str):
        return text
    if isinstance(default, bool) and text.lower() in ("true", "false"):
        return text.lower() == "true"  # true/false as in JSON, True/False as in Python
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        value = text
    expected = (int, float) if isinstance(default, float) else type(default)
    wrong_type = not isinstance(value, expected) or isinstance(value, bool) != isinstance(default, bool)
    if default is not None and wrong_type:
        raise ReportError(f"parameter '{name}': '{text}' is not a {type(default).__name__} "
                          f"(default: {default!r})")
    return float(value) if isinstance(default, float) else value


# Parameters that name a file or a folder (and what they must be), and the
# smallest value of each whole-number parameter.
PATHS = {"corpus": "file or folder", "manifest": "file", "lexicons": "folder", "tagged": "folder"}
MINIMUM = {"max_rows": 1, "top_n": 1, "top_terms": 1, "evidence_per_outlet": 1, "min_sources": 1, "top_frames": 1, "top_events": 1,
           "detail_months": 1, "n_boot": 1, "seed": 0}


def checked_value(name: str, value: object) -> object:
    """A parameter value checked for its kind: a path parameter names an
    existing file or folder (relative to the caller's folder; made absolute,
    as the kernels run elsewhere), a whole number is not below its minimum."""
    if name in PATHS and isinstance(value, str) and value:
        path = Path(value)
        kind = PATHS[name]
        if not (path.is_file() and kind != "folder" or path.is_dir() and kind != "file"):  # a FIFO is neither
            raise ReportError(f"parameter '{name}': '{value}' is not an existing {kind}")
        return str(path.resolve())
    if name in MINIMUM and isinstance(value, int) and value < MINIMUM[name]:
        raise ReportError(f"parameter '{name}': {value} is below its minimum, {MINIMUM[name]}")
    return value


def plan(paths: list[Path], given: dict[str, str]) -> dict[Path, tuple[dict, dict]]:
    """For each notebook: (the given parameters it declares, checked and
    typed; all its parameters with defaults filled in). ReportError for a
    name that no selected notebook declares, a value of the wrong type, a
    path that does not exist or a number below its minimum."""
    declared = {path: declared_parameters(path) for path in paths}
    known = set().union(*declared.values()) if declared else set()
    unknown = sorted(set(given) - known)
    if unknown:
        raise ReportError(f"unknown parameter(s) {unknown}; the notebooks declare: {', '.join(sorted(known))}")
    planned = {}
    for path, defaults in declared.items():
        checked = {name: checked_value(name, parse_value(name, value, defaults[name]))
                   for name, value in given.items() if name in defaults}
        planned[path] = (checked, {**defaults, **checked})
    return planned


def _scrub(notebook: nbformat.NotebookNode) -> None:
    """Remove timings, random ids and the output folder, which differ
    between identical runs."""
    run = notebook.metadata.get("papermill", {})
    for key in VOLATILE_METADATA:
        run.pop(key, None)
    for key in ("input_path", "output_path"):
        if key in run:
            run[key] = Path(run[key]).name
    for number, cell in enumerate(notebook.cells):
        for key in VOLATILE_METADATA:
            cell.metadata.get("papermill", {}).pop(key, None)
        cell.metadata.pop("execution", None)
        cell["id"] = f"cell-{number:03d}"


def export_html(notebook: nbformat.NotebookNode, report: dict, with_code: bool = False) -> str:
    """Executed notebook -> standalone HTML page by ``templates/report`` (no
    code unless ``with_code``, no script from the network). ``report``:
    ``index`` (link back), ``error`` (shown as a banner) and ``provenance``."""
    exporter = HTMLExporter(template_name="report", extra_template_basedirs=[str(TEMPLATES)],
                            exclude_input=not with_code, exclude_input_prompt=True, exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(notebook, resources={"report": report})
    return body


def run_notebook(path: Path, out: Path, parameters: dict, record: dict, with_code: bool = False) -> dict:
    """Execute one notebook and export it with its provenance ``record``;
    never raises for a notebook error."""
    executed = out / path.name
    error = ""
    try:
        papermill.execute_notebook(str(path), str(executed), parameters=parameters, cwd=str(out),
                                   progress_bar=False, kernel_name="python3")
    except papermill.PapermillExecutionError as err:
        error = f"{err.ename}: {err.evalue}"
    notebook = nbformat.read(executed, as_version=4)
    _scrub(notebook)
    title = notebook.metadata["title"] = notebook.metadata.get("title") or path.stem
    notebook.metadata["analysis_provenance"] = record
    nbformat.write(notebook, executed)
    page = out / f"{path.stem}.html"
    page.write_text(export_html(notebook, {"index": "index.html", "error": error, "provenance": record}, with_code),
                    encoding="utf-8")
    tables = out / TABLES / path.stem
    return {"notebook": path.stem, "title": title, "status": "failed" if error else "ok", "html": page.name,
            "error": error, "tables": f"{TABLES}/{path.stem}/" if tables.is_dir() else ""}


def write_index(out: Path, results: pd.DataFrame, record: dict) -> Path:
    """The report folder's ``index.html``: the reports with their status, a
    corpus summary and the provenance ``record``."""
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES / "report"), autoescape=True)
    page = environment.get_template("runs_index.html.j2").render(reports=results.to_dict("records"), p=record)
    index = out / "index.html"
    index.write_text(page + "\n", encoding="utf-8")
    return index


def tag_once(corpus: Path, out: Path, work: Path, checked: dict, date_order: str | None = None,
             store: Path | None = None) -> tuple[Tagged | None, str, str, dict]:
    """Load and tag ``corpus`` once, into ``store`` (updated: only new or
    changed articles are tagged) or a new ``work/store``; or open the store
    the ``tagged`` parameter names (copied into ``work`` when it lies in the
    folder ``out`` that the run replaces). Returns ``(tagged articles, store
    parameter, error, what the tagging did)``."""
    given, lexicons = checked.get("tagged", ""), checked.get("lexicons", "")
    manifest = checked.get("manifest") or None
    run: dict = {}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # notebook 01 shows the load report
            if given:
                tagged = open_store(given, corpus=corpus, manifest=manifest, lexicons=lexicons, tables=[])
            else:
                stream = CorpusStream(corpus, manifest=manifest, lexicons=lexicons or None, date_order=date_order,
                                      jobs=os.cpu_count() or 1)
                run = tag_store(stream, store or work / STORE, lexicons=lexicons or None,
                                workers=os.cpu_count() or 1)
                tagged = open_store(store or work / STORE, tables=[])
    except (AnalysisError, OSError) as err:  # said on every page; writing errors below stop the run
        return None, "", f"{type(err).__name__}: {err}", run
    inside = bool(given) and Path(given).resolve().is_relative_to(out.resolve())
    if inside:
        shutil.copytree(given, work / STORE)
    parameter = STORE if inside or not (given or store) else str(Path(given or store).resolve())
    return tagged, parameter, "", run


def run_reports(corpus: str | Path, out: str | Path, only: list[str] | None = None,
                parameters: dict[str, str] | None = None, run_date: str | None = None,
                with_code: bool = False, notebook_dir: Path = NOTEBOOK_DIR, progress=None,
                jobs: int | None = None, date_order: str | None = None,
                store: str | Path | None = None) -> pd.DataFrame:
    """Run the notebooks on ``corpus`` into ``out``; see the module docstring.
    ``progress``: called with a line of text as each step starts and ends;
    ``jobs``: notebooks run at the same time, each in its own kernel (default:
    one per CPU core); ``date_order``: see :func:`analysis.load_corpus`;
    ``store``: a store folder kept between runs (only new or changed
    articles are tagged into it; the pages read it) instead of a new store
    inside ``out``."""
    corpus, out = Path(corpus).resolve(), Path(out).absolute()
    if not (corpus.is_file() or corpus.is_dir()):
        raise ReportError(f"corpus not found: {corpus}" if not corpus.exists() else
                          f"corpus {corpus} is not a file or folder ({file_entry(corpus.name, corpus).reason})")
    for path in (corpus, out):
        if printable(str(path)) != str(path):
            raise ReportError(f"{printable(str(path))}: the path is not valid UTF-8, and it would be written into "
                              "every page; rename the folder")
    say = progress or (lambda line: None)
    run_date = run_date or pd.Timestamp.today().strftime("%Y-%m-%d")
    given = {**(parameters or {}), "corpus": str(corpus)}
    planned = plan(notebooks(notebook_dir, only), given)
    shared = {name: value for checked, _ in planned.values() for name, value in checked.items()}
    lexicon_set(shared.get("lexicons") or None).validate()  # a broken lexicon line: an error before any run
    with run_folder(out) as work:
        began = time.perf_counter()
        say("tagging the corpus once")
        tagged, store, error, tagging = tag_once(corpus, out, work, shared, date_order,
                                                 Path(store).absolute() if store else None)
        say(f"tagged in {time.perf_counter() - began:.1f} s" + (f" ({error})" if error else ""))
        manifest = shared.get("manifest")
        record = provenance(run_date, corpus, Path(manifest) if manifest else None, tagged, error, tagging)
        os.environ.setdefault("PYTHONHASHSEED", "0")  # inherited by the kernels
        jobs = max(1, min(jobs or os.cpu_count() or 1, len(planned)))
        say(f"running {len(planned)} notebooks, {jobs} at a time")
        began = time.perf_counter()
        calls = []
        for path, (checked, full) in planned.items():
            if store and "tagged" in full:
                checked, full = {**checked, "tagged": store}, {**full, "tagged": store}
            if "exports" in full and "exports" not in given:  # the full tables, beside the page
                checked, full = {**checked, "exports": f"{TABLES}/{path.stem}"}, {**full, "exports": f"{TABLES}/{path.stem}"}
            if "interactive" in full and "interactive" not in given:  # a page holds no widgets: static tables
                checked, full = {**checked, "interactive": False}, {**full, "interactive": False}
            calls.append((path, work, checked, with_parameters(record, full), with_code))
        finished: dict[Path, dict] = {}
        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            waiting, running = list(calls), {}
            while waiting or running:
                while waiting and len(running) < jobs:  # one notebook per free kernel slot, in order
                    call = waiting.pop(0)
                    say(f"start {call[0].stem}")
                    running[pool.submit(run_notebook, *call)] = (call[0], time.perf_counter())
                done = next(as_completed(running))
                path, started = running.pop(done)
                finished[path] = row = done.result()
                say(f"{row['status']} {row['notebook']} in {time.perf_counter() - started:.1f} s "
                    f"({time.perf_counter() - began:.1f} s into the run)")
        rows = [finished[call[0]] for call in calls]  # in notebook order, whatever finished first
        results = pd.DataFrame(rows, columns=["notebook", "title", "status", "html", "error", "tables"])
        given_record = with_parameters(record, {name: value for checked, _ in planned.values()
                                                for name, value in checked.items()})
        write_index(work, results, given_record)
    results.attrs["index"] = out / "index.html"
    results.attrs["latest"] = point_latest(out, run_date)
    if results.attrs["latest"] is None and out.name == run_date:
        say(f"latest left on the newer run {os.readlink(out.parent / 'latest')}")
    return results
