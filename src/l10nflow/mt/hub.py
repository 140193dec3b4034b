"""``models pull``: a Marian model from the Hugging Face hub, checked, for offline use.

Real OPUS-MT repositories come in several shapes; each gives the same folder:

(a) ``model.safetensors`` (and ``generation_config.json``) on ``main``: taken as they are;
(b) pickled weights only (``pytorch_model.bin``) plus the hub's own safetensors conversion, the
    pull request ``refs/pr/N`` opened by SFconvertbot: the weights come from that revision;
(c) pickled weights only, no such pull request: ``pytorch_model.bin`` is downloaded, checked,
    read with torch's weights-only loader (tensors only, never code) and written as
    ``model.safetensors``; the pickle is not kept and the provenance file says so;
(d) no ``generation_config.json``: the generation defaults are derived from ``config.json``, as
    transformers does when it loads such a model.

Every file is checked against what the hub records for it (size and LFS sha256, or size and
git blob id) and refused on a mismatch. Files download into ``DEST.partial/``; a cut connection
is resumed within the run (HTTP ``Range``), and a run that stopped leaves ``NAME.incomplete``
there, which the next run resumes. ``HF_ENDPOINT``, ``HF_TOKEN``/``HF_HOME`` and
``HF_HUB_OFFLINE`` mean what they mean to every huggingface_hub program.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import json
import os
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from l10nflow.errors import ModelError
from l10nflow.fsutil import atomic_write_text

MT_EXTRA = "pip install 'l10nflow[mt]'"
MODEL_STACK = ("torch", "transformers", "sentencepiece", "safetensors")
# The files a Marian folder needs from the repository (the weights are planned separately).
REQUIRED_FILES = ("config.json", "source.spm", "target.spm", "vocab.json", "tokenizer_config.json")
OPTIONAL_FILES = ("generation_config.json", "special_tokens_map.json", "README.md")
SAFETENSORS, PICKLE = "model.safetensors", "pytorch_model.bin"
SAFETENSORS_PR_TITLE = "Adding `safetensors` variant of this model"
SAFETENSORS_BOT = "SFconvertbot"
PROGRESS_MIN_BYTES = 512 * 1024  # smaller files come and go too fast for a bar to help
# The generation settings transformers copies from a model's config.json when a repository has
# no generation_config.json (GenerationConfig.from_model_config): Marian's are these.
GENERATION_KEYS = (
    "bad_words_ids",
    "bos_token_id",
    "decoder_start_token_id",
    "eos_token_id",
    "forced_eos_token_id",
    "max_length",
    "num_beams",
    "pad_token_id",
    "renormalize_logits",
)


@dataclass(frozen=True)
class RemoteFile:
    """One file of one commit as the hub records it."""

    name: str
    commit: str
    size: int | None
    sha256: str | None  # LFS files: the content's sha256
    blob_id: str | None  # other files: git's blob id (sha1 of "blob SIZE\\0" + content)


@dataclass(frozen=True)
class PullPlan:
    """What to download: the model's files on ``revision``, and where its weights come from."""

    revision: str
    files: tuple[RemoteFile, ...]
    weights: RemoteFile
    weights_revision: str  # "main"'s commit, or refs/pr/N of the hub's conversion

    @property
    def convert_pickle(self) -> bool:
        return self.weights.name == PICKLE


def require_hub():
    """The ``huggingface_hub`` module, or :class:`ModelError` naming the extra to install."""
    try:
        import huggingface_hub
    except ImportError:
        raise ModelError(
            f"downloading a model needs the model stack (huggingface_hub is not installed): "
            f"{MT_EXTRA}"
        ) from None
    return huggingface_hub


def require_model_stack(
    purpose: str, modules: tuple[str, ...] = MODEL_STACK, install: str = MT_EXTRA
) -> None:
    """:class:`ModelError` naming the extra to install when a module ``purpose`` needs is missing.

    The modules are imported (the caller is about to use them anyway), so a module that is
    present but broken is caught here too.
    """
    missing = []
    for name in modules:
        try:
            importlib.import_module(name)
        except ImportError:
            missing.append(name)
    if missing:
        raise ModelError(
            f"{purpose} needs the model stack, which is not installed (no {', '.join(missing)}): "
            f"{install}"
        )


