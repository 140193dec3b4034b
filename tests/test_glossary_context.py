"""Homographs: the ``context`` column as a pattern, in matching, ``check`` and enforcement."""

from __future__ import annotations

from pathlib import Path

import pytest

from l10nflow.check import Severity
from l10nflow.glossary import Glossary
from l10nflow.glossary.context import context_holds, parse_context
from l10nflow.mt.enforce import requirements

from .test_check_support import E, check, write_catalog

RANK = "_ NAME; رتبة _"
CSV = """\
ar,en,context,enforce,note
المقدم,Lieutenant Colonel|Lt. Col.,_ NAME; رتبة _,no,rank
اللواء,Major General|Maj. Gen.,_ NAME; رتبة _,no,rank
اللواء,brigade,unit,no,the unit
الرائد,Major,_ NAME,,rank
الفرقاطة,frigate,,,
الغواصة,submarine,,,
"""


@pytest.fixture(scope="module")
def glossary(tmp_path_factory: pytest.TempPathFactory) -> Glossary:
    path = tmp_path_factory.mktemp("ctx") / "g.csv"
    path.write_text(CSV, encoding="utf-8")
    return Glossary.load([path])


def _holds(context: str, text: str, term: str, lang: str) -> bool:
    start = text.index(term)
    return context_holds(context, text, start, start + len(term), lang)


def test_parse_context_tells_patterns_from_labels() -> None:
    assert parse_context(RANK) == (("_", "NAME"), ("رتبة", "_"))
    assert parse_context("military rank") == ()
    assert parse_context("") == ()


@pytest.mark.parametrize(
    ("text", "term", "lang", "holds"),
    [
        ("قال المقدم أحمد الكبيسي", "المقدم", "ar", True),
        ("رقي إلى رتبة المقدم", "المقدم", "ar", True),
        ("رقي إلى برتبة المقدم", "المقدم", "ar", True),  # a proclitic on the context word
        ("التقرير المقدم من الوزارة", "المقدم", "ar", False),  # a particle is no name
        ("الدعم المقدم للقوات", "المقدم", "ar", False),  # a proclitic + article word
        ("الاقتراح المقدم.", "المقدم", "ar", False),  # nothing follows
        ("المقدم، أحمد", "المقدم", "ar", False),  # a comma parts them
        ("Lt. Col. Ahmed said", "Lt. Col", "en", True),
        ("a major success", "major", "en", False),
        ("Major Youssef led", "Major", "en", True),
        ("Major The", "Major", "en", False),  # a function word is no name
        ("Major Exercise Begins In The Gulf", "Major", "en", False),  # a headline
        ("Major Ahmed said on Monday that", "Major", "en", True),
        ("Lt. Col. Ahmed Al-Kubaisi said the training ended", "Lt. Col", "en", True),
    ],
)
def test_context_holds(text: str, term: str, lang: str, holds: bool) -> None:
    assert _holds(RANK, text, term, lang) is holds


def test_a_label_or_another_script_never_restricts() -> None:
    assert _holds("rank", "التقرير المقدم من", "المقدم", "ar")
    assert _holds("رتبة _", "the presented report", "presented", "en")  # no English alternative


def test_check_requires_a_homograph_only_in_its_context(tmp_path: Path, glossary) -> None:
    path = write_catalog(
        tmp_path,
        "en",
        [
            E("قال المقدم أحمد إن التدريب انتهى.", "Colonel Ahmed said the training ended."),
            E("ناقش المجلس التقرير المقدم من الوزارة.", "The council discussed the report."),
            E("تحرك اللواء نحو الحدود.", "The division moved toward the border."),
            E("أكد اللواء سالم الجاهزية.", "Maj. Gen. Salem affirmed readiness."),
            E("وصل اللواء إلى مواقعه.", "The Maj. Gen. reached his positions."),
        ],
    )
    findings = check([path], glossary, select=("glossary-missing",)).findings
    errors = [(f.msgid, f.term) for f in findings if f.severity is Severity.ERROR]
    assert errors == [
        ("قال المقدم أحمد إن التدريب انتهى.", "المقدم"),
        ("تحرك اللواء نحو الحدود.", "اللواء"),  # elsewhere the unit, which is required
        ("وصل اللواء إلى مواقعه.", "اللواء"),  # and the rank out of context is no rendering
    ]
    [info] = [f for f in findings if f.severity is Severity.INFO]
    assert info.msgid.startswith("ناقش") and "outside its context" in info.message


def test_enforcement_requires_a_homograph_only_in_its_context(glossary) -> None:
    inside = requirements(glossary, "قال المقدم أحمد إن التدريب انتهى.", "ar", "en")
    assert [t.target for t in inside] == ["Lieutenant Colonel"]  # enforced although enforce=no
    assert requirements(glossary, "التقرير المقدم من الوزارة", "ar", "en") == []
    assert [t.target for t in requirements(glossary, "أكد اللواء سالم", "ar", "en")] == [
        "Major General"
    ]
    assert requirements(glossary, "تحرك اللواء نحو الحدود", "ar", "en") == []  # enforce=no


def test_a_translator_comment_silences_one_term_of_one_entry(tmp_path: Path, glossary) -> None:
    silenced = E("أطلقت الغواصة والفرقاطة النار.", "The vessel and the ship opened fire.")
    entries = [silenced, E("رست الفرقاطة في الميناء.", "The ship docked.")]
    path = write_catalog(tmp_path, "en", entries)
    text = path.read_text(encoding="utf-8").replace(
        'msgid "أطلقت', '# l10nflow: ignore frigate\n# other note\nmsgid "أطلقت'
    )
    path.write_text(text, encoding="utf-8")
    report = check([path], glossary, select=("glossary-missing",))
    assert sorted((f.msgid[:5], f.term) for f in report.findings) == [
        ("أطلقت", "الغواصة"),  # the other term of the same entry is still reported
        ("رست ا", "الفرقاطة"),  # the same term in another entry too
    ]
    [suppressed] = report.suppressed
    assert (suppressed.by, suppressed.finding.term) == ("flag", "الفرقاطة")
    assert report.summary()["suppressed_by_flag"] == 1
    assert "1 suppressed" in report.summary_line()


@pytest.mark.parametrize("named", ["الفرقاطة", "frigate", "Frigate", "فرقاطة", "the sloop"])
def test_the_comment_may_name_any_form_of_the_entry(tmp_path: Path, named: str) -> None:
    csv = tmp_path / "g.csv"
    csv.write_text("ar,en,forbidden:en\nالفرقاطة,frigate,the sloop\n", encoding="utf-8")
    glossary = Glossary.load([csv])
    path = write_catalog(tmp_path, "en", [E("رست الفرقاطة في الميناء.", "The sloop docked.")])
    assert len(check([path], glossary).findings) == 2  # missing, and forbidden
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('msgid "رست', f'# l10nflow: ignore {named}\nmsgid "رست'))
    report = check([path], glossary)
    assert report.findings == [] and len(report.suppressed) == 2
