"""The skeleton is lossless: identity translation reproduces articles byte for byte."""

from __future__ import annotations

from pathlib import Path

import polib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from l10nflow.document import BlockKind, parse_text, read_document
from l10nflow.pofile import format_po, parse_po
from tests.fixtures.formats.support import identity_through_po

from .conftest import SEED

AWKWARD_ARTICLES = {
    "crlf": "Title line\r\n\r\nFirst sentence. Second sentence.\r\nThird one!\r\n",
    "bom_no_final_newline": "\ufeffقطر والحرس الوطني\n\nشهدت العلاقات تعاونا. وبدأت الشراكة.",
    "trailing_spaces_tabs": "Heading   \n\n\tIndented paragraph. Next one.  \t\n\n\n\nLast.   ",
    "lists": "Items:\n\n- first item\n- second item.\n  continued line\n1. one\n2) two\n\n* star",
    "arabic_lists": "النقاط:\n\n١. البند الأول\n٢. البند الثاني.\n• نقطة",
    "hard_wrapped": "This paragraph is\nhard wrapped across lines. And it goes\non here.\n",
    "many_blank_lines": "\n\n\nA.\n\n\n\nB.\n\n\n",
    "lone_cr": "One.\rTwo.\r\rThree.",
    "mixed_scripts": "قال المتحدث إن NATO شريك. He said «نعم». 3.5% of 12,500.\n",
}


def _identity_through_po(text: str, lang: str) -> str:
    """Extract into a catalog, mark every entry reviewed with msgstr = msgid, assemble."""
    return identity_through_po(parse_text(text, lang), "en" if lang == "ar" else "ar")


def test_seed_round_trips_byte_for_byte(tmp_path: Path) -> None:
    data = SEED.read_bytes()
    document = read_document(SEED)
    assert document.lang == "ar"
    assert document.render().encode("utf-8") == data
    assert _identity_through_po(data.decode("utf-8"), "ar").encode("utf-8") == data


def test_seed_blocks_have_kinds() -> None:
    document = read_document(SEED)
    kinds = [s.kind for s in document.segments]
    assert kinds[0] is BlockKind.TITLE
    assert BlockKind.DATELINE in kinds
    assert BlockKind.CAPTION in kinds
    assert document.segments[0].text == "التحالفات"
    dateline = next(s for s in document.segments if s.kind is BlockKind.DATELINE)
    assert dateline.text == "2024-07-30"
    assert dateline.line == 5


def test_awkward_articles_round_trip(tmp_path: Path) -> None:
    for name, text in AWKWARD_ARTICLES.items():
        lang = "ar" if any("\u0600" <= c <= "\u06ff" for c in text) else "en"
        bom = text.startswith("\ufeff")
        body = text[1:] if bom else text
        assert parse_text(body, lang).render() == body, name
        assert _identity_through_po(body, lang) == body, name
        path = tmp_path / f"{name}.txt"
        path.write_bytes(text.encode("utf-8"))
        document = read_document(path, lang=lang)
        assert document.bom is bom
        rendered = ("\ufeff" if document.bom else "") + document.render()
        assert rendered.encode("utf-8") == path.read_bytes(), name


def test_list_markers_stay_in_the_skeleton() -> None:
    document = parse_text("Intro\n\n- first item\n- second item\n3) third item\n", "en")
    items = [s for s in document.segments if s.kind is BlockKind.LIST_ITEM]
    assert [s.text for s in items] == ["first item", "second item", "third item"]
    assert all(not s.text.startswith(("-", "3")) for s in items)


def test_hard_wrapped_lines_fold_in_the_segment_but_not_in_the_output() -> None:
    text = "A sentence that is\nwrapped here. Another one.\n"
    document = parse_text(text, "en")
    assert document.segments[0].text == "A sentence that is wrapped here."
    assert document.segments[0].source == "A sentence that is\nwrapped here."
    assert document.render() == text


def test_translation_replaces_only_segment_text() -> None:
    document = parse_text("  Title\r\n\r\n- One. Two.\r\n", "en")
    translated = document.render(lambda s: s.text.upper())
    assert translated == "  TITLE\r\n\r\n- ONE. TWO.\r\n"


_ALPHABET = st.sampled_from(
    list("ابتثجحخدذرزسشصضطظعغفقكلمنهوية ءأإآىـًٌٍَُِّ")
    + list("abcdefXYZ 0123456789٠١٢")
    + [".", "!", "?", "؟", "،", ",", ";", ":", "…", '"', "«", "»", "(", ")", "[", "]"]
    + ["\n", "\r\n", "\r", "\t", "  ", "- ", "* ", "1. ", "\u200f", "\x0b", "\x07"]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_ALPHABET, min_size=1, max_size=80).map("".join), st.sampled_from(["ar", "en"]))
def test_round_trip_property(text: str, lang: str) -> None:
    document = parse_text(text, lang)
    assert document.render() == text
    for segment in document.segments:
        assert segment.text and segment.text == segment.text.strip()
    if document.segments:
        assert _identity_through_po(text, lang) == text


def test_po_round_trip_keeps_control_characters() -> None:
    catalog = polib.POFile(wrapwidth=0)
    catalog.append(polib.POEntry(msgid='tab\there "quoted" back\\slash \x07 bell', msgstr="x"))
    again = parse_po(format_po(catalog).encode("utf-8"), Path("x.po"))
    assert again[0].msgid == 'tab\there "quoted" back\\slash \x07 bell'
