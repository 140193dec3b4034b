"""``glossary-missing``, ``glossary-forbidden`` and term-form consistency, ar→en and en→ar."""

from __future__ import annotations

from pathlib import Path

import pytest

from l10nflow.check import Severity

from .test_check_support import E, check, codes, glossary, glossary_path, line_of, write_catalog

__all__ = ["glossary", "glossary_path"]  # fixtures used by the tests below


def _only(report, code):
    return [f for f in report.findings if f.code == code]


# --- glossary-missing -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "msgid", "msgstr"),
    [
        ("en", "شارك الحرس الوطني في المناورة", "The militia took part in the exercise"),
        ("en", "أعلنت وزارة الدفاع", "The Ministry announced"),
        ("ar", "The National Guard took part", "شارك الجيش في المناورة"),
        ("ar", "Special forces trained", "تدربت الوحدات"),
    ],
)
def test_missing_term_is_reported(tmp_path: Path, glossary, target, msgid, msgstr) -> None:
    path = write_catalog(tmp_path, target, [E("x", "x"), E(msgid, msgstr)])
    report = check([path], glossary)
    [finding] = _only(report, "glossary-missing")
    assert finding.severity is Severity.ERROR
    assert finding.line == line_of(path, msgid)
    assert finding.msgid == msgid and finding.msgstr == msgstr
    assert finding.term and finding.term.lower() in msgid.lower()
    assert finding.expected and finding.expected[0] in finding.message


@pytest.mark.parametrize(
    ("target", "msgid", "msgstr"),
    [
        # clitics and inflection on either side
        (
            "en",
            "وللحرس الوطني دور في التدريب المشترك",
            "The National Guard's role in joint training",
        ),
        ("en", "قال الجنرال", "Gen. Smith said"),  # a non-preferred form is accepted
        ("en", "أعلنت وزارة الدفاع", "The Defense Ministry announced"),
        ("ar", "The National Guards trained", "تدرب أفراد الحرس الوطني"),
        ("ar", "Our special forces", "وقواتنا الخاصة"),
        ("ar", "The National Guard took part", "وشارك الحرس الوطني"),
    ],
)
def test_accepted_forms_with_clitics_satisfy_the_term(
    tmp_path: Path, glossary, target, msgid, msgstr
) -> None:
    path = write_catalog(tmp_path, target, [E(msgid, msgstr)])
    assert _only(check([path], glossary), "glossary-missing") == []


def test_untranslated_entries_are_not_checked(tmp_path: Path, glossary) -> None:
    path = write_catalog(tmp_path, "en", [E("شارك الحرس الوطني")])
    assert codes(check([path], glossary)) == []


@pytest.mark.parametrize("target", ["en", "ar"])
def test_fuzzy_entries_are_checked_at_the_fuzzy_severity(tmp_path: Path, glossary, target) -> None:
    msgid = "شارك الحرس الوطني" if target == "en" else "The National Guard took part"
    path = write_catalog(tmp_path, target, [E(msgid, "xyz", fuzzy=True)])
    [finding] = check([path], glossary).findings
    assert (finding.code, finding.severity) == ("glossary-missing", Severity.WARNING)
    [finding] = check([path], glossary, fuzzy_severity="error").findings
    assert finding.severity is Severity.ERROR
    [finding] = check([path], glossary, fuzzy_severity="info").findings
    assert finding.severity is Severity.INFO


def test_one_finding_per_term_and_entry(tmp_path: Path, glossary) -> None:
    msgid = "الحرس الوطني والقوات الخاصة والحرس الوطني"
    path = write_catalog(tmp_path, "en", [E(msgid, "The Guard and the forces")])
    found = _only(check([path], glossary), "glossary-missing")
    assert sorted(f.term for f in found) == sorted(["القوات الخاصة", "الحرس الوطني"])


def test_without_glossary_glossary_checks_find_nothing(tmp_path: Path) -> None:
    path = write_catalog(tmp_path, "en", [E("شارك الحرس الوطني", "The militia")])
    assert codes(check([path], None)) == []


