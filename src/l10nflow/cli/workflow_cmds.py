"""Commands of the main flow: init, segment, extract, assemble, status."""

from __future__ import annotations

import glob
from pathlib import Path

import click

from l10nflow.assemble import Fallback, plan_assembly, write_assembly
from l10nflow.cli.output import (
    display_path,
    guess_note,
    note,
    print_json,
    table,
    warn,
    warn_documents,
)
from l10nflow.config import CONFIG_NAME, LANGUAGES, render_template
from l10nflow.errors import UsageError
from l10nflow.extract import extract as run_extract
from l10nflow.fsutil import atomic_write_text
from l10nflow.i18n import _, isolate
from l10nflow.lock import project_lock
from l10nflow.project import Project
from l10nflow.status import CatalogStatus

LANG = click.Choice(LANGUAGES)


@click.command()
@click.option("--source", "source", type=LANG, default="ar", show_default=True)
@click.option("--target", "target", type=LANG, default="en", show_default=True)
@click.option(
    "--two-way",
    is_flag=True,
    help=_(
        "Arabic articles (articles/ar) into English and English ones (articles/en) into Arabic."
    ),
)
@click.pass_context
def init(ctx: click.Context, source: str, target: str, two_way: bool) -> None:
    """Write a commented l10nflow.toml and the articles/, glossaries/ and locales/ folders."""
    if source == target:
        raise UsageError("--source and --target must differ")
    root = Path.cwd()
    path = root / CONFIG_NAME
    if path.exists():
        raise UsageError(f"{CONFIG_NAME} already exists here; edit it instead")
    glossaries = ["defense", *sorted(Path(p).as_posix() for p in glob.glob("glossaries/*.csv"))]
    folders = ("articles/ar", "articles/en") if two_way else ("articles",)
    for folder in (*folders, "glossaries", "locales"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    atomic_write_text(path, render_template(source, target, glossaries, two_way=two_way))
    where = "articles/ar/ and articles/en/" if two_way else "articles/"
    message = _("wrote {config}; put articles in {folders} and run `l10nflow translate`")
    note(ctx, message.format(config=CONFIG_NAME, folders=where))


@click.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--lang", type=LANG, help=_("Language of the article (default: project, else guessed).")
)
@click.option("--json", "as_json", is_flag=True, help=_("A JSON list of segments."))
@click.option("--encoding", help=_("Encoding of the article (default: UTF-8)."))
@click.pass_context
def segment(ctx: click.Context, file: Path, lang: str | None, as_json: bool, encoding: str | None):
    """Print the segments of FILE, one a line (or as JSON)."""
    project = Project.discover()
    document = project.read(file, lang=lang, encoding=encoding)
    warn_documents([document])
    guess_note(ctx, document, lang, project, "--lang")
    if as_json:
        print_json(
            [
                {"id": s.id, "text": s.text, "block": s.block, "kind": s.kind.value, "line": s.line}
                for s in document.segments
            ]
        )
    else:
        for item in document.segments:
            click.echo(item.text)


@click.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--from", "source", type=LANG, help=_("Language of the articles."))
@click.option("--to", "targets", type=LANG, multiple=True, help=_("Target language (repeatable)."))
@click.option("--encoding", help=_("Encoding of the articles (default: UTF-8)."))
@click.option("--purge-obsolete", is_flag=True, help=_("Drop obsolete (#~) entries."))
@click.option("--no-wait", is_flag=True, help=_("Fail at once if another run holds the project."))
@click.pass_context
def extract(ctx: click.Context, files, source, targets, encoding, purge_obsolete, no_wait) -> None:
    """Create or update PO catalogs (empty msgstr); every existing translation is kept.

    An edited sentence keeps the translation of its old version as fuzzy,
    with the old source as #| msgid; a removed one becomes obsolete (#~).
    """
    project = Project.discover()
    with project_lock(project.root, wait=not no_wait, on_wait=lambda m: note(ctx, m)):
        updates = run_extract(
            project,
            files,
            source_lang=source,
            targets=targets,
            encoding=encoding,
            purge_obsolete=purge_obsolete,
        )
    warn_documents(update.document for update in updates)
    guessed = set()
    for update in updates:
        if update.document.path not in guessed:
            guess_note(ctx, update.document, source, project, "--from")
            guessed.add(update.document.path)
        state = _("written") if update.written else _("unchanged")
        path = isolate(display_path(update.path))
        note(
            ctx,
            _("{path}: {report} ({state})").format(path=path, report=update.report, state=state),
        )


