"""CTranslate2 int8 as the default engine (issue 19): ``engine = "auto"``, conversion on first
use into a cache beside the model, stale and partial conversions redone, a translate path that
never imports torch or transformers, and the transformers engine as the reference."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from l10nflow.config import TranslateSettings
from l10nflow.errors import ModelError
from l10nflow.mt import ModelLocation, create_engine, resolve_engine, resolve_model
from l10nflow.mt.base import TranslateOptions
from l10nflow.mt.marian_vocab import MarianVocab
from l10nflow.mt.models import (
    CONVERTER_VERSION,
    PROVENANCE_FILE,
    conversion_cache,
    conversion_record,
    ensure_converted,
)
from l10nflow.pofile import read_po
from tests.fixtures.marian.build_test_model import MISTRANSLATED_TERMS, load_corpus
from tests.test_glossary_enforcement import GLOSSARY_CSV

from .conftest import REPO, mini_project

ctranslate2 = pytest.importorskip("ctranslate2")
DIRECTIONS = ("ar-en", "en-ar")
ARTICLES = {"ar-en": "mini_ar.txt", "en-ar": "mini_en.txt"}
MODES = {"greedy": TranslateOptions(num_beams=1), "beam": TranslateOptions(num_beams=4)}
LANGUAGE_TOKENS = {"ar-en": None, "en-ar": ">>ara<<"}


def _copy(model: Path, tmp_path: Path) -> Path:
    """A private copy of a fixture model (without any conversion cached beside it)."""
    folder = tmp_path / model.name
    shutil.copytree(model, folder, ignore=shutil.ignore_patterns("ct2-*", ".ct2-*"))
    return folder


def _po(project: Path, direction: str) -> Path:
    target = direction.split("-")[1]
    return project / f"locales/{target}/LC_MESSAGES/{Path(ARTICLES[direction]).stem}.po"


# ---------------------------------------------------------------------------- the default


def test_auto_is_the_default_and_means_ctranslate2_when_installed() -> None:
    assert TranslateSettings().engine == "auto"
    assert resolve_engine("auto") == "ctranslate2"
    assert resolve_engine("transformers") == "transformers"
    code = (
        "import sys; sys.modules['ctranslate2'] = None; "
        "from l10nflow.mt import resolve_engine; print(resolve_engine('auto'))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "transformers"


@pytest.mark.slow
def test_first_use_converts_once_then_the_cache_is_used(cli, tmp_path, marian_en_ar) -> None:
    model = _copy(marian_en_ar, tmp_path)
    runs = []
    for name in ("first", "second"):
        project = mini_project(tmp_path / name, ARTICLES["en-ar"], "en", "ar")
        result = cli(["translate", "--model", str(model), "--num-beams", "1"], cwd=project)
        assert result.exit_code == 0, result.stderr
        runs.append((project, result))
        if name == "first":
            converted = model / "ct2-int8"
            stamp = (converted / "model.bin").stat().st_mtime_ns
    (first, one), (second, two) = runs
    record = conversion_record(converted)
    assert (converted / "model.bin").stat().st_mtime_ns == stamp, "the second run converted"
    assert conversion_record(converted) == record
    assert record["quantization"] == "int8" and record["revision"] == "local"
    assert record["ctranslate2_version"] == ctranslate2.__version__
    assert record["converter"] == CONVERTER_VERSION and record["source_fingerprint"]
    assert Path(record["source_folder"]) == model.resolve()
    for result in (one, two):  # the engine and its quantization are always in the summary
        assert f"engine: ctranslate2-int8 {model.name}@local" in result.stderr
        assert "quant:int8" in result.stderr
    expected = dict(load_corpus("en-ar"))
    for project in (first, second):
        catalog = read_po(_po(project, "en-ar"))
        assert len(catalog) >= 6
        for entry in catalog:
            assert entry.msgstr == expected[entry.msgid]
            assert f"mt: ctranslate2-int8 {model.name}@local" in entry.comment
            assert "quant:int8" in entry.comment
    assert not [p for p in model.iterdir() if p.name.startswith(".ct2-int8")]


@pytest.mark.slow
def test_stale_or_partial_conversions_are_redone(tmp_path, marian_ar_en) -> None:
    model = _copy(marian_ar_en, tmp_path)
    location = ModelLocation(model, "test/ar-en", "rev1")
    heard: list[str] = []
    converted = ensure_converted(location, notify=heard.append).folder
    assert converted == conversion_cache(model) == model / "ct2-int8"
    assert ensure_converted(location, notify=heard.append).folder == converted
    assert len(heard) == 1 and "(first use)" in heard[0]

    def redo(damage, reason: str, revision: str = "rev1") -> None:
        damage()
        heard.clear()
        ensure_converted(ModelLocation(model, "test/ar-en", revision), notify=heard.append)
        assert len(heard) == 1 and reason in heard[0], heard
        assert conversion_record(converted)["revision"] == revision
        assert (converted / "model.bin").is_file()

    def old_converter() -> None:
        record = conversion_record(converted)
        record["converter"] = CONVERTER_VERSION - 1
        (converted / PROVENANCE_FILE).write_text(json.dumps(record), encoding="utf-8")

    weights = model / "model.safetensors"
    redo(old_converter, "stale: converter changed")
    redo(
        lambda: os.utime(weights, ns=(0, weights.stat().st_mtime_ns + 10**9)), "source_fingerprint"
    )
    redo(lambda: None, "stale: revision changed", revision="rev2")
    redo((converted / "model.bin").unlink, "partial: missing model.bin", revision="rev2")
    redo((converted / PROVENANCE_FILE).unlink, f"partial: missing {PROVENANCE_FILE}", "rev2")
    assert not [p for p in model.iterdir() if p.name.startswith(".ct2-int8")]


def test_a_failed_conversion_leaves_the_earlier_one_whole(tmp_path, marian_ar_en, monkeypatch):
    from l10nflow.mt import models

    model = _copy(marian_ar_en, tmp_path)
    converted = model / "ct2-int8"
    shutil.copytree(ensure_converted(ModelLocation(marian_ar_en, "m", "local")).folder, converted)
    before = {p.name: p.read_bytes() for p in converted.iterdir()}
    record = conversion_record(converted)
    record["converter"] = CONVERTER_VERSION - 1  # stale: a new conversion is due
    (converted / PROVENANCE_FILE).write_text(json.dumps(record), encoding="utf-8")
    before[PROVENANCE_FILE] = (converted / PROVENANCE_FILE).read_bytes()

    def broken(ctranslate2, source, output: Path, quantization: str) -> None:
        (output / "model.bin").write_bytes(b"half")  # a conversion killed halfway
        raise ModelError(f"cannot convert {source}: disk full")

    monkeypatch.setattr(models, "_run_converter", broken)
    with pytest.raises(ModelError, match="disk full"):
        ensure_converted(ModelLocation(model, "m", "local"))
    assert {p.name: p.read_bytes() for p in converted.iterdir()} == before
    assert [p.name for p in model.iterdir() if p.name.startswith(".ct2")] == []


def test_an_unwritable_model_folder_is_converted_into_the_cache(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("L10NFLOW_MODELS", str(tmp_path / "cache"))
    monkeypatch.setattr(os, "access", lambda path, mode: False)
    where = conversion_cache(tmp_path / "model")
    assert where.parent.parent == tmp_path / "cache" / "converted"
    assert where.name == "ct2-int8" and where.parent.name.startswith("model-")


# ---------------------------------------------------------------------------- equality


@pytest.mark.parametrize("mode", sorted(MODES))
@pytest.mark.parametrize("direction", DIRECTIONS)
def test_the_default_engine_agrees_with_transformers(request, direction, mode) -> None:
    model = request.getfixturevalue(f"marian_{direction.replace('-', '_')}")
    source, target = direction.split("-")
    location = resolve_model(str(model), direction)
    default = create_engine(location, source, target, engine="auto", device="cpu")
    reference = create_engine(location, source, target, engine="transformers", device="cpu")
    assert default.name == "ctranslate2-int8" and default.quantization.startswith("int8")
    texts = [text for text, _ in load_corpus(direction)]
    ours = [found[0].text for found in default.translate_batch(texts, MODES[mode])]
    theirs = [found[0].text for found in reference.translate_batch(texts, MODES[mode])]
    assert ours == theirs


# ---------------------------------------------------------------------------- token ids

PIECES = (">>ara<<", ">>eng<<", ">>", "<<", "</s>", "<unk>", "<pad>", " ", "▁")
ALPHABET = (
    "ابتثجحخدذرسشصضطظعغفقكلمنهويءآأإؤئىةًٌٍَُِّْـ٠١٢٣٤"  # Arabic, harakat, tatweel, digits
    "abcdefgXYZ 0123456789.,;:!?؟،؛«»()-—'\"\t\n\u00a0\u200f"
    "😀中ﻻ\U0001d11e"  # characters no test vocabulary holds
)
texts = st.lists(
    st.one_of(st.text(alphabet=ALPHABET, max_size=12), st.sampled_from(PIECES)), max_size=8
).map("".join)


@pytest.fixture(scope="module")
def tokenizers(marian_ar_en, marian_en_ar):
    from l10nflow.mt.marian import load_tokenizer

    models = {"ar-en": marian_ar_en, "en-ar": marian_en_ar}
    return {d: (MarianVocab(m), load_tokenizer(m)) for d, m in models.items()}


def _assert_same_ids(tokenizers, direction: str, text: str) -> None:
    vocab, tokenizer = tokenizers[direction]
    token = LANGUAGE_TOKENS[direction]
    expected = tokenizer(f"{token} {text}" if token else text)["input_ids"]
    assert vocab.ids(vocab.source_tokens(text, token)) == expected, text
    pieces = vocab.target_pieces(text)
    if pieces is not None:
        assert vocab.ids(pieces) == tokenizer(text_target=text)["input_ids"][:-1], text


@pytest.mark.parametrize("direction", DIRECTIONS)
def test_vocab_ids_equal_the_marian_tokenizers_on_the_corpus(tokenizers, direction) -> None:
    for source, target in load_corpus(direction):
        _assert_same_ids(tokenizers, direction, source)
        vocab, tokenizer = tokenizers[direction]
        expected = tokenizer(text_target=target)["input_ids"][:-1]
        assert vocab.ids(vocab.target_pieces(target) or ()) in (expected, [])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts)
@pytest.mark.parametrize("direction", DIRECTIONS)
def test_vocab_ids_equal_the_marian_tokenizers_on_random_text(tokenizers, direction, text):
    _assert_same_ids(tokenizers, direction, text)


def test_the_language_token_and_unknown_characters(tokenizers) -> None:
    vocab, _ = tokenizers["en-ar"]
    tokens = vocab.source_tokens("Qatar 😀 </s> >>ara<<", ">>ara<<")
    assert tokens[0] == ">>ara<<" and tokens[-1] == "</s>" and "<unk>" in tokens
    assert tokens.count("</s>") == 2  # a literal </s> is the end token, as MarianTokenizer has it
    _assert_same_ids(tokenizers, "en-ar", ">>ara<< starts the text")
    _assert_same_ids(tokenizers, "ar-en", ">>xyz<<قطر</s><unk>")


# ---------------------------------------------------------------------------- no torch

_TRANSLATE = """
import json, os, sys
from l10nflow.cli import main
os.chdir(sys.argv[1])
try:
    main(sys.argv[2:], standalone_mode=False)
