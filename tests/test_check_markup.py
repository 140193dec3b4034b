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


def _html_catalog(tmp_path: Path, rows: list[tuple[str, str]], **entry_fields) -> Path:
    import polib

    from l10nflow.catalog import new_catalog
    from l10nflow.pofile import write_po

    catalog = new_catalog("page.html", "ar", "en")
    for index, (msgid, msgstr) in enumerate(rows):
        entry = polib.POEntry(msgid=msgid, msgstr=msgstr, occurrences=[("page.html", str(index))])
        for name, value in entry_fields.items():
            setattr(entry, name, value)
        catalog.append(entry)
    path = tmp_path / "locales" / "en" / "LC_MESSAGES" / "page.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    write_po(catalog, path)
    return path


def test_empty_pairs_and_raw_html_are_reported(tmp_path: Path) -> None:
    rows = [
        ("وصل <1>الجنود</1> إلى الحدود.", "The soldiers arrived at the border.<1></1>"),
        ("أعلنت وزارة الدفاع عن التمرين.", "The <b>Ministry</b> announced the exercise."),
        ("وصل <1>الجنود</1> إلى الحدود.", "The <1>soldiers</1> reached the border."),
        ("انظر <a href='x'>هنا</a>.", "See <a href='x'>here</a>."),  # raw HTML of the source
    ]
    report = check([_html_catalog(tmp_path, rows)], select=("markup",))
    messages = {f.msgstr: f.message for f in report.findings}
    assert set(messages) == {rows[0][1], rows[1][1]}
    assert "tag pair <1> is empty" in messages[rows[0][1]]
    assert "HTML tags not in the source: </b>, <b>" in messages[rows[1][1]]


def test_raw_html_typed_into_a_plain_entry_is_reported(tmp_path: Path) -> None:
    path = write_catalog(tmp_path, "en", [E("قال المتحدث", "The <i>spokesman</i> said")])
    [finding] = check([path], select=("markup",)).findings
    assert "HTML tags not in the source" in finding.message


def test_tags_mt_placed_by_position_are_flagged_until_reviewed(tmp_path: Path) -> None:
    from l10nflow.catalog_entry import NoteKind
    from l10nflow.document.inline import MARKUP_MOVED

    rows = [("يدعم <1>الحرس الوطني</1> السلام.", "The <1>National Guard supports</1> peace.")]
    note = f"{NoteKind.MT.prefix}engine\n{NoteKind.MARKUP.prefix}{MARKUP_MOVED}"
    fuzzy = _html_catalog(tmp_path / "a", rows, comment=note, flags=["fuzzy"])
    [finding] = check([fuzzy], select=("markup",)).findings
    assert MARKUP_MOVED in finding.message
    reviewed = _html_catalog(tmp_path / "b", rows, comment=note)
    assert check([reviewed], select=("markup",)).findings == []
