"""Inline markup inside segments: numbered tags, their checks, and protection around MT.

HTML segments carry inline elements as short numbered tags: ``<1>…</1>`` for a
paired element, ``<2/>`` for a void one (``<br>``, ``<img>``) or one kept whole
(``<code>…</code>``, a comment). The document restores the real markup by
number, so a translator can move or drop tags but never edit attributes.
Markdown segments keep Markdown's own inline syntax, as mdpo and po4a do; its
module reads that syntax as the same tokens.

This module owns what formats share; no format is named here:

- the tag model: :class:`Tag`, :func:`parse_tags`, :func:`source_tags`;
- checks: :func:`nesting_problems`, :func:`compare_tags`;
- :func:`balance`: a translation's tags made well-formed against the source's
  (unknown ones become text, duplicates go, missing ones are re-appended);
- :func:`protect_tokens`: a segment's text without markup for the MT engine,
  and a ``restore`` that puts the markup back by aligning words: tags around
  the whole text stay there; a pair goes around the words of the translation
  that its content is known to give (its content verbatim, glossary renderings
  the caller passes as anchors, identical numbers and Latin-script names); what
  no word anchors is placed by relative position, and the result says so
  (``moved``), so the entry is flagged for review. No tag pair is left empty;
- :class:`InlineMarkup`, the operations a format's registry record offers
  (protect, words, compare), with the records of plain text (:data:`NO_MARKUP`)
  and of numbered tags (:data:`NUMBERED_TAGS`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from l10nflow.languages import DIGIT_FOLDS, class_body

# The extracted comment on an entry whose machine translation had tags re-appended at its end.
MARKUP_MOVED = "tags placed by position, not by their words; check their place"

_TAG = re.compile(r"<(/?)([1-9][0-9]{0,3})(/?)>")
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\S*\w\S*")
_EDGE_PUNCTUATION = ".,;:!?،؛؟»”\"')"
_LEADING_PUNCTUATION = "«“\"'("
_NAME_OR_NUMBER = re.compile(
    rf"[0-9A-Za-z{class_body(''.join(DIGIT_FOLDS))}][\w.-]*[0-9A-Za-z\w]|[0-9]"
)
_DIGITS = str.maketrans(DIGIT_FOLDS)


class Role(StrEnum):
    """What a numbered tag does: opens or closes a pair, or stands alone."""

    OPEN = "open"
    CLOSE = "close"
    VOID = "void"


@dataclass(frozen=True)
class Tag:
    """A numbered inline tag: ``<n>``, ``</n>`` or ``<n/>``."""

    number: int
    role: Role

    def __str__(self) -> str:
        if self.role is Role.OPEN:
            return f"<{self.number}>"
        if self.role is Role.CLOSE:
            return f"</{self.number}>"
        return f"<{self.number}/>"


Token = str | Tag


def parse_tags(text: str) -> list[Token]:
    """``text`` as text pieces and numbered tags, in order (``</1/>`` is text)."""
    tokens: list[Token] = []
    position = 0
    for match in _TAG.finditer(text):
        closing, number, void = match.groups()
        if closing and void:
            continue
        if match.start() > position:
            tokens.append(text[position : match.start()])
        role = Role.CLOSE if closing else Role.VOID if void else Role.OPEN
        tokens.append(Tag(int(number), role))
        position = match.end()
    if position < len(text):
        tokens.append(text[position:])
    return tokens


def join_tokens(tokens: Sequence[Token]) -> str:
    """The text form of tokens (inverse of :func:`parse_tags`)."""
    return "".join(str(token) for token in tokens)


def plain_text(tokens: Sequence[Token]) -> str:
    """The text of tokens without tags, whitespace runs folded to one space, stripped."""
    return _SPACE.sub(" ", "".join(t for t in tokens if isinstance(t, str))).strip()


def source_tags(tokens: Sequence[Token]) -> dict[int, Role]:
    """The tags a source segment has, in order: number -> ``OPEN`` (a pair) or ``VOID``."""
    kinds: dict[int, Role] = {}
    for token in tokens:
        if isinstance(token, Tag) and token.role is not Role.CLOSE:
            kinds.setdefault(token.number, token.role)
    return kinds


# ----------------------------------------------------------------------------- checks


def nesting_problems(text: str) -> list[str]:
    """What is wrong with the numbered tags of ``text`` on its own (empty: well-formed)."""
    problems: list[str] = []
    stack: list[int] = []
    seen: set[int] = set()
    for token in parse_tags(text):
        if isinstance(token, str):
            continue
        number = token.number
        if token.role is not Role.CLOSE:
            if number in seen:
                problems.append(f"tag {number} is used twice")
            seen.add(number)
            if token.role is Role.OPEN:
                stack.append(number)
        elif number not in stack:
            problems.append(f"</{number}> closes a tag that is not open")
        else:
            while stack[-1] != number:
                problems.append(f"<{stack.pop()}> is closed by </{number}> (tags cross)")
            stack.pop()
    problems += [f"<{number}> is never closed" for number in stack]
    return problems


def compare_tags(source: str, target: str) -> list[str]:
    """What the translation ``target`` does to the numbered tags of ``source`` (empty: fine).

    Reports tags missing or added, a void tag used as a pair (or the reverse),
    and the nesting problems of the translation. Moving tags is allowed.
    """
    expected = source_tags(parse_tags(source))
    found = source_tags(parse_tags(target))
    problems = [
        f"tag {_shape(n, role)} of the source is missing"
        for n, role in expected.items()
        if n not in found
    ]
    for number, role in found.items():
        if number not in expected:
            problems.append(f"tag {_shape(number, role)} is not in the source")
        elif expected[number] is not role:
            problems.append(
                f"tag {number} is {_shape(number, expected[number])} in the source, "
                f"{_shape(number, role)} here"
            )
    return problems + nesting_problems(target)


def _shape(number: int, role: Role) -> str:
    return f"<{number}/>" if role is Role.VOID else f"<{number}>…</{number}>"


# ----------------------------------------------------------------------------- balance


@dataclass(frozen=True)
class Balanced:
    """A translation's tokens made well-formed against the source's tags."""

    tokens: list[Token]
    restored: tuple[Tag, ...] = ()  # source tags the translation lacked, re-appended at the end
    dropped: tuple[Tag, ...] = ()  # duplicated or stray tags removed (their text stays)
    unknown: tuple[str, ...] = ()  # tag-like text the source does not have: kept as text


def balance(
    tokens: Sequence[Token], source: Sequence[Token], *, droppable: Collection[int] = ()
) -> Balanced:
    """Make ``tokens`` use each tag of the ``source`` tokens exactly once, properly nested.

    A tag the source does not have (or of another shape) becomes text; a
    second use of a tag and a close without its open are dropped; a close
    that crosses another tag closes the inner ones first (their own closes
    are then dropped); unclosed tags close at the end. Source tags that are
    missing are appended at the end, nested as in the source (a pair as an
    empty ``<n></n>``; a missing pair numbered in ``droppable`` is left out).
    """
    kinds = source_tags(source)
    out: list[Token] = []
    stack: list[int] = []
    used: set[int] = set()
    dropped: list[Tag] = []
    unknown: list[str] = []
    for token in tokens:
        if isinstance(token, str):
            out.append(token)
            continue
        kind = kinds.get(token.number)
        if kind is None or (kind is Role.VOID) != (token.role is Role.VOID):
            unknown.append(str(token))
            out.append(str(token))
        elif token.role is Role.CLOSE:
            if token.number not in stack:
                dropped.append(token)
                continue
            while stack[-1] != token.number:
                out.append(Tag(stack.pop(), Role.CLOSE))
            stack.pop()
            out.append(token)
        elif token.number in used:
            dropped.append(token)
        else:
            used.add(token.number)
            out.append(token)
            if token.role is Role.OPEN:
                stack.append(token.number)
    out += [Tag(number, Role.CLOSE) for number in reversed(stack)]
    missing = [
        token
        for token in source
        if isinstance(token, Tag) and token.number not in used and token.number not in droppable
    ]
    restored = tuple(tag for tag in missing if tag.role is not Role.CLOSE)
    return Balanced(merge_text(out + missing), restored, tuple(dropped), tuple(unknown))


def merge_text(tokens: list[Token]) -> list[Token]:
    """Tokens with adjacent text pieces joined and empty ones left out."""
    merged: list[Token] = []
    for token in tokens:
        if isinstance(token, str) and merged and isinstance(merged[-1], str):
            merged[-1] += token
        elif token != "":
            merged.append(token)
    return merged


# ----------------------------------------------------------------------------- protect for MT


@dataclass(frozen=True)
class Restored:
    """A machine translation with the segment's markup put back."""

    text: str
    moved: bool  # some tags could not be placed and were re-appended at the end