def network_errors() -> tuple[type[BaseException], ...]:
    """Exceptions that mean 'the hub could not be reached or refused', whichever HTTP library."""
    from huggingface_hub.errors import HfHubHTTPError, LocalEntryNotFoundError

    errors: list[type[BaseException]] = [HfHubHTTPError, LocalEntryNotFoundError]
    candidates = (("httpx2", "HTTPError"), ("httpx", "HTTPError"), ("requests", "RequestException"))
    for module, name in candidates:
        try:
            errors.append(getattr(importlib.import_module(module), name))
        except ImportError:
            continue
    return tuple(errors)


def plan_pull(api, reference: str) -> PullPlan:
    """Which files of which revisions make a Marian folder of ``reference`` (shapes a-d)."""
    revision, files = _listing(api, reference, None)
    missing = [name for name in REQUIRED_FILES if name not in files]
    if missing:
        raise ModelError(
            f"{reference}@{revision[:12]} is not a Marian model repository: "
            f"it has no {', '.join(missing)}"
        )
    chosen = tuple(files[name] for name in (*REQUIRED_FILES, *OPTIONAL_FILES) if name in files)
    if SAFETENSORS in files:
        return PullPlan(revision, chosen, files[SAFETENSORS], revision)
    if PICKLE not in files:
        raise ModelError(f"{reference}@{revision[:12]} has no weights ({SAFETENSORS} or {PICKLE})")
    pull_request = safetensors_pull_request(api, reference)
    if pull_request:
        _, pr_files = _listing(api, reference, pull_request)
        if SAFETENSORS in pr_files:
            return PullPlan(revision, chosen, pr_files[SAFETENSORS], pull_request)
    return PullPlan(revision, chosen, files[PICKLE], revision)


def _listing(api, reference: str, revision: str | None) -> tuple[str, dict[str, RemoteFile]]:
    """The commit a revision points at and its files with the sizes and hashes the hub records."""
    info = api.model_info(reference, revision=revision, files_metadata=True)
    commit = info.sha or revision or "main"
    files = {}
    for sibling in info.siblings or []:
        lfs = sibling.lfs
        files[sibling.rfilename] = RemoteFile(
            name=sibling.rfilename,
            commit=commit,
            size=lfs.size if lfs else sibling.size,
            sha256=lfs.sha256 if lfs else None,
            blob_id=None if lfs else sibling.blob_id,
        )
    return commit, files


def safetensors_pull_request(api, reference: str) -> str | None:
    """``refs/pr/N`` of the hub's safetensors conversion of ``reference``, if there is one."""
    for discussion in api.get_repo_discussions(reference, discussion_type="pull_request"):
        if discussion.title == SAFETENSORS_PR_TITLE and discussion.author == SAFETENSORS_BOT:
            return f"refs/pr/{discussion.num}"
    return None


def fetch(reference: str, remote: RemoteFile, folder: Path, *, progress: bool) -> Path:
    """``remote`` checked into ``folder``: resumed from ``NAME.incomplete``, refused on mismatch."""
    from huggingface_hub import hf_hub_url
    from huggingface_hub.file_download import http_get
    from huggingface_hub.utils import build_hf_headers

    target = folder / remote.name
    if target.is_file() and mismatch(target, remote) is None:
        return target
    partial = folder / f"{remote.name}.incomplete"
    done = partial.stat().st_size if partial.is_file() else 0
    if remote.size is not None and done > remote.size:
        partial.unlink()
        done = 0
    if remote.size is None or done < remote.size:
        url = hf_hub_url(reference, remote.name, revision=remote.commit)
        with partial.open("ab") as out:
            try:
                http_get(
                    url,
                    out,
                    resume_size=done,
                    headers=build_hf_headers(),
                    displayed_filename=remote.name,
                    tqdm_class=_progress_class(progress, remote.size),
                )
            except network_errors() as error:
                out.flush()
                got = partial.stat().st_size
                raise ModelError(
                    f"download of {reference} {remote.name} stopped at {got} of "
                    f"{remote.size or '?'} bytes ({short_reason(error)}); run the same command "
                    "again to resume"
                ) from None
    problem = mismatch(partial, remote)
    if problem:
        partial.unlink()
        raise ModelError(
            f"refused {reference}@{remote.commit[:12]} {remote.name}: {problem} "
            "(a corrupted download or a tampered mirror); nothing was kept"
        )
    os.replace(partial, target)
    return target


