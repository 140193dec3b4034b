"""The language profiles: what l10nflow knows about each language, in one place.

A :class:`Profile` holds a language's script (a character class and a letter test),
its writing direction, the target token a multi-target Marian model needs, its
native punctuation, digits and number separators, and what matching folds away:
the marks it strips, the letters it reads as one, the clitics it sees. The
segmenter, the glossary matcher, the normaliser (:mod:`l10nflow.textnorm`, which
builds its tables from these once), the engines, the checks and assembly ask here;
adding a language means one profile here plus its segmentation rules
(``segment/<code>.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Profile:
    """One language's facts."""

    code: str
    name: str
    script: str  # a regex character class of the script's characters
    direction: str = "ltr"  # "rtl" or "ltr"
    marian_token: str | None = None  # what a multi-target OPUS-MT model needs (">>ara<<")
    native_punctuation: dict[str, str] = field(default_factory=dict)  # Latin mark -> native
    digits: str = "0123456789"
    digit_variants: str = ""  # other digits the script writes, 0-9 (read as ASCII when matching)
    decimal_separator: str = "."
    thousands_separator: str = ","
    letters: str | None = None  # a regex character class of its letters; None: the script's
    # Matching (see l10nflow.textnorm): what is stripped, folded and seen as clitics.
    marks: str = ""  # combining marks dropped before matching (each character)
    tatweel: str = ""  # the elongation character, inside words, dropped before matching
    letter_folds: dict[str, str] = field(default_factory=dict)  # variant -> the letter read
    final_folds: dict[str, str] = field(default_factory=dict)  # folds made once clitics are seen
    article: str = ""  # the definite article written on a word (Arabic «ال»)
    conjunctions: tuple[str, ...] = ()  # proclitic conjunctions, outermost
    prepositions: tuple[str, ...] = ()  # proclitic prepositions, after a conjunction
    enclitics: tuple[str, ...] = ()  # enclitic pronouns, longest first
    contracting: tuple[str, ...] = ()  # prepositions that drop the article's first letter (لل)
    cased: bool = False  # the script has capitals (a term may start a sentence capitalised)

    @property
    def script_pattern(self) -> re.Pattern[str]:
        return _compiled(self.script)

    @property
    def script_ranges(self) -> str:
        """The script's character class without its brackets, to join into a larger class."""
        return self.script[1:-1]

    @property
    def letter_pattern(self) -> re.Pattern[str]:
        """One letter of the language's script."""
        return _compiled(self.letters or self.script)

    @property
    def word_marks(self) -> str:
        """What is written inside words and ignored when matching: the marks and tatweel."""
        return self.marks + self.tatweel

    @property
    def all_digits(self) -> str:
        """Every digit the script writes, in runs of ten (0-9)."""
        return self.digits + self.digit_variants

    @property
    def rtl(self) -> bool:
        return self.direction == "rtl"

    def proclitic_variants(self, form: str) -> list[str]:
        """Other ways ``form`` stands in running text: with a conjunction, a preposition or
        both written on its first word (before the article, a contracting preposition takes
        the article's place: ل + الحرس → للحرس)."""
        if not form or not (self.conjunctions or self.prepositions):
            return []
        plain = [p for p in self.prepositions if p not in self.contracting]
        variants = [c + form for c in (*self.conjunctions, *plain)]
        variants += [c + p + form for p in plain for c in self.conjunctions]
        definite = bool(self.article) and form.startswith(self.article)
        for preposition in self.contracting:
            rest = form[1:] if definite else form
            variants += [c + preposition + rest for c in ("", *self.conjunctions)]
        return variants

    def without_article(self, word: str, min_stem: int = 3) -> str:
        """``word`` without a leading article when ``min_stem`` characters or more are left."""
        article = self.article
        if article and word.startswith(article) and len(word) - len(article) >= min_stem:
            return word[len(article) :]
        return word


_PATTERNS: dict[str, re.Pattern[str]] = {}


def _compiled(character_class: str) -> re.Pattern[str]:
    pattern = _PATTERNS.get(character_class)
    if pattern is None:
        pattern = _PATTERNS[character_class] = re.compile(character_class)
    return pattern


def class_body(chars: str) -> str:
    """``chars`` escaped for a regex character class: ``f"[{class_body(marks)}]"``."""
    return "".join("\\" + c if c in "\\]^-[" else c for c in chars)


def _span(first: str, last: str) -> str:
    return "".join(map(chr, range(ord(first), ord(last) + 1)))


