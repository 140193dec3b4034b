"""Inline enumerations: a lead-in ending with a colon, then items numbered in sequence.

"وحددت الوزارة ثلاث أولويات: ١- تعزيز التدريب، ٢- تبادل الخبرات، ٣- تطوير الصناعات."
is four segments: the lead-in and each item. An enumeration starts at a colon followed by
the first item of a sequence (``data/enumerators.txt``: digits, Arabic letters in abjad or
alphabetical order, Latin letters, Roman numerals, أولا ثانيا ...) and is confirmed by the
next item of that sequence in the same form ("1-" then "2-", "(أ)" then "(ب)"); a lone
"1-" after a colon cuts nothing. Where the language asks for it (English), an item only
starts a segment when the text before it ends a sentence ("1. Train. 2. Deploy."), so a
list running inside one sentence ("(a) training and (b) exchanges") stays whole.

The scan is linear and reads little: items are looked for only after a colon that is
followed by a first item, up to :data:`MAX_GAP` characters after the last item found, and
no character is read twice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from l10nflow.languages import PROFILES, class_body
from l10nflow.segment.lexicon import sections, word_key

MAX_GAP = 600  # characters after an item within which the next one must start
# A short word or number, its marks and tatweel allowed.
_ITEM = f"(?:[^\\W_]|[{class_body(PROFILES['ar'].word_marks)}]){{1,8}}"
_COLON = re.compile("[:：]")
_SPACE = re.compile(r"\s*")
_TERMINATED = re.compile(r"[.!?؟…۔][\"'”’»)\]]*[\s،,؛;]*\Z")


@dataclass(frozen=True)
class Enumerators:
    """Item sequences (as keys) and the forms items are written in."""

    positions: dict[str, tuple[tuple[int, int], ...]]  # key -> (sequence, index) pairs
    forms: frozenset[tuple[str, str]]  # (before, after) the item: ("(", ")"), ("", "-")
    item: re.Pattern[str]  # an item-like token: groups "before", "key", "after"

    def parse(self, found: re.Match[str]) -> tuple[tuple[str, str], str] | None:
        """``(form, key)`` of an item-like match when its form is one of the list's."""
        form = (found.group("before"), found.group("after"))
        return (form, word_key(found.group("key"))) if form in self.forms else None


@cache
def enumerators() -> Enumerators:
    """The packaged sequences and forms (read once)."""
    data = sections("enumerators.txt", ("sequences", "forms"))
    positions: dict[str, list[tuple[int, int]]] = {}
    for number, line in enumerate(data["sequences"]):
        for index, item in enumerate(line.split()):
            positions.setdefault(word_key(item), []).append((number, index))
    forms = frozenset((form.partition("N")[0], form.partition("N")[2]) for form in data["forms"])
    before = _alternation(b for b, _ in forms)
    after = _alternation(a for _, a in forms)
    item = re.compile(f"(?<!\\S)(?P<before>{before})(?P<key>{_ITEM})(?P<after>{after})(?=\\s)")
    frozen = {key: tuple(pairs) for key, pairs in positions.items()}
    return Enumerators(frozen, forms, item)


def _alternation(texts: Iterable[str]) -> str:
    """A regex alternation of ``texts``, the longest first (so "N -" wins over "N")."""
    return "|".join(re.escape(text) for text in sorted(set(texts), key=len, reverse=True))


def enumeration_cuts(text: str, need_terminator: bool) -> list[int]:
    """Where the text before each item of every confirmed enumeration ends, in order."""
    enums = enumerators()
    cuts: list[int] = []
    position = 0
    while True:
        colon = _COLON.search(text, position)
        if colon is None:
            return cuts
        position = colon.end()
        first = enums.item.match(text, _SPACE.match(text, position).end())
        parsed = enums.parse(first) if first else None
        if first is None or parsed is None:
            continue
        form, key = parsed
        state = frozenset((seq, 0) for seq, index in enums.positions.get(key, ()) if not index)
        if state:
            position = _follow(text, enums, first, form, state, need_terminator, cuts)


def _follow(
    text: str,
    enums: Enumerators,
    first: re.Match[str],
    form: tuple[str, str],
    state: frozenset[tuple[int, int]],
    need_terminator: bool,
    cuts: list[int],
) -> int:
    """Read the enumeration starting with ``first``; add its cuts; where reading stopped.

    Reading stops :data:`MAX_GAP` characters after the last item, or before another
    colon-led first item (which the caller then reads): no character is read twice.
    """
    items = [first.start()]
    position = last_end = first.end()
    while True:
        found = enums.item.search(text, position, min(len(text), last_end + MAX_GAP))
        if found is None:
            position = min(len(text), last_end + MAX_GAP)
            break
        position = found.end()
        parsed = enums.parse(found)
        if parsed is None:
            continue
        following = frozenset(
            (seq, index + 1)
            for seq, index in state
            if parsed[0] == form and (seq, index + 1) in enums.positions.get(parsed[1], ())
        )
        if following:
            state, last_end = following, found.end()
            items.append(found.start())
        elif after_colon(text, found.start()):
            position = _colon_before(text, found.start())  # the caller reads on from there
            break
    _close(text, items, need_terminator, cuts)
    return position


def _close(text: str, items: list[int], need_terminator: bool, cuts: list[int]) -> None:
    """Add an enumeration's cuts (none for a lone first item)."""
    if len(items) < 2:
        return
    starts = items
    if need_terminator:
        ended = [at for at in items[1:] if _TERMINATED.search(text, max(0, at - 16), at)]
        starts = [items[0], *ended] if ended else []
    cuts.extend(_content_end(text, at) for at in starts)


def _colon_before(text: str, at: int) -> int:
    """The position of the colon that :func:`after_colon` found before ``at``."""
    before = at
    while before > 0 and text[before - 1].isspace():
        before -= 1
    return before - 1


def _content_end(text: str, at: int) -> int:
    """Where the whitespace run ending at ``at`` starts."""
    while at > 0 and text[at - 1].isspace():
        at -= 1
    return at


def after_colon(text: str, at: int, floor: int = 0) -> bool:
    """Whether a colon, then a little whitespace, comes right before ``at`` (not before floor)."""
    before = at
    while before > floor and at - before < 8 and text[before - 1].isspace():
        before -= 1
    return floor < before < at and text[before - 1] in ":："
