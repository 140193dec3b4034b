"""``l10nflow models``: which model serves which pair; fetch, convert and verify for offline use."""

from __future__ import annotations

import json
from pathlib import Path

import click

from l10nflow.cli.output import display_path, note, table
from l10nflow.config import DEFAULT_MODELS
from l10nflow.errors import UsageError
from l10nflow.i18n import _
from l10nflow.mt.models import QUANTIZATIONS
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
    """Models per language pair: list, pull (for air-gapped sites), convert, verify."""


@models.command("list")
def list_models() -> None:
    """Which model serves which pair, and whether it is available locally."""
    from l10nflow.mt.models import (
        cached_folder,
        folder_size,
        hub_cache_snapshot,
        is_ct2_folder,
        missing_ct2_files,
        missing_files,
        read_provenance,
    )

    project = Project.discover()
    rows = []
    for pair in PAIRS:
        source, target = pair.split("-")
        reference = project.config.model_for(source, target)
        folder = Path(reference).expanduser()
        if not folder.is_dir():
            folder = cached_folder(reference)
        missing = missing_ct2_files if is_ct2_folder(folder) else missing_files
        snapshot = None if folder.is_dir() else hub_cache_snapshot(reference)
        if snapshot is not None:  # huggingface_hub's cache (HF_HOME) has it
            where = display_path(snapshot.folder)
            size = folder_size(snapshot.folder) / 1e6
            state = f"available in the HF cache ({size:.0f} MB, revision {snapshot.revision[:12]})"
        elif folder.is_dir() and not missing(folder):
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
    help=_("Folder to download into (default: l10nflow's model cache)."),
)
@click.pass_context
def pull(ctx: click.Context, pair_or_id: str, destination: Path | None) -> None:
    """Download the files a Marian model needs (for offline use with --model DIR).

    Every file is checked against the size and hash the hub records; an interrupted download
    resumes when the command runs again. Weights only pickled on the hub are taken from the
    hub's safetensors conversion, else converted here with torch's weights-only loader.
    HF_ENDPOINT (a mirror), HF_TOKEN / HF_HOME and HF_HUB_OFFLINE apply.
    """
    from l10nflow.mt.models import PROVENANCE_FILE, cached_folder, pull_model

    reference, _ = _reference(Project.discover(), pair_or_id)
    if Path(reference).expanduser().is_dir():
        raise UsageError(f"{reference} is a local folder already")
    target = destination or cached_folder(reference)
    progress = bool(ctx.find_root().obj.get("progress"))
    location = pull_model(reference, target, progress=progress)
    record = json.loads((target / PROVENANCE_FILE).read_text(encoding="utf-8"))
    how = []
    if record.get("weights_revision") not in (None, record.get("revision")):
        how.append(f"weights from the hub's safetensors conversion {record['weights_revision']}")
    if record.get("weights"):
        how.append("pickled weights converted to safetensors here (weights-only loader)")
    if record.get("generation_config"):
        how.append("generation defaults derived from config.json")
    detail = f" ({'; '.join(how)})" if how else ""
    done = "up to date:" if location.up_to_date else "downloaded"
    note(
        ctx,
        f"{done} {location.model_id}@{location.revision[:12]} in {display_path(target)}{detail}",
    )


@models.command()
@click.argument("pair_or_dir")
@click.option(
    "--to",
    "destination",
    required=True,
    type=click.Path(path_type=Path),
    help=_("Folder to write the CTranslate2 model into (empty, or an earlier conversion)."),
)
@click.option(
    "--quantization",
    type=click.Choice(QUANTIZATIONS),
    default="int8",
    show_default=True,
    help=_("Weight type of the converted model (int8: smallest and fastest on CPU)."),
)
@click.pass_context
def convert(ctx: click.Context, pair_or_dir: str, destination: Path, quantization: str) -> None:
    """Convert a local Marian model for --engine ctranslate2 (needs l10nflow[fast]).

    PAIR_OR_DIR is a language pair (the project's model, already pulled) or a model folder.
    """
    import time

    from l10nflow.mt.models import cached_folder, convert_model, folder_size, resolve_model

    reference, pair = _reference(Project.discover(), pair_or_dir)
    local = Path(reference).expanduser()
    if not local.is_dir() and not cached_folder(reference).is_dir():
        raise UsageError(
            f"model {reference} is not available locally; run `l10nflow models pull "
            f"{pair or reference}` first, or name its folder"
        )
    location = resolve_model(reference, pair, download=False)
    started = time.perf_counter()
    convert_model(location.folder, destination, quantization)
    note(
        ctx,
        f"converted {location.model_id}@{location.revision[:12]} to {display_path(destination)} "
        f"({quantization}, {folder_size(destination) / 1e6:.1f} MB, "
        f"{time.perf_counter() - started:.1f} s); use --engine ctranslate2 --model "
        f"{display_path(destination)}",
    )


@models.command()
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--pair", type=click.Choice(PAIRS), help=_("Language pair it must serve."))
def verify(folder: Path, pair: str | None) -> None:
    """Check that FOLDER is a usable Marian (or converted CTranslate2) model; exit 1 if not."""
    from l10nflow.mt.models import verify_model

    if pair is None:
        raise UsageError("name the language pair: --pair ar-en or --pair en-ar")
    problems = verify_model(folder, pair)
    if problems:
        for problem in problems:
            click.echo(f"{display_path(folder)}: {problem}")
        raise SystemExit(1)
    click.echo(f"{display_path(folder)}: usable for {pair}")
