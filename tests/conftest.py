"""Shared fixtures: the example project, a CLI runner, file-tree snapshots."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from l10nflow.cli import main

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "partnership"
SEED = EXAMPLE / "articles" / "qatar-wv-partnership.txt"


@dataclass
class CliResult:
    exit_code: int
    stdout: str
    stderr: str


def run_cli(args: list[str], cwd: Path | None = None, input: str | None = None) -> CliResult:
    """Run ``l10nflow ARGS`` in-process in ``cwd``; exceptions other than exits propagate."""
    runner = CliRunner()
    old = Path.cwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        result = runner.invoke(main, args, input=input, catch_exceptions=False)
    finally:
        os.chdir(old)
    return CliResult(result.exit_code, result.stdout, result.stderr)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` with its bytes: compare two to prove nothing changed.

    ``.l10nflow/`` is left out: it holds the translation memory, a cache rebuilt
    from the PO files, which a run may create before it finds a problem.
    """
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".l10nflow" not in p.relative_to(folder).parts
    }


@pytest.fixture
def cli():
    return run_cli


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh copy of the example project's articles and project file (no catalogs)."""
    root = tmp_path / "project"
    root.mkdir()
    shutil.copytree(EXAMPLE / "articles", root / "articles")
    shutil.copy(EXAMPLE / "l10nflow.toml", root / "l10nflow.toml")
    return root


# The tiny Marian test models (fixtures built once per machine; never translation engines).
from tests.fixtures.marian.conftest_model import marian_ar_en, marian_en_ar  # noqa: E402, F401

MODEL_FIXTURES = {"marian_ar_en", "marian_en_ar"}
MODEL_MODULES = {"test_fixture_model.py"}  # builds and decodes the test models themselves


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests that use a model fixture (by name or as a parameter) need the model stack: mark
    them ``mt`` (CI's core-only run deselects them with ``-m "not mt"``)."""
    for item in items:
        callspec = getattr(item, "callspec", None)
        used = set(getattr(item, "fixturenames", ()))
        used |= {v for v in (callspec.params.values() if callspec else ()) if isinstance(v, str)}
        if MODEL_FIXTURES & used or item.path.name in MODEL_MODULES:
            item.add_marker(pytest.mark.mt)


FIXTURE_ARTICLES = REPO / "tests" / "fixtures" / "articles"


def mini_project(tmp_path: Path, article: str, source: str, target: str) -> Path:
    """A project holding one fixture article, translating source -> target."""
    root = tmp_path / f"mini-{source}"
    (root / "articles").mkdir(parents=True)
    shutil.copy(FIXTURE_ARTICLES / article, root / "articles" / article)
    (root / "l10nflow.toml").write_text(
        f'source_language = "{source}"\ntarget_languages = ["{target}"]\n', encoding="utf-8"
    )
    return root
