"""PO files on disk: strict reading and gettext-compatible writing.

polib holds the data; this module adds what polib lacks: syntax checking at
GNU msgfmt strictness (polib accepts an unterminated string, msgfmt does not),
errors with line numbers, and output that GNU ``msgcat`` (and ``msgmerge``,
``msgattrib``, a Poedit save) leaves byte-identical: strings wrapped at 79
columns exactly as gettext wraps them (or unwrapped, as ``msgcat --no-wrap``
writes, with ``[catalog] wrap = 0``), ``#:`` references wrapped as gettext does,
no ``fuzzy`` flag on an untranslated entry.
"""

from __future__ import annotations

import re
from pathlib import Path

import polib

from l10nflow.errors import CatalogError, InputError
from l10nflow.fsutil import atomic_write_bytes, deferred_signals, read_input
from l10nflow.powrap import PAGE_WIDTH, wrap_po_text

_PAGE_WIDTH = 79
_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)(?=[\s\"])\s*(.*)$")
_LITERAL = re.compile(r'"((?:[^"\\]|\\.)*)"')
_ESCAPE = re.compile(r"\\(?:([0-7]{1,3})|x([0-9A-Fa-f]+)|(.))|([^\\]+)", re.DOTALL)
_SIMPLE_ESCAPES = frozenset('ntrbfv\\"')  # polib reads these itself
_CHARSET = re.compile(rb"charset=([A-Za-z0-9_.:-]+)")
_NPLURALS = re.compile(r"nplurals\s*=\s*(\d+)")
_POLIB_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}
_POLIB_ESCAPES |= {"\v": "\\v", "\b": "\\b", "\f": "\\f"}

# What may follow each keyword within one entry (None: start of an entry).
_NEXT = {
    None: {"msgctxt", "msgid"},
    "msgctxt": {"msgid"},
    "msgid": {"msgid_plural", "msgstr"},
    "msgid_plural": {"msgstr[]"},
    "msgstr": {"msgctxt", "msgid"},
    "msgstr[]": {"msgstr[]", "msgctxt", "msgid"},
}


def read_po(path: Path, *, allow_duplicates: bool = False) -> polib.POFile:
    """Parse a PO file, raising :class:`CatalogError` with a line number on any error."""
    data = read_input(path, "catalog", CatalogError, limit="catalog")
    return parse_po(data, path, allow_duplicates=allow_duplicates)


def parse_po(data: bytes, path: Path, *, allow_duplicates: bool = False) -> polib.POFile:
    """Parse PO bytes at GNU msgfmt strictness (see :func:`read_po`).

    Accepts what msgfmt accepts and polib alone does not (several strings on
    one line, no space after a keyword, octal and hex escapes, lines broken
    only at line feeds so that U+2028 or NEL inside a string is data), and
    refuses what msgfmt refuses: bad keywords, strings and escapes (``\\?``),
    entries out of order, plural forms with wrong indexes, and (unless
    ``allow_duplicates``, which ``check`` uses to report them itself) two
    definitions of one message, the header included.
    """
    if not data.strip():
        raise CatalogError("catalog is empty", path=path)
    charset = _declared_charset(data, path)
    try:
        text = data.decode(charset)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise CatalogError(f"not valid {charset}", path=path, line=line) from None
    lines = normalized_lines(text, path, charset)
    parser = polib._POFileParser("", encoding="utf-8", check_for_duplicates=False, klass=None)
    parser.fhandle = lines
    try:
        catalog = parser.parse()
    except (OSError, ValueError) as error:
        found = re.search(r"line (\d+)", str(error))
        line = int(found.group(1)) if found else None
        raise CatalogError("syntax error", path=path, line=line) from None
    catalog.wrapwidth = 0
    _check_entries(catalog, path, allow_duplicates)
    return catalog


def _declared_charset(data: bytes, path: Path) -> str:
    from l10nflow.textio import check_encoding

    match = _CHARSET.search(data[:4096])
    charset = match.group(1).decode("ascii") if match else "utf-8"
    if charset.upper() == "CHARSET":
        return "utf-8"
    try:
        check_encoding(charset)
    except InputError:
        raise CatalogError(
            f"unknown or unsupported charset '{charset}' in header", path=path
        ) from None
    return charset


