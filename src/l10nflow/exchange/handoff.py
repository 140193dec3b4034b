"""Hand catalogs to CAT tools as XLIFF and merge what comes back, losing nothing.

Export writes one XLIFF 1.2 file per catalog (document × target language).
Import checks every file first (well-formed, safe, XLIFF, a catalog of this
project in the right languages) and only then, under the project lock,
merges the units into the PO files re-read from disk:

- a unit is found by its id (a hash of ``msgctxt`` and ``msgid``), else by its
  source text; one whose source no longer has an entry is reported, not applied;
- a reviewed entry is never overwritten: an unreviewed unit leaves it as it is
  (counted as *protected*), a reviewed unit with other text is a *conflict*,
  reported with both texts and left as it is;
- an empty or unreviewed entry takes the unit's text: reviewed units clear the
  ``fuzzy`` flag (and the ``#|`` previous source, as Poedit does), unreviewed
  ones set it;
- translator notes a CAT tool added become translator comments; nothing is
  removed from the PO file (flags, comments, obsolete entries, plurals stay).

A catalog is written only when its bytes change, atomically.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polib

from l10nflow.catalog import document_slug, source_language, target_language
from l10nflow.config import LANGUAGES
from l10nflow.errors import InputError, UsageError
from l10nflow.exchange.model import XliffFile, XliffUnit, unit_id
from l10nflow.exchange.xliff import dump_xliff, read_xliff
from l10nflow.exchange.xliff2 import dump_xliff2
from l10nflow.fsutil import atomic_write_text
from l10nflow.lock import project_lock
from l10nflow.pofile import read_po, write_po
from l10nflow.project import Project
from l10nflow.textnorm import primary_lang

__all__ = ["CatalogImport", "Conflict", "ExportedFile", "export_catalogs", "import_xliff"]


# --- export -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportedFile:
    """One XLIFF file written: where, from which catalog, how many units."""

    path: Path
    catalog: Path
    units: int
    left_out: int  # entries XML 1.0 cannot carry (they stay in the PO file)


# --format -> the writer of that XLIFF version
WRITERS: dict[str, Callable[[polib.POFile, str], tuple[str, int]]] = {
    "xliff": dump_xliff,
    "xliff2": dump_xliff2,
}


def export_catalogs(
    project: Project,
    out_dir: Path,
    files: Sequence[str | Path] = (),
    targets: Sequence[str] = (),
    fmt: str = "xliff",
) -> list[ExportedFile]:
    """Write ``<out_dir>/<document>.<source>-<target>.xlf`` for every catalog of the documents,
    as XLIFF 1.2 (``fmt="xliff"``) or 2.0 (``"xliff2"``).

    A document without any catalog is a :class:`UsageError` (run ``extract``
    first); nothing is written before every catalog has been read.
    """
    dump = WRITERS[fmt]
    wanted = list(targets) or list(project.config.target_languages) or list(LANGUAGES)
    jobs: list[tuple[Path, polib.POFile, Path]] = []
    for document in project.documents(files):
        paths = [project.catalog_path(document, lang) for lang in wanted]
        found = [path for path in paths if path.is_file()]
        if not found:
            raise UsageError(
                f"{project.reference(document)}: no catalog; run `l10nflow extract` first"
            )
        for path in found:
            catalog = read_po(path)
            pair = f"{source_language(catalog)}-{target_language(catalog)}"
            jobs.append((path, catalog, out_dir / f"{document_slug(document)}.{pair}.xlf"))
    exported = []
    for path, catalog, destination in jobs:
        text, written = dump(catalog, project.reference(path))
        atomic_write_text(destination, text)
        total = sum(1 for e in catalog if not e.obsolete and not e.msgid_plural and e.msgid)
        # (total - written: entries with characters XML 1.0 cannot carry)
        exported.append(ExportedFile(destination, path, written, total - written))
    return exported


# --- import -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Conflict:
    """A reviewed entry and a reviewed unit that disagree; the entry was kept."""

    msgid: str
    kept: str
    offered: str
    xliff: str
    line: int


@dataclass
class CatalogImport:
    """What merging XLIFF units into one catalog did."""

    path: Path
    reviewed: int = 0  # entries that took a reviewed translation
    updated: int = 0  # empty or unreviewed entries that took an unreviewed translation
    unchanged: int = 0
    protected: int = 0  # reviewed entries kept against an unreviewed unit
    untranslated: int = 0  # units without a target text
    notes: int = 0  # translator notes added
    conflicts: list[Conflict] = field(default_factory=list)
    unmatched: list[tuple[str, int, str]] = field(default_factory=list)  # (xliff, line, source)
    written: bool = False

    def __str__(self) -> str:
        parts = [
            f"{self.reviewed} reviewed",
            f"{self.updated} unreviewed",
            f"{self.protected} kept reviewed",
            f"{len(self.conflicts)} conflicts",
            f"{len(self.unmatched)} not found",
            f"{self.unchanged} unchanged",
        ]
        if self.untranslated:
            parts.append(f"{self.untranslated} untranslated")
        if self.notes:
            parts.append(f"{self.notes} notes added")
        return ", ".join(parts)

    def as_dict(self) -> dict:
        return {
            "catalog": str(self.path),
            "reviewed": self.reviewed,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "protected": self.protected,
            "untranslated": self.untranslated,
            "notes": self.notes,
            "conflicts": [c.__dict__ for c in self.conflicts],
            "unmatched": [{"xliff": x, "line": n, "source": s} for x, n, s in self.unmatched],
            "written": self.written,
        }


def import_xliff(
    project: Project,
    paths: Sequence[Path],
    *,
    wait: bool = True,
    on_wait: Callable[[str], None] | None = None,
) -> list[CatalogImport]:
    """Merge XLIFF files into the project's catalogs (see the module doc).

    Every file is read and checked, and every catalog re-read under the lock
    and checked against its file's languages, before anything is written; any
    problem is an :class:`InputError` and nothing changes.
    """
    parsed = [(Path(path), xliff_file) for path in paths for xliff_file in read_xliff(Path(path))]
    targets = [
        (path, xliff_file, _catalog_for(project, path, xliff_file)) for path, xliff_file in parsed
    ]
    with project_lock(project.root, wait=wait, on_wait=on_wait):
        catalogs: dict[Path, polib.POFile] = {}
        reports: dict[Path, CatalogImport] = {}
        for path, xliff_file, po_path in targets:
            if po_path not in catalogs:
                catalogs[po_path] = read_po(po_path)
                reports[po_path] = CatalogImport(path=po_path)
            _check_languages(catalogs[po_path], xliff_file, path, po_path)
        for path, xliff_file, po_path in targets:
            merge_units(catalogs[po_path], xliff_file.units, reports[po_path], str(path))
        for po_path, catalog in catalogs.items():
            reports[po_path].written = write_po(catalog, po_path)
    return list(reports.values())


def _catalog_for(project: Project, path: Path, xliff_file: XliffFile) -> Path:
    """The project's PO file a ``<file original>`` names; anything else is refused."""
    locales = project.locales_dir.resolve()
    candidate = (project.root / xliff_file.original).resolve()
    if (
        Path(xliff_file.original).is_absolute()
        or not candidate.is_relative_to(locales)
        or candidate.suffix != ".po"
        or not candidate.is_file()
    ):
        raise InputError(
            f"<file original={xliff_file.original!r}> names no catalog of this project "
            f"(expected a PO file under {project.reference(locales)}/)",
            path=path,
            line=xliff_file.line or None,
        )
    return candidate


