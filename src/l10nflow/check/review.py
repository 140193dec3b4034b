"""Review completeness gates, per catalog, each active only when asked for.

``max_fuzzy`` (``too-many-fuzzy``): more unreviewed translations (machine or
memory, the ``fuzzy`` ones) than allowed. ``require_reviewed``
(``not-reviewed``): one finding per entry that is empty or fuzzy.
``min_reviewed`` (``below-min-reviewed``): reviewed entries below a percentage
of the active ones. Obsolete entries never count.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator

from l10nflow.catalog_entry import EntryState, entry_state
from l10nflow.check.findings import Finding
from l10nflow.check.model import Family, LoadedCatalog

_FUZZY = (EntryState.MACHINE, EntryState.MEMORY)
_STATE_WORDS = {
    EntryState.EMPTY: "not translated",
    EntryState.MACHINE: "machine translation not reviewed (fuzzy)",
    EntryState.MEMORY: "suggestion not reviewed (fuzzy)",
}


class ReviewFamily(Family):
    """``too-many-fuzzy``, ``not-reviewed`` and ``below-min-reviewed``."""

    codes = frozenset({"too-many-fuzzy", "not-reviewed", "below-min-reviewed"})

    def catalog(self, catalog: LoadedCatalog) -> Iterator[Finding]:
        settings = self.settings
        counts: Counter[EntryState] = Counter()
        for entry in catalog.active():
            state = entry_state(entry)
            counts[state] += 1
            if settings.require_reviewed and state is not EntryState.REVIEWED:
                yield catalog.entry_finding(entry, "not-reviewed", _STATE_WORDS[state])
        fuzzy = sum(counts[state] for state in _FUZZY)
        if settings.max_fuzzy is not None and fuzzy > settings.max_fuzzy:
            message = f"{fuzzy} fuzzy entries (at most {settings.max_fuzzy} allowed)"
            yield catalog.finding("too-many-fuzzy", message)
        total = sum(counts.values())
        if settings.min_reviewed is not None and total:
            percent = 100.0 * counts[EntryState.REVIEWED] / total
            if percent < settings.min_reviewed:
                shown = math.floor(percent * 10) / 10  # never rounded up to the threshold
                message = (
                    f"{shown:.1f}% of {total} entries reviewed "
                    f"(at least {settings.min_reviewed:g}% required)"
                )
                yield catalog.finding("below-min-reviewed", message)
