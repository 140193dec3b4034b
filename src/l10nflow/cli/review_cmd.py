"""``l10nflow review``: the review desk in the browser, or its static export.

Thin: finds the catalogs of the documents named (default: the project's),
then serves them on 127.0.0.1 (printing the URL with its token) or writes the
static pages. The web stack is the optional ``review`` extra.
"""

from __future__ import annotations

import importlib
import threading
import webbrowser
from pathlib import Path
from types import ModuleType

import click

from l10nflow.cli.output import display_path, note
from l10nflow.errors import UsageError
from l10nflow.i18n import _
from l10nflow.project import Project


def _load(module: str) -> ModuleType:
    """A module of the review desk; a missing ``review`` extra is a usage error."""
    try:
        return importlib.import_module(module)
    except ImportError as error:
        raise UsageError(
            f"the review desk needs the 'review' extra ({error.name} is missing): "
            "pip install 'l10nflow[review]'"
        ) from None


@click.command()
@click.argument("documents", nargs=-1, type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=0,
    show_default=True,
    help=_("Port on 127.0.0.1 (0: any free one)."),
)
@click.option("--open", "open_browser", is_flag=True, help=_("Open the desk in the web browser."))
@click.option(
    "--export",
    "export_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help=_("Write static, read-only HTML pages into DIR instead of serving."),
)
@click.pass_context
def review(
    ctx: click.Context,
    documents: tuple[Path, ...],
    port: int,
    open_browser: bool,
    export_dir: Path | None,
) -> None:
    """Review translations side by side with their documents, in the browser.

    Serves the PO catalogs of DOCUMENTS (default: all of the project's) on
    127.0.0.1 with a random token in the printed URL: edit, approve, send
    back, with glossary terms and check findings shown. Saves go to the PO
    files atomically, under the project lock, and are refused when a file
    changed since its page was loaded. --export DIR writes the same view as
    static pages instead.
    """
    from l10nflow.review.desk import Desk

    desk = Desk.open(Project.discover(), documents)
    if export_dir is not None:
        export = _load("l10nflow.review.export")
        pages = export.export_desk(desk, export_dir)
        note(ctx, f"{display_path(pages[0])}: {len(pages) - 1} document page(s) written")
        return
    server = _load("l10nflow.review.server").ReviewServer(desk, port)
    count = len(desk.catalogs)
    click.echo(f"l10nflow review: {count} catalog(s) at {server.url}")
    note(ctx, "press Ctrl+C to stop")
    if open_browser:
        threading.Timer(0.5, webbrowser.open, args=(server.url,)).start()
    server.run()
