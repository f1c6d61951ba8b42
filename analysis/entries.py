"""Corpus folder -> one :class:`Entry` per file-system entry under it.

``corpus_entries(folder)`` walks the folder without recursion (any depth)
and never opens a file, so nothing blocks on a FIFO. Symbolic links are
followed: a linked folder is read once (a link back to a folder above it is a
loop; a second link to a folder already read is reported, not read again).
Every entry that is not a readable regular file is still an entry, with the
reason it cannot be read: broken link, link loop, FIFO, socket or device,
unlistable or non-searchable folder, hidden file or folder. Entries come
one at a time (a folder of millions of files is never one list), depth
first in name order, linked folders after the real ones; a name that is not
valid UTF-8 is shown with ``\\x`` escapes and says so in ``note``.
"""
from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Iterator, NamedTuple

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


def _is_link(path: Path) -> bool:
    try:
        return stat.S_ISLNK(os.lstat(path).st_mode)
    except OSError:
        return False


def _unstatable(path: Path, err: OSError) -> str:
    if _is_link(path):
        target = printable(os.readlink(path))
        if err.errno == errno.ELOOP:
            return f"symbolic link loop (-> {target})"
        if err.errno == errno.ENOENT:
            return f"broken symbolic link (-> {target}, which does not exist)"
    return f"cannot read ({err.strerror})"


def _entry(name: str, path: Path, reason: str | None = None) -> Entry:
    shown = printable(name)
    note = "file name is not valid UTF-8 (shown with \\x escapes)" if shown != name else None
    return Entry(shown, path, reason, note)


def corpus_entries(folder: Path) -> Iterator[Entry]:
    """Every entry under ``folder``, one at a time; see the module docstring.
    Depth first, each folder's entries in name order; linked folders after
    all real ones, so a link to a folder inside the corpus is the entry
    reported, not the folder. Holds one folder's sorted names per level."""
    top = Path(folder).resolve()
    around = {_key(p): str(p) for p in (top, *top.parents)}  # the folder and those that contain it
    read: dict[tuple[int, int], str] = {}  # folders read so far -> their name
    links: list[tuple[Path, str, tuple]] = [(Path(folder), "", ())]  # the folder itself, then linked ones
    stack: list[tuple[Path, str, tuple, Iterator[str]]] = []

    def enter(directory: Path, prefix: str, above: tuple) -> Entry | None:
        """Open a folder onto the stack, or the entry saying why it is not read."""
        if above:
            key = above[-1]
            if key in above[:-1] or key in around:
                return _entry(prefix[:-1], directory, "symbolic link loop (-> folder "
                              f"'{read.get(key) or around[key]}', which contains it)")
            if key in read:
                return _entry(prefix[:-1], directory, f"link to a folder already read ('{read[key]}')")
            read[key] = printable(prefix[:-1])
        try:
            names = sorted(os.listdir(directory))
        except OSError as err:
            return _entry(prefix[:-1] or ".", directory, f"cannot list folder ({err.strerror})")
        stack.append((directory, prefix, above, iter(names)))
        return None

    while links:
        refused = enter(*links.pop(0))
        if refused:
            yield refused
        while stack:
            directory, prefix, above, names = stack[-1]
            child = next(names, None)
            if child is None:
                stack.pop()
                continue
            name, path = prefix + child, directory / child
            try:
                status = os.stat(path)
            except OSError as err:
                yield _entry(name, path, _unstatable(path, err))
                continue
            is_folder = stat.S_ISDIR(status.st_mode)
            if child.startswith("."):
                yield _entry(name, path, HIDDEN.format("folder" if is_folder else "file"))
            elif is_folder and _is_link(path):
                links.append((path, name + "/", (*above, (status.st_dev, status.st_ino))))
            elif is_folder:
                refused = enter(path, name + "/", (*above, (status.st_dev, status.st_ino)))
                if refused:
                    yield refused
            elif not stat.S_ISREG(status.st_mode):
                yield _entry(name, path, f"not a regular file: {special_kind(status.st_mode)}")
            else:
                yield _entry(name, path)
