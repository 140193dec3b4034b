"""Lines that are units: where a line break inside a block starts a new segment.

A line break is whitespace inside a hard-wrapped sentence, but a headline, a dateline, a
byline or a photo credit on its own line is not part of the sentence on the next line.
After a line that ends without sentence punctuation (the sentence rules decide the others)
and without a comma, colon, dash or a word that cannot end a phrase ("of", "في"), and when
the next line does not open with a word that cannot open a sentence ("التي", "عن"), the
next line starts a new segment when:

1. the line is a credit: it closes with a ``[...]`` group, or with a ``(...)`` group that
   opens the line, follows a sentence end or holds a credit word ("(U.S. Army photo by
   …)", "(صورة: …)"), or it is a short line opening with a credit word ("Photo by …",
   "بقلم: …");
2. the line or the next one is a dateline ("DOHA, July 30, 2024", "الدوحة في 14 مايو
   /قنا/", "2024-07-30", "ABU DHABI (WAM)", "الكويت - كونا"), or the next one is a byline
   ("By Staff Sgt. …", "بقلم: …");
3. the line is not *full*: the next line's first word would have fitted on it, since the
   next line is at least as long as this one plus that word. A text wrapped at a width
   fills each line before breaking, so a short headline above a long lede is a unit while
   the lines of a wrapped paragraph are not.

In a cased language a next line starting with a lowercase letter always continues the
sentence. Every line is looked at a bounded number of times: the scan is linear.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from l10nflow.segment.lexicon import sections, word_key

MAX_LABEL = 80  # longest line that can be a byline or a dateline
MAX_GROUP = 300  # longest (...) or [...] credit
_BREAKS = "\r\n\v\f\x1c-\x1e\x85\u2028\u2029"
_LINE = re.compile(f"[^{_BREAKS}]+")
_TERMINAL = re.compile(r"[.!?؟…۔][\"'”’»)\]}\u200e\u200f]*\Z")
_CONTINUES = re.compile(r"[,،;؛:\-–—/&+]\Z")
_LAST_WORD = re.compile(r"[^\W\d_]+\Z")
_FIRST_WORD = re.compile(r"\S+")
_OPENING = re.compile(r"([^\W\d_]+)(\s+[^\W\d_]+)?")
_DATELINE_MARK = re.compile(r"[\d(/\-–—]")
_TERMINATOR_BEFORE = re.compile(r"[.!?؟…۔][\"'”’»)\]]*\s*\Z")


@dataclass(frozen=True)
class LineWords:
    """The lists of ``data/lines.txt``, as keys, and the dateline pattern built from them."""

    credit_starts: frozenset[str]
    credit_by: frozenset[str]
    credit_words: frozenset[str]
    continuation_ends: frozenset[str]
    continuation_starts: frozenset[str]
    calendar: frozenset[str]  # month, weekday and time-zone names
    dateline: re.Pattern[str]


@cache
def line_words() -> LineWords:
    """The packaged lists (read once)."""
    names = (
        "months",
        "weekdays",
        "time-zones",
        "credit-starts",
        "credit-by",
        "credit-words",
        "continuation-ends",
        "continuation-starts",
    )
    data = sections("lines.txt", names)
    keys = {name: frozenset(word_key(entry) for entry in data[name]) for name in names}
    return LineWords(
        keys["credit-starts"],
        keys["credit-by"],
        keys["credit-words"],
        keys["continuation-ends"],
        keys["continuation-starts"],
        keys["months"] | keys["weekdays"] | keys["time-zones"],
        _dateline_pattern(data["months"], data["weekdays"]),
    )


def _alternation(words: tuple[str, ...]) -> str:
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(word).replace("\\ ", "\\s+") for word in ordered)


def _dateline_pattern(months: tuple[str, ...], weekdays: tuple[str, ...]) -> re.Pattern[str]:
    month = f"(?:{_alternation(months)})\\.?"
    name = r"[^\W\d_][^\d,،()/\n]{0,30}?"
    place = f"{name}(?:[,،]\\s*{name})?"  # "DOHA", "CHARLESTON, W.Va."
    joint = r"\s*(?:[,،\-–—]|\sفي)?\s*"
    weekday = f"(?:{_alternation(weekdays)})[,،]?\\s+"
    day_month = f"\\d{{1,2}}\\s+{month}(?:\\s*/\\s*{month})?(?:[,،]?\\s+\\d{{4}})?"
    month_day = f"{month}\\s+\\d{{1,2}}(?:[,،]?\\s+\\d{{4}})?"
    numeric = r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4}"
    agency = r"\s*(?:\([^()\n]{2,24}\)|/[^/\n]{2,16}/)"
    era = r"(?:\s*(?:م|هـ|ه)\.?)?"  # "2024م", "1446 هـ"
    clock = r"(?:\s*[|,،\-–—]?\s*\d{1,2}:\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?)?"  # "| 10:00 AM"
    dated = (
        f"(?:{place}{joint})?(?:{weekday})?(?:{day_month}|{month_day}|{numeric}){era}{clock}"
        f"(?:{agency})?\\s*[-–—]?"
    )
    credited = f"{place}(?:{agency}|\\s+[-–—]\\s+[^\\W\\d_][^\\s\\d]{{0,15}})"
    return re.compile(f"(?:{dated}|{credited})", re.IGNORECASE)


def line_cuts(text: str, cased: bool) -> list[int]:
    """Ends of the lines after which a new segment begins (rules of the module docstring)."""
    words = line_words()
    cuts = []
    previous: tuple[int, int] | None = None
    for match in _LINE.finditer(text):
        start, end = _stripped(text, *match.span())
        if start == end:
            continue
        if previous is not None and _unit_break(text, previous, (start, end), cased, words):
            cuts.append(previous[1])
        previous = (start, end)
    return cuts


def _stripped(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _unit_break(
    text: str, line: tuple[int, int], following: tuple[int, int], cased: bool, words: LineWords
) -> bool:
    """Whether the line break between ``line`` and ``following`` starts a new segment."""
    start, end = line
    first = text[following[0]]
    if cased and first.islower():
        return False
    tail = text[max(start, end - 8) : end]
    if _TERMINAL.search(tail):
        return False
    if _is_credit(text, start, end, words) or _is_dateline(text, line, words):
        return True
    if _CONTINUES.search(tail):
        return False
    last = _LAST_WORD.search(text, max(start, end - 32), end)
    if last and word_key(last.group()) in words.continuation_ends:
        return False
    if _is_dateline(text, following, words) or _is_byline(text, following, cased, words):
        return True
    next_word = _FIRST_WORD.match(text, following[0])
    if next_word and word_key(next_word.group()) in words.continuation_starts:
        return False
    width = end - start
    return bool(next_word) and following[1] - following[0] >= width + 1 + len(next_word.group())


def _is_credit(text: str, start: int, end: int, words: LineWords) -> bool:
    """A line closing with a credit group, or a short line opening with a credit word."""
    closer = text[end - 1]
    if closer in ")]":
        opener = text.rfind("(" if closer == ")" else "[", max(start, end - MAX_GROUP), end)
        if opener >= 0:
            if closer == "]" or opener == start:
                return True
            if _TERMINATOR_BEFORE.search(text, max(start, opener - 8), opener):
                return True
            if _has_word(text[opener + 1 : end - 1], words.credit_words):
                return True
    return end - start <= MAX_LABEL and _opens_with_credit(text[start:end], words)


def _opens_with_credit(line: str, words: LineWords) -> bool:
    """ "Courtesy photo", "صورة: …", "By Sgt. …", "Photo by …", "بقلم …"."""
    opening = _OPENING.match(line)
    if opening is None:
        return False
    phrases = [opening.group(), opening.group(1)] if opening.group(2) else [opening.group()]
    for phrase in phrases:  # the first two words, then the first one
        key = word_key(phrase)
        rest = line[len(phrase) :].lstrip()
        if key in words.credit_starts and (not rest or rest.startswith((":", "："))):
            return True
        if key in words.credit_by and rest:
            following = rest.lstrip(":： ")[:1]
            return following.isupper() or (following.isalpha() and not following.islower())
    return False


def _is_byline(text: str, line: tuple[int, int], cased: bool, words: LineWords) -> bool:
    """A short line opening with a credit word: "By Staff Sgt. …", "بقلم: …", "Photo: …".

    Without letter case to tell a name, the credit word must be followed by a colon.
    """
    start, end = line
    if end - start > MAX_LABEL:
        return False
    opening = _OPENING.match(text, start, end)
    if opening is None:
        return False
    colon = text[opening.end() : opening.end() + 1] in (":", "：")
    return (cased or colon) and _opens_with_credit(text[start:end], words)


def _has_word(text: str, keys: frozenset[str]) -> bool:
    return any(word_key(word) in keys for word in re.findall(r"[^\W\d_]+", text))


def _is_dateline(text: str, line: tuple[int, int], words: LineWords) -> bool:
    start, end = line
    if end - start > MAX_LABEL or not _DATELINE_MARK.search(text, start, end):
        return False  # every dateline has a digit, an agency in brackets or slashes, or a dash
    return words.dateline.fullmatch(text, start, end) is not None
