"""The engine registry (issue 14): one record per engine, read by the project file's
validation, the CLI's ``--engine`` choices, ``auto`` and :func:`l10nflow.mt.create_engine`."""

from __future__ import annotations

import os
import subprocess
import sys

import polib
import pytest

from l10nflow.cli.translate_cmd import translate
from l10nflow.config import ConfigError, load_config
from l10nflow.engines import ENGINES, EngineRecord, engine_choices, resolve_engine
from l10nflow.errors import UsageError
from tests.conftest import REPO, mini_project

FAKE = EngineRecord("fake", "tests.engines", "load_fake")


def test_the_cli_and_the_project_file_offer_the_registered_engines(tmp_path) -> None:
    assert engine_choices() == ("auto", "transformers", "ctranslate2")
    option = next(p for p in translate.params if p.name == "engine")
    assert tuple(option.type.choices) == engine_choices()
    config = tmp_path / "l10nflow.toml"
    config.write_text('[translate]\nengine = "fake"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"one of auto, transformers, ctranslate2 \(got 'fake'\)"):
        load_config(config)


def test_auto_takes_the_first_installed_engine_in_its_order(monkeypatch) -> None:
    expected = "ctranslate2" if ENGINES["ctranslate2"].installed() else "transformers"
    assert resolve_engine("auto") == expected
    first = EngineRecord("first", "tests.engines", "load_fake", needs=("json",), auto_rank=-1)
    monkeypatch.setitem(ENGINES, "first", first)
    assert resolve_engine("auto") == "first"
    missing = ("l10nflow_no_such_module",)
    for name in ENGINES:
        monkeypatch.setitem(ENGINES, name, EngineRecord(name, "m", "f", missing, auto_rank=0))
    monkeypatch.setitem(ENGINES, "last", EngineRecord("last", "m", "f", missing, auto_rank=9))
    assert resolve_engine("auto") == "last"  # none installed: the last names what to install
    with pytest.raises(UsageError, match=r"unknown engine 'nope' \(available: auto, "):
        resolve_engine("nope")


# A registration made before the CLI is imported: the engine is then a project-file value,
# an --engine choice, and translates (through the record's loader, tests.engines.load_fake).
REGISTERED_RUN = f"""
import sys
from l10nflow.engines import EngineRecord, register
register(EngineRecord{(FAKE.name, FAKE.module, FAKE.loader_name)!r})
from l10nflow.cli import main
main(sys.argv[1:], prog_name="l10nflow")
"""


def test_a_registered_engine_is_a_setting_a_choice_and_translates(tmp_path, marian_ar_en):
    project = mini_project(tmp_path, "mini_ar.txt", "ar", "en")
    config = project / "l10nflow.toml"
    config.write_text(config.read_text("utf-8") + '[translate]\nengine = "fake"\n', "utf-8")
    args = ["translate", "--engine", "fake", "--model", str(marian_ar_en)]
    done = subprocess.run(
        [sys.executable, "-c", REGISTERED_RUN, *args],
        cwd=project,
        env={**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), str(REPO / "src")])},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    entries = polib.pofile(str(project / "locales/en/LC_MESSAGES/mini_ar.po"))
    assert entries and all(e.msgstr == f"[ar→en] {e.msgid}" for e in entries)
    assert all("mt: fake fake-model@0|" in e.comment for e in entries)
