"""The library seams the CLI stands on (issue 14): settings from one source, one engine
factory, reproducible MT provenance; orchestration on a :class:`FakeEngine`."""

from __future__ import annotations

from pathlib import Path

from l10nflow.catalog_entry import comment_lines
from l10nflow.config import TranslateSettings
from l10nflow.mt import ctranslate2_installed
from l10nflow.mt.base import Provenance
from l10nflow.mt.factory import EngineFactory
from l10nflow.pofile import read_po, write_po
from l10nflow.project import Project
from l10nflow.translate import translate_project

from .engines import FakeEngine, fake_factory
from .helpers import write_project


def _project(tmp_path: Path, config: str = "") -> Project:
    files = {"articles/a.txt": "The National Guard trained with Qatar in May.\n"}
    return Project.discover(write_project(tmp_path / "p", files, config))


def _review_in_other_document(project: Project) -> None:
    """A reviewed translation of a similar sentence in another document's catalog."""
    other = project.root / "articles/b.txt"
    other.write_text("The National Guard trained with Qatar in June.\n", encoding="utf-8")
    translate_project(project, [other], engine_factory=fake_factory())
    po = project.root / "locales/ar/LC_MESSAGES/b.po"
    catalog = read_po(po)
    catalog[0].msgstr, catalog[0].flags = "تدرب الحرس الوطني مع قطر في يونيو.", []
    write_po(catalog, po)


def test_the_projects_memory_settings_reach_a_library_caller(tmp_path: Path) -> None:
    """translate_project used its own 0.75 / prefer_memory=True, ignoring [translate]."""
    project = _project(tmp_path, "[translate]\nprefer_memory = false\n")
    _review_in_other_document(project)
    created: list[FakeEngine] = []
    translate_project(
        project, [project.root / "articles/a.txt"], engine_factory=fake_factory(created)
    )
    entry = read_po(project.root / "locales/ar/LC_MESSAGES/a.po")[0]
    assert entry.msgstr.startswith("[en→ar]"), "prefer_memory = false: MT runs"
    assert any(n.startswith("tm: ") for n in comment_lines(entry)), "the match stays as a note"
    assert created and created[0].stats.model_calls == 1


def test_explicit_arguments_still_override_the_project(tmp_path: Path) -> None:
    project = _project(tmp_path, "[translate]\nprefer_memory = false\n")
    _review_in_other_document(project)
    created: list[FakeEngine] = []
    translate_project(
        project,
        [project.root / "articles/a.txt"],
        engine_factory=fake_factory(created),
        prefer_memory=True,
    )
    entry = read_po(project.root / "locales/ar/LC_MESSAGES/a.po")[0]
    assert entry.msgstr == "تدرب الحرس الوطني مع قطر في يونيو."
    assert not created, "the memory filled it: no engine was loaded"


def test_mt_notes_carry_a_reproducible_signature(tmp_path: Path) -> None:
    project = _project(tmp_path)
    report = translate_project(
        project,
        engine_factory=fake_factory(),
        settings=TranslateSettings(num_beams=3),
    )
    entry = read_po(project.root / "locales/ar/LC_MESSAGES/a.po")[0]
    mt = next(n for n in comment_lines(entry) if n.startswith("mt: "))
    assert (
        mt
        == "mt: fake fake-model@0|beams:3|quant:none|max-tokens:auto|glossary:none|l10nflow:0.1.0"
    )
    assert report.engines == [mt[len("mt: ") :]]


def test_provenance_prints_every_setting() -> None:
    line = str(Provenance("ctranslate2", "m", "abc", 4, "int8", 200, "f00d", "9.9"))
    assert line == "ctranslate2 m@abc|beams:4|quant:int8|max-tokens:200|glossary:f00d|l10nflow:9.9"


def test_engine_factory_uses_the_projects_models_and_refuses_one_model_for_two_pairs(
    tmp_path: Path, marian_ar_en: Path
) -> None:
    import pytest

    from l10nflow.errors import UsageError

    project = _project(tmp_path, f'\n[models]\n"ar-en" = "{marian_ar_en}"\n')
    factory = EngineFactory.for_project(project)
    engine = factory("ar", "en")
    default = "ctranslate2-int8" if ctranslate2_installed() else "transformers"  # engine auto
    assert engine.model_id == marian_ar_en.name and engine.name == default
    single = EngineFactory.for_project(project, model=str(marian_ar_en))
    single("ar", "en")
    with pytest.raises(UsageError):
        single("en", "ar")
