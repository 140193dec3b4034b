"""``l10nflow check``: quality gates for CI over PO catalogs and glossaries.

``run_checks(paths, glossary, settings, select=..., ignore=...)`` reads each
catalog once, runs every enabled family of checks and returns a
:class:`CheckReport`; :func:`format_report` renders it as text, JSON, JUnit
XML, GitHub annotations or SARIF. Finding codes and what triggers them:
:data:`CODES` and docs/check.md.
"""

from l10nflow.check.findings import CODES, Code, Finding, Severity, parse_codes, waived_codes
from l10nflow.check.report import FORMATS, format_report
from l10nflow.check.runner import CheckReport, Signature, Suppressed, run_checks

__all__ = [
    "CODES",
    "FORMATS",
    "CheckReport",
    "Code",
    "Finding",
    "Severity",
    "Signature",
    "Suppressed",
    "format_report",
    "parse_codes",
    "run_checks",
    "waived_codes",
]
