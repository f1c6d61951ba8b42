"""Notebooks + corpus -> executed notebooks and HTML reports.

``run_reports(corpus, out)`` executes every notebook of ``notebooks/`` with
papermill (parameters checked first against each notebook's ``parameters``
cell), writes ``out/<name>.ipynb`` and ``out/<name>.html`` (code hidden
unless ``with_code``) and ``out/index.html``, and returns one row per
notebook: ``notebook, status, html, error``. Timings and other run-to-run
noise are removed so the same inputs give the same bytes.
"""
from __future__ import annotations

import ast
import html
import json
import os
from pathlib import Path

import nbformat
import pandas as pd
import papermill
from nbconvert import HTMLExporter

from . import __version__

NOTEBOOK_DIR = Path(__file__).resolve().parent.parent / "notebooks"
VOLATILE_METADATA = ("start_time", "end_time", "duration", "execution")


class ReportError(ValueError):
    """Bad report request (unknown notebook or parameter, wrong type)."""


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


def plan(paths: list[Path], given: dict[str, str]) -> dict[Path, dict]:
    """Checked parameters for each notebook; ReportError for a name that no
    selected notebook declares or a value of the wrong type."""
    declared = {path: declared_parameters(path) for path in paths}
    known = set().union(*declared.values()) if declared else set()
    unknown = sorted(set(given) - known)
    if unknown:
        raise ReportError(f"unknown parameter(s) {unknown}; the notebooks declare: {', '.join(sorted(known))}")
    return {path: {name: parse_value(name, value, defaults[name])
                   for name, value in given.items() if name in defaults}
            for path, defaults in declared.items()}


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


def export_html(notebook: nbformat.NotebookNode, with_code: bool = False) -> str:
    """Executed notebook -> standalone HTML page (no code unless ``with_code``)."""
    exporter = HTMLExporter(template_name="lab", exclude_input=not with_code,
                            exclude_input_prompt=True, exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(notebook)
    return body


def run_notebook(path: Path, out: Path, parameters: dict, with_code: bool = False) -> dict:
    """Execute one notebook and export it; never raises for a notebook error."""
    executed = out / path.name
    error = ""
    try:
        papermill.execute_notebook(str(path), str(executed), parameters=parameters, cwd=str(path.parent),
                                   progress_bar=False, kernel_name="python3")
    except papermill.PapermillExecutionError as err:
        error = f"{err.ename}: {err.evalue}"
    notebook = nbformat.read(executed, as_version=4)
    _scrub(notebook)
    notebook.metadata["title"] = notebook.metadata.get("title") or path.stem
    nbformat.write(notebook, executed)
    page = out / f"{path.stem}.html"
    page.write_text(export_html(notebook, with_code), encoding="utf-8")
    return {"notebook": path.stem, "status": "failed" if error else "ok", "html": page.name, "error": error}


def write_index(out: Path, results: pd.DataFrame, corpus: Path, run_date: str, parameters: dict) -> Path:
    """The report folder's ``index.html``: links, status and provenance."""
    rows = "\n".join(
        f'<tr><td><a href="{html.escape(r.html)}">{html.escape(r.notebook)}</a></td>'
        f"<td>{'ok' if r.status == 'ok' else '<strong>FAILED</strong>'}</td><td>{html.escape(r.error)}</td></tr>"
        for r in results.itertuples())
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Reports {html.escape(run_date)}</title></head>
<body style="font-family: sans-serif; max-width: 60em; margin: 2em auto;">
<h1>Arabic news reports, {html.escape(run_date)}</h1>
<table><tr><th>report</th><th>status</th><th>error</th></tr>
{rows}
</table>
<h2>Provenance</h2>
<ul><li>corpus: <code>{html.escape(str(corpus))}</code></li>
<li>parameters: <code>{html.escape(json.dumps(parameters, ensure_ascii=False, sort_keys=True))}</code></li>
<li>analysis version: {html.escape(__version__)}</li></ul>
</body></html>
"""
    index = out / "index.html"
    index.write_text(page, encoding="utf-8")
    return index


def run_reports(corpus: str | Path, out: str | Path, only: list[str] | None = None,
                parameters: dict[str, str] | None = None, run_date: str | None = None,
                with_code: bool = False, notebook_dir: Path = NOTEBOOK_DIR) -> pd.DataFrame:
    """Run the notebooks on ``corpus`` into ``out``; see the module docstring."""
    corpus, out = Path(corpus).resolve(), Path(out)
    if not corpus.exists():
        raise ReportError(f"corpus not found: {corpus}")
    run_date = run_date or pd.Timestamp.today().strftime("%Y-%m-%d")
    given = {**(parameters or {}), "corpus": str(corpus)}
    checked = plan(notebooks(notebook_dir, only), given)
    out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("PYTHONHASHSEED", "0")  # inherited by the kernels
    results = pd.DataFrame([run_notebook(path, out, params, with_code) for path, params in checked.items()],
                           columns=["notebook", "status", "html", "error"])
    results.attrs["index"] = write_index(out, results, corpus, run_date, given)
    return results
