"""Small output helpers shared by the commands: stderr notes, JSON, tables."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from l10nflow.i18n import _, isolate


def note(ctx: click.Context, message: str) -> None:
    """A summary line on stderr, unless ``-q``."""
    if not ctx.find_root().obj.get("quiet"):
        click.echo(message, err=True)


def progress_note(ctx: click.Context, message: str) -> None:
    """A transient status line (loading a model...), only on an interactive terminal."""
    if ctx.find_root().obj.get("progress"):
        click.echo(message, err=True)


def warn(message: str) -> None:
    """A warning on stderr, always shown."""
    click.echo(_("l10nflow: warning: {message}").format(message=message), err=True)


def warn_documents(documents) -> None:
    """Show each document's reading warnings (e.g. repaired HTML) once."""
    seen: set[str] = set()
    for document in documents:
        for message in getattr(document, "warnings", ()):
            if message not in seen:
                seen.add(message)
                warn(message)


def print_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def display_path(path: Path) -> str:
    """A path relative to the current folder when it is below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A plain-text table: first column left-aligned, numbers right-aligned."""
    cells = [list(map(str, headers))] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]

    def line(row: list[str]) -> str:
        first, *rest = row
        aligned = [
            cell.rjust(width) if _numeric(cell) else cell.ljust(width)
            for cell, width in zip(rest, widths[1:], strict=True)
        ]
        return "  ".join([first.ljust(widths[0]), *aligned])

    return "\n".join(line(row) for row in cells)


def _numeric(cell: str) -> bool:
    return bool(cell) and cell.replace("/", "").replace("%", "").replace(".", "").isdigit()


def guess_note(ctx: click.Context, document, requested: str | None, project, option: str) -> None:
    """Report a guessed language, naming the command's own option (``option``) to set it."""
    if requested or project.source_language(document.path):
        return
    from l10nflow.segment import language_shares

    shares = language_shares(document.render())
    note(
        ctx,
        _(
            "{path}: language guessed as {lang} ({share} of letters); set it with {option}, "
            "source_language or a [[documents]] table"
        ).format(
            path=isolate(display_path(document.path)),
            lang=document.lang,
            share=isolate(f"{shares.get(document.lang, 0.0):.0%}"),
            option=option,
        ),
    )
