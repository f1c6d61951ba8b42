"""Bytes of an input file -> Unicode text, with the encoding that was used.

``decode_bytes(data)`` accepts UTF-8 (with or without BOM), UTF-16 (with a
BOM, or without one when it reads as Arabic) and legacy Windows-1256 Arabic;
trailing or very rare NUL bytes are dropped with a warning. It returns a :class:`Decoded` (text with
CRLF/CR normalized to LF, encoding name, warning or None) or raises
:class:`UndecodableInput` saying why the bytes cannot be read as text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

ARABIC_LETTER = re.compile(r"[\u0621-\u064A\u0671-\u06D3\uFB50-\uFDFF\uFE70-\uFEFC]")
LETTER = re.compile(r"[^\W\d_]")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
MAGIC = {
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (or .docx/.xlsx)",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "a gzip archive",
    b"\xd0\xcf\x11\xe0": "an old Office document",
}
# Share of bytes that may be replaced in a mostly valid UTF-8 file.
MAX_BAD_UTF8 = 0.01


class UndecodableInput(ValueError):
    """The bytes are empty, binary or in no supported encoding."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    warning: str | None = None


def arabic_share(text: str) -> float:
    """Share of letters in ``text`` that are Arabic (0.0 for no letters)."""
    letters = len(LETTER.findall(text))
    return len(ARABIC_LETTER.findall(text)) / letters if letters else 0.0


def normalize_newlines(text: str) -> str:
    """CRLF and lone CR -> LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_bytes(data: bytes) -> Decoded:
    """Decode one file's bytes; see the module docstring."""
    if not data.strip():
        raise UndecodableInput("empty file" if not data else "file holds only whitespace")
    if data.startswith(b"\xef\xbb\xbf"):
        return _finish(data[3:], "utf-8-sig")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return Decoded(normalize_newlines(data.decode("utf-16")), "utf-16", "decoded as UTF-16 (BOM)")
        except UnicodeDecodeError as err:
            raise UndecodableInput(f"UTF-16 BOM but invalid UTF-16 at byte {err.start}") from None
    for magic, kind in MAGIC.items():
        if data.startswith(magic):
            raise UndecodableInput(f"binary file: {kind}")
    if b"\x00" in data:
        return _with_nul(data)
    return _finish(data, "utf-8")


def _with_nul(data: bytes) -> Decoded:
    """Bytes with NULs: UTF-16 without a BOM when they read as Arabic that
    way; NULs that only pad the end, or one in a thousand bytes at most,
    are dropped with a warning; else binary."""
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if arabic_share(text) >= 0.5 and not CONTROL.search(text):
            return Decoded(normalize_newlines(text), encoding, f"decoded as {encoding.upper()} (no BOM)")
    count, first = data.count(0), data.find(0)
    trailing = not data.rstrip(b"\x00").count(0)  # padding some download tools leave
    if not trailing and count > 0.001 * len(data):
        raise UndecodableInput(f"binary file: {count} NUL bytes (first at offset {first})")
    decoded = _finish(data.replace(b"\x00", b""), "utf-8")
    warning = f"{count} NUL byte(s) removed (first at offset {first})"
    return Decoded(decoded.text, decoded.encoding, "; ".join(filter(None, (warning, decoded.warning))))


def _finish(data: bytes, encoding: str) -> Decoded:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        return _fallback(data, err)
    _reject_control(text)
    return Decoded(normalize_newlines(text), encoding)


def _fallback(data: bytes, err: UnicodeDecodeError) -> Decoded:
    """Not valid UTF-8: a few bad bytes in UTF-8 Arabic are replaced; else
    Windows-1256 if that reads as Arabic; else the file is undecodable. The
    order matters: UTF-8 Arabic read as Windows-1256 also looks Arabic (ظˆ)."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if bad <= MAX_BAD_UTF8 * len(data) and arabic_share(text) >= 0.5:
        _reject_control(text)
        return Decoded(
            normalize_newlines(text),
            "utf-8",
            f"{bad} undecodable byte(s) replaced with U+FFFD (first at byte {err.start})",
        )
    legacy = data.decode("cp1256", errors="replace")
    if "\ufffd" not in legacy and not CONTROL.search(legacy) and arabic_share(legacy) >= 0.5:
        return Decoded(normalize_newlines(legacy), "cp1256", "decoded as Windows-1256 (legacy Arabic encoding), not UTF-8")
    raise UndecodableInput(
        f"not UTF-8 (invalid byte 0x{data[err.start]:02x} at offset {err.start}) "
        "and not Windows-1256 Arabic"
    )


def _reject_control(text: str) -> None:
    controls = CONTROL.findall(text)
    if len(controls) > max(2, 0.001 * len(text)):
        raise UndecodableInput(f"binary file: {len(controls)} control characters")