@dataclass(frozen=True)
class Protected:
    """A segment's text as the MT engine gets it, and how to put its markup back.

    ``restore(translation, anchors=())`` takes the engine's output and, as
    ``anchors``, pairs (source words, their rendering in the translation) that
    are known, such as glossary terms.
    """

    text: str
    restore: Callable[..., Restored]


def unchanged(translation: str, anchors: Sequence[tuple[str, str]] = ()) -> Restored:
    """The restore of a text that had no markup to protect: the translation as it is."""
    return Restored(translation, False)


def protect_tokens(
    tokens: Sequence[Token],
    render: Callable[[Sequence[Token]], str] = join_tokens,
    *,
    droppable: Collection[int] = (),
) -> Protected:
    """A segment read as ``tokens`` without its tags, and a restore for its translation.

    The MT engine never sees markup: tags are removed before translation. The
    restore puts back tags that wrap the whole text (or stand at its start or
    end) where they were, and every other tag by word alignment (see the module
    doc); a tag placed by relative position sets ``moved``, so the entry can be
    flagged for review. ``render`` writes the restored tokens in the format's
    syntax; a pair numbered in ``droppable`` is left out where it cannot be placed.
    """
    if not any(isinstance(token, Tag) for token in tokens):
        return Protected(plain_text(tokens), unchanged)

    def restore(translation: str, anchors: Sequence[tuple[str, str]] = ()) -> Restored:
        text = _SPACE.sub(" ", _TAG.sub(" ", translation)).strip()  # the engine saw no tags
        placed, moved = _place(tokens, text, droppable=droppable, anchors=anchors)
        balanced = balance(placed, tokens, droppable=droppable)
        return Restored(render(balanced.tokens), moved or bool(balanced.restored))

    return Protected(plain_text(tokens), restore)


