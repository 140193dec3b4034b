"""Which model serves which language pair, where its files are, and whether they are usable.

Facts about OPUS-MT Marian models live here and nowhere else:

* the files a Marian model folder needs (weights only as safetensors);
* the target-language token a multi-target model needs at the start of every
  source sentence (``>>ara<<`` for Arabic with ``Helsinki-NLP/opus-mt-en-ar``),
  checked against the model's own vocabulary;
* where models are cached (ours, or a complete snapshot in huggingface_hub's cache), and how
  to get them on an air-gapped machine (downloading itself is :mod:`l10nflow.mt.hub`);
* whether a folder's ``model.safetensors`` is whole (its header and tensor offsets);
* converting a Marian folder for CTranslate2 (on demand, or once on first use into a cache
  beside it, redone when stale) with numpy alone (:mod:`l10nflow.mt.ct2_spec`: no torch, no
  transformers), and recognising such a folder.

Nothing here imports torch or transformers at module level.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from l10nflow.config import DEFAULT_MODELS
from l10nflow.errors import ModelError
from l10nflow.fsutil import atomic_write_text
from l10nflow.mt.folders import (
    CT2_COPIED_FILES,
    CT2_FILES,
    CT2_TOKENIZER_FILES,
    MARIAN_FILES,
    OPTIONAL_FILES,
    PROVENANCE_FILE,
    QUANTIZATIONS,
    TARGET_LANGUAGE_TOKENS,
    ModelLocation,
    cache_root,
    cached_folder,
    conversion_record,
    folder_size,
    hub_offline,
    is_ct2_folder,
    missing_ct2_files,
    missing_files,
    read_provenance,
    require_files,
    safetensors_problem,
)

# The folder facts (l10nflow.mt.folders) stay importable from here, where callers found them.
__all__ = [
    "CACHED_QUANTIZATION",
    "CONVERTER_VERSION",
    "CT2_COPIED_FILES",
    "CT2_FILES",
    "CT2_TOKENIZER_FILES",
    "MARIAN_FILES",
    "OPTIONAL_FILES",
    "PROVENANCE_FILE",
    "QUANTIZATIONS",
    "TARGET_LANGUAGE_TOKENS",
    "ModelLocation",
    "cache_root",
    "cached_folder",
    "conversion_cache",
    "conversion_problem",
    "conversion_record",
    "convert_model",
    "ensure_converted",
    "folder_size",
    "hub_cache_snapshot",
    "hub_offline",
    "is_ct2_folder",
    "missing_ct2_files",
    "missing_files",
    "pull_model",
    "read_provenance",
    "require_files",
    "resolve_model",
    "safetensors_problem",
    "source_fingerprint",
    "verify_model",
]


def resolve_model(
    reference: str, pair: str, *, download: bool = True, progress: bool = False
) -> ModelLocation:
    """A usable model folder for ``reference`` (hub id or folder), fetching it if allowed
    (with a progress bar for large files when ``progress``)."""
    expanded = Path(reference).expanduser()
    if expanded.is_dir() or _is_path_like(reference):
        if not expanded.is_dir():
            raise ModelError(f"model folder not found: {reference}")
        require_files(expanded)
        model_id, revision = read_provenance(expanded)
        return ModelLocation(expanded.resolve(), model_id, revision)
    folder = cached_folder(reference)
    if folder.is_dir() and not missing_files(folder):
        require_files(folder)
        model_id, revision = read_provenance(folder)
        return ModelLocation(folder, model_id, revision)
    snapshot = hub_cache_snapshot(reference)
    if snapshot is not None:
        return snapshot
    if not download or hub_offline():
        raise ModelError(_unavailable(reference, pair, "it is not cached and the hub is offline"))
    return pull_model(reference, folder, progress=progress)


def hub_cache_snapshot(reference: str) -> ModelLocation | None:
    """A complete snapshot of ``reference``'s main branch in huggingface_hub's own cache.

    A model another huggingface_hub program downloaded (``HF_HOME``, ``HF_HUB_CACHE``) is used
    as it is, offline too, when it has every file a Marian folder needs.
    """
    try:
        from huggingface_hub import constants
    except ImportError:
        return None

    repo = Path(constants.HF_HUB_CACHE) / f"models--{reference.replace('/', '--')}"
    try:
        commit = (repo / "refs" / "main").read_text(encoding="ascii").strip()
    except (OSError, ValueError):
        return None
    folder = repo / "snapshots" / commit
    if not commit or not folder.is_dir() or missing_files(folder):
        return None
    if safetensors_problem(folder / "model.safetensors"):
        return None
    return ModelLocation(folder, reference, commit)


def _is_path_like(reference: str) -> bool:
    return reference.startswith((".", "/", "~")) or reference.count("/") != 1 or "\\" in reference


def _unavailable(reference: str, pair: str, why: str) -> str:
    return (
        f"model {reference} for {pair} is not available ({why}); on a connected machine run "
        f"`l10nflow models pull {pair} --to DIR` and use `--model DIR`"
    )


def pull_model(reference: str, destination: Path, *, progress: bool = False) -> ModelLocation:
    """Download the files a Marian model needs into ``destination`` (for offline use).

    See :mod:`l10nflow.mt.hub` for the repository shapes handled and the checks made.
    """
    import l10nflow.mt.hub as hub

    pair = next((p for p, m in DEFAULT_MODELS.items() if m == reference), reference)
    hub.require_hub()
    if hub_offline():
        raise ModelError(_unavailable(reference, pair, "HF_HUB_OFFLINE is set"))
    try:
        record = hub.pull(reference, destination, progress=progress)
    except ModelError:
        raise
    except hub.network_errors() as error:
        from huggingface_hub.errors import HfHubHTTPError

        answered = isinstance(error, HfHubHTTPError) and error.response is not None
        why = "the hub answered" if answered else "cannot reach the hub"
        raise ModelError(_unavailable(reference, pair, f"{why}: {_short_reason(error)}")) from None
    except OSError as error:  # the local side: disk full, no permission
        raise ModelError(
            f"cannot write {reference} into {destination}: {error.strerror or error}"
        ) from None
    return ModelLocation(destination, reference, record["revision"], bool(record.get("up_to_date")))


def _short_reason(error: BaseException) -> str:
    from l10nflow.mt.hub import short_reason

    return short_reason(error)


def verify_model(folder: Path, pair: str) -> list[str]:
    """Everything that keeps ``folder`` from serving ``pair`` (empty when it is usable)."""
    if not folder.is_dir():
        return [f"{folder} is not a folder"]
    if is_ct2_folder(folder):
        from l10nflow.mt.ct2 import import_ctranslate2

        import_ctranslate2()  # a converted model is verified by loading it: l10nflow[fast]
        return _verify_ct2(folder, pair)
    problems = [f"missing {name}" for name in missing_files(folder)]
    if (folder / "pytorch_model.bin").exists() and not (folder / "model.safetensors").exists():
        problems.append("weights are only pickled (pytorch_model.bin); safetensors required")
    if (folder / "model.safetensors").is_file():
        problem = safetensors_problem(folder / "model.safetensors")
        if problem:
            problems.append(f"model.safetensors is unusable: {problem}")
    if not all((folder / n).is_file() for n in ("source.spm", "target.spm", "vocab.json")):
        return problems
    from l10nflow.mt.hub import require_model_stack

    require_model_stack("models verify")
    from l10nflow.mt.marian import load_tokenizer

    problems += _vocabulary_problems(folder, pair, load_tokenizer)
    try:
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        if config.get("model_type") != "marian":
            problems.append(f"config.json says model_type {config.get('model_type')!r}, not marian")
    except (OSError, ValueError):
        problems.append("config.json is not readable JSON")
    return problems


def _vocabulary_problems(folder: Path, pair: str, load: Callable[[Path], Any]) -> list[str]:
    """Whether the vocabulary ``load`` reads from ``folder`` loads, suits ``pair``'s scripts
    and has the target-language token the pair needs."""
    from l10nflow.mt.marian_vocab import check_language_pair, language_token_for

    source, target = pair.split("-")
    try:
        vocabulary = load(folder)
    except ModelError as error:
        return [error.message]
    problems = []
    for check in (
        lambda: check_language_pair(vocabulary, source, target, folder),
        lambda: language_token_for(vocabulary, target, folder),
    ):
        try:
            check()
        except ModelError as error:
            problems.append(error.message)
    return problems


def convert_model(
    source_folder: Path,
    destination: Path,
    quantization: str,
    *,
    model_id: str | None = None,
    revision: str | None = None,
    replace: bool = False,
) -> Path:
    """Convert a Marian folder for CTranslate2 into ``destination`` (staged, then renamed).

    ``model_id``/``revision`` name the source (default: its provenance file). ``replace``
    lets a managed cache folder be replaced whatever it holds (a damaged conversion).
    An earlier conversion is swapped out by renames, so ``destination`` is never partial.
    """
    from l10nflow.mt.ct2 import import_ctranslate2

    if quantization not in QUANTIZATIONS:
        raise ModelError(f"unknown quantization '{quantization}' ({', '.join(QUANTIZATIONS)})")
    if is_ct2_folder(source_folder):
        raise ModelError(f"{source_folder} is already a CTranslate2 model")
    require_files(source_folder)
    ctranslate2 = import_ctranslate2()  # and numpy, which it requires: all a conversion needs
    if not replace:
        _check_destination(destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(
        tempfile.mkdtemp(prefix=f".{destination.name}.", suffix=".partial", dir=destination.parent)
    )
    try:
        _run_converter(ctranslate2, source_folder, staging, quantization)
        for name in CT2_COPIED_FILES:
            shutil.copy2(source_folder / name, staging / name)
        recorded_id, recorded_revision = read_provenance(source_folder)
        provenance = {
            "model_id": model_id or recorded_id,
            "revision": revision or recorded_revision,
            "engine": "ctranslate2",
            "quantization": quantization,
            "source_folder": str(source_folder.resolve()),
            "source_fingerprint": source_fingerprint(source_folder),
            "ctranslate2_version": ctranslate2.__version__,
            "converter": CONVERTER_VERSION,
            "max_position_embeddings": _max_positions(source_folder),
        }
        atomic_write_text(staging / PROVENANCE_FILE, json.dumps(provenance, indent=2) + "\n")
        _swap_in(staging, destination)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return destination


def _swap_in(staging: Path, destination: Path) -> None:
    """Rename ``staging`` to ``destination``; an existing one is renamed away first, then
    removed, so a reader sees the old conversion or the new one, never a mix."""
    old = None
    if destination.exists():
        old = destination.with_name(f".{destination.name}.{os.getpid()}.old")
        shutil.rmtree(old, ignore_errors=True)
        destination.rename(old)
    try:
        staging.rename(destination)
    except OSError:
        if not is_ct2_folder(destination):
            raise
        shutil.rmtree(staging, ignore_errors=True)  # another process converted it meanwhile
    finally:
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)


# A conversion made by another version of this code is redone (bump on any change of output).
# Still 1 since conversion reads safetensors with numpy (l10nflow.mt.ct2_spec): its model.bin,
# config.json and vocabulary are byte for byte those ctranslate2's TransformersConverter wrote
# (tests/test_ct2_numpy_conversion.py), so earlier caches stay valid.
CONVERTER_VERSION = 1
CACHED_QUANTIZATION = "int8"  # what a Marian folder is converted to on first use
_FINGERPRINTED = ("model.safetensors", "config.json", "vocab.json", "source.spm", "target.spm")


def source_fingerprint(folder: Path) -> str:
    """Size and modification time of the files a conversion reads, hashed: a re-pulled or
    edited model gets a new fingerprint (no weights are read)."""
    parts = []
    for name in _FINGERPRINTED:
        try:
            stat = (folder / name).stat()
            parts.append(f"{name}:{stat.st_size}:{stat.st_mtime_ns}")
        except OSError:
            parts.append(f"{name}:-")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def conversion_cache(source_folder: Path, quantization: str = CACHED_QUANTIZATION) -> Path:
    """Where a Marian folder's CTranslate2 conversion is cached: ``<folder>/ct2-int8`` beside
    its weights, or, for a folder this user cannot write, under :func:`cache_root` keyed by
    the folder's path."""
    if os.access(source_folder, os.W_OK):
        return source_folder / f"ct2-{quantization}"
    key = hashlib.sha256(str(source_folder.resolve()).encode()).hexdigest()[:12]
    return cache_root() / "converted" / f"{source_folder.name}-{key}" / f"ct2-{quantization}"


