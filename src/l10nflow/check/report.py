"""Rendering a :class:`CheckReport`: text, JSON, JUnit XML, GitHub annotations, SARIF 2.1.0.

Every formatter is a pure function of the report (and, for text, whether to
colour); the command decides where the result goes. The JSON layout is
documented in docs/check.md and versioned by :data:`REPORT_VERSION`.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from itertools import groupby
from pathlib import Path
from typing import Any
from urllib.parse import quote

from l10nflow import __version__
from l10nflow.check.findings import CODES, Finding, Severity
from l10nflow.check.runner import CheckReport

REPORT_VERSION = 1
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
# SGR codes of a coloured text report: bold, in red / yellow / cyan by severity.
_COLORS = {Severity.ERROR: "1;31", Severity.WARNING: "1;33", Severity.INFO: "1;36"}
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


# Characters that would let a catalog's text forge report lines or drive a terminal:
# C0 and C1 controls (line breaks, ESC) and the bidi embeddings, overrides and isolates.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` with every control or bidi-override character shown as an escape (``\\n``)."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def _where(finding: Finding) -> str:
    where = f"{finding.path}:{finding.line}" if finding.line else finding.path
    return printable(where)


def _styled(text: str, sgr: str) -> str:
    return f"\x1b[{sgr}m{text}\x1b[0m"


def format_text(report: CheckReport, color: bool = False) -> str:
    """``path:line: code: message`` grouped by file, then the summary line."""
    blocks: list[str] = []
    for _, group in groupby(report.findings, key=lambda f: f.path):
        lines = []
        for finding in group:
            code, where = finding.code, _where(finding)
            if color:
                code = _styled(code, _COLORS[finding.severity])
                where = _styled(where, "1")
            tail = "" if finding.severity is Severity.ERROR else f" [{finding.severity.value}]"
            lines.append(f"{where}: {code}: {printable(finding.message)}{tail}")
        blocks.append("\n".join(lines))
    blocks.append(report.summary_line())
    return "\n\n".join(blocks) + "\n"


def format_json(report: CheckReport) -> str:
    """A ``version``/``signature``/``summary``/``findings`` object (plus ``suppressed``)."""
    data = {
        "version": REPORT_VERSION,
        "signature": report.signature.as_dict(),
        "summary": report.summary(),
        "findings": [finding.as_dict() for finding in report.findings],
        "suppressed": [
            {**item.finding.as_dict(), "suppressed_by": item.by} for item in report.suppressed
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _xml_text(text: str) -> str:
    return _XML_INVALID.sub("\ufffd", text)


def _detail(finding: Finding) -> str:
    lines = [f"{_where(finding)}: {finding.code}: {finding.message}"]
    if finding.msgid is not None:
        lines += [f"msgid: {finding.msgid}", f"msgstr: {finding.msgstr or ''}"]
    return _xml_text("\n".join(lines))


def format_junit(report: CheckReport) -> str:
    """JUnit XML: a testsuite per catalog, a testcase per finding (or one passing per clean file).

    Findings at or above the failing severity are failures; lower ones pass
    with their text in ``system-out``.
    """
    by_path = {path: [] for path in report.catalogs}
    for finding in report.findings:
        by_path.setdefault(finding.path, []).append(finding)
    root = ET.Element("testsuites", name="l10nflow check")
    total = failures = 0
    for path, findings in by_path.items():
        suite = ET.SubElement(root, "testsuite", name=_xml_text(path))
        failed = 0
        for finding in findings:
            failed += _junit_case(suite, finding, report.fail_on)
        if not findings:
            ET.SubElement(suite, "testcase", classname=_xml_text(path), name="clean")
        tests = max(len(findings), 1)
        suite.attrib.update(tests=str(tests), failures=str(failed), errors="0", skipped="0")
        total, failures = total + tests, failures + failed
    root.attrib.update(tests=str(total), failures=str(failures), errors="0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def _junit_case(suite: ET.Element, finding: Finding, fail_on: Severity) -> int:
    case = ET.SubElement(
        suite,
        "testcase",
        classname=_xml_text(finding.path),
        name=f"{finding.code} (line {finding.line})" if finding.line else finding.code,
        file=_xml_text(finding.path),
    )
    if finding.line:
        case.set("line", str(finding.line))
    if finding.severity.rank >= fail_on.rank:
        failure = ET.SubElement(
            case, "failure", type=finding.code, message=_xml_text(finding.message)
        )
        failure.text = _detail(finding)
        return 1
    ET.SubElement(case, "system-out").text = f"[{finding.severity.value}] {_detail(finding)}"
    return 0


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


_GH_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def format_github(report: CheckReport) -> str:
    """GitHub Actions workflow commands: ``::error file=…,line=…,title=code::message``."""
    lines = []
    for finding in report.findings:
        properties = [f"file={_gh_property(printable(finding.path))}"]
        if finding.line:
            properties.append(f"line={finding.line}")
        properties.append(f"title={_gh_property(finding.code)}")
        command = _GH_COMMANDS[finding.severity]
        message = _gh_data(printable(finding.message.replace("\n", " ")))
        lines.append(f"::{command} {','.join(properties)}::{message}")
    lines.append(report.summary_line())
    return "\n".join(lines) + "\n"


_SARIF_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def format_sarif(report: CheckReport) -> str:
    """A minimal valid SARIF 2.1.0 log: rules from the code registry, results with locations."""
    rule_index = {name: i for i, name in enumerate(CODES)}
    rules = [
        {
            "id": code.name,
            "name": "".join(part.title() for part in code.name.split("-")),
            "shortDescription": {"text": code.description},
            "defaultConfiguration": {"level": _SARIF_LEVELS[code.severity]},
        }
        for code in CODES.values()
    ]
    results = [_sarif_result(f, rule_index) for f in report.findings]
    results += [
        {
            **_sarif_result(item.finding, rule_index),
            "suppressions": [{"kind": "inSource" if item.by == "flag" else "external"}],
        }
        for item in report.suppressed
    ]
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "l10nflow",
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "results": results,
                "properties": {"signature": str(report.signature)},
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def _artifact_uri(path: str) -> str:
    """A SARIF artifact URI: absolute paths as file URIs, relative ones percent-encoded."""
    location = Path(path)
    if location.is_absolute():
        return location.as_uri()
    return quote(location.as_posix(), safe="/", errors="backslashreplace")


def _sarif_result(finding: Finding, rule_index: dict[str, int]) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": _artifact_uri(finding.path)}}
    if finding.line:
        physical["region"] = {"startLine": finding.line}
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": rule_index[finding.code],
        "level": _SARIF_LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": physical}],
    }
    extra = {k: v for k, v in finding.as_dict().items() if k in ("msgid", "term", "expected")}
    if finding.msgid is not None:
        result["properties"] = extra
    return result


FORMATS: dict[str, Callable[[CheckReport], str]] = {
    "text": format_text,
    "json": format_json,
    "junit": format_junit,
    "github": format_github,
    "sarif": format_sarif,
}


def format_report(report: CheckReport, fmt: str = "text", *, color: bool = False) -> str:
    """The report in one of :data:`FORMATS`; ``color`` applies to text only."""
    if fmt == "text":
        return format_text(report, color=color)
    return FORMATS[fmt](report)
