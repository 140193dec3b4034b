"""Publishing conventions of a target locale, from babel's CLDR data: digits, dates, numbers.

A project's ``[locale]`` table names the CLDR locale of each target language
(``ar = "ar-QA"``) and how its outlet writes numbers and dates: digits
(``latin`` 2024, ``arabic`` ٢٠٢٤, or the locale's own), month names (the
locale's, or ``dual`` «تموز/يوليو»: the Levantine name, then the Egyptian one,
both from CLDR), the date pattern width (``long``: the locale's day-month-year
order) and the decimal and thousands separators of the chosen digits.

:func:`apply_conventions` rewrites the numbers and dates of a machine
translation in that style: ISO dates (``2024-07-30``, a dateline) and dates
written with any month name babel knows for the language, in either order;
grouped and decimal numbers get the target's separators; every digit the
target's digits. Inline tags (``<1>``), URLs, code spans and placeholders are
left alone. No month table is written here: every name comes from babel.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, get_date_format, tokenize_pattern, untokenize_pattern
from babel.localedata import locale_identifiers
from babel.numbers import get_decimal_symbol, get_group_symbol

from l10nflow.languages import PROFILES, class_body

DIGITS = ("locale", "latin", "arabic")
MONTHS = ("locale", "dual")
DATE_FORMATS = ("long", "medium", "short", "full")
DUAL_DEFAULT = ("ar-SY", "ar-EG")  # «أيار/مايو»: the Levantine (Syriac) name, then the Egyptian
_NUMBERING = {"latin": "latn", "arabic": "arab"}
# CLDR numbering systems to the Unicode name of their digits (babel has symbols, not digits).
_DIGIT_NAMES = {
    "latn": "DIGIT",
    "arab": "ARABIC-INDIC DIGIT",
    "arabext": "EXTENDED ARABIC-INDIC DIGIT",
}
OPTIONS = ("digits", "months", "dual", "date_format")


@dataclass(frozen=True)
class LocaleSettings:
    """How one target language is published (a ``[locale]`` entry)."""

    locale: str  # a CLDR locale, BCP 47 style: "ar-QA", "ar-EG", "en-GB"
    digits: str = "locale"  # "latin", "arabic", or the locale's default numbering system
    months: str = "locale"  # "dual": «تموز/يوليو» from the two locales of `dual`
    dual: tuple[str, str] = DUAL_DEFAULT
    date_format: str = "long"  # CLDR date format width; its pattern gives the order


ErrorFactory = Callable[[str, str], Exception]


def parse_locale_table(table: object, error: ErrorFactory) -> dict[str, LocaleSettings]:
    """Validate a ``[locale]`` table; ``error(key, message)`` builds the exception to raise.

    Accepted: ``ar = "ar-QA"`` with options for every target beside it (``digits``,
    ``months``, ``dual``, ``date_format``), or ``[locale.ar]`` / ``ar = {locale = "ar-SY",
    months = "dual"}`` with options of that target alone (they override the shared ones).
    """
    if not isinstance(table, dict):
        raise error("locale", "[locale] must be a table")
    shared = {k: v for k, v in table.items() if k in OPTIONS}
    _check_options(shared, "locale", error)
    result: dict[str, LocaleSettings] = {}
    for language, value in table.items():
        if language in OPTIONS:
            continue
        where = f"locale.{language}"
        if not re.fullmatch(r"[a-z]{2,3}", language):
            raise error(where, f"unknown key '{where}' (a language code such as ar, or an option)")
        own: dict[str, object] = {}
        if isinstance(value, str):
            name = value
        elif isinstance(value, dict):
            own = dict(value)
            name = own.pop("locale", language)
            for key in own:
                if key not in OPTIONS:
                    raise error(f"{where}.{key}", f"unknown key '{where}.{key}'")
            _check_options(own, where, error)
        else:
            raise error(where, f"'{where}' must be a locale such as \"{language}-QA\" or a table")
        _check_locale(name, where, error, language)
        options = {**shared, **own}
        if "dual" in options:
            options["dual"] = tuple(options["dual"])  # type: ignore[arg-type]
        result[language] = LocaleSettings(str(name), **options)  # type: ignore[arg-type]
    return result


def _check_options(options: Mapping[str, object], where: str, error: ErrorFactory) -> None:
    choices = {"digits": DIGITS, "months": MONTHS, "date_format": DATE_FORMATS}
    for key, value in options.items():
        if key == "dual":
            if (
                not isinstance(value, list)
                or len(value) != 2
                or not all(isinstance(v, str) for v in value)
            ):
                raise error(
                    f"{where}.dual",
                    f"'{where}.dual' must be two locales, e.g. {list(DUAL_DEFAULT)}",
                )
            for name in value:
                _check_locale(name, f"{where}.dual", error)
        elif value not in choices[key]:
            raise error(
                f"{where}.{key}",
                f"'{where}.{key}' must be one of {', '.join(choices[key])} (got {value!r})",
            )


def _check_locale(name: object, where: str, error: ErrorFactory, language: str = "") -> None:
    try:
        parsed = _locale(str(name)) if isinstance(name, str) else None
    except (UnknownLocaleError, ValueError):
        parsed = None
    if parsed is None:
        raise error(where, f"'{where}': {name!r} is not a locale babel knows (e.g. ar-QA)")
    if language and parsed.language != language:
        raise error(where, f"'{where}': locale {name!r} is not a locale of '{language}'")


@lru_cache(maxsize=64)
def _locale(name: str) -> Locale:
    return Locale.parse(name.replace("-", "_"))


class Conventions:
    """Formatting of dates and numbers for one :class:`LocaleSettings`, from babel's data."""

    def __init__(self, settings: LocaleSettings):
        self.settings = settings
        self.locale = _locale(settings.locale)
        if settings.digits == "locale":
            self.numbering = self.locale.default_numbering_system
        else:
            self.numbering = _NUMBERING[settings.digits]
        self.digits = _digits(self.numbering)
        self.decimal = get_decimal_symbol(self.locale, numbering_system=self.numbering)
        self.group = get_group_symbol(self.locale, numbering_system=self.numbering)
        symbols = self.locale.number_symbols.get(self.numbering, {})
        # CLDR's sign carries bidi marks (U+200E, U+061C); the text keeps only the sign itself.
        self.percent = "".join(
            c for c in symbols.get("percentSign", "%") if unicodedata.category(c) != "Cf"
        )

    def month_names(self) -> list[str]:
        """The twelve wide month names the target writes (``dual``: «تموز/يوليو»)."""
        if self.settings.months == "dual":
            first, second = (_months(_locale(name)) for name in self.settings.dual)
            return [a if a == b else f"{a}/{b}" for a, b in zip(first, second, strict=True)]
        return _months(self.locale)

    def format_date(self, date: datetime.date) -> str:
        """``date`` in the locale's order, with the target's month names and digits."""
        pattern = get_date_format(self.settings.date_format, locale=self.locale).pattern
        if self.settings.months == "dual":
            name = self.month_names()[date.month - 1]
            tokens = [
                ("chars", name) if token == ("field", ("M", 4)) else token
                for token in tokenize_pattern(pattern)
            ]
            pattern = untokenize_pattern(tokens)
        return self.to_digits(format_date(date, pattern, locale=self.locale))

    def format_number(self, text: str) -> str:
        """A number as written in English or Arabic (``1,234.5``, ``١٬٢٣٤٫٥``) in target style.

        Grouping is kept as found (a year stays ``2024``); only separators and digits change.
        """
        out = []
        for char in text:
            if char in _THOUSANDS:
                out.append(self.group)
            elif char in _DECIMALS:
                out.append(self.decimal)
            else:
                out.append(char)
        return self.to_digits("".join(out))

    def format_percent(self, number: str) -> str:
        """``number`` followed by a percent sign, with the target's sign (Arabic digits: ٪)."""
        return self.format_number(number) + self.percent

    def to_digits(self, text: str) -> str:
        """Every decimal digit of ``text`` (any script) in the target's digits."""
        return "".join(self.digits[unicodedata.decimal(c)] if c.isdecimal() else c for c in text)


