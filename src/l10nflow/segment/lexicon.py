"""Word lists of the segmenter, read from data files: abbreviation classes, sentence starters,
enumerators and the words that mark lines as units.

The lists are package data (``l10nflow/segment/data/*.txt``, one entry a line, ``#``
comments, ``[section]`` lines where a file has sections) read once with
:mod:`importlib.resources`.
This module also owns the one normalisation both the lists and the text go through before
they are compared (:func:`word_key`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from l10nflow.languages import PROFILES, class_body

ABBREVIATION_CLASSES = ("prefix", "number", "general", "after-number", "final")

# Arabic diacritics (harakat, shadda, sukun, superscript alef) and tatweel: not part of a
# word's identity when it is looked up.
_IGNORED = re.compile(f"[{class_body(PROFILES['ar'].word_marks)}]")
_SECTION = re.compile(r"\[([a-z-]+)\]")


def word_key(word: str) -> str:
    """The form a word or abbreviation is looked up by: no final dot, case-folded, bare letters."""
    return _IGNORED.sub("", word.rstrip(".")).casefold()


@dataclass(frozen=True)
class Abbreviations:
    """Abbreviation keys (see :func:`word_key`) by the class that decides where they may end."""

    prefix: frozenset[str] = frozenset()
    number: frozenset[str] = frozenset()
    general: frozenset[str] = frozenset()
    after_number: frozenset[str] = frozenset()
    final: frozenset[str] = frozenset()

    def __or__(self, other: Abbreviations) -> Abbreviations:
        return Abbreviations(
            self.prefix | other.prefix,
            self.number | other.number,
            self.general | other.general,
            self.after_number | other.after_number,
            self.final | other.final,
        )

    def __contains__(self, key: object) -> bool:
        return any(key in group for group in (self.prefix, self.number, self.general, self.final))

    def with_general(self, extra: Iterable[str]) -> Abbreviations:
        """These abbreviations plus ``extra`` (each may hold several words) as general ones."""
        keys = {word_key(part) for entry in extra for part in entry.split()}
        keys.discard("")
        if keys <= self.general:
            return self
        return Abbreviations(
            self.prefix, self.number, self.general | keys, self.after_number, self.final
        )


def _data_lines(name: str) -> Iterable[tuple[int, str]]:
    text = files("l10nflow.segment").joinpath("data", name).read_text(encoding="utf-8")
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if line and not line.startswith("#"):
            yield number, line


def parse_sections(
    lines: Iterable[tuple[int, str]], source: str, names: Iterable[str], kind: str = "section"
) -> dict[str, list[str]]:
    """The entries of each ``[name]`` section of numbered, non-comment lines, as written."""
    found: dict[str, list[str]] = {name: [] for name in names}
    section: str | None = None
    for number, line in lines:
        header = _SECTION.fullmatch(line)
        if header:
            section = header.group(1)
            if section not in found:
                raise ValueError(f"{source}:{number}: unknown {kind} [{section}]")
        elif section is None:
            raise ValueError(f"{source}:{number}: entry before any [{kind}] line")
        else:
            found[section].append(line)
    return found


def parse_abbreviations(lines: Iterable[tuple[int, str]], source: str) -> Abbreviations:
    """Build :class:`Abbreviations` from numbered, non-comment lines of a list file."""
    raw = parse_sections(lines, source, ABBREVIATION_CLASSES, "abbreviation class")
    found = {name: {word_key(entry) for entry in entries} for name, entries in raw.items()}
    return Abbreviations(
        frozenset(found["prefix"]),
        frozenset(found["number"]),
        frozenset(found["general"]),
        frozenset(found["after-number"]),
        frozenset(found["final"]),
    )


@cache
def abbreviations(lang: str) -> Abbreviations:
    """The packaged abbreviation list of ``lang`` (``data/abbreviations_<lang>.txt``)."""
    name = f"abbreviations_{lang}.txt"
    return parse_abbreviations(_data_lines(name), name)


@cache
def starters(lang: str) -> frozenset[str]:
    """The packaged sentence-starter words of ``lang`` (``data/starters_<lang>.txt``), as keys."""
    return frozenset(word_key(line) for _, line in _data_lines(f"starters_{lang}.txt"))


@cache
def sections(name: str, names: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """The ``[section]`` entries of the packaged list ``data/<name>``, as written."""
    found = parse_sections(_data_lines(name), name, names)
    return {section: tuple(entries) for section, entries in found.items()}
