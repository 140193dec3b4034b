"""``make demo`` (examples/demo.py) completes on a machine without the hub, and translates where
a model is at hand; ``translate`` alone still refuses a model it cannot get."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "examples" / "demo.py"
STAGES = ["extract", "translate", "status", "check", "assemble --fallback mt"]


def offline_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HF_")}
    env.update(
        HF_HUB_OFFLINE="1",
        HF_HOME=str(tmp_path / "hf-home"),
        L10NFLOW_MODELS=str(tmp_path / "no-models"),
    )
    return env


def example_copy(tmp_path: Path) -> Path:
    project = tmp_path / "partnership"
    shutil.copytree(REPO / "examples" / "partnership", project)
    shutil.rmtree(project / "locales", ignore_errors=True)
    shutil.rmtree(project / "build", ignore_errors=True)
    return project


def run_demo(project: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(DEMO), str(project)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.slow
def test_demo_completes_without_the_hub(tmp_path):
    project = example_copy(tmp_path)
    result = run_demo(project, offline_env(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    headings = [
        line[len("== l10nflow ") :] for line in result.stdout.splitlines() if line.startswith("== ")
    ]
    assert headings == STAGES
    skipped = [line for line in result.stdout.splitlines() if "skipped" in line]
    assert len(skipped) == 1
    assert "models pull ar-en" in skipped[0] and "--model DIR" in skipped[0]
    assert "Traceback" not in result.stderr
    assert "untranslated" in result.stdout  # status ran
    assembled = project / "build" / "en" / "qatar-wv-partnership.txt"
    assert assembled.read_text(encoding="utf-8").strip()
    assert result.stdout.rstrip().endswith("demo: done")


def test_translate_alone_still_exits_2_without_the_model(tmp_path):
    project = example_copy(tmp_path)
    env = offline_env(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "l10nflow", "translate"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "is not available" in result.stderr and "models pull ar-en" in result.stderr


@pytest.mark.slow
def test_demo_translates_where_the_model_is_at_hand(tmp_path, marian_ar_en):
    project = example_copy(tmp_path)
    config = project / "l10nflow.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            '"ar-en" = "Helsinki-NLP/opus-mt-ar-en"', f'"ar-en" = "{marian_ar_en.as_posix()}"'
        ),
        encoding="utf-8",
    )
    result = run_demo(project, offline_env(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "skipped" not in result.stdout
    catalog = project / "locales" / "en" / "LC_MESSAGES" / "qatar-wv-partnership.po"
    assert "#, fuzzy" in catalog.read_text(encoding="utf-8")  # MT entries, for review


def test_demo_stops_when_a_stage_really_fails(tmp_path):
    project = example_copy(tmp_path)
    (project / "l10nflow.toml").write_text("source_language = 42\n", encoding="utf-8")
    result = run_demo(project, offline_env(tmp_path))
    assert result.returncode == 2
    assert "demo: `l10nflow extract` failed (exit 2)" in result.stderr
