"""The shared sentence-boundary engine: one linear scan, language rules supplied as data.

A *candidate* is a run of terminators (``. ! ? ؟ … ۔``, or a spaced ellipsis ``. . .``) with
any closing quotes or brackets attached, followed by whitespace. Whether a candidate ends a
sentence is decided from bounded context only: the word before it (at most
:data:`MAX_TOKEN` characters), the word after it, and which quotation is open (quote marks
are counted once, from the segment's start). Each character is visited a bounded number of
times, so a 1 MB block costs what a 1 kB block costs a thousand times. The rules, in the
order they are applied:

1. A lowercase letter after the candidate continues the sentence ("He asked "why?" and left").
2. In a language without letter case (Arabic), a Latin-script quotation inside the sentence
   keeps its own full stops: no terminator inside ``شعار "Stronger. Together." خلال``
   ends the sentence, nor the one closing it, unless a colon introduced the quotation
   (``وقال: "We are ready." وأضاف`` is two sentences).
3. ``! ? ؟ ۔`` end a sentence.
4. An ellipsis (``…``, ``..``) ends a sentence when attached to a word, except inside a
   quotation (``"الطريق طويل... لكننا سنصل"``) and, in a language without letter case, when it
   closes one (``"... الطريق طويل..." لكنه``). One standing alone after whitespace or an
   opening bracket marks an omission and does not; a spaced ellipsis (``. . .``) never does.
5. A dot ends a sentence unless the word before it is an abbreviation:

   - an enumerator opening the segment ("1.", "IV.", "أ.") never ends one;
   - an ``after-number`` abbreviation that follows a number ("2018 م.") is *general*;
   - ``prefix`` abbreviations (titles, ranks: "Dr.", "Lt.", "د.") never end one;
   - ``number`` abbreviations never end one before a number ("No. 5"), elsewhere they are
     *general*;
   - a single Arabic letter is an initial or abbreviation ("جيمس ر. هاريسون"): never;
   - a single Latin letter ("J. R. Smith"), a dotted letter group ("U.S.", "ص.ب.") and a
     ``general`` abbreviation end one only when a sentence starter of the language follows
     ("in the U.S. The delegation" splits, "the U.S. Army" does not), and never when a
     closing bracket follows ("(U.S.) and");
   - a ``final`` abbreviation ("etc.", "Inc.", "a.m.", "إلخ.") ends one before any
     capitalised word that is not an abbreviation, a short acronym, a weekday, a month or a
     time zone
     ("Corp. Deliveries" splits, "Co. Ltd.", "Inc. CEO", "a.m. Monday" do not) and before
     a sentence starter of an uncased language ("إلخ. وأكد").

6. Credits: a ``[...]`` or ``(...)`` group that follows a sentence end and closes its line
   (the seed's "… 2018. [الحرس الوطني الجوي الأميركي]") is a segment of its own.
7. Inline enumerations (:mod:`~l10nflow.segment.enumeration`): after a colon, each item of a
   numbered sequence starts a segment ("…: ١- التدريب، ٢- التبادل").
8. Lines that are units (:mod:`~l10nflow.segment.lines`): after a headline, dateline,
   byline or credit line the next line starts a segment; otherwise a line break inside a
   block is whitespace like any other, so a hard-wrapped sentence stays one segment.
9. A piece without any letter or digit is not a segment: it joins the segment before it (or
   after it, at the start), so text of only punctuation is one span.

Closing quotes and brackets after a terminator belong to the sentence they close.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import Enum
from typing import NamedTuple

from l10nflow.languages import PROFILES, class_body
from l10nflow.segment.enumeration import after_colon, enumeration_cuts
from l10nflow.segment.lexicon import Abbreviations, word_key
from l10nflow.segment.lines import line_cuts, line_words

TERMINATORS = ".!?؟…۔"
STRONG = frozenset("!?؟۔")
# Invisible direction marks and zero-width space: they cling to the punctuation they follow.
_MARKS = "\u200b\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069"
CLOSERS = "\"'”’“‘»›)]}"
OPENERS = "\"'“‘”’«‹([{"
_BRACKET_CLOSERS = frozenset(")]}")
MAX_TOKEN = 64
MAX_CREDIT = 300
QUOTE_WINDOW = 400  # the longest Latin quotation inside Arabic text that keeps its stops

_SPACED_DOTS = r"(?:[ \u00a0\u202f]\.){2,}"  # the rest of a spaced ellipsis ". . ."
_CLUSTER_UNIT = f"[{re.escape(TERMINATORS)}]+(?:{_SPACED_DOTS})?[{re.escape(CLOSERS)}{_MARKS}]*"
# "UNIT(?:UNIT)*" rather than "(?:UNIT)+": starting with a plain character set lets the
# regex engine skip ahead to the next terminator, three times faster on Arabic text.
_CLUSTER = re.compile(f"{_CLUSTER_UNIT}(?:{_CLUSTER_UNIT})*")
_QUOTE_CLOSERS = frozenset("\"'”’»›")
_QUOTE_PAIRS = (("«", "»"), ("“", "”"), ("‹", "›"))
_SPACE = re.compile(r"\s*")
_OPEN = re.compile(f"[{re.escape(OPENERS)}{_MARKS}]{{0,8}}")
_WORD = re.compile(f"(?:[^\\W\\d_]|[{class_body(PROFILES['ar'].marks)}])+")  # letters, marks
_ALNUM = re.compile(r"[^\W_]")
_DOTTED = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")
_ENUMERATOR = re.compile(r"\d{1,3}|[^\W\d_]|(?=[ivxlc])c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})")
_ATTACHED_NUMBER = re.compile(r"\d+(\D.*)")
_ROMAN = re.compile(r"[IVXLCDM]+")
_BREAKS = r"\r\n\v\f\x1c-\x1e\x85\u2028\u2029"  # what str.splitlines() breaks at
_LINE_BREAK = re.compile(f"[{_BREAKS}]")
_LINE_END = re.compile(f"[^\\S{_BREAKS}]*(?:[{_BREAKS}]|\\Z)")
_ARABIC_LETTER = PROFILES["ar"].letter_pattern
_SPACES = frozenset(" \u00a0\u202f")  # inside a spaced ellipsis


@dataclass(frozen=True)
class LanguageRules:
    """What the engine needs to know about one language."""

    code: str
    abbreviations: Abbreviations
    is_starter: Callable[[str], bool]  # gets the next word's letters, as written
    cased: bool = True  # letter case tells a sentence start (English), or not (Arabic)


class _Kind(Enum):
    ORDINARY = "ordinary"  # a dot after it ends the sentence
    NEVER = "never"  # a dot after it never ends the sentence
    GENERAL = "general"  # a dot after it ends the sentence before a sentence starter
    FINAL = "final"  # a dot after it ends the sentence before a capitalised word or a starter


class _Quotes:
    """Which quotation is open at a point of the current segment.

    Quote marks are counted from the segment's start up to each point asked about, every
    character once: straight quotes ``"`` by parity, curly and angle quotes by depth.
    """

    __slots__ = ("curly", "depth", "scanned", "segment", "straight")

    def __init__(self) -> None:
        self.segment = -1  # the start of the segment counted so far

    def open_at(self, text: str, segment: int, at: int) -> int:
        """Where the quotation open at ``at`` opened (-1: none); ``segment`` starts the segment."""
        if segment != self.segment:
            self.segment = self.scanned = segment
            self.straight = -1  # where the open straight quotation opened
            self.curly = -1  # where the innermost open curly quotation opened
            self.depth = 0
        low = self.scanned
        if at > low:
            straight = text.count('"', low, at)
            if straight:  # open after them when open before and even, or closed before and odd
                if (self.straight >= 0) != bool(straight % 2):
                    self.straight = text.rfind('"', low, at)
                else:
                    self.straight = -1
            for opener, closer in _QUOTE_PAIRS:
                opened = text.count(opener, low, at)
                if opened or self.depth:
                    self.depth = max(0, self.depth + opened - text.count(closer, low, at))
                    if opened:
                        self.curly = max(self.curly, text.rfind(opener, low, at))
            self.scanned = at
        return max(self.straight, self.curly if self.depth else -1)


class _Candidate(NamedTuple):
    start: int  # first terminator
    end: int  # after the last terminator / closer
    following: int  # first non-space character after it
    seg_start: int  # where the current segment starts
    quotes: _Quotes  # which quotation is open (asked only by the rules that need it)


def split(text: str, rules: LanguageRules) -> list[tuple[int, int]]:
    """Sentence spans of ``text`` under ``rules`` (see the module docstring)."""
    return _merge_bare(text, _spans(text, _cuts(text, rules)))


def _cuts(text: str, rules: LanguageRules) -> Iterator[int]:
    """Positions where a segment ends, in order."""
    size = len(text)
    forced = _forced_cuts(text, rules) if ":" in text or "\n" in text or "\r" in text else ()
    unforced = len(forced)
    pending = 0
    seg_start = _SPACE.match(text).end()
    quotes: _Quotes | None = None  # made at the first candidate: most blocks have few
    resume = 0
    for match in _CLUSTER.finditer(text):
        start, end = match.span()
        if start < resume or (end < size and not text[end].isspace()):
            continue
        while pending < unforced and forced[pending] <= start:
            yield forced[pending]
            seg_start = _SPACE.match(text, forced[pending]).end()
            pending += 1
        following = _SPACE.match(text, end).end()
        if following == size:
            break
        if quotes is None:
            quotes = _Quotes()
        cand = _Candidate(start, end, following, seg_start, quotes)
        if not _ends_sentence(text, cand, rules):
            continue
        yield end
        seg_start = following
        credit = _credit_end(text, following)
        if credit is not None:
            yield credit
            seg_start = resume = _SPACE.match(text, credit).end()
    yield from forced[pending:]


def _forced_cuts(text: str, rules: LanguageRules) -> list[int]:
    """Segment ends that need no terminator: before enumeration items, lines that are units.

    Each is where the text before the next segment ends, whitespace excluded.
    """
    items = enumeration_cuts(text, need_terminator=rules.cased) if ":" in text else []
    lines = line_cuts(text, rules.cased) if "\n" in text or "\r" in text else []
    if not items or not lines:
        return items or lines
    return sorted({*items, *lines})


def _is_latin_letter(char: str) -> bool:
    return char <= "\u024f" and char.isalpha()


def _ends_sentence(text: str, cand: _Candidate, rules: LanguageRules) -> bool:
    """Rules 1-5 of the module docstring, for one candidate."""
    word_at = _OPEN.match(text, cand.following).end()
    if word_at < len(text) and text[word_at].islower():
        return False
    cluster = text[cand.start : cand.end]
    if not rules.cased and _is_latin_letter(text[cand.start - 1]):
        quoted = _latin_quotation_ends(text, cand, cluster)
        if quoted is not None:
            return quoted
    if not STRONG.isdisjoint(cluster):
        return True
    if "…" in cluster or ".." in cluster or not _SPACES.isdisjoint(cluster):
        return _ellipsis_ends(text, cand, cluster, rules)
    next_word = _next_word(text, word_at)
    kind = _classify(text, cand, next_word, rules)
    if kind is _Kind.GENERAL:
        closes_bracket = not _BRACKET_CLOSERS.isdisjoint(cluster)
        return not closes_bracket and bool(next_word) and rules.is_starter(next_word)
    if kind is _Kind.FINAL:
        return _final_ends(next_word, rules)
    return kind is _Kind.ORDINARY


def _ellipsis_ends(text: str, cand: _Candidate, cluster: str, rules: LanguageRules) -> bool:
    """Rule 4: an attached ellipsis ends a sentence, except around quotations."""
    if cand.start == cand.seg_start or not _SPACES.isdisjoint(cluster):
        return False  # opening the segment, or a spaced ellipsis ". . ."
    before = text[cand.start - 1]
    if before.isspace() or before in OPENERS:
        return False  # an omission
    next_word = _next_word(text, _OPEN.match(text, cand.following).end())
    if word_key(next_word) in rules.abbreviations.final:
        return False  # "والصور... إلخ.", "photos... etc."
    if _QUOTE_CLOSERS.isdisjoint(cluster):
        return cand.quotes.open_at(text, cand.seg_start, cand.start) < 0
    return rules.cased


def _latin_quotation_ends(text: str, cand: _Candidate, cluster: str) -> bool | None:
    """Rule 2: whether a terminator in a Latin quotation inside uncased text ends the sentence.

    None when the candidate is not in such a quotation.
    """
    opener = cand.quotes.open_at(text, cand.seg_start, cand.start)
    if opener < 0 or cand.start - opener > QUOTE_WINDOW:
        return None
    if _ARABIC_LETTER.search(text, opener, cand.start):
        return None
    if not _ARABIC_LETTER.search(text, max(cand.seg_start, opener - MAX_TOKEN), opener):
        return None
    if _QUOTE_CLOSERS.isdisjoint(cluster):
        return False
    return after_colon(text, opener, cand.seg_start)


def _final_ends(next_word: str, rules: LanguageRules) -> bool:
    """A ``final`` abbreviation: before a cased word, a capital ends the sentence.

    Not before another abbreviation ("Co. Ltd."), an acronym ("Inc. CEO", "a.m. EST"), a
    weekday, a month or a time zone ("10 a.m. Monday", "5 p.m. Eastern time").
    """
    if not next_word:
        return False
    initial = next_word[0]
    if initial.isupper():
        if next_word.isupper() and 2 <= len(next_word) <= 4:
            return False
        key = word_key(next_word)
        return key not in rules.abbreviations and key not in line_words().calendar
    return not initial.islower() and rules.is_starter(next_word)


def _next_word(text: str, at: int) -> str:
    """The letters of the word starting at ``at`` (bounded), or a digit run's first digit."""
    word = _WORD.match(text, at, at + MAX_TOKEN)
    if word:
        return word.group()
    return text[at : at + 1] if at < len(text) and text[at].isdigit() else ""


