"""Inline enumerations: a lead-in ending with a colon, then items numbered in sequence.

"وحددت الوزارة ثلاث أولويات: ١- تعزيز التدريب، ٢- تبادل الخبرات، ٣- تطوير الصناعات."
is four segments: the lead-in and each item. An enumeration starts at a colon followed by
the first item of a sequence (``data/enumerators.txt``: digits, Arabic letters in abjad or
alphabetical order, Latin letters, Roman numerals, أولا ثانيا ...) and is confirmed by the
next item of that sequence in the same form ("1-" then "2-", "(أ)" then "(ب)"); a lone
"1-" after a colon cuts nothing. Where the language asks for it (English), an item only
starts a segment when the text before it ends a sentence ("1. Train. 2. Deploy."), so a
list running inside one sentence ("(a) training and (b) exchanges") stays whole.

The scan is linear: colons are found by one regex pass, and each item search starts where
the previous one ended and gives up :data:`MAX_GAP` characters after the last item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from l10nflow.segment.lexicon import sections, word_key

MAX_GAP = 600  # characters after an item within which the next one must start
_ITEM = "(?:[^\\W_]|[\u064b-\u0652\u0640]){1,8}"  # a short word or number, harakat allowed
_LEAD_IN = re.compile(r"[:：]\s+")
_TERMINATED = re.compile(r"[.!?؟…۔][\"'”’»)\]]*[\s،,؛;]*\Z")


@dataclass(frozen=True)
class Enumerators:
    """Item sequences (as keys) and the compiled forms items are written in."""

    positions: dict[str, tuple[tuple[int, int], ...]]  # key -> (sequence, index) pairs
    lengths: tuple[int, ...]  # length of each sequence
    item: re.Pattern[str]  # one item in any form; group "f<k>" holds the item of form k

    def match(self, text: str, at: int) -> tuple[int, str] | None:
        """``(form, key)`` of an item starting exactly at ``at``, else None."""
        found = self.item.match(text, at)
        return _form_and_key(found) if found else None


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
    lengths = []
    for number, line in enumerate(data["sequences"]):
        items = [word_key(item) for item in line.split()]
        lengths.append(len(items))
        for index, key in enumerate(items):
            positions.setdefault(key, []).append((number, index))
    alternatives = []
    for number, form in enumerate(data["forms"]):
        before, _, after = form.partition("N")
        alternatives.append(f"{re.escape(before)}(?P<f{number}>{_ITEM}){re.escape(after)}")
    item = re.compile(f"(?<!\\S)(?:{'|'.join(alternatives)})(?=\\s)")
    frozen = {key: tuple(pairs) for key, pairs in positions.items()}
    return Enumerators(frozen, tuple(lengths), item)


def enumeration_cuts(text: str, need_terminator: bool) -> list[int]:
    """Starts of the lead-in's items, in order: where a new segment begins."""
    if ":" not in text and "：" not in text:
        return []
    enums = enumerators()
    cuts: list[int] = []
    scanned = 0
    for colon in _LEAD_IN.finditer(text):
        if colon.start() < scanned:
            continue
        first = enums.match(text, colon.end())
        if first is None:
            continue
        form, key = first
        state = {(seq, 0) for seq, index in enums.positions.get(key, ()) if index == 0}
        if not state:
            continue
        scanned = _follow(text, enums, colon.end(), form, state, need_terminator, cuts)
    return cuts


def _follow(
    text: str,
    enums: Enumerators,
    first: int,
    form: int,
    state: set[tuple[int, int]],
    need_terminator: bool,
    cuts: list[int],
) -> int:
    """Add the cuts of the enumeration whose first item starts at ``first``; where it ended."""
    items = [first]
    position = first + 1
    limit = first + MAX_GAP
    while True:
        found = enums.item.search(text, position, min(len(text), limit))
        if found is None:
            break
        position = found.end()
        parsed = _form_and_key(found)
        if parsed is None or parsed[0] != form:
            continue
        following = {
            (seq, index + 1)
            for seq, index in state
            if index + 1 < enums.lengths[seq] and (seq, index + 1) in _pairs(enums, parsed[1])
        }
        if not following:
            continue
        state = following
        items.append(found.start())
        limit = found.end() + MAX_GAP
    if len(items) < 2:
        return first
    starts = items
    if need_terminator:
        starts = [at for at in items[1:] if _TERMINATED.search(text, max(0, at - 16), at)]
        if starts:
            starts = [items[0], *starts]
    cuts.extend(starts)
    return position


def _pairs(enums: Enumerators, key: str) -> tuple[tuple[int, int], ...]:
    return enums.positions.get(key, ())
