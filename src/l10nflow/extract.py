"""Extraction: documents into PO catalogs, keeping every existing translation.

All inputs are read and validated before anything is written, so a bad file
anywhere leaves every catalog as it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import polib

from l10nflow.catalog import MergeReport, merge_document, new_catalog
from l10nflow.document import Document
from l10nflow.pofile import read_po, write_po
from l10nflow.project import Project


@dataclass
class CatalogUpdate:
    """One document's catalog for one target language, merged but maybe not yet written."""

    document: Document
    target: str
    path: Path
    catalog: polib.POFile
    report: MergeReport
    written: bool = False


def prepare_updates(
    project: Project,
    files: Sequence[str | Path] = (),
    *,
    source_lang: str | None = None,
    targets: Sequence[str] = (),
    encoding: str | None = None,
) -> list[CatalogUpdate]:
    """Read every document and its catalogs, merge in memory; nothing is written."""
    updates: list[CatalogUpdate] = []
    for path in project.documents(files):
        document = project.read(path, lang=source_lang, encoding=encoding)
        for target in project.target_languages(document.lang, targets):
            po_path = project.catalog_path(path, target)
            if po_path.exists():
                catalog = read_po(po_path)
            else:
                catalog = new_catalog(path.name, document.lang, target)
            report = merge_document(catalog, document, project.reference(path))
            updates.append(CatalogUpdate(document, target, po_path, catalog, report))
    return updates


def write_updates(updates: Sequence[CatalogUpdate]) -> None:
    """Write each merged catalog atomically (only when its bytes change)."""
    for update in updates:
        update.written = write_po(update.catalog, update.path)


def extract(project: Project, files: Sequence[str | Path] = (), **options) -> list[CatalogUpdate]:
    """Create or update the PO catalogs of the given (or all) documents."""
    updates = prepare_updates(project, files, **options)
    write_updates(updates)
    return updates
