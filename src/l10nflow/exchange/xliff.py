"""XLIFF 1.2 writing, and reading of XLIFF 1.2 and 2.x, safely.

Writing (:func:`dump_xliff`). One ``<file>`` per PO catalog, whose ``original``
is the catalog's path in the project; a ``<trans-unit>`` per active, singular
entry (the header, obsolete and plural entries stay in the PO file only):

- ``id``: :func:`~l10nflow.exchange.model.unit_id`, a hash of ``msgctxt`` and ``msgid``;
- ``<source>`` the ``msgid``; ``<target>`` the ``msgstr`` with its state
  (:func:`xliff_state`): an empty entry has no target, machine translation is
  ``needs-review-translation`` / ``mt-suggestion``, a memory or kept suggestion
  ``needs-review-translation`` / ``leveraged-tm``, a reviewed entry
  ``translated`` with ``approved="yes"``;
- HTML inline tags become ``<g>``, ``<x/>`` (``<bx/>``/``<ex/>`` where they do not nest);
- ``#:`` references as ``po-reference`` location contexts, ``msgctxt`` as an
  ``x-po-msgctxt`` context (Translate Toolkit's conventions), the notes of
  :func:`~l10nflow.exchange.model.entry_notes` as ``<note from>``.

Reading (:func:`read_xliff`) takes XLIFF 1.0–1.2 and 2.x (the version
attribute decides) into the same :class:`XliffFile` model, through
:mod:`l10nflow.xmlsafe` (defusedxml: no entity declarations, no external
entities, no DTD fetched). In 2.x a unit's segments (and ignorables) are joined
back into one source and one target; its state is the least advanced of its
segments'. Anything that is not XLIFF of this shape is an :class:`InputError`
naming the file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import polib

from l10nflow import __version__
from l10nflow.catalog import source_language, target_language
from l10nflow.catalog_entry import EntryState, entry_state
from l10nflow.errors import InputError
from l10nflow.exchange.model import (
    REVIEWED_STATES,
    XliffFile,
    XliffUnit,
    attrs_xml,
    entry_notes,
    exported,
    inline_xml,
    text_xml,
    unit_id,
)
from l10nflow.tm.store import language_tag
from l10nflow.xmlsafe import LineTrackingHandler, parse_xml, read_xml_bytes

__all__ = ["dump_xliff", "parse_xliff", "read_xliff", "xliff_state"]

NAMESPACE = "urn:oasis:names:tc:xliff:document:1.2"
_STATES = {
    EntryState.MACHINE: ("needs-review-translation", "mt-suggestion"),
    EntryState.MEMORY: ("needs-review-translation", "leveraged-tm"),
    EntryState.REVIEWED: ("translated", ""),
}
_SHAPES = {
    "open": '<g id="{n}">',
    "close": "</g>",
    "start": '<bx id="{n}"/>',
    "end": '<ex id="{n}e" rid="{n}"/>',
    "void": '<x id="{n}"/>',
}


def xliff_state(state: EntryState) -> tuple[str, str]:
    """The XLIFF 1.2 ``state`` and ``state-qualifier`` of an entry state (empty: no target)."""
    return _STATES.get(state, ("", ""))


# --- writing ------------------------------------------------------------------------------


def dump_xliff(catalog: polib.POFile, original: str) -> tuple[str, int]:
    """The catalog as an XLIFF 1.2 document, and how many entries it holds.

    Entries holding characters that XML 1.0 cannot carry are left out (the
    count says how many went in); they stay in the PO file.
    """
    units = [_unit(entry) for entry in catalog if exported(entry)]
    file_attrs = attrs_xml(
        original=original,
        **{
            "source-language": language_tag(source_language(catalog)),
            "target-language": language_tag(target_language(catalog)),
        },
        datatype="po",
        **{"tool-id": "l10nflow"},
    )
    text = "".join(
        [
            '<?xml version="1.0" encoding="UTF-8"?>\n',
            f'<xliff version="1.2" xmlns="{NAMESPACE}">\n',
            f"  <file{file_attrs}>\n",
            "    <header>\n",
            f'      <tool tool-id="l10nflow" tool-name="l10nflow" tool-version="{__version__}"/>\n',
            "    </header>\n",
            "    <body>\n",
            *units,
            "    </body>\n",
            "  </file>\n",
            "</xliff>\n",
        ]
    )
    return text, len(units)


def _unit(entry: polib.POEntry) -> str:
    state, qualifier = xliff_state(entry_state(entry))
    approved = ("yes" if state in REVIEWED_STATES else "no") if state else None
    head = attrs_xml(id=unit_id(entry.msgctxt, entry.msgid), approved=approved)
    lines = [f'      <trans-unit{head} xml:space="preserve">\n']
    lines.append(f"        <source>{inline_xml(entry.msgid, _SHAPES)}</source>\n")
    if state:
        target_attrs = attrs_xml(state=state, **{"state-qualifier": qualifier})
        lines.append(
            f"        <target{target_attrs}>{inline_xml(entry.msgstr, _SHAPES)}</target>\n"
        )
    for reference, line in entry.occurrences:
        contexts = [("sourcefile", reference)] + ([("linenumber", line)] if line else [])
        lines.append(_context_group("po-reference", "location", contexts))
    if entry.msgctxt is not None:
        lines.append(_context_group("po-entry", "information", [("x-po-msgctxt", entry.msgctxt)]))
    for origin, note in entry_notes(entry):
        lines.append(f"        <note{attrs_xml(**{'from': origin})}>{text_xml(note)}</note>\n")
    lines.append("      </trans-unit>\n")
    return "".join(lines)


def _context_group(name: str, purpose: str, contexts: list[tuple[str, str]]) -> str:
    inner = "".join(
        f"<context{attrs_xml(**{'context-type': kind})}>{text_xml(value)}</context>"
        for kind, value in contexts
    )
    return (
        f"        <context-group{attrs_xml(name=name, purpose=purpose)}>{inner}</context-group>\n"
    )


# --- reading ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Dialect:
    """Where one XLIFF version keeps what the reader needs."""

    unit: str  # the unit element
    text_parents: frozenset[str]  # parents of <source>/<target>
    note_parent: str  # parent of <note>
    note_origin: str  # attribute saying who wrote a note
    state_on: str  # element carrying the state attribute
    inline: dict[str, str]  # inline element -> shape of its numbered tag
    number_attrs: tuple[str, ...]  # attributes giving an inline element's tag number
    annotations: frozenset[str]  # inline elements whose text is kept and markup dropped


_V1 = _Dialect(
    unit="trans-unit",
    text_parents=frozenset({"trans-unit"}),
    note_parent="trans-unit",
    note_origin="from",
    state_on="target",
    inline={"g": "pair", "x": "<{}/>", "bx": "<{}>", "ex": "</{}>"},
    number_attrs=("rid", "id"),
    annotations=frozenset({"mrk"}),
)
_V2 = _Dialect(
    unit="unit",
    text_parents=frozenset({"segment", "ignorable"}),
    note_parent="notes",
    note_origin="category",
    state_on="segment",
    inline={"pc": "pair", "ph": "<{}/>", "sc": "<{}>", "ec": "</{}>"},
    number_attrs=("startRef", "id"),
    annotations=frozenset({"mrk", "sm", "em"}),
)


def read_xliff(path: Path) -> list[XliffFile]:
    """The ``<file>`` elements of an XLIFF file; :class:`InputError` with a line if bad."""
    path = Path(path)
    return parse_xliff(read_xml_bytes(path, "XLIFF"), path)


def parse_xliff(data: bytes, path: Path) -> list[XliffFile]:
    """Parse XLIFF bytes (see :func:`read_xliff`)."""
    handler = _XliffHandler(path)
    parse_xml(data, handler, path=path, kind="XLIFF")
    if not handler.files:
        raise InputError("XLIFF file without a <file> element", path=path)
    return handler.files


def _local(name: str) -> str:
    return name.rsplit(":", 1)[-1]


class _XliffHandler(LineTrackingHandler):
    """Streams XLIFF 1.x or 2.x into :class:`XliffFile` objects."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.files: list[XliffFile] = []
        self._dialect = _V1
        self._languages = ("", "")  # 2.x: on the root
        self._stack: list[str] = []
        self._unit: XliffUnit | None = None
        self._ids: set[str] = set()
        self._field = ""  # "source", "target" or "note" while collecting text
        self._chunks: list[str] = []
        self._inline: list[tuple[str, int]] = []  # open inline elements (name, tag number)
        self._note_from = ""
        # 2.x: the segment being read, and the unit's parts
        self._segment: dict[str, str | None] = {}
        self._targets: list[str] = []
        self._states: list[str] = []
        self._incomplete = False
        self._translated = False  # a segment of the unit has a target

    def _error(self, message: str) -> InputError:
        return InputError(message, path=self.path, line=self.line or None)

    def startElement(self, name: str, attrs) -> None:
        local = _local(name)
        parent = self._stack[-1] if self._stack else None
        self._stack.append(local)
        dialect = self._dialect
        if parent is None:
            self._root(local, attrs)
        elif self._field:
            self._start_inline(local, attrs)
        elif local == "file" and parent == "xliff":
            self._start_file(attrs)
        elif local == dialect.unit:
            self._start_unit(attrs)
        elif self._unit is None:
            return
        elif local in dialect.text_parents and dialect is _V2:
            self._segment = {"kind": local, "source": "", "target": None}
            if local == "segment":
                self._states.append(attrs.get("state", "initial"))
        elif (local in ("source", "target") and parent in dialect.text_parents) or (
            local == "note" and parent == dialect.note_parent
        ):
            self._field, self._chunks, self._inline = local, [], []
            self._note_from = attrs.get(dialect.note_origin, "")
            if local == "target" and dialect is _V1:
                self._unit.state = attrs.get("state", "")
                self._unit.qualifier = attrs.get("state-qualifier", "")

    def _root(self, local: str, attrs) -> None:
        if local != "xliff":
            raise self._error(f"not an XLIFF file: the root element is <{local}>, not <xliff>")
        version = attrs.get("version", "")
        if re.fullmatch(r"2\.\d", version):
            self._dialect = _V2
            self._languages = (attrs.get("srcLang", ""), attrs.get("trgLang", ""))
        elif version not in ("1.0", "1.1", "1.2"):
            raise self._error(f"unsupported XLIFF version {version!r} (1.2 or 2.x expected)")

    def _start_file(self, attrs) -> None:
        original = attrs.get("original", "")
        if not original:
            raise self._error("<file> without an original attribute: no catalog to import into")
        source, target = self._languages
        self.files.append(
            XliffFile(
                original=original,
                source_language=attrs.get("source-language", source),
                target_language=attrs.get("target-language", target),
                line=self.line,
            )
        )
        self._ids = set()

    def _start_unit(self, attrs) -> None:
        if not self.files:
            raise self._error(f"<{self._dialect.unit}> outside a <file>")
        identifier = attrs.get("id", "")
        if not identifier:
            raise self._error(f"<{self._dialect.unit}> without an id")
        if identifier in self._ids:
            raise self._error(f"duplicate unit id {identifier!r}")
        self._ids.add(identifier)
        self._unit = XliffUnit(
            id=identifier, source="", approved=attrs.get("approved", ""), line=self.line
        )
        self._targets, self._states = [], []
        self._incomplete = self._translated = False

    def _start_inline(self, local: str, attrs) -> None:
        dialect = self._dialect
        if self._field == "note" or local in dialect.annotations:
            self._inline.append((local, 0))
            return
        if local == "cp" and dialect is _V2:  # a code point XML cannot carry
            self._inline.append((local, 0))
            self._chunks.append(chr(int(attrs.get("hex", "0"), 16)))
            return
        if local not in dialect.inline:
            raise self._error(f"unsupported inline element <{local}> in <{self._field}>")
        found = re.match(r"\d+", next((attrs[a] for a in dialect.number_attrs if a in attrs), ""))
        number = int(found.group()) if found else 0
        if not 0 < number < 10_000:
            raise self._error(f"<{local}> without a tag number l10nflow wrote")
        self._inline.append((local, number))
        shape = dialect.inline[local]
        self._chunks.append((shape if shape != "pair" else "<{}>").format(number))

    def endElement(self, name: str) -> None:
        local = self._stack.pop()
        dialect = self._dialect
        if self._field and self._inline:
            inline, number = self._inline.pop()
            if number and dialect.inline.get(inline) == "pair":
                self._chunks.append(f"</{number}>")
            return
        if self._field and local == self._field and self._unit is not None:
            self._end_field(local, "".join(self._chunks))
            self._field = ""
        elif local in dialect.text_parents and dialect is _V2 and self._segment:
            self._end_segment()
        elif local == dialect.unit and self._unit is not None:
            if dialect is _V2:
                self._end_unit_v2(self._unit)
            self.files[-1].units.append(self._unit)
            self._unit = None

    def _end_field(self, local: str, text: str) -> None:
        assert self._unit is not None
        if local == "note":
            self._unit.notes.append((self._note_from, text))
        elif self._dialect is _V2:
            self._segment[local] = text
        elif local == "source":
            self._unit.source = text
        else:
            self._unit.target = text

    def _end_segment(self) -> None:
        assert self._unit is not None
        segment, self._segment = self._segment, {}
        source, target = segment["source"] or "", segment["target"]
        self._unit.source += source
        if target is not None:
            self._targets.append(target)
            self._translated = self._translated or segment["kind"] == "segment"
        elif segment["kind"] == "ignorable":
            self._targets.append(source)  # whitespace between segments, on both sides
        else:
            self._incomplete = True

    def _end_unit_v2(self, unit: XliffUnit) -> None:
        if self._translated:
            unit.target = "".join(self._targets)
        states = self._states or ["initial"]
        done = all(state in REVIEWED_STATES for state in states) and not self._incomplete
        unit.state = (
            states[0]
            if done
            else next((state for state in states if state not in REVIEWED_STATES), "initial")
        )

    def characters(self, content: str) -> None:
        if self._field:
            self._chunks.append(content)
