"""Glossary data: entries, the loaded glossary with its matching methods, term matches.

A :class:`Glossary` is built once from one or more files (CSV or TBX) and builds
one matching index per language the first time that language is matched; the
matching rules live in :mod:`l10nflow.glossary.matcher`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from pathlib import Path

from l10nflow.glossary.csvio import read_csv
from l10nflow.glossary.entry import (
    CASE_COLUMN,
    CONTEXT_COLUMN,
    ENFORCE_COLUMN,
    NOTE_COLUMN,
    NOUN_POS,
    PLURAL_PREFIX,
    POS_COLUMN,
    GlossaryEntry,
    TermMatch,
    told_apart,
)
from l10nflow.glossary.matcher import MatchIndex, form_key
from l10nflow.glossary.tbx import read_tbx
from l10nflow.languages import PROFILES
from l10nflow.textnorm import is_arabic_lang, tokenize_for_matching

__all__ = [
    "CASE_COLUMN",
    "CONTEXT_COLUMN",
    "ENFORCE_COLUMN",
    "NOTE_COLUMN",
    "NOUN_POS",
    "PLURAL_PREFIX",
    "POS_COLUMN",
    "Glossary",
    "GlossaryEntry",
    "TermMatch",
    "load_tbx",
]


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
        """Read glossary files (``.tbx`` as TBX, anything else as CSV), in layers: a later
        file's entry for a term overrides an earlier file's (see :func:`layered`); raise
        GlossaryError."""
        layers = []
        for path in map(Path, paths):
            read = read_tbx if path.suffix.lower() == ".tbx" else read_csv
            layers.append(read(path))
        return cls(layered(layers))

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
            index = self._indexes[(lang, kind)] = MatchIndex(self.entries, lang, kind)
        return index


def layered(layers: Sequence[Sequence[GlossaryEntry]]) -> list[GlossaryEntry]:
    """Entries of glossaries in load order, each file overriding the ones before it.

    An earlier file's entry is dropped when a later file has an entry with the same
    preferred form (normalised) in a language both have, unless note or context tells
    the two apart (two senses of a homograph). Within one file nothing is dropped.
    """
    kept: list[GlossaryEntry] = []
    for entries in layers:
        newer: dict[tuple[str, str], list[GlossaryEntry]] = {}
        for entry in entries:
            for lang, forms in entry.forms.items():
                newer.setdefault((lang, form_key(forms[0], lang)), []).append(entry)
        if newer:
            kept = [old for old in kept if not _overridden(old, newer)]
        kept.extend(entries)
    return kept


def _overridden(old: GlossaryEntry, newer: dict[tuple[str, str], list[GlossaryEntry]]) -> bool:
    for lang, forms in old.forms.items():
        for new in newer.get((lang, form_key(forms[0], lang)), ()):
            if not told_apart(old, new):
                return True
    return False


def load_tbx(path: str | Path) -> Glossary:
    """A :class:`Glossary` from one TBX file."""
    return Glossary(read_tbx(path))


def _lookup_words(text: str, lang: str) -> list[str]:
    """Normalised words of ``text``; Arabic ones without the article («جندي» finds «الجندي»)."""
    words = [t.norm for t in tokenize_for_matching(text, lang)]
    if is_arabic_lang(lang):
        words = [PROFILES["ar"].without_article(w) for w in words]
    return words


def _holds(words: Sequence[str], run: Sequence[str]) -> bool:
    """Whether ``run`` occurs in ``words`` as consecutive items."""
    width = len(run)
    return any(list(words[i : i + width]) == list(run) for i in range(len(words) - width + 1))


def _digest(entries: Sequence[GlossaryEntry]) -> str:
    """A short sha256 of the entries' normalised content, for signatures."""
    payload = json.dumps([e.content() for e in entries], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]
