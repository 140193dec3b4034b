"""``l10nflow check``: the CI gate over PO catalogs and glossaries.

Thin: finds the catalogs and glossaries, merges ``[check]`` settings with the
flags, calls :func:`l10nflow.check.run_checks` and writes the report. Exit 0
clean, 1 findings at or above the failing severity, 2 bad usage or input.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from l10nflow.check import parse_codes
from l10nflow.cli.output import display_path, note
from l10nflow.config import SEVERITIES
from l10nflow.fsutil import atomic_write_text
from l10nflow.i18n import _
from l10nflow.project import Project
from l10nflow.workflow import REPORT_FORMATS


def _use_color(fmt: str, output: Path | None) -> bool:
    terminal = sys.stdout is not None and sys.stdout.isatty()
    return fmt == "text" and output is None and "NO_COLOR" not in os.environ and terminal


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--glossary",
    "-g",
    "glossaries",
    multiple=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help=_("Glossary file (repeatable; default: the project's)."),
)
@click.option(
    "--format", "fmt", type=click.Choice(REPORT_FORMATS), default="text", show_default=True
)
@click.option("--select", multiple=True, metavar="CODES", help=_("Report only these codes."))
@click.option("--ignore", multiple=True, metavar="CODES", help=_("Do not report these codes."))
@click.option(
    "-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help=_("Report file.")
)
@click.option("--max-fuzzy", type=click.IntRange(min=0), help=_("Fail above N fuzzy entries."))
@click.option("--require-reviewed", is_flag=True, help=_("Fail on every unreviewed entry."))
@click.option("--min-reviewed", type=click.FloatRange(0, 100), help=_("Fail below PCT reviewed."))
@click.option("--fail-on", type=click.Choice(SEVERITIES), help=_("Lowest failing severity."))
@click.option(
    "-j", "--jobs", type=click.IntRange(min=1), help=_("Worker processes (default: one per CPU).")
)
@click.pass_context
def check(
    ctx: click.Context,
    paths: tuple[Path, ...],
    glossaries: tuple[Path, ...],
    fmt: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    output: Path | None,
    max_fuzzy: int | None,
    require_reviewed: bool,
    min_reviewed: float | None,
    fail_on: str | None,
    jobs: int | None,
) -> None:
    """Check PO catalogs: glossary, consistency, numbers, markup, validity, review.

    PATHS are PO files or folders; without them, every catalog of the project.
    CODES are comma-separated finding codes (see docs/check.md). Exit 0 clean,
    1 findings at or above the failing severity, 2 bad usage or input.
    """
    parse_codes(select, "--select")
    parse_codes(ignore, "--ignore")
    from l10nflow import workflow

    project = Project.discover()
    report = workflow.check(
        project,
        paths,
        glossaries=glossaries,
        select=select,
        ignore=ignore,
        jobs=jobs,
        display=lambda path: Path(display_path(path)),
        max_fuzzy=max_fuzzy,
        min_reviewed=min_reviewed,
        fail_on=fail_on,
        require_reviewed=require_reviewed or None,
    )
    if report.signature.glossary is None:
        note(ctx, _("no glossary named or configured: glossary checks skipped"))
    color = _use_color(fmt, output)
    text = workflow.format_check_report(report, fmt, color=color)
    if output is not None:
        atomic_write_text(output, text)
        note(ctx, f"{display_path(output)}: {report.summary_line()}")
    else:
        click.echo(text, nl=False, color=color)
        if fmt not in ("text", "github"):  # those two end with the summary line
            note(ctx, report.summary_line())
    ctx.exit(report.exit_code)
