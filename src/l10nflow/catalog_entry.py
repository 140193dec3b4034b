"""The catalog-entry model: what one PO entry means to l10nflow.

An entry has a review state (:class:`EntryState`: empty, machine, memory,
reviewed) apart from whether it is obsolete (``entry.obsolete``: an obsolete
entry keeps its state, so reviewed work stays reviewed work), plural forms
counted, the format of the document it stands in (:func:`entry_format`), and
typed notes: the extracted comments (``#.``) l10nflow owns, one
:class:`NoteKind` each, in a fixed order. Every module that asks "is this
reviewed?" or reads or writes one of l10nflow's notes asks here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

import polib

from l10nflow.document.formats import DocumentFormat, format_of_reference


class EntryState(StrEnum):
    """Where an entry stands in review (whether it is obsolete is ``entry.obsolete``, apart:
    an obsolete entry keeps its state, so a reviewed one stays reviewed work)."""

    EMPTY = "empty"  # no translation yet
    MACHINE = "machine"  # machine translation, not reviewed (fuzzy)
    MEMORY = "memory"  # suggestion from memory or an older source, not reviewed (fuzzy)
    REVIEWED = "reviewed"  # translated and not fuzzy: a human's work, never overwritten


class NoteKind(StrEnum):
    """A kind of extracted comment l10nflow owns, written ``#. <kind>: <text>``.

    The members are in the order the notes are written in an entry.
    """

    BLOCK = "block"  # the kind of block the segment stands in (heading, paragraph, …)
    CHANGED = "changed"  # the source was edited after a translation: review the kept one
    HISTORY = "history"  # the closest earlier reviewed translation of a rewritten sentence
    MT = "mt"  # machine translation: the reproducible signature of the run
    GLOSSARY = "glossary"  # the glossary terms MT was held to (``MISSING`` when not met)
    MARKUP = "markup"  # inline tags MT placed by position: check where they stand
    MEMORY = "tm"  # a translation-memory match offered or inserted
    REUSED = "reused"  # a reviewed translation reused from the memory

    @property
    def prefix(self) -> str:
        """The text a note of this kind starts with."""
        return f"{self.value}: "

    @property
    def stale_after_review(self) -> bool:
        """A note about an unreviewed translation, meaningless once a translator reviewed it."""
        return self in _STALE_AFTER_REVIEW

    @classmethod
    def of(cls, line: str) -> NoteKind | None:
        """The kind of a note line; None for a comment l10nflow does not own."""
        label, colon, _ = line.partition(": ")
        if not colon:
            return None
        try:
            return cls(label)
        except ValueError:
            return None


_STALE_AFTER_REVIEW = frozenset(
    {NoteKind.CHANGED, NoteKind.HISTORY, NoteKind.MARKUP, NoteKind.MEMORY}
)
_ORDER = {kind: number for number, kind in enumerate(NoteKind)}


@dataclass(frozen=True)
class GlossaryNote:
    """One ``glossary:`` note: a term MT was held to, and whether the output met it."""

    source: str
    target: str
    missing: bool = False

    _MISSING = "MISSING "

    def __str__(self) -> str:
        if self.missing:
            return f"{self._MISSING}{self.target} (for {self.source})"
        return f"{self.source} → {self.target}"

    @classmethod
    def parse(cls, text: str) -> GlossaryNote | None:
        """The note a ``glossary:`` text says; None for one written by hand in another shape."""
        if text.startswith(cls._MISSING):
            target, marker, source = text[len(cls._MISSING) :].partition(" (for ")
            if marker and source.endswith(")"):
                return cls(source[:-1], target, missing=True)
            return cls("", text[len(cls._MISSING) :], missing=True)
        source, arrow, target = text.partition(" → ")
        return cls(source, target) if arrow else None


@dataclass(frozen=True)
class MtNote:
    """One ``mt:`` note: the run's signature, and how the glossary was enforced if it was."""

    signature: str
    method: str = "plain"  # plain | the enforcement that placed the terms

    def __str__(self) -> str:
        if self.method == "plain":
            return self.signature
        return f"{self.signature} (glossary: {self.method})"

    @classmethod
    def parse(cls, text: str) -> MtNote:
        """The note an ``mt:`` text says."""
        signature, marker, method = text.partition(" (glossary: ")
        if marker and method.endswith(")"):
            return cls(signature, method[:-1])
        return cls(text)


