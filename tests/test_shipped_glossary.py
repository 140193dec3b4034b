"""The defense glossary that ships with l10nflow: homograph ranks carry their context, common
nouns their broken plurals, so `check` on real news does not cry wolf."""

from __future__ import annotations

from pathlib import Path

from l10nflow.config import shipped_glossary_path

from .test_check_support import E, check, write_catalog


def test_homograph_ranks_are_errors_only_as_ranks(tmp_path: Path) -> None:
    from l10nflow.glossary import Glossary

    glossary = Glossary.load([shipped_glossary_path("defense")])
    path = write_catalog(
        tmp_path,
        "en",
        [
            E("أشاد بالدعم المقدم من الوزارة.", "He praised the support provided by the ministry."),
            E("قال المقدم أحمد إن التدريب نجح.", "Ahmed said the training succeeded."),
            E("شارك الجنود في التمرين.", "The soldiers took part in the exercise."),
            E("لعب الفريق الأول المباراة النهائية.", "The first team played the final."),
        ],
    )
    report = check([path], glossary, select=("glossary-missing",))
    errors = [f.msgid for f in report.findings if f.severity.value == "error"]
    assert errors == ["قال المقدم أحمد إن التدريب نجح."]


def test_the_shipped_glossary_lints_clean() -> None:
    from l10nflow.glossary import lint_glossary

    findings = lint_glossary([shipped_glossary_path("defense")])
    assert [f for f in findings if f.severity in ("fatal", "error", "warning")] == []
