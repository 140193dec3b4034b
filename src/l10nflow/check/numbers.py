"""The ``numbers`` check: the numeric values of source and translation are the same multiset.

Digits of any script count (ASCII, Arabic-Indic ``٠-٩``, Persian ``۰-۹``).
Separators of both scripts are understood: ``٬`` always groups thousands and
``٫`` is a decimal point; ``,`` groups thousands only in the ``1,234,567``
pattern (else it separates two numbers); a single ``.`` between digits is a
decimal point. So ``12,500`` = ``١٢٬٥٠٠`` = ``12500`` and ``3.5`` = ``٣٫٥``.
Values compare numerically (``07`` = ``7``).

Numbers are often written as words: a value that one side lacks is accepted
when the other side spells it as a cardinal or an ordinal, in English or
Arabic (``3`` ~ ``three`` ~ ``ثلاثة``; ``4th`` ~ ``fourth`` ~ ``الرابع``/``الرابعة``;
0–20, the tens, hundred, thousand), and an Arabic translation may leave out
1 and 2, which Arabic says with the singular and the dual (``2 years`` ~ ``عامين``),
and a translation of Arabic may spell them out (``جنديان`` ~ ``2 soldiers``).

Inline tags and placeholders are not numbers: ``<1>…</1>``, ``<2/>``, ``{0}``,
``%1$s`` are removed before the digits are read.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal

from l10nflow.check.findings import Finding
from l10nflow.check.model import Family, Unit
from l10nflow.languages import DIGIT_FOLDS, PROFILES, class_body
from l10nflow.textnorm import is_arabic_lang, tokenize_for_matching

_AR = PROFILES["ar"]
_DIGIT = f"[0-9{class_body(''.join(DIGIT_FOLDS))}]"
_SEPARATOR = f"[.,{class_body(_AR.decimal_separator + _AR.thousands_separator)}]"
_NUMBER = re.compile(f"{_DIGIT}+(?:{_SEPARATOR}{_DIGIT}+)*")
_TO_ASCII = str.maketrans(DIGIT_FOLDS)
_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")

_NOT_NUMBERS = re.compile(r"</?[1-9][0-9]{0,3}/?>|\{[0-9]+\}|%[0-9]+\$")
_EN_CARDINALS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
]
_EN_ORDINALS = [
    "zeroth",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
]
_EN_TENS = ["thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_EN_WORDS: dict[str, int] = (
    {w: i for i, w in enumerate(_EN_CARDINALS)}
    | {w: i for i, w in enumerate(_EN_ORDINALS)}
    | {w: 30 + 10 * i for i, w in enumerate(_EN_TENS)}
    | {w[:-1] + "ieth": 30 + 10 * i for i, w in enumerate(_EN_TENS)}
    | {"hundred": 100, "hundredth": 100, "thousand": 1000, "thousandth": 1000}
)
# Normalised (alef, ta marbuta and alef maqsura folded) cardinals and ordinals, both
# genders; a value's place in the list is the value.
_AR_WORDS = [
    ("صفر",),
    ("واحد", "واحده", "احد", "احدي", "اول", "اولي"),
    (
        "اثنان",
        "اثنين",
        "اثنتان",
        "اثنتين",
        "ثنتان",
        "ثنتين",
        "ثاني",
        "ثانيه",
        "ثان",
        "اثنا",
        "اثني",
        "اثنتا",
        "اثنتي",
    ),
    ("ثلاث", "ثلاثه", "ثالث", "ثالثه"),
    ("اربع", "اربعه", "رابع", "رابعه"),
    ("خمس", "خمسه", "خامس", "خامسه"),
    ("ست", "سته", "سادس", "سادسه"),
    ("سبع", "سبعه", "سابع", "سابعه"),
    ("ثمان", "ثماني", "ثمانيه", "ثامن", "ثامنه"),
    ("تسع", "تسعه", "تاسع", "تاسعه"),
    ("عشر", "عشره", "عاشر", "عاشره"),
]
_AR_TENS = ("عشر", "ثلاث", "اربع", "خمس", "ست", "سبع", "ثمان", "تسع")  # + ون/ين: 20…90
_AR_LARGE = {"مئه": 100, "مائه": 100, "الف": 1000}
_AR_TEEN = frozenset({"عشر", "عشره"})  # «ثلاثة عشر», «الحادي عشر»: 11-19
_ORDINAL_DIGITS = re.compile(r"([0-9]+)(?:st|nd|rd|th)\b", re.IGNORECASE)
_WORD_VALUES: dict[str, Decimal] = (
    {w: Decimal(v) for w, v in _EN_WORDS.items()}
    | {w: Decimal(i) for i, forms in enumerate(_AR_WORDS) for w in forms}
    | {
        stem + ending: Decimal(20 + 10 * i)
        for i, stem in enumerate(_AR_TENS)
        for ending in ("ون", "ين")
    }
    | {w: Decimal(v) for w, v in _AR_LARGE.items()}
)
_AR_PREFIXES = ("", "و", "ف", "ب", "ل", "ال", "وال", "بال", "فال", "لل", "ولل")
_IMPLIED_IN_ARABIC = frozenset({Decimal(1), Decimal(2)})


def number_values(text: str) -> Counter[Decimal]:
    """The multiset of numeric values written with digits in ``text``."""
    values: Counter[Decimal] = Counter()
    if "<" in text or "{" in text or "%" in text:
        text = _NOT_NUMBERS.sub(" ", text)
    for match in _NUMBER.finditer(text):
        for literal in _split(match.group().translate(_TO_ASCII)):
            values[Decimal(literal)] += 1
    return values


def _literals(text: str) -> list[str]:
    """Number literals with ASCII digits, sorted: equal lists mean equal values."""
    if "<" in text or "{" in text or "%" in text:
        text = _NOT_NUMBERS.sub(" ", text)
    return sorted(m.translate(_TO_ASCII) for m in _NUMBER.findall(text))


def _split(literal: str) -> list[str]:
    """One number literal (ASCII digits, any separators) as plain decimal literals."""
    literal = literal.replace(_AR.thousands_separator, "").replace(_AR.decimal_separator, ".")
    if _GROUPED.fullmatch(literal):
        return [literal.replace(",", "")]
    parts: list[str] = []
    for chunk in literal.split(","):
        pieces = chunk.split(".")
        parts.extend([chunk] if len(pieces) == 2 else pieces)
    return [p for p in parts if p]


def spelled_values(text: str, lang: str) -> set[Decimal]:
    """Values spelled out as cardinal or ordinal words in ``text`` (English, or Arabic with
    proclitics and the article; Arabic 11-19 as two words, «اثني عشر»)."""
    found: set[Decimal] = set()
    arabic = is_arabic_lang(lang)
    heads = _AR_PREFIXES if arabic else ("",)
    words = [_word_value(token.norm, heads) for token in tokenize_for_matching(text, lang)]
    norms = [token.norm for token in tokenize_for_matching(text, lang)]
    for index, value in enumerate(words):
        if value is None:
            continue
        found.add(value)
        following = norms[index + 1] if index + 1 < len(norms) else ""
        if arabic and 1 <= value <= 9 and following in _AR_TEEN:
            found.add(value + 10)
    if arabic and any(w in ("حادي", "الحادي") for w in norms):
        found.add(Decimal(11))
    return found


def _word_value(word: str, heads: tuple[str, ...]) -> Decimal | None:
    for head in heads:
        value = _WORD_VALUES.get(word[len(head) :]) if word.startswith(head) else None
        if value is not None:
            return value
    return None


def _show(values: Counter[Decimal]) -> str:
    return ", ".join(format(v.normalize(), "f") for v in sorted(values.elements()))


class NumbersFamily(Family):
    """``numbers``: values missing from, or added to, the translation."""

    codes = frozenset({"numbers"})

    def unit(self, unit: Unit) -> Iterator[Finding]:
        if _literals(unit.source) == _literals(unit.target):
            return  # the same digits written the same way (the usual case): nothing to parse
        source, target = number_values(unit.source), number_values(unit.target)
        if source == target:
            return
        catalog = unit.catalog
        missing, extra = source - target, target - source
        missing = self._unexplained(missing, unit.target, catalog.target_lang)
        extra = self._unexplained(extra, unit.source, catalog.source_lang)
        if is_arabic_lang(catalog.target_lang):
            ordinals = {Decimal(m) for m in _ORDINAL_DIGITS.findall(unit.source)}
            implied = _IMPLIED_IN_ARABIC - ordinals  # "2nd" is no dual
            missing = Counter({v: n for v, n in missing.items() if v not in implied})
        if is_arabic_lang(catalog.source_lang):
            extra = Counter({v: n for v, n in extra.items() if v not in _IMPLIED_IN_ARABIC})
        parts = []
        if missing:
            parts.append(f"missing in the translation: {_show(missing)}")
        if extra:
            parts.append(f"not in the source: {_show(extra)}")
        if parts:
            yield unit.finding("numbers", "; ".join(parts))

    @staticmethod
    def _unexplained(values: Counter[Decimal], other: str, lang: str) -> Counter[Decimal]:
        """``values`` minus those the other side spells out in words."""
        if not values:
            return values
        spelled = spelled_values(other, lang)
        return Counter({v: n for v, n in values.items() if v not in spelled})
