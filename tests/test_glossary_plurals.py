"""``glossary lint --suggest-forms``: broken plurals from the Arramooz noun dictionary."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from l10nflow.errors import UsageError
from l10nflow.glossary import Glossary
from l10nflow.glossary.plurals import dictionary_path, suggest_plurals

pytest.importorskip("arramooz", reason="the optional Arabic dictionary (l10nflow[arabic])")

CSV = """\
ar,en,plural:ar
الضابط,officer,
السفير,ambassador,سفراء
نائب الأدميرال,Vice Admiral,
الفريق أول,General,
الخبير العسكري,military expert,
"""


def _suggested(tmp_path: Path) -> dict[str, list[str]]:
    path = tmp_path / "g.csv"
    path.write_text(CSV, encoding="utf-8")
    found: dict[str, list[str]] = {}
    for suggestion in suggest_plurals(Glossary.load([path]).entries):
        found.setdefault(suggestion.form, []).append(suggestion.plural)
    return found


def test_broken_plurals_are_proposed_with_the_article_of_the_term(tmp_path: Path) -> None:
    found = _suggested(tmp_path)
    assert "الضباط" in found["الضابط"]
    assert found["نائب الأدميرال"][0] == "نواب الأدميرال"  # a construct: the head inflects
    assert "الخبراء العسكري" in found["الخبير العسكري"]  # flagged: adjectives to agree


def test_listed_plurals_and_ranks_are_left_alone(tmp_path: Path) -> None:
    found = _suggested(tmp_path)
    assert "السفير" not in found  # «سفراء» is in its plural column
    assert "الفريق أول" not in found  # neither a construct nor noun + adjectives


def test_cli_prints_suggestions_after_the_lint_findings(cli, tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    path.write_text(CSV, encoding="utf-8")
    result = cli(["glossary", "lint", "--suggest-forms", str(path)])
    assert result.exit_code == 0  # suggestions are no findings
    assert f"{path}:2: suggest-forms: add 'الضباط' to 'plural:ar' for 'الضابط'" in result.stdout
    assert "check the adjectives' agreement" in result.stdout


def test_without_the_dictionary_the_option_is_a_usage_error(monkeypatch) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name: None if name == "arramooz" else real(name)
    )
    with pytest.raises(UsageError, match="arramooz-pysqlite"):
        dictionary_path()
