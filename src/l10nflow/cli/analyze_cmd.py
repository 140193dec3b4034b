"""``l10nflow analyze``: words and segments per match band, for quoting (thin over
:mod:`l10nflow.analyze`)."""

from __future__ import annotations

from pathlib import Path

import click

from l10nflow.cli.output import display_path, print_json, table, warn
from l10nflow.config import LANGUAGES
from l10nflow.i18n import _
from l10nflow.project import Project


@click.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--to",
    "targets",
    type=click.Choice(LANGUAGES),
    multiple=True,
    help=_("Target language (repeatable; default: the project's)."),
)
@click.option("--json", "as_json", is_flag=True, help=_("JSON instead of tables."))
@click.pass_context
def analyze(ctx: click.Context, files, targets, as_json: bool) -> None:
    """Words and segments per match band (repetitions, 100%, 95-99% ... new), per
    document and in total, as CAT tools report them for quoting.

    Bands come from the documents' catalogs (reviewed entries) and the project's
    translation memory; words are counted as Trados Studio counts them.
    """
    from l10nflow.analyze import BANDS, analysis_memory, analyze_project

    project = Project.discover()
    with analysis_memory(project) as memory:
        if memory is not None and memory.rebuilt:
            warn(f"{display_path(memory.path)} was unusable ({memory.rebuilt}): rebuilt")
        result = analyze_project(
            project, files, targets=targets, memory=memory, progress=_progress(ctx)
        )
    if as_json:
        print_json(result.as_dict())
        return
    total = result.total
    rows = [
        [
            band,
            total.segments[band],
            total.words[band],
            f"{100 * total.words[band] / total.total_words:.1f}%" if total.total_words else "0%",
        ]
        for band in BANDS
    ]
    rows.append(["total", total.total_segments, total.total_words, "100%"])
    click.echo(table(["band", "segments", "words", "words %"], rows))
    click.echo()
    pairs = {(row.source, row.target) for row in result.documents}
    per_document = [
        [
            row.document + (f" ({row.source}→{row.target})" if len(pairs) > 1 else ""),
            *(row.counts.words[band] for band in BANDS),
            row.counts.total_words,
        ]
        for row in result.documents
    ]
    click.echo(table(["words per document", *BANDS, "total"], per_document))


def _progress(ctx: click.Context):
    """A progress bar over the documents on a terminal (not with -q), else nothing."""
    if not ctx.find_root().obj.get("progress"):
        return iter

    def bar(paths):
        from tqdm import tqdm

        return tqdm(paths, unit="doc", desc="analysing", leave=False)

    return bar