def _digits(numbering: str) -> str:
    """The ten digits of a CLDR numbering system, by their Unicode names (latn, arab, arabext)."""
    prefix = _DIGIT_NAMES.get(numbering, "DIGIT")
    return "".join(
        unicodedata.lookup(f"{prefix} {unicodedata.name(str(i)).split()[-1]}") for i in range(10)
    )


def _months(locale: Locale) -> list[str]:
    wide = locale.months["format"]["wide"]
    return [wide[month] for month in range(1, 13)]


@lru_cache(maxsize=8)
def _known_months(language: str) -> dict[str, int]:
    """Every wide and abbreviated month name babel holds for ``language``, to its number."""
    names: dict[str, int] = {}
    for identifier in locale_identifiers():
        if identifier.split("_")[0] != language:
            continue
        months = Locale.parse(identifier).months
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in months.get(context, {}).get(width, {}).items():
                    if not name.isdigit() and len(name) > 1:
                        names.setdefault(name.rstrip(".").lower(), number)
    return names


_PROTECTED = (
    r"<[^<>\n]*>"  # inline tags <1>, </1>, <2/> and real markup
    r"|(?:https?|ftp)://\S+|www\.\S+"  # URLs
    r"|\]\([^)\s]*\)"  # a Markdown link's target
    r"|`[^`\n]*`"  # code spans
    r"|\{[^{}\s]*\}|%\(\w+\)[sdif]|%[sdif]"  # placeholders
)
# The separators a number is read with: every profile's (English 1,234.5, Arabic ١٬٢٣٤٫٥).
_THOUSANDS = "".join(dict.fromkeys(p.thousands_separator for p in PROFILES.values()))
_DECIMALS = "".join(dict.fromkeys(p.decimal_separator for p in PROFILES.values()))
_GROUP, _POINT = f"[{class_body(_THOUSANDS)}]", f"[{class_body(_DECIMALS)}]"
_SEPARATORS = class_body(_DECIMALS + _THOUSANDS)
_NUMBER = rf"\d{{1,3}}(?:{_GROUP}\d{{3}})+(?:{_POINT}\d+)?|\d+{_POINT}\d+|\d+"


