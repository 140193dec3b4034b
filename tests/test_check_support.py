"""Helpers for the ``check`` tests: a small glossary, PO catalogs built entry by entry.

(No tests here: the other ``test_check_*`` modules import these helpers and fixtures.)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import polib
import pytest

from l10nflow.catalog import new_catalog
from l10nflow.catalog_entry import NoteKind
from l10nflow.check import CheckReport, run_checks
from l10nflow.config import CheckSettings
from l10nflow.glossary import Glossary
from l10nflow.pofile import write_po

GLOSSARY_CSV = """\
ar,en,forbidden:ar,forbidden:en,note
الحرس الوطني,National Guard,الحارس الوطني|الحراسة الوطنية,national watch|national guardian,
القوات الخاصة,special forces,,private forces,
وزارة الدفاع,Ministry of Defense|Defense Ministry,,,
الفريق أول|الجنرال,General|Gen.,,,
الرقيب أول,Staff Sergeant|Staff Sgt.,,First Sergeant,
التدريب المشترك,joint training,,,
"""


@dataclass
class E:
    """One PO entry to write: fuzzy entries get an ``mt:`` note (machine translation)."""

    msgid: str
    msgstr: str = ""
    fuzzy: bool = False
    ctx: str | None = None
    flags: list[str] = field(default_factory=list)
    obsolete: bool = False

    def entry(self) -> polib.POEntry:
        entry = polib.POEntry(msgid=self.msgid, msgstr=self.msgstr, msgctxt=self.ctx)
        entry.flags = list(self.flags) + (["fuzzy"] if self.fuzzy else [])
        entry.comment = f"{NoteKind.MT.prefix}test-engine" if self.fuzzy else ""
        entry.obsolete = self.obsolete
        return entry


def write_catalog(
    root: Path,
    target: str,
    entries: list[E],
    *,
    source: str | None = None,
    name: str = "doc",
    headers: dict[str, str | None] | None = None,
) -> Path:
    """``root/locales/<target>/LC_MESSAGES/<name>.po`` with a babel header and ``entries``."""
    source = source or ("en" if target == "ar" else "ar")
    catalog = new_catalog(f"{name}.txt", source, target)
    for key, value in (headers or {}).items():
        if value is None:
            catalog.metadata.pop(key, None)
        else:
            catalog.metadata[key] = value
    catalog.extend(item.entry() for item in entries)
    path = root / "locales" / target / "LC_MESSAGES" / f"{name}.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    write_po(catalog, path)
    declared = (headers or {}).get("Content-Type")
    if declared:  # another tool's header, as it wrote it (our writer always says UTF-8)
        text = path.read_text(encoding="utf-8").replace("text/plain; charset=UTF-8", declared)
        path.write_text(text, encoding="utf-8")
    return path


def check(
    paths: list[Path],
    glossary: Glossary | None = None,
    *,
    select: tuple[str, ...] = (),
    ignore: tuple[str, ...] = (),
    jobs: int | None = None,
    **settings,
) -> CheckReport:
    settings_ = CheckSettings(**settings)
    return run_checks(paths, glossary, settings_, select=select, ignore=ignore, jobs=jobs)


def codes(report: CheckReport) -> list[str]:
    return [finding.code for finding in report.findings]


def exact_line(path: Path, text: str) -> int:
    """The 1-based number of the first line of ``path`` that contains ``text``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if text in line)


def line_of(path: Path, text: str) -> int:
    """The first line of the entry (its comment or msg block) holding ``text``, 1-based."""
    lines = path.read_text(encoding="utf-8").splitlines()
    target = next(i for i, line in enumerate(lines) if text in line)
    start = target
    while start > 0 and lines[start - 1].strip():
        start -= 1
    return start + 1


@pytest.fixture(scope="session")
def glossary_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("glossary") / "terms.csv"
    path.write_text(GLOSSARY_CSV, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def glossary(glossary_path: Path) -> Glossary:
    return Glossary.load([glossary_path])