def conversion_problem(
    source_folder: Path, converted: Path, quantization: str, revision: str
) -> str | None:
    """Why ``converted`` is not a current conversion of ``source_folder`` (None when it is)."""
    if not converted.exists():
        return "first use"
    missing = missing_ct2_files(converted)
    record = conversion_record(converted)
    if missing or not record:
        return f"partial: missing {', '.join(missing or [PROVENANCE_FILE])}"
    try:
        import ctranslate2

        version = ctranslate2.__version__
    except ImportError:
        version = record.get("ctranslate2_version")
    expected = {
        "revision": revision,
        "quantization": quantization,
        "source_fingerprint": source_fingerprint(source_folder),
        "ctranslate2_version": version,
        "converter": CONVERTER_VERSION,
    }
    stale = [key for key, value in expected.items() if record.get(key) != value]
    return f"stale: {', '.join(stale)} changed" if stale else None


def ensure_converted(
    location: ModelLocation,
    quantization: str = CACHED_QUANTIZATION,
    notify: Callable[[str], None] | None = None,
) -> ModelLocation:
    """The CTranslate2 model of ``location``: itself when it is one, else its cached
    conversion, made (or redone when stale or partial) on first use."""
    source = location.folder
    if is_ct2_folder(source):
        return location
    converted = conversion_cache(source, quantization)
    problem = conversion_problem(source, converted, quantization, location.revision)
    if problem:
        if notify:
            notify(
                f"converting {location.model_id} for ctranslate2 {quantization} "
                f"({problem}) into {converted}"
            )
        try:
            convert_model(
                source,
                converted,
                quantization,
                model_id=location.model_id,
                revision=location.revision,
                replace=True,
            )
        except OSError as error:  # the local side: disk full, no permission
            raise ModelError(
                f"cannot convert {source} for ctranslate2 into {converted}: "
                f"{error.strerror or error}"
            ) from None
    return ModelLocation(converted, location.model_id, location.revision, location.up_to_date)