finally:
    print(json.dumps(sorted(m for m in ("torch", "transformers") if m in sys.modules)))
"""


@pytest.mark.slow
@pytest.mark.parametrize("direction", DIRECTIONS)
def test_a_default_translate_run_imports_neither_torch_nor_transformers(
    tmp_path, request, direction
) -> None:
    """A whole ``l10nflow translate`` process on a model converted beforehand (a first-use
    conversion without torch is test_ct2_numpy_conversion's), glossary included (terms placed
    by CTranslate2 itself: splicing a drop-in term, suppressing a forbidden form)."""
    model = request.getfixturevalue(f"marian_{direction.replace('-', '_')}")
    source, target = direction.split("-")
    location = resolve_model(str(model), direction)
    converted = ensure_converted(location).folder  # the translate run alone is watched
    project = mini_project(tmp_path, ARTICLES[direction], source, target)
    cases = [c for c in MISTRANSLATED_TERMS[:2] if c["direction"] == direction]
    article = project / "articles" / ARTICLES[direction]
    with article.open("a", encoding="utf-8") as handle:
        handle.write("".join(f"\n{case['sentence']}\n" for case in cases))
    (project / "terms.csv").write_text(GLOSSARY_CSV, encoding="utf-8")
    args = ["translate", "--model", str(model), "--glossary", "terms.csv", "--threads", "2"]
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    done = subprocess.run(
        [sys.executable, "-c", _TRANSLATE, str(project), *args],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.splitlines()[-1]) == []
    assert "converting" not in done.stderr and "forced by the transformers" not in done.stderr
    assert f"engine: ctranslate2-int8 {location.model_id}@local" in done.stderr
    catalog = read_po(_po(project, direction))
    for case in cases:
        wanted = case["model_output"].replace(case["model_says"], case["glossary_wants"])
        assert catalog.find(case["sentence"]).msgstr == wanted
    assert len(catalog) >= 6 and all(e.msgstr for e in catalog)
    assert (converted / "model.bin").is_file()


def test_the_transformers_fallback_is_announced(tmp_path, marian_ar_en) -> None:
    """Term forcing CTranslate2 cannot do loads the transformers engine: the run says so."""
    from l10nflow.glossary import Glossary
    from l10nflow.mt.enforce import translate_segments

    engine = create_engine(resolve_model(str(marian_ar_en), "ar-en"), "ar", "en", engine="auto")
    terms = tmp_path / "terms.csv"
    terms.write_text("ar,en\nالقوات الخاصة,special forces\n", encoding="utf-8")
    case = MISTRANSLATED_TERMS[0]
    (result,) = translate_segments(
        engine, [case["sentence"]], MODES["greedy"], Glossary.load([terms])
    )
    assert engine.fallback_segments == 1 and "special forces" in result.text
    assert any("forced by the transformers engine" in w for w in engine.stats.warnings)
