"""Normalisation of Arabic and English text for matching, never for output.

This module owns the one definition of "the same text" that glossary matching,
checks and lookups share: Arabic spelling variants (tashkeel, tatweel, hamza on
alef, alef maqsura, ta marbuta, Persian/Urdu look-alike letters, Eastern digits)
and English casing and typography are folded away, and text is cut into word
tokens whose spans refer to the original string.

Arabic normalisation is done in two steps so that the glossary matcher can see
clitics before they are folded: :func:`arabic_base` keeps ``ة`` and ``ى``
(a real final ``ه`` may be an enclitic pronoun, a ``ة`` never is);
:func:`arabic_fold` then maps ``ة → ه`` and ``ى → ي``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache, partial
from itertools import accumulate
from typing import NamedTuple

from l10nflow.languages import DIGIT_FOLDS, PROFILES, class_body, primary

__all__ = [
    "Token",
    "TokenColumns",
    "arabic_base",
    "arabic_fold",
    "is_arabic_lang",
    "normalize",
    "normalize_ar",
    "normalize_en",
    "primary_lang",
    "token_columns",
    "tokenize_for_matching",
]

_AR = PROFILES["ar"]
# Invisible format characters dropped in every language: soft hyphen, zero-width
# (non-)joiners, direction marks (LRM, RLM, ALM) and the BOM.
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u200e\u200f\u061c\ufeff"
# Native decimal and thousands separators -> ASCII (between digits).
_SEPARATOR_FOLDS = {
    native: latin
    for p in PROFILES.values()
    for native, latin in ((p.decimal_separator, "."), (p.thousands_separator, ","))
    if native != latin
}

# Built once from the Arabic profile: marks, tatweel and invisible characters dropped,
# letter variants folded, digits ASCII; then the final folds (ة → ه, ى → ي).
_ARABIC_BASE_TABLE = str.maketrans(
    {
        **dict.fromkeys(_AR.word_marks + _INVISIBLE),
        **_AR.letter_folds,
        **DIGIT_FOLDS,
    }
)
_ARABIC_FOLD_TABLE = str.maketrans(_AR.final_folds)

_APOSTROPHES = "\u2019\u2018\u02bc\u2032\u0060\u00b4"
_HYPHENS = "\u2010\u2011\u2012\u2013\u2212\ufe63\uff0d"
_ENGLISH_TABLE = str.maketrans(
    {
        **dict.fromkeys(_INVISIBLE),
        **dict.fromkeys(_APOSTROPHES, "'"),
        **dict.fromkeys(_HYPHENS, "-"),
        **DIGIT_FOLDS,
    }
)

# Native decimal and thousands separators, only between two digits.
_SEPARATORS = class_body("".join(_SEPARATOR_FOLDS))
_NUMBER_SEPARATORS = re.compile(rf"(?<=\d)([{_SEPARATORS}])(?=\d)")
_SPACES = re.compile(r"\s+")

# A word character: a letter, digit or "_" (``\w``), or a mark/format character that
# lives inside words (combining accents, each profile's marks and tatweel, soft hyphen,
# zero-width (non-)joiners). Apostrophes join letters ("force's"); "." "," and the native
# separators join digits ("1,000.5", "٣٫٥").
_IN_WORD = "".join(p.word_marks for p in PROFILES.values())
_WORD_CHARS = rf"[\w\u0300-\u036f{class_body(_IN_WORD)}\u00ad\u200c\u200d]"
_TOKEN = re.compile(
    rf"{_WORD_CHARS}+(?:(?:['\u2019\u02bc]|(?<=\d)[.,{_SEPARATORS}](?=\d)){_WORD_CHARS}+)*"
)


class Token(NamedTuple):
    """A word or number: its span in the original text, its text, its normalised form."""

    start: int
    end: int
    surface: str
    norm: str


primary_lang = primary  # the primary subtag of a language code: ``ar-EG`` → ``ar``


def is_arabic_lang(lang: str) -> bool:
    """Whether ``lang`` is normalised and matched with the Arabic rules."""
    return primary(lang) == "ar"


def _number_separators(text: str) -> str:
    for separator in _SEPARATOR_FOLDS:  # two: a plain loop beats any() and a regex search
        if separator in text:
            return _NUMBER_SEPARATORS.sub(lambda m: _SEPARATOR_FOLDS[m.group(1)], text)
    return text


def arabic_base(text: str) -> str:
    """Arabic normalisation except the final folds (keeps ``ة`` and ``ى`` apart from ``ه``/``ي``).

    NFKC (presentation forms and ligatures become letters), tashkeel, tatweel and
    invisible characters removed, hamza/wasla alefs → ``ا``, Persian/Urdu look-alikes
    → Arabic letters, Eastern digits → ASCII, Latin letters case-folded.
    """
    text = unicodedata.normalize("NFKC", text).translate(_ARABIC_BASE_TABLE)
    return _number_separators(text).casefold()


def arabic_fold(text: str) -> str:
    """The folds applied after :func:`arabic_base`: ``ة → ه`` and ``ى → ي``."""
    return text.translate(_ARABIC_FOLD_TABLE)


def normalize_ar(text: str) -> str:
    """Normalise Arabic text for matching (see the module docstring); spaces are collapsed."""
    return _SPACES.sub(" ", arabic_fold(arabic_base(text))).strip()


def normalize_en(text: str, *, casefold: bool = True) -> str:
    """Normalise English (or other Latin-script) text for matching.

    NFKC, typographic apostrophes → ``'``, typographic hyphens and dashes → ``-``,
    invisible characters removed, Eastern digits → ASCII, spaces collapsed, and
    (unless ``casefold=False``, used for case-sensitive entries) case-folded.
    """
    text = unicodedata.normalize("NFKC", text).translate(_ENGLISH_TABLE)
    if not unicodedata.is_normalized("NFKC", text):  # a removed joiner parted combining marks
        text = unicodedata.normalize("NFKC", text)
    text = _SPACES.sub(" ", _number_separators(text)).strip()
    return text.casefold() if casefold else text


def normalize(text: str, lang: str) -> str:
    """Normalise ``text`` with the rules of ``lang``: Arabic rules for ``ar``, else English."""
    return normalize_ar(text) if is_arabic_lang(lang) else normalize_en(text)


class _TokenNorms(dict):
    """Surface -> normalised token for one script's rules, filled on first use, bounded."""

    LIMIT = 200_000

    def __init__(self, arabic: bool):
        super().__init__()
        self.normalize = (lambda w: arabic_fold(arabic_base(w))) if arabic else normalize_en

    def __missing__(self, surface: str) -> str:
        if len(self) >= self.LIMIT:
            self.clear()
        norm = self[surface] = self.normalize(surface)
        return norm


