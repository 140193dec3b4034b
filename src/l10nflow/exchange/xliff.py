"""XLIFF 1.2: one ``<file>`` per PO catalog, written for CAT tools and read back safely.

Writing. A ``<trans-unit>`` per active, singular entry of the catalog (the
header, obsolete and plural entries stay in the PO file only):

- ``id``: a hash of ``msgctxt`` and ``msgid`` (:func:`unit_id`), stable while the
  source does not change; ``<file original>`` is the catalog's path relative to
  the project, so an import finds entry and catalog again;
- ``<source>`` the ``msgid``; ``<target>`` the ``msgstr`` with its state
  (:func:`xliff_state`): an empty entry has no target, machine translation is
  ``needs-review-translation`` / ``mt-suggestion``, a memory or kept suggestion
  ``needs-review-translation`` / ``leveraged-tm``, a reviewed entry
  ``translated`` with ``approved="yes"``;
- HTML inline tags (``<1>…</1>``, ``<2/>``) become ``<g>``, ``<x/>`` (and ``<bx/>``,
  ``<ex/>`` where they do not nest), so CAT tools protect them;
- ``#:`` references as ``po-reference`` location contexts, ``msgctxt`` as an
  ``x-po-msgctxt`` context (Translate Toolkit's conventions), l10nflow's ``#.``
  notes (block kind, glossary terms, MT provenance…) and the previous source
  ``#|`` as ``<note from="developer">``, translator comments as
  ``<note from="translator">``.

Reading goes through :mod:`l10nflow.xmlsafe` (defusedxml: no entity
declarations, no external entities, no DTD fetched). Anything that is not
XLIFF 1.0–1.2 of this shape is an :class:`InputError` naming the file and line.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import polib

from l10nflow import __version__
from l10nflow.catalog import EntryState, entry_state, notes_of, source_language, target_language
from l10nflow.document.inline import Role, Tag, parse_tags
from l10nflow.errors import InputError
from l10nflow.tm.store import language_tag
from l10nflow.xmlsafe import LineTrackingHandler, parse_xml, read_xml_bytes

__all__ = [
    "REVIEWED_STATES",
    "XliffFile",
    "XliffUnit",
    "dump_xliff",
    "parse_xliff",
    "read_xliff",
    "unit_id",
    "xliff_state",
]

NAMESPACE = "urn:oasis:names:tc:xliff:document:1.2"
DEVELOPER = "developer"  # notes l10nflow writes (and ignores on import)
TRANSLATOR = "translator"
PREVIOUS_NOTE = "previous source: "

# XLIFF 1.2 target states that mean "a human confirmed this translation".
REVIEWED_STATES = frozenset({"translated", "signed-off", "final"})
_STATES = {
    EntryState.MACHINE: ("needs-review-translation", "mt-suggestion"),
    EntryState.MEMORY: ("needs-review-translation", "leveraged-tm"),
    EntryState.REVIEWED: ("translated", ""),
}
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_TEXT = {"\r": "&#13;"}  # survives XML line-end normalisation
_FIELDS = ("source", "target", "note")  # children of <trans-unit> whose text is read
_INLINE = {"g", "x", "bx", "ex"}
_IGNORED_INLINE = {"mrk"}  # segmentation markers some tools add: their text is kept


def unit_id(msgctxt: str | None, msgid: str) -> str:
    """The trans-unit id of a PO entry: stable for a given context and source."""
    key = f"{msgctxt}\x04{msgid}" if msgctxt is not None else msgid
    return "u" + hashlib.blake2b(key.encode("utf-8"), digest_size=8).hexdigest()


def xliff_state(state: EntryState) -> tuple[str, str]:
    """The XLIFF ``state`` and ``state-qualifier`` of an entry state (``("", "")`` if empty)."""
    return _STATES.get(state, ("", ""))


# --- the model read back ----------------------------------------------------------------


@dataclass
class XliffUnit:
    """A ``<trans-unit>`` as read: source, target (None: no target), state, notes."""

    id: str
    source: str
    target: str | None = None
    state: str = ""
    qualifier: str = ""
    approved: str = ""
    notes: list[tuple[str, str]] = field(default_factory=list)  # (from, text)
    line: int = 0

    @property
    def reviewed(self) -> bool:
        """A confirmed translation: a reviewed state not contradicted by ``approved="no"``,
        or ``approved="yes"`` without a state. Anything less clear counts as unreviewed."""
        if self.state:
            return self.state in REVIEWED_STATES and self.approved != "no"
        return self.approved == "yes"

    @property
    def translator_notes(self) -> list[str]:
        """Notes a person added (every note not written by l10nflow as ``developer``)."""
        return [text for origin, text in self.notes if origin != DEVELOPER and text.strip()]


@dataclass
class XliffFile:
    """A ``<file>``: the catalog it names, its languages and its units."""

    original: str
    source_language: str
    target_language: str
    units: list[XliffUnit] = field(default_factory=list)
    line: int = 0


# --- writing ------------------------------------------------------------------------------


def dump_xliff(catalog: polib.POFile, original: str) -> tuple[str, int]:
    """The catalog as an XLIFF 1.2 document, and how many entries it holds.

    Entries holding characters that XML 1.0 cannot carry are left out (the
    count says how many went in); they stay in the PO file.
    """
    units = [_unit(entry) for entry in catalog if _exported(entry)]
    kept = [unit for unit in units if unit is not None]
    file_attrs = _attrs(
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
            *kept,
            "    </body>\n",
            "  </file>\n",
            "</xliff>\n",
        ]
    )
    return text, len(kept)


def _exported(entry: polib.POEntry) -> bool:
    return not entry.obsolete and not entry.msgid_plural and entry.msgid != ""


def _unit(entry: polib.POEntry) -> str | None:
    fields = [entry.msgid, entry.msgstr, entry.msgctxt or "", entry.comment, entry.tcomment]
    if any(_NOT_XML.search(value or "") for value in fields):
        return None
    state, qualifier = xliff_state(entry_state(entry))
    attrs = {"id": unit_id(entry.msgctxt, entry.msgid)}
    if state:
        attrs["approved"] = "yes" if state in REVIEWED_STATES else "no"
    lines = [f'      <trans-unit{_attrs(**attrs)} xml:space="preserve">\n']
    lines.append(f"        <source>{_inline_xml(entry.msgid)}</source>\n")
    if state:
        target_attrs = _attrs(state=state, **{"state-qualifier": qualifier})
        lines.append(f"        <target{target_attrs}>{_inline_xml(entry.msgstr)}</target>\n")
    for reference, line in entry.occurrences:
        contexts = [("sourcefile", reference)] + ([("linenumber", line)] if line else [])
        lines.append(_context_group("po-reference", "location", contexts))
    if entry.msgctxt is not None:
        lines.append(_context_group("po-entry", "information", [("x-po-msgctxt", entry.msgctxt)]))
    notes = [(DEVELOPER, note) for note in notes_of(entry)]
    if entry.previous_msgid:
        notes.append((DEVELOPER, PREVIOUS_NOTE + entry.previous_msgid))
    if entry.tcomment:
        notes.append((TRANSLATOR, entry.tcomment))
    for origin, note in notes:
        lines.append(f"        <note from={quoteattr(origin)}>{escape(note, _TEXT)}</note>\n")
    lines.append("      </trans-unit>\n")
    return "".join(lines)


def _context_group(name: str, purpose: str, contexts: list[tuple[str, str]]) -> str:
    inner = "".join(
        f"<context context-type={quoteattr(kind)}>{escape(value, _TEXT)}</context>"
        for kind, value in contexts
    )
    return f"        <context-group{_attrs(name=name, purpose=purpose)}>{inner}</context-group>\n"


def _attrs(**values: str) -> str:
    return "".join(f" {name}={quoteattr(value)}" for name, value in values.items() if value)


def _inline_xml(text: str) -> str:
    """Text with numbered tags as XLIFF inline elements: nested pairs ``<g>``, others
    ``<bx/>``/``<ex/>``, void tags ``<x/>``."""
    tokens = parse_tags(text)
    paired: set[int] = set()
    stack: list[int] = []
    for index, token in enumerate(tokens):
        if isinstance(token, Tag) and token.role is Role.OPEN:
            stack.append(index)
        elif (
            isinstance(token, Tag)
            and stack
            and tokens[stack[-1]] == Tag(token.number, Role.OPEN)
            and token.role is Role.CLOSE
        ):
            paired.update((stack.pop(), index))
    parts = []
    for index, token in enumerate(tokens):
        if isinstance(token, str):
            parts.append(escape(token, _TEXT))
        elif token.role is Role.VOID:
            parts.append(f'<x id="{token.number}"/>')
        elif token.role is Role.OPEN:
            opened = index in paired
            parts.append(f'<g id="{token.number}">' if opened else f'<bx id="{token.number}"/>')
        else:
            closed = index in paired
            parts.append("</g>" if closed else f'<ex id="{token.number}e" rid="{token.number}"/>')
    return "".join(parts)


# --- reading ------------------------------------------------------------------------------


def read_xliff(path: Path) -> list[XliffFile]:
    """The ``<file>`` elements of an XLIFF 1.2 file; :class:`InputError` with a line if bad."""
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
    """Streams XLIFF 1.2 into :class:`XliffFile` objects."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.files: list[XliffFile] = []
        self._stack: list[str] = []
        self._unit: XliffUnit | None = None
        self._ids: set[str] = set()
        self._field = ""  # "source", "target" or "note" while collecting text
        self._chunks: list[str] = []
        self._inline: list[tuple[str, int]] = []  # open inline elements (name, tag number)
        self._note_from = ""

    def _error(self, message: str) -> InputError:
        return InputError(message, path=self.path, line=self.line or None)

    def startElement(self, name: str, attrs) -> None:
        local = _local(name)
        parent = self._stack[-1] if self._stack else None
        self._stack.append(local)
        if parent is None:
            self._root(local, attrs)
        elif self._field:
            self._start_inline(local, attrs)
        elif local == "file" and parent == "xliff":
            self._start_file(attrs)
        elif local == "trans-unit":
            self._start_unit(attrs)
        elif parent == "trans-unit" and self._unit is not None and local in _FIELDS:
            self._field, self._chunks, self._inline = local, [], []
            if local == "target":
                self._unit.target = ""
                self._unit.state = attrs.get("state", "")
                self._unit.qualifier = attrs.get("state-qualifier", "")
            self._note_from = attrs.get("from", "")

    def _root(self, local: str, attrs) -> None:
        if local != "xliff":
            raise self._error(f"not an XLIFF file: the root element is <{local}>, not <xliff>")
        version = attrs.get("version", "")
        if version.startswith("2"):
            raise self._error(f"XLIFF {version} is not supported here; use XLIFF 1.2")
        if version not in ("1.0", "1.1", "1.2"):
            raise self._error(f"unsupported XLIFF version {version!r} (expected 1.2)")

    def _start_file(self, attrs) -> None:
        original = attrs.get("original", "")
        if not original:
            raise self._error("<file> without an original attribute: no catalog to import into")
        self.files.append(
            XliffFile(
                original=original,
                source_language=attrs.get("source-language", ""),
                target_language=attrs.get("target-language", ""),
                line=self.line,
            )
        )
        self._ids = set()

    def _start_unit(self, attrs) -> None:
        if not self.files:
            raise self._error("<trans-unit> outside a <file>")
        identifier = attrs.get("id", "")
        if not identifier:
            raise self._error("<trans-unit> without an id")
        if identifier in self._ids:
            raise self._error(f"duplicate trans-unit id {identifier!r}")
        self._ids.add(identifier)
        self._unit = XliffUnit(
            id=identifier, source="", approved=attrs.get("approved", ""), line=self.line
        )

    def _start_inline(self, local: str, attrs) -> None:
        if self._field == "note" or local in _IGNORED_INLINE:
            self._inline.append((local, 0))
            return
        if local not in _INLINE:
            raise self._error(f"unsupported inline element <{local}> in <{self._field}>")
        found = re.match(r"\d+", attrs.get("rid") or attrs.get("id", ""))
        number = int(found.group()) if found else 0
        if not 0 < number < 10_000:
            raise self._error(f"<{local}> without a tag number l10nflow wrote")
        self._inline.append((local, number))
        shape = {"g": "<{}>", "bx": "<{}>", "ex": "</{}>", "x": "<{}/>"}[local]
        self._chunks.append(shape.format(number))

    def endElement(self, name: str) -> None:
        local = self._stack.pop()
        if self._field and self._inline:
            inline, number = self._inline.pop()
            if inline == "g" and number:
                self._chunks.append(f"</{number}>")
            return
        if self._field and local == self._field and self._unit is not None:
            text = "".join(self._chunks)
            if local == "source":
                self._unit.source = text
            elif local == "target":
                self._unit.target = text
            else:
                self._unit.notes.append((self._note_from, text))
            self._field = ""
        elif local == "trans-unit" and self._unit is not None:
            self.files[-1].units.append(self._unit)
            self._unit = None

    def characters(self, content: str) -> None:
        if self._field:
            self._chunks.append(content)
