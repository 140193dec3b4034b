"""Glossary enforcement inside MT, with test models trained to get some terms wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from l10nflow.document import FORMATS
from l10nflow.glossary import Glossary
from l10nflow.mt import create_engine, resolve_model
from l10nflow.mt.base import TranslateOptions
from l10nflow.mt.enforce import translate_segments
from l10nflow.pofile import read_po
from l10nflow.translate import translate_with_markup
from tests.fixtures.marian.build_test_model import CORRECT_TERMS, MISTRANSLATED_TERMS

from .conftest import mini_project

GLOSSARY_CSV = """\
ar,en,forbidden:en,forbidden:ar,note
القوات الخاصة,special forces,private forces,القوات المميزة,
الحرس الوطني,National Guard,national watch,,
قابلية التشغيل البيني,interoperability,,,
"""
MODES = {"greedy": TranslateOptions(num_beams=1), "beam": TranslateOptions(num_beams=4)}


@pytest.fixture(scope="module")
def glossary(tmp_path_factory) -> Glossary:
    path = tmp_path_factory.mktemp("glossary") / "terms.csv"
    path.write_text(GLOSSARY_CSV, encoding="utf-8")
    return Glossary.load([path])


@pytest.fixture(scope="module")
def engines(marian_ar_en, marian_en_ar):
    return {
        "ar-en": create_engine(resolve_model(str(marian_ar_en), "ar-en"), "ar", "en"),
        "en-ar": create_engine(resolve_model(str(marian_en_ar), "en-ar"), "en", "ar"),
    }


def _case_id(case: dict) -> str:
    return f"{case['direction']}:{case['sentence'][:24]}"


@pytest.mark.parametrize("mode", sorted(MODES))
@pytest.mark.parametrize("case", MISTRANSLATED_TERMS, ids=_case_id)
def test_wrong_terms_are_replaced_by_the_glossary_form(engines, glossary, case, mode) -> None:
    engine = engines[case["direction"]]
    target = engine.target_lang
    plain = engine.translate_batch([case["sentence"]], MODES[mode])[0][0].text
    assert case["model_says"] in plain, "the fixture must really mistranslate the term"
    (result,) = translate_segments(engine, [case["sentence"]], MODES[mode], glossary)
    entry = next(t.entry for t in result.terms if t.target == case["glossary_wants"])
    assert glossary.find_forms(result.text, entry, target), result.text
    assert case["model_says"] not in result.text
    assert result.missing == [] and result.method in ("n-best", "forced")


@pytest.mark.parametrize("case", CORRECT_TERMS, ids=_case_id)
def test_right_terms_are_left_alone(engines, glossary, case) -> None:
    engine = engines[case["direction"]]
    (result,) = translate_segments(engine, [case["sentence"]], MODES["beam"], glossary)
    assert result.text == case["model_output"]
    assert result.method == "plain" and result.missing == [] and result.terms


def test_a_term_the_model_cannot_spell_is_reported_missing(engines, tmp_path) -> None:
    path = tmp_path / "odd.csv"
    path.write_text("ar,en\nالحرس الوطني,Ⱬⱬⱬ Guard\n", encoding="utf-8")
    odd = Glossary.load([path])
    engine = engines["ar-en"]
    sentence = "يدعم الحرس الوطني السلام والاستقرار."
    (result,) = translate_segments(engine, [sentence], MODES["greedy"], odd)
    assert [t.target for t in result.missing] == ["Ⱬⱬⱬ Guard"]


def glossary_project(tmp_path: Path) -> Path:
    """The Arabic mini project with the ar-en mistranslated sentences and ``terms.csv``."""
    project = mini_project(tmp_path, "mini_ar.txt", "ar", "en")
    article = project / "articles" / "mini_ar.txt"
    extra = "\n".join(c["sentence"] for c in MISTRANSLATED_TERMS if c["direction"] == "ar-en")
    article.write_text(article.read_text(encoding="utf-8") + "\n\n" + extra + "\n", "utf-8")
    (project / "terms.csv").write_text(GLOSSARY_CSV, encoding="utf-8")
    return project


def test_translate_writes_term_notes_and_reports_success(cli, tmp_path, marian_ar_en) -> None:
    project = glossary_project(tmp_path)
    result = cli(
        ["translate", "--model", str(marian_ar_en), "--glossary", "terms.csv"], cwd=project
    )
    assert result.exit_code == 0, result.stderr
    catalog = read_po(project / "locales/en/LC_MESSAGES/mini_ar.po")
    forced = catalog.find("نفذت القوات الخاصة تمرينا مشتركا.")
    assert "special forces" in forced.msgstr
    assert "glossary: القوات الخاصة → special forces" in forced.comment
    guard = catalog.find("يدعم الحرس الوطني السلام والاستقرار.")
    assert "glossary: الحرس الوطني → National Guard" in guard.comment
    assert "MISSING" not in "".join(e.comment for e in catalog)
    notes = [note for e in catalog for note in e.comment.split("\n")]
    required = sum(note.startswith("glossary: ") for note in notes)
    assert f"glossary terms: {required}/{required}" in result.stderr
    assert required >= 5
    assert sum("(glossary: forced)" in note or "(glossary: n-best)" in note for note in notes) >= 3


def test_entries_marked_enforce_no_are_not_forced(engines, tmp_path) -> None:
    path = tmp_path / "homograph.csv"
    path.write_text("ar,en,enforce\nالقوات الخاصة,special forces,no\n", encoding="utf-8")
    homographs = Glossary.load([path])
    sentence = MISTRANSLATED_TERMS[0]["sentence"]
    (result,) = translate_segments(engines["ar-en"], [sentence], MODES["greedy"], homographs)
    assert result.terms == [] and "private forces" in result.text
    assert homographs.find_terms(sentence, "ar"), "still found by the matcher (lookup, check)"


def test_inline_tags_go_around_the_glossary_term_as_translated(engines, glossary) -> None:
    source = "يدعم <1>الحرس الوطني</1> السلام والاستقرار."
    plain = Glossary([])
    html = [FORMATS["html"]]
    (without,) = translate_with_markup(engines["ar-en"], [source], html, MODES["greedy"], plain)
    (anchored,) = translate_with_markup(engines["ar-en"], [source], html, MODES["greedy"], glossary)
    assert "<1>National Guard</1>" in anchored.text and not anchored.markup_moved
    assert without.markup_moved and "<1></1>" not in without.text  # by position, not empty