def _check_languages(catalog: polib.POFile, xliff_file: XliffFile, path: Path, po: Path) -> None:
    ours = (source_language(catalog), target_language(catalog))
    theirs = (xliff_file.source_language, xliff_file.target_language or ours[1])
    if not theirs[0] or any(
        primary_lang(a) != primary_lang(b) for a, b in zip(ours, theirs, strict=True)
    ):
        raise InputError(
            f"wrong languages: the file is {theirs[0] or '?'} → {theirs[1]}, "
            f"the catalog {po.name} is {ours[0]} → {ours[1]}",
            path=path,
            line=xliff_file.line or None,
        )


def merge_units(
    catalog: polib.POFile, units: Sequence[XliffUnit], report: CatalogImport, xliff: str = ""
) -> CatalogImport:
    """Merge units into ``catalog`` in memory, counting what happened in ``report``."""
    by_id: dict[str, polib.POEntry] = {}
    by_source: dict[str, polib.POEntry] = {}
    for entry in sorted(catalog, key=lambda e: not e.obsolete):  # active entries win
        if entry.msgid and not entry.msgid_plural:
            by_id[unit_id(entry.msgctxt, entry.msgid)] = entry
            if entry.msgctxt is None:
                by_source[entry.msgid] = entry
    for unit in units:
        entry = by_id.get(unit.id)
        if entry is None or entry.msgid != unit.source:
            entry = by_source.get(unit.source)
        if entry is None:
            if unit.target:
                report.unmatched.append((xliff, unit.line, unit.source))
            continue
        report.notes += _merge_notes(entry, unit.translator_notes)
        _merge_translation(entry, unit, report, xliff)
    return report


def _merge_translation(
    entry: polib.POEntry, unit: XliffUnit, report: CatalogImport, xliff: str
) -> None:
    text = unit.target
    if not text:
        report.untranslated += 1
        return
    if entry.msgstr and "fuzzy" not in entry.flags:  # reviewed: never overwritten
        if text == entry.msgstr:
            report.unchanged += 1
        elif unit.reviewed:
            report.conflicts.append(Conflict(entry.msgid, entry.msgstr, text, xliff, unit.line))
        else:
            report.protected += 1
        return
    if unit.reviewed:
        entry.msgstr = text
        entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
        entry.previous_msgid = entry.previous_msgctxt = entry.previous_msgid_plural = None
        report.reviewed += 1
    elif text == entry.msgstr:
        report.unchanged += 1
    else:
        entry.msgstr = text
        if "fuzzy" not in entry.flags:
            entry.flags.insert(0, "fuzzy")
        report.updated += 1


def _merge_notes(entry: polib.POEntry, notes: list[str]) -> int:
    """Append translator notes the entry does not have yet; how many were added."""
    current = entry.tcomment or ""
    added = 0
    for note in notes:
        if note.strip() and note not in current:
            current = f"{current}\n{note}" if current else note
            added += 1
    if added:
        entry.tcomment = current
    return added
