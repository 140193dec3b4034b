"""``l10nflow tm``: the project's translation memory as TMX (export, import), and lookups.

Thin: parses arguments, calls :mod:`l10nflow.tm`, formats the results. Every
command works on the project's memory (``.l10nflow/tm.sqlite``), synced with
the project's PO files first; without a project file they exit 2. The
memory's modules are imported when a command runs, not when the CLI starts.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from l10nflow.cli.output import display_path, note, print_json, warn
from l10nflow.i18n import _
from l10nflow.project import Project

if TYPE_CHECKING:
    from l10nflow.tm import TMMatch, TranslationMemory

_FILE = click.Path(path_type=Path, dir_okay=False)


def _memory(project: Project) -> TranslationMemory:
    """The project's memory, synced; a warning when an unusable file had to be rebuilt."""
    from l10nflow.tm import project_memory

    memory = project_memory(project)
    if memory.rebuilt:
        warn(
            f"{display_path(memory.path)} was unusable ({memory.rebuilt}): rebuilt from the "
            "PO files (the old file is kept as .old; import TMX files again)"
        )
    return memory


@click.group()
def tm() -> None:
    """Translation memory: export and import TMX, look up matches."""


@tm.command("export")
@click.option("--format", "fmt", type=click.Choice(["tmx"]), default="tmx", show_default=True)
@click.option("-o", "--output", type=_FILE, required=True, help=_("File to write."))
@click.option("--from", "source", help=_("Only units whose source is in this language."))
@click.option("--to", "target", help=_("Only units whose target is in this language."))
@click.pass_context
def export_cmd(
    ctx: click.Context, fmt: str, output: Path, source: str | None, target: str | None
) -> None:
    """Write the project's memory as TMX 1.4b.

    The memory holds the reviewed entries of the project's PO files (synced
    first) and the units imported from TMX files.
    """
    from l10nflow.tm import write_tmx

    with _memory(Project.discover()) as memory:
        units = list(memory.units(source, target))
    written = write_tmx(units, output, source_lang=source)
    if written < len(units):
        warn(
            f"{len(units) - written} unit(s) not exported: they hold control characters "
            "that XML 1.0 cannot carry"
        )
    note(ctx, f"{written} unit(s) exported to {display_path(output)} ({fmt})")


@tm.command("import")
@click.argument("file", type=_FILE)
@click.pass_context
def import_cmd(ctx: click.Context, file: Path) -> None:
    """Add a TMX file's units to the project's memory."""
    from l10nflow.lock import project_lock
    from l10nflow.tm import read_tmx
    from l10nflow.tm.store import require_project

    project = Project.discover()
    require_project(project)
    units = read_tmx(file)  # a bad file is refused before the memory is opened (or created)
    with project_lock(project.root, on_wait=lambda m: note(ctx, m)), _memory(project) as memory:
        added = memory.add(units)
    note(ctx, f"{added} new unit(s) from {display_path(file)} ({len(units)} read)")


@tm.command("lookup")
@click.argument("text")
@click.option("--from", "source", help=_("Language of TEXT (default: guessed from its script)."))
@click.option("--to", "target", help=_("Language of the translations (default: the project's)."))
@click.option(
    "--threshold",
    type=click.FloatRange(0.0, 1.0),
    help=_("Lowest fuzzy score, 0..1 (default: 0.75, as Translate Toolkit's pot2po)."),
)
@click.option("--limit", type=click.IntRange(1), default=3, show_default=True)
@click.option("--json", "as_json", is_flag=True, help=_("Machine-readable output."))
@click.pass_context
def lookup_cmd(
    ctx: click.Context,
    text: str,
    source: str | None,
    target: str | None,
    threshold: float | None,
    limit: int,
    as_json: bool,
) -> None:
    """Exact and fuzzy matches of TEXT in the memory, with scores."""
    from l10nflow.segment import guess_language
    from l10nflow.tm import DEFAULT_THRESHOLD, match_key

    project = Project.discover()
    source = source or guess_language(text)
    target = target or _default_target(project, source)
    threshold = DEFAULT_THRESHOLD if threshold is None else threshold
    with _memory(project) as memory:
        exact = memory.exact(text, source, target)
        matches = ([exact] if exact else []) + memory.fuzzy(
            text, source, target, threshold=threshold, limit=limit
        )
    if as_json:
        print_json(
            {
                "text": text,
                "key": match_key(text, source),
                "from": source,
                "to": target,
                "threshold": threshold,
                "matches": [_match_json(m) for m in matches],
            }
        )
        return
    for match in matches:
        click.echo(_match_lines(match))
    note(ctx, f"{len(matches)} match(es) {source}→{target} at ≥ {threshold:.0%}")


def _default_target(project: Project, source: str) -> str:
    """The project's first target language other than ``source``, else the first language
    l10nflow knows besides it."""
    from l10nflow.languages import other_languages, primary

    others = [lang for lang in project.config.target_languages if lang != primary(source)]
    return (others or [*other_languages(source), source])[0]


def _kind(match: TMMatch) -> str:
    return "exact" if match.score >= 1.0 else "fuzzy"


def _match_lines(match: TMMatch) -> str:
    unit = match.unit
    origin = "  ".join(part for part in (unit.document, unit.changed) if part)
    return (
        f"{_kind(match)} {match.score:4.0%}  {unit.target}\n"
        f"           source: {unit.source}  ({origin})"
    )


def _match_json(match: TMMatch) -> dict[str, Any]:
    unit = match.unit
    return {
        "kind": _kind(match),
        "score": round(match.score, 4),
        "source": unit.source,
        "target": unit.target,
        "source_lang": unit.source_lang,
        "target_lang": unit.target_lang,
        "document": unit.document,
        "changed": unit.changed,
    }