def _check_destination(destination: Path) -> None:
    """Only an empty folder or an earlier conversion may be replaced."""
    if not destination.exists():
        return
    if not destination.is_dir():
        raise ModelError(f"{destination} exists and is not a folder")
    if any(destination.iterdir()) and not is_ct2_folder(destination):
        raise ModelError(
            f"{destination} is not empty and holds no CTranslate2 model; choose another folder"
        )


def _run_converter(ctranslate2, source_folder: Path, output: Path, quantization: str) -> None:
    """Build CTranslate2's model specification from the folder's files with numpy (no torch,
    no transformers) and save it into ``output``."""
    from l10nflow.mt.ct2_spec import save_marian_spec

    try:
        save_marian_spec(source_folder, output, quantization)
    except (OSError, ValueError, RuntimeError) as error:
        raise ModelError(f"cannot convert {source_folder}: {_short_reason(error)}") from None


def _max_positions(folder: Path) -> int | None:
    try:
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        return int(config["max_position_embeddings"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _verify_ct2(folder: Path, pair: str) -> list[str]:
    """The problems of a CTranslate2 folder: files, vocabulary, pair, and whether it loads."""
    from l10nflow.mt.marian_vocab import MarianVocab

    problems = [f"missing {name}" for name in missing_ct2_files(folder)]
    if not all((folder / n).is_file() for n in ("source.spm", "target.spm", "vocab.json")):
        return problems
    problems += _vocabulary_problems(folder, pair, MarianVocab)
    if not problems:
        problems += _ct2_load_problems(folder)
    return problems


def _ct2_load_problems(folder: Path) -> list[str]:
    """Why ctranslate2 cannot load the folder (nothing when ctranslate2 is not installed)."""
    try:
        import ctranslate2
    except ImportError:
        return []
    try:
        ctranslate2.Translator(str(folder), device="cpu", intra_threads=1)
    except (RuntimeError, ValueError, OSError) as error:
        return [f"ctranslate2 cannot load it: {_short_reason(error)}"]
    return []