def _token_start(text: str, end: int, floor: int) -> int | None:
    """Start of the non-space run ending at ``end``; None when longer than MAX_TOKEN."""
    low = max(floor, end - MAX_TOKEN - 1)
    start = end
    while start > low and not text[start - 1].isspace():
        start -= 1
    if start == low > floor:
        return None
    return start


def _classify(text: str, cand: _Candidate, next_word: str, rules: LanguageRules) -> _Kind:
    """What the word before a single dot says about that dot."""
    token_start = _token_start(text, cand.start, cand.seg_start)
    if token_start is None:
        return _Kind.ORDINARY
    token = text[token_start : cand.start].lstrip(OPENERS)
    key = word_key(token)
    if not key:
        return _Kind.ORDINARY
    abbr = rules.abbreviations
    if (
        len(key) <= 4
        and (token_start == cand.seg_start or after_colon(text, token_start, cand.seg_start))
        and _ENUMERATOR.fullmatch(key)
    ):
        return _Kind.NEVER  # "1. Introduction", "the following: 1. Establishing ..."
    if _is_era(text, token_start, key, abbr):
        return _Kind.GENERAL
    if key in abbr.prefix:
        return _Kind.NEVER
    if key in abbr.number:
        return _Kind.NEVER if _is_number(next_word) else _Kind.GENERAL
    if len(key) == 1 and key.isalpha():  # an initial: Arabic ones never end a sentence
        return _Kind.NEVER if _ARABIC_LETTER.match(key) else _Kind.GENERAL
    if key in abbr.final:
        return _Kind.FINAL
    if key in abbr.general or _DOTTED.fullmatch(key):
        return _Kind.GENERAL
    return _Kind.ORDINARY


