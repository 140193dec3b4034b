"""Glossaries: loading (CSV, TBX), lint, and the one term matcher everything shares.

``Glossary.load(paths)`` reads files; ``find_terms`` / ``find_forms`` /
``find_forbidden`` match with the rules in :mod:`l10nflow.glossary.matcher`;
``lint_glossary`` checks files; ``load_tbx`` / ``write_tbx`` and ``write_csv``
convert between formats.
"""

from l10nflow.glossary.csvio import dump_csv, parse_csv, read_csv, write_csv
from l10nflow.glossary.lint import LintFinding, lint_entries, lint_glossary
from l10nflow.glossary.matcher import MatchIndex, form_key
from l10nflow.glossary.model import Glossary, GlossaryEntry, TermMatch, load_tbx
from l10nflow.glossary.tbx import dump_tbx, read_tbx, write_tbx

__all__ = [
    "Glossary",
    "GlossaryEntry",
    "LintFinding",
    "MatchIndex",
    "TermMatch",
    "dump_csv",
    "dump_tbx",
    "form_key",
    "lint_entries",
    "lint_glossary",
    "load_tbx",
    "parse_csv",
    "read_csv",
    "read_tbx",
    "write_csv",
    "write_tbx",
]
