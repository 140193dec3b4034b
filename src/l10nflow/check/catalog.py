"""Soundness of the PO files themselves: header, duplicate entries, obsolete entries.

(``catalog-syntax`` comes from reading: :func:`l10nflow.check.model.load_catalog`.)
The header must name its ``Language``, matching the ``locales/<lang>/`` folder
the file sits in; its ``Plural-Forms`` must compute what babel's do for that
language (Arabic has six forms; equivalent expressions are accepted); its
charset must be UTF-8.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from babel import Locale
from babel.core import UnknownLocaleError
from babel.messages.catalog import Catalog as BabelCatalog

from l10nflow.check.findings import Finding
from l10nflow.check.model import Family, LoadedCatalog
from l10nflow.check.plural import PluralSyntaxError, same_plural_forms

_CHARSET = re.compile(r"charset\s*=\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_UTF8 = {"utf-8", "utf8"}


@lru_cache(maxsize=64)
def babel_plural_forms(language: str) -> str | None:
    """babel's Plural-Forms for a language code, or None when babel does not know it."""
    try:
        locale = Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return None
    return BabelCatalog(locale=locale).plural_forms


def _same_language(a: str, b: str) -> bool:
    return a.replace("-", "_").lower() == b.replace("-", "_").lower()


class CatalogFamily(Family):
    """``catalog-header``, ``duplicate-entry`` and ``obsolete-entries``."""

    codes = frozenset({"catalog-header", "duplicate-entry", "obsolete-entries"})

    def catalog(self, catalog: LoadedCatalog) -> Iterator[Finding]:
        yield from self._language(catalog)
        yield from self._charset(catalog)
        yield from self._duplicates(catalog)
        yield from self._obsolete(catalog)

    def _language(self, catalog: LoadedCatalog) -> Iterator[Finding]:
        language = catalog.po.metadata.get("Language", "").strip()
        line = catalog.header_line("Language")
        if not language:
            yield catalog.finding("catalog-header", "no Language in the header", line=line)
            return
        folder = catalog.folder_lang
        if folder and not _same_language(language, folder):
            message = f"Language '{language}' does not match the folder '{folder}'"
            yield catalog.finding("catalog-header", message, line=line)
        yield from self._plural_forms(catalog, language)

    def _plural_forms(self, catalog: LoadedCatalog, language: str) -> Iterator[Finding]:
        expected = babel_plural_forms(language)
        line = catalog.header_line("Plural-Forms")
        if expected is None:
            message = f"unknown Language '{language}'"
            yield catalog.finding("catalog-header", message, line=catalog.header_line("Language"))
            return
        declared = catalog.po.metadata.get("Plural-Forms", "").strip()
        if not declared:
            message = f"no Plural-Forms in the header; for '{language}': {expected}"
            yield catalog.finding("catalog-header", message, line=line)
            return
        try:
            same = same_plural_forms(declared, expected)
        except PluralSyntaxError as error:
            yield catalog.finding("catalog-header", f"malformed Plural-Forms: {error}", line=line)
            return
        if not same:
            message = f"Plural-Forms does not match '{language}': expected {expected}"
            yield catalog.finding("catalog-header", message, line=line)

    def _charset(self, catalog: LoadedCatalog) -> Iterator[Finding]:
        content_type = catalog.po.metadata.get("Content-Type", "")
        match = _CHARSET.search(content_type)
        line = catalog.header_line("Content-Type")
        if not match:
            yield catalog.finding("catalog-header", "no charset in Content-Type", line=line)
        elif match.group(1).lower() not in _UTF8:
            message = f"charset is {match.group(1)}, not UTF-8"
            yield catalog.finding("catalog-header", message, line=line)

    def _duplicates(self, catalog: LoadedCatalog) -> Iterator[Finding]:
        first_line: dict[tuple[str | None, str], int] = {}
        for entry in catalog.active():
            key = (entry.msgctxt, entry.msgid)
            if key in first_line:
                message = f"same msgctxt and msgid as the entry at line {first_line[key]}"
                yield catalog.entry_finding(entry, "duplicate-entry", message)
            else:
                first_line[key] = entry.linenum

    def _obsolete(self, catalog: LoadedCatalog) -> Iterator[Finding]:
        obsolete = [entry for entry in catalog.po if entry.obsolete]
        limit = self.settings.max_obsolete
        if len(obsolete) > limit:
            message = (
                f"{len(obsolete)} obsolete entries (more than {limit}); "
                "remove them with `msgattrib --no-obsolete`"
            )
            yield catalog.finding("obsolete-entries", message, line=obsolete[0].linenum)
