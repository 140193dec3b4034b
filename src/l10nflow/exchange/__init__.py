"""Exchange with CAT tools (Trados, memoQ, Phrase, OmegaT): XLIFF out and back in.

:mod:`~l10nflow.exchange.model` holds what both XLIFF versions share (unit ids,
the units read back, notes, inline tags); :mod:`~l10nflow.exchange.xliff` writes
XLIFF 1.2 and reads 1.2 and 2.x safely; :mod:`~l10nflow.exchange.xliff2` writes 2.0.
:mod:`~l10nflow.exchange.handoff` exports a project's catalogs and merges
returned files into them under the project lock, never overwriting reviewed work.
"""

from __future__ import annotations

from l10nflow.exchange.handoff import (
    CatalogImport,
    Conflict,
    export_catalogs,
    import_xliff,
    merge_units,
)
from l10nflow.exchange.model import XliffFile, XliffUnit, unit_id
from l10nflow.exchange.xliff import dump_xliff, parse_xliff, read_xliff, xliff_state
from l10nflow.exchange.xliff2 import dump_xliff2, xliff2_state

__all__ = [
    "CatalogImport",
    "Conflict",
    "XliffFile",
    "XliffUnit",
    "dump_xliff",
    "dump_xliff2",
    "export_catalogs",
    "import_xliff",
    "merge_units",
    "parse_xliff",
    "read_xliff",
    "unit_id",
    "xliff2_state",
    "xliff_state",
]
