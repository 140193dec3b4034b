"""Glossary lint: every problem in one or more glossary files, with a stable code.

Codes and severities (``fatal``: the file cannot be loaded at all):

=============================  ========  ===========================================
code                           severity  meaning
=============================  ========  ===========================================
unreadable-file                fatal     missing, a folder, or unreadable
not-utf8                       fatal     not UTF-8 (the likely encoding is named)
empty-file                     fatal     no header row
malformed-csv                  fatal     broken quoting, NUL bytes
malformed-tbx                  fatal     empty, not well-formed, or declares entities
missing-language-column        fatal     fewer than two language columns
unknown-forbidden-language     fatal     ``forbidden:xx`` without an ``xx`` column
duplicate-column               fatal     a column name appears twice
extra-cells                    fatal     more cells than header columns
empty-form                     fatal     a cell with an empty form (``|``, ``a||b``)
conflicting-entry              error     same form, different preferred translation,
                                         not told apart by ``note``/``context``
forbidden-equals-accepted      error     a forbidden form is also an accepted form
wrong-script                   error     Latin-only ``ar`` form, Arabic in ``en`` form
duplicate-entry                warning   same preferred forms as an earlier entry
overridden-entry               info      a later file's entry for the same term replaces
                                         an earlier file's (project over shared glossary)
normalised-collision           warning   forms that only differ before normalisation
empty-cell                     warning   a row without a form in some language
unnamed-column                 warning   text under a column without a name
=============================  ========  ===========================================

Entries of all files are checked together (as they are loaded together); a
finding is reported on the later of two rows and names the earlier one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from l10nflow.errors import GlossaryError
from l10nflow.glossary.csvio import parse_csv
from l10nflow.glossary.entry import GlossaryEntry, told_apart
from l10nflow.glossary.matcher import form_key
from l10nflow.glossary.tbx import read_tbx
from l10nflow.languages import PROFILES
from l10nflow.textnorm import primary_lang

__all__ = ["SEVERITIES", "LintFinding", "lint_entries", "lint_glossary"]

SEVERITIES = ("fatal", "error", "warning", "info")
_ARABIC_SCRIPT_LANGS = {"ar", "fa", "ur", "ps"}
_ARABIC_LETTER = PROFILES["ar"].letter_pattern
_LATIN_LETTER = PROFILES["en"].letter_pattern


@dataclass(frozen=True)
class LintFinding:
    """One lint finding: where, a stable kebab-case code, a severity, a message."""

    path: str
    line: int | None
    code: str
    severity: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.code}: {self.message}"


def lint_glossary(paths: Sequence[str | Path]) -> list[LintFinding]:
    """Lint glossary files (CSV, or TBX by suffix); never raises for bad content."""
    findings: list[LintFinding] = []
    entries: list[GlossaryEntry] = []
    for path in map(Path, paths):
        if path.suffix.lower() == ".tbx":
            try:
                entries.extend(read_tbx(path))
            except GlossaryError as error:
                code = "malformed-tbx" if path.is_file() else "unreadable-file"
                findings.append(LintFinding(str(path), error.line, code, "fatal", error.message))
            continue
        parsed = parse_csv(path)
        entries.extend(parsed.entries)
        findings.extend(
            LintFinding(p.path, p.line, p.code, "fatal" if p.fatal else "warning", p.message)
            for p in parsed.problems
        )
    findings.extend(lint_entries(entries))
    order = {str(p): i for i, p in enumerate(paths)}
    return sorted(findings, key=lambda f: (order.get(f.path, len(order)), f.line or 0, f.code))


def lint_entries(entries: Sequence[GlossaryEntry]) -> list[LintFinding]:
    """Content checks over entries loaded together (no file-format checks)."""
    return [
        *_wrong_script(entries),
        *_cell_collisions(entries),
        *_pairs(entries),
        *_forbidden_accepted(entries),
    ]


def _finding(entry: GlossaryEntry, code: str, severity: str, message: str) -> LintFinding:
    return LintFinding(entry.source, entry.row or None, code, severity, message)


def _all_forms(entry: GlossaryEntry) -> Iterable[tuple[str, str, str]]:
    """(lang, form, label) for every accepted and forbidden form of an entry."""
    for lang, forms in entry.forms.items():
        yield from ((lang, form, lang) for form in forms)
    for lang, forms in entry.forbidden.items():
        yield from ((lang, form, f"forbidden:{lang}") for form in forms)


def _wrong_script(entries: Sequence[GlossaryEntry]) -> Iterable[LintFinding]:
    for entry in entries:
        for lang, form, label in _all_forms(entry):
            arabic = bool(_ARABIC_LETTER.search(form))
            if primary_lang(lang) in _ARABIC_SCRIPT_LANGS:
                wrong = not arabic and bool(_LATIN_LETTER.search(form))
                script = "Latin letters only"
            else:
                wrong, script = arabic, "Arabic letters"
            if wrong:
                yield _finding(
                    entry, "wrong-script", "error", f"'{label}' form {form!r} has {script}"
                )


def _cell_collisions(entries: Sequence[GlossaryEntry]) -> Iterable[LintFinding]:
    for entry in entries:
        for cells, label in ((entry.forms, ""), (entry.forbidden, "forbidden:")):
            for lang, forms in cells.items():
                seen: dict[str, str] = {}
                for form in forms:
                    key = form_key(form, lang)
                    if key in seen:
                        yield _finding(
                            entry,
                            "normalised-collision",
                            "warning",
                            f"'{label}{lang}' forms {seen[key]!r} and {form!r} are the same "
                            "after normalisation",
                        )
                    seen.setdefault(key, form)


def _preferred_keys(entry: GlossaryEntry) -> dict[str, str]:
    return {lang: form_key(forms[0], lang) for lang, forms in entry.forms.items()}


def _pairs(entries: Sequence[GlossaryEntry]) -> Iterable[LintFinding]:
    """duplicate-entry, normalised-collision and conflicting-entry between two entries."""
    preferred = [_preferred_keys(e) for e in entries]
    groups: dict[tuple[str, str], list[int]] = {}
    for index, entry in enumerate(entries):
        keys = {(lang, form_key(f, lang)) for lang, forms in entry.forms.items() for f in forms}
        for key in keys:
            groups.setdefault(key, []).append(index)
    reported: set[tuple[int, int]] = set()
    for (lang, _), members in groups.items():
        for first, second in combinations(members, 2):
            if (first, second) in reported:
                continue
            finding = _compare(
                entries[first], entries[second], preferred[first], preferred[second], lang
            )
            if finding:
                reported.add((first, second))
                yield finding


def _compare(
    a: GlossaryEntry, b: GlossaryEntry, keys_a: dict[str, str], keys_b: dict[str, str], lang: str
) -> LintFinding | None:
    same_langs = set(a.forms) == set(b.forms)
    if a.source != b.source and not told_apart(a, b):
        return _finding(
            b,
            "overridden-entry",
            "info",
            f"overrides {a.location}: a later glossary's entry for the same term wins",
        )
    if same_langs and all(a.forms[x][0] == b.forms[x][0] for x in a.forms):
        return _finding(
            b, "duplicate-entry", "warning", f"same preferred forms as {a.location}; merge the rows"
        )
    if same_langs and keys_a == keys_b:
        return _finding(
            b,
            "normalised-collision",
            "warning",
            f"same as {a.location} after normalisation; the matcher cannot tell them apart",
        )
    differing = [x for x in keys_a if x != lang and x in keys_b and keys_a[x] != keys_b[x]]
    if differing and not told_apart(a, b):
        target = differing[0]
        return _finding(
            b,
            "conflicting-entry",
            "error",
            f"'{lang}' form also in {a.location} with a different preferred '{target}' "
            f"({a.forms[target][0]!r} vs {b.forms[target][0]!r}); add a note or context "
            "that tells them apart",
        )
    return None


def _forbidden_accepted(entries: Sequence[GlossaryEntry]) -> Iterable[LintFinding]:
    accepted: dict[tuple[str, str], GlossaryEntry] = {}
    for entry in entries:
        for lang, forms in entry.forms.items():
            for form in forms:
                accepted.setdefault((lang, form_key(form, lang)), entry)
    for entry in entries:
        for lang, forms in entry.forbidden.items():
            for form in forms:
                holder = accepted.get((lang, form_key(form, lang)))
                if holder is not None:
                    where = "this entry" if holder is entry else holder.location
                    yield _finding(
                        entry,
                        "forbidden-equals-accepted",
                        "error",
                        f"forbidden '{lang}' form {form!r} is accepted by {where}",
                    )
