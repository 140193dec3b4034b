"""Catalog soundness: ``catalog-syntax``, ``catalog-header``, ``duplicate-entry``,
``obsolete-entries``, in ``locales/en`` (ar→en) and ``locales/ar`` (en→ar)."""

from __future__ import annotations

from pathlib import Path

import pytest

from l10nflow.check import Severity
from l10nflow.check.plural import PluralSyntaxError, parse_plural_forms, same_plural_forms

from .test_check_support import E, check, codes, exact_line, line_of, write_catalog

BABEL_AR = (
    "nplurals=6; plural=(n == 0 ? 0 : n == 1 ? 1 : n == 2 ? 2 : n % 100 >= 3 && n % 100 <= 10 ? "
    "3 : n % 100 >= 11 && n % 100 <= 99 ? 4 : 5);"
)
POEDIT_AR = (
    "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : "
    "n%100>=11 ? 4 : 5);"
)
PAIRS = [("en", "مرحبا", "Hello"), ("ar", "Hello", "مرحبا")]


# --- catalog-syntax ---------------------------------------------------------------------------


@pytest.mark.parametrize(("target", "msgid", "msgstr"), PAIRS)
def test_syntax_error_is_a_finding_and_other_files_are_still_checked(
    tmp_path: Path, target, msgid, msgstr
) -> None:
    good = write_catalog(tmp_path, target, [E(msgid, msgstr), E("2021", "2012")], name="good")
    bad = write_catalog(tmp_path, target, [E(msgid, msgstr)], name="bad")
    text = bad.read_text(encoding="utf-8")
    bad.write_text(text.replace(f'msgstr "{msgstr}"', f'msgstr "{msgstr}'), encoding="utf-8")
    report = check([bad, good])
    assert [(f.path, f.code) for f in report.findings] == [
        (str(bad), "catalog-syntax"),
        (str(good), "numbers"),
    ]
    assert report.findings[0].line == exact_line(bad, f'msgstr "{msgstr}')
    assert "unterminated string" in report.findings[0].message
    assert report.catalogs == [str(bad), str(good)]


def test_keyword_out_of_order_is_a_syntax_finding(tmp_path: Path) -> None:
    path = write_catalog(tmp_path, "en", [E("مرحبا", "Hello")])
    path.write_text(path.read_text(encoding="utf-8") + '\nmsgstr "x"\n', encoding="utf-8")
    assert codes(check([path])) == ["catalog-syntax"]


@pytest.mark.parametrize(("target", "msgid", "msgstr"), PAIRS)
def test_valid_catalog_has_no_catalog_finding(tmp_path: Path, target, msgid, msgstr) -> None:
    path = write_catalog(tmp_path, target, [E(msgid, msgstr)])
    assert check([path]).findings == []


# --- catalog-header ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "headers", "message", "field"),
    [
        ("en", {"Language": None}, "no Language", "msgid"),
        ("ar", {"Language": None}, "no Language", "msgid"),
        ("en", {"Language": "fr"}, "does not match the folder 'en'", "Language"),
        ("ar", {"Language": "en"}, "does not match the folder 'ar'", "Language"),
        (
            "ar",
            {"Plural-Forms": "nplurals=2; plural=(n != 1);"},
            "expected nplurals=6",
            "Plural-Forms",
        ),
        ("en", {"Plural-Forms": BABEL_AR}, "expected nplurals=2", "Plural-Forms"),
        (
            "en",
            {"Plural-Forms": "nplurals=2; plural=(n > 1);"},
            "does not match 'en'",
            "Plural-Forms",
        ),
        ("ar", {"Plural-Forms": None}, "no Plural-Forms", "msgid"),
        (
            "ar",
            {"Plural-Forms": "nplurals=6; plural=n ** 2;"},
            "malformed Plural-Forms",
            "Plural-Forms",
        ),
        ("en", {"Content-Type": "text/plain; charset=ISO-8859-1"}, "not UTF-8", "Content-Type"),
        ("ar", {"Content-Type": "text/plain"}, "no charset", "Content-Type"),
        ("en", {"Language": "xx"}, "unknown Language 'xx'", "Language"),
        ("en", {"Language": "en_US"}, "does not match the folder 'en'", "Language"),
    ],
)
def test_header_problems_are_reported(tmp_path: Path, target, headers, message, field) -> None:
    entries = [E("Hello", "Hallo")] if "ISO" in str(headers) else [E("سلام", "سلام")]
    path = write_catalog(tmp_path, target, entries, headers=headers)
    found = [f for f in check([path]).findings if f.code == "catalog-header"]
    assert any(message in f.message for f in found), [f.message for f in found]
    finding = next(f for f in found if message in f.message)
    assert finding.line == exact_line(path, f'"{field}:' if field != "msgid" else 'msgid ""')