def _place(
    tokens: Sequence[Token],
    translation: str,
    *,
    droppable: Collection[int] = (),
    anchors: Sequence[tuple[str, str]] = (),
) -> tuple[list[Token], bool]:
    """Insert the tags of ``tokens`` into ``translation``; True when some were placed by
    position (or, failing that, appended at the end).

    Tags before the first word stay at the start and tags after the last word
    at the end. A pair wraps the words its content aligns to: the content itself
    when the translation repeats it exactly once, else the span of the anchors
    and identical names and numbers it holds, else the words at the same
    relative position. Spans must nest; a pair that cannot nest anywhere is put
    at the end (its number in ``droppable``: left out), and so are later ones.
    """
    words = [i for i, t in enumerate(tokens) if isinstance(t, str) and t.strip()]
    first, last = (words[0], words[-1]) if words else (len(tokens), -1)
    closes = _partners(tokens)
    end = len(translation)
    grid = _WordGrid(tokens, translation)
    inserts: list[tuple[int, int, int, Token]] = []  # (position, group, order, tag)
    spans: list[tuple[int, int]] = []
    blocked = moved = False
    for index, tag in enumerate(tokens):
        if not isinstance(tag, Tag) or tag.role is Role.CLOSE:
            continue
        close = closes.get(index)
        span = None
        if index < first and (close is None or close > last):
            inserts.append((0, _LEAD, index, tag))
            span = (0, end)
        elif index > last:
            inserts.append((end, _TRAIL, index, tag))
            span = (end, end)
        elif blocked:
            pass
        elif close is None:
            at = grid.boundary(index)
            if at is not None:
                inserts.append((at, _MOVED, index, tag))
                span, moved = (at, at), True
        else:
            content = plain_text(tokens[index + 1 : close])
            span = _find_once(translation, content, spans) or _anchored(
                translation, content, anchors, spans
            )
            if span is None:
                span = _nesting(grid.span(index, close), spans) or grid.free_word(spans)
                moved = moved or span is not None
            if span is not None:
                inserts.append((span[0], _OPEN, -span[1], tag))
        if span is None:
            moved = True
            if tag.number not in droppable:
                blocked = True  # a later tag placed before this one would change their order
                inserts.append((end, _MOVED, index, tag))
                if close is not None:
                    inserts.append((end, _MOVED, close, tokens[close]))
        elif close is not None:
            spans.append(span)
            trailing = close > last
            order = close if trailing else -span[0]
            inserts.append((span[1], _TRAIL if trailing else _CLOSE, order, tokens[close]))
    inserts.sort(key=lambda item: item[:3])
    out: list[Token] = []
    position = 0
    for at, _group, _order, tag in inserts:
        out += [translation[position:at], tag]
        position = at
    out.append(translation[position:])
    return merge_text(out), moved


class _WordGrid:
    """Source words (around the tags) and translation words, for placement by position."""

    def __init__(self, tokens: Sequence[Token], translation: str):
        self.before: list[int] = []  # per token: source words before it
        count = 0
        for token in tokens:
            self.before.append(count)
            if isinstance(token, str):
                count += len(_WORD.findall(token))
        self.total = max(count, 1)
        self.words = [m.span() for m in _WORD.finditer(translation)]
        self.text = translation

    def _at(self, words: int) -> int:
        return round(words / self.total * len(self.words))

    def span(self, index: int, close: int) -> tuple[int, int] | None:
        """The translation words at the relative place of the source words in between."""
        count = len(self.words)
        if not count:
            return None
        a = min(self._at(self.before[index]), count - 1)
        b = min(max(self._at(self.before[close]), a + 1), count)
        start, stop = self.words[a][0], self.words[b - 1][1]
        while stop - start > 1 and self.text[stop - 1] in _EDGE_PUNCTUATION:
            stop -= 1
        while stop - start > 1 and self.text[start] in _LEADING_PUNCTUATION:
            start += 1
        return start, stop

    def free_word(self, spans: list[tuple[int, int]]) -> tuple[int, int] | None:
        """The last translation word that a new pair can wrap (it nests with ``spans``)."""
        for span in reversed(self.words):
            if _nesting(span, spans) is not None:
                return span
        return None

    def boundary(self, index: int) -> int | None:
        """A word boundary of the translation at the relative place of token ``index``."""
        if len(self.words) < 2:
            return None
        k = min(max(self._at(self.before[index]), 1), len(self.words) - 1)
        return self.words[k - 1][1]