# The Arabic script: the Arabic block, Supplement, Extended-A/B, presentation forms.
ARABIC_SCRIPT = "[\u0600-\u06ff\u0750-\u077f\u0870-\u08ff\ufb50-\ufdff\ufe70-\ufeff]"
# Its letters: the Arabic block's (with the dagger alef), Supplement's, Extended-A's.
ARABIC_LETTERS = "[\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff\u0750-\u077f\u08a0-\u08ff]"
# Combining marks: Quranic signs and honorifics, harakat, tanwin, shadda, sukun, hamza
# marks, the dagger (superscript) alef, and the small high Quranic annotation marks.
ARABIC_MARKS = (
    _span("\u0610", "\u061a")
    + _span("\u064b", "\u065f")
    + "\u0670"
    + _span("\u06d6", "\u06dc")
    + _span("\u06df", "\u06e8")
    + _span("\u06ea", "\u06ed")
)
LATIN_SCRIPT = "[A-Za-z\u00c0-\u024f\u1e00-\u1eff\u2c60-\u2c7f\ua720-\ua7ff\uff21-\uff5a]"

PROFILES: dict[str, Profile] = {
    "ar": Profile(
        code="ar",
        name="Arabic",
        script=ARABIC_SCRIPT,
        direction="rtl",
        marian_token=">>ara<<",
        native_punctuation={",": "،", ";": "؛", "?": "؟"},
        digits="٠١٢٣٤٥٦٧٨٩",
        digit_variants="۰۱۲۳۴۵۶۷۸۹",  # Extended Arabic-Indic (Persian, Urdu)
        decimal_separator="٫",
        thousands_separator="٬",
        letters=ARABIC_LETTERS,
        marks=ARABIC_MARKS,
        tatweel="\u0640",
        letter_folds={
            **dict.fromkeys("أإآٱٲٳ", "ا"),  # hamza, madda and wasla on alef
            "ک": "ك",  # Persian keheh
            "ی": "ي",  # Persian/Urdu yeh
            "ې": "ي",
            "ہ": "ه",  # Urdu heh goal
            "ە": "ه",  # Kurdish ae
            "ۀ": "ه",
            "ۃ": "ة",  # Urdu ta marbuta goal
        },
        final_folds={"ة": "ه", "ى": "ي"},  # ta marbuta, alef maqsura
        article="ال",
        conjunctions=("و", "ف"),
        prepositions=("ب", "ك", "ل"),
        contracting=("ل",),
        enclitics=("هما", "هم", "هن", "ها", "كم", "كن", "نا", "ه", "ي"),
    ),
    "en": Profile(code="en", name="English", script=LATIN_SCRIPT, cased=True),
}
LANGUAGES: tuple[str, ...] = tuple(PROFILES)
# Every non-ASCII digit a profile writes -> its ASCII digit (numbers compare and match as ASCII).
DIGIT_FOLDS: dict[str, str] = {
    digit: str(i % 10)
    for p in PROFILES.values()
    for i, digit in enumerate(p.all_digits)
    if not digit.isascii()
}
# Other right-to-left languages a catalog or page may name (for dir="rtl").
_RTL_OTHERS = frozenset({"fa", "he", "ur", "ps", "yi", "dv"})


# What a text with no letter of any profile's script is taken to be written in.
NEUTRAL = "en"


def script_counts(text: str) -> dict[str, int]:
    """How many characters of ``text`` are in each profile's script (by language code)."""
    return {code: len(p.script_pattern.findall(text)) for code, p in PROFILES.items()}


def script_language(text: str) -> str | None:
    """The language whose script most characters of ``text`` are in; None when none is."""
    counts = script_counts(text)
    best = max(counts, key=counts.__getitem__)
    return best if counts[best] else None


def other_languages(code: str) -> tuple[str, ...]:
    """The languages l10nflow knows besides ``code`` (what a text may be translated into)."""
    return tuple(c for c in LANGUAGES if c != primary(code))


def primary(code: str) -> str:
    """The primary subtag of a language code, lower-cased: ``ar-EG`` → ``ar``."""
    return code.replace("_", "-").split("-", 1)[0].lower()


def profile(code: str) -> Profile | None:
    """The profile of a language code (``ar``, ``ar-QA``, ``ar_EG``), or None."""
    return PROFILES.get(primary(code))


def direction(code: str) -> str:
    """``rtl`` or ``ltr`` for a language code."""
    known = profile(code)
    if known is not None:
        return known.direction
    return "rtl" if primary(code) in _RTL_OTHERS else "ltr"


def name(code: str) -> str:
    """The English name of a language l10nflow knows (else the code itself)."""
    known = profile(code)
    return known.name if known is not None else code
