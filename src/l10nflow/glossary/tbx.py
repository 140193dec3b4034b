"""TBX (ISO 30042) import and export, TBX-Basic dialect.

Export writes TBX-Basic in the 2008 (v2) structure: ``<martif type="TBX-Basic">``,
one ``<termEntry>`` per entry, one ``<langSet xml:lang>`` per language, one
``<tig>`` per form with ``<termNote type="administrativeStatus">``:
``preferredTerm-admn-sts`` for the first accepted form, ``admittedTerm-admn-sts``
for the others, ``deprecatedTerm-admn-sts`` for forbidden forms. The ``note``
column becomes a termEntry-level ``<note>``; every other column becomes a
termEntry-level ``<descrip type="COLUMN">``.

Import reads that structure and also TBX v3 (``<tbx>``, ``<conceptEntry>``,
``<langSec>``, ``<termSec>``, ``ntig``, ``normativeAuthorization``). Terms are
ordered preferred, then admitted (or unmarked) in document order; deprecated and
superseded terms are forbidden. All ``<note>`` texts of an entry are joined with
newlines; each ``<descrip type=T>`` is kept as column ``T`` (first one wins);
a ``partOfSpeech`` termNote sets ``pos`` when no ``pos`` descrip does. Language
codes are reduced to their primary subtag (``en-US`` → ``en``); langSets of one
entry that share it are merged. An entry's ``row`` is the line of its
``<termEntry>``. So a TBX written here re-imports to an equal glossary.

Parsing goes through :mod:`defusedxml`: entity declarations (billion laughs,
external entities) are refused; a DOCTYPE naming an external DTD is allowed and
never fetched.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from l10nflow import __version__
from l10nflow.errors import GlossaryError
from l10nflow.fsutil import atomic_write_text
from l10nflow.glossary.entry import POS_COLUMN, GlossaryEntry
from l10nflow.textnorm import primary_lang
from l10nflow.xmlsafe import LineTrackingHandler, parse_xml, read_xml_bytes

if TYPE_CHECKING:  # a type only: the glossary is built from what this module reads
    from l10nflow.glossary.model import Glossary

__all__ = ["dump_tbx", "read_tbx", "write_tbx"]

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_ENTRY_TAGS = {"termEntry", "conceptEntry"}
_LANG_TAGS = {"langSet", "langSec"}
_TERM_TAGS = {"tig", "ntig", "termSec"}
_STATUS_TYPES = {"administrativeStatus", "normativeAuthorization"}
_PREFERRED, _ADMITTED, _FORBIDDEN = 0, 1, 2
_STATUS = {
    "preferredterm": _PREFERRED,
    "admittedterm": _ADMITTED,
    "deprecatedterm": _FORBIDDEN,
    "supersededterm": _FORBIDDEN,
}


# Elements that only structure the document: their text is never read, and the text
# of their children is not copied into them (that would cost quadratic time).
_STRUCTURE = {
    "martif", "tbx", "martifHeader", "tbxHeader", "fileDesc", "sourceDesc", "encodingDesc",
    "text", "body", "back", "termEntry", "conceptEntry", "langSet", "langSec", "tig", "ntig",
    "termSec", "termGrp", "descripGrp", "termNoteGrp", "transacGrp", "adminGrp",
}  # fmt: skip


@dataclass
class _Element:
    """A parsed XML element: local tag, attributes, first line, children, its text."""

    tag: str
    attrs: dict[str, str]
    line: int
    children: list[_Element] = field(default_factory=list)
    chunks: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """All character data inside the element (inline children included)."""
        return "".join(self.chunks)

    def iter(self, tags: set[str]):
        """Descendants (self excluded) whose tag is in ``tags``, in document order."""
        for child in self.children:
            if child.tag in tags:
                yield child
            yield from child.iter(tags)

    def first(self, tag: str) -> _Element | None:
        return next(self.iter({tag}), None)


class _TreeBuilder(LineTrackingHandler):
    def __init__(self) -> None:
        super().__init__()
        self.root: _Element | None = None
        self._stack: list[_Element] = []

    def startElement(self, name: str, attrs) -> None:
        element = _Element(name.rsplit(":", 1)[-1], dict(attrs.items()), self.line)
        if self._stack:
            self._stack[-1].children.append(element)
        else:
            self.root = element
        self._stack.append(element)

    def endElement(self, name: str) -> None:
        element = self._stack.pop()
        if self._stack and self._stack[-1].tag not in _STRUCTURE:
            self._stack[-1].chunks.extend(element.chunks)

    def characters(self, content: str) -> None:
        if self._stack and self._stack[-1].tag not in _STRUCTURE:
            self._stack[-1].chunks.append(content)


# --- reading ----------------------------------------------------------------------------


def _parse_xml(data: bytes, path: Path) -> _Element:
    builder = _TreeBuilder()
    parse_xml(data, builder, path=path, kind="TBX", error=GlossaryError)
    if builder.root is None:
        raise GlossaryError("malformed TBX: no root element", path=path)
    return builder.root


def read_tbx(path: str | Path) -> list[GlossaryEntry]:
    """The entries of a TBX file; raise GlossaryError for unreadable or malformed input."""
    path = Path(path)
    root = _parse_xml(read_xml_bytes(path, "TBX", GlossaryError), path)
    if root.tag not in ("martif", "tbx"):
        raise GlossaryError(
            f"not a TBX file: the root element is <{root.tag}>, not <martif> or <tbx>",
            path=path,
            line=root.line,
        )
    entries = (_read_entry(element, path) for element in root.iter(_ENTRY_TAGS))
    return [entry for entry in entries if entry.forms or entry.forbidden]


def _read_entry(element: _Element, path: Path) -> GlossaryEntry:
    forms: dict[str, list[tuple[int, str]]] = {}
    pos = ""
    for lang_set in element.iter(_LANG_TAGS):
        code = lang_set.attrs.get("xml:lang") or lang_set.attrs.get("lang")
        if not code:
            raise GlossaryError(f"<{lang_set.tag}> without xml:lang", path=path, line=lang_set.line)
        lang = primary_lang(code)
        for holder in lang_set.iter(_TERM_TAGS):
            term = holder.first("term")
            if term is None or not term.text.strip():
                raise GlossaryError(f"<{holder.tag}> without a term", path=path, line=holder.line)
            status, term_pos = _term_notes(holder)
            pos = pos or term_pos
            forms.setdefault(lang, []).append((status, term.text.strip()))
    accepted, forbidden = {}, {}
    for lang, terms in forms.items():
        ordered = sorted(terms, key=lambda t: t[0])  # stable: document order within a status
        if kept := tuple(t for s, t in ordered if s != _FORBIDDEN):
            accepted[lang] = kept
        if dropped := tuple(t for s, t in ordered if s == _FORBIDDEN):
            forbidden[lang] = dropped
    extra: dict[str, str] = {}
    for descrip in element.iter({"descrip"}):
        kind = descrip.attrs.get("type", "").strip()
        if kind and descrip.text.strip():
            extra.setdefault(kind, descrip.text.strip())
    if pos:
        extra.setdefault(POS_COLUMN, pos)
    note = "\n".join(n.text.strip() for n in element.iter({"note"}) if n.text.strip())
    return GlossaryEntry(accepted, forbidden, note, extra, source=str(path), row=element.line)


def _term_notes(holder: _Element) -> tuple[int, str]:
    """(status, part of speech) from a term holder's termNotes."""
    status, pos = _ADMITTED, ""
    for note in holder.iter({"termNote"}):
        kind = note.attrs.get("type", "")
        value = note.text.strip()
        if kind in _STATUS_TYPES:
            status = _STATUS.get(value.lower().removesuffix("-admn-sts"), _ADMITTED)
        elif kind == "partOfSpeech":
            pos = value
    return status, pos


