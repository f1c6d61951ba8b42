"""Corpus folder -> one :class:`Entry` per file-system entry under it.

``corpus_entries(folder)`` walks the folder without recursion (any depth)
and never opens a file, so nothing blocks on a FIFO. Symbolic links are
followed: a linked folder is read once (a link back to a folder above it is a
loop; a second link to a folder already read is reported, not read again).
Every entry that is not a readable regular file is still an entry, with the
reason it cannot be read: broken link, link loop, FIFO, socket or device,
unlistable or non-searchable folder, hidden file or folder. Entries come
sorted by name; a name that is not valid UTF-8 is shown with ``\\x``
escapes and says so in ``note``.
"""
from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import NamedTuple

KINDS = {stat.S_ISFIFO: "a FIFO (named pipe)", stat.S_ISSOCK: "a socket", stat.S_ISCHR: "a character device",
         stat.S_ISBLK: "a block device"}
HIDDEN = "hidden {} (name starts with '.')"


class Entry(NamedTuple):
    name: str  # path relative to the folder, '/'-separated, printable
    path: Path
    reason: str | None = None  # why it cannot be read as a file; None for a regular file
    note: str | None = None  # a warning that does not stop reading (a name that is not UTF-8)


def printable(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 become ``\\xNN``."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def special_kind(mode: int) -> str | None:
    """What a non-regular, non-folder file is ('a FIFO (named pipe)', ...)."""
    return next((kind for test, kind in KINDS.items() if test(mode)), None)


def file_entry(name: str, path: Path) -> Entry:
    """The entry of one named file (a corpus file or a manifest), with the
    reason it cannot be read when it is missing or not a regular file."""
    try:
        kind = special_kind(os.stat(path).st_mode)
    except OSError as err:
        return _entry(name, path, f"cannot read ({err.strerror})")
    return _entry(name, path, f"not a regular file: {kind}" if kind else None)


def _key(path: Path) -> tuple[int, int]:
    status = os.stat(path)
    return status.st_dev, status.st_ino


def _unstatable(entry: os.DirEntry, err: OSError) -> str:
    if entry.is_symlink():
        target = printable(os.readlink(entry.path))
        if err.errno == errno.ELOOP:
            return f"symbolic link loop (-> {target})"
        if err.errno == errno.ENOENT:
            return f"broken symbolic link (-> {target}, which does not exist)"
    return f"cannot read ({err.strerror})"


def _entry(name: str, path: Path, reason: str | None = None) -> Entry:
    shown = printable(name)
    note = "file name is not valid UTF-8 (shown with \\x escapes)" if shown != name else None
    return Entry(shown, path, reason, note)


def corpus_entries(folder: Path) -> list[Entry]:
    """Every entry under ``folder``; see the module docstring. Real folders
    are read before linked ones, so a link to a folder inside the corpus is
    the entry reported, not the folder."""
    top = Path(folder).resolve()
    around = {_key(p): str(p) for p in (top, *top.parents)}  # the folder and those that contain it
    read: dict[tuple[int, int], str] = {}  # folders read so far -> their name
    pending, links, entries = [(Path(folder), "", ())], [], []
    while pending or links:
        directory, prefix, above = pending.pop() if pending else links.pop(0)
        if above:
            key = above[-1]
            if key in above[:-1] or key in around:
                entries.append(_entry(prefix[:-1], directory, "symbolic link loop (-> folder "
                                      f"'{read.get(key) or around[key]}', which contains it)"))
                continue
            if key in read:
                entries.append(_entry(prefix[:-1], directory, f"link to a folder already read ('{read[key]}')"))
                continue
            read[key] = printable(prefix[:-1])
        try:
            with os.scandir(directory) as listing:
                children = sorted(listing, key=lambda e: e.name)
        except OSError as err:
            entries.append(_entry(prefix[:-1] or ".", directory, f"cannot list folder ({err.strerror})"))
            continue
        folders = []
        for child in children:
            name, path = prefix + child.name, Path(child.path)
            try:
                status = os.stat(child.path)
            except OSError as err:
                entries.append(_entry(name, path, _unstatable(child, err)))
                continue
            is_folder = stat.S_ISDIR(status.st_mode)
            if child.name.startswith("."):
                entries.append(_entry(name, path, HIDDEN.format("folder" if is_folder else "file")))
            elif is_folder:
                below = (path, name + "/", (*above, (status.st_dev, status.st_ino)))
                (links if child.is_symlink() else folders).append(below)
            elif not stat.S_ISREG(status.st_mode):
                entries.append(_entry(name, path, f"not a regular file: {special_kind(status.st_mode)}"))
            else:
                entries.append(_entry(name, path))
        pending += reversed(folders)  # depth first, in name order
    return sorted(entries, key=lambda e: e.name)
