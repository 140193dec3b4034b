"""Segmenter contract shared by both languages: API, word lists, scale, language guess."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from l10nflow.segment import (
    SUPPORTED_LANGUAGES,
    guess_language,
    language_shares,
    split_sentences,
)
from l10nflow.segment.lexicon import abbreviations, parse_abbreviations, starters, word_key
from tests.segment_cases.checks import assert_valid_spans, segments

MEGABYTE = 1_000_000


def test_supported_languages() -> None:
    assert SUPPORTED_LANGUAGES == ("ar", "en")
    for lang in SUPPORTED_LANGUAGES:
        assert segments("One. Two.", lang) == ["One.", "Two."]


@pytest.mark.parametrize("lang", ["fr", "AR", "", "ar-SA"])
def test_unsupported_language_raises(lang: str) -> None:
    with pytest.raises(ValueError, match="unsupported language"):
        split_sentences("Text.", lang)


def test_unknown_mode_raises() -> None:
    with pytest.raises(ValueError, match="mode"):
        split_sentences("Text.", "en", mode="word")  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["", " ", "\n\n", " \t\r\n \u00a0\u2003"])
@pytest.mark.parametrize("mode", ["sentence", "paragraph"])
def test_whitespace_only_gives_no_span(text: str, mode: str) -> None:
    assert split_sentences(text, "ar", mode=mode) == []  # type: ignore[arg-type]


def test_paragraph_mode_is_the_stripped_block() -> None:
    text = "\n  انتهى التدريب. وبدأ العرض.\r\n"
    assert split_sentences(text, "ar", mode="paragraph") == [(3, len(text) - 2)]
    assert segments(text, "ar", mode="paragraph") == ["انتهى التدريب. وبدأ العرض."]


def test_project_abbreviations_extend_the_list() -> None:
    text = "The Cmdt. Smith arrived. He spoke."
    assert segments(text, "en") == ["The Cmdt.", "Smith arrived.", "He spoke."]
    assert segments(text, "en", abbreviations=["Cmdt."]) == [
        "The Cmdt. Smith arrived.",
        "He spoke.",
    ]
    assert segments(text, "en", abbreviations="Cmdt") == ["The Cmdt. Smith arrived.", "He spoke."]
    # an extra abbreviation still ends a sentence before a sentence starter
    assert segments("We met the Cmdt. He spoke.", "en", abbreviations=["Cmdt."]) == [
        "We met the Cmdt.",
        "He spoke.",
    ]
    # and it does not leak into later calls
    assert segments(text, "en") == ["The Cmdt.", "Smith arrived.", "He spoke."]


def test_project_abbreviations_arabic() -> None:
    text = "وصل العميد ركن. خالد إلى الدوحة."
    assert segments(text, "ar") == ["وصل العميد ركن.", "خالد إلى الدوحة."]
    assert segments(text, "ar", abbreviations=("ركن.",)) == [text]


def test_multi_word_project_entry_adds_each_word() -> None:
    text = "The Insp. Gen. Cmdt. Lee arrived."
    assert segments(text, "en", abbreviations=["Insp. Cmdt."]) == [text]


# --- word lists -------------------------------------------------------------------------


def test_word_key_ignores_final_dot_case_and_tatweel() -> None:
    assert word_key("U.S.") == word_key("u.s") == "u.s"
    assert word_key("هـ.") == word_key("ه") == "ه"
    assert word_key("وتُمثل") == "وتمثل"


def test_packaged_lists_hold_the_issue_abbreviations() -> None:
    en = abbreviations("en")
    for title in ("gen", "lt", "col", "sgt", "maj", "dr"):
        assert title in en.prefix
    assert {"e.g", "i.e"} <= en.prefix
    assert "no" in en.number
    assert {"inc", "corp", "etc"} <= en.final
    ar = abbreviations("ar")
    assert {"إلخ", "الخ"} <= ar.final
    assert "د" in ar.prefix
    assert {"م", "ه"} <= ar.after_number
    assert "ص.ب" in ar.number
    assert "the" in starters("en")
    assert "وقال" in starters("ar")


def test_list_file_format() -> None:
    lines = enumerate(["[prefix]", "Dr.", "[number]", "No.", "[general]", "Inc", "U.S."], 1)
    parsed = parse_abbreviations(lines, "test.txt")
    assert parsed.prefix == {"dr"}
    assert parsed.number == {"no"}
    assert parsed.general == {"inc", "u.s"}


@pytest.mark.parametrize(
    ("lines", "message"),
    [(["[titles]", "Dr."], "unknown abbreviation class"), (["Dr."], "before any")],
)
def test_list_file_errors_name_the_line(lines: list[str], message: str) -> None:
    with pytest.raises(ValueError, match=message) as error:
        parse_abbreviations(enumerate(lines, 1), "broken.txt")
    assert "broken.txt:1" in str(error.value)


# --- scale and odd input ----------------------------------------------------------------

# Sparse inputs (few candidate boundaries) run at 1 MB; dense ones (a candidate every few
# characters) at 200 kB in the fast suite and at 1 MB under the slow mark. A quadratic scan
# would need minutes for either size.
SPARSE_INPUTS = {
    "no-punctuation": ("كلمة " * (MEGABYTE // 5), 1),
    "one-word": ("x" * MEGABYTE, 1),
    "only-dots": ("." * MEGABYTE, 1),
    "dots-and-letters": ("a." * (MEGABYTE // 2), 1),
    "control-chars": ("\x00\x01\x02.\x7f\x1b " * (MEGABYTE // 7), 1),
    "whitespace-run": ("Go." + " " * MEGABYTE + "Now.", 2),
    "ellipsis-run": ("…" * MEGABYTE, 1),
    "unclosed-brackets": ("[" * MEGABYTE, 1),
}


def _dense_inputs(size: int) -> dict[str, tuple[str, int]]:
    return {
        "sentences": ("Hi. " * (size // 4), size // 4),
        "initials": ("J. " * (size // 3), 1),
        "open-brackets": ("Done. [" * (size // 7), size // 7),
        "arabic-sentences": ("انتهى التدريب. " * (size // 15), size // 15),
        "ellipses": ("… " * (size // 2), 1),
        # the rules of issue 18: lines that are units, enumerations, quotations, ". . ."
        "datelines": ("July 30, 2024\n" * (size // 14), size // 14),
        "enumerations": ("البنود: ١- التدريب. ٢- التبادل. " * (size // 32), 3 * (size // 32)),
        "lone-first-items": ("x: 1- y " * (size // 8), 1),
        "quoted-ellipses": ('قال: "كلمة… كلمة" ' * (size // 18), 1),
        "latin-quotes": ('قال "A. B. C." ' * (size // 15), 1),
        "spaced-ellipses": (". . . " * (size // 6), 1),
        "short-lines": ("عاجل\nقطر\n" * (size // 9), 1),
    }


DENSE_NAMES = sorted(_dense_inputs(0))


def _check_count(text: str, lang: str, expected_count: int) -> None:
    spans = split_sentences(text, lang)
    assert_valid_spans(text, spans)
    assert len(spans) == expected_count


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
@pytest.mark.parametrize("name", sorted(SPARSE_INPUTS))
def test_megabyte_paragraph(name: str, lang: str) -> None:
    """A quadratic scan would not finish these; the engine is one linear pass."""
    _check_count(SPARSE_INPUTS[name][0], lang, SPARSE_INPUTS[name][1])


@pytest.mark.parametrize("name", DENSE_NAMES)
def test_dense_paragraph(name: str) -> None:
    text, count = _dense_inputs(200_000)[name]
    _check_count(text, "ar", count)


@pytest.mark.slow
@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
@pytest.mark.parametrize("name", DENSE_NAMES)
def test_dense_megabyte_paragraph(name: str, lang: str) -> None:
    text, count = _dense_inputs(MEGABYTE)[name]
    _check_count(text, lang, count)


def test_long_word_before_dot_is_an_ordinary_word() -> None:
    word = "x" * 10_000
    assert segments(f"{word}. Then more.", "en") == [f"{word}.", "Then more."]


# --- properties ---------------------------------------------------------------------------

ALPHABET = st.sampled_from(
    list("ابتثجحخدذرسشصضطظعغفقكلمنهوي")
    + list("abcXYZ")
    + list("0129٠١٢")
    + list(".!?؟…،؛:,\"'“”«»()[]{}-/*%@")
    + list(" \t\n\r\u00a0\u2003\x00\x07\u200f\u200b")
)
TEXTS = st.lists(ALPHABET, max_size=120).map("".join)


@settings(max_examples=400, deadline=None)
@given(text=TEXTS, lang=st.sampled_from(SUPPORTED_LANGUAGES))
def test_spans_are_ordered_stripped_and_cover_all_non_whitespace(text: str, lang: str) -> None:
    spans = split_sentences(text, lang)
    assert_valid_spans(text, spans)
    assert (spans == []) == (not text.strip())
    paragraph = split_sentences(text, lang, mode="paragraph")
    assert_valid_spans(text, paragraph)
    assert len(paragraph) == (1 if text.strip() else 0)
    if spans:
        assert (spans[0][0], spans[-1][1]) == paragraph[0]


@settings(max_examples=200, deadline=None)
@given(
    words=st.lists(st.sampled_from(["قطر", "الحرس", "Guard", "Qatar", "2018", "U.S."]), min_size=1),
    lang=st.sampled_from(SUPPORTED_LANGUAGES),
)
def test_sentences_joined_by_whitespace_split_back(words: list[str], lang: str) -> None:
    """Plain sentences ending in «!» come back exactly, whatever whitespace joins them."""
    sentences = [f"{word} {word}!" for word in words]
    text = " \n ".join(sentences)
    assert segments(text, lang) == sentences


# --- language guess -----------------------------------------------------------------------


def test_guess_language_on_the_seed(seed_text: str) -> None:
    assert guess_language(seed_text) == "ar"
    shares = language_shares(seed_text)
    assert shares["ar"] > 0.99


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The partnership began in 2021.", "en"),
        ("بدأت الشراكة عام 2021.", "ar"),
        ("قال Brig. Gen. William Crane إن الشراكة مهمة جدا لقطر", "ar"),
        ("Brig. Gen. William Crane said قطر", "en"),
        ("2024-07-30", "en"),
        ("", "en"),
        ("ab جد", "en"),  # a tie is not a majority
        ("ab جده", "ar"),
        ("وَتُ abc", "en"),  # diacritics are not letters: 2 Arabic letters to 3 Latin
    ],
)
def test_guess_language(text: str, expected: str) -> None:
    assert guess_language(text) == expected


def test_language_shares() -> None:
    assert language_shares("") == {"ar": 0.0, "en": 0.0, "other": 0.0}
    assert language_shares("12 ... ٣٤") == {"ar": 0.0, "en": 0.0, "other": 0.0}
    assert language_shares("ab جد") == {"ar": 0.5, "en": 0.5, "other": 0.0}
    shares = language_shares("ab جدهو Ωé")
    assert shares == {"ar": 0.5, "en": 3 / 8, "other": 1 / 8}
