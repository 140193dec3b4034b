"""Conversion for CTranslate2 without torch (issue 19, item 3): the spec is built from
``model.safetensors`` with numpy (:mod:`l10nflow.mt.ct2_spec`), and what it saves is byte
for byte what ctranslate2's own ``TransformersConverter`` saves (run here, in a subprocess,
as the reference), so the translations are the same too, greedy and beam."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from l10nflow.mt import ModelLocation, create_engine
from l10nflow.mt.base import TranslateOptions
from l10nflow.mt.models import CT2_COPIED_FILES, QUANTIZATIONS, conversion_record, convert_model
from l10nflow.pofile import read_po
from tests.fixtures.marian.build_test_model import load_corpus

from .conftest import REPO, mini_project, snapshot

ctranslate2 = pytest.importorskip("ctranslate2")
np = pytest.importorskip("numpy")  # ctranslate2 brings it; the core install has neither
DIRECTIONS = ("ar-en", "en-ar")
MODES = {"greedy": TranslateOptions(num_beams=1), "beam": TranslateOptions(num_beams=4)}
SAVED = ("model.bin", "config.json", "shared_vocabulary.json")  # what a conversion writes
ODD = "ar-en-odd"  # the ar-en model stored the way other safetensors files are (see _odd_copy)

# ctranslate2's converter as models.py ran it before: transformers loads the safetensors.
_REFERENCE = """
import json, shutil, sys, warnings
from ctranslate2.converters import TransformersConverter

class SafetensorsConverter(TransformersConverter):
    def load_model(self, model_class, path, **kwargs):
        return model_class.from_pretrained(path, use_safetensors=True, **kwargs)

warnings.simplefilter("ignore")
for source, output, quantization, copied in json.loads(sys.argv[1]):
    SafetensorsConverter(source).convert(output, quantization=quantization, force=True)
    for name in copied:
        shutil.copy2(f"{source}/{name}", f"{output}/{name}")