def _progress_class(progress: bool, size: int | None) -> Callable[..., Any]:
    """A tqdm for ``http_get``: a bar on stderr for large files on a terminal, else silent."""
    from tqdm import tqdm

    show = progress and (size is None or size >= PROGRESS_MIN_BYTES)
    return functools.partial(tqdm, disable=not show, file=sys.stderr, leave=False)


def mismatch(path: Path, remote: RemoteFile) -> str | None:
    """How ``path`` differs from what the hub records for ``remote`` (None when it matches)."""
    size = path.stat().st_size
    if remote.size is not None and size != remote.size:
        return f"{size} bytes, but the hub records {remote.size}"
    if remote.sha256:
        digest = file_sha256(path)
        if digest != remote.sha256.lower():
            return f"sha256 {digest}, but the hub records {remote.sha256}"
    elif remote.blob_id:
        digest = git_blob_id(path)
        if digest != remote.blob_id.lower():
            return f"git blob id {digest}, but the hub records {remote.blob_id}"
    return None


def file_sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def git_blob_id(path: Path) -> str:
    """What git (and the hub, for files outside LFS) calls the file: sha1 of header + content."""
    digest = hashlib.sha1(f"blob {path.stat().st_size}\0".encode(), usedforsecurity=False)
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def derive_generation_config(folder: Path) -> dict[str, Any]:
    """``generation_config.json`` from ``config.json``'s generation settings (shape d)."""
    try:
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ModelError(f"{folder / 'config.json'} is not readable JSON: {error}") from None
    # No "_from_model_config" marker: transformers would re-derive such a file from the model
    # config at generate time, dropping what the repository's authors set (num_beams, the ban
    # on <pad>). The provenance file records that it was derived.
    derived = {key: config[key] for key in GENERATION_KEYS if key in config}
    atomic_write_text(folder / "generation_config.json", json.dumps(derived, indent=2) + "\n")
    return derived


def convert_pickle(folder: Path) -> dict[str, Any]:
    """``pytorch_model.bin`` -> ``model.safetensors`` with torch's weights-only loader (shape c).

    The loader builds tensors and plain containers only; a pickle that asks for anything else
    is refused. Tensors that share memory (tied embeddings) are stored once each, as copies.
    """
    require_model_stack("converting pickled weights", ("torch", "safetensors.torch"))
    import pickle

    import torch
    from safetensors.torch import save_file

    source = folder / PICKLE
    try:
        state = torch.load(source, map_location="cpu", weights_only=True)
    except (pickle.UnpicklingError, RuntimeError, OSError, EOFError, ValueError) as error:
        raise ModelError(
            f"refused {source.name}: torch's weights-only loader cannot read it "
            f"({short_reason(error)}); l10nflow never runs a pickle's code"
        ) from None
    if not isinstance(state, dict) or not all(isinstance(v, torch.Tensor) for v in state.values()):
        raise ModelError(f"refused {source.name}: it does not hold a plain state dict of tensors")
    tensors: dict[str, Any] = {}
    storages: set[int] = set()
    for name, tensor in state.items():
        pointer = tensor.untyped_storage().data_ptr()
        tensors[name] = tensor.clone() if pointer in storages else tensor.contiguous()
        storages.add(pointer)
    staging = folder / f"{SAFETENSORS}.converting"
    save_file(tensors, str(staging), metadata={"format": "pt"})
    os.replace(staging, folder / SAFETENSORS)
    record = {
        "converted_from": PICKLE,
        "pickle_sha256": file_sha256(source),
        "loader": "torch.load(weights_only=True)",
        "torch_version": torch.__version__,
        "tensors": len(tensors),
    }
    source.unlink()
    return record


