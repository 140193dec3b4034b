"""The ``markup`` check, ar→en and en→ar: brackets, quotes, URLs, e-mails, placeholders."""

from __future__ import annotations

from pathlib import Path

import pytest

from l10nflow.check import Severity

from .test_check_support import E, check, write_catalog


@pytest.mark.parametrize(
    ("target", "msgid", "msgstr", "severity", "words"),
    [
        ("en", "انظر https://example.com/a?b=1.", "See example.com.", "error", "https://"),
        ("en", "راسلنا على info@example.org", "Write to us", "error", "info@example.org"),
        ("en", "%(count)s جنود في {unit}", "%(count)s soldiers in the unit", "error", "{unit}"),
        ("en", "«الشراكة» بدأت", "“The partnership began", "error", "quotes"),
        ("en", "[الحرس الوطني الجوي الأميركي]", "[U.S. Air National Guard", "error", "square"),
        ("en", "وزارة الدفاع", "Ministry of Defense (MoD)", "warning", "round"),
        ("ar", "Visit https://x.org/p or mail a@b.org", "زوروا الموقع أو راسلونا", "error", "a@b"),
        ("ar", "{0} soldiers", "{1} جنود", "error", "{0}"),
        ("ar", "%s trained", "تدرب", "error", "%s"),
        ("ar", "(Pilot) rank", "رتبة (طيار", "error", "round"),
        ("ar", "“Partnership” (2021)", "«الشراكة» 2021", "warning", "round"),
    ],
)
def test_markup_differences_are_reported(
    tmp_path: Path, target, msgid, msgstr, severity, words
) -> None:
    path = write_catalog(tmp_path, target, [E(msgid, msgstr)])
    found = check([path], select=("markup",)).findings
    assert found, "expected a markup finding"
    assert {f.severity for f in found} == {Severity(severity)}
    assert any(words in f.message for f in found), [f.message for f in found]


def test_added_placeholder_is_reported(tmp_path: Path) -> None:
    path = write_catalog(tmp_path, "en", [E("تدرب الجنود", "%(count)s soldiers trained")])
    [finding] = check([path]).findings
    assert "placeholders not in the source: %(count)s" in finding.message


@pytest.mark.parametrize(
    ("target", "msgid", "msgstr"),
    [
        ("en", "«الشراكة» (2021) [صورة]", "“Partnership” (2021) [photo]"),
        (
            "en",
            "انظر https://example.com/a?b=1، أو info@example.org",
            "See https://example.com/a?b=1 or info@example.org",
        ),
        ("en", "%(count)s جنود في {unit} و%s %%", "%(count)s soldiers in {unit} and %s %%"),
        ("en", "نسبة 50% من القوات", "50% of the forces"),  # a percent sign is no placeholder
        ("ar", '“Partnership” said "he"', "«الشراكة» قال «هو»"),  # any quote style
        ("ar", "{0} soldiers in {name}", "{0} جنود في {name}"),
        ("ar", "See www.example.com.", "انظر www.example.com"),
        ("ar", "The {{literal}} braces", "الأقواس {{literal}}"),
    ],
)
def test_preserved_markup_passes(tmp_path: Path, target, msgid, msgstr) -> None:
    path = write_catalog(tmp_path, target, [E(msgid, msgstr)])
    assert check([path], select=("markup",)).findings == []
