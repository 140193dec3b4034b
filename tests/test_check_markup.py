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


def test_inline_tags_of_html_and_markdown_entries(tmp_path) -> None:
    import polib

    from l10nflow.check import run_checks
    from l10nflow.pofile import write_po

    catalog = polib.POFile(wrapwidth=0)
    catalog.metadata = {
        "Language": "en",
        "X-Source-Language": "ar",
        "Content-Type": "text/plain; charset=UTF-8",
        "Plural-Forms": "nplurals=2; plural=(n != 1);",
    }
    rows = [
        (
            "page.html",
            "شارك <1>الحرس</1> في <2>2021</2>.",
            "The <1>Guard</1> took part in <2>2021</2>.",
        ),
        ("page.html", "زار <1>الحرس</1> القاعدة.", "The Guard visited the base."),
        ("page.html", "قال <1>القائد <2>كرين</2></1>.", "<1>Commander <2>Crane</1></2> said."),
        ("doc.md", "أطلق **البرنامج** [الشراكة](https://x.mil).", "The program launched."),
        ("doc.md", "يدعم **الحرس** السلام.", "The **Guard** supports peace."),
    ]
    for index, (reference, msgid, msgstr) in enumerate(rows):
        catalog.append(
            polib.POEntry(msgid=msgid, msgstr=msgstr, occurrences=[(reference, str(index))])
        )
    path = tmp_path / "locales" / "en" / "LC_MESSAGES" / "mixed.po"
    path.parent.mkdir(parents=True)
    write_po(catalog, path)
    report = run_checks([path])
    flagged = {f.msgid for f in report.findings if f.code == "markup"}
    assert flagged == {rows[1][1], rows[2][1], rows[3][1]}
    messages = " ".join(f.message for f in report.findings if f.code == "markup")
    assert "inline markup" in messages
