"""Exchange with CAT tools (Trados, memoQ, Phrase, OmegaT): XLIFF 1.2 out and back in.

:mod:`~l10nflow.exchange.xliff` is the file format: one XLIFF ``<file>`` per PO
catalog, entry states mapped to XLIFF states, and a safe reader.
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
from l10nflow.exchange.xliff import (
    XliffFile,
    XliffUnit,
    dump_xliff,
    parse_xliff,
    read_xliff,
    unit_id,
    xliff_state,
)

__all__ = [
    "CatalogImport",
    "Conflict",
    "XliffFile",
    "XliffUnit",
    "dump_xliff",
    "export_catalogs",
    "import_xliff",
    "merge_units",
    "parse_xliff",
    "read_xliff",
    "unit_id",
    "xliff_state",
]
