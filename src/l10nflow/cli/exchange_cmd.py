"""``l10nflow export`` and ``l10nflow import``: XLIFF 1.2 for CAT tools, thin over
:mod:`l10nflow.exchange`."""

from __future__ import annotations

from pathlib import Path

import click

from l10nflow.cli.output import display_path, note, print_json, warn
from l10nflow.config import LANGUAGES
from l10nflow.i18n import _
from l10nflow.project import Project


@click.command("export")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["xliff", "xliff2"]),
    default="xliff",
    show_default=True,
    help=_("xliff: XLIFF 1.2 (every CAT tool); xliff2: XLIFF 2.0."),
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, file_okay=False),
    required=True,
    help=_("Folder for the XLIFF files (created if missing)."),
)
@click.option(
    "--to",
    "targets",
    type=click.Choice(LANGUAGES),
    multiple=True,
    help=_("Only catalogs of this target language (repeatable)."),
)
@click.pass_context
def export_cmd(ctx: click.Context, files, fmt: str, output: Path, targets) -> None:
    """Write each document's catalogs as XLIFF (1.2, or 2.0) for Trados, memoQ, Phrase, OmegaT.

    One file per document and target language: source, current translation and
    its state, notes (block kind, glossary terms, MT provenance) and what
    `l10nflow import` needs to merge it back.
    """
    from l10nflow.exchange import export_catalogs

    for exported in export_catalogs(Project.discover(), output, files, targets, fmt):
        if exported.left_out:
            warn(
                f"{display_path(exported.catalog)}: {exported.left_out} entries left out (they "
                "hold control characters XML 1.0 cannot carry); they stay in the PO file"
            )
        version = "XLIFF 2.0" if fmt == "xliff2" else "XLIFF 1.2"
        note(ctx, f"{display_path(exported.path)}: {exported.units} units ({version})")


@click.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help=_("The import summary as JSON on stdout."))
@click.option("--no-wait", is_flag=True, help=_("Fail at once if another run holds the project."))
@click.pass_context
def import_cmd(ctx: click.Context, files, as_json: bool, no_wait: bool) -> None:
    """Merge translations from XLIFF files (1.2 or 2.x) back into the PO catalogs.

    Reviewed entries are never overwritten: an unreviewed translation leaves
    them as they are, a different reviewed one is reported as a conflict.
    Exit 1 when a conflict or a unit without an entry was left unapplied.
    """
    from l10nflow.exchange import import_xliff

    reports = import_xliff(
        Project.discover(), files, wait=not no_wait, on_wait=lambda m: note(ctx, m)
    )
    if as_json:
        print_json([report.as_dict() for report in reports])
    for report in reports:
        state = "written" if report.written else "unchanged"
        note(ctx, f"{display_path(report.path)}: {report} ({state})")
        for conflict in report.conflicts:
            warn(
                f"{display_path(Path(conflict.xliff))}:{conflict.line}: conflict, kept the "
                f"reviewed {conflict.kept!r}, not {conflict.offered!r} (source {conflict.msgid!r})"
            )
        for xliff, line, source in report.unmatched:
            warn(f"{display_path(Path(xliff))}:{line}: no entry for the source {source!r}")
    if any(report.conflicts or report.unmatched for report in reports):
        ctx.exit(1)
