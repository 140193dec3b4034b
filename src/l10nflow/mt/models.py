"""Which model serves which language pair, where its files are, and whether they are usable.

Facts about OPUS-MT Marian models live here and nowhere else:

* the files a Marian model folder needs (weights only as safetensors);
* the target-language token a multi-target model needs at the start of every
  source sentence (``>>ara<<`` for Arabic with ``Helsinki-NLP/opus-mt-en-ar``),
  checked against the model's own vocabulary;
* where models are cached, and how to get them on an air-gapped machine.

Nothing here imports torch or transformers at module level.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from l10nflow.config import DEFAULT_MODELS
from l10nflow.errors import ModelError

MARIAN_FILES = (
    "config.json",
    "generation_config.json",
    "model.safetensors",
    "source.spm",
    "target.spm",
    "vocab.json",
    "tokenizer_config.json",
)
OPTIONAL_FILES = ("special_tokens_map.json", "README.md")
PROVENANCE_FILE = "l10nflow-model.json"
# The target-language token a multi-target OPUS-MT model expects, per target language.
TARGET_LANGUAGE_TOKENS = {"ar": ">>ara<<"}
_SAFETENSORS_PR_TITLE = "Adding `safetensors` variant of this model"
_SAFETENSORS_BOT = "SFconvertbot"


@dataclass(frozen=True)
class ModelLocation:
    """A resolved model: the folder holding its files, and what it is."""

    folder: Path
    model_id: str
    revision: str


def cache_root() -> Path:
    """Where ``translate`` keeps models it downloaded (``L10NFLOW_MODELS`` overrides)."""
    override = os.environ.get("L10NFLOW_MODELS")
    if override:
        return Path(override)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "l10nflow" / "models"


def hub_offline() -> bool:
    """True when the user asked for no network (``HF_HUB_OFFLINE``), read at call time."""
    return os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in ("1", "true", "yes", "on")


def missing_files(folder: Path) -> list[str]:
    """The Marian files a folder lacks (``pytorch_model.bin`` is never a substitute)."""
    return [name for name in MARIAN_FILES if not (folder / name).is_file()]


def read_provenance(folder: Path) -> tuple[str, str]:
    """Model id and revision recorded by ``models pull`` (or the folder's name, 'local')."""
    try:
        data = json.loads((folder / PROVENANCE_FILE).read_text(encoding="utf-8"))
        return str(data["model_id"]), str(data["revision"])
    except (OSError, ValueError, KeyError):
        return folder.name, "local"


def cached_folder(model_id: str) -> Path:
    return cache_root() / model_id.replace("/", "--")


def resolve_model(reference: str, pair: str, *, download: bool = True) -> ModelLocation:
    """A usable model folder for ``reference`` (hub id or folder), fetching it if allowed."""
    expanded = Path(reference).expanduser()
    if expanded.is_dir() or _is_path_like(reference):
        if not expanded.is_dir():
            raise ModelError(f"model folder not found: {reference}")
        _require_files(expanded)
        model_id, revision = read_provenance(expanded)
        return ModelLocation(expanded.resolve(), model_id, revision)
    folder = cached_folder(reference)
    if folder.is_dir() and not missing_files(folder):
        model_id, revision = read_provenance(folder)
        return ModelLocation(folder, model_id, revision)
    if not download or hub_offline():
        raise ModelError(_unavailable(reference, pair, "it is not cached and the hub is offline"))
    pull_model(reference, folder)
    model_id, revision = read_provenance(folder)
    return ModelLocation(folder, model_id, revision)


def _is_path_like(reference: str) -> bool:
    return reference.startswith((".", "/", "~")) or reference.count("/") != 1 or "\\" in reference


def _require_files(folder: Path) -> None:
    missing = missing_files(folder)
    if missing:
        hint = ""
        if "model.safetensors" in missing and (folder / "pytorch_model.bin").exists():
            hint = " (pytorch_model.bin is not loaded: convert it to safetensors)"
        raise ModelError(
            f"{folder} is not a complete Marian model: missing {', '.join(missing)}{hint}"
        )


def _unavailable(reference: str, pair: str, why: str) -> str:
    return (
        f"model {reference} for {pair} is not available ({why}); on a connected machine run "
        f"`l10nflow models pull {pair} --to DIR` and use `--model DIR`"
    )


def pull_model(reference: str, destination: Path) -> ModelLocation:
    """Download only the files a Marian model needs into ``destination`` (for offline use)."""
    try:
        from huggingface_hub import HfApi, snapshot_download
        from huggingface_hub.errors import HfHubHTTPError, LocalEntryNotFoundError
    except ImportError as error:  # pragma: no cover - a dependency of transformers
        raise ModelError(f"huggingface_hub is not installed: {error}") from None
    from huggingface_hub.utils import disable_progress_bars

    disable_progress_bars()
    pair = next((p for p, m in DEFAULT_MODELS.items() if m == reference), reference)
    if hub_offline():
        raise ModelError(_unavailable(reference, pair, "HF_HUB_OFFLINE is set"))
    api = HfApi()
    partial = destination.with_name(destination.name + ".partial")
    try:
        info = api.model_info(reference)
        revision = info.sha or "main"
        files = {sibling.rfilename for sibling in info.siblings or []}
        wanted = [name for name in (*MARIAN_FILES, *OPTIONAL_FILES) if name in files]
        snapshot_download(reference, revision=revision, allow_patterns=wanted, local_dir=partial)
        weights_revision = revision
        if "model.safetensors" not in files:
            weights_revision = _safetensors_pr(api, reference)
            snapshot_download(
                reference,
                revision=weights_revision,
                allow_patterns=["model.safetensors"],
                local_dir=partial,
            )
    except (HfHubHTTPError, LocalEntryNotFoundError, OSError, ValueError) as error:
        reason = _short_reason(error)
        raise ModelError(_unavailable(reference, pair, f"cannot reach the hub: {reason}")) from None
    except Exception as error:  # network libraries raise their own types (httpx, requests)
        reason = _short_reason(error)
        raise ModelError(_unavailable(reference, pair, f"cannot reach the hub: {reason}")) from None
    provenance = {"model_id": reference, "revision": revision, "weights_revision": weights_revision}
    (partial / PROVENANCE_FILE).write_text(json.dumps(provenance, indent=2), encoding="utf-8")
    _require_files(partial)
    if destination.exists():
        import shutil

        shutil.rmtree(destination)
    partial.rename(destination)
    return ModelLocation(destination, reference, revision)


def _safetensors_pr(api, reference: str) -> str:
    """The hub's own safetensors conversion of a model whose main branch has only pickles."""
    for discussion in api.get_repo_discussions(reference, discussion_type="pull_request"):
        if discussion.title == _SAFETENSORS_PR_TITLE and discussion.author == _SAFETENSORS_BOT:
            return f"refs/pr/{discussion.num}"
    raise ModelError(f"{reference} has no safetensors weights; l10nflow never loads pickled ones")


def _short_reason(error: Exception) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return re.sub(r"\s+", " ", text)[:160]


def verify_model(folder: Path, pair: str) -> list[str]:
    """Everything that keeps ``folder`` from serving ``pair`` (empty when it is usable)."""
    if not folder.is_dir():
        return [f"{folder} is not a folder"]
    problems = [f"missing {name}" for name in missing_files(folder)]
    if (folder / "pytorch_model.bin").exists() and not (folder / "model.safetensors").exists():
        problems.append("weights are only pickled (pytorch_model.bin); safetensors required")
    if not all((folder / n).is_file() for n in ("source.spm", "target.spm", "vocab.json")):
        return problems
    source, target = pair.split("-")
    from l10nflow.mt.marian import check_language_pair, language_token_for, load_tokenizer

    try:
        tokenizer = load_tokenizer(folder)
    except ModelError as error:
        return [*problems, error.message]
    for check in (
        lambda: check_language_pair(tokenizer, source, target, folder),
        lambda: language_token_for(tokenizer, target, folder),
    ):
        try:
            check()
        except ModelError as error:
            problems.append(error.message)
    try:
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        if config.get("model_type") != "marian":
            problems.append(f"config.json says model_type {config.get('model_type')!r}, not marian")
    except (OSError, ValueError):
        problems.append("config.json is not readable JSON")
    return problems


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
