"""A Marian folder as CTranslate2's model specification, built with numpy alone.

Reads ``config.json``, ``vocab.json``, ``tokenizer_config.json`` and ``model.safetensors``
(its JSON header, then each tensor read into a numpy array) and fills ctranslate2's
``TransformerSpec`` exactly as its ``TransformersConverter`` (``MarianMTLoader``) fills it
from a loaded transformers model, so the saved ``model.bin`` is the same, byte for byte
(tests/test_ct2_numpy_conversion.py compares them): post-norm layers, q/k/v fused,
embeddings scaled by sqrt(d_model) when ``scale_embedding``, sinusoidal position encodings
(transformers' formula, unless the file holds its own), the decoder starting from a zero
embedding, ``final_logits_bias`` as the output bias when it is not all zeros, and the
``<pad>`` row dropped from the shared vocabulary. Tied weights resolve as transformers ties
them on load: a tensor the file holds is used, a missing one is taken from the tensor it
is tied to. No torch, no transformers.
"""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from l10nflow.errors import ModelError
from l10nflow.mt.hub import short_reason

MARIAN_PREFIX = "model."
# transformers' activation names, as CTranslate2's converter maps them (common_spec.Activation)
_ACTIVATIONS = {
    "relu": "RELU",
    "gelu": "GELU",
    "gelu_python": "GELU",
    "gelu_new": "GELUTanh",
    "gelu_fast": "GELUTanh",
    "gelu_pytorch_tanh": "GELUTanh",
    "quick_gelu": "GELUSigmoid",
    "silu": "SWISH",
    "swish": "SWISH",
}
_FLOAT_DTYPES = ("float32", "float16")  # what numpy holds; bfloat16 needs torch
_SAFETENSORS_DTYPES = {"F32": "<f4", "F16": "<f2"}  # safetensors stores little-endian


def save_marian_spec(folder: Path, output: Path, quantization: str) -> None:
    """Convert the Marian model in ``folder`` into ``output`` (an existing, empty folder)."""
    with _torch_free_specs() as specs:
        spec = marian_spec(folder, specs)
        spec.validate()  # ValueError: a vocabulary that does not fit the embeddings
        spec.optimize(quantization=quantization)
        spec.save(str(output))


def marian_spec(folder: Path, specs):
    """The ``TransformerSpec`` of the Marian model in ``folder``, unvalidated (``specs``:
    ctranslate2's ``specs`` module)."""
    config = _read_json(folder / "config.json")
    if config.get("model_type") != "marian":
        raise ModelError(
            f"{folder / 'config.json'} says model_type {config.get('model_type')!r}, not marian"
        )
    shape = _Shape(config, folder / "config.json")
    weights = _Weights(folder / "model.safetensors", shape)
    spec = specs.TransformerSpec.from_config(
        (shape.encoder_layers, shape.decoder_layers),
        shape.heads,
        pre_norm=False,
        activation=shape.activation(specs.Activation),
        layernorm_embedding=False,
    )
    encoder, decoder = spec.encoder, spec.decoder
    _set_common(encoder, encoder.embeddings[0], weights, "encoder", shape)
    decoder.start_from_zero_embedding = True
    _set_common(decoder, decoder.embeddings, weights, "decoder", shape)
    for index, layer in enumerate(encoder.layer):
        _set_layer(layer, weights, f"encoder.layers.{index}", cross_attention=False)
    for index, layer in enumerate(decoder.layer):
        _set_layer(layer, weights, f"decoder.layers.{index}", cross_attention=True)
    decoder.projection.weight = weights.embedding("lm_head.weight")
    bias = weights.final_logits_bias()
    if bias is not None:
        decoder.projection.bias = bias
    _drop_pad_rows(spec)
    tokens, eos, unk = _vocabulary(folder, shape.vocab_size)
    spec.config.eos_token = eos
    spec.config.unk_token = unk
    spec.config.decoder_start_token = eos  # unused: the decoder starts from a zero embedding
    spec.register_source_vocabulary(tokens)
    spec.register_target_vocabulary(tokens)
    return spec


@contextmanager
def _torch_hidden() -> Iterator[None]:
    """Make ``import torch`` fail meanwhile, unless torch is already loaded.

    ctranslate2's ``specs.model_spec`` imports torch when it is installed, only to accept
    torch tensors and to cast to bfloat16; this conversion has neither, and loading torch
    would cost seconds and hundreds of MB on the translate path.
    """
    if "torch" in sys.modules:
        yield
        return
    sys.modules["torch"] = None  # type: ignore[assignment]
    try:
        yield
    finally:
        del sys.modules["torch"]