def pull(reference: str, destination: Path, *, progress: bool = False) -> dict[str, Any]:
    """Download ``reference`` into ``destination``; the provenance record it wrote.

    ``destination`` is replaced only when it is missing, empty, or an earlier pull.
    """
    hub = require_hub()
    check_destination(destination)
    api = hub.HfApi()
    plan = plan_pull(api, reference)
    current = up_to_date(destination, reference, plan)
    if current is not None:
        return current
    staging = destination.with_name(destination.name + ".partial")
    staging.mkdir(parents=True, exist_ok=True)
    downloaded = {}
    for remote in (*plan.files, plan.weights):
        path = fetch(reference, remote, staging, progress=progress)
        downloaded[remote.name] = {
            "commit": remote.commit,
            "size": path.stat().st_size,
            "sha256": remote.sha256 or file_sha256(path),
        }
    record: dict[str, Any] = {
        "model_id": reference,
        "revision": plan.revision,
        "weights_revision": plan.weights_revision,
        "weights_commit": plan.weights.commit,
        "endpoint": hub.constants.ENDPOINT,
        "pulled_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "huggingface_hub_version": hub.__version__,
        "files": downloaded,
    }
    if plan.convert_pickle:
        record["weights"] = convert_pickle(staging)
    if not (staging / "generation_config.json").is_file():
        derive_generation_config(staging)
        record["generation_config"] = "derived from config.json (the repository has none)"
    return _finish(staging, destination, record)


def up_to_date(destination: Path, reference: str, plan: PullPlan) -> dict[str, Any] | None:
    """The provenance record of an earlier pull of the same commits whose files still match
    what the hub records (then nothing is downloaded again), else None."""
    from l10nflow.mt.folders import PROVENANCE_FILE

    try:
        record = json.loads((destination / PROVENANCE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    same = (
        isinstance(record, dict)
        and record.get("model_id") == reference
        and record.get("revision") == plan.revision
        and record.get("weights_commit") == plan.weights.commit
    )
    if not same:
        return None
    for remote in plan.files:
        if not (destination / remote.name).is_file() or mismatch(destination / remote.name, remote):
            return None
    weights = destination / plan.weights.name
    if plan.convert_pickle:
        converted = record.get("weights") or {}
        if converted.get("pickle_sha256") != plan.weights.sha256:
            return None
        if not (destination / SAFETENSORS).is_file():
            return None
    elif not weights.is_file() or mismatch(weights, plan.weights):
        return None
    return {**record, "up_to_date": True}


def _finish(staging: Path, destination: Path, record: dict[str, Any]) -> dict[str, Any]:
    from l10nflow.mt.folders import PROVENANCE_FILE, require_files

    atomic_write_text(staging / PROVENANCE_FILE, json.dumps(record, indent=2) + "\n")
    require_files(staging)
    if destination.exists():
        shutil.rmtree(destination)
    staging.rename(destination)
    return record


def check_destination(destination: Path) -> None:
    """Only a missing or empty folder, or an earlier pull (provenance file), is replaced."""
    from l10nflow.mt.folders import PROVENANCE_FILE

    if not destination.exists():
        return
    if not destination.is_dir():
        raise ModelError(f"{destination} exists and is not a folder")
    if any(destination.iterdir()) and not (destination / PROVENANCE_FILE).is_file():
        raise ModelError(
            f"{destination} is not empty and holds no pulled model; choose another folder"
        )


def short_reason(error: BaseException) -> str:
    """The first line of an exception's message, squeezed (or its type's name)."""
    lines = str(error).strip().splitlines()
    return " ".join(lines[0].split())[:160] if lines else type(error).__name__
