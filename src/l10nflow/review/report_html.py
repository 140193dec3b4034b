"""``check --format html``: the QA report as one self-contained page in the desk's style."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from l10nflow.check.findings import Finding
from l10nflow.check.runner import CheckReport
from l10nflow.review.render import render


@dataclass
class _Group:
    findings: list[Finding] = field(default_factory=list)

    @property
    def counts(self) -> Counter:
        return Counter(f.severity.value for f in self.findings)


def format_html(report: CheckReport) -> str:
    """A static HTML page: summary, signature, a table per catalog, each finding with its entry."""
    groups: dict[str, _Group] = {path: _Group() for path in report.catalogs}
    for finding in report.findings:
        groups.setdefault(finding.path, _Group()).findings.append(finding)
    return render("check.html", static=True, home="#", report=report, groups=list(groups.items()))
