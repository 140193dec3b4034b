"""TMX 1.4b import and export of translation memory units.

Export writes one ``<tu>`` per unit: its time as ``changedate``, its document as
``<prop type="x-document">``, one ``<tuv xml:lang>`` with a ``<seg>`` for the
source and one for the target. Language codes are BCP 47 tags. The header's
``srclang`` is the one given, else the units' common source language, else
``*all*``; a unit whose source language differs from it carries its own
``srclang``. Text is escaped for XML (``&``, ``<``, ``>``, and carriage returns
as ``&#13;`` so that they survive XML line-end normalisation). XML 1.0 cannot
carry most C0 control characters (nor U+FFFE, U+FFFF, lone surrogates), even
escaped: a unit holding one is skipped, and :func:`write_tmx` returns how many
units it wrote so that the caller can warn about the rest.

Import reads TMX 1.1–1.4 (``xml:lang`` or the older ``lang``): a ``<tu>`` gives
one unit per target-language ``<tuv>``, its source being the ``<tuv>`` of the
tu's ``srclang``, else the header's, else (``*all*`` or none) its first
``<tuv>``; a tu without a source segment or a translation is skipped. Inline
elements of a ``<seg>`` (``bpt``, ``ept``, ``ph``, ``hi``…) are flattened to
their text, which for a ``plaintext`` memory is the original text. Parsing goes
through :mod:`defusedxml` and streams: entity declarations (billion laughs,
external entities) are refused with an :class:`InputError`; a DOCTYPE naming
an external DTD (``tmx14.dtd``) is allowed and never fetched.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from l10nflow import __version__
from l10nflow.errors import InputError
from l10nflow.fsutil import atomic_write_text
from l10nflow.textnorm import primary_lang
from l10nflow.tm.store import TMUnit, iso_time, language_tag
from l10nflow.xmlsafe import LineTrackingHandler, parse_xml, read_xml_bytes

__all__ = ["dump_tmx", "read_tmx", "write_tmx"]

ALL_LANGUAGES = "*all*"
DOCUMENT_PROP = "x-document"
_TMX_TIME = "%Y%m%dT%H%M%SZ"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTR_ESCAPES = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "\r": "&#13;",
        "\n": "&#10;",
        "\t": "&#9;",
    }
)


# --- writing ----------------------------------------------------------------------------


def dump_tmx(units: Iterable[TMUnit], *, source_lang: str | None = None) -> tuple[str, int]:
    """The units as a TMX 1.4b document, and how many were written (see the module doc)."""
    units = list(units)
    header_lang = _header_lang(units, source_lang)
    tus = [_tu(unit, header_lang) for unit in units if _xml_safe(unit)]
    header = _attributes(
        creationtool="l10nflow",
        creationtoolversion=__version__,
        segtype="sentence",
        **{"o-tmf": "PO"},
        adminlang="en",
        srclang=header_lang,
        datatype="plaintext",
        creationdate=datetime.now(UTC).strftime(_TMX_TIME),
    )
    text = "".join(
        [
            '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n',
            f"  <header{header}/>\n  <body>\n",
            *tus,
            "  </body>\n</tmx>\n",
        ]
    )
    return text, len(tus)


def write_tmx(units: Iterable[TMUnit], path: Path, *, source_lang: str | None = None) -> int:
    """Write the units as a TMX 1.4b file (atomically); returns how many were written."""
    text, written = dump_tmx(units, source_lang=source_lang)
    atomic_write_text(path, text)
    return written


def _header_lang(units: list[TMUnit], source_lang: str | None) -> str:
    if source_lang:
        return language_tag(source_lang)
    found = {language_tag(unit.source_lang) for unit in units}
    return found.pop() if len(found) == 1 else ALL_LANGUAGES


def _xml_safe(unit: TMUnit) -> bool:
    fields = (unit.source_lang, unit.target_lang, unit.source, unit.target, unit.document)
    return not any(_NOT_XML.search(value) for value in fields)


def _tu(unit: TMUnit, header_lang: str) -> str:
    source_lang, target_lang = language_tag(unit.source_lang), language_tag(unit.target_lang)
    attributes = {"changedate": _tmx_time(unit.changed)}
    if source_lang != header_lang:
        attributes["srclang"] = source_lang
    lines = [f"    <tu{_attributes(**attributes)}>\n"]
    if unit.document:
        lines.append(f'      <prop type="{DOCUMENT_PROP}">{_text(unit.document)}</prop>\n')
    for lang, text in ((source_lang, unit.source), (target_lang, unit.target)):
        lines.append(f'      <tuv xml:lang="{_attr(lang)}"><seg>{_text(text)}</seg></tuv>\n')
    lines.append("    </tu>\n")
    return "".join(lines)


def _attributes(**values: str | None) -> str:
    return "".join(f' {name}="{_attr(value)}"' for name, value in values.items() if value)


def _text(value: str) -> str:
    return value.translate(_TEXT_ESCAPES)


def _attr(value: str) -> str:
    return value.translate(_ATTR_ESCAPES)


def _tmx_time(iso: str) -> str | None:
    """An ISO 8601 time as TMX writes it (``20240501T120000Z``); None when unreadable."""
    try:
        moment = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime(_TMX_TIME)


def _iso_from_tmx(value: str) -> str:
    try:
        return iso_time(datetime.strptime(value.strip(), _TMX_TIME).replace(tzinfo=UTC))
    except ValueError:
        return ""


# --- reading ----------------------------------------------------------------------------


@dataclass
class _Tu:
    """A ``<tu>`` being read: its attributes, document and (language, text) variants."""

    attrs: dict[str, str]
    document: str = ""
    variants: list[tuple[str, str]] = field(default_factory=list)


class _TmxHandler(LineTrackingHandler):
    """Streams a TMX document into units, one ``<tu>`` at a time."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.units: list[TMUnit] = []
        self._depth = 0
        self._srclang = ""
        self._tu: _Tu | None = None
        self._lang = ""  # of the open <tuv>
        self._chunks: list[str] | None = None  # text of the open <seg> or document <prop>
        self._chunk_depth = 0
        self._in_prop = False

    def _error(self, message: str) -> InputError:
        return InputError(message, path=self.path, line=self.line or None)

    def startElement(self, name: str, attrs) -> None:
        self._depth += 1
        if self._depth == 1 and name != "tmx":
            raise self._error(f"not a TMX file: the root element is <{name}>, not <tmx>")
        if self._chunks is not None:
            self._chunk_depth += 1  # an inline element inside <seg>
        elif name == "header":
            self._srclang = attrs.get("srclang", "")
        elif name == "tu":
            self._tu = _Tu(dict(attrs.items()))
        elif self._tu is not None:
            self._start_in_tu(name, attrs)

    def _start_in_tu(self, name: str, attrs) -> None:
        if name == "tuv":
            lang = attrs.get("xml:lang") or attrs.get("lang")
            if not lang:
                raise self._error("<tuv> without xml:lang")
            self._lang = language_tag(lang)
        elif name == "seg" and self._lang:
            self._chunks = []
        elif name == "prop" and not self._lang and attrs.get("type") == DOCUMENT_PROP:
            self._chunks, self._in_prop = [], True

    def endElement(self, name: str) -> None:
        self._depth -= 1
        if self._chunks is not None and self._chunk_depth:
            self._chunk_depth -= 1
        elif self._chunks is not None and self._tu is not None:
            text, self._chunks = "".join(self._chunks), None
            if self._in_prop:
                self._tu.document, self._in_prop = text, False
            else:
                self._tu.variants.append((self._lang, text))
        elif name == "tuv":
            self._lang = ""
        elif name == "tu" and self._tu is not None:
            self.units.extend(self._tu_units(self._tu))
            self._tu = None

    def characters(self, content: str) -> None:
        if self._chunks is not None:
            self._chunks.append(content)

    def _tu_units(self, tu: _Tu) -> list[TMUnit]:
        variants = [(lang, text) for lang, text in tu.variants if text.strip()]
        source = _source_variant(variants, tu.attrs.get("srclang") or self._srclang)
        if source is None:
            return []
        changed = _iso_from_tmx(tu.attrs.get("changedate") or tu.attrs.get("creationdate") or "")
        document = tu.document or self.path.name
        return [
            TMUnit(source[0], lang, source[1], text, document, changed)
            for lang, text in variants
            if primary_lang(lang) != primary_lang(source[0])
        ]


def _source_variant(variants: list[tuple[str, str]], srclang: str) -> tuple[str, str] | None:
    """The source (language, text) of a tu, or None.

    The variant in ``srclang`` (same tag, else same primary language); the first
    variant when ``srclang`` is ``*all*`` or not given.
    """
    if not variants:
        return None
    if not srclang or srclang.lower() == ALL_LANGUAGES:
        return variants[0]
    wanted = language_tag(srclang)
    exact = [v for v in variants if v[0] == wanted]
    near = [v for v in variants if primary_lang(v[0]) == primary_lang(wanted)]
    return (exact or near or [None])[0]


def read_tmx(path: Path) -> list[TMUnit]:
    """The units of a TMX file; :class:`InputError` (with a line) for unreadable or bad XML."""
    path = Path(path)
    handler = _TmxHandler(path)
    parse_xml(read_xml_bytes(path, "TMX"), handler, path=path, kind="TMX")
    return handler.units