@contextmanager
def _torch_free_specs() -> Iterator[Any]:
    """ctranslate2's ``specs`` module, imported with torch hidden unless torch is loaded.

    ``specs`` decides once, on import, whether torch is there; a copy imported with torch
    hidden is dropped afterwards, so that a later import in the same process (ctranslate2's
    own converters, which need torch) gets one that sees it.
    """
    fresh = "ctranslate2.specs" not in sys.modules and "torch" not in sys.modules
    with _torch_hidden():
        import ctranslate2.specs as specs
    try:
        yield specs
    finally:
        if fresh:
            _forget("ctranslate2.specs", "ctranslate2.converters")


def _forget(*packages: str) -> None:
    """Drop ``packages`` and their submodules from the import system (imported again on use)."""
    import ctranslate2

    prefixes = tuple(f"{package}." for package in packages)
    for name in [m for m in sys.modules if m in packages or m.startswith(prefixes)]:
        del sys.modules[name]
    for package in packages:
        ctranslate2.__dict__.pop(package.rpartition(".")[2], None)


class _Shape:
    """The dimensions ``config.json`` gives, and so every tensor's expected shape."""

    def __init__(self, config: dict[str, Any], path: Path):
        try:
            self.d_model = int(config["d_model"])
            self.encoder_layers = int(config["encoder_layers"])
            self.decoder_layers = int(config["decoder_layers"])
            self.heads = int(config["encoder_attention_heads"])  # the converter's choice
            self.encoder_ffn = int(config["encoder_ffn_dim"])
            self.decoder_ffn = int(config["decoder_ffn_dim"])
            self.vocab_size = int(config["vocab_size"])
            self.positions = int(config["max_position_embeddings"])
        except (KeyError, TypeError, ValueError) as error:
            raise ModelError(f"{path} lacks a usable {error} entry") from None
        self.shared = bool(config.get("share_encoder_decoder_embeddings", True))
        self.tied = bool(config.get("tie_word_embeddings", True))
        decoder_vocab = config.get("decoder_vocab_size") or self.vocab_size
        self.target_vocab = self.vocab_size if self.shared else int(decoder_vocab)
        self.scale = math.sqrt(self.d_model) if config.get("scale_embedding") else 1.0
        self.activation_name = str(config.get("activation_function", "gelu"))
        self.dtype = str(config.get("dtype") or config.get("torch_dtype") or "float32")
        if self.dtype not in _FLOAT_DTYPES:
            raise ModelError(f"{path} asks for {self.dtype} weights (float32 or float16 only)")
        if self.activation_name not in _ACTIVATIONS:
            raise ModelError(f"{path} names an unsupported activation {self.activation_name!r}")

    def activation(self, enum):
        return enum[_ACTIVATIONS[self.activation_name]]

    def expected(self, name: str) -> tuple[int, ...]:
        """The shape the model defined by config.json gives tensor ``name``."""
        d = self.d_model
        if name == "final_logits_bias":
            return (1, self.target_vocab)
        if name.endswith("embed_positions.weight"):
            return (self.positions, d)
        if name.endswith("embed_tokens.weight") or name.endswith("shared.weight"):
            is_target = name.startswith(f"{MARIAN_PREFIX}decoder.")
            return (self.target_vocab if is_target else self.vocab_size, d)
        if name == "lm_head.weight":
            return (self.target_vocab, d)
        ffn = self.decoder_ffn if ".decoder." in f".{name}" else self.encoder_ffn
        kind, parameter = name.rsplit(".", 2)[-2:]
        if kind == "fc1":
            return (ffn, d) if parameter == "weight" else (ffn,)
        if kind == "fc2":
            return (d, ffn) if parameter == "weight" else (d,)
        return (d, d) if parameter == "weight" and not kind.endswith("layer_norm") else (d,)


