"""Growing the actor lexicon: a new spelling of an actor, or a new actor,
written to the analyst's lexicon folder, never to the bundled defaults.

``add_spelling(folder, actor_id, form)`` and ``add_actor(folder, actor_id,
name_en, type, group, names_ar, ...)`` return the change as a unified diff
of ``FOLDER/actors.tsv`` (started from the bundled file when the folder has
none) and write it unless ``dry_run``. The new file is validated as loading
validates it, with the folder's other files (roles, spelling rules, Latin
letters): a form another actor already has, an unknown type or a
malformed QID raises :class:`~analysis.errors.DataFileError` naming the
file and the line, and nothing is written. A store tagged with the folder
is then tagged again: its lexicon hash changed
(:class:`~analysis.lexicons.LexiconSet`).
"""
from __future__ import annotations

import difflib
import os
import tempfile
from pathlib import Path

from .datafiles import DATA_DIR
from .errors import DataFileError
from .lexicon import ACTOR_COLUMNS, read_actor_lexicon, read_actors
from .lexicons import lexicon_set

ACTORS = "actors.tsv"


def _target(folder: Path | str) -> Path:
    given = str(folder).strip()
    folder = Path(given)
    if not given or folder.resolve() == DATA_DIR.resolve():
        raise DataFileError(folder / ACTORS, None, "the bundled lexicon is never edited: give your own lexicon "
                                                    "folder (for example data/my_story)")
    return folder / ACTORS


def _lines(path: Path) -> list[str]:
    source = path if path.exists() else DATA_DIR / ACTORS
    return source.read_text(encoding="utf-8-sig").splitlines(keepends=True)


def _header(lines: list[str]) -> tuple[int, list[str]]:
    at = next(i for i, line in enumerate(lines) if line.strip() and not line.lstrip().startswith("#"))
    return at, lines[at].rstrip("\n").split("\t")


def _write(folder: Path | str, lines: list[str], new: list[str], dry_run: bool) -> str:
    """Validate ``new`` as the folder's actors file, write it (unless
    ``dry_run``), return the diff."""
    path = _target(folder)
    diff = "".join(difflib.unified_diff(lines, new, fromfile=str(path), tofile=str(path)))
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".actors-", suffix=".tsv", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.writelines(new)
        others = lexicon_set(path.parent).paths
        try:
            read_actor_lexicon(temporary, others["actor_roles.tsv"], others["spelling_rules.tsv"],
                               others["latin_letters.tsv"])
        except DataFileError as err:
            raise DataFileError(path, err.line, err.problem) from None
        if not dry_run:
            os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)
    return diff


def add_spelling(folder: Path | str, actor_id: str, form: str, dry_run: bool = False) -> str:
    """Add ``form`` to the ``names_ar`` of ``actor_id`` (see module doc)."""
    path = _target(folder)
    lines = _lines(path)
    at, header = _header(lines)
    names = header.index("names_ar")
    new = list(lines)
    for i in range(at + 1, len(lines)):
        cells = lines[i].rstrip("\n").split("\t")
        if cells and cells[0] == actor_id:
            listed = [n.strip() for n in cells[names].split("|") if n.strip()]
            if form.strip() in listed:
                raise DataFileError(path, i + 1, f"'{form}' is already a name of '{actor_id}'")
            cells[names] = "|".join([*listed, form.strip()])
            new[i] = "\t".join(cells) + "\n"
            return _write(folder, lines, new, dry_run)
    known = read_actors(path if path.exists() else None)["id"].tolist()
    raise DataFileError(path, None, f"unknown actor id '{actor_id}' (known: {', '.join(known[:12])} ...)")


def add_actor(folder: Path | str, actor_id: str, name_en: str, actor_type: str, group: str, names_ar: list[str],
              wikidata: str = "", short_ar: list[str] = (), adjectives_ar: list[str] = (), note: str = "",
              dry_run: bool = False) -> str:
    """Append a new actor row (see module doc)."""
    path = _target(folder)
    lines = _lines(path)
    _, header = _header(lines)
    values = {"id": actor_id, "name_en": name_en, "wikidata": wikidata, "type": actor_type, "group": group,
              "names_ar": "|".join(names_ar), "short_ar": "|".join(short_ar),
              "adjectives_ar": "|".join(adjectives_ar), "note": note}
    row = "\t".join(values.get(column, "") for column in header) + "\n"
    missing = [c for c in ACTOR_COLUMNS if c not in header]
    if missing:
        raise DataFileError(path, None, f"header lacks {missing}")
    new = list(lines) + ([] if not lines or lines[-1].endswith("\n") else ["\n"]) + [row]
    return _write(folder, lines, new, dry_run)