@lru_cache(maxsize=8)
def _pattern(language: str) -> re.Pattern[str]:
    months = sorted(_known_months(language), key=len, reverse=True)
    month = "|".join(re.escape(m) for m in months)
    named = rf"(?:{month})(?:\.)?(?:\s*/\s*(?:{month}))?"
    return re.compile(
        rf"(?P<protected>{_PROTECTED})"
        rf"|(?<![\d\w-])(?P<iy>\d{{4}})-(?P<im>\d{{2}})-(?P<id>\d{{2}})(?![\d\w]|-\d)"
        rf"|(?<![\d{_SEPARATORS}])(?P<dd>\d{{1,2}})\s+(?P<dm>{named})\s*,?\s+(?P<dy>\d{{4}})(?!\d)"
        rf"|(?<!\w)(?P<mm>{named})\s+(?P<md>\d{{1,2}}),?\s+(?P<my>\d{{4}})(?!\d)"
        rf"|(?<![\d{_SEPARATORS}])(?P<number>{_NUMBER})(?P<percent>[%٪])?(?![\d]|[{_SEPARATORS}]\d)",
        re.IGNORECASE,
    )


def apply_conventions(text: str, language: str, locales: Mapping[str, LocaleSettings]) -> str:
    """``text`` (in ``language``) with its dates and numbers in the style ``locales`` sets.

    Unchanged when ``locales`` says nothing about ``language``.
    """
    settings = locales.get(language)
    if settings is None:
        return text
    return localise(text, settings)


def localise(text: str, settings: LocaleSettings) -> str:
    """Dates and numbers of ``text`` rewritten in the conventions of ``settings``."""
    conventions = _conventions(settings)
    language = conventions.locale.language
    known = _known_months(language)

    def replace(match: re.Match[str]) -> str:
        groups = match.groupdict()
        if groups["protected"] is not None:
            return match.group(0)
        if groups["percent"] is not None:
            return conventions.format_percent(groups["number"])
        if groups["number"] is not None:
            return conventions.format_number(groups["number"])
        if groups["iy"] is not None:
            parts = (groups["iy"], groups["im"], groups["id"])
        elif groups["dd"] is not None:
            parts = (groups["dy"], _month_number(groups["dm"], known), groups["dd"])
        else:
            parts = (groups["my"], _month_number(groups["mm"], known), groups["md"])
        try:
            date = datetime.date(*(int(p) for p in parts))
        except (TypeError, ValueError):  # 2024-13-45: not a date; its digits still convert
            return conventions.to_digits(match.group(0))
        return conventions.format_date(date)

    return _pattern(language).sub(replace, text)


def _month_number(written: str, known: Mapping[str, int]) -> int | None:
    """The month of «تموز/يوليو», «يوليو» or «Jul.»; None when the two halves disagree."""
    numbers = {known.get(part.strip().rstrip(".").lower()) for part in written.split("/")}
    return numbers.pop() if len(numbers) == 1 else None


@lru_cache(maxsize=16)
def _conventions(settings: LocaleSettings) -> Conventions:
    return Conventions(settings)
