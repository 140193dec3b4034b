"""PO string wrapping exactly as GNU gettext writes it (``msgcat``, ``msgmerge``, Poedit).

gettext's ``write-po.c`` cuts a string after each embedded ``\\n``, then wraps each
piece at 79 columns at the Unicode line-break opportunities (UAX #14, here from
:mod:`uniseg`), never inside an escape sequence and never just before a final
``\\n``; when the first line would need a break, or more pieces follow, the field
starts with an empty string (``msgid ""``). Widths are display columns (wide
characters 2, combining marks 0). Writing what gettext writes makes a save by
Poedit or a pass of ``msgcat`` a byte-for-byte no-op.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

PAGE_WIDTH = 79
_NO_WRAP = 1 << 30

# One unit of an escaped PO string: an escape sequence or one character.
_UNIT = re.compile(r"\\.|.", re.DOTALL)
_FIELD = re.compile(r'^(#~\| |#~ |#\| )?(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) "(.*)"$')
_CONTINUATION = re.compile(r'^(#~\| |#~ |#\| )?"(.*)"$')


def wrap_po_text(text: str, width: int = PAGE_WIDTH) -> str:
    """Rewrap every string field of PO ``text`` (as polib writes it) the way gettext does.

    ``width`` 0 writes each field on one line (``msgcat --no-wrap``).
    """
    lines = text.split("\n")
    out: list[str] = []
    index = 0
    while index < len(lines):
        field = _FIELD.match(lines[index])
        if field is None:
            out.append(lines[index])
            index += 1
            continue
        prefix, name, content = field.group(1) or "", field.group(2), field.group(3)
        index += 1
        while index < len(lines):
            more = _CONTINUATION.match(lines[index])
            if more is None or (more.group(1) or "") != prefix:
                break
            content += more.group(2)
            index += 1
        out.extend(wrap_field(prefix, name, content, width))
    return "\n".join(out)


def wrap_field(prefix: str, name: str, escaped: str, width: int = PAGE_WIDTH) -> list[str]:
    """The lines of one field (``msgid "…"``) whose escaped content is ``escaped``."""
    if width <= 0:
        width = _NO_WRAP  # still one line per embedded \n, as msgcat --no-wrap writes
    if "\\" not in escaped and (width >= _NO_WRAP or _fits(prefix, name, escaped, width)):
        return [f'{prefix}{name} "{escaped}"']  # nothing to break: one line
    units = _UNIT.findall(escaped)
    portions: list[list[str]] = []
    current: list[str] = []
    for unit in units:
        current.append(unit)
        if unit == "\\n":
            portions.append(current)
            current = []
    if current or not portions:
        portions.append(current)
    after_break = len(prefix) + 1  # the opening quote of a continuation line
    room = width - 1 - after_break  # the closing quote takes a column
    lines: list[str] = []
    first = True
    for number, portion in enumerate(portions):
        start = len(prefix) + len(name) + 2 - after_break if first else 0
        breaks = _breaks(tuple(portion), room, start)
        if first and portion and (number < len(portions) - 1 or start > room or breaks):
            lines.append(f'{prefix}{name} ""')
            first = False
            breaks = _breaks(tuple(portion), room, 0)
        pieces = _split(portion, breaks)
        for piece in pieces:
            head = f"{prefix}{name} " if first else prefix
            lines.append(f'{head}"{piece}"')
            first = False
    return lines


def _fits(prefix: str, name: str, escaped: str, width: int) -> bool:
    """Whether a field without escapes stays on one line (wide characters count twice)."""
    room = width - len(prefix) - len(name) - 3  # the space and both quotes
    return len(escaped) * 2 <= room or (
        len(escaped) <= room and sum(_width(char) for char in escaped) <= room
    )


def _split(units: list[str], breaks: list[int]) -> list[str]:
    pieces, start = [], 0
    for cut in breaks:
        pieces.append("".join(units[start:cut]))
        start = cut
    pieces.append("".join(units[start:]))
    return pieces


@lru_cache(maxsize=4096)
def _breaks(units: tuple[str, ...], width: int, start_column: int) -> list[int]:
    """Unit indexes before which a line breaks (libunistring's ``u8_width_linebreaks``)."""
    if not units:
        return []
    library = _libunistring()
    if library is not None:
        return _gnu_breaks(library, units, width, start_column)
    text = "".join(units)
    possible = _possible_breaks(text)
    # Map character positions to units; no break inside an escape (\" \\ \n …), nor before
    # the backslash of a final \n.
    position = 0
    allowed: list[bool] = []
    for unit in units:
        allowed.append(position in possible)
        position += len(unit)
    if units[-1] == "\\n":
        allowed[-1] = False
    chosen: list[int] = []
    last: int | None = None
    column = start_column
    piece = 0
    for number, unit in enumerate(units):
        if allowed[number] and number > 0:
            if last is not None and column + piece > width:
                chosen.append(last)
                column = 0
            last = number
            column += piece
            piece = 0
        piece += sum(_width(char) for char in unit)
    if last is not None and column + piece > width:
        chosen.append(last)
    return chosen


_UNDEFINED, _PROHIBITED, _POSSIBLE = 0, 1, 2  # libunistring's UC_BREAK_* values
_POSSIBLE_BYTE = re.compile(bytes([_POSSIBLE]))


@lru_cache(maxsize=1)
def _libunistring():
    """GNU libunistring, the library gettext itself wraps with, when the system has it."""
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("unistring")
    if name is None:
        return None
    try:
        library = ctypes.CDLL(name)
        library.u32_width_linebreaks.restype = ctypes.c_int
    except (OSError, AttributeError):
        return None
    return library


def _gnu_breaks(library, units: tuple[str, ...], width: int, start_column: int) -> list[int]:
    """gettext's own call (``ulc_width_linebreaks``, here on UTF-32) with its overrides."""
    import ctypes
    from itertools import accumulate

    text = "".join(units)
    count = len(text)
    overrides = bytearray(count)  # _UNDEFINED
    starts = list(accumulate(map(len, units), initial=0))[:-1]
    for number, unit in enumerate(units):
        if len(unit) == 2:  # an escape: never a break between its backslash and its letter
            overrides[starts[number] + 1] = _PROHIBITED
    if units[-1] == "\\n":
        overrides[starts[-1]] = _PROHIBITED  # never just before a final \n
    data = text.encode("utf-32-le", "surrogatepass")
    result = ctypes.create_string_buffer(count)
    library.u32_width_linebreaks(
        data, count, width, start_column, 0, bytes(overrides), b"UTF-8", result
    )
    unit_at = dict(zip(starts, range(len(units)), strict=True))
    found = (m.start() for m in _POSSIBLE_BYTE.finditer(result.raw))
    return [unit_at[i] for i in found if i in unit_at]


def _possible_breaks(text: str) -> set[int]:
    """Character offsets (not 0) before which UAX #14 allows a line break."""
    from uniseg.linebreak import line_break_boundaries

    return {b for b in line_break_boundaries(text) if 0 < b < len(text)}


def _width(char: str) -> int:
    """Display columns of a character, as libunistring's ``uc_width`` counts them."""
    category = unicodedata.category(char)
    if category in ("Cc", "Mn", "Me", "Cf", "Zl", "Zp"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
