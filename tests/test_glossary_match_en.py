"""English term matching: case, plurals and possessives, hyphen/space variants, overlaps.

Each case is named after the rule it tests and lists what ``find_terms`` must
return, as (surface in the text, glossary form that matched), in text order.
The glossary is ``tests/glossary_cases/matching.csv``.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from l10nflow.glossary import Glossary, GlossaryEntry
from l10nflow.textnorm import tokenize_for_matching

GLOSSARY = Glossary.load([Path(__file__).parent / "glossary_cases" / "matching.csv"])
NG = "National Guard"
CT = "counter-terrorism"

CASES: list[tuple[str, str, list[tuple[str, str]]]] = [
    # --- case
    ("case-insensitive-lower", "the national guard", [("national guard", NG)]),
    ("case-insensitive-upper", "THE NATIONAL GUARD", [("NATIONAL GUARD", NG)]),
    ("case-insensitive-title", "The National Guard", [("National Guard", NG)]),
    ("case-sensitive-exact", "NATO said", [("NATO", "NATO")]),
    ("case-sensitive-title-rejected", "Nato said", []),
    ("case-sensitive-lower-rejected", "nato said", []),
    ("case-sensitive-possessive", "NATO's allies", [("NATO's", "NATO")]),
    # --- plurals on the last word
    ("plural-s", "two bases", [("bases", "base")]),
    ("plural-s-level", "all levels", [("levels", "level")]),
    ("plural-s-command", "both commands", [("commands", "command")]),
    ("plural-s-colonel", "three colonels", [("colonels", "colonel")]),
    ("plural-s-partner", "our partners", [("partners", "partner")]),
    ("plural-s-multiword", "two air bases", [("air bases", "air base")]),
    ("plural-es-x", "the annexes", [("annexes", "annex")]),
    ("plural-es-ch", "all branches", [("branches", "branch")]),
    ("plural-es-sh", "two ambushes", [("ambushes", "ambush")]),
    ("plural-es-s", "toxic gases", [("gases", "gas")]),
    ("plural-ies", "two armies", [("armies", "army")]),
    ("plural-ies-capital", "Armies", [("Armies", "army")]),
    (
        "plural-multiword-last-word",
        "Air National Guards",
        [("Air National Guards", "Air National Guard")],
    ),
    ("plural-only-last-word", "chiefs of staff", []),
    ("plural-exact-entry-preferred", "the forces", [("forces", "forces")]),
    # --- possessives
    ("possessive-s", "Qatar's army", [("Qatar's", "Qatar"), ("army", "army")]),
    ("possessive-army", "the army's role", [("army's", "army")]),
    (
        "possessive-multiword",
        "the Air National Guard's base",
        [("Air National Guard's", "Air National Guard"), ("base", "base")],
    ),
    ("possessive-plural", "the colonels' meeting", [("colonels", "colonel")]),
    ("possessive-plural-ies", "the armies' plans", [("armies", "army")]),
    ("possessive-typographic", "the colonel’s staff", [("colonel’s", "colonel")]),
    ("possessive-modifier-apostrophe", "the colonelʼs staff", [("colonelʼs", "colonel")]),
    # --- hyphen / space / closed variants
    ("hyphen-as-listed", "counter-terrorism", [("counter-terrorism", CT)]),
    ("hyphen-space", "counter terrorism", [("counter terrorism", CT)]),
    ("hyphen-closed", "counterterrorism", [("counterterrorism", CT)]),
    ("hyphen-title-case", "Counter-Terrorism", [("Counter-Terrorism", CT)]),
    ("hyphen-unicode-hyphen", "counter\u2010terrorism", [("counter\u2010terrorism", CT)]),
    ("hyphen-non-breaking", "counter\u2011terrorism", [("counter\u2011terrorism", CT)]),
    ("hyphen-line-break", "counter-\nterrorism", []),
    ("hyphen-spaced-dash-is-not", "counter - terrorism", []),
    ("hyphen-comma-is-not", "counter, terrorism", []),
    ("hyphen-closed-term-hyphenated", "peace-keeping", [("peace-keeping", "peacekeeping")]),
    ("hyphen-closed-term-spaced", "peace keeping", [("peace keeping", "peacekeeping")]),
    ("hyphen-closed-term-capital", "Peacekeeping", [("Peacekeeping", "peacekeeping")]),
    ("hyphen-spaced-term-closed", "the airbase", [("airbase", "air base")]),
    ("hyphen-spaced-term-hyphenated", "an air-base", [("air-base", "air base")]),
    ("hyphen-number", "an F16", [("F16", "F-16")]),
    ("hyphen-number-spaced", "an F 16", [("F 16", "F-16")]),
    ("hyphen-number-lower", "an f-16", [("f-16", "F-16")]),
    # --- spellings: only listed alternates
    ("spelling-listed-preferred", "the colour", [("colour", "colour")]),
    ("spelling-listed-alternate", "the color", [("color", "color")]),
    ("spelling-alternate-plural", "the colors", [("colors", "color")]),
    ("spelling-listed-alternate-multiword", "Ministry of Defence", [("Ministry of Defence",) * 2]),
    ("spelling-unlisted-rejected", "armor", []),
    ("spelling-listed-armour", "armour", [("armour", "armour")]),
    # --- separators other than space and hyphen are part of the term
    ("separator-kept", "the U.S. Army", [("U.S. Army", "U.S. Army")]),
    ("separator-kept-plural", "U.S. Armies", [("U.S. Armies", "U.S. Army")]),
    ("separator-missing", "the US Army", [("Army", "army")]),
    # --- whole words only
    ("word-boundary-prefix", "a forceful reply", []),
    ("word-boundary-compound", "the workforce", []),
    ("word-boundary-derived", "the partnership", []),
    ("word-boundary-demonym", "a Qatari officer", []),
    ("word-boundary-longer", "the basement", []),
    ("word-boundary-inside-phrase", "a task force", [("force", "force")]),
    ("word-boundary-suffix-ed", "levelled", []),
    ("word-boundary-membership", "membership", []),
    # --- overlaps: longest wins, no overlap, left to right
    ("overlap-longest", "the Air National Guard", [("Air National Guard",) * 2]),
    ("overlap-longest-army", "Army National Guard", [("Army National Guard",) * 2]),
    (
        "overlap-both",
        "the Air National Guard and the National Guard",
        [("Air National Guard",) * 2, (NG, NG)],
    ),
    (
        "overlap-tie-leftmost",
        "special forces command",
        [("special forces",) * 2, ("command", "command")],
    ),
    ("overlap-multi-over-single", "the Armed Forces", [("Armed Forces",) * 2]),
    ("overlap-three-words", "a sergeant first class", [("sergeant first class",) * 2]),
    ("overlap-two-over-one", "the air base", [("air base",) * 2]),
    # --- numbers
    ("numbers-ascii", "the 101st Airborne Division", [("101st Airborne Division",) * 2]),
    (
        "numbers-arabic-indic",
        "the ١٠١st Airborne Division",
        [("١٠١st Airborne Division", "101st Airborne Division")],
    ),
    ("numbers-arabic-indic-hyphen", "an F-١٦", [("F-١٦", "F-16")]),
    ("numbers-other-number", "the 82nd Airborne Division", []),
    # --- what may stand between the words of a term
    ("gap-newline", "National\nGuard", [("National\nGuard", NG)]),
    ("gap-spaces", "National   Guard", [("National   Guard", NG)]),
    ("gap-paragraph-break", "National\n\nGuard", []),
    ("gap-period", "National. Guard", []),
    # --- sentences
    (
        "sentence-partnership",
        "The State Partnership Program links the National Guard with Qatar's forces.",
        [("State Partnership Program",) * 2, (NG, NG), ("Qatar's", "Qatar"), ("forces", "forces")],
    ),
    ("sentence-forbidden-not-a-term", "the Persian Gulf", []),
]


def _found(matches) -> list[tuple[str, str]]:
    return [(m.surface, m.form) for m in matches]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_find_terms_en(text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(GLOSSARY.find_terms(text, "en")) == expected


def test_case_names_are_unique() -> None:
    names = [c[0] for c in CASES]
    assert len(names) == len(set(names))


def test_inflection_recorded_as_suffix() -> None:
    (match,) = GLOSSARY.find_terms("armies", "en")
    assert (match.suffix, match.form_index, match.exact) == ("ies", 0, False)


def test_alternate_form_index() -> None:
    (match,) = GLOSSARY.find_terms("the Ministry of Defence said", "en")
    assert (match.form_index, match.entry.preferred("en")) == (1, "Ministry of Defense")


def test_case_sensitivity_from_case_column_only() -> None:
    entry = GlossaryEntry({"en": ("US",), "ar": ("أمريكا",)}, extra={"case": "sensitive"})
    loose = GlossaryEntry({"en": ("US",), "ar": ("أمريكا",)})
    assert Glossary([entry]).find_terms("tell us", "en") == []
    assert _found(Glossary([loose]).find_terms("tell us", "en")) == [("us", "US")]


def test_find_forms_target_side() -> None:
    entry = next(e for e in GLOSSARY.entries if e.preferred("en") == NG)
    found = GLOSSARY.find_forms("the Air National Guard and National Guards", entry, "en")
    assert _found(found) == [(NG, NG), ("National Guards", NG)]


def test_find_forms_alternate_spelling() -> None:
    entry = next(e for e in GLOSSARY.entries if e.preferred("en") == "colour")
    (match,) = GLOSSARY.find_forms("two colors", entry, "en")
    assert (match.form, match.form_index, match.suffix) == ("color", 1, "s")


def test_find_forbidden() -> None:
    found = GLOSSARY.find_forbidden("the Persian Gulf's waters, the Arabian Gulf", "en")
    assert _found(found) == [("Persian Gulf's", "Persian Gulf")]
    assert found[0].entry.preferred("en") == "Arabian Gulf"


def test_index_is_built_once_per_language() -> None:
    glossary = Glossary.load([Path(__file__).parent / "glossary_cases" / "matching.csv"])
    glossary.find_terms("x", "en")
    index = glossary._indexes[("en", "forms")]
    glossary.find_terms("the army", "en")
    assert glossary._indexes[("en", "forms")] is index


_WORDS = ["National", "Guard", "Air", "army", "armies", "force", "counter", "terrorism", "the"]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(_WORDS), min_size=1, max_size=12),
    st.lists(st.sampled_from([" ", "-", ", ", "  ", "'s "]), min_size=12, max_size=12),
)
def test_property_spans(words, gaps) -> None:
    text = "".join(w + g for w, g in zip(words, gaps, strict=False)).strip()
    matches = GLOSSARY.find_terms(text, "en")
    tokens = tokenize_for_matching(text, "en")
    for a, b in itertools.pairwise(matches):
        assert a.end <= b.start
    for m in matches:
        assert text[m.start : m.end] == m.surface
        assert m.start in {t.start for t in tokens} and m.end in {t.end for t in tokens}
    # Case never changes what a case-insensitive glossary finds.
    assert [m.entry for m in GLOSSARY.find_terms(text.upper(), "en")] == [m.entry for m in matches]


@pytest.mark.parametrize(
    ("form", "text"),
    [
        ("airman", "Two airmen landed"),
        ("spokeswoman", "the spokeswomen said"),
        ("spokesperson", "the spokespeople said"),
        ("Senior Airman", "three Senior Airmen"),
    ],
)
def test_irregular_plurals_of_the_glossary(form: str, text: str) -> None:
    glossary = Glossary([GlossaryEntry({"en": (form,), "ar": ("x",)})])
    [match] = glossary.find_terms(text, "en")
    assert match.form == form


def test_men_is_not_read_into_other_words() -> None:
    glossary = Glossary([GlossaryEntry({"en": ("man",), "ar": ("x",)})])
    assert glossary.find_terms("the men", "en") == []  # too short to be a "-man" plural


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("The commanders of the two battalions met.", "commanders of the two battalions"),
        ("the commander of the battalion said", "commander of the battalion"),
        ("The battalion commanders met", "battalion commanders"),
        ("the commander of a unit", None),
    ],
)
def test_a_compound_rendered_with_of_counts_on_the_target_side(text: str, surface) -> None:
    entry = GlossaryEntry({"en": ("battalion commander",), "ar": ("قائد الكتيبة",)})
    glossary = Glossary([entry])
    found = [m.surface for m in glossary.find_forms(text, entry, "en")]
    assert found == ([surface] if surface else [])
    if surface and " of " in surface:
        assert glossary.find_terms(text, "en") == []  # a source is read as written
