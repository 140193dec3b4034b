"""Model folders: the files a Marian (or converted CTranslate2) model needs, and what a
folder says about itself.

Facts only, no engine: which files a folder must hold (weights only as safetensors),
whether its ``model.safetensors`` is whole, the target-language token a multi-target model
needs, where models are cached, and the provenance a pull or conversion recorded. The
engines and :mod:`l10nflow.mt.models` (resolving, pulling, verifying, converting) build on it.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

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
# A model converted for CTranslate2 (``models convert``): its own model.bin and config.json, plus
# the Marian tokenizer files (and the generation defaults) copied alongside.
CT2_TOKENIZER_FILES = ("source.spm", "target.spm", "vocab.json", "tokenizer_config.json")
CT2_FILES = ("model.bin", "config.json", *CT2_TOKENIZER_FILES)
CT2_COPIED_FILES = (*CT2_TOKENIZER_FILES, "generation_config.json")
QUANTIZATIONS = ("int8", "int8_float32", "float16", "float32")
# The target-language token a multi-target OPUS-MT model expects, per target language.
TARGET_LANGUAGE_TOKENS = {"ar": ">>ara<<"}
_MAX_SAFETENSORS_HEADER = 100 * 1024 * 1024  # safetensors' own limit on its JSON header


@dataclass(frozen=True)
class ModelLocation:
    """A resolved model: the folder holding its files, and what it is."""

    folder: Path
    model_id: str
    revision: str
    up_to_date: bool = False  # a pull found the folder already matching the hub


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


def require_files(folder: Path) -> None:
    """:class:`ModelError` unless ``folder`` is a complete Marian (or CTranslate2) model."""
    if is_ct2_folder(folder):
        missing = missing_ct2_files(folder)
        if missing:
            raise ModelError(
                f"{folder} is not a complete CTranslate2 model: missing {', '.join(missing)}"
            )
        return
    missing = missing_files(folder)
    if missing:
        hint = ""
        if "model.safetensors" in missing and (folder / "pytorch_model.bin").exists():
            hint = " (pytorch_model.bin is not loaded: convert it to safetensors)"
        raise ModelError(
            f"{folder} is not a complete Marian model: missing {', '.join(missing)}{hint}"
        )
    problem = safetensors_problem(folder / "model.safetensors")
    if problem:
        raise ModelError(f"{folder / 'model.safetensors'} is unusable: {problem}; pull it again")


def safetensors_problem(path: Path) -> str | None:
    """Why ``path`` is not a whole safetensors file (None when header and offsets fit).

    Reads the 8-byte header length and the JSON header only: a download cut short, or a file
    that is not safetensors at all, is found without loading a tensor.
    """
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            prefix = handle.read(8)
            if len(prefix) < 8:
                return f"truncated: {size} bytes, not even a header"
            length = int.from_bytes(prefix, "little")
            if length > min(size - 8, _MAX_SAFETENSORS_HEADER):
                return f"truncated or not safetensors: a {length}-byte header in {size} bytes"
            header = json.loads(handle.read(length))
    except OSError as error:
        return f"unreadable ({error.strerror or error})"
    except (ValueError, UnicodeDecodeError):
        return "not safetensors: its header is not JSON"
    if not isinstance(header, dict):
        return "not safetensors: its header is not a JSON object"
    end = 0
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        try:
            begin, stop = (int(x) for x in entry["data_offsets"])
        except (TypeError, KeyError, ValueError):
            return f"not safetensors: tensor {name!r} has no data offsets"
        if not 0 <= begin <= stop:
            return f"not safetensors: tensor {name!r} has offsets {begin}-{stop}"
        end = max(end, stop)
    if 8 + length + end > size:
        return f"truncated: its tensors need {8 + length + end} bytes, the file has {size}"
    return None


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


# ---------------------------------------------------------------------------- CTranslate2


def is_ct2_folder(folder: Path) -> bool:
    """True for a CTranslate2 model folder (it holds ``model.bin``, never safetensors)."""
    return (folder / "model.bin").is_file()


def missing_ct2_files(folder: Path) -> list[str]:
    """The files a CTranslate2 Marian folder lacks."""
    return [name for name in CT2_FILES if not (folder / name).is_file()]


def conversion_record(folder: Path) -> dict:
    """What ``models convert`` recorded about a CTranslate2 folder (empty when unreadable).

    Keys: model_id, revision, engine, quantization, source_folder (the transformers folder it
    was converted from), ctranslate2_version, max_position_embeddings.
    """
    try:
        data = json.loads((folder / PROVENANCE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
