"""The ``numbers`` check, ar→en and en→ar: digits of every script, separators, words."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from l10nflow.check import Severity
from l10nflow.check.numbers import number_values

from .test_check_support import E, check, line_of, write_catalog


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("12,500", ["12500"]),
        ("١٢٬٥٠٠", ["12500"]),
        ("3.5 and ٣٫٥", ["3.5", "3.5"]),
        ("۲۰۲۱ و٩٦ و106", ["2021", "96", "106"]),
        ("1,5", ["1", "5"]),  # not a thousands group: two numbers
        ("2024-07-30", ["2024", "7", "30"]),
        ("in 2018.", ["2018"]),
        ("12,500.75 / 1,000,000", ["12500.75", "1000000"]),
    ],
)
def test_number_values(text: str, values: list[str]) -> None:
    assert sorted(number_values(text).elements()) == sorted(Decimal(v) for v in values)


@pytest.mark.parametrize(
    ("target", "msgid", "msgstr", "message"),
    [
        ("en", "أطلق الطرفان الشراكة عام 2021", "The partnership was launched in 2012", "2021"),
        ("en", "شارك ١٢٬٥٠٠ جندي", "1,250 soldiers took part", "12500"),
        ("en", "منذ عام 2016", "since 2016, 96 times", "96"),  # a number added
        ("ar", "In 2021, 96 soldiers and 106 airmen", "في عام 2021، ٩٦ جنديا و١٦٠ طيارا", "106"),
        ("ar", "12,500 troops", "١٢٬٠٠٠ جندي", "12500"),
        ("ar", "growth of 3.5 percent", "نمو بنسبة ٣٫٧ بالمئة", "3.5"),
    ],
)
def test_changed_or_missing_numbers_are_reported(
    tmp_path: Path, target, msgid, msgstr, message
) -> None:
    path = write_catalog(tmp_path, target, [E(msgid, msgstr)])
    [finding] = check([path]).findings
    assert (finding.code, finding.severity) == ("numbers", Severity.ERROR)
    assert finding.line == line_of(path, msgid)
    assert message in finding.message


@pytest.mark.parametrize(
    ("target", "msgid", "msgstr"),
    [
        ("en", "أطلق الطرفان الشراكة عام ٢٠٢١", "The partners launched it in 2021"),
        ("en", "شارك ١٢٬٥٠٠ جندي و٣٫٥ مليون", "12,500 soldiers and 3.5 million took part"),
        ("en", "يوم 14 أيار/مايو 2018", "on May 14, 2018"),
        ("en", "خلال 3 سنوات", "within three years"),  # spelled out in the translation
        ("ar", "In 2021, 96 soldiers and 106 airmen", "في عام ٢٠٢١، 96 جنديا و۱۰۶ طيارين"),
        ("ar", "12,500 troops and 3.5 million", "١٢٥٠٠ جندي و٣٫٥ مليون"),
        ("ar", "for 2 years", "لمدة عامين"),  # the dual says 2
        ("ar", "for 3 years", "لمدة ثلاث سنوات"),
        ("ar", "for three years", "لمدة ثلاث سنوات"),
    ],
)
def test_same_numbers_in_any_script_pass(tmp_path: Path, target, msgid, msgstr) -> None:
    path = write_catalog(tmp_path, target, [E(msgid, msgstr)])
    assert check([path]).findings == []


def test_spelled_word_does_not_excuse_a_different_digit(tmp_path: Path) -> None:
    path = write_catalog(tmp_path, "ar", [E("for 2 years", "لمدة 3 سنوات")])
    [finding] = check([path]).findings
    assert finding.code == "numbers" and "3" in finding.message


def test_numbers_of_a_fuzzy_entry_are_a_warning(tmp_path: Path) -> None:
    path = write_catalog(tmp_path, "en", [E("عام 2021", "in 2012", fuzzy=True)])
    [finding] = check([path]).findings
    assert (finding.code, finding.severity) == ("numbers", Severity.WARNING)


@pytest.mark.parametrize(
    ("target", "msgid", "msgstr"),
    [
        ("en", "انطلقت النسخة الرابعة من التمرين", "The 4th edition of the exercise began"),
        ("ar", "The fourth edition began", "انطلقت النسخة 4"),
        ("ar", "The 4th edition began", "انطلقت النسخة الرابعة"),
        ("ar", "the 20th anniversary", "الذكرى العشرين"),
        ("ar", "The 1st meeting", "الاجتماع الأول"),
        ("ar", "a 2nd visit", "زيارة ثانية"),
        ("ar", "12 kilometers", "اثني عشر كيلومترا"),
        ("ar", "the 11th day", "اليوم الحادي عشر"),
        ("en", "الذكرى الثلاثين لتأسيسها", "its 30th anniversary"),
        ("en", "ثلاثة ضباط", "3 officers"),
        ("en", "قتل جنديان", "2 soldiers were killed"),  # an Arabic dual may become a digit
        ("en", "شارك <1>الجنود</1> في <2/>التمرين", "The <1>soldiers</1> took part <2/>"),
        ("ar", "{0} soldiers and %1$s", "{0} جنود و%1$s"),
    ],
)
def test_ordinals_number_words_and_tags(tmp_path: Path, target, msgid, msgstr) -> None:
    path = write_catalog(tmp_path, target, [E(msgid, msgstr)])
    assert check([path], select=("numbers",)).findings == []


@pytest.mark.parametrize(
    ("target", "msgid", "msgstr", "value"),
    [
        ("ar", "The 4th edition began", "انطلقت النسخة الخامسة", "4"),
        ("ar", "a 2nd visit", "الزيارة الثالثة", "2"),  # "2nd" is no dual Arabic may drop
        ("en", "الذكرى العشرين", "the 30th anniversary", "30"),
        ("en", "ثلاثة ضباط", "4 officers", "4"),
    ],
)
def test_ordinals_and_words_that_differ_are_reported(
    tmp_path: Path, target, msgid, msgstr, value
) -> None:
    path = write_catalog(tmp_path, target, [E(msgid, msgstr)])
    [finding] = check([path], select=("numbers",)).findings
    assert value in finding.message


def test_numbered_tags_are_never_numbers() -> None:
    assert number_values("<1>text</1> <12/> in 2021") == {Decimal(2021): 1}