# --- writing ----------------------------------------------------------------------------


def dump_tbx(glossary: Glossary) -> str:
    """The glossary as a TBX-Basic document (text, with XML declaration and DOCTYPE)."""
    root = ET.Element("martif", {"type": "TBX-Basic", _XML_LANG: _main_lang(glossary)})
    header = ET.SubElement(root, "martifHeader")
    source = ET.SubElement(ET.SubElement(header, "fileDesc"), "sourceDesc")
    signature = f"Exported by l10nflow {__version__}; glossary digest {glossary.digest}"
    ET.SubElement(source, "p").text = signature
    encoding = ET.SubElement(header, "encodingDesc")
    ET.SubElement(encoding, "p", {"type": "XCSURI"}).text = "TBXBasicXCSV02.xcs"
    body = ET.SubElement(ET.SubElement(root, "text"), "body")
    for number, entry in enumerate(glossary.entries, start=1):
        _write_entry(ET.SubElement(body, "termEntry", {"id": f"e{number}"}), entry, glossary)
    ET.indent(root, space="  ")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">\n'
        + ET.tostring(root, encoding="unicode")
        + "\n"
    )


def _main_lang(glossary: Glossary) -> str:
    return glossary.languages[0] if glossary.languages else "en"


def _write_entry(element: ET.Element, entry: GlossaryEntry, glossary: Glossary) -> None:
    for name, value in entry.extra.items():
        ET.SubElement(element, "descrip", {"type": name}).text = value
    if entry.note:
        ET.SubElement(element, "note").text = entry.note
    for lang in glossary.languages:
        accepted = entry.forms.get(lang, ())
        forbidden = entry.forbidden.get(lang, ())
        if not accepted and not forbidden:
            continue
        lang_set = ET.SubElement(element, "langSet", {_XML_LANG: lang})
        statuses = ["admittedTerm"] * len(accepted) + ["deprecatedTerm"] * len(forbidden)
        if accepted:
            statuses[0] = "preferredTerm"
        for term, status in zip((*accepted, *forbidden), statuses, strict=True):
            tig = ET.SubElement(lang_set, "tig")
            ET.SubElement(tig, "term").text = term
            note = ET.SubElement(tig, "termNote", {"type": "administrativeStatus"})
            note.text = f"{status}-admn-sts"


def write_tbx(glossary: Glossary, path: str | Path) -> None:
    """Write the glossary as TBX-Basic, atomically."""
    atomic_write_text(path, dump_tbx(glossary))
