"""Running the checks: catalogs and a glossary in, one :class:`CheckReport` out.

Each catalog is read once and handed to every enabled family of checks
(:mod:`~l10nflow.check.glossary`, :mod:`~l10nflow.check.consistency`,
:mod:`~l10nflow.check.numbers`, :mod:`~l10nflow.check.markup`,
:mod:`~l10nflow.check.catalog`, :mod:`~l10nflow.check.review`). Findings of
codes that are not selected are dropped; findings waived by an entry's
``l10nflow-ignore:`` flag or by ``[check] ignore`` are kept apart as
suppressed, so the summary can count them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from l10nflow import __version__
from l10nflow.check.catalog import CatalogFamily
from l10nflow.check.consistency import ConsistencyFamily
from l10nflow.check.findings import CODES, Finding, Severity, parse_codes
from l10nflow.check.glossary import GlossaryFamily
from l10nflow.check.markup import MarkupFamily
from l10nflow.check.model import Family, load_catalog
from l10nflow.check.numbers import NumbersFamily
from l10nflow.check.parallel import available_cpus, batch_gc, run_chunks
from l10nflow.check.review import ReviewFamily
from l10nflow.config import CheckSettings
from l10nflow.glossary import Glossary

_PARALLEL_FROM = 64  # catalogs; fewer are checked in this process
_CHUNKS_PER_JOB = 4  # smaller chunks even out uneven catalogs

FAMILIES: tuple[type[Family], ...] = (
    CatalogFamily,
    ReviewFamily,
    GlossaryFamily,
    NumbersFamily,
    MarkupFamily,
    ConsistencyFamily,
)


@dataclass(frozen=True)
class Signature:
    """Everything a report depends on, so that a result can be reproduced (as sacrebleu does)."""

    version: str
    glossary: str | None
    settings: dict[str, Any]

    def as_dict(self) -> dict[str, Any]:
        return {
            "l10nflow": self.version,
            "glossary": self.glossary,
            "settings": self.settings,
            "text": str(self),
        }

    def __str__(self) -> str:
        parts = [f"l10nflow:{self.version}", f"glossary:{self.glossary or 'none'}"]
        for key, value in self.settings.items():
            if isinstance(value, list):
                value = ",".join(value) or "none"
            elif isinstance(value, bool):
                value = "yes" if value else "no"
            parts.append(f"{key.replace('_', '-')}:{'none' if value is None else value}")
        return "|".join(parts)


@dataclass(frozen=True)
class Suppressed:
    """A finding that a flag in its entry (``flag``) or ``[check] ignore`` (``config``) waived."""

    finding: Finding
    by: str


@dataclass
class CheckReport:
    """The outcome of a run: findings (sorted), suppressed ones, catalogs, signature."""

    findings: list[Finding]
    suppressed: list[Suppressed]
    catalogs: list[str]
    signature: Signature
    fail_on: Severity = Severity.ERROR

    @property
    def failed(self) -> bool:
        """Whether a finding is at or above the failing severity."""
        return any(f.severity.rank >= self.fail_on.rank for f in self.findings)

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0

    def summary(self) -> dict[str, Any]:
        severities = Counter(f.severity.value for f in self.findings)
        by = Counter(s.by for s in self.suppressed)
        return {
            "catalogs": len(self.catalogs),
            "catalogs_with_findings": len({f.path for f in self.findings}),
            "findings": len(self.findings),
            **{severity.value: severities[severity.value] for severity in reversed(Severity)},
            "suppressed": len(self.suppressed),
            "suppressed_by_flag": by["flag"],
            "suppressed_by_config": by["config"],
            "fail_on": self.fail_on.value,
            "failed": self.failed,
        }

    def summary_line(self) -> str:
        """``3 errors, 1 warning, 0 info in 2 of 10 catalogs; 3 suppressed (…)``."""
        s = self.summary()
        counts = ", ".join(_count(s[v.value], v.value) for v in reversed(Severity))
        line = f"{counts} in {s['catalogs_with_findings']} of {s['catalogs']} catalog(s)"
        if s["suppressed"]:
            line += (
                f"; {s['suppressed']} suppressed ({s['suppressed_by_flag']} by flag, "
                f"{s['suppressed_by_config']} by config)"
            )
        return line


def _count(number: int, word: str) -> str:
    plural = "" if number == 1 or word == "info" else "s"
    return f"{number} {word}{plural}"


@dataclass
class _Collector:
    enabled: frozenset[str]
    config_ignored: frozenset[str]
    findings: list[Finding] = field(default_factory=list)
    suppressed: list[Suppressed] = field(default_factory=list)

    def add(self, found: Iterable[Finding]) -> None:
        for finding in found:
            if finding.code not in self.enabled:
                continue
            if finding.code in finding.waived:
                self.suppressed.append(Suppressed(finding, "flag"))
            elif finding.code in self.config_ignored:
                self.suppressed.append(Suppressed(finding, "config"))
            else:
                self.findings.append(finding)


@dataclass(frozen=True)
class _Plan:
    """What checking a chunk of catalogs needs (inherited by forked workers)."""

    glossary: Glossary | None
    settings: CheckSettings
    enabled: frozenset[str]
    config_ignored: frozenset[str]

    def families(self) -> list[Family]:
        return [k(self.settings, self.glossary) for k in FAMILIES if k.codes & self.enabled]

    def collector(self) -> _Collector:
        return _Collector(self.enabled, self.config_ignored)

    def scan(self, paths: Sequence[Path], families: list[Family], collector: _Collector) -> None:
        """Check each catalog with every family (the per-catalog part of a run)."""
        cap = Severity(self.settings.fuzzy_severity)
        for path in paths:
            loaded = load_catalog(path, cap)
            if isinstance(loaded, Finding):
                collector.add([loaded])
                continue
            for family in families:
                collector.add(family.catalog(loaded))
            for unit in loaded.units():
                for family in families:
                    collector.add(family.unit(unit))
            for family in families:
                collector.add(family.end_catalog(loaded))

    def scan_chunk(self, paths: Sequence[Path]) -> tuple[_Collector, list[Any]]:
        """A worker's share: its findings and the families' state for the cross-catalog end."""
        families, collector = self.families(), self.collector()
        self.scan(paths, families, collector)
        return collector, [family.partial() for family in families]


def run_checks(
    paths: Sequence[Path],
    glossary: Glossary | None = None,
    settings: CheckSettings | None = None,
    *,
    select: Collection[str] = (),
    ignore: Collection[str] = (),
    jobs: int | None = None,
) -> CheckReport:
    """Check PO files against a glossary and settings; see docs/check.md.

    ``select`` limits the codes reported (default: all), ``ignore`` removes
    some; unknown codes raise :class:`~l10nflow.errors.UsageError`. A code that
    ``[check] ignore`` silences is still reported when ``select`` names it.
    A file that cannot be read raises :class:`~l10nflow.errors.CatalogError`;
    one that cannot be parsed is a ``catalog-syntax`` finding. ``jobs``
    processes check catalogs side by side (default: one per CPU for large
    projects); the report does not depend on it.
    """
    settings = settings or CheckSettings()
    chosen = parse_codes(select, "--select")
    ignored = parse_codes(ignore, "--ignore")
    enabled = (chosen or frozenset(CODES)) - ignored
    plan = _Plan(glossary, settings, enabled, frozenset(settings.ignore) - chosen)
    families, collector = plan.families(), plan.collector()
    jobs = jobs or (available_cpus() if len(paths) >= _PARALLEL_FROM else 1)
    if jobs > 1 and len(paths) > 1:
        _build_indexes(glossary)
        chunks = _split(list(paths), jobs * _CHUNKS_PER_JOB)
        with batch_gc():
            parts = run_chunks(lambda i: plan.scan_chunk(chunks[i]), len(chunks), jobs)
        for part, states in parts:
            collector.findings += part.findings
            collector.suppressed += part.suppressed
            for family, state in zip(families, states, strict=True):
                family.merge(state)
    else:
        with batch_gc():
            plan.scan(paths, families, collector)
    for family in families:
        collector.add(family.end())
    return CheckReport(
        findings=sorted(collector.findings, key=Finding.sort_key),
        suppressed=sorted(collector.suppressed, key=lambda s: s.finding.sort_key()),
        catalogs=[str(path) for path in paths],
        signature=_signature(glossary, settings, chosen, ignored),
        fail_on=Severity(settings.fail_on),
    )


def _split(items: list[Path], count: int) -> list[list[Path]]:
    """``items`` in at most ``count`` contiguous chunks of near-equal size."""
    count = max(1, min(count, len(items)))
    size, extra = divmod(len(items), count)
    chunks, start = [], 0
    for index in range(count):
        end = start + size + (1 if index < extra else 0)
        chunks.append(items[start:end])
        start = end
    return chunks


def _build_indexes(glossary: Glossary | None) -> None:
    """Build the glossary's match indexes once, before workers fork and inherit them."""
    if glossary is None:
        return
    for lang in glossary.languages:
        glossary.find_terms("", lang)
        glossary.find_forbidden("", lang)


def _signature(
    glossary: Glossary | None,
    settings: CheckSettings,
    chosen: frozenset[str],
    ignored: frozenset[str],
) -> Signature:
    return Signature(
        version=__version__,
        glossary=glossary.digest if glossary is not None else None,
        settings={
            "select": sorted(chosen) if chosen else ["all"],
            "ignore": sorted(ignored),
            "config_ignore": sorted(settings.ignore),
            "fuzzy_severity": settings.fuzzy_severity,
            "fail_on": settings.fail_on,
            "max_obsolete": settings.max_obsolete,
            "max_fuzzy": settings.max_fuzzy,
            "require_reviewed": settings.require_reviewed,
            "min_reviewed": settings.min_reviewed,
        },
    )
