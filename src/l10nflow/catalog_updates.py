"""Catalog updates: a catalog merged in memory, the fills a run puts in, and saving it.

A :class:`CatalogUpdate` is one document's catalog for one target language, read
and merged but maybe not yet written; :class:`Fill` is a translation a run puts
into an empty entry. :func:`save_update` writes atomically and never overwrites
someone else's work: if the catalog changed on disk since it was read (a
translator saved it in Poedit while a run was going), the disk version is taken
as the base, the document merged into it again, and only this run's fills applied
— to entries that are still empty there. A file whose entries did not change is
not rewritten, however another tool wrapped its lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polib

from l10nflow.catalog import MergeReport, merge_document
from l10nflow.catalog_entry import (
    EntryState,
    NoteKind,
    NoteText,
    entry_state,
    is_changed,
    set_notes,
)
from l10nflow.document import Document
from l10nflow.errors import CatalogError
from l10nflow.fsutil import read_input, remove_stale_temp_files
from l10nflow.pofile import parse_po, po_bytes, same_content, write_po_bytes

# Notes a fill sets: for each kind, its new texts (none: the kind's notes are dropped).
NoteUpdates = tuple[tuple[NoteKind, tuple[NoteText, ...]], ...]


@dataclass(frozen=True)
class Fill:
    """A translation this run puts into an empty entry, with its notes (kind → texts)."""

    msgstr: str
    notes: NoteUpdates = ()
    replaces_changed: bool = False  # may also replace a kept translation of an edited source
    kind: str = "mt"  # mt | reuse: what the run reports it as

    def apply(self, entry: polib.POEntry) -> bool:
        """Fill ``entry`` (as fuzzy) if it is still empty; True when it did."""
        if entry_state(entry) is not EntryState.EMPTY and not (
            self.replaces_changed and is_changed(entry)
        ):
            return False
        entry.msgstr = self.msgstr
        if "fuzzy" not in entry.flags:
            entry.flags.append("fuzzy")
        for kind, texts in self.notes:
            set_notes(entry, kind, texts)
        return True


@dataclass
class CatalogUpdate:
    """One document's catalog for one target language, merged but maybe not yet written."""

    document: Document
    target: str
    path: Path
    catalog: polib.POFile
    report: MergeReport
    reference: str
    loaded: bytes | None = None  # the file's bytes when read (None: did not exist)
    wrap: int = 79  # [catalog] wrap of the project
    fills: dict[str, Fill] = field(default_factory=dict)
    written: bool = False
    yielded: int = 0  # fills dropped because someone filled the entry on disk meanwhile
    _index: dict[str, polib.POEntry] | None = field(default=None, repr=False)

    def entry(self, msgid: str) -> polib.POEntry | None:
        """The current (non-obsolete) entry for ``msgid`` in this catalog."""
        if self._index is None:
            self._index = {e.msgid: e for e in self.catalog if not e.obsolete and e.msgctxt is None}
        return self._index.get(msgid)

    def fill(self, msgid: str, fill: Fill) -> bool:
        """Fill the entry for ``msgid`` if still empty, and remember it for a merge on save."""
        entry = self.entry(msgid)
        if entry is not None and fill.apply(entry):
            self.fills[msgid] = fill
            return True
        return False

    def replace_catalog(self, catalog: polib.POFile) -> None:
        self.catalog = catalog
        self._index = None


def read_existing(path: Path) -> bytes | None:
    """A catalog's bytes, or None when there is none yet (a folder or unreadable file is an
    error naming it)."""
    if not path.exists() and not path.is_symlink():
        return None
    return read_input(path, "catalog", CatalogError, limit="catalog")


def save_update(update: CatalogUpdate) -> bool:
    """Write a catalog atomically, merging with the disk version if it changed meanwhile.

    Callers hold the project lock, so temp files left next to the catalog by a
    killed run are stale and are removed.
    """
    remove_stale_temp_files(update.path)
    current = read_existing(update.path)
    if current != update.loaded and current is not None:
        catalog = parse_po(current, update.path)
        merge_document(catalog, update.document, update.reference)
        kept: dict[str, Fill] = {}
        for msgid, fill in update.fills.items():
            entry = catalog.find(msgid)
            if entry is None or entry.obsolete:
                continue
            if entry.msgstr == fill.msgstr or fill.apply(entry):  # already saved, or applied now
                kept[msgid] = fill
        update.yielded += len(update.fills) - len(kept)
        update.fills = kept
        update.replace_catalog(catalog)
    data = po_bytes(update.catalog, update.wrap)
    if (
        current is not None
        and data != current
        and same_content(current, update.catalog, update.path)
    ):
        update.loaded = current  # same entries, wrapped by another tool: left as it is
        return False
    written = write_po_bytes(data, update.path)
    update.loaded = data
    update.written = update.written or written
    return written


def write_updates(updates: Sequence[CatalogUpdate]) -> None:
    """Write each merged catalog (only when its bytes change)."""
    for update in updates:
        save_update(update)
