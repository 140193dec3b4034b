"""Commands of the main flow: init, segment, extract, assemble, status."""

from __future__ import annotations

import glob
from pathlib import Path

import click

from l10nflow.assemble import Fallback, assemble_text, check_complete, write_translation
from l10nflow.cli.output import display_path, note, print_json, table, warn_documents
from l10nflow.config import CONFIG_NAME, LANGUAGES, render_template
from l10nflow.errors import CatalogError, UsageError
from l10nflow.extract import extract as run_extract
from l10nflow.fsutil import atomic_write_text
from l10nflow.lock import project_lock
from l10nflow.pofile import read_po
from l10nflow.project import Project
from l10nflow.segment import language_shares
from l10nflow.status import catalog_status, total_status

LANG = click.Choice(LANGUAGES)


def _guess_note(ctx: click.Context, document, requested: str | None, project: Project) -> None:
    if requested or project.config.source_language:
        return
    shares = language_shares(document.render())
    note(
        ctx,
        f"{display_path(document.path)}: language guessed as {document.lang} "
        f"({shares.get(document.lang, 0.0):.0%} of letters); set it with --lang or source_language",
    )


@click.command()
@click.option("--source", "source", type=LANG, default="ar", show_default=True)
@click.option("--target", "target", type=LANG, default="en", show_default=True)
@click.pass_context
def init(ctx: click.Context, source: str, target: str) -> None:
    """Write a commented l10nflow.toml and the glossaries/ and locales/ folders."""
    if source == target:
        raise UsageError("--source and --target must differ")
    root = Path.cwd()
    path = root / CONFIG_NAME
    if path.exists():
        raise UsageError(f"{CONFIG_NAME} already exists here; edit it instead")
    glossaries = ["defense", *sorted(Path(p).as_posix() for p in glob.glob("glossaries/*.csv"))]
    for folder in ("articles", "glossaries", "locales"):
        (root / folder).mkdir(exist_ok=True)
    atomic_write_text(path, render_template(source, target, glossaries))
    note(ctx, f"wrote {CONFIG_NAME}; put articles in articles/ and run `l10nflow extract`")


@click.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--lang", type=LANG, help="Language of the article (default: project, else guessed).")
@click.option("--json", "as_json", is_flag=True, help="A JSON list of segments.")
@click.option("--encoding", help="Encoding of the article (default: UTF-8).")
@click.pass_context
def segment(ctx: click.Context, file: Path, lang: str | None, as_json: bool, encoding: str | None):
    """Print the segments of FILE, one a line (or as JSON)."""
    project = Project.discover()
    document = project.read(file, lang=lang, encoding=encoding)
    warn_documents([document])
    _guess_note(ctx, document, lang, project)
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
@click.option("--from", "source", type=LANG, help="Language of the articles.")
@click.option("--to", "targets", type=LANG, multiple=True, help="Target language (repeatable).")
@click.option("--encoding", help="Encoding of the articles (default: UTF-8).")
@click.option("--purge-obsolete", is_flag=True, help="Drop obsolete (#~) entries.")
@click.option("--no-wait", is_flag=True, help="Fail at once if another run holds the project.")
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
            _guess_note(ctx, update.document, source, project)
            guessed.add(update.document.path)
        state = "written" if update.written else "unchanged"
        note(ctx, f"{display_path(update.path)}: {update.report} ({state})")


@click.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--from", "source", type=LANG, help="Language of the articles.")
@click.option("--to", "targets", type=LANG, multiple=True, help="Target language (repeatable).")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Output file (or folder).")
@click.option(
    "--fallback",
    type=click.Choice([f.value for f in Fallback]),
    default=Fallback.SOURCE.value,
    show_default=True,
    help="For segments without a reviewed translation: source text, unreviewed MT, or fail.",
)
@click.option("--min-reviewed", type=click.FloatRange(0, 100), help="Refuse below this % reviewed.")
@click.option("--encoding", help="Encoding of the articles (default: UTF-8).")
@click.pass_context
def assemble(ctx, files, source, targets, output, fallback, min_reviewed, encoding) -> None:
    """Rebuild translated articles from their skeletons and PO catalogs."""
    project = Project.discover()
    jobs = []
    for path in project.documents(files):
        document = project.read(path, lang=source, encoding=encoding)
        for target in project.target_languages(document.lang, targets, path):
            po_path = project.catalog_path(path, target)
            if not po_path.exists():
                raise CatalogError("no catalog; run `l10nflow extract` first", path=po_path)
            jobs.append((document, target, read_po(po_path)))
    warn_documents(document for document, _, _ in jobs)
    single = len(jobs) == 1
    planned = []
    for document, target, catalog in jobs:
        text, report = assemble_text(document, catalog, Fallback(fallback))
        check_complete(document, report, Fallback(fallback), min_reviewed)
        if output is None:
            destination = project.output_path(document.path, target)
        elif single and not output.is_dir():
            destination = output
        else:
            destination = output / target / document.path.name
        planned.append((document, text, destination, report))
    for document, text, destination, report in planned:
        write_translation(document, text, destination)
        note(
            ctx,
            f"{display_path(destination)}: {report.reviewed} reviewed, "
            f"{report.unreviewed_used} unreviewed MT, {report.source_used} left in source "
            f"({report.reviewed_percent:.0f}% reviewed)",
        )


@click.command()
@click.argument("catalogs", nargs=-1, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="JSON instead of a table.")
def status(catalogs, as_json: bool) -> None:
    """Reviewed / fuzzy / untranslated segments and words, per catalog and in total."""
    paths = list(catalogs)
    if not paths:
        project = Project.discover()
        if not project.has_file:
            raise UsageError(f"no {CONFIG_NAME} found; name the PO files")
        paths = sorted(project.locales_dir.glob("*/LC_MESSAGES/*.po"))
        if not paths:
            raise UsageError(f"no catalogs in {display_path(project.locales_dir)}; run extract")
    statuses = [catalog_status(read_po(path), display_path(path)) for path in paths]
    total = total_status(statuses)
    if as_json:
        print_json({"catalogs": [s.as_dict() for s in statuses], "total": total.as_dict()})
        return
    headers = ["catalog", "lang", "reviewed", "fuzzy", "untranslated", "words", "reviewed %"]
    rows = [
        [
            s.path,
            s.language,
            s.reviewed,
            s.fuzzy,
            s.untranslated,
            f"{s.reviewed_words}/{s.total_words}",
            f"{s.reviewed_percent:.0f}%",
        ]
        for s in [*statuses, total]
    ]
    click.echo(table(headers, rows))
