"""Glossary entries and term matches: the data every glossary module shares.

Columns that carry a meaning, :class:`GlossaryEntry` (one row: accepted and
forbidden forms per language, preferred first) and :class:`TermMatch` (one
occurrence of a form in a text). Reading files, matching and lint build on these.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, NamedTuple

# Columns (besides language codes and ``forbidden:xx``) that carry a meaning.
NOTE_COLUMN = "note"
CONTEXT_COLUMN = "context"
CASE_COLUMN = "case"  # value "sensitive": match this entry's forms case-sensitively
POS_COLUMN = "pos"  # part of speech; enclitic pronouns are only allowed on nouns
ENFORCE_COLUMN = "enforce"  # value "no": found and checked, but MT does not force it
PLURAL_PREFIX = "plural:"  # ``plural:ar``: plurals (broken ones) that stand for the preferred form
NOUN_POS = frozenset({"", "noun", "n", "propernoun", "proper noun", "phrase", "term"})


def _frozen(mapping: Mapping[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(dict(mapping))


@dataclass(frozen=True, eq=True)
class GlossaryEntry:
    """One row of a glossary: accepted and forbidden forms per language, preferred first.

    ``source`` and ``row`` say where the entry was read (file, 1-based line) and
    take no part in equality: two files with the same content have equal entries.
    """

    forms: Mapping[str, tuple[str, ...]]
    forbidden: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    note: str = ""
    extra: Mapping[str, str] = field(default_factory=dict)
    source: str = field(default="", compare=False)
    row: int = field(default=0, compare=False)

    def __post_init__(self) -> None:
        for name in ("forms", "forbidden"):
            cells = {lang: tuple(forms) for lang, forms in getattr(self, name).items()}
            object.__setattr__(self, name, _frozen(cells))
        object.__setattr__(self, "extra", _frozen(self.extra))

    def __hash__(self) -> int:
        return hash(
            (
                tuple(self.forms.items()),
                tuple(self.forbidden.items()),
                self.note,
                tuple(self.extra.items()),
            )
        )

    def preferred(self, lang: str) -> str | None:
        """The form MT must produce in ``lang`` (the first listed), or None."""
        forms = self.forms.get(lang)
        return forms[0] if forms else None

    @property
    def context(self) -> str:
        return self.extra.get(CONTEXT_COLUMN, "")

    def plurals(self, lang: str) -> tuple[str, ...]:
        """Forms of the ``plural:xx`` column: matched as the preferred form, never produced."""
        cell = self.extra.get(PLURAL_PREFIX + lang, "")
        return tuple(form.strip() for form in cell.split("|") if form.strip())

    @property
    def case_sensitive(self) -> bool:
        """Whether the ``case`` column says ``sensitive``."""
        return self.extra.get(CASE_COLUMN, "").strip().lower() == "sensitive"

    @property
    def allows_enclitics(self) -> bool:
        """Whether Arabic enclitic pronouns may attach (only to nouns; see ``pos``)."""
        return self.extra.get(POS_COLUMN, "").strip().lower() in NOUN_POS

    @property
    def enforced(self) -> bool:
        """Whether MT must produce it; ``enforce = no`` marks homographs (e.g. «الفريق» = team)."""
        return self.extra.get(ENFORCE_COLUMN, "").strip().lower() not in ("no", "false", "0")

    @property
    def location(self) -> str:
        return f"{self.source}:{self.row}" if self.source else "<glossary>"

    def content(self) -> dict[str, Any]:
        """A JSON-ready, NFC-normalised view of the entry (no location)."""

        def nfc(value: str) -> str:
            return unicodedata.normalize("NFC", value)

        return {
            "forms": {lang: [nfc(f) for f in forms] for lang, forms in self.forms.items()},
            "forbidden": {lang: [nfc(f) for f in fs] for lang, fs in self.forbidden.items()},
            "note": nfc(self.note),
            "extra": {k: nfc(v) for k, v in self.extra.items()},
        }


class TermMatch(NamedTuple):
    """One occurrence of a glossary form in a text (a named tuple: cheap to make by the many).

    ``start``/``end`` index the original text and cover whole words, clitics
    included; ``surface`` is ``text[start:end]``. ``form`` is the glossary form
    that matched, ``normalized`` its normalised form and ``form_index`` its place
    in the cell (0 = preferred). ``prefix`` and ``suffix`` hold what the matcher
    accepted around the form (Arabic proclitics such as ``وال``, enclitic pronouns
    such as ``ه``, English ``s``/``es``/``ies``/``'s``), normalised; both are empty
    for an exact match. ``alternatives`` lists other entries that match exactly
    the same span (homographs told apart by ``note``/``context``). ``variant`` is
    the ``plural:xx`` form that matched (a broken plural such as «جنود»), standing
    for ``form``; empty otherwise.
    """

    entry: GlossaryEntry
    lang: str
    start: int
    end: int
    surface: str
    form: str
    normalized: str
    form_index: int
    prefix: str = ""
    suffix: str = ""
    alternatives: tuple[GlossaryEntry, ...] = ()
    variant: str = ""

    @property
    def exact(self) -> bool:
        return not self.prefix and not self.suffix and not self.variant


def told_apart(a: GlossaryEntry, b: GlossaryEntry) -> bool:
    """Whether ``note``/``context`` describe both entries, differently (two senses)."""
    label_a, label_b = (a.note.strip(), a.context.strip()), (b.note.strip(), b.context.strip())
    return any(label_a) and any(label_b) and label_a != label_b