_TOKEN_NORMS = {True: _TokenNorms(True), False: _TokenNorms(False)}
_TOKEN_SPLIT = re.compile(f"({_TOKEN.pattern})")  # split() keeps the tokens, gaps between
_make_token = partial(tuple.__new__, Token)  # Token(...) without a Python-level call


class TokenColumns(NamedTuple):
    """The tokens of a text as four parallel lists (what :class:`Token` holds, per field)."""

    starts: list[int]
    ends: list[int]
    surfaces: list[str]
    norms: list[str]


@lru_cache(maxsize=4096)
def token_columns(text: str, lang: str) -> TokenColumns:
    """:func:`tokenize_for_matching` as columns, without a tuple per token (cached, read-only).

    This runs for every text ``check`` reads, so it stays in C where it can: one
    regex split, span offsets from the part lengths, and word norms from a cache.
    """
    parts = _TOKEN_SPLIT.split(text)
    surfaces = parts[1::2]
    offsets = list(accumulate(map(len, parts), initial=0))
    norms = list(map(_TOKEN_NORMS[is_arabic_lang(lang)].__getitem__, surfaces))
    return TokenColumns(offsets[1:-1:2], offsets[2::2], surfaces, norms)


@lru_cache(maxsize=1024)
def tokenize_for_matching(text: str, lang: str) -> tuple[Token, ...]:
    """Cut ``text`` into word and number tokens; punctuation and spaces are not tokens.

    Spans refer to the original ``text`` (``text[t.start:t.end] == t.surface``);
    ``norm`` is the token normalised with the rules of ``lang``. Results are
    cached (the same text is often matched several times), so treat them as read-only.
    """
    return tuple(map(_make_token, zip(*token_columns(text, lang), strict=True)))
