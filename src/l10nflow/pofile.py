"""PO files on disk: strict reading and gettext-compatible writing.

polib holds the data; this module adds what polib lacks: syntax checking at
GNU msgfmt strictness (polib accepts an unterminated string, msgfmt does not),
errors with line numbers, and output that GNU ``msgcat --no-wrap`` leaves
byte-identical (strings unwrapped, ``#:`` references wrapped at 79 columns the
way gettext does, no ``fuzzy`` flag on an untranslated entry).
"""

from __future__ import annotations

import re
from pathlib import Path

import polib

from l10nflow.errors import CatalogError
from l10nflow.fsutil import atomic_write_bytes, deferred_signals, read_input

_PAGE_WIDTH = 79
_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)[ \t]+(.*)$")
_STRING = re.compile(r'"(?:[^"\\]|\\(?:[\\"ntrabfv?\']|[0-7]{1,3}|x[0-9A-Fa-f]+))*"[ \t]*$')
_CHARSET = re.compile(rb"charset=([A-Za-z0-9_.:-]+)")

# What may follow each keyword within one entry (None: start of an entry).
_NEXT = {
    None: {"msgctxt", "msgid"},
    "msgctxt": {"msgid"},
    "msgid": {"msgid_plural", "msgstr"},
    "msgid_plural": {"msgstr[]"},
    "msgstr": {"msgctxt", "msgid"},
    "msgstr[]": {"msgstr[]", "msgctxt", "msgid"},
}


def read_po(path: Path) -> polib.POFile:
    """Parse a PO file, raising :class:`CatalogError` with a line number on any error."""
    return parse_po(read_input(path, "catalog", CatalogError), path)


def parse_po(data: bytes, path: Path) -> polib.POFile:
    """Parse PO bytes (see :func:`read_po`)."""
    if not data.strip():
        raise CatalogError("catalog is empty", path=path)
    match = _CHARSET.search(data[:4096])
    charset = match.group(1).decode("ascii") if match else "utf-8"
    if charset.upper() == "CHARSET":
        charset = "utf-8"
    try:
        text = data.decode(charset)
    except LookupError:
        raise CatalogError(f"unknown charset '{charset}' in header", path=path) from None
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise CatalogError(f"not valid {charset}", path=path, line=line) from None
    check_syntax(text, path)
    try:
        return polib.pofile(text, wrapwidth=0)
    except (OSError, ValueError) as error:
        found = re.search(r"line (\d+)", str(error))
        line = int(found.group(1)) if found else None
        raise CatalogError("syntax error", path=path, line=line) from None


def check_syntax(text: str, path: Path) -> None:
    """Reject what GNU msgfmt rejects: bad keywords, strings, escapes and entry order."""
    state: dict[bool, str | None] = {False: None, True: None}  # per obsolete/active stream
    in_string_field: dict[bool, bool] = {False: False, True: False}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
            if line.startswith("|"):
                continue  # previous msgid of an obsolete entry
        elif not line or line.startswith("#"):
            if line.startswith("#|"):
                _check_previous(line[2:].strip(), path, number)
            elif not line:
                in_string_field[False] = False
            continue
        if not line:
            continue
        if line.startswith('"'):
            if not in_string_field[obsolete]:
                raise CatalogError("string without a keyword before it", path=path, line=number)
            _check_string(line, path, number)
            continue
        keyword = _KEYWORD.match(line)
        if not keyword:
            raise CatalogError(f"unknown keyword: {line.split()[0]!r}", path=path, line=number)
        name = "msgstr[]" if keyword.group(2) is not None else keyword.group(1)
        if name not in _NEXT[state[obsolete]]:
            expected = " or ".join(sorted(k.replace("[]", "[N]") for k in _NEXT[state[obsolete]]))
            raise CatalogError(f"expected {expected} before {name}", path=path, line=number)
        _check_string(keyword.group(3).strip(), path, number)
        state[obsolete] = name
        in_string_field[obsolete] = True
    for obsolete, last in state.items():
        if last in ("msgctxt", "msgid", "msgid_plural"):
            kind = "obsolete entry" if obsolete else "entry"
            raise CatalogError(f"{kind} without msgstr at end of file", path=path)


def _check_previous(line: str, path: Path, number: int) -> None:
    keyword = _KEYWORD.match(line)
    _check_string(keyword.group(3).strip() if keyword else line, path, number)


def _check_string(literal: str, path: Path, number: int) -> None:
    if not literal.startswith('"'):
        raise CatalogError("expected a quoted string", path=path, line=number)
    if "\\" not in literal:  # no escapes (most strings): quotes at both ends and nowhere else
        closed = literal.rstrip(" \t")
        if len(closed) > 1 and closed.endswith('"') and closed.count('"') == 2:
            return
    if not _STRING.match(literal):
        reason = "unterminated string" if not _closes(literal) else "invalid escape in string"
        raise CatalogError(reason, path=path, line=number)


def _closes(literal: str) -> bool:
    body = literal[1:]
    escaped = False
    for char in body:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == '"':
            return True
    return False


def format_po(catalog: polib.POFile) -> str:
    """Serialise a catalog the way ``msgcat --no-wrap`` would write it."""
    for entry in catalog:
        if not entry.msgstr and not any(entry.msgstr_plural.values()) and "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    catalog.wrapwidth = 0
    lines = []
    for line in str(catalog).split("\n"):
        if line.startswith("#: "):
            lines.extend(wrap_references(line[3:].split(" ")))
        else:
            lines.append(line)
    text = "\n".join(lines)
    return text if text.endswith("\n") else text + "\n"


def wrap_references(references: list[str]) -> list[str]:
    """``#:`` lines as gettext wraps them: a new line when the next one would pass column 79."""
    lines: list[str] = []
    current = "#:"
    for reference in references:
        if current != "#:" and len(current) + 1 + len(reference) > _PAGE_WIDTH:
            lines.append(current)
            current = "#:"
        current += " " + reference
    lines.append(current)
    return lines


def po_bytes(catalog: polib.POFile) -> bytes:
    """The UTF-8 bytes :func:`write_po` writes for ``catalog``."""
    return format_po(catalog).encode("utf-8")


def write_po_bytes(data: bytes, path: Path) -> bool:
    """Write atomically (signals wait for the write); False, touching nothing, if unchanged."""
    try:
        if path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except OSError:
        pass
    with deferred_signals():
        atomic_write_bytes(path, data)
    return True


def write_po(catalog: polib.POFile, path: Path) -> bool:
    """Write a catalog atomically; return False (and touch nothing) when the bytes are the same."""
    return write_po_bytes(po_bytes(catalog), path)
