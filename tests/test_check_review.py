"""Review gates (``too-many-fuzzy``, ``not-reviewed``, ``below-min-reviewed``) and
``inconsistent-translation`` between entries and catalogs, ar→en and en→ar."""

from __future__ import annotations

from pathlib import Path

import pytest

from l10nflow.check import Severity

from .test_check_support import E, check, codes, line_of, write_catalog

# (target, source texts, their translations)
DIRECTIONS = [
    ("en", ["واحد", "اثنان", "ثلاثة", "أربعة"], ["one", "two", "three", "four"]),
    ("ar", ["one", "two", "three", "four"], ["واحد", "اثنان", "ثلاثة", "أربعة"]),
]


def _mixed(tmp_path: Path, target: str, sources: list[str], targets: list[str]) -> Path:
    """One reviewed, two fuzzy (machine, memory-like), one empty entry."""
    entries = [
        E(sources[0], targets[0]),
        E(sources[1], targets[1], fuzzy=True),
        E(sources[2], targets[2], fuzzy=True),
        E(sources[3]),
        E("obsolete", "x", obsolete=True),
    ]
    return write_catalog(tmp_path, target, entries)


@pytest.mark.parametrize(("target", "sources", "targets"), DIRECTIONS)
def test_review_gates_are_off_by_default(tmp_path: Path, target, sources, targets) -> None:
    path = _mixed(tmp_path, target, sources, targets)
    assert check([path]).findings == []


@pytest.mark.parametrize(("target", "sources", "targets"), DIRECTIONS)
def test_max_fuzzy(tmp_path: Path, target, sources, targets) -> None:
    path = _mixed(tmp_path, target, sources, targets)
    [finding] = check([path], max_fuzzy=1).findings
    assert (finding.code, finding.severity) == ("too-many-fuzzy", Severity.ERROR)
    assert finding.line is None  # about the whole file
    assert "2 fuzzy entries (at most 1 allowed)" in finding.message
    assert check([path], max_fuzzy=2).findings == []


@pytest.mark.parametrize(("target", "sources", "targets"), DIRECTIONS)
def test_require_reviewed_reports_each_unreviewed_entry(
    tmp_path: Path, target, sources, targets
) -> None:
    path = _mixed(tmp_path, target, sources, targets)
    found = check([path], require_reviewed=True).findings
    assert codes_and_lines(found) == [
        ("not-reviewed", line_of(path, f'msgid "{text}"')) for text in sources[1:]
    ]
    assert "not translated" in found[-1].message and "fuzzy" in found[0].message


def codes_and_lines(findings) -> list[tuple[str, int | None]]:
    return [(f.code, f.line) for f in findings]


@pytest.mark.parametrize(("target", "sources", "targets"), DIRECTIONS)
def test_min_reviewed(tmp_path: Path, target, sources, targets) -> None:
    path = _mixed(tmp_path, target, sources, targets)  # 1 of 4 active entries reviewed
    [finding] = check([path], min_reviewed=30).findings
    assert finding.code == "below-min-reviewed"
    assert "25.0% of 4 entries reviewed (at least 30% required)" in finding.message
    assert check([path], min_reviewed=25).findings == []


def test_fully_reviewed_catalog_passes_every_gate(tmp_path: Path) -> None:
    path = write_catalog(tmp_path, "en", [E("واحد", "one"), E("اثنان", "two")])
    report = check([path], max_fuzzy=0, require_reviewed=True, min_reviewed=100)
    assert report.findings == []


# --- inconsistent-translation -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "msgid", "first", "second"),
    [
        ("en", "تعزيز العلاقات", "Strengthening bilateral ties", "Boosting bilateral ties"),
        ("ar", "Strengthening bilateral ties", "تعزيز العلاقات", "تقوية العلاقات"),
    ],
)
def test_same_source_translated_differently_across_catalogs(
    tmp_path: Path, target, msgid, first, second
) -> None:
    one = write_catalog(tmp_path, target, [E(msgid, first)], name="one")
    two = write_catalog(tmp_path, target, [E("x", "x"), E(msgid, second)], name="two")
    found = check([one, two]).findings
    assert [(f.path, f.code, f.severity) for f in found] == [
        (str(one), "inconsistent-translation", Severity.ERROR),
        (str(two), "inconsistent-translation", Severity.ERROR),
    ]
    assert f"{two}:{line_of(two, msgid)}" in found[0].message and second in found[0].message
    assert f"{one}:{line_of(one, msgid)}" in found[1].message and first in found[1].message


def test_inconsistency_within_one_catalog_needs_a_context_to_differ(tmp_path: Path) -> None:
    path = write_catalog(
        tmp_path, "en", [E("حفظ", "Save"), E("حفظ", "Keep", ctx="verb"), E("حفظ", "Store")]
    )
    found = [f for f in check([path]).findings if f.code == "inconsistent-translation"]
    assert [f.msgstr for f in found] == ["Save", "Store"]


@pytest.mark.parametrize(
    ("target", "msgid", "first", "second"),
    [
        ("en", "تعزيز  العلاقات", "Strengthening ties", " Strengthening\tties "),
        ("ar", "Strengthening  ties", "تعزيز العلاقات", "تعزيز\nالعلاقات"),
    ],
)
def test_whitespace_differences_are_not_inconsistent(
    tmp_path: Path, target, msgid, first, second
) -> None:
    one = write_catalog(tmp_path, target, [E(msgid, first)], name="one")
    two = write_catalog(tmp_path, target, [E(msgid.replace("  ", " "), second)], name="two")
    assert check([one, two]).findings == []


@pytest.mark.parametrize("target", ["en", "ar"])
def test_only_reviewed_translations_and_same_language_are_compared(
    tmp_path: Path, target: str
) -> None:
    one = write_catalog(tmp_path, target, [E("2021", "2021"), E("مرحبا", "Hello")], name="one")
    two = write_catalog(tmp_path, target, [E("مرحبا", "Hi", fuzzy=True)], name="two")
    other = "ar" if target == "en" else "en"
    three = write_catalog(tmp_path, other, [E("مرحبا", "أهلا")], name="three")
    assert codes(check([one, two, three])) == []
