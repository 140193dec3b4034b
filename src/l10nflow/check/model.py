"""Catalogs as the checks see them, and the interface every family of checks implements.

A catalog is read and parsed once into a :class:`LoadedCatalog` (its text, its
polib entries, its two languages); each translated string of an entry is a
:class:`Unit`. A :class:`Family` gets every catalog, every unit, and a call at
the end of each catalog and of the run, and yields findings; families never
read files themselves. When worker processes share the catalogs, a family
that compares across catalogs hands its state over (``partial``/``merge``)
before the end of the run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import polib

from l10nflow.catalog import source_language
from l10nflow.catalog_entry import EntryState, entry_state
from l10nflow.check.findings import CODES, Finding, Severity, waived_codes
from l10nflow.config import CheckSettings
from l10nflow.errors import CatalogError
from l10nflow.fsutil import read_input
from l10nflow.glossary import Glossary
from l10nflow.pofile import parse_po


@dataclass
class LoadedCatalog:
    """One parsed PO file with its languages (header, else folder, else guessed)."""

    path: Path
    text: str
    po: polib.POFile
    source_lang: str
    target_lang: str
    folder_lang: str | None
    fuzzy_cap: Severity
    _waivers: dict[int, frozenset[str]] = field(default_factory=dict, repr=False)

    @property
    def name(self) -> str:
        return str(self.path)

    @cached_property
    def lines(self) -> list[str]:
        return self.text.splitlines()

    def header_line(self, name: str) -> int | None:
        """The line of header field ``name`` (``"Language"``), else of the header entry."""
        pattern = re.compile(rf'^\s*"{re.escape(name)}\s*:', re.IGNORECASE)
        fallback = None
        for number, line in enumerate(self.lines, start=1):
            if pattern.match(line):
                return number
            if fallback is None and line.startswith('msgid ""'):
                fallback = number
        return fallback

    def active(self) -> Iterator[polib.POEntry]:
        """Entries that are not obsolete."""
        return (entry for entry in self.po if not entry.obsolete)

    def finding(
        self, code: str, message: str, *, line: int | None = None, severity: Severity | None = None
    ) -> Finding:
        """A finding about the file as a whole (or a header line)."""
        return Finding(self.name, line, code, severity or CODES[code].severity, message)

    def entry_finding(
        self,
        entry: polib.POEntry,
        code: str,
        message: str,
        *,
        severity: Severity | None = None,
        msgstr: str | None = None,
        term: str | None = None,
        expected: Iterable[str] = (),
    ) -> Finding:
        """A finding about one entry, waivable by its ``l10nflow-ignore:`` flag."""
        waived = self._waivers.get(id(entry))
        if waived is None:
            waived = self._waivers[id(entry)] = waived_codes(entry)
        return Finding(
            path=self.name,
            line=entry.linenum,
            code=code,
            severity=severity or CODES[code].severity,
            message=message,
            msgid=entry.msgid,
            msgstr=entry.msgstr if msgstr is None else msgstr,
            term=term,
            expected=tuple(expected),
            waived=waived,
        )

    def units(self) -> Iterator[Unit]:
        """Every translated string of every active entry (one per plural form)."""
        for entry in self.active():
            state = entry_state(entry)
            if state is EntryState.EMPTY:
                continue
            if entry.msgid_plural:
                for index, target in sorted(entry.msgstr_plural.items()):
                    source = entry.msgid if int(index) == 0 else entry.msgid_plural
                    if target:
                        yield Unit(self, entry, source, target, state)
            elif entry.msgstr:
                yield Unit(self, entry, entry.msgid, entry.msgstr, state)


@dataclass(frozen=True)
class Unit:
    """A source string and its translation, from one entry of one catalog."""

    catalog: LoadedCatalog
    entry: polib.POEntry
    source: str
    target: str
    state: EntryState

    @property
    def reviewed(self) -> bool:
        return self.state is EntryState.REVIEWED

    def finding(
        self,
        code: str,
        message: str,
        *,
        severity: Severity | None = None,
        term: str | None = None,
        expected: Iterable[str] = (),
    ) -> Finding:
        """A finding on this unit; content findings of unreviewed entries are capped."""
        severity = severity or CODES[code].severity
        if CODES[code].content and not self.reviewed:
            severity = severity.at_most(self.catalog.fuzzy_cap)
        return self.catalog.entry_finding(
            self.entry,
            code,
            message,
            severity=severity,
            msgstr=self.target,
            term=term,
            expected=expected,
        )


def load_catalog(path: Path, fuzzy_cap: Severity) -> LoadedCatalog | Finding:
    """Parse one PO file; a file msgfmt would reject becomes a ``catalog-syntax`` finding.

    A file that cannot be read at all raises :class:`CatalogError` (bad input).
    """
    data = read_input(path, "catalog", CatalogError, limit="catalog")
    try:
        po = parse_po(data, path, allow_duplicates=True)  # reported as duplicate-entry
    except CatalogError as error:
        return Finding(str(path), error.line, "catalog-syntax", Severity.ERROR, error.message)
    folder = path.parent.parent.name if path.parent.name == "LC_MESSAGES" else None
    target = po.metadata.get("Language", "").strip() or folder or _guess_target(po)
    return LoadedCatalog(
        path=path,
        text=data.decode("utf-8", errors="replace"),  # for line look-ups only
        po=po,
        source_lang=source_language(po),
        target_lang=target,
        folder_lang=folder,
        fuzzy_cap=fuzzy_cap,
    )


def _guess_target(po: polib.POFile) -> str:
    from l10nflow.segment import guess_language

    return guess_language(" ".join(entry.msgstr for entry in po[:200]))


class Family:
    """A family of checks: override the hooks it needs; each yields findings.

    ``codes`` are the codes it can report; the runner creates a family only
    when one of them is enabled, and drops findings of codes that are not.
    """

    codes: frozenset[str] = frozenset()

    def __init__(self, settings: CheckSettings, glossary: Glossary | None):
        self.settings = settings
        self.glossary = glossary

    def catalog(self, catalog: LoadedCatalog) -> Iterable[Finding]:
        """Called once per parsed catalog, before its units."""
        return ()

    def unit(self, unit: Unit) -> Iterable[Finding]:
        """Called for every translated unit of the catalog."""
        return ()

    def end_catalog(self, catalog: LoadedCatalog) -> Iterable[Finding]:
        """Called after the catalog's units."""
        return ()

    def end(self) -> Iterable[Finding]:
        """Called once after every catalog."""
        return ()

    def partial(self) -> Any:
        """State that :meth:`end` needs, from a worker that checked some of the catalogs."""
        return None

    def merge(self, state: Any) -> None:
        """Take in a worker's :meth:`partial` state (workers' chunks come in order)."""
