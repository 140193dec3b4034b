"""The labelled set of issue 17: precision and recall of ``check`` per direction.

The set (``tests/glossary_cases/labelled``) and its harness are described in
:mod:`tests.labelled_set`; ``python -m tests.labelled_set`` prints the table.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from l10nflow.check import run_checks
from l10nflow.check.findings import Severity
from l10nflow.project import Project

from .labelled_set import CODES, DIRECTIONS, evaluate, load_cases

EXAMPLES = Path(__file__).parent.parent / "examples"
HARD = {"plural", "inflection", "homograph", "number", "tags"}


def test_the_set_is_large_and_a_third_of_it_hard() -> None:
    cases = [case for direction in DIRECTIONS for case in load_cases(direction)]
    assert len(cases) >= 300
    assert all(len(load_cases(direction)) >= 150 for direction in DIRECTIONS)
    assert sum(case.kind in HARD for case in cases) >= len(cases) / 3
    assert sum(bool(case.expected) for case in cases) >= 100  # errors to find, not just clean text


@pytest.mark.parametrize("direction", DIRECTIONS)
def test_precision_and_recall_reach_97_percent(direction: str) -> None:
    scores = evaluate(direction)
    total = scores["all"]
    assert total.precision >= 0.97, total.misses
    assert total.recall >= 0.97, total.misses


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.iterdir() if p.is_dir()))
def test_no_finding_on_the_reference_translations_of_the_examples(example: str) -> None:
    project = Project.discover(EXAMPLES / example)
    catalogs = sorted((EXAMPLES / example / "locales").glob("*/LC_MESSAGES/*.po"))
    assert catalogs
    report = run_checks(catalogs, project.load_glossary(), select=CODES, jobs=1)
    flagged = [f for f in report.findings if f.severity.rank >= Severity.WARNING.rank]
    assert flagged == []
