"""Report folders that never show a half-written run.

``with run_folder(out) as work:`` gives an empty folder beside ``out``
(``.NAME.partial-PID``) for the run to write into; when the block ends
without an error it replaces ``out`` (the old run is moved aside, the new
one renamed into place, the old one removed), otherwise it is removed and
``out`` is left as it was. A lock file beside ``out`` (``.NAME.lock``)
stops a second run on the same folder (ReportError), partial folders of
runs that were killed are removed by the next run, and a failed write
(disk full, read-only) is a ReportError saying what could not be written.
``point_latest(out, run_date)`` moves the ``latest`` link beside ``out``,
never to an older run date than the one it points to.
"""
from __future__ import annotations

import fcntl
import os
import re
import shutil
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .errors import ReportError

DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
INDEX = "index.html"  # what makes a folder a report folder that a run may replace


@contextmanager
def _lock(path: Path, what: str, wait: bool = False) -> Iterator[None]:
    handle = open(path, "a")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except BlockingIOError:
        handle.close()
        raise ReportError(f"another report run is writing {what} (it holds {path}); "
                          "wait for it to finish or give another --out") from None
    try:
        yield
    finally:
        handle.close()  # closing releases the lock


def _check_replaceable(out: Path) -> None:
    if out.exists() and not (out.is_dir() and (not any(out.iterdir()) or (out / INDEX).is_file())):
        raise ReportError(f"{out} exists and is not a report folder (no {INDEX}); "
                          "give a new or empty folder, or a previous run's folder")


@contextmanager
def run_folder(out: Path) -> Iterator[Path]:
    """A work folder that replaces ``out`` when the block completes; see
    the module docstring."""
    out = Path(out).absolute()
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with _lock(out.parent / f".{out.name}.lock", str(out)):
            _check_replaceable(out)
            for stale in out.parent.glob(f".{out.name}.partial-*"):  # left by a run that was killed
                shutil.rmtree(stale, ignore_errors=True)
            work = out.parent / f".{out.name}.partial-{os.getpid()}"
            work.mkdir()
            try:
                yield work
                old = out.parent / f".{out.name}.old-{os.getpid()}"
                if out.exists():
                    os.rename(out, old)
                os.rename(work, out)
                shutil.rmtree(old, ignore_errors=True)
            finally:
                shutil.rmtree(work, ignore_errors=True)
    except OSError as err:
        where = f" ({err.filename})" if err.filename else ""
        raise ReportError(f"cannot write the report into {out}: {err.strerror or err}{where}; "
                          "nothing was changed there") from None


def point_latest(out: Path, run_date: str) -> Path | None:
    """When ``out`` is named after the run date, point ``latest`` beside it
    to ``out`` (a relative link, replaced atomically) unless it points to a
    newer run date; the link, or None when it was left alone."""
    out = Path(out).absolute()
    if out.name != run_date:
        return None
    latest = out.parent / "latest"
    with _lock(out.parent / ".latest.lock", str(latest), wait=True):
        current = os.readlink(latest) if latest.is_symlink() else ""
        if DATE.fullmatch(current) and current > run_date and (out.parent / current).is_dir():
            return None  # a backfill run: latest stays on the newer run
        temporary = out.parent / f".latest-{os.getpid()}"
        temporary.unlink(missing_ok=True)
        temporary.symlink_to(out.name, target_is_directory=True)
        os.replace(temporary, latest)
    return latest
