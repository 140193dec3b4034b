"""The workflow as a library: what each command does, callable from Python.

The command line parses options, calls one of these and prints the result::

    from l10nflow.project import Project
    from l10nflow import workflow

    project = Project.discover("newsroom/")
    workflow.extract(project)
    report = workflow.translate(project)            # the project's models and settings
    print(workflow.status(project).total.reviewed_percent)
    workflow.write_assembly(workflow.assemble(project, fallback=workflow.Fallback.MT))
    print(workflow.check(project).summary_line())

Every setting comes from the project file unless an argument overrides it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from l10nflow.assemble import AssemblyJob, Fallback, write_assembly
from l10nflow.assemble import plan_assembly as assemble
from l10nflow.check import FORMATS, CheckReport, format_report, run_checks
from l10nflow.errors import InputError, UsageError
from l10nflow.extract import extract
from l10nflow.pofile import read_po
from l10nflow.project import Project
from l10nflow.status import CatalogStatus, catalog_status, pair_totals, total_status
from l10nflow.translate import TranslateReport, translate_project

__all__ = [
    "AssemblyJob",
    "Fallback",
    "Status",
    "assemble",
    "catalog_paths",
    "check",
    "extract",
    "format_check_report",
    "status",
    "translate",
    "write_assembly",
]


def translate(project: Project, files: Sequence[str | Path] = (), **options) -> TranslateReport:
    """Extract, reuse and machine-translate (see :func:`l10nflow.translate.translate_project`);
    without ``engine_factory`` the project's models load into its configured engine."""
    if "engine_factory" not in options:
        from l10nflow.mt.factory import EngineFactory

        options["engine_factory"] = EngineFactory.for_project(project, options.get("settings"))
    return translate_project(project, files, **options)


def catalog_paths(
    project: Project, given: Sequence[Path] = (), display: Callable[[Path], Path] = Path
) -> list[Path]:
    """The PO files named (folders searched recursively), else the project's catalogs."""
    if not given:
        found = project.catalogs()
        if not found:
            raise UsageError(
                f"no catalogs in {display(project.locales_dir)}: "
                "name PO files or folders, or run `l10nflow extract`"
            )
        return [display(p) for p in found]
    chosen: dict[Path, Path] = {}
    for path in given:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*.po") if p.is_file())
            if not found:
                raise InputError("no PO catalogs in this folder", path=path)
        elif path.is_file():
            found = [path]
        else:
            raise InputError("no such file or folder", path=path)
        for item in found:
            chosen.setdefault(item.resolve(), display(item))
    return list(chosen.values())


def check(
    project: Project,
    paths: Sequence[Path] = (),
    *,
    glossaries: Sequence[Path] = (),
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    jobs: int | None = None,
    display: Callable[[Path], Path] = Path,
    **overrides: Any,
) -> CheckReport:
    """``l10nflow check``: the project's (or the named) catalogs against its glossaries.

    ``overrides`` replace ``[check]`` settings (``max_fuzzy``, ``min_reviewed``,
    ``fail_on``, ``require_reviewed``); None leaves a setting as the project has it.
    """
    catalogs = catalog_paths(project, paths, display)
    glossary = project.load_glossary(glossaries)
    settings = replace(
        project.config.check, **{k: v for k, v in overrides.items() if v is not None}
    )
    return run_checks(catalogs, glossary, settings, select=select, ignore=ignore, jobs=jobs)


# Report formats of ``check``: the check package's, and the review desk's HTML page.
REPORT_FORMATS = (*FORMATS, "html")


def format_check_report(report: CheckReport, fmt: str = "text", *, color: bool = False) -> str:
    """A check report in one of :data:`REPORT_FORMATS` (``html`` needs the review extra)."""
    if fmt != "html":
        return format_report(report, fmt, color=color)
    try:
        from l10nflow.review.report_html import format_html
    except ImportError as error:
        raise UsageError(
            f"--format html needs {error.name}: pip install 'l10nflow[review]'"
        ) from None
    return format_html(report)


@dataclass
class Status:
    """``l10nflow status``: per catalog, per language pair, and in total."""

    catalogs: list[CatalogStatus]
    pairs: dict[str, CatalogStatus]
    total: CatalogStatus


def status(
    project: Project, paths: Sequence[Path] = (), display: Callable[[Path], Path] = Path
) -> Status:
    """Review counts of the named catalogs, else of every catalog of the project."""
    if not paths:
        if not project.has_file:
            raise UsageError("no l10nflow.toml found; name the PO files")
        paths = project.catalogs()
        if not paths:
            raise UsageError(f"no catalogs in {display(project.locales_dir)}; run extract")
    statuses = [catalog_status(read_po(path), display(path)) for path in paths]
    statuses.sort(key=lambda s: (s.pair, s.path))
    return Status(statuses, pair_totals(statuses), total_status(statuses))
