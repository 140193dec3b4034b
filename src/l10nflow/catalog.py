"""PO catalogs of a document: header, paths, and merging segments in.

A catalog holds one entry per distinct source segment of one document
(``msgid`` = segment text), with ``#:`` references to every place it occurs.
What one entry means (its review state, its notes) is
:mod:`l10nflow.catalog_entry`'s; merging a re-read document never changes a
translation, a flag or a translator comment.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import polib
from babel import Locale
from babel.messages.catalog import Catalog as BabelCatalog

from l10nflow import __version__
from l10nflow.catalog_entry import (
    EntryState,
    NoteKind,
    entry_state,
    has_translation,
    refresh_notes,
    set_notes,
)
from l10nflow.document import Document

SOURCE_LANGUAGE_HEADER = "X-Source-Language"


def document_slug(path: Path) -> str:
    """The catalog name of a document: its file stem, lower-cased, safe for any file system."""
    stem = unicodedata.normalize("NFC", path.stem).lower()
    slug = re.sub(r"[^\w.-]+", "-", stem).strip("-.")
    return slug or "document"


def catalog_path(locales_dir: Path, lang: str, document: Path) -> Path:
    """``<locales>/<lang>/LC_MESSAGES/<slug>.po``."""
    return locales_dir / lang / "LC_MESSAGES" / f"{document_slug(document)}.po"


def new_catalog(document_name: str, source_lang: str, target_lang: str) -> polib.POFile:
    """An empty catalog whose header babel made (Language, Plural-Forms, UTF-8)."""
    babel = BabelCatalog(locale=target_lang, project=document_name, charset="utf-8", fuzzy=False)
    headers = {key: value.strip() for key, value in babel.mime_headers}
    headers["Project-Id-Version"] = document_name
    headers["Language-Team"] = f"{Locale.parse(target_lang).english_name} <LL@li.org>"
    headers["Content-Type"] = "text/plain; charset=UTF-8"
    headers.pop("Generated-By", None)
    headers["POT-Creation-Date"] = datetime.now(UTC).strftime("%Y-%m-%d %H:%M+0000")
    headers["X-Generator"] = f"l10nflow {__version__}"
    headers[SOURCE_LANGUAGE_HEADER] = source_lang
    catalog = polib.POFile(wrapwidth=0)
    catalog.metadata = headers
    source_name = Locale.parse(source_lang).english_name
    target_name = Locale.parse(target_lang).english_name
    catalog.header = (
        f"{source_name} → {target_name} translation of {document_name}.\n"
        "Review in Poedit, Lokalize or Weblate: fix the text, then clear the fuzzy flag."
    )
    return catalog


def source_language(catalog: polib.POFile) -> str:
    """The catalog's source language: its header, or guessed from the script of the msgids."""
    declared = catalog.metadata.get(SOURCE_LANGUAGE_HEADER, "").strip()
    if declared:
        return declared
    from l10nflow.segment import guess_language

    return guess_language(" ".join(entry.msgid for entry in catalog[:200]))


def target_language(catalog: polib.POFile) -> str:
    """The catalog's language (its ``Language`` header)."""
    return catalog.metadata.get("Language", "").strip()


@dataclass
class MergeReport:
    """What merging a document into its catalog did."""

    new: int = 0
    changed: int = 0
    unchanged: int = 0
    obsolete: int = 0
    revived: int = 0
    purged: int = 0

    def __str__(self) -> str:
        parts = [
            f"{self.new} new",
            f"{self.changed} changed",
            f"{self.unchanged} unchanged",
            f"{self.obsolete} obsolete",
        ]
        parts += [
            f"{n} {name}" for name, n in (("revived", self.revived), ("purged", self.purged)) if n
        ]
        return ", ".join(parts)


# Below the change threshold, the closest earlier reviewed translation at least this similar
# is pointed to in a ``history:`` note.
HISTORY_THRESHOLD = 0.5
# A changed segment inherits the old translation (fuzzy) when the old source is at least this
# similar (Levenshtein ratio on normalised text, the threshold Translate Toolkit's pot2po uses).
CHANGE_THRESHOLD = 0.75


