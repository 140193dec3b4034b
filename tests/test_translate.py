"""`l10nflow translate` end to end with the tiny test models on the real transformers path."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from l10nflow.catalog_entry import EntryState, entry_state
from l10nflow.errors import L10nError, ModelError
from l10nflow.mt import create_engine, resolve_model
from l10nflow.mt.base import TranslateOptions
from l10nflow.pofile import read_po, write_po
from l10nflow.project import Project
from l10nflow.translate import translate_project
from tests.fixtures.marian.build_test_model import load_corpus

from .conftest import mini_project, snapshot
from .helpers import assert_refused, model_factory

AR_PO = Path("locales/en/LC_MESSAGES/mini_ar.po")
EN_PO = Path("locales/ar/LC_MESSAGES/mini_en.po")


@pytest.mark.parametrize(
    ("article", "source", "target", "po", "model_fixture"),
    [
        ("mini_ar.txt", "ar", "en", AR_PO, "marian_ar_en"),
        ("mini_en.txt", "en", "ar", EN_PO, "marian_en_ar"),
    ],
)
def test_translate_fills_every_entry_with_the_expected_fuzzy_mt(
    cli, tmp_path, request, article, source, target, po, model_fixture
) -> None:
    model = request.getfixturevalue(model_fixture)
    project = mini_project(tmp_path, article, source, target)
    args = ["translate", "--engine", "transformers", "--model", str(model), "--num-beams", "1"]
    result = cli(args, cwd=project)
    assert result.exit_code == 0, result.stderr
    expected = dict(load_corpus(f"{source}-{target}"))
    catalog = read_po(project / po)
    assert len(catalog) >= 6
    for entry in catalog:
        assert entry.msgstr == expected[entry.msgid]
        assert entry_state(entry) is EntryState.MACHINE
        assert "fuzzy" in entry.flags
        assert f"mt: transformers {model.name}@local" in entry.comment
        assert ">>" not in entry.msgstr and "▁" not in entry.msgstr and "  " not in entry.msgstr


def test_beam_search_gives_the_same_memorised_output(cli, tmp_path, marian_ar_en) -> None:
    project = mini_project(tmp_path, "mini_ar.txt", "ar", "en")
    assert cli(["translate", "--model", str(marian_ar_en)], cwd=project).exit_code == 0
    expected = dict(load_corpus("ar-en"))
    assert all(e.msgstr == expected[e.msgid] for e in read_po(project / AR_PO))


def test_second_run_makes_no_model_call_and_keeps_reviewed_work(tmp_path, marian_ar_en) -> None:
    root = mini_project(tmp_path, "mini_ar.txt", "ar", "en")
    project = Project.discover(root)
    calls: list = []
    first = translate_project(project, engine_factory=model_factory(marian_ar_en, calls))
    assert first.machine_translated >= 6 and first.model_calls >= 1 and calls == [("ar", "en")]
    catalog = read_po(root / AR_PO)
    catalog[0].msgstr = "Qatar and the Guard deepen their partnership"
    catalog[0].flags.remove("fuzzy")
    catalog[1].msgstr = ""
    catalog[1].flags.remove("fuzzy")
    write_po(catalog, root / AR_PO)
    second = translate_project(project, engine_factory=model_factory(marian_ar_en, calls))
    assert second.machine_translated == 1 and second.reviewed_kept == 1
    after = read_po(root / AR_PO)
    assert after[0].msgstr == "Qatar and the Guard deepen their partnership"
    assert entry_state(after[0]) is EntryState.REVIEWED
    assert after[1].msgstr == dict(load_corpus("ar-en"))[after[1].msgid]
    before = snapshot(root)
    third = translate_project(project, engine_factory=model_factory(marian_ar_en, calls))
    assert third.model_calls == 0 and third.machine_translated == 0
    assert len(calls) == 2, "no engine may be loaded when nothing is left to translate"
    assert snapshot(root) == before


def test_reviewed_translation_elsewhere_is_reused_without_the_model(tmp_path, marian_ar_en):
    root = mini_project(tmp_path, "mini_ar.txt", "ar", "en")
    project = Project.discover(root)
    translate_project(project, engine_factory=model_factory(marian_ar_en))
    catalog = read_po(root / AR_PO)
    for entry in catalog:
        entry.flags.remove("fuzzy")  # the translator approves everything
    write_po(catalog, root / AR_PO)
    copy = root / "articles" / "copy_ar.txt"
    copy.write_text((root / "articles" / "mini_ar.txt").read_text(encoding="utf-8"), "utf-8")
    calls: list = []
    report = translate_project(project, engine_factory=model_factory(marian_ar_en, calls))
    assert calls == [] and report.model_calls == 0
    assert report.reused == len(catalog)
    reused = read_po(root / "locales/en/LC_MESSAGES/copy_ar.po")
    assert all(e.msgstr == catalog.find(e.msgid).msgstr for e in reused)
    assert all("reused: reviewed translation from mini_ar" in e.comment for e in reused)


def test_interrupted_run_keeps_finished_groups(tmp_path, marian_ar_en) -> None:
    root = mini_project(tmp_path, "mini_ar.txt", "ar", "en")
    project = Project.discover(root)
    real = model_factory(marian_ar_en)

    def interrupting(source, target):
        engine = real(source, target)
        original = engine.translate_batch

        def translate_batch(*args, **kwargs):
            if engine.stats.model_calls >= 2:
                raise KeyboardInterrupt
            return original(*args, **kwargs)

        engine.translate_batch = translate_batch
        return engine

    report = translate_project(project, engine_factory=interrupting, save_every=2)
    assert report.interrupted and report.machine_translated == 4
    states = [entry_state(e) for e in read_po(root / AR_PO)]
    assert states.count(EntryState.MACHINE) == 4
    assert states.count(EntryState.EMPTY) == len(states) - 4
    translate_project(project, engine_factory=real)
    assert all(entry_state(e) is EntryState.MACHINE for e in read_po(root / AR_PO))


def test_engine_returns_scored_nbest_and_is_deterministic(marian_ar_en) -> None:
    engine = create_engine(resolve_model(str(marian_ar_en), "ar-en"), "ar", "en")
    text = "أطلق الطرفان الشراكة عام 2021."
    options = TranslateOptions(num_beams=4, num_hypotheses=3)
    first = engine.translate_batch([text, "2024-07-30"], options)
    again = engine.translate_batch([text, "2024-07-30"], options)
    assert first == again
    assert first[0][0].text == "The two sides launched the partnership in 2021."
    assert 1 < len(first[0]) <= 3
    scores = [h.score for h in first[0]]
    assert scores == sorted(scores, reverse=True) and all(s <= 0 for s in scores)


def test_max_new_tokens_caps_the_output_and_must_be_positive(marian_ar_en) -> None:
    engine = create_engine(resolve_model(str(marian_ar_en), "ar-en"), "ar", "en", device="cpu")
    source, target = load_corpus("ar-en")[0]
    (capped,) = engine.translate_batch([source], TranslateOptions(max_new_tokens=3))
    assert len(engine.target_ids(capped[0].text)) <= 2 and target.startswith(capped[0].text)
    assert TranslateOptions(max_new_tokens=5).output_limit(40, 512) == 5
    assert TranslateOptions().output_limit(40, 512) == 90
    assert TranslateOptions().output_limit(400, 512) == 512
    with pytest.raises(ValueError, match="max_new_tokens"):
        TranslateOptions(max_new_tokens=0)


def test_too_long_segment_is_split_at_clauses_with_a_warning(marian_ar_en) -> None:
    engine = create_engine(resolve_model(str(marian_ar_en), "ar-en"), "ar", "en")
    engine.max_input_tokens = 24
    first, second = "أطلق الطرفان الشراكة عام 2021.", "تشمل الشراكة أنشطة التدريب المشترك."
    (result,) = engine.translate_batch([f"{first}، {second}"], TranslateOptions(num_beams=1))
    assert engine.stats.warnings and "split at clause boundaries" in engine.stats.warnings[0]
    assert "2021" in result[0].text and len(result[0].text.split()) >= 8


def test_missing_model_folder(cli, tmp_path) -> None:
    project = mini_project(tmp_path, "mini_ar.txt", "ar", "en")
    assert_refused(cli, project, ["translate", "--model", "./no-such-model"], "not found")


def test_model_folder_lacking_files(cli, tmp_path, marian_ar_en) -> None:
    import shutil

    broken = tmp_path / "broken-model"
    shutil.copytree(marian_ar_en, broken)
    (broken / "model.safetensors").unlink()
    project = mini_project(tmp_path, "mini_ar.txt", "ar", "en")
    assert_refused(cli, project, ["translate", "--model", str(broken)], "missing model.safetensors")


def test_model_for_the_wrong_pair(cli, tmp_path, marian_ar_en) -> None:
    project = mini_project(tmp_path, "mini_en.txt", "en", "ar")
    assert_refused(
        cli, project, ["translate", "--model", str(marian_ar_en)], "does not translate en->ar"
    )


def test_unknown_target_language_token(cli, tmp_path, marian_en_ar) -> None:
    import json
    import shutil

    other = tmp_path / "heb-model"
    shutil.copytree(marian_en_ar, other)
    vocab = json.loads((other / "vocab.json").read_text(encoding="utf-8"))
    vocab[">>heb<<"] = vocab.pop(">>ara<<")
    (other / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    project = mini_project(tmp_path, "mini_en.txt", "en", "ar")
    assert_refused(cli, project, ["translate", "--model", str(other)], ">>ara<<", ">>heb<<")
    result = cli(["models", "verify", str(other), "--pair", "en-ar"], cwd=tmp_path)
    assert result.exit_code == 1 and ">>heb<<" in result.stdout


def test_cuda_without_cuda(cli, tmp_path, marian_ar_en) -> None:
    import torch

    if torch.cuda.is_available():
        pytest.skip("this machine has CUDA")
    project = mini_project(tmp_path, "mini_ar.txt", "ar", "en")
    assert_refused(
        cli,
        project,
        ["translate", "--model", str(marian_ar_en), "--device", "cuda"],
        "no CUDA device",
    )


def test_hub_model_unavailable_offline(cli, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("L10NFLOW_MODELS", str(tmp_path / "empty-cache"))
    project = mini_project(tmp_path, "mini_ar.txt", "ar", "en")
    assert_refused(cli, project, ["translate"], "Helsinki-NLP/opus-mt-ar-en", "models pull ar-en")


def test_empty_project(cli, tmp_path) -> None:
    (tmp_path / "l10nflow.toml").write_text('source_language = "ar"\n', encoding="utf-8")
    assert_refused(cli, tmp_path, ["translate"], "no documents match")


def test_models_verify_accepts_the_fixture(cli, tmp_path, marian_en_ar) -> None:
    result = cli(["models", "verify", str(marian_en_ar), "--pair", "en-ar"], cwd=tmp_path)
    assert result.exit_code == 0 and "usable for en-ar" in result.stdout


def test_cli_import_does_not_load_torch() -> None:
    code = "import sys, l10nflow.cli; print('torch' in sys.modules, 'transformers' in sys.modules)"
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert output.stdout.strip() == "False False"


def test_errors_are_typed() -> None:
    assert issubclass(ModelError, L10nError) and ModelError("x").exit_code == 2


def test_every_listed_command_loads_and_help_imports_none(cli) -> None:
    from l10nflow.cli import COMMANDS, main

    for name in COMMANDS:
        assert main.get_command(None, name).name == name
    code = (
        "import sys; from click.testing import CliRunner; from l10nflow.cli import main; "
        "CliRunner().invoke(main, ['--help']); "
        "print(sorted(m for m in sys.modules if m.startswith('l10nflow.cli.')))"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert output.stdout.strip() == "[]"