@pytest.mark.parametrize(
    ("target", "headers"),
    [
        ("ar", {"Plural-Forms": POEDIT_AR}),  # written differently, computes the same
        ("ar", {"Plural-Forms": BABEL_AR}),
        ("en", {"Plural-Forms": "nplurals=2; plural=n != 1"}),
        ("en", {"Content-Type": "text/plain; charset=utf-8"}),
        ("ar", {"Language": "AR"}),
    ],
)
def test_equivalent_headers_pass(tmp_path: Path, target, headers) -> None:
    path = write_catalog(tmp_path, target, [E("x", "x")], headers=headers)
    assert check([path]).findings == []


def test_language_outside_a_locales_folder_needs_no_folder_match(tmp_path: Path) -> None:
    path = write_catalog(tmp_path, "ar", [E("Hello", "مرحبا")])
    moved = tmp_path / "loose.po"
    path.rename(moved)
    assert check([moved]).findings == []


def test_plural_expressions_compare_by_value() -> None:
    assert same_plural_forms(BABEL_AR, POEDIT_AR)
    assert not same_plural_forms(BABEL_AR, POEDIT_AR.replace("? 4 : 5", "? 5 : 4"))
    assert not same_plural_forms("nplurals=2; plural=(n != 1);", "nplurals=3; plural=(n != 1);")
    count, plural = parse_plural_forms(BABEL_AR)
    assert count == 6
    assert [plural(n) for n in (0, 1, 2, 3, 11, 99, 100, 101, 103)] == [0, 1, 2, 3, 4, 4, 5, 5, 3]
    for bad in ("nplurals=2", "nplurals=2; plural=(n != 1", "nplurals=2; plural=n; x", "x"):
        with pytest.raises(PluralSyntaxError):
            parse_plural_forms(bad)


# --- duplicate-entry --------------------------------------------------------------------------


@pytest.mark.parametrize(("target", "msgid", "msgstr"), PAIRS)
def test_duplicate_entry_is_reported_at_the_second_one(
    tmp_path: Path, target, msgid, msgstr
) -> None:
    path = write_catalog(tmp_path, target, [E(msgid, msgstr), E("x", "x"), E(msgid, msgstr)])
    found = check([path]).findings
    assert [f.code for f in found] == ["duplicate-entry"]
    lines = path.read_text(encoding="utf-8").splitlines()
    second = [i + 1 for i, line in enumerate(lines) if line == f'msgid "{msgid}"'][1]
    assert found[0].line == second
    assert f"line {line_of(path, msgid)}" in found[0].message


@pytest.mark.parametrize(("target", "msgid", "msgstr"), PAIRS)
def test_same_msgid_with_another_context_or_obsolete_is_no_duplicate(
    tmp_path: Path, target, msgid, msgstr
) -> None:
    entries = [E(msgid, msgstr), E(msgid, msgstr, ctx="menu"), E(msgid, msgstr, obsolete=True)]
    path = write_catalog(tmp_path, target, entries)
    assert check([path]).findings == []


# --- obsolete-entries -------------------------------------------------------------------------


@pytest.mark.parametrize("target", ["en", "ar"])
def test_many_obsolete_entries_are_a_warning(tmp_path: Path, target: str) -> None:
    old = [E(f"old {i}", f"قديم {i}", obsolete=True) for i in range(51)]
    path = write_catalog(tmp_path, target, [E("x", "x"), *old])
    [finding] = check([path]).findings
    assert (finding.code, finding.severity) == ("obsolete-entries", Severity.WARNING)
    assert "51 obsolete entries (more than 50)" in finding.message
    assert finding.line == line_of(path, "#~ ")
    assert check([path]).exit_code == 0
    assert check([path], max_obsolete=51).findings == []


def test_obsolete_limit_is_a_setting(tmp_path: Path) -> None:
    old = [E(f"old {i}", f"x {i}", obsolete=True) for i in range(3)]
    path = write_catalog(tmp_path, "en", [E("x", "x"), *old])
    assert check([path]).findings == []
    assert codes(check([path], max_obsolete=2)) == ["obsolete-entries"]