def merge_document(
    catalog: polib.POFile,
    document: Document,
    reference: str,
    *,
    purge_obsolete: bool = False,
    threshold: float = CHANGE_THRESHOLD,
) -> MergeReport:
    """Bring the catalog in line with the document's segments, keeping every translation.

    Unchanged segments keep their entries exactly. A segment without an entry
    whose text is similar enough to a vanished entry's source inherits that
    translation as fuzzy, with the old source as ``#| msgid`` (as ``msgmerge
    --previous`` does). Other new segments get empty entries. Entries whose
    segment is gone become obsolete (``#~``) so their translations stay
    available (``purge_obsolete`` drops them); an obsolete entry whose segment
    returns is revived as it was.
    """
    report = MergeReport()
    by_msgid = {(e.msgctxt, e.msgid): e for e in catalog}
    entries: dict[str, polib.POEntry] = {}
    pending: dict[str, None] = {}  # new texts, in document order
    for segment in document.segments:
        if segment.text in entries or segment.text in pending:
            continue
        entry = by_msgid.get((None, segment.text))
        if entry is None:
            pending[segment.text] = None
            continue
        if entry.obsolete:
            entry.obsolete = False
            report.revived += 1
        else:
            report.unchanged += 1
        entries[segment.text] = entry
    kept = {id(e) for e in entries.values()}
    candidates = [e for e in catalog if id(e) not in kept and e.msgctxt is None and e.msgstr]
    inherit = _Inheritance(candidates, document.lang, threshold)
    for text in pending:
        entry, source = inherit(text)
        if source is None:
            report.new += 1
        else:
            report.changed += 1
            kept.add(id(source))  # its translation moved to the new entry
        entries[text] = entry
    ordered: list[polib.POEntry] = []  # in document order, as msgmerge keeps the template's
    for entry in entries.values():
        entry.occurrences = []
    for segment in document.segments:
        entry = entries[segment.text]
        if not entry.occurrences:
            ordered.append(entry)
            set_notes(entry, NoteKind.BLOCK, [segment.kind.value])
            refresh_notes(entry)
        entry.occurrences.append((reference, str(segment.line)))
    placed = {id(e) for e in ordered}
    for entry in catalog:
        if id(entry) in kept or id(entry) in placed:
            continue
        if not entry.obsolete:
            entry.obsolete = True
            entry.occurrences = []
            report.obsolete += 1
        if purge_obsolete or not has_translation(entry):
            report.purged += purge_obsolete
            continue  # an obsolete entry without a translation holds nothing to keep
        ordered.append(entry)
    catalog[:] = ordered
    return report


class _Inheritance:
    """Gives each new segment the most similar old translation, each old one at most once.

    Candidates are found through a word index (:class:`~l10nflow.similarity.FuzzyIndex`),
    so a rewritten article of many segments merges in linear time.
    """

    def __init__(self, candidates: list[polib.POEntry], lang: str, threshold: float):
        from l10nflow.similarity import FuzzyIndex, match_key

        self.candidates = candidates
        self.lang = lang
        self.threshold = threshold
        self.match_key = match_key
        self.index = FuzzyIndex([match_key(c.msgid, lang) for c in candidates])
        self.taken: set[int] = set()

    def __call__(self, text: str) -> tuple[polib.POEntry, polib.POEntry | None]:
        """An entry for a new segment: fuzzy with the most similar old translation, else empty."""
        if not self.candidates:
            return polib.POEntry(msgid=text, msgstr=""), None
        key = self.match_key(text, self.lang)
        scored = self.index.scored(key, self.threshold, self.taken)
        if not scored:
            return self._with_history(text, key), None
        number, score = scored[0]
        self.taken.add(number)
        best = self.candidates[number]
        entry = polib.POEntry(
            msgid=text,
            msgstr=best.msgstr,
            flags=["fuzzy"],
            previous_msgid=best.msgid,
            tcomment=best.tcomment,
        )
        note = f"source edited ({score:.0%} similar); review the kept translation"
        set_notes(entry, NoteKind.CHANGED, [note])
        return entry, best

    def _with_history(self, text: str, key: str) -> polib.POEntry:
        """An empty entry, pointed to the closest earlier reviewed translation if any is
        at least :data:`HISTORY_THRESHOLD` similar (it stays available, not inherited)."""
        entry = polib.POEntry(msgid=text, msgstr="")
        for number, score in self.index.scored(key, HISTORY_THRESHOLD):
            old = self.candidates[number]
            if entry_state(old) is EntryState.REVIEWED:
                note = f"{score:.0%} similar to an earlier reviewed sentence: {old.msgid}"
                note += f" → {old.msgstr}"
                set_notes(entry, NoteKind.HISTORY, [note])
                break
        return entry
