"""What ``check`` reports: severities, findings, and the registry of finding codes.

Codes are a stable contract (CI configurations, suppression flags and SARIF
rules name them): add new ones, never rename one. Each code has a default
severity, a one-line description, and says whether it judges the text of a
translation (then an unreviewed entry reports it at most at the ``fuzzy``
severity).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import polib

from l10nflow.errors import UsageError

IGNORE_FLAG = "l10nflow-ignore:"


class Severity(StrEnum):
    """How bad a finding is; ``fail_on`` compares by :attr:`rank`."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANKS[self]

    def at_most(self, cap: Severity) -> Severity:
        """This severity, lowered to ``cap`` when it is above it."""
        return cap if self.rank > cap.rank else self


_RANKS = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


@dataclass(frozen=True)
class Code:
    """A registered finding code."""

    name: str
    severity: Severity
    description: str
    content: bool = False  # judges a translation's text (capped for fuzzy entries)


def _codes(*codes: Code) -> dict[str, Code]:
    return {code.name: code for code in codes}


CODES: dict[str, Code] = _codes(
    Code(
        "glossary-missing",
        Severity.ERROR,
        "A glossary term of the source has none of its accepted forms in the translation.",
        content=True,
    ),
    Code(
        "glossary-forbidden",
        Severity.ERROR,
        "The translation contains a form the glossary forbids.",
        content=True,
    ),
    Code(
        "inconsistent-translation",
        Severity.ERROR,
        "One source segment translated differently, or one term rendered with different "
        "accepted forms in a document (warning).",
    ),
    Code(
        "numbers",
        Severity.ERROR,
        "Numbers of the source missing or changed in the translation.",
        content=True,
    ),
    Code(
        "markup",
        Severity.ERROR,
        "Brackets, quotes, URLs, e-mail addresses or placeholders differ from the source.",
        content=True,
    ),
    Code("catalog-syntax", Severity.ERROR, "The PO file is not valid (msgfmt would reject it)."),
    Code(
        "catalog-header",
        Severity.ERROR,
        "The header's Language, Plural-Forms or charset is missing or wrong.",
    ),
    Code("duplicate-entry", Severity.ERROR, "The same msgctxt and msgid appear twice."),
    Code("obsolete-entries", Severity.WARNING, "The catalog holds many obsolete entries."),
    Code("too-many-fuzzy", Severity.ERROR, "More unreviewed (fuzzy) entries than allowed."),
    Code("not-reviewed", Severity.ERROR, "An entry is not reviewed (empty or fuzzy)."),
    Code("below-min-reviewed", Severity.ERROR, "Too small a share of the entries is reviewed."),
)


@dataclass(frozen=True)
class Finding:
    """One problem at one place: a catalog, a line (None: the whole file), a code.

    ``term`` is the glossary form found in the source and ``expected`` the
    accepted target forms, for glossary findings. ``waived`` holds the codes
    that the entry's ``l10nflow-ignore:`` flag silences; it is not reported.
    """

    path: str
    line: int | None
    code: str
    severity: Severity
    message: str
    msgid: str | None = None
    msgstr: str | None = None
    term: str | None = None
    expected: tuple[str, ...] = ()
    waived: frozenset[str] = field(default=frozenset(), compare=False, repr=False)

    def sort_key(self) -> tuple[str, int, str, str]:
        return (self.path, self.line or 0, self.code, self.message)

    def as_dict(self) -> dict[str, Any]:
        """The JSON view (see docs/check.md)."""
        return {
            "path": self.path,
            "line": self.line,
            "code": self.code,
            "severity": self.severity.value,
            "msgid": self.msgid,
            "msgstr": self.msgstr,
            "term": self.term,
            "expected": list(self.expected),
            "message": self.message,
        }


def parse_codes(values: Iterable[str], option: str) -> frozenset[str]:
    """Codes from repeated or comma-separated option values; unknown ones are usage errors."""
    codes = {part.strip() for value in values for part in value.split(",") if part.strip()}
    unknown = sorted(codes - CODES.keys())
    if unknown:
        raise UsageError(
            f"unknown code(s) for {option}: {', '.join(unknown)} (known: {', '.join(CODES)})"
        )
    return frozenset(codes)


def waived_codes(entry: polib.POEntry) -> frozenset[str]:
    """Codes that ``#, l10nflow-ignore:CODE[,CODE…]`` flags of an entry silence.

    polib splits the flag line at commas, so the codes after the first one
    arrive as flags of their own: known codes that follow an ignore flag belong
    to it.
    """
    codes: set[str] = set()
    listing = False
    for flag in entry.flags:
        flag = flag.strip()
        if flag.startswith(IGNORE_FLAG):
            codes.add(flag[len(IGNORE_FLAG) :].strip())
            listing = True
        elif listing and flag in CODES:
            codes.add(flag)
        else:
            listing = False
    return frozenset(codes)