def _anchored(
    translation: str, content: str, anchors: Sequence[tuple[str, str]], spans: list[tuple[int, int]]
) -> tuple[int, int] | None:
    """The translation span that ``content``'s anchors and identical names/numbers point to."""
    found: list[tuple[int, int]] = []
    folded = content.casefold()
    for source, target in anchors:
        if source and target and source.casefold() in folded:
            span = _find_once(translation, target, [])
            if span is not None:
                found.append(span)
    digits = translation.translate(_DIGITS)
    for word in _NAME_OR_NUMBER.findall(content.translate(_DIGITS)):
        hits = [m.span() for m in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", digits)]
        if len(hits) == 1:
            found.append(hits[0])
    if not found:
        return None
    return _nesting((min(a for a, _ in found), max(b for _, b in found)), spans)


def _nesting(span: tuple[int, int] | None, spans: list[tuple[int, int]]) -> tuple[int, int] | None:
    """``span`` if it nests with (or is disjoint from) every span placed, and is new."""
    if span is None:
        return None
    for a, b in spans:
        disjoint = span[1] <= a or b <= span[0]
        nested = (a <= span[0] and span[1] <= b) or (span[0] <= a and b <= span[1])
        if not (disjoint or nested) or (a, b) == span:
            return None
    return span


# Where tags inserted at the same position go, first to last.
_CLOSE, _LEAD, _MOVED, _TRAIL, _OPEN = range(5)


def _partners(tokens: Sequence[Token]) -> dict[int, int]:
    """Index of each open tag -> index of its close, for well-formed source tokens."""
    partners: dict[int, int] = {}
    stack: list[int] = []
    for index, token in enumerate(tokens):
        if isinstance(token, Tag) and token.role is Role.OPEN:
            stack.append(index)
        elif isinstance(token, Tag) and token.role is Role.CLOSE and stack:
            opened = stack.pop()
            if tokens[opened].number == token.number:  # type: ignore[union-attr]
                partners[opened] = index
    return partners


def _find_once(text: str, needle: str, spans: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The span of ``needle`` in ``text`` if it occurs exactly once and nests with ``spans``."""
    if not needle or text.count(needle) != 1:
        return None
    start = text.index(needle)
    return _nesting((start, start + len(needle)), spans)


# ----------------------------------------------------------------------------- per format


class InlineMarkup(Protocol):
    """What the segments of a document format carry inline, as the workflow handles it.

    Each format's record in :mod:`l10nflow.document.formats` names one.
    """

    raw_html: bool  # raw HTML belongs to this markup: compare reports what a translation adds

    def protect(self, text: str) -> Protected:
        """The segment's text for the MT engine (no markup) and a restore for its translation."""
        ...

    def words(self, text: str) -> str:
        """The words of a segment without its markup (word counts, the language guess)."""
        ...

    def compare(self, source: str, target: str) -> list[str]:
        """Markup the translation ``target`` lost or gained against ``source`` (empty: fine)."""
        ...


class NoMarkup:
    """Plain text: nothing inline, every operation the identity."""

    raw_html = False

    def protect(self, text: str) -> Protected:
        return Protected(text, unchanged)

    def words(self, text: str) -> str:
        return text

    def compare(self, source: str, target: str) -> list[str]:
        return []


_EMPTY_PAIR = re.compile(r"<([1-9][0-9]{0,3})>\s*</\1>")


class NumberedTags:
    """Inline elements as numbered tags (``<1>…</1>``, ``<2/>``), as HTML segments carry them."""

    raw_html = False

    def protect(self, text: str) -> Protected:
        return protect_tokens(parse_tags(text))

    def words(self, text: str) -> str:
        return plain_text(parse_tags(text))

    def compare(self, source: str, target: str) -> list[str]:
        """:func:`compare_tags`, and a tag pair left empty (what MT used to append at the end)."""
        problems = compare_tags(source, target)
        if not _EMPTY_PAIR.search(source):
            problems += [f"tag pair <{n}> is empty" for n in _EMPTY_PAIR.findall(target)]
        return problems


NO_MARKUP = NoMarkup()
NUMBERED_TAGS = NumberedTags()
