"""Extraction: documents into PO catalogs, keeping every existing translation.

All inputs are read and validated before anything is written, so a bad file
anywhere leaves every catalog as it was. Saving, and never overwriting
someone else's work, is :mod:`l10nflow.catalog_updates`'s job.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from l10nflow.catalog import merge_document, new_catalog
from l10nflow.catalog_updates import CatalogUpdate, read_existing, write_updates
from l10nflow.pofile import parse_po
from l10nflow.project import Project


def prepare_updates(
    project: Project,
    files: Sequence[str | Path] = (),
    *,
    source_lang: str | None = None,
    targets: Sequence[str] = (),
    encoding: str | None = None,
    purge_obsolete: bool = False,
) -> list[CatalogUpdate]:
    """Read every document and its catalogs, merge in memory; nothing is written."""
    updates: list[CatalogUpdate] = []
    pairs = project.pairs(files, source_lang=source_lang, targets=targets, encoding=encoding)
    for document, target in pairs:
        path = document.path
        reference = project.reference(path)
        po_path = project.catalog_path(path, target)
        loaded = read_existing(po_path)
        catalog = (
            parse_po(loaded, po_path)  # the bytes just read: one read, one parse
            if loaded is not None
            else new_catalog(path.name, document.lang, target)
        )
        report = merge_document(catalog, document, reference, purge_obsolete=purge_obsolete)
        updates.append(
            CatalogUpdate(
                document,
                target,
                po_path,
                catalog,
                report,
                reference,
                loaded,
                wrap=project.config.catalog.wrap,
            )
        )
    return updates


def extract(project: Project, files: Sequence[str | Path] = (), **options) -> list[CatalogUpdate]:
    """Create or update the PO catalogs of the given (or all) documents."""
    updates = prepare_updates(project, files, **options)
    write_updates(updates)
    return updates
