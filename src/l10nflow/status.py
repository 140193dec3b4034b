"""Review status of catalogs: reviewed / fuzzy / untranslated segments and words."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

import polib

from l10nflow.catalog import EntryState, entry_state

_WORD = re.compile(r"[\w\u0600-\u06FF]+(?:[-'’][\w\u0600-\u06FF]+)*")


def count_words(text: str) -> int:
    """Words as translators count them: runs of letters or digits (Arabic included)."""
    return len(_WORD.findall(text))


@dataclass
class CatalogStatus:
    """Counts of one catalog (obsolete entries excluded)."""

    path: str
    language: str = ""
    reviewed: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    reviewed_words: int = 0
    fuzzy_words: int = 0
    untranslated_words: int = 0

    @property
    def total(self) -> int:
        return self.reviewed + self.fuzzy + self.untranslated

    @property
    def total_words(self) -> int:
        return self.reviewed_words + self.fuzzy_words + self.untranslated_words

    @property
    def reviewed_percent(self) -> float:
        return 100.0 * self.reviewed / self.total if self.total else 100.0

    def add(self, other: CatalogStatus) -> None:
        for name in ("reviewed", "fuzzy", "untranslated"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
            words = f"{name}_words"
            setattr(self, words, getattr(self, words) + getattr(other, words))

    def as_dict(self) -> dict:
        return {**asdict(self), "total": self.total, "total_words": self.total_words}


def catalog_status(catalog: polib.POFile, path: Path | str) -> CatalogStatus:
    """Count entries and source words per review state."""
    status = CatalogStatus(path=str(path), language=catalog.metadata.get("Language", ""))
    for entry in catalog:
        state = entry_state(entry)
        if state is EntryState.OBSOLETE:
            continue
        bucket = {
            EntryState.REVIEWED: "reviewed",
            EntryState.EMPTY: "untranslated",
        }.get(state, "fuzzy")
        setattr(status, bucket, getattr(status, bucket) + 1)
        words = f"{bucket}_words"
        setattr(status, words, getattr(status, words) + count_words(entry.msgid))
    return status


def total_status(statuses: Iterable[CatalogStatus]) -> CatalogStatus:
    """The sum of several catalogs' counts."""
    total = CatalogStatus(path="total")
    for status in statuses:
        total.add(status)
    return total
