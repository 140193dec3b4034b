"""Glossary checks: terms of the source rendered with accepted forms, no forbidden forms.

Matching is the glossary's own (:meth:`Glossary.find_terms`, ``find_forms``,
``find_forbidden``), so clitics and inflections are understood exactly as MT
enforcement understands them. A source term whose homographs (``alternatives``)
share its span is satisfied by the forms of any of them.

Reports ``glossary-missing``, ``glossary-forbidden`` (an error when the entry's
term is in the source, a warning otherwise: the word may have another sense
there), and, as a warning under ``inconsistent-translation``, a term rendered
with different accepted forms within one catalog.

Homographs: an entry whose ``context`` column is a pattern
(:mod:`l10nflow.glossary.context`, e.g. ``_ NAME; رتبة _``) is required only
where the source has the term in that context, and its forbidden forms are
errors only in that context in the translation; elsewhere both are ``info``.
A translator silences one term in one entry with a translator comment
``# l10nflow: ignore <term>`` (any accepted or forbidden form of the entry, in
either language): its findings count as suppressed by flag.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import replace

from l10nflow.check.findings import Finding, Severity
from l10nflow.check.model import Family, LoadedCatalog, Unit
from l10nflow.glossary import GlossaryEntry, TermMatch
from l10nflow.glossary.context import context_holds
from l10nflow.glossary.matcher import form_key
from l10nflow.languages import PROFILES
from l10nflow.textnorm import is_arabic_lang, primary_lang

_CACHE_LIMIT = 100_000
_IGNORE_COMMENT = re.compile(r"^\s*l10nflow:\s*ignore\s+(.+?)\s*$", re.MULTILINE | re.IGNORECASE)


def quoted_list(forms: Sequence[str], limit: int = 4) -> str:
    """``'a', 'b', 'c'`` (at most ``limit`` items, then an ellipsis)."""
    shown = ", ".join(f"'{form}'" for form in forms[:limit])
    return shown + (", …" if len(forms) > limit else "")


class GlossaryFamily(Family):
    """``glossary-missing``, ``glossary-forbidden``, and term-form consistency per catalog."""

    codes = frozenset({"glossary-missing", "glossary-forbidden", "inconsistent-translation"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._terms: dict[tuple[str, str], list[TermMatch]] = {}
        # Per catalog: entry -> (unit, source match, target match) for every rendering.
        self._renderings: dict[int, list[tuple[Unit, TermMatch, TermMatch]]] = {}

    def unit(self, unit: Unit) -> Iterator[Finding]:
        if self.glossary is None:
            return
        for finding, entry in self._unit(unit):
            yield _waived_by_comment(finding, unit, entry)

    def _unit(self, unit: Unit) -> Iterator[tuple[Finding, GlossaryEntry]]:
        source, target = (
            self._language(unit.catalog.source_lang),
            self._language(unit.catalog.target_lang),
        )
        in_source: set[int] = set()
        required: dict[int, TermMatch] = {}
        elsewhere: dict[int, TermMatch] = {}  # homographs outside their context
        for match in self._find_terms(unit.source, source):
            entries = (match.entry, *match.alternatives)
            in_source.update(id(e) for e in entries)
            fitting = [e for e in entries if _in_context(e, unit.source, match, source)]
            chosen = next((e for e in fitting if e.forms.get(target)), None)
            if chosen is not None:  # its homographs out of context do not satisfy it
                others = tuple(e for e in fitting if e is not chosen)
                if chosen is not match.entry or others != match.alternatives:
                    match = match._replace(entry=chosen, alternatives=others)
                required.setdefault(id(chosen), match)
            elif match.entry.forms.get(target):
                elsewhere.setdefault(id(match.entry), match)
        rendered = self._rendered(unit.target, target) if required or elsewhere else {}
        for match in required.values():
            found = self._rendering(unit.target, match, target, rendered)
            if found is None:
                yield _missing(unit, match, target), match.entry
            else:
                self._renderings.setdefault(id(found.entry), []).append((unit, match, found))
        for match in elsewhere.values():
            if self._rendering(unit.target, match, target, rendered) is None:
                yield _missing(unit, match, target, outside=True), match.entry
        for forbidden in self.glossary.find_forbidden(unit.target, target):
            fits = _in_context(forbidden.entry, unit.target, forbidden, target)
            finding = _forbidden(unit, forbidden, source, id(forbidden.entry) in in_source, fits)
            yield finding, forbidden.entry

    def end_catalog(self, catalog: LoadedCatalog) -> Iterator[Finding]:
        renderings, self._renderings = self._renderings, {}
        for uses in renderings.values():
            forms = Counter(found.form for _, _, found in uses)
            if len(forms) < 2:
                continue
            usual = max(forms, key=lambda f: (forms[f], -_form_index(uses, f)))
            for unit, match, found in uses:
                if found.form != usual:
                    finding = _other_form(unit, match, found, usual, forms[usual])
                    yield _waived_by_comment(finding, unit, found.entry)

    def _language(self, code: str) -> str:
        """A catalog's language as the glossary names it: ``ar_EG`` is ``ar`` unless listed."""
        if code in self.glossary.languages:
            return code
        return primary_lang(code)

    def _find_terms(self, text: str, lang: str) -> list[TermMatch]:
        key = (text, lang)
        found = self._terms.get(key)
        if found is None:
            if len(self._terms) >= _CACHE_LIMIT:
                self._terms.clear()
            found = self._terms[key] = self.glossary.find_terms(text, lang)
        return found

    def _rendered(self, target: str, lang: str) -> dict[int, TermMatch]:
        """Entries (by id) whose forms one scan of the whole index finds in ``target``."""
        rendered: dict[int, TermMatch] = {}
        for match in self.glossary.find_terms(target, lang):
            for entry in (match.entry, *match.alternatives):
                rendered.setdefault(id(entry), match)
        return rendered

    def _rendering(
        self, target: str, match: TermMatch, lang: str, rendered: dict[int, TermMatch]
    ) -> TermMatch | None:
        """The first accepted form of the term (or of a homograph) in ``target``, or None.

        One scan with the whole index answers for most terms; a term it does not
        show (absent, or inside a longer term's span) is looked up on its own.
        """
        candidates = [e for e in (match.entry, *match.alternatives) if e.forms.get(lang)]
        for entry in candidates:
            if id(entry) in rendered:
                return rendered[id(entry)]
        for entry in candidates:
            found = self.glossary.find_forms(target, entry, lang)
            if found:
                return found[0]
        return None


