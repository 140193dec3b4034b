"""Normalisation for matching (Arabic and English) and tokenisation with original spans."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from l10nflow.textnorm import (
    Token,
    arabic_base,
    arabic_fold,
    is_arabic_lang,
    normalize,
    normalize_ar,
    normalize_en,
    tokenize_for_matching,
)

AR_CASES = [
    ("tashkeel-fatha-damma-kasra", "الحَرَسُ الوَطَنِيِ", "الحرس الوطني"),
    ("tashkeel-tanwin", "قاعدةً وقاعدةٌ وقاعدةٍ", "قاعده وقاعده وقاعده"),
    ("tashkeel-shadda", "القوّات", "القوات"),
    ("tashkeel-sukun", "الجَيْش", "الجيش"),
    ("tashkeel-dagger-alef", "هٰذا", "هذا"),
    ("tashkeel-small-high-marks", "الرحمٰن\u06e5", "الرحمن"),
    ("tatweel", "الحـــرس", "الحرس"),
    ("hamza-above-alef", "أمن", "امن"),
    ("hamza-below-alef", "إرهاب", "ارهاب"),
    ("madda-alef", "آخر", "اخر"),
    ("wasla-alef", "ٱلقيادة", "القياده"),
    ("combining-hamza-composes", "ا\u0654من", "امن"),
    ("alef-maqsura", "مستوى", "مستوي"),
    ("ta-marbuta", "القيادة", "القياده"),
    ("persian-keheh", "کتيبة", "كتيبه"),
    ("persian-yeh", "یوم", "يوم"),
    ("urdu-heh-goal", "ہدف", "هدف"),
    ("kurdish-ae", "ە", "ه"),
    ("arabic-indic-digits", "٠١٢٣٤٥٦٧٨٩", "0123456789"),
    ("persian-digits", "۰۱۲۳۴۵۶۷۸۹", "0123456789"),
    ("decimal-separator-in-number", "٣٫٥", "3.5"),
    ("thousands-separator-in-number", "١٬٠٠٠", "1,000"),
    ("separators-outside-numbers-kept", "أ٫ب ٬", "ا٫ب ٬"),
    ("presentation-forms", "ﺍﻟﻘﻮﺍﺕ", "القوات"),
    ("lam-alef-ligature", "ﻻ", "لا"),
    ("invisible-characters", "الحر\u200cس\u200f\u00ad", "الحرس"),
    ("spaces-collapsed", "  الحرس \n\t الوطني ", "الحرس الوطني"),
    ("latin-inside-arabic-casefolded", "طائرة F-16", "طائره f-16"),
]


@pytest.mark.parametrize(
    ("text", "expected"), [c[1:] for c in AR_CASES], ids=[c[0] for c in AR_CASES]
)
def test_normalize_ar(text: str, expected: str) -> None:
    assert normalize_ar(text) == expected


EN_CASES = [
    ("casefold", "National GUARD", "national guard"),
    ("casefold-sharp-s", "Straße", "strasse"),
    ("apostrophe-right-quote", "force’s", "force's"),
    ("apostrophe-left-quote", "force‘s", "force's"),
    ("apostrophe-modifier-letter", "forceʼs", "force's"),
    ("hyphen-unicode", "counter\u2010terrorism", "counter-terrorism"),
    ("hyphen-non-breaking", "counter\u2011terrorism", "counter-terrorism"),
    ("hyphen-en-dash", "counter\u2013terrorism", "counter-terrorism"),
    ("hyphen-minus-sign", "\u22125", "-5"),
    ("nfkc-ligature", "ﬁghter", "fighter"),
    ("nfkc-fullwidth", "ＮＡＴＯ", "nato"),
    ("soft-hyphen-removed", "peace\u00adkeeping", "peacekeeping"),
    ("eastern-digits", "F-١٦", "f-16"),
    ("spaces-collapsed", " air \n base ", "air base"),
]


@pytest.mark.parametrize(
    ("text", "expected"), [c[1:] for c in EN_CASES], ids=[c[0] for c in EN_CASES]
)
def test_normalize_en(text: str, expected: str) -> None:
    assert normalize_en(text) == expected


def test_normalize_en_can_keep_case() -> None:
    assert normalize_en("NATO’s", casefold=False) == "NATO's"


def test_arabic_base_keeps_ta_marbuta_and_maqsura_apart() -> None:
    assert arabic_base("قيادةُ مستوى قيادته") == "قيادة مستوى قيادته"
    assert arabic_fold(arabic_base("قيادةُ مستوى")) == "قياده مستوي"


@pytest.mark.parametrize(
    ("lang", "arabic"), [("ar", True), ("ar-EG", True), ("AR", True), ("en", False), ("fr", False)]
)
def test_normalize_dispatches_on_primary_subtag(lang: str, arabic: bool) -> None:
    assert is_arabic_lang(lang) is arabic
    expected = normalize_ar("القيادة Ü") if arabic else normalize_en("القيادة Ü")
    assert normalize("القيادة Ü", lang) == expected


def test_tokenize_spans_and_norms() -> None:
    text = "وَلِلْحَرَس، الوطني: force’s F-16 (1,000.5) ٣٫٥!"
    tokens = tokenize_for_matching(text, "ar")
    assert [t.surface for t in tokens] == [
        "وَلِلْحَرَس", "الوطني", "force’s", "F", "16", "1,000.5", "٣٫٥",
    ]  # fmt: skip
    assert all(text[t.start : t.end] == t.surface for t in tokens)
    assert tokens[0] == Token(0, 11, "وَلِلْحَرَس", "وللحرس")
    assert tokens[-1].norm == "3.5"


def test_tokenize_english_apostrophe_and_trailing_quote() -> None:
    tokens = tokenize_for_matching("the forces' and O’Neill's 'plan'", "en")
    assert [t.norm for t in tokens] == ["the", "forces", "and", "o'neill's", "plan"]


def test_tokenize_number_separator_needs_digits_both_sides() -> None:
    tokens = tokenize_for_matching("end.Next 3.Next 3.5", "en")
    assert [t.surface for t in tokens] == ["end", "Next", "3", "Next", "3.5"]


def test_tokenize_without_words() -> None:
    assert tokenize_for_matching(" ،.؟!- ", "ar") == ()


_ALPHABET = st.sampled_from(
    list("الحرسوطنيقاتةىأإآکی٣٫٬١\u064e\u0651\u0640\u200c\u200f\u0670AbZß’'-., \n0ﻻﬁ")
)


@settings(max_examples=200, deadline=None)
@given(st.text(_ALPHABET, max_size=40), st.sampled_from(["ar", "en"]))
def test_property_token_norm_is_normalize_of_surface(text: str, lang: str) -> None:
    for token in tokenize_for_matching(text, lang):
        assert text[token.start : token.end] == token.surface
        assert token.norm == normalize(token.surface, lang)


@settings(max_examples=200, deadline=None)
@given(st.text(_ALPHABET, max_size=40), st.sampled_from(["ar", "en"]))
@example("\u0670\u200c\u064e", "en")  # a joiner removed between marks: NFKC must run again
def test_property_normalize_is_idempotent(text: str, lang: str) -> None:
    once = normalize(text, lang)
    assert normalize(once, lang) == once
