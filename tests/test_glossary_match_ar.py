"""Arabic term matching: normalisation, clitics, the article, overlaps, numbers.

Each case is named after the rule it tests and lists what ``find_terms`` must
return, as (surface in the text, glossary form that matched), in text order.
The glossary is ``tests/glossary_cases/matching.csv`` with ``morphology.csv``.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from l10nflow.glossary import Glossary, GlossaryEntry
from l10nflow.textnorm import tokenize_for_matching

CASES_DIR = Path(__file__).parent / "glossary_cases"
GLOSSARY = Glossary.load([CASES_DIR / "matching.csv", CASES_DIR / "morphology.csv"])

NG = "الحرس الوطني"
ANG = "الحرس الوطني الجوي"

CASES: list[tuple[str, str, list[tuple[str, str]]]] = [
    # --- normalisation: tashkeel, tatweel, letters, digits, invisible characters
    ("norm-harakat", "الحَرَسُ الوَطَنِيُّ", [("الحَرَسُ الوَطَنِيُّ", NG)]),
    ("norm-shadda", "القُوّات", [("القُوّات", "القوات")]),
    ("norm-tanwin", "قاعدةً", [("قاعدةً", "قاعدة")]),
    ("norm-sukun", "الجَيْش", [("الجَيْش", "الجيش")]),
    ("norm-dagger-alef", "العقيٰد", [("العقيٰد", "العقيد")]),
    ("norm-tatweel", "الحـــرس الوطنـــي", [("الحـــرس الوطنـــي", NG)]),
    ("norm-hamza-alef", "الامن", [("الامن", "الأمن")]),
    ("norm-hamza-below", "الإستخبارات", [("الإستخبارات", "الاستخبارات")]),
    ("norm-madda", "آعضاء", [("آعضاء", "أعضاء")]),
    ("norm-wasla", "ٱلقيادة", [("ٱلقيادة", "القيادة")]),
    ("norm-alef-maqsura", "مستوي", [("مستوي", "مستوى")]),
    ("norm-ta-marbuta-as-ha", "القياده", [("القياده", "القيادة")]),
    ("norm-ta-marbuta-as-ha-multi", "قاعده جويه", [("قاعده جويه", "قاعدة جوية")]),
    ("norm-persian-keheh-yeh", "الکتیبة", [("الکتیبة", "الكتيبة")]),
    ("norm-urdu-heh-goal", "القیادہ", [("القیادہ", "القيادة")]),
    ("norm-presentation-forms", "ﺍﻟﻘﻮﺍﺕ", [("ﺍﻟﻘﻮﺍﺕ", "القوات")]),
    ("norm-zwnj-inside-word", "الحر\u200cس الوطني", [("الحر\u200cس الوطني", NG)]),
    ("norm-rlm-between-words", "الحرس\u200f الوطني", [("الحرس\u200f الوطني", NG)]),
    ("numbers-arabic-indic", "الفرقة ١٠١", [("الفرقة ١٠١", "الفرقة 101")]),
    ("numbers-persian", "الفرقة ۱۰۱", [("الفرقة ۱۰۱", "الفرقة 101")]),
    ("numbers-ascii", "الفرقة 101", [("الفرقة 101", "الفرقة 101")]),
    ("numbers-hyphen-variant", "إف-١٦", [("إف-١٦", "إف-16")]),
    ("numbers-space-for-hyphen", "اف 16", [("اف 16", "إف-16")]),
    ("numbers-other-number", "الفرقة 82", []),
    # --- proclitics on the first word
    ("proclitic-wa", "والحرس الوطني", [("والحرس الوطني", NG)]),
    ("proclitic-wa-indefinite", "وقاعدة", [("وقاعدة", "قاعدة")]),
    ("proclitic-fa", "فالقوات", [("فالقوات", "القوات")]),
    ("proclitic-bi", "بالولايات المتحدة", [("بالولايات المتحدة", "الولايات المتحدة")]),
    ("proclitic-bi-indefinite", "بقاعدة", [("بقاعدة", "قاعدة")]),
    ("proclitic-ka", "كالعقيد", [("كالعقيد", "العقيد")]),
    ("proclitic-li", "لوزارة الدفاع", [("لوزارة الدفاع", "وزارة الدفاع")]),
    ("proclitic-li-indefinite", "لقطر", [("لقطر", "قطر")]),
    ("proclitic-lil", "للحرس الوطني", [("للحرس الوطني", NG)]),
    ("proclitic-lil-single", "للقوات", [("للقوات", "القوات")]),
    ("proclitic-lil-ta-marbuta", "للقيادة", [("للقيادة", "القيادة")]),
    ("proclitic-wa-bi-al", "وبالقوات", [("وبالقوات", "القوات")]),
    ("proclitic-fa-bi-al", "فبالقيادة", [("فبالقيادة", "القيادة")]),
    ("proclitic-wa-lil", "وللحرس الوطني", [("وللحرس الوطني", NG)]),
    ("proclitic-fa-lil", "فللقوات", [("فللقوات", "القوات")]),
    ("proclitic-wa-ka-al", "وكالعقيد", [("وكالعقيد", "العقيد")]),
    ("proclitic-wa-bi", "وبقاعدة", [("وبقاعدة", "قاعدة")]),
    ("proclitic-with-tashkeel", "وَلِلْحَرَسِ الوَطَنِيِّ", [("وَلِلْحَرَسِ الوَطَنِيِّ", NG)]),
    ("proclitic-not-on-second-word", "الحرس والوطني", []),
    ("proclitic-only-word-is-no-term", "و قطر", [("قطر", "قطر")]),
    # --- the article: added to an indefinite term, dropped by grammar from a definite one
    ("article-added", "القاعدة", [("القاعدة", "قاعدة")]),
    ("article-added-wa", "والقاعدة", [("والقاعدة", "قاعدة")]),
    ("article-added-bi", "بالقاعدة", [("بالقاعدة", "قاعدة")]),
    ("article-added-lil", "للقاعدة", [("للقاعدة", "قاعدة")]),
    ("article-added-maqsura", "المستوى", [("المستوى", "مستوى")]),
    ("article-construct", "قوات الحرس", [("قوات", "القوات")]),
    (
        "article-construct-before-term",
        "قوات الحرس الوطني",
        [("قوات", "القوات"), ("الحرس الوطني", NG)],
    ),
    ("article-construct-proclitic", "وقوات الأمن", [("وقوات", "القوات"), ("الأمن", "الأمن")]),
    ("article-construct-ta-marbuta", "قيادة الأركان", [("قيادة", "القيادة")]),
    # «قوات» outside a construct state is not «القوات», but its ending still makes it the
    # plural of «القوة» (force): an indefinite word with a number ending is the term
    ("article-construct-needs-definite-next", "قوات كبيرة", [("قوات", "القوة")]),
    ("article-construct-not-at-end", "نشرت قوات", [("قوات", "القوة")]),
    ("article-construct-not-across-comma", "قوات، الحرس", [("قوات", "القوة")]),
    ("article-construct-proper-noun-missed", "قوات قطر", [("قوات", "القوة"), ("قطر", "قطر")]),
    ("article-construct-bare-singular-strict", "قيادة كبيرة", []),
    # «القوات المسلحة» needs a pronoun to lose its article; the one-word «القوات» is in
    # construct state before a definite word.
    ("article-dropped-multiword-first-needs-pronoun", "قوات المسلحة", [("قوات", "القوات")]),
    ("article-dropped-multiword-second-word", "وزارة دفاع", []),
    ("article-dropped-multiword-adjective", "الحرس وطني", []),
    ("article-dropped-first-word-plain", "حرس الوطني", []),
    # --- enclitic pronouns on the last word
    ("enclitic-ha-ta-marbuta", "قيادته", [("قيادته", "القيادة")]),
    ("enclitic-haa", "قيادتها", [("قيادتها", "القيادة")]),
    ("enclitic-hum", "قيادتهم", [("قيادتهم", "القيادة")]),
    ("enclitic-hunna", "قيادتهن", [("قيادتهن", "القيادة")]),
    ("enclitic-huma", "قيادتهما", [("قيادتهما", "القيادة")]),
    ("enclitic-kum", "قيادتكم", [("قيادتكم", "القيادة")]),
    ("enclitic-kunna", "قيادتكن", [("قيادتكن", "القيادة")]),
    ("enclitic-naa", "قيادتنا", [("قيادتنا", "القيادة")]),
    ("enclitic-ya-after-ta", "قيادتي", [("قيادتي", "القيادة")]),
    ("enclitic-indefinite-term", "قاعدتنا", [("قاعدتنا", "قاعدة")]),
    ("enclitic-with-proclitic", "وقيادته", [("وقيادته", "القيادة")]),
    ("enclitic-with-proclitic-bi", "بقاعدتهم", [("بقاعدتهم", "قاعدة")]),
    ("enclitic-real-ha-on-word", "عقيده", [("عقيده", "العقيد")]),
    ("enclitic-alef-maqsura", "مستواه", [("مستواه", "مستوى")]),
    ("enclitic-alef-maqsura-naa", "مستوانا", [("مستوانا", "مستوى")]),
    ("enclitic-hamza-waw", "أعضاؤه", [("أعضاؤه", "أعضاء")]),
    ("enclitic-hamza-ya", "أعضائها", [("أعضائها", "أعضاء")]),
    (
        "enclitic-first-word-of-definite-term",
        "قواتنا المسلحة",
        [("قواتنا المسلحة", "القوات المسلحة")],
    ),
    ("enclitic-first-word-hu", "قواته المسلحة", [("قواته المسلحة", "القوات المسلحة")]),
    ("enclitic-last-word-indefinite", "رئيس أركانه", [("رئيس أركانه", "رئيس أركان")]),
    ("enclitic-not-on-definite-last-word", "وزارة دفاعنا", []),
    ("enclitic-not-on-definite-word", "الحرس الوطنيه", []),
    ("enclitic-not-ta-marbuta", "العقيدة", []),
    ("enclitic-not-ta-marbuta-indefinite", "عقيدة", []),
    ("enclitic-ya-not-nisba", "أمني", []),
    ("enclitic-ya-not-nisba-name", "قطري", []),
    ("enclitic-not-on-verbs", "يعززها", []),
    ("enclitic-verb-plain", "يعزز", [("يعزز", "يعزز")]),
    # --- words that merely contain the letters of a term
    # --- number, gender and case endings (issue 17): the same term, inflected
    ("inflection-dual-oblique", "الطائرتين", [("الطائرتين", "الطائرة")]),
    ("inflection-dual-indefinite", "طائرتان", [("طائرتان", "الطائرة")]),
    ("inflection-plural-indefinite", "قيادات", [("قيادات", "القيادة")]),
    ("inflection-indefinite-multiword", "حرس وطني", [("حرس وطني", NG)]),
    (
        "inflection-indefinite-multiword-plural",
        "ضباط أمريكيون",
        [("ضباط أمريكيون", "الضابط الأمريكي")],
    ),
    ("inflection-dual-multiword", "الحرسان الوطنيان", [("الحرسان الوطنيان", NG)]),
    ("inflection-plural-definite", "القيادات", [("القيادات", "القيادة")]),
    ("inflection-plural-with-proclitic", "وللقيادات", [("وللقيادات", "القيادة")]),
    ("inflection-plural-pronoun", "قياداتها", [("قياداتها", "القيادة")]),
    ("inflection-nisba-plural", "العسكريين", [("العسكريين", "العسكري")]),
    ("inflection-nisba-plural-nominative", "والعسكريون", [("والعسكريون", "العسكري")]),
    ("inflection-nisba-feminine", "العسكرية", [("العسكرية", "العسكري")]),
    ("inflection-nisba-feminine-dual", "العسكريتين", [("العسكريتين", "العسكري")]),
    ("inflection-accusative-indefinite", "قاعدتين", [("قاعدتين", "قاعدة")]),
    # the accusative alef is read on the target side only («مشيرًا»: "pointing out")
    ("inflection-accusative-alef-source", "مستشارا", []),
    ("inflection-accusative-with-pronoun", "مستشاراه", [("مستشاراه", "مستشار")]),
    ("inflection-dual-construct-source", "قائدا الجيش", [("قائدا", "قائد"), ("الجيش", "الجيش")]),
    ("inflection-accusative-before-preposition", "عاد قائدا إلى", []),
    ("inflection-no-accusative-on-definite", "المستشارا", []),
    ("inflection-broken-plural-column", "الجنود", [("الجنود", "الجندي")]),
    ("inflection-broken-plural-proclitic", "وبالجنود", [("وبالجنود", "الجندي")]),
    ("inflection-broken-plural-pronoun", "جنودنا", [("جنودنا", "الجندي")]),
    (
        "inflection-adjective-agrees",
        "الضباط الأمريكيين",
        [("الضباط الأمريكيين", "الضابط الأمريكي")],
    ),
    ("inflection-stem-too-short", "الأمان", []),
    ("inflection-ta-marbuta-not-feminine", "العقيدة", []),
    ("no-substring-longer-word", "القاعدية", []),
    ("no-substring-inside-word", "مقطر", []),
    ("no-substring-attached-word", "الحرسالوطني", []),
    # --- overlaps: longest wins, no overlap, left to right
    ("overlap-longest", ANG, [(ANG, ANG)]),
    ("overlap-longest-with-proclitic", "للحرس الوطني الجوي", [("للحرس الوطني الجوي", ANG)]),
    (
        "overlap-construct-then-longest",
        "قوات الحرس الوطني الجوي",
        [("قوات", "القوات"), ("الحرس الوطني الجوي", ANG)],
    ),
    ("overlap-four-words", "برنامج الشراكة بين الدول", [("برنامج الشراكة بين الدول",) * 2]),
    ("overlap-repeated", "الحرس الوطني الحرس الوطني", [(NG, NG), (NG, NG)]),
    ("overlap-multi-over-single", "القوات المسلحة", [("القوات المسلحة", "القوات المسلحة")]),
    ("overlap-two-word-over-one", "قاعدة جوية", [("قاعدة جوية", "قاعدة جوية")]),
    ("overlap-army-guard", "الحرس الوطني للجيش", [("الحرس الوطني للجيش",) * 2]),
    # --- what may stand between the words of a term
    ("gap-hyphen", "الحرس-الوطني", [("الحرس-الوطني", NG)]),
    ("gap-newline", "الحرس\nالوطني", [("الحرس\nالوطني", NG)]),
    ("gap-spaces", "الحرس   الوطني", [("الحرس   الوطني", NG)]),
    ("gap-paragraph-break", "الحرس\n\nالوطني", []),
    ("gap-comma", "الحرس، الوطني", []),
    ("gap-period", "الحرس. الوطني", []),
    # --- sentences from the seed article
    (
        "seed-rank-and-guard",
        "الرقيب أول في الحرس الوطني لجيش ولاية فرجينيا الغربية",
        [("الرقيب أول", "الرقيب أول"), (NG, NG)],
    ),
    (
        "seed-base-and-air-guard",
        "في قاعدة ماكلولين للحرس الوطني الجوي في مدينة تشارلستون",
        [("قاعدة", "قاعدة"), ("للحرس الوطني الجوي", ANG)],
    ),
    (
        "seed-ministry",
        "عندما طلبت وزارة الدفاع القطرية رسميا الشراكة",
        [("وزارة الدفاع", "وزارة الدفاع")],
    ),
    ("seed-general", "الفريق ويليام كرين", [("الفريق", "الفريق")]),
    ("seed-lil-forces", "قابلية التشغيل البيني للقوات.", [("للقوات", "القوات")]),
    ("seed-intelligence", "ومؤسسة الاستخبارات، إضافة", [("الاستخبارات", "الاستخبارات")]),
    (
        "seed-united-states",
        "بين قطر والولايات المتحدة الأميركية.",
        [("قطر", "قطر"), ("والولايات المتحدة", "الولايات المتحدة")],
    ),
    (
        "seed-program",
        "برنامج الشراكة بين الدول التابع لمكتب الحرس الوطني الأميركي",
        [("برنامج الشراكة بين الدول",) * 2, (NG, NG)],
    ),
    ("seed-unrelated-sentence", "هل أعجبك هذا المقال؟", []),
]


def _found(matches) -> list[tuple[str, str]]:
    return [(m.surface, m.form) for m in matches]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_find_terms_ar(text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(GLOSSARY.find_terms(text, "ar")) == expected


def test_case_names_are_unique() -> None:
    names = [c[0] for c in CASES]
    assert len(names) == len(set(names))


def test_match_records_clitics_and_span() -> None:
    text = "قال إن وللحرس الوطني دورا"
    (match,) = GLOSSARY.find_terms(text, "ar")
    assert (match.start, match.end) == (text.index("وللحرس"), text.index(" دورا"))
    assert (match.prefix, match.suffix, match.exact) == ("ول", "", False)
    assert match.entry.preferred("en") == "National Guard"
    assert match.normalized == "الحرس الوطني"


def test_enclitic_recorded_as_suffix() -> None:
    (match,) = GLOSSARY.find_terms("قيادتهم", "ar")
    assert (match.prefix, match.suffix) == ("", "هم")


def test_exact_match_has_form_index() -> None:
    (match,) = GLOSSARY.find_terms("قال الناتو", "ar")
    assert (match.form, match.form_index) == ("الناتو", 1)


def test_homographs_keep_alternatives() -> None:
    (match,) = GLOSSARY.find_terms("قائد", "ar")
    assert match.entry.preferred("en") == "commander"
    assert [alt.preferred("en") for alt in match.alternatives] == ["leader"]


def test_dropping_the_article_needs_three_letters() -> None:
    glossary = Glossary(
        [
            GlossaryEntry({"ar": ("دة",), "en": ("x",)}),
            GlossaryEntry({"ar": ("والد",), "en": ("father",)}),
        ]
    )
    assert glossary.find_terms("والدة", "ar") == []


def test_find_forms_target_side_ignores_other_entries() -> None:
    entry = next(e for e in GLOSSARY.entries if e.preferred("ar") == NG)
    text = "وصل للحرس الوطني الجوي ثم قيادة الحرس الوطني"
    found = _found(GLOSSARY.find_forms(text, entry, "ar"))
    assert found == [("للحرس الوطني", NG), (NG, NG)]


def test_find_forms_accepts_enclitic() -> None:
    entry = next(e for e in GLOSSARY.entries if e.preferred("ar") == "القيادة")
    assert _found(GLOSSARY.find_forms("أعلنت قيادتها", entry, "ar")) == [("قيادتها", "القيادة")]


def test_find_forbidden_with_clitic() -> None:
    found = GLOSSARY.find_forbidden("في بالخليج الفارسي و الخليج العربي", "ar")
    assert _found(found) == [("بالخليج الفارسي", "الخليج الفارسي")]
    assert found[0].entry.preferred("ar") == "الخليج العربي"


def test_forbidden_forms_are_not_terms() -> None:
    assert GLOSSARY.find_terms("الخليج الفارسي", "ar") == []


def test_language_without_forms_finds_nothing() -> None:
    assert GLOSSARY.find_terms("الحرس الوطني", "fr") == []


_HARAKAT = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652"
_WORDS = ["الحرس", "الوطني", "الجوي", "قوات", "للقوات", "قيادته", "قاعدة", "في", "و", "العقيدة"]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(_WORDS), min_size=1, max_size=12),
    st.lists(st.sampled_from([" ", "  ", "، ", "-", "\n"]), min_size=12, max_size=12),
    st.randoms(use_true_random=False),
)
def test_property_spans_and_tashkeel_invariance(words, gaps, rnd) -> None:
    text = "".join(w + g for w, g in zip(words, gaps, strict=False)).strip()
    matches = GLOSSARY.find_terms(text, "ar")
    boundaries = {t.start for t in tokenize_for_matching(text, "ar")}
    ends = {t.end for t in tokenize_for_matching(text, "ar")}
    for a, b in itertools.pairwise(matches):
        assert a.end <= b.start
    for m in matches:
        assert text[m.start : m.end] == m.surface
        assert m.start in boundaries and m.end in ends
    # Adding tashkeel after Arabic letters never changes which entries are found.
    voweled = "".join(
        ch + (rnd.choice(_HARAKAT) if "\u0621" <= ch <= "\u064a" and rnd.random() < 0.3 else "")
        for ch in text
    )
    found = [m.entry for m in GLOSSARY.find_terms(voweled, "ar")]
    assert found == [m.entry for m in matches]


# --- the target side (Glossary.find_forms): indefinite forms of definite terms


@pytest.mark.parametrize(
    ("form", "text", "surface"),
    [
        ("الجندي", "أصيب جندي في الحادث", "جندي"),  # a bare indefinite singular
        ("الجندي", "عين الجيش جنديًا جديدًا", "جنديًا"),  # the accusative alef
        ("مستشار", "عين مستشارا", "مستشارا"),
        ("الجندي", "انتشر جنود في المنطقة", "جنود"),  # a broken plural of the plural column
        ("الجندي", "كرمت الوزارة جنودها", "جنودها"),
        ("الضابط الأمريكي", "وصل ضباط أمريكيون", "ضباط أمريكيون"),
        ("الضابط الأمريكي", "التقى بضابطين أمريكيين", "بضابطين أمريكيين"),
        ("العسكري", "أرسلت مستشارين عسكريين", "عسكريين"),
    ],
)
def test_find_forms_reads_indefinite_and_inflected_renderings(
    form: str, text: str, surface: str
) -> None:
    entry = next(e for e in GLOSSARY.entries if e.forms["ar"][0] == form)
    assert [m.surface for m in GLOSSARY.find_forms(text, entry, "ar")] == [surface]


def test_a_plural_variant_stands_for_the_preferred_form() -> None:
    [match] = GLOSSARY.find_terms("وصل الجنود", "ar")
    assert (match.form, match.form_index, match.variant, match.exact) == (
        "الجندي",
        0,
        "جنود",
        False,
    )


def test_source_side_leaves_the_bare_indefinite_singular_and_the_accusative() -> None:
    assert GLOSSARY.find_terms("أصيب جندي في الحادث", "ar") == []
    assert GLOSSARY.find_terms("قال مشيرا إلى أن مستشارا وصل", "ar") == []
    assert _found(GLOSSARY.find_terms("أصيب جنديان", "ar")) == [("جنديان", "الجندي")]
