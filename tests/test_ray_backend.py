"""`translate` on a local Ray instance (2 CPUs, the tiny test models): same PO files as a local
run, a worker killed mid-run, an interrupted driver that a rerun completes."""

from __future__ import annotations

import difflib
import os
import re
import shutil
import signal
from dataclasses import replace
from pathlib import Path

import pytest

from l10nflow.catalog_entry import EntryState, entry_state
from l10nflow.config import TranslateSettings
from l10nflow.errors import ModelError
from l10nflow.mt.factory import EngineFactory
from l10nflow.pofile import read_po
from l10nflow.project import Project
from l10nflow.translate import translate_project

from .conftest import FIXTURE_ARTICLES, snapshot

ray = pytest.importorskip("ray", reason="the Ray tests need l10nflow[ray]")
from l10nflow.mt.ray_backend import RayEngineFactory, RaySettings  # noqa: E402

pytestmark = pytest.mark.slow

SETTINGS = replace(TranslateSettings(), engine="transformers", num_beams=1, device="cpu")
SAVE_EVERY = 2  # many small groups: several in flight on each worker


@pytest.fixture(scope="module")
def local_ray():
    """One local Ray instance with 2 CPUs for the module (translate_project reuses it)."""
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


def archive(root: Path) -> Path:
    """A project of several Arabic documents: one per paragraph of the fixture article,
    the whole article twice (identical segments across documents), sixteen new sentences
    (enough groups that a worker killed after the first one still has work coming)."""
    (root / "articles").mkdir(parents=True)
    text = (FIXTURE_ARTICLES / "mini_ar.txt").read_text(encoding="utf-8")
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    for i, paragraph in enumerate(paragraphs):
        (root / "articles" / f"part{i}.txt").write_text(paragraph + "\n", encoding="utf-8")
    shutil.copy(FIXTURE_ARTICLES / "mini_ar.txt", root / "articles" / "whole.txt")
    shutil.copy(FIXTURE_ARTICLES / "mini_ar.txt", root / "articles" / "again.txt")
    news = " ".join(f"يعزز البرنامج الشراكة {n}." for n in range(16))
    (root / "articles" / "new.txt").write_text(news + "\n", encoding="utf-8")
    (root / "l10nflow.toml").write_text(
        'source_language = "ar"\ntarget_languages = ["en"]\n', encoding="utf-8"
    )
    return root


def assert_same(root: Path, expected: dict[str, bytes]) -> None:
    """The project's files are ``expected``'s, byte for byte (a diff of the first that is not),
    but for the minute of extraction in the header."""
    got, expected = _undated(snapshot(root)), _undated(expected)
    assert sorted(got) == sorted(expected)
    for name, data in expected.items():
        if got[name] != data:
            diff = difflib.unified_diff(
                data.decode().splitlines(), got[name].decode().splitlines(), lineterm=""
            )
            pytest.fail(f"{name} differs from the local run:\n" + "\n".join(diff))


def _undated(files: dict[str, bytes]) -> dict[str, bytes]:
    return {name: re.sub(rb'"POT-Creation-Date: [^"]*"', b"", data) for name, data in files.items()}


def skip_with_cuda() -> None:
    """The load-failure tests ask for CUDA: where there is one, the model loads."""
    import torch

    if torch.cuda.is_available():
        pytest.skip("this machine has CUDA: a cuda worker would load the model")


def local_factory(model: Path) -> EngineFactory:
    return EngineFactory(models=lambda s, t: str(model), settings=SETTINGS)


def run(root: Path, factory, **options):
    return translate_project(
        Project.discover(root),
        engine_factory=factory,
        settings=SETTINGS,
        save_every=SAVE_EVERY,
        **options,
    )


@pytest.fixture(scope="module")
def expected(tmp_path_factory, marian_ar_en) -> dict[str, bytes]:
    """The archive translated by the local path: what every Ray run must write."""
    root = archive(tmp_path_factory.mktemp("local") / "p")
    report = run(root, local_factory(marian_ar_en))
    assert report.machine_translated > 10 and not report.interrupted
    return snapshot(root)


def test_ray_run_writes_the_same_po_files_as_a_local_run(
    local_ray, expected, tmp_path, marian_ar_en
) -> None:
    root = archive(tmp_path / "p")
    factory = RayEngineFactory(local_factory(marian_ar_en), RaySettings(workers=2))
    report = run(root, factory)
    assert not report.interrupted and report.machine_translated > 10
    assert report.engines[0].startswith(f"transformers {marian_ar_en.name}@local|beams:1")
    assert_same(root, expected)
    assert report.model_calls == factory.engines[0].stats.model_calls > 0


def test_worker_killed_mid_run_has_its_groups_retried(
    local_ray, expected, tmp_path, marian_ar_en
) -> None:
    root = archive(tmp_path / "p")
    factory = RayEngineFactory(local_factory(marian_ar_en), RaySettings(workers=2))
    killed: list[int] = []

    def kill_one(done: int) -> None:
        if not killed:
            pid = factory.engines[0].worker_pids()[0]
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)

    report = run(root, factory, on_progress=kill_one)
    engine = factory.engines[0]
    assert killed and engine.restarts >= 1
    assert not report.interrupted
    assert_same(root, expected)