"""


def _odd_copy(model: Path, folder: Path) -> Path:
    """``model`` with its weights stored as other files store them: float16 tensors (the
    config says float32), the shared embedding under ``encoder.embed_tokens`` (a tied name),
    position encodings in the file (not transformers' sinusoids) and a non-zero output bias."""
    from safetensors.numpy import load_file, save_file

    shutil.copytree(model, folder, ignore=shutil.ignore_patterns("ct2-*", ".ct2-*"))
    tensors = load_file(str(model / "model.safetensors"))
    tensors["model.encoder.embed_tokens.weight"] = tensors.pop("model.shared.weight")
    rng = np.random.default_rng(19)
    d_model = tensors["model.encoder.embed_tokens.weight"].shape[1]
    for side in ("encoder", "decoder"):
        positions = rng.standard_normal((512, d_model)).astype(np.float32)
        tensors[f"model.{side}.embed_positions.weight"] = positions
    bias = tensors["final_logits_bias"]
    tensors["final_logits_bias"] = rng.standard_normal(bias.shape).astype(np.float32) / 10
    save_file(
        {k: v.astype(np.float16) for k, v in tensors.items()}, str(folder / "model.safetensors")
    )
    return folder


@pytest.fixture(scope="module")
def sources(marian_ar_en, marian_en_ar, tmp_path_factory) -> dict[str, Path]:
    odd = _odd_copy(marian_ar_en, tmp_path_factory.mktemp("odd") / ODD)
    return {"ar-en": marian_ar_en, "en-ar": marian_en_ar, ODD: odd}


@pytest.fixture(scope="module")
def converted(sources, tmp_path_factory) -> dict[tuple[str, str, str], Path]:
    """Every source in every quantization, by both converters:
    {(source, quantization, "numpy" or "reference"): folder}."""
    root = tmp_path_factory.mktemp("converted")
    folders = {}
    jobs = []
    for name, source in sources.items():
        for quantization in QUANTIZATIONS:
            folders[name, quantization, "numpy"] = convert_model(
                source, root / f"{name}-{quantization}-numpy", quantization
            )
            reference = root / f"{name}-{quantization}-reference"
            folders[name, quantization, "reference"] = reference
            jobs.append((str(source), str(reference), quantization, CT2_COPIED_FILES))
    done = subprocess.run(
        [sys.executable, "-c", _REFERENCE, json.dumps(jobs)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    return folders


@pytest.mark.parametrize("quantization", QUANTIZATIONS)
@pytest.mark.parametrize("source", [*DIRECTIONS, ODD])
def test_the_saved_model_is_byte_for_byte_the_converters(converted, source, quantization):
    ours, theirs = (converted[source, quantization, kind] for kind in ("numpy", "reference"))
    assert sorted(p.name for p in theirs.iterdir() if p.name not in CT2_COPIED_FILES) == sorted(
        SAVED
    )
    for name in SAVED:
        assert (ours / name).read_bytes() == (theirs / name).read_bytes(), name


def test_the_odd_copy_really_differs(converted) -> None:
    """The odd copy's position encodings and bias reach the model: the rules that resolve
    them are exercised, not bypassed."""
    odd, plain = (converted[name, "int8", "numpy"] / "model.bin" for name in (ODD, "ar-en"))
    assert odd.read_bytes() != plain.read_bytes()


@pytest.mark.parametrize("mode", sorted(MODES))
@pytest.mark.parametrize("direction", DIRECTIONS)
def test_translations_are_the_converters(converted, direction, mode) -> None:
    source, target = direction.split("-")
    texts = [text for text, _ in load_corpus(direction)]
    outputs = []
    for kind in ("numpy", "reference"):
        location = ModelLocation(converted[direction, "int8", kind], "m", "local")
        engine = create_engine(location, source, target, engine="ctranslate2", device="cpu")
        found = engine.translate_batch(texts, MODES[mode])
        outputs.append([(h[0].text, h[0].score) for h in found])
    assert outputs[0] == outputs[1]
    assert [text for text, _ in outputs[0]] == [wanted for _, wanted in load_corpus(direction)]


# ---------------------------------------------------------------------------- no torch

_FIRST_USE = """
import json, os, sys
from l10nflow.cli import main
os.chdir(sys.argv[1])
try:
    main(sys.argv[2:], standalone_mode=False)
finally:
    print(json.dumps(sorted(m for m in ("torch", "transformers") if m in sys.modules)))
"""


def test_a_first_use_translate_run_converts_without_torch_or_transformers(
    tmp_path, marian_en_ar
) -> None:
    """A whole ``translate`` process that converts the model first imports neither, though
    both are installed here."""
    model = tmp_path / "model"
    shutil.copytree(marian_en_ar, model, ignore=shutil.ignore_patterns("ct2-*", ".ct2-*"))
    project = mini_project(tmp_path, "mini_en.txt", "en", "ar")
    args = ["translate", "--model", str(model), "--num-beams", "1", "--threads", "2"]
    done = subprocess.run(
        [sys.executable, "-c", _FIRST_USE, str(project), *args],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(REPO / "src")},
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.splitlines()[-1]) == []
    record = conversion_record(model / "ct2-int8")  # converted by this run: the copy had none
    assert record["source_folder"] == str(model.resolve()) and record["quantization"] == "int8"
    expected = dict(load_corpus("en-ar"))
    catalog = read_po(project / "locales/ar/LC_MESSAGES/mini_en.po")
    assert len(catalog) >= 6
    assert all(entry.msgstr == expected[entry.msgid] for entry in catalog)


# ---------------------------------------------------------------------------- bad weights


def _damaged(model: Path, folder: Path, damage) -> Path:
    from safetensors.numpy import load_file, save_file

    shutil.copytree(model, folder, ignore=shutil.ignore_patterns("ct2-*", ".ct2-*"))
    tensors = load_file(str(model / "model.safetensors"))
    damage(tensors)
    save_file(tensors, str(folder / "model.safetensors"))
    return folder


BAD_WEIGHTS = {
    "missing": (
        lambda t: t.pop("model.decoder.layers.1.fc2.bias"),
        "model.safetensors lacks the tensor model.decoder.layers.1.fc2.bias",
    ),
    "wrong shape": (
        lambda t: t.update({"model.encoder.layers.0.fc1.weight": np.zeros((64, 128), "f4")}),
        "model.safetensors: tensor model.encoder.layers.0.fc1.weight has shape (64, 128), "
        "but config.json makes it (128, 64)",
    ),
    "integer": (
        lambda t: t.update({"model.shared.weight": t["model.shared.weight"].astype("i4")}),
        "model.safetensors: tensor model.shared.weight is I32, not F32 or F16",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_WEIGHTS))
def test_bad_weights_are_one_line_and_change_nothing(cli, tmp_path, marian_ar_en, case) -> None:
    damage, message = BAD_WEIGHTS[case]
    model = _damaged(marian_ar_en, tmp_path / "model", damage)
    project = mini_project(tmp_path, "mini_ar.txt", "ar", "en")
    before = snapshot(project), snapshot(model)
    result = cli(["translate", "--model", str(model)], cwd=project)
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("l10nflow: error: ") and line.endswith(message), line
    assert (snapshot(project), snapshot(model)) == before  # no conversion, no staging left