# --- glossary-forbidden -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "msgid", "msgstr", "forbidden"),
    [
        ("en", "شارك الحرس الوطني", "The national watch took part", "national watch"),
        ("en", "تدربت القوات الخاصة", "The private forces trained", "private forces"),
        ("ar", "The National Guard took part", "شارك الحارس الوطني", "الحارس الوطني"),
        ("ar", "The National Guards' role", "دور الحراسة الوطنية", "الحراسة الوطنية"),
    ],
)
def test_forbidden_form_is_an_error_when_its_term_is_in_the_source(
    tmp_path: Path, glossary, target, msgid, msgstr, forbidden
) -> None:
    path = write_catalog(tmp_path, target, [E(msgid, msgstr)])
    found = _only(check([path], glossary), "glossary-forbidden")
    assert [(f.severity, forbidden in f.message) for f in found] == [(Severity.ERROR, True)]
    assert found[0].expected  # says what to use instead


@pytest.mark.parametrize(
    ("target", "msgid", "msgstr"),
    [
        ("en", "قال المراقب", "The national watch said"),  # term absent: another sense?
        ("ar", "The observer said", "قال الحارس الوطني"),
    ],
)
def test_forbidden_form_without_its_term_in_the_source_is_a_warning(
    tmp_path: Path, glossary, target, msgid, msgstr
) -> None:
    path = write_catalog(tmp_path, target, [E(msgid, msgstr)])
    [finding] = check([path], glossary).findings
    assert (finding.code, finding.severity) == ("glossary-forbidden", Severity.WARNING)


@pytest.mark.parametrize(
    ("target", "msgid", "msgstr"),
    [
        ("en", "شارك الحرس الوطني", "The National Guard took part"),
        ("ar", "The National Guard took part", "شارك الحرس الوطني"),
    ],
)
def test_correct_translation_has_no_glossary_finding(
    tmp_path: Path, glossary, target, msgid, msgstr
) -> None:
    path = write_catalog(tmp_path, target, [E(msgid, msgstr)])
    assert codes(check([path], glossary)) == []


# --- one term, different accepted forms in one document (warning) -----------------------------


@pytest.mark.parametrize(
    ("target", "entries", "odd"),
    [
        (
            "en",
            [
                ("قال الفريق أول خالد", "General Khalid said"),
                ("وأضاف الفريق أول", "The General added"),
                ("وزار الفريق أول قطر", "Gen. Khalid visited Qatar"),
            ],
            "Gen.",
        ),
        (
            "ar",
            [
                ("General Khalid said", "قال الفريق أول خالد"),
                ("The General added", "وأضاف الفريق أول"),
                ("Gen. Khalid visited Qatar", "وزار الجنرال قطر"),
            ],
            "الجنرال",
        ),
    ],
)
def test_term_rendered_with_different_forms_is_a_warning(
    tmp_path: Path, glossary, target, entries, odd
) -> None:
    path = write_catalog(tmp_path, target, [E(a, b) for a, b in entries])
    found = check([path], glossary).findings
    assert [(f.code, f.severity) for f in found] == [("inconsistent-translation", Severity.WARNING)]
    assert found[0].msgid == entries[2][0]
    assert f"'{odd}'" in found[0].message
    assert check([path], glossary).exit_code == 0  # a warning does not fail by default


def test_same_form_throughout_or_across_documents_is_consistent(tmp_path: Path, glossary) -> None:
    one = write_catalog(
        tmp_path,
        "en",
        [E("قال الفريق أول", "The General said"), E("وأضاف الفريق أول", "The General added")],
        name="one",
    )
    two = write_catalog(
        tmp_path, "en", [E("وزار الفريق أول قطر", "Gen. Khalid visited")], name="two"
    )
    assert codes(check([one, two], glossary)) == []


def test_regional_language_uses_the_glossary_column_of_its_primary_language(
    tmp_path: Path, glossary
) -> None:
    entries = [E("شارك الحرس الوطني", "The militia"), E("قال الحرس الوطني", "The National Guard")]
    path = write_catalog(tmp_path, "en_US", entries)
    assert codes(check([path], glossary)) == ["glossary-missing"]
