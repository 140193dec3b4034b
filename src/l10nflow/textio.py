"""Reading articles from disk: decoding, BOM, and clear errors for bad input.

Articles are UTF-8 (a BOM is kept and restored on output). Anything else is
refused with one sentence that says what the file looks like and how to
convert it, unless the caller names the encoding explicitly.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from l10nflow.errors import InputError
from l10nflow.fsutil import read_input

_BOM = "\ufeff"
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# Control characters that do not occur in text files (tab, LF, CR, FF are fine).
_BINARY_CONTROLS = frozenset(range(0x00, 0x09)) | {0x0B, 0x0E, 0x0F} | frozenset(range(0x10, 0x20))


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
    data = read_input(path, "file")
    text = decode_article(data, path, encoding)
    bom = text.startswith(_BOM)
    if bom:
        text = text[1:]
    if not text.strip():
        raise InputError("article is empty", path=path)
    return ArticleText(text=text, bom=bom, encoding=encoding or "utf-8")


def decode_article(data: bytes, path: Path, encoding: str | None = None) -> str:
    """Decode bytes as ``encoding`` (default UTF-8), explaining what a failure looks like."""
    if encoding and encoding.lower().replace("_", "-") not in ("utf-8", "utf8"):
        try:
            return data.decode(encoding)
        except LookupError:
            raise InputError(f"unknown encoding '{encoding}'", path=path) from None
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
        guess = _guess_legacy_encoding(data)
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
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if byte in _BINARY_CONTROLS)
    return controls > max(8, len(sample) // 100)


def _guess_legacy_encoding(data: bytes) -> str:
    """Windows-1256 when the high bytes read as Arabic letters, else Windows-1252."""
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        return "windows-1252"
    arabic = sum(1 for ch in text if "\u0600" <= ch <= "\u06ff")
    high = sum(1 for byte in data if byte >= 0x80)
    return "windows-1256" if high and arabic >= high * 0.6 else "windows-1252"
