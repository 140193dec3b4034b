"""Consistency across the project: one source segment, one reviewed translation.

Reviewed entries of every checked catalog are grouped by target language,
``msgctxt`` and whitespace-normalised ``msgid``; a group whose translations
(whitespace-normalised) differ yields ``inconsistent-translation`` on each of
its entries, naming the other renderings. Unreviewed entries are not compared:
review is where they become consistent. (Term-level consistency within a
catalog is checked by :mod:`l10nflow.check.glossary`.)
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from l10nflow.catalog_entry import EntryState, entry_state
from l10nflow.check.findings import CODES, Finding, waived_codes
from l10nflow.check.model import Family, LoadedCatalog
from l10nflow.textnorm import primary_lang


def squeeze(text: str) -> str:
    """Whitespace runs as one space, ends stripped."""
    return " ".join(text.split())


class _Seen(NamedTuple):
    """A reviewed entry as remembered until the end of the run (small, picklable)."""

    path: str
    line: int
    msgid: str
    msgstr: str
    translation: tuple[str, ...]
    waived: frozenset[str]


class ConsistencyFamily(Family):
    """``inconsistent-translation`` between reviewed entries of the same source segment."""

    codes = frozenset({"inconsistent-translation"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._groups: dict[tuple[str, str | None, str], list[_Seen]] = {}

    def catalog(self, catalog: LoadedCatalog) -> Iterator[Finding]:
        lang = primary_lang(catalog.target_lang)
        for entry in catalog.active():
            if entry_state(entry) is not EntryState.REVIEWED:
                continue
            key = (lang, entry.msgctxt, squeeze(entry.msgid))
            waived = waived_codes(entry) if entry.flags else frozenset()
            seen = _Seen(
                catalog.name, entry.linenum, entry.msgid, entry.msgstr, _translation(entry), waived
            )
            self._groups.setdefault(key, []).append(seen)
        return iter(())

    def partial(self) -> dict[tuple[str, str | None, str], list[_Seen]]:
        return self._groups

    def merge(self, state: dict[tuple[str, str | None, str], list[_Seen]]) -> None:
        for key, seen in state.items():
            self._groups.setdefault(key, []).extend(seen)

    def end(self) -> Iterator[Finding]:
        for seen in self._groups.values():
            variants = {item.translation for item in seen}
            if len(variants) < 2:
                continue
            for item in seen:
                others = [o for o in seen if o.translation != item.translation]
                yield _finding(item, others)


def _translation(entry) -> tuple[str, ...]:
    if entry.msgid_plural:
        return tuple(squeeze(text) for _, text in sorted(entry.msgstr_plural.items()))
    return (squeeze(entry.msgstr),)


def _finding(seen: _Seen, others: list[_Seen]) -> Finding:
    first = others[0]
    message = (
        f"same source translated differently at {first.path}:{first.line}: "
        f"'{' | '.join(first.translation)}'"
    )
    if len(others) > 1:
        message += f" (and {len(others) - 1} more)"
    return Finding(
        path=seen.path,
        line=seen.line,
        code="inconsistent-translation",
        severity=CODES["inconsistent-translation"].severity,
        message=message,
        msgid=seen.msgid,
        msgstr=seen.msgstr,
        waived=seen.waived,
    )
