"""Line structure through a translation (issue 15, item 6; issue 18, lines that are units).

A line that is a unit (headline, dateline, byline, credit) is a segment of its own, so the
line break after it lies in the document's skeleton and survives translation. The line
breaks inside a hard-wrapped sentence belong to its segment: translators see them folded
to spaces, and the translation replaces the whole sentence, on one line.
"""

from __future__ import annotations

from l10nflow.document import parse_text
from l10nflow.segment.lines import line_cuts, line_words

ARTICLE_EN = (
    "Guard Soldiers Complete Rescue Course\n"
    "CHARLESTON, W.Va., May 14, 2018\n"
    "Soldiers of the West Virginia National Guard completed a three-week swift-water\n"
    "rescue course. Officers from Qatar took part.\n"
    "\n"
    "A Soldier trains on the river, May 3, 2018. (U.S. Army photo by Sgt. John Smith)\n"
    "The course ends with a night exercise.\n"
)

ARTICLE_AR = (
    "قطر وفرجينيا الغربية تعززان الشراكة\n"
    "الدوحة في 30 يوليو /قنا/\n"
    "تدخل دولة قطر والحرس الوطني في ولاية فرجينيا الغربية عامهما الرابع من الشراكة\n"
    "الرسمية التي تشمل التدريب.\n"
)


def test_unit_lines_are_segments_and_a_wrapped_sentence_is_one() -> None:
    document = parse_text(ARTICLE_EN, "en")
    assert [segment.text for segment in document] == [
        "Guard Soldiers Complete Rescue Course",
        "CHARLESTON, W.Va., May 14, 2018",
        "Soldiers of the West Virginia National Guard completed a three-week swift-water "
        "rescue course.",
        "Officers from Qatar took part.",
        "A Soldier trains on the river, May 3, 2018.",
        "(U.S. Army photo by Sgt. John Smith)",
        "The course ends with a night exercise.",
    ]
    assert [segment.line for segment in document] == [1, 2, 3, 4, 6, 6, 7]


def test_translation_keeps_unit_lines_and_joins_a_wrapped_sentence() -> None:
    document = parse_text(ARTICLE_AR, "ar")
    assert len(document.segments) == 3
    translations = {
        0: "Qatar and West Virginia strengthen their partnership",
        1: "DOHA, July 30 (QNA)",
        2: "Qatar and the West Virginia National Guard enter the fourth year of a formal "
        "partnership that includes training.",
    }
    output = document.render(lambda segment: translations[segment.index])
    assert output == (
        "Qatar and West Virginia strengthen their partnership\n"
        "DOHA, July 30 (QNA)\n"
        "Qatar and the West Virginia National Guard enter the fourth year of a formal "
        "partnership that includes training.\n"
    )
    assert document.render() == ARTICLE_AR  # no translation: the source, byte for byte


def test_crlf_unit_lines_keep_their_line_endings() -> None:
    text = ARTICLE_AR.replace("\n", "\r\n")
    document = parse_text(text, "ar")
    assert len(document.segments) == 3
    output = document.render(lambda segment: f"<{segment.index}>")
    assert output == "<0>\r\n<1>\r\n<2>\r\n"


def test_line_cuts_end_the_line_before_the_unit() -> None:
    text = "BREAKING\nAn explosion hit a depot north of the capital; no one was hurt."
    assert line_cuts(text, cased=True) == [len("BREAKING")]
    assert line_cuts("one line only", cased=True) == []


def test_datelines() -> None:
    pattern = line_words().dateline
    for line in (
        "DOHA, July 30, 2024",
        "July 30, 2024",
        "Tuesday, Nov. 12, 2024",
        "KUWAIT CITY, May 2 (KUNA)",
        "ABU DHABI (WAM)",
        "2024-07-30",
        "الدوحة في 14 مايو /قنا/",
        "الرياض - 5 مارس 2023",
        "الثلاثاء 12 نوفمبر 2024",
        "أبوظبي، 2 فبراير 2025 (وام)",
        "الكويت - كونا",
        "الدوحة - 2024/07/30",
        "DOHA, Qatar — July 30, 2024",
        "July 30, 2024 | 10:00 AM",
        "الثلاثاء 23 محرم 1446 هـ",
        "30 يوليو 2024م",
    ):
        assert pattern.fullmatch(line), line
    for line in (
        "on May 14, 2018, at the invitation of",
        "Qatar and West Virginia strengthen ties",
        "افتتاح معرض ديمدكس 2024",
        "تعميم رقم 12 لسنة 2024",
    ):
        assert not pattern.fullmatch(line), line