def check_syntax(text: str, path: Path) -> None:
    """Reject what GNU msgfmt rejects: bad keywords, strings, escapes and entry order."""
    normalized_lines(text, path, "utf-8")


def normalized_lines(text: str, path: Path, charset: str = "utf-8") -> list[str]:
    """The lines of a PO text as polib reads them, checked at msgfmt strictness.

    Lines end at line feeds only. Each keyword or continuation line becomes one
    string literal in polib's dialect: several literals are joined, octal and
    hex escapes are decoded (their bytes in ``charset``), ``\\a`` becomes the
    BEL character (:func:`format_po` writes it back as ``\\a``).
    """
    state: dict[bool, str | None] = {False: None, True: None}  # per obsolete/active stream
    in_string_field: dict[bool, bool] = {False: False, True: False}
    lines: list[str] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.removesuffix("\r").strip(" \t\r\f\v")
        obsolete = line.startswith("#~")
        prefix = ""
        if obsolete:
            prefix, line = "#~ ", line[2:].strip(" \t")
            if line.startswith("|"):
                lines.append(raw)  # previous msgid of an obsolete entry
                continue
        elif not line or line.startswith("#"):
            if line.startswith("#|"):
                _check_previous(line[2:].strip(), path, number, charset)
            elif not line:
                in_string_field[False] = False
            lines.append(raw.removesuffix("\r"))
            continue
        if not line:
            lines.append("")
            continue
        if line.startswith('"'):
            if not in_string_field[obsolete]:
                raise CatalogError("string without a keyword before it", path=path, line=number)
            lines.append(prefix + _literal(line, path, number, charset))
            continue
        keyword = _KEYWORD.match(line)
        if not keyword:
            raise CatalogError(
                "a line that is no PO keyword, string or comment", path=path, line=number
            )
        name = "msgstr[]" if keyword.group(2) is not None else keyword.group(1)
        if name not in _NEXT[state[obsolete]]:
            expected = " or ".join(sorted(k.replace("[]", "[N]") for k in _NEXT[state[obsolete]]))
            raise CatalogError(f"expected {expected} before {name}", path=path, line=number)
        literal = _literal(keyword.group(3).strip(), path, number, charset)
        lines.append(f"{prefix}{keyword.group(1)} {literal}")
        state[obsolete] = name
        in_string_field[obsolete] = True
    for obsolete, last in state.items():
        if last in ("msgctxt", "msgid", "msgid_plural"):
            kind = "obsolete entry" if obsolete else "entry"
            raise CatalogError(f"{kind} without msgstr at end of file", path=path)
    return lines


def _check_previous(line: str, path: Path, number: int, charset: str) -> None:
    keyword = _KEYWORD.match(line)
    _literal(keyword.group(3).strip() if keyword else line, path, number, charset)


def _literal(source: str, path: Path, number: int, charset: str) -> str:
    """One or more string literals (``"a" "b"``) as one literal in polib's dialect."""
    if not source.startswith('"'):
        raise CatalogError("expected a quoted string", path=path, line=number)
    parts: list[str] = []
    position = 0
    while position < len(source):
        found = _LITERAL.match(source, position)
        if found is None:
            reason = "unterminated string" if not _closes(source[position:]) else "bad string"
            raise CatalogError(reason, path=path, line=number)
        parts.append(found.group(1))
        position = found.end()
        while position < len(source) and source[position] in " \t":
            position += 1
        if position < len(source) and source[position] != '"':
            raise CatalogError("text after the string", path=path, line=number)
    body = "".join(parts)
    if "\\" not in body:
        return f'"{body}"'
    return '"' + _polib_body(body, path, number, charset) + '"'


