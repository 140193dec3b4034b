"""Inline enumerations: a lead-in ending with a colon, then items numbered in sequence.

"وحددت الوزارة ثلاث أولويات: ١- تعزيز التدريب، ٢- تبادل الخبرات، ٣- تطوير الصناعات."
is four segments: the lead-in and each item. An enumeration starts at a colon followed by
the first item of a sequence (``data/enumerators.txt``: digits, Arabic letters in abjad or
alphabetical order, Latin letters, Roman numerals, أولا ثانيا ...) and is confirmed by the
next item of that sequence in the same form ("1-" then "2-", "(أ)" then "(ب)"); a lone
"1-" after a colon cuts nothing. Where the language asks for it (English), an item only
starts a segment when the text before it ends a sentence ("1. Train. 2. Deploy."), so a
list running inside one sentence ("(a) training and (b) exchanges") stays whole.

The scan is linear: one regex pass over the text finds every item-like token, and each is
looked at once; an enumeration ends :data:`MAX_GAP` characters after its last item, or
where another colon-led first item begins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from l10nflow.segment.lexicon import sections, word_key

MAX_GAP = 600  # characters after an item within which the next one must start
_ITEM = "(?:[^\\W_]|[\u064b-\u0652\u0640]){1,8}"  # a short word or number, harakat allowed
_TERMINATED = re.compile(r"[.!?؟…۔][\"'”’»)\]]*[\s،,؛;]*\Z")


@dataclass(frozen=True)
class Enumerators:
    """Item sequences (as keys) and the compiled forms items are written in."""

    positions: dict[str, tuple[tuple[int, int], ...]]  # key -> (sequence, index) pairs
    item: re.Pattern[str]  # one item in any form; group "f<k>" holds the item of form k


def _form_and_key(found: re.Match[str]) -> tuple[int, str] | None:
    name = found.lastgroup
    if name is None:
        return None
    return int(name[1:]), word_key(found.group(name))


@cache
def enumerators() -> Enumerators:
    """The packaged sequences and forms (read once)."""
    data = sections("enumerators.txt", ("sequences", "forms"))
    positions: dict[str, list[tuple[int, int]]] = {}
    for number, line in enumerate(data["sequences"]):
        items = [word_key(item) for item in line.split()]
        for index, key in enumerate(items):
            positions.setdefault(key, []).append((number, index))
    alternatives = []
    for number, form in enumerate(data["forms"]):
        before, _, after = form.partition("N")
        alternatives.append(f"{re.escape(before)}(?P<f{number}>{_ITEM}){re.escape(after)}")
    item = re.compile(f"(?<!\\S)(?:{'|'.join(alternatives)})(?=\\s)")
    frozen = {key: tuple(pairs) for key, pairs in positions.items()}
    return Enumerators(frozen, item)


def enumeration_cuts(text: str, need_terminator: bool) -> list[int]:
    """Where the text before each item of every confirmed enumeration ends, in order."""
    enums = enumerators()
    cuts: list[int] = []
    current: _Enumeration | None = None
    for found in enums.item.finditer(text):
        parsed = _form_and_key(found)
        if parsed is None:
            continue
        form, key = parsed
        at = found.start()
        if current is not None and at - current.last_end > MAX_GAP:
            current.close(text, need_terminator, cuts)
            current = None
        if current is not None and current.extend(enums, form, key, at, found.end()):
            continue
        if after_colon(text, at):
            first = frozenset((seq, 0) for seq, index in enums.positions.get(key, ()) if not index)
            if first:
                if current is not None:
                    current.close(text, need_terminator, cuts)
                current = _Enumeration(form, first, [at], found.end())
    if current is not None:
        current.close(text, need_terminator, cuts)
    return cuts


@dataclass
class _Enumeration:
    """An enumeration being read: its form, where its sequence may be, its items so far."""

    form: int
    state: frozenset[tuple[int, int]]  # (sequence, index of the last item) still possible
    items: list[int]
    last_end: int

    def extend(self, enums: Enumerators, form: int, key: str, at: int, end: int) -> bool:
        """Take the item at ``at`` if it is the next one of the sequence, in the same form."""
        if form != self.form:
            return False
        following = frozenset(
            (seq, index + 1)
            for seq, index in self.state
            if (seq, index + 1) in enums.positions.get(key, ())
        )
        if not following:
            return False
        self.state = following
        self.items.append(at)
        self.last_end = end
        return True

    def close(self, text: str, need_terminator: bool, cuts: list[int]) -> None:
        """Add this enumeration's cuts (none for a lone first item)."""
        if len(self.items) < 2:
            return
        starts = self.items
        if need_terminator:
            ended = [at for at in self.items[1:] if _TERMINATED.search(text, max(0, at - 16), at)]
            starts = [self.items[0], *ended] if ended else []
        cuts.extend(_content_end(text, at) for at in starts)


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