def test_interrupted_driver_saves_finished_groups_and_a_rerun_completes(
    local_ray, expected, tmp_path, marian_ar_en
) -> None:
    root = archive(tmp_path / "p")
    factory = RayEngineFactory(local_factory(marian_ar_en), RaySettings(workers=2))
    seen: list[int] = []

    def interrupt(done: int) -> None:
        seen.append(done)
        if len(seen) == 2:
            raise KeyboardInterrupt

    first = run(root, factory, on_progress=interrupt)
    assert first.interrupted
    for engine in factory.engines:
        engine.close()
    states = [
        entry_state(entry) for po in (root / "locales").rglob("*.po") for entry in read_po(po)
    ]
    assert EntryState.MACHINE in states and EntryState.EMPTY in states  # partly saved
    second = run(root, RayEngineFactory(local_factory(marian_ar_en), RaySettings(workers=2)))
    assert not second.interrupted and second.machine_kept > 0
    assert_same(root, expected)


def test_model_that_cannot_load_on_a_worker_fails_naming_it(
    local_ray, tmp_path, marian_ar_en
) -> None:
    skip_with_cuda()
    root = archive(tmp_path / "p")
    broken = replace(SETTINGS, device="cuda")  # no GPU here: the worker cannot load it
    local = EngineFactory(models=lambda s, t: str(marian_ar_en), settings=broken)
    with pytest.raises(ModelError, match=r"^Ray worker \S+ pid \d+: cannot load .*"):
        translate_project(
            Project.discover(root),
            engine_factory=RayEngineFactory(local, RaySettings(workers=1)),
            settings=broken,
        )
    translated = [entry.msgstr for po in (root / "locales").rglob("*.po") for entry in read_po(po)]
    assert not any(translated)


CLI_OPTIONS = ["--engine", "transformers", "--device", "cpu", "--num-beams", "1"]


def test_cli_ray_flag_translates_like_the_local_path(
    local_ray, expected, cli, tmp_path, marian_ar_en
) -> None:
    root = archive(tmp_path / "p")
    args = ["translate", "--model", str(marian_ar_en), *CLI_OPTIONS, "--save-every", "2"]
    result = cli([*args, "--ray", "--ray-workers", "2"], cwd=root)
    assert result.exit_code == 0, result.stderr
    assert_same(root, expected)


def test_cli_worker_that_cannot_load_the_model_exits_2_in_one_line(
    local_ray, cli, tmp_path, marian_ar_en
) -> None:
    skip_with_cuda()
    root = archive(tmp_path / "p")
    args = ["translate", "--model", str(marian_ar_en), "--engine", "transformers"]
    result = cli([*args, "--device", "cuda", "--ray"], cwd=root)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and re.search(r"Ray worker \S+ pid \d+: cannot load", lines[0])


def two_way(root: Path, ar_en: Path, en_ar: Path) -> Path:
    """A project with Arabic and English documents: two language pairs, two models."""
    for lang in ("ar", "en"):
        (root / "articles" / lang).mkdir(parents=True)
        shutil.copy(FIXTURE_ARTICLES / f"mini_{lang}.txt", root / "articles" / lang / f"{lang}.txt")
    (root / "l10nflow.toml").write_text(
        'target_languages = ["ar", "en"]\n\n[models]\n'
        f'"ar-en" = "{ar_en}"\n"en-ar" = "{en_ar}"\n\n'
        '[[documents]]\npaths = ["articles/ar/*.txt"]\nsource = "ar"\n\n'
        '[[documents]]\npaths = ["articles/en/*.txt"]\nsource = "en"\n',
        encoding="utf-8",
    )
    return root


def test_two_language_pairs_run_one_pool_after_the_other(
    local_ray, tmp_path, marian_ar_en, marian_en_ar
) -> None:
    """Each pair's pool takes the whole local instance and is shut down before the next."""
    local_root = two_way(tmp_path / "local", marian_ar_en, marian_en_ar)
    project = Project.discover(local_root)
    local = EngineFactory.for_project(project, SETTINGS)
    translate_project(project, engine_factory=local, settings=SETTINGS)
    root = two_way(tmp_path / "ray", marian_ar_en, marian_en_ar)
    project = Project.discover(root)
    factory = RayEngineFactory(EngineFactory.for_project(project, SETTINGS), RaySettings(2))
    report = translate_project(project, engine_factory=factory, settings=SETTINGS)
    assert len(report.engines) == 2 and not report.interrupted
    assert [engine.slots for engine in factory.engines] == [[], []]  # both pools shut down
    expected = {k: v for k, v in snapshot(local_root).items() if k != "l10nflow.toml"}
    (root / "l10nflow.toml").unlink()
    assert_same(root, expected)