@click.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--from", "source", type=LANG, help=_("Language of the articles."))
@click.option("--to", "targets", type=LANG, multiple=True, help=_("Target language (repeatable)."))
@click.option("-o", "--output", type=click.Path(path_type=Path), help=_("Output file (or folder)."))
@click.option(
    "--fallback",
    type=click.Choice([f.value for f in Fallback]),
    default=Fallback.SOURCE.value,
    show_default=True,
    help=_("For segments without a reviewed translation: source text, unreviewed MT, or fail."),
)
@click.option(
    "--min-reviewed",
    type=click.FloatRange(0, 100),
    help=_("Refuse below this percentage reviewed."),
)
@click.option("--encoding", help=_("Encoding of the articles (default: UTF-8)."))
@click.pass_context
def assemble(ctx, files, source, targets, output, fallback, min_reviewed, encoding) -> None:
    """Rebuild translated articles from their skeletons and PO catalogs.

    Reviewed entries are always used; --fallback says what fills the rest (by
    default the source text, so an unreviewed sentence stays in the source language).
    """
    jobs = plan_assembly(
        Project.discover(),
        files,
        source_lang=source,
        targets=targets,
        output=output,
        fallback=Fallback(fallback),
        min_reviewed=min_reviewed,
        encoding=encoding,
    )
    warn_documents(job.document for job in jobs)
    write_assembly(jobs)
    for job in jobs:
        report = job.report
        note(
            ctx,
            _(
                "{path} ({pair}): {reviewed} reviewed, {unreviewed} unreviewed MT, "
                "{source} left in the source language (--fallback {fallback}); "
                "{percent} reviewed"
            ).format(
                path=isolate(display_path(job.destination)),
                pair=isolate(f"{job.document.lang}→{job.target}"),
                reviewed=isolate(report.reviewed),
                unreviewed=isolate(report.unreviewed_used),
                source=isolate(report.source_used),
                fallback=fallback,
                percent=isolate(f"{report.reviewed_percent:.0f}%"),
            ),
        )
        if report.reviewed + report.unreviewed_used == 0:
            warn(
                f"{display_path(job.destination)} holds no translation yet: it is the source "
                "text (review entries, or use --fallback mt for unreviewed MT)"
            )


@click.command()
@click.argument("catalogs", nargs=-1, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help=_("JSON instead of a table."))
def status(catalogs, as_json: bool) -> None:
    """Reviewed / fuzzy / untranslated segments and words, per catalog and in total."""
    from l10nflow import workflow

    report = workflow.status(Project.discover(), list(catalogs), display_path)
    statuses, pairs, total = report.catalogs, report.pairs, report.total
    if as_json:
        print_json(
            {
                "catalogs": [s.as_dict() for s in statuses],
                "pairs": {pair: t.as_dict() for pair, t in pairs.items()},
                "total": total.as_dict(),
            }
        )
        return
    headers = [_("catalog"), _("pair"), _("reviewed"), _("fuzzy"), _("changed")]
    headers += [_("untranslated"), _("words"), _("reviewed %")]
    shown: list[CatalogStatus] = []
    for pair, pair_total in pairs.items():
        shown += [s for s in statuses if s.pair == pair]
        if len(pairs) > 1:
            shown.append(pair_total)
    rows = [
        [
            s.path,
            s.pair,
            s.reviewed,
            s.fuzzy,
            s.changed,
            s.untranslated,
            f"{s.reviewed_words}/{s.total_words}",
            f"{s.reviewed_percent:.0f}%",
        ]
        for s in [*shown, total]
    ]
    click.echo(table(headers, rows))
