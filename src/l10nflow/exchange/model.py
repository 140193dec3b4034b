"""What both XLIFF versions share: unit ids, the units read back, notes and inline tags.

A PO entry travels as one unit whose id is a hash of ``msgctxt`` and ``msgid``
(:func:`unit_id`). Its notes are l10nflow's ``#.`` comments and the ``#|``
previous source (origin ``developer``, ignored on import) and the translator
comments (origin ``translator``). HTML inline tags (``<1>…</1>``, ``<2/>``) become
the version's inline elements (:func:`inline_xml`), so CAT tools protect them.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

import polib

from l10nflow.catalog_entry import comment_lines
from l10nflow.document.inline import Role, Tag, parse_tags

DEVELOPER = "developer"  # notes l10nflow writes (and ignores on import)
TRANSLATOR = "translator"
LOCATION = "location"
PREVIOUS_NOTE = "previous source: "

# Target states (XLIFF 1.2 and 2.0) that mean "a person confirmed this translation".
REVIEWED_STATES = frozenset({"translated", "signed-off", "final", "reviewed"})

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
TEXT_ESCAPES = {"\r": "&#13;"}  # a CR survives XML line-end normalisation


def unit_id(msgctxt: str | None, msgid: str) -> str:
    """The unit id of a PO entry: stable for a given context and source."""
    key = f"{msgctxt}\x04{msgid}" if msgctxt is not None else msgid
    return "u" + hashlib.blake2b(key.encode("utf-8"), digest_size=8).hexdigest()


@dataclass
class XliffUnit:
    """A unit as read: source, target (None: no target), state, notes."""

    id: str
    source: str
    target: str | None = None
    state: str = ""
    qualifier: str = ""
    approved: str = ""
    notes: list[tuple[str, str]] = field(default_factory=list)  # (from / category, text)
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
        """Notes a person added (every note l10nflow did not write as developer or location)."""
        return [
            text
            for origin, text in self.notes
            if origin not in (DEVELOPER, LOCATION) and text.strip()
        ]


@dataclass
class XliffFile:
    """A ``<file>``: the catalog it names, its languages and its units."""

    original: str
    source_language: str
    target_language: str
    units: list[XliffUnit] = field(default_factory=list)
    line: int = 0


def exported(entry: polib.POEntry) -> bool:
    """Whether an entry travels: active, singular, not the header, XML 1.0 can carry it."""
    if entry.obsolete or entry.msgid_plural or not entry.msgid:
        return False
    fields = (entry.msgid, entry.msgstr, entry.msgctxt, entry.comment, entry.tcomment)
    fields += (entry.previous_msgid,)
    return not any(_NOT_XML.search(value) for value in fields if value)


def entry_notes(entry: polib.POEntry) -> list[tuple[str, str]]:
    """(origin, text) of the notes an entry travels with."""
    notes = [(DEVELOPER, note) for note in comment_lines(entry)]
    if entry.previous_msgid:
        notes.append((DEVELOPER, PREVIOUS_NOTE + entry.previous_msgid))
    if entry.tcomment:
        notes.append((TRANSLATOR, entry.tcomment))
    return notes


def text_xml(text: str) -> str:
    """Text escaped for XML element content."""
    return escape(text, TEXT_ESCAPES)


def attrs_xml(**values: str | None) -> str:
    """`` name="value"`` for every non-empty value, escaped."""
    return "".join(f" {name}={quoteattr(value)}" for name, value in values.items() if value)


def inline_xml(text: str, shapes: Mapping[str, str]) -> str:
    """Text with numbered tags as inline elements.

    ``shapes`` holds format strings (``{n}``: the tag number) for ``open`` and
    ``close`` (a pair that nests), ``start`` and ``end`` (a tag without a
    nesting partner) and ``void``.
    """
    tokens = parse_tags(text)
    paired: set[int] = set()
    stack: list[int] = []
    for index, token in enumerate(tokens):
        if isinstance(token, Tag) and token.role is Role.OPEN:
            stack.append(index)
        elif (
            isinstance(token, Tag)
            and token.role is Role.CLOSE
            and stack
            and tokens[stack[-1]] == Tag(token.number, Role.OPEN)
        ):
            paired.update((stack.pop(), index))
    parts = []
    for index, token in enumerate(tokens):
        if isinstance(token, str):
            parts.append(text_xml(token))
        elif token.role is Role.VOID:
            parts.append(shapes["void"].format(n=token.number))
        elif token.role is Role.OPEN:
            parts.append(shapes["open" if index in paired else "start"].format(n=token.number))
        else:
            parts.append(shapes["close" if index in paired else "end"].format(n=token.number))
    return "".join(parts)