def _polib_body(body: str, path: Path, number: int, charset: str) -> str:
    """A literal's body with every escape polib does not know decoded (see normalized_lines)."""
    out: list[str] = []
    pending = bytearray()

    def flush() -> None:
        if pending:
            try:
                decoded = bytes(pending).decode(charset)
            except UnicodeDecodeError:
                raise CatalogError(
                    f"escaped bytes are not valid {charset}", path=path, line=number
                ) from None
            out.append("".join(_POLIB_ESCAPES.get(char, char) for char in decoded))
            pending.clear()

    for octal, hexa, simple, plain in _ESCAPE.findall(body):
        if octal or hexa:
            value = int(octal, 8) if octal else int(hexa, 16)
            if value > 0xFF:
                raise CatalogError("escape out of range", path=path, line=number)
            pending.append(value)
            continue
        flush()
        if plain:
            out.append(plain)
        elif simple in _SIMPLE_ESCAPES:
            out.append("\\" + simple)
        elif simple == "a":
            out.append("\a")
        else:
            raise CatalogError("invalid escape in string", path=path, line=number)
    flush()
    return "".join(out)


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


def _check_entries(catalog: polib.POFile, path: Path, allow_duplicates: bool) -> None:
    """Plural indexes (0, 1, … and at most ``nplurals``) and, unless allowed, duplicates."""
    declared = _NPLURALS.search(catalog.metadata.get("Plural-Forms", ""))
    nplurals = int(declared.group(1)) if declared else None
    seen: dict[tuple[str | None, str], int] = {}
    for entry in catalog:
        if entry.msgid_plural:
            indexes = sorted(int(i) for i in entry.msgstr_plural)
            if indexes != list(range(len(indexes))):
                raise CatalogError("plural form has wrong index", path=path, line=entry.linenum)
            if nplurals is not None and len(indexes) > nplurals:
                raise CatalogError(
                    f"{len(indexes)} plural forms, but the header says nplurals={nplurals}",
                    path=path,
                    line=entry.linenum,
                )
        if entry.obsolete:
            continue
        if entry.msgid == "" and entry.msgctxt is None:
            raise CatalogError('duplicate header entry (msgid "")', path=path, line=entry.linenum)
        key = (entry.msgctxt, entry.msgid)
        if key in seen and not allow_duplicates:
            raise CatalogError(
                f"duplicate message definition (the first is at line {seen[key]}); "
                "merge or remove one",
                path=path,
                line=entry.linenum,
            )
        seen.setdefault(key, entry.linenum)


def format_po(catalog: polib.POFile, wrap: int = PAGE_WIDTH) -> str:
    """Serialise a catalog the way GNU ``msgcat`` writes it (always UTF-8).

    Strings are wrapped at ``wrap`` columns as gettext wraps them
    (:mod:`l10nflow.powrap`); ``wrap=0`` writes them unwrapped, as
    ``msgcat --no-wrap`` does. ``#:`` references are wrapped at 79 columns either way.
    """
    for entry in catalog:
        if not entry.msgstr and not any(entry.msgstr_plural.values()) and "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    content_type = catalog.metadata.get("Content-Type")
    if content_type is not None and not re.search(r"charset=utf-?8\b", content_type, re.I):
        catalog.metadata["Content-Type"] = (
            re.sub(r"charset=[^;\s]*", "charset=UTF-8", content_type)
            if "charset=" in content_type
            else "text/plain; charset=UTF-8"
        )
    catalog.wrapwidth = 0
    lines = []
    for line in str(catalog).split("\n"):
        if line.startswith("#: "):
            lines.extend(wrap_references(line[3:].split(" ")))
        elif "\a" in line and not line.startswith(("# ", "#.", "#,", "#:")):
            lines.append(line.replace("\a", "\\a"))  # BEL, as gettext writes it
        else:
            lines.append(line)
    text = wrap_po_text("\n".join(lines), wrap)
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


def po_bytes(catalog: polib.POFile, wrap: int = PAGE_WIDTH) -> bytes:
    """The UTF-8 bytes :func:`write_po` writes for ``catalog``."""
    return format_po(catalog, wrap).encode("utf-8")


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


def write_po(catalog: polib.POFile, path: Path, wrap: int = PAGE_WIDTH) -> bool:
    """Write a catalog atomically; return False (and touch nothing) when the bytes are the same."""
    return write_po_bytes(po_bytes(catalog, wrap), path)


def same_content(data: bytes, catalog: polib.POFile, path: Path) -> bool:
    """Whether PO ``data`` says what ``catalog`` says, whatever the line wrapping."""
    try:
        before = parse_po(data, path, allow_duplicates=True)
    except CatalogError:
        return False
    return format_po(before, 0) == format_po(catalog, 0)
