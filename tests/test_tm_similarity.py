"""Match keys and the similarity score of :mod:`l10nflow.tm.similarity`."""

from __future__ import annotations

import pytest

from l10nflow.tm.similarity import DEFAULT_THRESHOLD, key_similarity, match_key, similarity


@pytest.mark.parametrize(
    ("a", "b", "lang"),
    [
        ("أطلق الطرفان الشراكة", "اطلق الطرفان الشراكة", "ar"),  # hamza on alef
        ("أَطْلَقَ", "اطلق", "ar"),  # tashkeel
        ("الشـــراكة", "الشراكة", "ar"),  # tatweel
        ("مدرسة على", "مدرسه علي", "ar"),  # ta marbuta, alef maqsura
        ("عام ٢٠٢١", "عام 2021", "ar"),  # Eastern digits
        ("The  minister\n met\tthem ", "The minister met them", "en"),  # whitespace
        ("The Minister’s visit", "the minister's visit", "en"),  # case and apostrophe
    ],
)
def test_normalised_variants_are_exact(a: str, b: str, lang: str) -> None:
    assert match_key(a, lang) == match_key(b, lang)
    assert similarity(a, b, lang) == 1.0


def test_identical_text_scores_one_and_different_text_less() -> None:
    text = "Qatar and West Virginia strengthen ties"
    assert similarity(text, text, "en") == 1.0
    assert similarity(text, "Qatar and West Virginia strengthen links", "en") < 1.0


def test_score_is_the_levenshtein_ratio_on_the_longer_string() -> None:
    # kitten → sitting: 3 edits, 7 characters in the longer string.
    assert similarity("kitten", "sitting", "en") == pytest.approx(1 - 3 / 7)
    # One letter changed in a 10-letter Arabic key.
    assert similarity("الشراكة بين", "الشراكة بيت", "ar") == pytest.approx(1 - 1 / 11)


def test_score_is_symmetric_and_bounded() -> None:
    pairs = [("abc", "abd"), ("a", "a much longer sentence"), ("", "x"), ("same", "same")]
    for a, b in pairs:
        score = similarity(a, b, "en")
        assert 0.0 <= score <= 1.0
        assert score == similarity(b, a, "en")


def test_empty_keys() -> None:
    assert similarity("", "   ", "en") == 1.0
    assert similarity("", "text", "en") == 0.0


def test_key_similarity_cutoff_reports_zero_below_it() -> None:
    assert key_similarity("abcd", "abce") == pytest.approx(0.75)
    assert key_similarity("abcd", "abce", cutoff=0.75) == pytest.approx(0.75)
    assert key_similarity("abcd", "abce", cutoff=0.8) == 0.0


def test_default_threshold_is_translate_toolkits() -> None:
    assert DEFAULT_THRESHOLD == 0.75


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("the minister met the delegation", "the minister met a delegation"),
        ("kitten", "sitting"),
        ("الوزير التقى الوفد", "الوزير التقى وفدا"),
        ("a short one", "a rather longer sentence"),
    ],
)
def test_agrees_with_translate_toolkit(a: str, b: str) -> None:
    lshtein = pytest.importorskip("translate.search.lshtein")
    expected = lshtein.LevenshteinComparer().similarity_real(a, b, stoppercentage=0) / 100
    assert similarity(a, b, "en") == pytest.approx(expected)
