"""Assembly: the skeleton of a document plus its catalog's translations.

Reviewed entries are always used. For the rest, the fallback decides: the
source text, the unreviewed machine translation, or failure naming what is
missing. A reviewed-share threshold can refuse to write at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

import polib

from l10nflow.catalog import EntryState, entry_state, target_language
from l10nflow.document import Document, Segment
from l10nflow.errors import Incomplete
from l10nflow.fsutil import atomic_write_bytes


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
    """The translated text of ``document`` and a report of what was used."""
    entries = {e.msgid: e for e in catalog if not e.obsolete and e.msgctxt is None}
    report = AssemblyReport()

    def translate(segment: Segment) -> str | None:
        entry = entries.get(segment.text)
        state = entry_state(entry) if entry is not None else EntryState.EMPTY
        if state is EntryState.REVIEWED:
            report.reviewed += 1
            return entry.msgstr
        if fallback is Fallback.MT and state in (EntryState.MACHINE, EntryState.MEMORY):
            report.unreviewed_used += 1
            return entry.msgstr
        report.source_used += 1
        report.missing.append(segment)
        return None

    text = document.render(translate, target_language(catalog) or None)
    screen_output(document, text)
    return text, report


def screen_output(document: Document, text: str) -> None:
    """The last guard: an assembled Markdown or HTML document is screened as a whole, so
    that pieces of several translations cannot join into markup the source lacks."""
    if document.format == "markdown":
        from l10nflow.document.markdown import screen_markdown

        screen_markdown(text, document.render(), document.path)
    elif document.format == "html":
        from l10nflow.document.html import screen_html

        screen_html(text, document.render(), document.path)


def check_complete(
    document: Document,
    report: AssemblyReport,
    fallback: Fallback,
    min_reviewed: float | None = None,
) -> None:
    """Raise :class:`Incomplete` when the fallback or the reviewed threshold forbids writing."""
    if fallback is Fallback.FAIL and report.missing:
        first = report.missing[0]
        raise Incomplete(
            f"{len(report.missing)} segment(s) have no reviewed translation, first at "
            f"line {first.line}: {_shorten(first.text)!r}; nothing written",
            path=document.path,
        )
    if min_reviewed is not None and report.reviewed_percent < min_reviewed:
        raise Incomplete(
            f"only {report.reviewed_percent:.0f}% of segments reviewed "
            f"(--min-reviewed {min_reviewed:g}); nothing written",
            path=document.path,
        )


def write_translation(document: Document, text: str, output: Path) -> None:
    """Write an assembled text atomically, in the source's encoding and BOM convention."""
    atomic_write_bytes(output, document.encode(text))


def assemble(
    document: Document,
    catalog: polib.POFile,
    output: Path,
    *,
    fallback: Fallback = Fallback.SOURCE,
    min_reviewed: float | None = None,
) -> AssemblyReport:
    """Assemble one document into ``output``, or raise :class:`Incomplete` writing nothing."""
    text, report = assemble_text(document, catalog, fallback)
    check_complete(document, report, fallback, min_reviewed)
    write_translation(document, text, output)
    return report


def _shorten(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
