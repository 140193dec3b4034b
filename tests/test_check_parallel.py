"""Worker processes give the same report as one process, errors included."""

from __future__ import annotations

from pathlib import Path

import pytest

from l10nflow.check.parallel import can_fork
from l10nflow.errors import CatalogError

from .test_check_support import E, check, glossary, glossary_path, write_catalog

__all__ = ["glossary", "glossary_path"]  # fixtures used by the tests below

pytestmark = pytest.mark.skipif(not can_fork(), reason="workers are forked")


def _project(root: Path) -> list[Path]:
    paths = []
    for number in range(6):
        entries = [
            E("تعزيز العلاقات", "Strengthening ties" if number else "Boosting ties"),
            E("شارك الحرس الوطني", "The militia took part" if number % 2 else "The National Guard"),
            E("عام 2021", "in 2012", flags=["l10nflow-ignore:numbers"] if number == 3 else []),
            E("وزارة الدفاع", "Ministry of Defense (MoD)", fuzzy=number == 4),
        ]
        paths.append(write_catalog(root, "en", entries, name=f"doc{number}"))
    paths.append(write_catalog(root, "ar", [E("Strengthening ties", "تعزيز العلاقات")], name="x"))
    return paths


def test_workers_report_exactly_what_one_process_does(tmp_path: Path, glossary) -> None:
    paths = _project(tmp_path)
    serial = check(paths, glossary, jobs=1)
    parallel = check(paths, glossary, jobs=3)
    assert parallel.findings == serial.findings
    assert parallel.suppressed == serial.suppressed
    assert parallel.summary() == serial.summary()
    codes = {f.code for f in serial.findings}
    assert {"inconsistent-translation", "glossary-missing", "numbers", "markup"} <= codes
    # the odd translation in doc0 and its counterparts in the five other catalogs
    inconsistent = [f for f in serial.findings if f.code == "inconsistent-translation"]
    assert len({f.path for f in inconsistent}) == 6


def test_an_unreadable_catalog_in_a_worker_raises_with_its_path(tmp_path: Path) -> None:
    paths = _project(tmp_path)
    broken = tmp_path / "locales" / "en" / "LC_MESSAGES" / "folder.po"
    broken.mkdir()
    with pytest.raises(CatalogError) as caught:
        check([*paths, broken], jobs=2)
    assert caught.value.path == str(broken) and "is a folder, not a catalog" in caught.value.message


def test_batch_gc_is_undone_after_a_run_even_when_it_fails(tmp_path: Path, glossary) -> None:
    import gc

    before = (gc.get_threshold(), gc.get_freeze_count())
    paths = _project(tmp_path)
    for jobs in (1, 2):
        check(paths, glossary, jobs=jobs)
        assert (gc.get_threshold(), gc.get_freeze_count()) == before
    broken = tmp_path / "locales" / "en" / "LC_MESSAGES" / "folder.po"
    broken.mkdir()
    with pytest.raises(CatalogError):
        check([*paths, broken], jobs=1)
    assert (gc.get_threshold(), gc.get_freeze_count()) == before
