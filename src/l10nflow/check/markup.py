"""The ``markup`` check: inline tags, brackets, quotes, URLs, e-mail addresses, placeholders.

Entries of HTML documents must keep the source's numbered tags (``<1>…</1>``,
``<2/>``), properly nested; entries of Markdown documents its emphasis,
links, images and inline code (each format's ``compare`` in the registry,
:mod:`l10nflow.document.formats`; the format comes from the entry's ``#:`` reference).

A tag pair left empty (``<1></1>``, what MT used to append at the end), an
unreviewed entry whose note says MT placed its tags by position (``markup:``
note), and any HTML tag the translation has and the source has not (raw HTML
typed by a translator, which assembly escapes) are reported too.

Verbatim items (URLs, e-mail addresses, ``%s``/``%(name)s``/``{name}``/``{0}``
placeholders) of the source must all be in the translation, and the
translation may not add placeholders (both errors: they break links and
formatting). Brackets and quotes compare by family, since languages quote
differently: round ``( )``, square ``[ ]``, and quotes ``« » “ ” "`` as one
family (``“a”`` may become ``«a»``). A translation that loses the balance of a
family is an error; one that is balanced but has a different number of pairs
(an added acronym in parentheses) is a warning.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import NamedTuple

from l10nflow.catalog_entry import NoteKind, entry_format, note_texts
from l10nflow.check.findings import Finding, Severity
from l10nflow.check.model import Family, Unit

_URL = re.compile(r"\b(?:https?://|ftp://|www\.)[^\s<>«»“”\"]+", re.IGNORECASE)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PRINTF = re.compile(
    r"%(?:\([A-Za-z_]\w*\))?[-#0+]*(?:\d+|\*)?(?:\.(?:\d+|\*))?[sdifurxXeEgGcoa]"
    r"|%\d+\$[-#0+]*\d*(?:\.\d+)?[sdifurxXeEgGcoa]"
)
_BRACES = re.compile(r"(?<!\{)\{(?:[A-Za-z_]\w*|\d+)?(?:![rsa])?(?::[^{}]*)?\}(?!\})")
_TRAILING = ".,;:!?)]»”'\"،؛؟"
_RAW_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")


class _Family(NamedTuple):
    name: str
    opening: str
    closing: str
    either: str  # marks that open or close (straight quotes)


_BRACKETS = (
    _Family("round brackets", "(", ")", ""),
    _Family("square brackets", "[", "]", ""),
    _Family("quotes", "«“", "»”", '"'),
)


_MARK_CHARS = '()[]«»“”"'


def _may_hold_verbatim(text: str) -> bool:
    """Whether ``text`` holds what every verbatim item holds (substring tests: this runs
    for every string of every catalog, and most hold none, so the patterns are skipped)."""
    return "@" in text or "{" in text or "%" in text or "://" in text or "www." in text.lower()


def verbatim_items(text: str) -> Counter[str]:
    """URLs, e-mail addresses and format placeholders in ``text`` (escaped ``%%`` excluded)."""
    items: Counter[str] = Counter()
    if not _may_hold_verbatim(text):
        return items
    for url in _URL.findall(text):
        items[url.rstrip(_TRAILING)] += 1
    items.update(_EMAIL.findall(text))
    items.update(_placeholders(text))
    return items


def _placeholders(text: str) -> list[str]:
    found = _BRACES.findall(text) if "{" in text else []
    if "%" in text:
        found += _PRINTF.findall(text.replace("%%", "\0\0"))
    return found


def bracket_marks(text: str) -> Counter[str]:
    """Bracket and quote marks of ``text``, outside verbatim items (whose marks are not prose)."""
    if _may_hold_verbatim(text):
        for pattern in (_URL, _EMAIL, _BRACES, _PRINTF):
            text = pattern.sub(" ", text)
    marks: Counter[str] = Counter()
    for mark in _MARK_CHARS:
        if count := text.count(mark):
            marks[mark] = count
    return marks


class _Balance(NamedTuple):
    pairs: int
    balanced: bool


def bracket_balance(marks: Counter[str], family: _Family) -> _Balance:
    """How many pairs of ``family`` the marks make and whether they are balanced."""
    opens = sum(marks[c] for c in family.opening)
    closes = sum(marks[c] for c in family.closing)
    either = sum(marks[c] for c in family.either)
    total = opens + closes + either
    balanced = total % 2 == 0 and abs(opens - closes) <= either
    return _Balance(total // 2, balanced)


class MarkupFamily(Family):
    """``markup``: verbatim items lost or added, brackets and quotes unlike the source."""

    codes = frozenset({"markup"})

    def unit(self, unit: Unit) -> Iterator[Finding]:
        yield from self._tags(unit)
        yield from self._verbatim(unit)
        yield from self._brackets(unit)

    def _tags(self, unit: Unit) -> Iterator[Finding]:
        fmt = entry_format(unit.entry)
        if "<" in unit.target and not fmt.inline.raw_html:  # else compare reports raw HTML
            added = Counter(_RAW_TAG.findall(unit.target)) - Counter(_RAW_TAG.findall(unit.source))
            if added:
                shown = ", ".join(sorted(added))
                yield unit.finding("markup", f"HTML tags not in the source: {shown}")
        if not fmt.markup:
            return
        for problem in fmt.inline.compare(unit.source, unit.target):
            yield unit.finding("markup", f"inline markup: {problem}")
        if not unit.reviewed:
            placed = note_texts(unit.entry, NoteKind.MARKUP)
            if placed:
                yield unit.finding(
                    "markup",
                    f"inline markup: {placed[0]} (machine translation)",
                    severity=Severity.WARNING,
                )

    def _verbatim(self, unit: Unit) -> Iterator[Finding]:
        source, target = verbatim_items(unit.source), verbatim_items(unit.target)
        if source == target:
            return
        missing = sorted((source - target).elements())
        added = sorted((Counter(_placeholders(unit.target)) - source).elements())
        if missing:
            yield unit.finding("markup", f"missing in the translation: {', '.join(missing)}")
        if added:
            yield unit.finding("markup", f"placeholders not in the source: {', '.join(added)}")

    def _brackets(self, unit: Unit) -> Iterator[Finding]:
        source_marks, target_marks = bracket_marks(unit.source), bracket_marks(unit.target)
        if source_marks == target_marks:
            return
        for family in _BRACKETS:
            source = bracket_balance(source_marks, family)
            target = bracket_balance(target_marks, family)
            if source == target:
                continue
            if source.balanced and not target.balanced:
                yield unit.finding("markup", f"unbalanced {family.name} in the translation")
            elif source.pairs != target.pairs and target.balanced == source.balanced:
                yield unit.finding(
                    "markup",
                    f"{family.name}: {source.pairs} pair(s) in the source, "
                    f"{target.pairs} in the translation",
                    severity=Severity.WARNING,
                )
