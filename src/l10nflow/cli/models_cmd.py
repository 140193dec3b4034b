"""``l10nflow models``: which model serves which pair; fetch and verify for offline use."""

from __future__ import annotations

from pathlib import Path

import click

from l10nflow.cli.output import display_path, note, table
from l10nflow.config import DEFAULT_MODELS
from l10nflow.errors import UsageError
from l10nflow.project import Project

PAIRS = tuple(DEFAULT_MODELS)


def _reference(project: Project, pair_or_id: str) -> tuple[str, str]:
    """(model reference, pair) for a pair name or a model id/folder."""
    if pair_or_id in PAIRS:
        source, target = pair_or_id.split("-")
        return project.config.model_for(source, target), pair_or_id
    pair = next((p for p, m in project.config.models.items() if m == pair_or_id), "")
    return pair_or_id, pair


@click.group()
def models() -> None:
    """Models per language pair: list, pull (for air-gapped sites), verify."""


@models.command("list")
def list_models() -> None:
    """Which model serves which pair, and whether it is available locally."""
    from l10nflow.mt.models import cached_folder, folder_size, missing_files, read_provenance

    project = Project.discover()
    rows = []
    for pair in PAIRS:
        source, target = pair.split("-")
        reference = project.config.model_for(source, target)
        folder = Path(reference).expanduser()
        if not folder.is_dir():
            folder = cached_folder(reference)
        if folder.is_dir() and not missing_files(folder):
            _, revision = read_provenance(folder)
            where = display_path(folder)
            state = f"available ({folder_size(folder) / 1e6:.0f} MB, revision {revision[:12]})"
        else:
            where, state = "-", "not downloaded (l10nflow models pull " + pair + ")"
        rows.append([pair, reference, state, where])
    click.echo(table(["pair", "model", "status", "folder"], rows))


@models.command()
@click.argument("pair_or_id")
@click.option(
    "--to",
    "destination",
    type=click.Path(path_type=Path),
    help="Folder to download into (default: l10nflow's model cache).",
)
@click.pass_context
def pull(ctx: click.Context, pair_or_id: str, destination: Path | None) -> None:
    """Download the files a Marian model needs (for offline use with --model DIR)."""
    from l10nflow.mt.models import cached_folder, pull_model

    reference, _ = _reference(Project.discover(), pair_or_id)
    if Path(reference).expanduser().is_dir():
        raise UsageError(f"{reference} is a local folder already")
    target = destination or cached_folder(reference)
    location = pull_model(reference, target)
    note(ctx, f"downloaded {location.model_id}@{location.revision[:12]} to {display_path(target)}")


@models.command()
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--pair", type=click.Choice(PAIRS), help="Language pair it must serve.")
def verify(folder: Path, pair: str | None) -> None:
    """Check that FOLDER is a usable Marian model for the pair; exit 1 if not."""
    from l10nflow.mt.models import verify_model

    if pair is None:
        raise UsageError("name the language pair: --pair ar-en or --pair en-ar")
    problems = verify_model(folder, pair)
    if problems:
        for problem in problems:
            click.echo(f"{display_path(folder)}: {problem}")
        raise SystemExit(1)
    click.echo(f"{display_path(folder)}: usable for {pair}")
