"""The Arabic profile's matching facts (issue 14) are what normalisation, tokenisation, the
matcher's clitics, number reading and native punctuation apply: one place to change them."""

from __future__ import annotations

import pytest

from l10nflow.check.numbers import _literals, _split
from l10nflow.glossary import Glossary, GlossaryEntry
from l10nflow.languages import DIGIT_FOLDS, PROFILES, class_body
from l10nflow.mt.postprocess import native_punctuation
from l10nflow.textnorm import arabic_base, normalize_ar, normalize_en, tokenize_for_matching

AR = PROFILES["ar"]


@pytest.mark.parametrize("mark", AR.word_marks)
def test_every_mark_and_the_tatweel_are_stripped_inside_one_word(mark: str) -> None:
    assert arabic_base(f"ب{mark}ت") == "بت"
    assert [t.norm for t in tokenize_for_matching(f"قوات ب{mark}ت", "ar")] == ["قوات", "بت"]


def test_every_letter_fold_then_every_final_fold_is_applied() -> None:
    for variant, letter in AR.letter_folds.items():
        assert arabic_base(f"ب{variant}") == f"ب{letter}"
    for letter, folded in AR.final_folds.items():
        assert arabic_base(f"ب{letter}") == f"ب{letter}"  # kept until the clitics are seen
        assert normalize_ar(f"ب{letter}") == f"ب{folded}"


def test_every_digit_and_native_separator_reads_as_ascii() -> None:
    assert len(DIGIT_FOLDS) == 20 and set(DIGIT_FOLDS.values()) == set("0123456789")
    for digits in (AR.digits, AR.digit_variants):
        number = f"{digits[1]}{AR.thousands_separator}{digits[2]}{digits[5]}{digits[0]}"
        number += f"{AR.decimal_separator}{digits[7]}"
        assert normalize_ar(number) == normalize_en(number) == "1,250.7"
        assert [_split(n) for n in _literals(f"بلغ {number} جندي")] == [["1250.7"]]


def test_a_term_matches_behind_every_proclitic_and_before_every_enclitic_of_the_profile():
    glossary = Glossary([GlossaryEntry({"ar": ("قيادة",), "en": ("command",)})])
    heads = [c + p for c in ("", *AR.conjunctions) for p in ("", *AR.prepositions)]
    definite = [c + AR.article for c in ("", *AR.conjunctions)]  # «والقيادة»
    for head in heads + definite:
        text = f"{head}قيادة"
        assert [m.surface for m in glossary.find_terms(text, "ar")] == [text]
    for pronoun in AR.enclitics:
        text = f"قيادت{pronoun}"
        assert [m.surface for m in glossary.find_terms(text, "ar")] == [text]


def test_the_article_comes_off_only_when_a_stem_is_left() -> None:
    assert AR.without_article("الجندي") == "جندي"
    assert AR.without_article("الأم") == "الأم"  # «أم» is too short for a stem of three
    assert AR.without_article("الأم", min_stem=2) == "أم"
    assert PROFILES["en"].without_article("album") == "album"


def test_latin_punctuation_after_arabic_becomes_the_profiles_native_marks() -> None:
    assert (
        native_punctuation("قال, إن 12,500 جندي; هل? ok, yes", "ar-QA")
        == "قال، إن 12,500 جندي؛ هل؟ ok, yes"
    )
    assert native_punctuation("He said, yes; why?", "en") == "He said, yes; why?"
    assert set(AR.native_punctuation.values()) == {"،", "؛", "؟"}


def test_a_class_body_escapes_what_a_character_class_would_read() -> None:
    import re

    assert re.fullmatch(f"[{class_body('a-]^')}]+", "-]^a")
    assert not re.fullmatch(f"[{class_body('a-]^')}]+", "b")


def test_proclitic_variants_come_from_the_profiles_clitics() -> None:
    variants = AR.proclitic_variants("الحرس")
    assert variants[:7] == ["والحرس", "فالحرس", "بالحرس", "كالحرس", "وبالحرس", "فبالحرس", "وكالحرس"]
    assert {"للحرس", "وللحرس", "فللحرس"} <= set(variants)  # ل + ال: the alef goes
    assert "لالحرس" not in variants
    assert {"لحرس", "ولحرس"} <= set(AR.proclitic_variants("حرس"))
    assert PROFILES["en"].proclitic_variants("Guard") == []


def test_the_script_language_and_the_guess_ask_every_profile() -> None:
    from l10nflow.languages import script_language
    from l10nflow.segment import guess_language, language_shares

    assert script_language("the Guard الحرس الوطني") == "ar"
    assert script_language("2024-07-30") is None
    assert guess_language("2024-07-30") == "en"
    shares = language_shares("Guard الحرس")
    assert set(shares) == {*PROFILES, "other"} and shares["ar"] == 5 / 10
