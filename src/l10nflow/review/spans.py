"""Texts cut into spans for display: glossary terms (source and target) and word diffs.

A span is plain text plus what it is (a term, a missing term, a forbidden
form); templates escape the text, so nothing here produces markup.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from l10nflow.check import Finding
from l10nflow.glossary import Glossary, GlossaryEntry, TermMatch
from l10nflow.textnorm import primary_lang

# A word or a punctuation mark, with the spaces after it (leading spaces stand alone).
_WORDS = re.compile(r"^\s+|(?:[^\s.,;:!?()\[\]\"'«»،؛؟…-]+|.)\s*")


@dataclass(frozen=True)
class TermInfo:
    """What hovering a term shows: its forms in both languages, forbidden ones, the note.

    ``number`` is the entry's place in the glossary (from 1): one card per term and
    page, which every occurrence of the term points to.
    """

    number: int
    source_forms: tuple[str, ...]
    required: str
    accepted: tuple[str, ...]
    forbidden: tuple[str, ...]
    note: str

    @property
    def summary(self) -> str:
        """One line of plain text (a static page's ``title``)."""
        parts = [f"required: {self.required}" if self.required else "no required form"]
        if self.accepted:
            parts.append("accepted: " + ", ".join(self.accepted))
        if self.forbidden:
            parts.append("forbidden: " + ", ".join(self.forbidden))
        return "; ".join(parts)


@dataclass(frozen=True)
class Span:
    """A piece of text; ``kind`` is None (plain), "term", "missing" or "forbidden"."""

    text: str
    kind: str | None = None
    term: TermInfo | None = None


class TermCards:
    """The :class:`TermInfo` of glossary entries for one language pair, made once each."""

    def __init__(self, glossary: Glossary, source_lang: str, target_lang: str):
        self.glossary = glossary
        self.source = _language(glossary, source_lang)
        self.target = _language(glossary, target_lang)
        self._numbers = {id(entry): i + 1 for i, entry in enumerate(glossary.entries)}
        self._cards: dict[int, TermInfo] = {}

    def card(self, entry: GlossaryEntry) -> TermInfo:
        found = self._cards.get(id(entry))
        if found is None:
            accepted = entry.forms.get(self.target, ())
            found = self._cards[id(entry)] = TermInfo(
                number=self._numbers.get(id(entry), 0),
                source_forms=entry.forms.get(self.source, ()),
                required=accepted[0] if accepted else "",
                accepted=accepted[1:],
                forbidden=entry.forbidden.get(self.target, ()),
                note=entry.note,
            )
        return found


def glossary_spans(
    cards: TermCards | None, source: str, target: str, findings: Sequence[Finding] = ()
) -> tuple[list[Span], list[Span]]:
    """Source and target cut at glossary terms.

    A source term is ``missing`` when ``check`` reports it (glossary-missing);
    its renderings in the target are marked ``term``, forbidden forms in the
    target ``forbidden``.
    """
    if cards is None or not source:
        return [Span(source)], [Span(target)] if target else []
    glossary, src, tgt = cards.glossary, cards.source, cards.target
    missing = {f.term for f in findings if f.code == "glossary-missing"}
    source_marks: list[tuple[int, int, str, TermInfo]] = []
    target_marks: list[tuple[int, int, str, TermInfo]] = []
    for match in glossary.find_terms(source, src):
        info = cards.card(match.entry)
        kind = "missing" if match.form in missing else "term"
        source_marks.append((match.start, match.end, kind, info))
        if target:
            found = _renderings(glossary, target, match, tgt)
            target_marks.extend((f.start, f.end, "term", info) for f in found)
    for match in glossary.find_forbidden(target, tgt) if target else []:
        target_marks.append((match.start, match.end, "forbidden", cards.card(match.entry)))
    return _cut(source, source_marks), _cut(target, target_marks) if target else []


def _language(glossary: Glossary, code: str) -> str:
    return code if code in glossary.languages else primary_lang(code)


def _renderings(glossary: Glossary, target: str, match: TermMatch, lang: str) -> list[TermMatch]:
    for entry in (match.entry, *match.alternatives):
        if entry.forms.get(lang):
            found = glossary.find_forms(target, entry, lang)
            if found:
                return found
    return []


def terms_of(*texts: Sequence[Span]) -> list[TermInfo]:
    """The distinct terms of some span lists, by glossary order."""
    found = {span.term.number: span.term for spans in texts for span in spans if span.term}
    return [found[number] for number in sorted(found)]


def _cut(text: str, marks: list[tuple[int, int, str, TermInfo]]) -> list[Span]:
    """``text`` as spans; overlapping marks keep the first (then longest) one."""
    spans: list[Span] = []
    position = 0
    for start, end, kind, info in sorted(marks, key=lambda m: (m[0], -m[1])):
        if start < position or end <= start:
            continue
        if start > position:
            spans.append(Span(text[position:start]))
        spans.append(Span(text[start:end], kind, info))
        position = end
    if position < len(text) or not spans:
        spans.append(Span(text[position:]))
    return spans


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """``old`` → ``new`` word by word: ("equal"|"delete"|"insert", text) pieces in order.

    Words are compared without the spaces after them; equal pieces show the new text.
    """
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    pieces: list[tuple[str, str]] = []
    keys_a, keys_b = [t.strip() for t in a], [t.strip() for t in b]
    matcher = difflib.SequenceMatcher(a=keys_a, b=keys_b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pieces.append(("equal", "".join(b[j1:j2])))
            continue
        if tag in ("delete", "replace"):
            pieces.append(("delete", "".join(a[i1:i2])))
        if tag in ("insert", "replace"):
            pieces.append(("insert", "".join(b[j1:j2])))
    return pieces