class _Weights:
    """The tensors of a ``model.safetensors``, read one at a time with plain reads as they
    are asked for and checked against config.json's shapes.

    Not safetensors' own loader: it maps the file and copies every tensor out of the map, so
    the process holds the weights twice (608 MB peak for opus-mt size, 316 MB this way).
    The header and offsets were checked before (:func:`~l10nflow.mt.folders.require_files`).
    """

    def __init__(self, path: Path, shape: _Shape):
        self.path = path
        self.shape = shape
        try:
            with path.open("rb") as handle:
                length = int.from_bytes(handle.read(8), "little")
                header = json.loads(handle.read(length))
        except (OSError, ValueError) as error:
            raise ModelError(f"cannot read {path}: {short_reason(error)}") from None
        if not isinstance(header, dict):
            raise ModelError(f"{path} is not safetensors: its header is not a JSON object")
        header.pop("__metadata__", None)
        self.header: dict[str, Any] = header
        self.start = 8 + length
        self.read: dict[str, Any] = {}  # a tensor asked for twice (tied) is one array

    def __contains__(self, name: str) -> bool:
        return name in self.header

    def get(self, name: str, *fallbacks: str):
        """Tensor ``name`` (else the first of ``fallbacks`` the file holds), cast to the
        model's dtype; :class:`ModelError` when none is there or its shape is wrong."""
        for candidate in (name, *fallbacks):
            if candidate in self.header:
                if candidate not in self.read:
                    self.read[candidate] = self._load(candidate, self.shape.expected(name))
                return self.read[candidate]
        raise ModelError(f"{self.path} lacks the tensor {name}")

    def _load(self, name: str, expected: tuple[int, ...]):
        entry = self.header[name]
        try:
            dtype = _SAFETENSORS_DTYPES.get(entry["dtype"])
            shape = tuple(int(n) for n in entry["shape"])
            begin, end = (int(n) for n in entry["data_offsets"])
        except (KeyError, TypeError, ValueError):
            raise ModelError(
                f"{self.path} is not safetensors: tensor {name} is malformed"
            ) from None
        if shape != expected:
            raise ModelError(
                f"{self.path}: tensor {name} has shape {shape}, but config.json makes it {expected}"
            )
        if dtype is None:
            raise ModelError(f"{self.path}: tensor {name} is {entry['dtype']}, not F32 or F16")
        array = np.empty(shape, dtype=dtype)
        try:
            with self.path.open("rb") as handle:
                handle.seek(self.start + begin)
                count = handle.readinto(memoryview(array).cast("B")) if array.size else 0
        except OSError as error:
            raise ModelError(f"cannot read {self.path}: {error.strerror or error}") from None
        if end - begin != array.nbytes or count != array.nbytes:
            raise ModelError(
                f"{self.path}: tensor {name} has {end - begin} bytes, not {array.nbytes}"
            )
        model_dtype = np.dtype(self.shape.dtype)
        return array if array.dtype == model_dtype else array.astype(model_dtype)

    def embedding(self, name: str):
        """An embedding matrix; one the file lacks is the one it is tied to, as transformers
        ties them on load (the shared matrix first)."""
        shared, head = f"{MARIAN_PREFIX}shared.weight", "lm_head.weight"
        encoder, decoder = (
            f"{MARIAN_PREFIX}{s}.embed_tokens.weight" for s in ("encoder", "decoder")
        )
        tied: list[str] = []
        if self.shape.shared:
            tied = [shared, encoder, decoder, *([head] if self.shape.tied else [])]
        elif self.shape.tied:
            tied = [decoder, head]
        return self.get(name, *(other for other in tied if name in tied and other != name))

    def positions(self, side: str):
        """The file's position encodings, else transformers' sinusoids (sin | cos halves)."""
        name = f"{MARIAN_PREFIX}{side}.embed_positions.weight"
        if name in self:
            return self.get(name)
        n_pos, dim = self.shape.positions, self.shape.d_model
        # one scalar np.power per column, as transformers computes them; a division is
        # exactly rounded, so dividing by the column vector gives transformers' angles
        divisors = np.array([np.power(10000, 2 * (j // 2) / dim) for j in range(dim)])
        angles = np.arange(n_pos)[:, None] / divisors[None, :]
        sentinel = dim // 2 + dim % 2
        out = np.empty((n_pos, dim), dtype=np.float32)
        out[:, :sentinel] = np.sin(angles[:, 0::2]).astype(np.float32)
        out[:, sentinel:] = np.cos(angles[:, 1::2]).astype(np.float32)
        return out.astype(self.shape.dtype, copy=False)

    def final_logits_bias(self):
        """The output bias (without its batch axis), None when absent or all zeros."""
        if "final_logits_bias" not in self:
            return None
        bias = self.get("final_logits_bias")
        return bias.squeeze() if bias.any() else None


def _set_common(spec, embeddings, weights: _Weights, side: str, shape: _Shape) -> None:
    spec.scale_embeddings = shape.scale
    spec.position_encodings.encodings = weights.positions(side)
    embeddings.weight = weights.embedding(f"{MARIAN_PREFIX}{side}.embed_tokens.weight")


def _set_layer(layer, weights: _Weights, prefix: str, *, cross_attention: bool) -> None:
    prefix = f"{MARIAN_PREFIX}{prefix}"
    _set_attention(layer.self_attention, weights, f"{prefix}.self_attn", fused=True)
    _set_norm(layer.self_attention.layer_norm, weights, f"{prefix}.self_attn_layer_norm")
    if cross_attention:
        _set_attention(layer.attention, weights, f"{prefix}.encoder_attn", fused=False)
        _set_norm(layer.attention.layer_norm, weights, f"{prefix}.encoder_attn_layer_norm")
    _set_linear(layer.ffn.linear_0, weights, f"{prefix}.fc1")
    _set_linear(layer.ffn.linear_1, weights, f"{prefix}.fc2")
    _set_norm(layer.ffn.layer_norm, weights, f"{prefix}.final_layer_norm")


def _set_attention(spec, weights: _Weights, prefix: str, *, fused: bool) -> None:
    """q, k, v fused into one projection (self-attention), or q alone and k+v (cross)."""
    parts = [
        (weights.get(f"{prefix}.{p}_proj.weight"), weights.get(f"{prefix}.{p}_proj.bias"))
        for p in "qkv"
    ]
    groups = [parts] if fused else [parts[:1], parts[1:]]
    for linear, group in zip(spec.linear, groups, strict=False):
        linear.weight = np.concatenate([w for w, _ in group])
        linear.bias = np.concatenate([b for _, b in group])
    _set_linear(spec.linear[-1], weights, f"{prefix}.out_proj")


def _set_linear(spec, weights: _Weights, prefix: str) -> None:
    spec.weight = weights.get(f"{prefix}.weight")
    spec.bias = weights.get(f"{prefix}.bias")


def _set_norm(spec, weights: _Weights, prefix: str) -> None:
    spec.gamma = weights.get(f"{prefix}.weight")
    spec.beta = weights.get(f"{prefix}.bias")


def _drop_pad_rows(spec) -> None:
    """Drop the last vocabulary row (``<pad>``, which transformers appends for its decoder
    start; CTranslate2 starts from a zero embedding instead) where a matrix has it."""
    rows = spec.encoder.embeddings[0].weight.shape[0] - 1
    for layer in (spec.encoder.embeddings[0], spec.decoder.embeddings, spec.decoder.projection):
        if layer.weight.shape[0] == rows + 1:
            layer.weight = layer.weight[:-1]
        bias = getattr(layer, "bias", None)  # unset: a string (OPTIONAL); embeddings: none
        if isinstance(bias, np.ndarray) and bias.shape[0] == rows + 1:
            layer.bias = bias[:-1]


def _vocabulary(folder: Path, size: int) -> tuple[list[str], str, str]:
    """MarianTokenizer's vocabulary as the converter lists it (``vocab.json`` with the added
    tokens of ``tokenizer_config.json``, by id, cut to ``size``, a final ``<pad>`` dropped),
    and its end and unknown tokens."""
    encoder = _read_json(folder / "vocab.json")
    settings_path = folder / "tokenizer_config.json"
    settings = _read_json(settings_path) if settings_path.is_file() else {}
    added = settings.get("added_tokens_decoder") or {}
    try:
        merged = dict(encoder, **{_token(entry): int(key) for key, entry in added.items()})
        tokens = [token for token, _ in sorted(merged.items(), key=lambda item: int(item[1]))]
    except (TypeError, ValueError, AttributeError):
        raise ModelError(f"{folder / 'vocab.json'} is not a token-to-id mapping") from None
    tokens = tokens[:size]
    if tokens and tokens[-1] == "<pad>":
        tokens.pop()
    return (
        tokens,
        _token(settings.get("eos_token", "</s>")),
        _token(settings.get("unk_token", "<unk>")),
    )


def _token(entry: Any) -> str:
    """A token as tokenizer_config.json writes it: a string, or an AddedToken's fields."""
    return str(entry["content"]) if isinstance(entry, dict) else str(entry)


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ModelError(f"cannot read {path}: {short_reason(error)}") from None
    if not isinstance(data, dict):
        raise ModelError(f"{path} is not a JSON object")
    return data
