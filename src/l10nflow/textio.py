"""Reading articles from disk: decoding, BOM, and clear errors for bad input.

Articles are UTF-8 (a BOM is kept and restored on output). Anything else is
refused with one sentence that says what the file looks like and how to
convert it, unless the caller names the encoding explicitly.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from l10nflow.errors import InputError
from l10nflow.fsutil import read_input
from l10nflow.languages import PROFILES

_BOM = "\ufeff"
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# Control characters that do not occur in text files (tab, LF, CR, FF are fine).
_BINARY_CONTROLS = bytes([*range(0x00, 0x09), 0x0B, 0x0E, 0x0F, *range(0x10, 0x20)])
# Characters that must not travel from an article into PO files and terminals: C0 controls
# (tab, line feed, form feed, carriage return aside), DEL, C1 controls (NEL aside: a line
# break) and the bidi embeddings, overrides and isolates that can make text display other
# than it reads ("Trojan Source"). Marks such as RLM/LRM/ALM are fine.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f\x80-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069]")
# Codecs Python has that are not file encodings, or that decode hidden markup (UTF-7, escapes).
_REFUSED_ENCODINGS = frozenset(
    {"utf-7", "unicode-escape", "raw-unicode-escape", "punycode", "idna", "undefined"}
)


@dataclass(frozen=True)
class ArticleText:
    """The decoded text of an article, without its BOM, and whether it had one."""

    text: str
    bom: bool
    encoding: str

    def encode(self, text: str) -> bytes:
        """Encode ``text`` for writing as this article's translation (UTF-8, BOM kept)."""
        return ((_BOM if self.bom else "") + text).encode("utf-8")


def read_article(path: Path, encoding: str | None = None) -> ArticleText:
    """Read and decode an article; raise :class:`InputError` for unreadable input."""
    data = read_input(path, "file", limit="article")
    text = decode_article(data, path, encoding)
    bom = text.startswith(_BOM)
    if bom:
        text = text[1:]
    if not text.strip():
        raise InputError("article is empty", path=path)
    refuse_unsafe_characters(text, path)
    return ArticleText(text=text, bom=bom, encoding=check_encoding(encoding) or "utf-8")


def check_encoding(encoding: str | None, path: Path | None = None) -> str | None:
    """``encoding`` if it is a file encoding l10nflow reads; :class:`InputError` if not.

    UTF-7, ``unicode_escape``, ``punycode`` and the like are refused: they are not
    how articles are stored, and some turn escapes into markup.
    """
    if not encoding:
        return None
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        raise InputError(f"unknown encoding '{encoding}'", path=path) from None
    if info.name in _REFUSED_ENCODINGS or not getattr(info, "_is_text_encoding", True):
        raise InputError(
            f"encoding '{encoding}' is not supported for files (use e.g. utf-8, utf-16, "
            "windows-1256)",
            path=path,
        )
    return encoding


def refuse_unsafe_characters(text: str, path: Path | None) -> None:
    """Refuse text holding control characters or bidi overrides, naming the first one's line."""
    found = _UNSAFE.search(text)
    if found is None:
        return
    line = text.count("\n", 0, found.start()) + 1
    char = found.group()
    raise InputError(
        f"contains the control character U+{ord(char):04X}, which is not text (a "
        "terminal escape, NUL or a bidi override that can disguise text); remove it",
        path=path,
        line=line,
    )


def decode_article(data: bytes, path: Path, encoding: str | None = None) -> str:
    """Decode bytes as ``encoding`` (default UTF-8), explaining what a failure looks like."""
    check_encoding(encoding, path)
    if encoding and encoding.lower().replace("_", "-") not in ("utf-8", "utf8"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            raise InputError(f"not valid {encoding}", path=path, line=line) from None
    if data.startswith(_UTF16_BOMS) or _looks_utf16(data):
        raise InputError(
            "file is UTF-16, not UTF-8; convert it with `iconv -f UTF-16 -t UTF-8` "
            "or pass --encoding utf-16",
            path=path,
        )
    if _looks_binary(data):
        raise InputError("binary file, not a text article", path=path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        guess = guess_legacy_encoding(data)
        raise InputError(
            f"not UTF-8 (looks like {guess}); convert it with "
            f"`iconv -f {guess} -t UTF-8` or pass --encoding {guess}",
            path=path,
            line=line,
        ) from None


def _looks_utf16(data: bytes) -> bool:
    sample = data[:4096]
    if len(sample) < 4:
        return False
    zeros_even = sample[0::2].count(0)
    zeros_odd = sample[1::2].count(0)
    half = len(sample) / 2
    return max(zeros_even, zeros_odd) > 0.3 * half and min(zeros_even, zeros_odd) < 0.05 * half


def _looks_binary(data: bytes) -> bool:
    """NUL anywhere, or more than 1 % control bytes (counted in C over the whole file)."""
    if b"\x00" in data:
        return True
    controls = len(data) - len(data.translate(None, _BINARY_CONTROLS))
    return controls > max(8, len(data) // 100)


def guess_legacy_encoding(data: bytes) -> str:
    """Windows-1256 when the high bytes read as Arabic letters, else Windows-1252."""
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        return "windows-1252"
    arabic = len(PROFILES["ar"].script_pattern.findall(text))
    high = sum(1 for byte in data if byte >= 0x80)
    return "windows-1256" if high and arabic >= high * 0.6 else "windows-1252"
