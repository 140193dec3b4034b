"""Assembly: the skeleton of a document plus its catalog's translations.

Reviewed entries are always used. For the rest, the fallback decides: the
source text, the unreviewed machine translation, or failure naming what is
missing. A reviewed-share threshold can refuse to write at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import polib

from l10nflow.catalog import target_language
from l10nflow.catalog_entry import EntryState, entry_state
from l10nflow.document import Document, Segment
from l10nflow.errors import Incomplete
from l10nflow.fsutil import atomic_write_bytes

if TYPE_CHECKING:
    from l10nflow.project import Project


class Fallback(StrEnum):
    """What to put where a segment has no reviewed translation."""

    SOURCE = "source"
    MT = "mt"
    FAIL = "fail"


@dataclass
class AssemblyReport:
    """How each segment of an assembled document was filled."""

    reviewed: int = 0
    unreviewed_used: int = 0
    source_used: int = 0
    missing: list[Segment] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.reviewed + self.unreviewed_used + self.source_used

    @property
    def reviewed_percent(self) -> float:
        return 100.0 * self.reviewed / self.total if self.total else 100.0


def assemble_text(
    document: Document, catalog: polib.POFile, fallback: Fallback = Fallback.SOURCE
) -> tuple[str, AssemblyReport]:
    """The translated text of ``document`` and a report of what was used.

    The output is localized for the catalog's language (HTML's root ``lang``/``dir``)
    only when some of its text is in that language.
    """
    entries = {e.msgid: e for e in catalog if not e.obsolete and e.msgctxt is None}
    report = AssemblyReport()
    chosen: dict[int, str | None] = {}
    for segment in document.segments:
        entry = entries.get(segment.text)
        state = entry_state(entry) if entry is not None else EntryState.EMPTY
        if state is EntryState.REVIEWED:
            report.reviewed += 1
            chosen[segment.index] = entry.msgstr
        elif fallback is Fallback.MT and state in (EntryState.MACHINE, EntryState.MEMORY):
            report.unreviewed_used += 1
            chosen[segment.index] = entry.msgstr
        else:
            report.source_used += 1
            report.missing.append(segment)
            chosen[segment.index] = None
    translated = report.reviewed + report.unreviewed_used > 0
    target = (target_language(catalog) or None) if translated else None
    text = document.render(lambda segment: chosen[segment.index], target)
    screen_output(document, text)
    return text, report


def screen_output(document: Document, text: str) -> None:
    """The last guard: an assembled Markdown or HTML document is screened as a whole, so
    that pieces of several translations cannot join into markup the source lacks."""
    document.file_format.screen(text, document.render(), document.path)


def completeness_problem(
    report: AssemblyReport, fallback: Fallback, min_reviewed: float | None = None
) -> str | None:
    """Why the fallback or the reviewed threshold forbids writing a document (None: it may)."""
    if fallback is Fallback.FAIL and report.missing:
        first = report.missing[0]
        return (
            f"{len(report.missing)} segment(s) without a reviewed translation, first at "
            f"line {first.line}: {_shorten(first.text)!r}"
        )
    if min_reviewed is not None and report.reviewed_percent < min_reviewed:
        return f"{report.reviewed_percent:.0f}% reviewed (--min-reviewed {min_reviewed:g})"
    return None


def write_translation(document: Document, text: str, output: Path) -> None:
    """Write an assembled text atomically, in the source's encoding and BOM convention."""
    atomic_write_bytes(output, document.encode(text))


@dataclass
class AssemblyJob:
    """One translated document to write: where, what, and how it was filled."""

    document: Document
    target: str
    destination: Path
    text: str
    report: AssemblyReport


def plan_assembly(
    project: Project,
    files: Sequence[str | Path] = (),
    *,
    source_lang: str | None = None,
    targets: Sequence[str] = (),
    output: Path | None = None,
    fallback: Fallback = Fallback.SOURCE,
    min_reviewed: float | None = None,
    encoding: str | None = None,
) -> list[AssemblyJob]:
    """Assemble every document (and target) in memory; nothing is written.

    ``output`` is a file for a single document, else a folder (``<output>/<lang>/<name>``);
    by default ``<output_dir>/<lang>/<name>``. Raises :class:`Incomplete` naming every
    document that the fallback or ``min_reviewed`` forbids writing.
    """
    from l10nflow.errors import CatalogError
    from l10nflow.pofile import read_po

    loaded = []
    pairs = project.pairs(files, source_lang=source_lang, targets=targets, encoding=encoding)
    for document, target in pairs:
        po_path = project.catalog_path(document.path, target)
        if not po_path.exists():
            raise CatalogError("no catalog; run `l10nflow extract` first", path=po_path)
        loaded.append((document, target, read_po(po_path)))
    single = len(loaded) == 1
    jobs, problems = [], []
    for document, target, catalog in loaded:
        text, report = assemble_text(document, catalog, fallback)
        problem = completeness_problem(report, fallback, min_reviewed)
        if problem:
            problems.append(f"{project.reference(document.path)} → {target}: {problem}")
        if output is None:
            destination = project.output_path(document.path, target)
        elif single and not output.is_dir():
            destination = output
        else:
            destination = output / target / document.path.name
        jobs.append(AssemblyJob(document, target, destination, text, report))
    if problems:
        raise Incomplete(
            f"{len(problems)} document(s) cannot be written: {'; '.join(problems)}; nothing written"
        )
    return jobs


def write_assembly(jobs: Sequence[AssemblyJob]) -> None:
    """Write planned documents (atomically, each in its source's encoding)."""
    for job in jobs:
        write_translation(job.document, job.text, job.destination)


def _shorten(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
