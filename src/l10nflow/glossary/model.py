"""Glossary data: entries, the loaded glossary with its matching methods, term matches.

A :class:`Glossary` is built once from one or more files (CSV or TBX) and builds
one matching index per language the first time that language is matched; the
matching rules live in :mod:`l10nflow.glossary.matcher`.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from l10nflow.glossary.matcher import MatchIndex

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


class Glossary:
    """Entries from one or more glossary files, with term matching per language."""

    def __init__(self, entries: Iterable[GlossaryEntry]):
        self.entries: tuple[GlossaryEntry, ...] = tuple(entries)
        languages: dict[str, None] = {}
        for entry in self.entries:
            languages.update(dict.fromkeys(entry.forms))
            languages.update(dict.fromkeys(entry.forbidden))
        self.languages: tuple[str, ...] = tuple(languages)
        self.digest: str = _digest(self.entries)
        self._indexes: dict[tuple[str, str], MatchIndex] = {}
        self._entry_indexes: dict[tuple[GlossaryEntry, str], MatchIndex] = {}

    @classmethod
    def load(cls, paths: Sequence[str | Path]) -> Glossary:
        """Read glossary files (``.tbx`` as TBX, anything else as CSV); raise GlossaryError."""
        from l10nflow.glossary.csvio import read_csv
        from l10nflow.glossary.tbx import read_tbx

        entries: list[GlossaryEntry] = []
        for path in map(Path, paths):
            read = read_tbx if path.suffix.lower() == ".tbx" else read_csv
            entries.extend(read(path))
        return cls(entries)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Glossary) and self.entries == other.entries

    def __hash__(self) -> int:
        return hash(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def __repr__(self) -> str:
        return f"Glossary({len(self.entries)} entries, {self.languages}, digest={self.digest})"

    def find_terms(self, text: str, lang: str) -> list[TermMatch]:
        """Entries whose accepted forms in ``lang`` occur in ``text`` (source side).

        Longest match wins, matches never overlap, results are in text order.
        """
        return self._index(lang, "forms").find(text)

    def find_forms(self, text: str, entry: GlossaryEntry, lang: str) -> list[TermMatch]:
        """Occurrences of any accepted form of ``entry`` in ``text`` (target side).

        Lenient where a rendering may differ from the cell: a definite Arabic term
        also matches without its articles («جنود» for «الجنود»).
        """
        key = (entry, lang)
        index = self._entry_indexes.get(key)
        if index is None:
            from l10nflow.glossary.matcher import MatchIndex

            index = self._entry_indexes[key] = MatchIndex([entry], lang, "forms", lenient=True)
        return index.find(text)

    def find_forbidden(self, text: str, lang: str) -> list[TermMatch]:
        """Occurrences of forbidden forms in ``lang`` (the entry says what to use instead)."""
        return self._index(lang, "forbidden").find(text)

    def lookup(self, query: str) -> list[tuple[GlossaryEntry, str]]:
        """Entries that ``query`` names, with the form that names it, in glossary order.

        An entry is found when the matcher finds one of its accepted or forbidden
        forms in ``query`` (clitics, inflections), or when the words of ``query``
        (normalised) are words of one of its accepted, forbidden or plural forms,
        in any language: ``troops`` finds «Qatari troops».
        """
        found: dict[GlossaryEntry, str] = {}
        for lang in self.languages:
            for match in [*self.find_terms(query, lang), *self.find_forbidden(query, lang)]:
                found.setdefault(match.entry, match.form)
            words = _lookup_words(query, lang)
            if not words:
                continue
            for entry in self.entries:
                if entry in found:
                    continue
                cells = (
                    *entry.forms.get(lang, ()),
                    *entry.forbidden.get(lang, ()),
                    *entry.plurals(lang),
                )
                for form in cells:
                    if _holds(_lookup_words(form, lang), words):
                        found[entry] = form
                        break
        order = {entry: index for index, entry in enumerate(self.entries)}
        return sorted(found.items(), key=lambda item: order[item[0]])

    def _index(self, lang: str, kind: str) -> MatchIndex:
        index = self._indexes.get((lang, kind))
        if index is None:
            from l10nflow.glossary.matcher import MatchIndex

            index = self._indexes[(lang, kind)] = MatchIndex(self.entries, lang, kind)
        return index


def _lookup_words(text: str, lang: str) -> list[str]:
    """Normalised words of ``text``; Arabic ones without the article («جندي» finds «الجندي»)."""
    from l10nflow.textnorm import is_arabic_lang, tokenize_for_matching

    words = [t.norm for t in tokenize_for_matching(text, lang)]
    if is_arabic_lang(lang):
        words = [w[2:] if w.startswith("ال") and len(w) > 4 else w for w in words]
    return words


def _holds(words: Sequence[str], run: Sequence[str]) -> bool:
    """Whether ``run`` occurs in ``words`` as consecutive items."""
    width = len(run)
    return any(list(words[i : i + width]) == list(run) for i in range(len(words) - width + 1))


def _digest(entries: Sequence[GlossaryEntry]) -> str:
    """A short sha256 of the entries' normalised content, for signatures."""
    payload = json.dumps([e.content() for e in entries], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]