def _is_era(text: str, token_start: int, key: str, abbr: Abbreviations) -> bool:
    """An ``after-number`` abbreviation after a number: "2018 م.", "2018م.", "500 ق.م."."""
    attached = _ATTACHED_NUMBER.fullmatch(key)
    if attached:
        return attached.group(1) in abbr.after_number
    if key not in abbr.after_number:
        return False
    before = token_start
    while before > 0 and token_start - before < 4 and text[before - 1].isspace():
        before -= 1
    return before < token_start and before > 0 and text[before - 1].isdigit()


def _is_number(word: str) -> bool:
    return bool(word) and (word[0].isdigit() or bool(_ROMAN.fullmatch(word)))


def _credit_end(text: str, at: int) -> int | None:
    """End of a line-closing ``[...]`` or ``(...)`` credit starting at ``at``, else None."""
    if at >= len(text) or text[at] not in "[(":
        return None
    opener = text[at]
    close = text.find("]" if opener == "[" else ")", at, at + MAX_CREDIT)
    if close < 0:
        return None
    inner = text[at + 1 : close]
    if opener in inner or not _ALNUM.search(inner) or _LINE_BREAK.search(inner):
        return None
    if not _LINE_END.match(text, close + 1):
        return None
    return close + 1


def _spans(text: str, cuts: Iterator[int]) -> list[tuple[int, int]]:
    """Whitespace-stripped pieces of ``text`` between the cuts, empty ones dropped."""
    last = len(text.rstrip())
    spans = []
    begin = 0
    for cut in [*cuts, last]:
        start = _SPACE.match(text, begin).end()
        end = min(cut, last)
        if start < end:
            spans.append((start, end))
        begin = max(begin, cut)
    return spans


def _merge_bare(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join each span holding no letter or digit to its neighbour (the previous one if any)."""
    merged: list[tuple[int, int]] = []
    pending: int | None = None
    for start, end in spans:
        if _ALNUM.search(text, start, end) is None:
            if merged:
                merged[-1] = (merged[-1][0], end)
            elif pending is None:
                pending = start
            continue
        merged.append((pending if pending is not None else start, end))
        pending = None
    if pending is not None:
        merged.append((pending, spans[-1][1]))
    return merged
