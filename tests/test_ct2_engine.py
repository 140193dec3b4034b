"""The CTranslate2 engine and ``models convert``, on the tiny test models converted once."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from l10nflow.catalog_entry import EntryState, entry_state
from l10nflow.errors import ModelError
from l10nflow.glossary import Glossary
from l10nflow.mt import create_engine, resolve_model
from l10nflow.mt.base import TranslateOptions
from l10nflow.mt.ct2 import FAST_EXTRA, cpu_layout, default_threads
from l10nflow.mt.enforce import translate_segments
from l10nflow.mt.models import (
    CT2_COPIED_FILES,
    PROVENANCE_FILE,
    conversion_record,
    convert_model,
)
from l10nflow.pofile import read_po
from tests.fixtures.marian.build_test_model import (
    MISTRANSLATED_TERMS,
    load_corpus,
)
from tests.test_glossary_enforcement import GLOSSARY_CSV, glossary_project

from .conftest import mini_project, snapshot

ctranslate2 = pytest.importorskip("ctranslate2")
QUANTIZATIONS = ("int8", "float32")
DIRECTIONS = ("ar-en", "en-ar")
ARTICLES = {"ar-en": "mini_ar.txt", "en-ar": "mini_en.txt"}
MODES = {"greedy": TranslateOptions(num_beams=1), "beam": TranslateOptions(num_beams=4)}
# The glossary of test_glossary_enforcement without its forbidden forms: no clean splice point.
NO_FORBIDDEN_CSV = "ar,en\nالقوات الخاصة,special forces\nالحرس الوطني,National Guard\n"


@pytest.fixture(scope="session")
def ct2_models(marian_ar_en, marian_en_ar, tmp_path_factory) -> dict[tuple[str, str], Path]:
    """Both test models converted in int8 and float32: {(direction, quantization): folder}."""
    root = tmp_path_factory.mktemp("ct2")
    sources = {"ar-en": marian_ar_en, "en-ar": marian_en_ar}
    return {
        (direction, quantization): convert_model(
            sources[direction], root / f"{direction}-{quantization}", quantization
        )
        for direction in DIRECTIONS
        for quantization in QUANTIZATIONS
    }


def _engine(folder: Path, direction: str):
    source, target = direction.split("-")
    location = resolve_model(str(folder), direction)
    return create_engine(location, source, target, engine="ctranslate2", device="cpu")


@pytest.fixture(scope="module")
def engines(ct2_models):
    return {key: _engine(folder, key[0]) for key, folder in ct2_models.items()}


def _glossary(tmp_path: Path, text: str) -> Glossary:
    path = tmp_path / "terms.csv"
    path.write_text(text, encoding="utf-8")
    return Glossary.load([path])


def _case_id(case: dict) -> str:
    return f"{case['direction']}:{case['sentence'][:24]}"


def _run_python(code: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=300
    )


# ---------------------------------------------------------------------------- conversion


@pytest.mark.parametrize("quantization", QUANTIZATIONS)
@pytest.mark.parametrize("direction", DIRECTIONS)
def test_conversion_writes_model_tokenizer_and_provenance(
    ct2_models, request, direction, quantization
) -> None:
    folder = ct2_models[direction, quantization]
    source = request.getfixturevalue(f"marian_{direction.replace('-', '_')}")
    assert (folder / "model.bin").is_file() and not (folder / "model.safetensors").exists()
    for name in CT2_COPIED_FILES:
        assert (folder / name).read_bytes() == (source / name).read_bytes(), name
    record = json.loads((folder / PROVENANCE_FILE).read_text(encoding="utf-8"))
    assert record["engine"] == "ctranslate2" and record["quantization"] == quantization
    assert Path(record["source_folder"]) == source.resolve()
    assert (record["model_id"], record["revision"]) == (source.name, "local")
    assert not list(folder.parent.glob(".*partial")), "the staging folder must be gone"


@pytest.mark.parametrize("quantization", QUANTIZATIONS)
@pytest.mark.parametrize("direction", DIRECTIONS)
def test_models_verify_accepts_converted_folders(
    cli, tmp_path, ct2_models, direction, quantization
) -> None:
    folder = ct2_models[direction, quantization]
    result = cli(["models", "verify", str(folder), "--pair", direction], cwd=tmp_path)
    assert result.exit_code == 0 and f"usable for {direction}" in result.stdout
    other = "-".join(reversed(direction.split("-")))
    wrong = cli(["models", "verify", str(folder), "--pair", other], cwd=tmp_path)
    assert wrong.exit_code == 1 and f"does not translate {other.replace('-', '->')}" in wrong.stdout


def test_models_verify_reports_a_broken_ct2_folder(cli, tmp_path, ct2_models) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(ct2_models["ar-en", "int8"], broken)
    (broken / "model.bin").write_bytes(b"not a model")
    result = cli(["models", "verify", str(broken), "--pair", "ar-en"], cwd=tmp_path)
    assert result.exit_code == 1 and "ctranslate2 cannot load it" in result.stdout
    (broken / "vocab.json").unlink()
    result = cli(["models", "verify", str(broken), "--pair", "ar-en"], cwd=tmp_path)
    assert result.exit_code == 1 and "missing vocab.json" in result.stdout


def test_convert_command_resolves_the_pair_through_the_project(cli, tmp_path, marian_en_ar) -> None:
    project = mini_project(tmp_path, "mini_en.txt", "en", "ar")
    with (project / "l10nflow.toml").open("a", encoding="utf-8") as handle:
        handle.write(f'\n[models]\nen-ar = "{marian_en_ar.as_posix()}"\n')
    out = tmp_path / "converted"
    result = cli(
        ["models", "convert", "en-ar", "--to", str(out), "--quantization", "float32"], cwd=project
    )
    assert result.exit_code == 0, result.stderr
    assert "converted" in result.stderr and "--engine ctranslate2" in result.stderr
    assert conversion_record(out)["quantization"] == "float32"
    assert cli(["models", "verify", str(out), "--pair", "en-ar"], cwd=project).exit_code == 0


def test_convert_refuses_what_it_must_not_touch(
    cli, tmp_path, monkeypatch, marian_ar_en, ct2_models
) -> None:
    monkeypatch.setenv("L10NFLOW_MODELS", str(tmp_path.parent / f"{tmp_path.name}-no-cache"))
    keep = tmp_path / "notes"
    keep.mkdir()
    (keep / "todo.txt").write_text("mine", encoding="utf-8")
    before = snapshot(tmp_path)
    for args, needle in (
        ([str(marian_ar_en), "--to", str(keep)], "not empty"),
        ([str(ct2_models["ar-en", "int8"]), "--to", str(tmp_path / "x")], "already a CTranslate2"),
        (["ar-en", "--to", str(tmp_path / "y")], "models pull ar-en"),
    ):
        result = cli(["models", "convert", *args], cwd=tmp_path)
        assert result.exit_code == 2, result.stderr
        assert result.stderr.startswith("l10nflow: error:") and needle in result.stderr
    assert snapshot(tmp_path) == before


def test_converting_again_replaces_an_earlier_conversion(tmp_path, marian_ar_en) -> None:
    target = tmp_path / "model"
    convert_model(marian_ar_en, target, "float32")
    (target / "stale.txt").write_text("old", encoding="utf-8")
    convert_model(marian_ar_en, target, "int8")
    assert conversion_record(target)["quantization"] == "int8"
    assert not (target / "stale.txt").exists()


# ---------------------------------------------------------------------------- translation


@pytest.mark.parametrize("quantization", QUANTIZATIONS)
@pytest.mark.parametrize("direction", DIRECTIONS)
def test_translate_with_ct2_gives_the_expected_fuzzy_mt(
    cli, tmp_path, ct2_models, direction, quantization
) -> None:
    source, target = direction.split("-")
    folder = ct2_models[direction, quantization]
    project = mini_project(tmp_path, ARTICLES[direction], source, target)
    args = ["translate", "--engine", "ctranslate2", "--model", str(folder), "--device", "cpu"]
    if quantization == "int8":
        args += ["--threads", "2"]  # two workers side by side: the same translations
    result = cli(args, cwd=project)
    assert result.exit_code == 0, result.stderr
    expected = dict(load_corpus(direction))
    catalog = read_po(project / f"locales/{target}/LC_MESSAGES/{Path(ARTICLES[direction]).stem}.po")
    name = "ctranslate2-int8" if quantization == "int8" else "ctranslate2"
    assert len(catalog) >= 6
    for entry in catalog:
        assert entry.msgstr == expected[entry.msgid]
        assert entry_state(entry) is EntryState.MACHINE and "fuzzy" in entry.flags
        assert f"mt: {name} {conversion_record(folder)['model_id']}@local" in entry.comment


def test_scores_are_normalised_like_the_transformers_engine(ct2_models, marian_ar_en) -> None:
    texts = [source for source, _ in load_corpus("ar-en")[:6]]
    options = TranslateOptions(num_beams=4, num_hypotheses=3)
    ours = _engine(ct2_models["ar-en", "float32"], "ar-en").translate_batch(texts, options)
    theirs = create_engine(resolve_model(str(marian_ar_en), "ar-en"), "ar", "en", device="cpu")
    reference = theirs.translate_batch(texts, options)
    for mine, other in zip(ours, reference, strict=True):
        assert mine[0].text == other[0].text
        assert mine[0].score == pytest.approx(other[0].score, abs=1e-4)
        assert [h.score for h in mine] == sorted((h.score for h in mine), reverse=True)
        assert 1 < len(mine) <= 3 and all(h.score <= 0 for h in mine)


def test_a_float16_model_runs_as_float32_on_cpu_without_a_warning(
    tmp_path, marian_ar_en, capfd
) -> None:
    engine = _engine(convert_model(marian_ar_en, tmp_path / "f16", "float16"), "ar-en")
    source, target = load_corpus("ar-en")[2]
    (result,) = engine.translate_batch([source], TranslateOptions())
    assert engine.compute_type == "float32" and result[0].text == target
    assert "warning" not in capfd.readouterr().err


def test_too_long_segment_is_split_at_clauses(ct2_models) -> None:
    engine = _engine(ct2_models["ar-en", "int8"], "ar-en")
    engine.max_input_tokens = 24
    first, second = "أطلق الطرفان الشراكة عام 2021.", "تشمل الشراكة أنشطة التدريب المشترك."
    (result,) = engine.translate_batch([f"{first}، {second}"], TranslateOptions(num_beams=1))
    assert engine.stats.warnings and "split at clause boundaries" in engine.stats.warnings[0]
    expected = dict(load_corpus("ar-en"))
    assert result[0].text == f"{expected[first]} {expected[second]}"


def test_engine_refuses_a_transformers_folder_and_a_wrong_language_token(
    tmp_path, marian_en_ar, ct2_models
) -> None:
    from l10nflow.mt.ct2 import CTranslate2Engine

    location = resolve_model(str(marian_en_ar), "en-ar")
    with pytest.raises(ModelError, match="convert it with `l10nflow models convert`"):
        CTranslate2Engine(location, "en", "ar")  # create_engine converts it on first use
    other = tmp_path / "heb-model"
    shutil.copytree(ct2_models["en-ar", "int8"], other)
    vocab = json.loads((other / "vocab.json").read_text(encoding="utf-8"))
    vocab[">>heb<<"] = vocab.pop(">>ara<<")
    (other / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ModelError, match=">>heb<<"):
        _engine(other, "en-ar")


def test_cuda_without_cuda(ct2_models) -> None:
    if ctranslate2.get_cuda_device_count() > 0:
        pytest.skip("this machine has CUDA")
    location = resolve_model(str(ct2_models["ar-en", "int8"]), "ar-en")
    with pytest.raises(ModelError, match="no CUDA device"):
        create_engine(location, "ar", "en", engine="ctranslate2", device="cuda")


def test_default_threads_stay_within_the_cpus_this_process_may_use() -> None:
    available = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    assert 1 <= default_threads() <= max(1, min(available, 16))
    assert default_threads(limit=1) == 1


@pytest.mark.parametrize(
    ("threads", "layout"),
    [(1, (1, 1)), (2, (2, 1)), (3, (3, 1)), (6, (3, 2)), (8, (4, 2)), (16, (4, 4)), (0, (1, 1))],
)
def test_cpu_threads_are_shared_by_up_to_four_workers(threads, layout) -> None:
    assert cpu_layout(threads) == layout


def test_workers_side_by_side_give_the_same_outputs_in_order(ct2_models) -> None:
    location = resolve_model(str(ct2_models["ar-en", "int8"]), "ar-en")
    corpus = load_corpus("ar-en")[:24]
    texts = [source for source, _ in corpus]
    one, two = (
        create_engine(location, "ar", "en", engine="ctranslate2", device="cpu", threads=n)
        for n in (1, 2)
    )
    assert (one.workers, two.workers) == (1, 2) and two.translator.num_translators == 2
    for options in (TranslateOptions(num_beams=1), TranslateOptions(num_beams=4)):
        alone, shared = one.translate_batch(texts, options), two.translate_batch(texts, options)
        assert [h[0].text for h in shared] == [h[0].text for h in alone]
        assert [h[0].text for h in shared] == [target for _, target in corpus]


@pytest.mark.parametrize("mode", sorted(MODES))
def test_max_new_tokens_caps_both_engines_alike(ct2_models, marian_ar_en, mode) -> None:
    texts = [source for source, _ in load_corpus("ar-en")[:8]]
    capped = TranslateOptions(num_beams=MODES[mode].num_beams, max_new_tokens=3)
    ct2 = _engine(ct2_models["ar-en", "float32"], "ar-en")
    marian = create_engine(resolve_model(str(marian_ar_en), "ar-en"), "ar", "en", device="cpu")
    ours, theirs = ct2.translate_batch(texts, capped), marian.translate_batch(texts, capped)
    full = ct2.translate_batch(texts, MODES[mode])
    assert [h[0].text for h in ours] == [h[0].text for h in theirs]
    for short, whole in zip(ours, full, strict=True):
        assert len(ct2.vocab.target_pieces(short[0].text)) <= 2  # three with the end token
        assert whole[0].text.startswith(short[0].text) and short[0].text != whole[0].text


# ---------------------------------------------------------------------------- glossary


@pytest.mark.parametrize("mode", sorted(MODES))
@pytest.mark.parametrize("case", MISTRANSLATED_TERMS, ids=_case_id)
def test_wrong_terms_are_replaced_by_the_glossary_form(engines, tmp_path, case, mode) -> None:
    engine = engines[case["direction"], "int8"]  # the default conversion
    glossary = _glossary(tmp_path, GLOSSARY_CSV)
    plain = engine.translate_batch([case["sentence"]], MODES[mode])[0][0].text
    assert case["model_says"] in plain, "the fixture must really mistranslate the term"
    (result,) = translate_segments(engine, [case["sentence"]], MODES[mode], glossary)
    entry = next(t.entry for t in result.terms if t.target == case["glossary_wants"])
    assert glossary.find_forms(result.text, entry, engine.target_lang), result.text
    assert case["model_says"] not in result.text
    assert result.missing == [] and result.method in ("n-best", "forced")


@pytest.mark.parametrize("quantization", QUANTIZATIONS)
@pytest.mark.parametrize("case", MISTRANSLATED_TERMS[:2], ids=_case_id)
def test_a_drop_in_term_is_spliced_by_ct2_alone(engines, tmp_path, case, quantization) -> None:
    engine = engines[case["direction"], quantization]
    glossary = _glossary(tmp_path, GLOSSARY_CSV)
    before = engine.fallback_segments
    (result,) = translate_segments(engine, [case["sentence"]], MODES["greedy"], glossary)
    assert result.method == "forced" and engine.fallback_segments == before
    assert result.text == case["model_output"].replace(case["model_says"], case["glossary_wants"])
    assert result.score < 0


def test_without_a_forbidden_form_the_term_is_forced_by_transformers(ct2_models, tmp_path) -> None:
    engine = _engine(ct2_models["ar-en", "int8"], "ar-en")
    case = MISTRANSLATED_TERMS[0]
    glossary = _glossary(tmp_path, NO_FORBIDDEN_CSV)
    (result,) = translate_segments(engine, [case["sentence"]], MODES["greedy"], glossary)
    assert engine.fallback_segments == 1 and result.method == "forced"
    assert "special forces" in result.text and result.missing == []


def test_unusable_source_folder_warns_and_reports_the_term_missing(ct2_models, tmp_path):
    moved = tmp_path / "moved"
    shutil.copytree(ct2_models["ar-en", "int8"], moved)
    record = conversion_record(moved)
    record["source_folder"] = str(tmp_path / "gone")
    (moved / PROVENANCE_FILE).write_text(json.dumps(record), encoding="utf-8")
    engine = _engine(moved, "ar-en")
    case = MISTRANSLATED_TERMS[0]
    glossary = _glossary(tmp_path, NO_FORBIDDEN_CSV)
    (result,) = translate_segments(engine, [case["sentence"]], MODES["greedy"], glossary)
    assert result.text == case["model_output"]
    assert [t.target for t in result.missing] == ["special forces"]
    assert len(engine.stats.warnings) == 1 and str(tmp_path / "gone") in engine.stats.warnings[0]


def test_translate_cli_enforces_the_glossary_with_ct2(cli, tmp_path, ct2_models) -> None:
    project = glossary_project(tmp_path)
    folder = str(ct2_models["ar-en", "float32"])
    args = ["translate", "--engine", "ctranslate2", "--model", folder, "--glossary", "terms.csv"]
    result = cli(args, cwd=project)
    assert result.exit_code == 0, result.stderr
    catalog = read_po(project / "locales/en/LC_MESSAGES/mini_ar.po")
    notes = [note for e in catalog for note in e.comment.split("\n")]
    required = sum(note.startswith("glossary: ") for note in notes)
    assert required >= 5 and f"glossary terms: {required}/{required}" in result.stderr
    assert "special forces" in catalog.find(MISTRANSLATED_TERMS[0]["sentence"]).msgstr


# ---------------------------------------------------------------------------- processes

_NO_TORCH = """
import json, sys
from pathlib import Path
from l10nflow.glossary import Glossary
from l10nflow.mt import create_engine, resolve_model
from l10nflow.mt.base import TranslateOptions
from l10nflow.mt.enforce import translate_segments
folder, glossary, sentence = sys.argv[1:4]
engine = create_engine(resolve_model(folder, "ar-en"), "ar", "en", engine="ctranslate2")
plain = engine.translate_batch([sentence], TranslateOptions())[0][0].text
terms = Glossary.load([Path(glossary)])
(forced,) = translate_segments(engine, [sentence], TranslateOptions(), terms)
print(json.dumps([plain, forced.text, engine.fallback_segments]))
print(json.dumps(sorted(m for m in ("torch", "transformers") if m in sys.modules)))
"""


def test_the_ct2_path_does_not_import_torch(ct2_models, tmp_path) -> None:
    case = MISTRANSLATED_TERMS[0]
    glossary = tmp_path / "terms.csv"
    glossary.write_text(GLOSSARY_CSV, encoding="utf-8")
    folder = str(ct2_models["ar-en", "int8"])
    done = _run_python(_NO_TORCH, folder, str(glossary), case["sentence"])
    assert done.returncode == 0, done.stderr
    outputs, loaded = (json.loads(line) for line in done.stdout.splitlines())
    wanted = case["model_output"].replace(case["model_says"], case["glossary_wants"])
    assert outputs == [case["model_output"], wanted, 0]
    assert loaded == []


_BLOCKED = """
import sys
sys.modules["ctranslate2"] = None
from pathlib import Path
from l10nflow.errors import ModelError
from l10nflow.mt import create_engine
from l10nflow.mt.models import ModelLocation, convert_model
location = ModelLocation(Path(sys.argv[1]), "m", "local")
for attempt in (
    lambda: create_engine(location, "ar", "en", engine="ctranslate2"),
    lambda: convert_model(Path(sys.argv[2]), Path(sys.argv[3]), "int8"),
):
    try:
        attempt()
    except ModelError as error:
        print(error)
"""


def test_missing_ctranslate2_says_which_extra_to_install(ct2_models, marian_ar_en, tmp_path):
    folder = str(ct2_models["ar-en", "int8"])
    done = _run_python(_BLOCKED, folder, str(marian_ar_en), str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [FAST_EXTRA, FAST_EXTRA]
    assert "pip install 'l10nflow[fast]'" in FAST_EXTRA
    assert not (tmp_path / "out").exists()


def test_transformers_engine_on_a_converted_folder_names_the_right_engine(
    cli, tmp_path, ct2_models
) -> None:
    from tests.conftest import mini_project

    project = mini_project(tmp_path, "mini_ar.txt", "ar", "en")
    folder = ct2_models[("ar-en", "int8")]
    result = cli(["translate", "--engine", "transformers", "--model", str(folder)], cwd=project)
    assert result.exit_code == 2 and "use --engine ctranslate2" in result.stderr
