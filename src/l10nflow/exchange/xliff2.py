"""XLIFF 2.0 writing (reading both versions is :func:`l10nflow.exchange.xliff.read_xliff`).

One ``<file>`` per catalog (``original``: its path in the project), languages
on the root (``srcLang``, ``trgLang``). A ``<unit>`` per active, singular entry,
with the id of :func:`~l10nflow.exchange.model.unit_id`, ``name`` holding the
``msgctxt``, ``<notes>`` (``#:`` references as category ``location``, the
notes of :func:`~l10nflow.exchange.model.entry_notes` by origin) and one
``<segment>`` whose ``state`` says where the entry stands (:func:`xliff2_state`):
``initial`` without a target when empty, ``initial`` with a target and
``subState`` ``l10nflow:machine`` or ``l10nflow:memory`` when unreviewed,
``translated`` when reviewed. Inline tags become ``<pc>``, ``<ph/>`` (``<sc/>``,
``<ec/>``, isolated, where they do not nest).
"""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

import polib

from l10nflow.catalog import source_language, target_language
from l10nflow.catalog_entry import EntryState, entry_state
from l10nflow.exchange.model import (
    LOCATION,
    attrs_xml,
    entry_notes,
    exported,
    inline_xml,
    text_xml,
    unit_id,
)
from l10nflow.tm.store import language_tag

__all__ = ["dump_xliff2", "xliff2_state"]

NAMESPACE = "urn:oasis:names:tc:xliff:document:2.0"
_STATES = {
    EntryState.MACHINE: ("initial", "l10nflow:machine"),
    EntryState.MEMORY: ("initial", "l10nflow:memory"),
    EntryState.REVIEWED: ("translated", ""),
}
_SHAPES = {
    "open": '<pc id="{n}">',
    "close": "</pc>",
    "start": '<sc id="{n}" isolated="yes"/>',
    "end": '<ec id="{n}e" isolated="yes"/>',
    "void": '<ph id="{n}"/>',
}


def xliff2_state(state: EntryState) -> tuple[str, str]:
    """The XLIFF 2.0 segment ``state`` and ``subState`` of an entry state."""
    return _STATES.get(state, ("initial", ""))


def dump_xliff2(catalog: polib.POFile, original: str) -> tuple[str, int]:
    """The catalog as an XLIFF 2.0 document, and how many entries it holds (see
    :func:`l10nflow.exchange.xliff.dump_xliff` for what is left out)."""
    units = [_unit(entry) for entry in catalog if exported(entry)]
    root = attrs_xml(
        xmlns=NAMESPACE,
        version="2.0",
        srcLang=language_tag(source_language(catalog)),
        trgLang=language_tag(target_language(catalog)),
    )
    text = "".join(
        [
            '<?xml version="1.0" encoding="UTF-8"?>\n',
            f"<xliff{root}>\n",
            f"  <file{attrs_xml(id='f1', original=original)}>\n",
            *units,
            "  </file>\n",
            "</xliff>\n",
        ]
    )
    return text, len(units)


def _unit(entry: polib.POEntry) -> str:
    state, sub_state = xliff2_state(entry_state(entry))
    head = attrs_xml(id=unit_id(entry.msgctxt, entry.msgid))
    if entry.msgctxt is not None:
        head += f" name={quoteattr(entry.msgctxt)}"
    lines = [f'    <unit{head} xml:space="preserve">\n']
    notes = [(LOCATION, ":".join(filter(None, place))) for place in entry.occurrences]
    notes += entry_notes(entry)
    if notes:
        lines.append("      <notes>\n")
        for origin, note in notes:
            lines.append(f"        <note{attrs_xml(category=origin)}>{text_xml(note)}</note>\n")
        lines.append("      </notes>\n")
    lines.append(f"      <segment{attrs_xml(state=state, subState=sub_state)}>\n")
    lines.append(f"        <source>{inline_xml(entry.msgid, _SHAPES)}</source>\n")
    if entry.msgstr:
        lines.append(f"        <target>{inline_xml(entry.msgstr, _SHAPES)}</target>\n")
    lines.append("      </segment>\n    </unit>\n")
    return "".join(lines)
