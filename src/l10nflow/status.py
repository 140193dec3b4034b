"""Review status of catalogs: reviewed / fuzzy / untranslated segments and words."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

import polib

from l10nflow.catalog import source_language
from l10nflow.catalog_entry import EntryState, entry_state
from l10nflow.languages import PROFILES, class_body

# A word: letters or digits (Arabic ones with their marks), joined by a hyphen or apostrophe;
# punctuation such as a spaced «،» is not a word.
# A word: letters, digits and the marks written inside words (Arabic tashkeel), hyphen- or
# apostrophe-joined parts included.
_IN_WORD = rf"[\w{class_body(''.join(p.word_marks for p in PROFILES.values()))}]"
_WORD = re.compile(rf"{_IN_WORD}+(?:[-'’]{_IN_WORD}+)*")


def count_words(text: str) -> int:
    """Words as translators count them: runs of letters or digits (Arabic included)."""
    return len(_WORD.findall(text))


@dataclass
class CatalogStatus:
    """Counts of one catalog (obsolete entries excluded)."""

    path: str
    language: str = ""
    source_language: str = ""
    reviewed: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    reviewed_words: int = 0
    fuzzy_words: int = 0
    untranslated_words: int = 0
    changed: int = 0  # unreviewed entries whose source was edited after a review (#| msgid)

    @property
    def total(self) -> int:
        return self.reviewed + self.fuzzy + self.untranslated

    @property
    def total_words(self) -> int:
        return self.reviewed_words + self.fuzzy_words + self.untranslated_words

    @property
    def reviewed_percent(self) -> float:
        return 100.0 * self.reviewed / self.total if self.total else 100.0

    @property
    def pair(self) -> str:
        """``ar→en``: the catalog's language pair ("" for a total over several pairs)."""
        if not self.source_language and not self.language:
            return ""
        return f"{self.source_language or '?'}→{self.language or '?'}"

    def add(self, other: CatalogStatus) -> None:
        for name in ("reviewed", "fuzzy", "untranslated"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
            words = f"{name}_words"
            setattr(self, words, getattr(self, words) + getattr(other, words))
        self.changed += other.changed

    def as_dict(self) -> dict:
        return {
            **asdict(self),
            "pair": self.pair,
            "total": self.total,
            "total_words": self.total_words,
        }


def catalog_status(catalog: polib.POFile, path: Path | str) -> CatalogStatus:
    """Count entries and source words per review state."""
    status = CatalogStatus(
        path=str(path),
        language=catalog.metadata.get("Language", ""),
        source_language=source_language(catalog),
    )
    for entry in catalog:
        if entry.obsolete:
            continue
        state = entry_state(entry)
        if state is EntryState.MEMORY and entry.previous_msgid is not None:
            status.changed += 1
        bucket = {
            EntryState.REVIEWED: "reviewed",
            EntryState.EMPTY: "untranslated",
        }.get(state, "fuzzy")
        setattr(status, bucket, getattr(status, bucket) + 1)
        words = f"{bucket}_words"
        setattr(status, words, getattr(status, words) + count_words(entry.msgid))
    return status


def total_status(statuses: Iterable[CatalogStatus], label: str = "total") -> CatalogStatus:
    """The sum of several catalogs' counts."""
    total = CatalogStatus(path=label)
    for status in statuses:
        total.add(status)
    return total


def pair_totals(statuses: Iterable[CatalogStatus]) -> dict[str, CatalogStatus]:
    """The counts of each language pair (``ar→en``), in order of first appearance."""
    groups: dict[str, list[CatalogStatus]] = {}
    for status in statuses:
        groups.setdefault(status.pair, []).append(status)
    totals = {}
    for pair, members in groups.items():
        total = total_status(members, f"total {pair}")
        total.source_language, total.language = members[0].source_language, members[0].language
        totals[pair] = total
    return totals