def _form_index(uses: list[tuple[Unit, TermMatch, TermMatch]], form: str) -> int:
    return next(found.form_index for _, _, found in uses if found.form == form)


def _term(match: TermMatch) -> str:
    if match.surface == match.form:
        return f"'{match.form}'"
    return f"'{match.surface}' ('{match.form}')"


def ignored_terms(comment: str) -> frozenset[str]:
    """Terms that ``l10nflow: ignore <term>`` lines of a translator comment silence."""
    return frozenset(m.group(1) for m in _IGNORE_COMMENT.finditer(comment))


def _waived_by_comment(finding: Finding, unit: Unit, entry: GlossaryEntry) -> Finding:
    """``finding``, waived when a translator comment of its entry names ``entry``."""
    ignored = ignored_terms(unit.entry.tcomment or "")
    if ignored and _names(entry, ignored):
        return replace(finding, waived=finding.waived | {finding.code})
    return finding


def _names(entry: GlossaryEntry, terms: frozenset[str]) -> bool:
    """Whether one of ``terms`` is an accepted, forbidden or plural form of ``entry``."""
    for lang in {*entry.forms, *entry.forbidden}:
        keys = {_name_key(term, lang) for term in terms}
        forms = (*entry.forms.get(lang, ()), *entry.forbidden.get(lang, ()), *entry.plurals(lang))
        if any(_name_key(form, lang) in keys for form in forms):
            return True
    return False


def _name_key(text: str, lang: str) -> str:
    """A form's matching key; an Arabic one without its article («فرقاطة» names «الفرقاطة»)."""
    key = form_key(text, lang)
    return PROFILES["ar"].without_article(key) if is_arabic_lang(lang) else key


def _in_context(entry: GlossaryEntry, text: str, match: TermMatch, lang: str) -> bool:
    return context_holds(entry.context, text, match.start, match.end, lang)


def _missing(unit: Unit, match: TermMatch, lang: str, outside: bool = False) -> Finding:
    expected = match.entry.forms[lang]
    message = f"glossary term {_term(match)} is not rendered: expected '{expected[0]}'"
    if len(expected) > 1:
        message += f" (also accepted: {quoted_list(expected[1:])})"
    homographs = [e.preferred(lang) for e in match.alternatives if e.preferred(lang)]
    if homographs:
        message += f"; as a homograph: {quoted_list(homographs)}"
    if outside:
        message += f" (outside its context '{match.entry.context}': another sense?)"
    severity = Severity.INFO if outside else None
    return unit.finding(
        "glossary-missing", message, severity=severity, term=match.form, expected=expected
    )


def _forbidden(
    unit: Unit, match: TermMatch, source: str, in_source: bool, in_context: bool = True
) -> Finding:
    entry: GlossaryEntry = match.entry
    use = entry.forms.get(match.lang, ())
    message = f"'{match.surface}' is a forbidden rendering"
    source_form = entry.preferred(source)
    if source_form:
        message += f" of '{source_form}'"
    if use:
        message += f"; use {quoted_list(use)}"
    if not in_context:
        message += f" (outside its context '{entry.context}': another sense?)"
    elif not in_source:
        message += " (the term is not in the source: another sense?)"
    severity = None if in_source else Severity.WARNING
    if not in_context:
        severity = Severity.INFO
    return unit.finding(
        "glossary-forbidden",
        message,
        severity=severity,
        term=source_form,
        expected=use,
    )


def _other_form(unit: Unit, match: TermMatch, found: TermMatch, usual: str, count: int) -> Finding:
    message = (
        f"'{found.form}' renders {_term(match)} here, but '{usual}' does in {count} other "
        f"entr{'y' if count == 1 else 'ies'} of this catalog"
    )
    return unit.finding(
        "inconsistent-translation",
        message,
        severity=Severity.WARNING,
        term=match.form,
        expected=(usual,),
    )