# What a note's text may be given as: a string, or a typed note written as its string.
NoteText = str | GlossaryNote | MtNote


def entry_state(entry: polib.POEntry) -> EntryState:
    """The review state of a PO entry, obsolete or not, plural forms included."""
    if not has_translation(entry):
        return EntryState.EMPTY
    if "fuzzy" not in entry.flags:
        return EntryState.REVIEWED
    if note_texts(entry, NoteKind.MT):
        return EntryState.MACHINE
    return EntryState.MEMORY


def entry_format(entry: polib.POEntry) -> DocumentFormat:
    """The format of the document the entry's segment stands in (its first ``#:``
    reference's); plain text for an entry without one."""
    return format_of_reference(entry.occurrences[0][0] if entry.occurrences else "")


def has_translation(entry: polib.POEntry) -> bool:
    """Whether the entry holds any translation (its ``msgstr`` or one of its plural forms)."""
    return bool(entry.msgstr) or any(entry.msgstr_plural.values())


def is_changed(entry: polib.POEntry) -> bool:
    """An unreviewed entry that kept its translation through an edit of its source."""
    return entry_state(entry) is EntryState.MEMORY and entry.previous_msgid is not None


def shows_changed_source(entry: polib.POEntry) -> bool:
    """An unreviewed entry whose source changed since its translation (``#| msgid`` or a
    ``changed:`` note): what a translator sees as "changed"."""
    return entry_state(entry) in (EntryState.MACHINE, EntryState.MEMORY) and bool(
        entry.previous_msgid or note_texts(entry, NoteKind.CHANGED)
    )


def comment_lines(entry: polib.POEntry) -> list[str]:
    """The entry's extracted comments (``#.``), one per line, l10nflow's and others'."""
    return entry.comment.split("\n") if entry.comment else []


def note_texts(entry: polib.POEntry, kind: NoteKind) -> list[str]:
    """The texts of the entry's notes of one kind, in order."""
    prefix = kind.prefix
    return [line[len(prefix) :] for line in comment_lines(entry) if line.startswith(prefix)]


def set_notes(entry: polib.POEntry, kind: NoteKind, texts: Iterable[NoteText]) -> None:
    """Replace the entry's notes of one kind by ``texts`` (none: drop them), keeping the rest.

    Comments l10nflow does not own come first, as written; its notes follow in
    :class:`NoteKind` order (dropping notes leaves the others' order as it was).
    """
    kept = [line for line in comment_lines(entry) if not line.startswith(kind.prefix)]
    added = [kind.prefix + str(text) for text in texts]
    entry.comment = "\n".join(sorted(kept + added, key=_note_order) if added else kept)


def _note_order(line: str) -> int:
    kind = NoteKind.of(line)
    return -1 if kind is None else _ORDER[kind]


def refresh_notes(entry: polib.POEntry) -> None:
    """Drop the notes a review made stale: a reviewed entry keeps ``mt:`` as provenance and
    its glossary terms, but no ``MISSING`` term, no ``changed:``, ``tm:``, ``history:`` or
    ``markup:`` note."""
    if entry_state(entry) is not EntryState.REVIEWED or not entry.comment:
        return
    lines = comment_lines(entry)
    kept = [line for line in lines if not _stale(line)]
    if kept != lines:
        entry.comment = "\n".join(kept)


def _stale(line: str) -> bool:
    kind = NoteKind.of(line)
    if kind is None:
        return False
    if kind is NoteKind.GLOSSARY:
        note = GlossaryNote.parse(line[len(kind.prefix) :])
        return note is not None and note.missing
    return kind.stale_after_review
