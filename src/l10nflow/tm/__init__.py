"""The translation memory: reviewed pairs of the project's PO files (and TMX imports).

:mod:`~l10nflow.similarity` (shared with the catalogs) defines when two segments
match; :mod:`~l10nflow.tm.store` keeps the units in SQLite with exact and fuzzy
lookup; :mod:`~l10nflow.tm.tmx` reads and writes TMX 1.4b.
"""

from __future__ import annotations

from l10nflow.similarity import DEFAULT_THRESHOLD, match_key, similarity
from l10nflow.tm.store import (
    TMMatch,
    TMUnit,
    TranslationMemory,
    language_tag,
    project_memory,
)
from l10nflow.tm.tmx import dump_tmx, read_tmx, write_tmx

__all__ = [
    "DEFAULT_THRESHOLD",
    "TMMatch",
    "TMUnit",
    "TranslationMemory",
    "dump_tmx",
    "language_tag",
    "match_key",
    "project_memory",
    "read_tmx",
    "similarity",
    "write_tmx",
]
