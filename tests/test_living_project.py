"""Living projects: source updates, obsolete entries, locking, edits during a run, kills."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from l10nflow.catalog_entry import EntryState, entry_state
from l10nflow.errors import CatalogError
from l10nflow.lock import project_lock
from l10nflow.pofile import read_po, write_po
from l10nflow.project import Project
from l10nflow.translate import translate_project
from tests.fixtures.marian.build_test_model import load_corpus

from .conftest import mini_project, snapshot
from .helpers import model_factory, write_project

PO = Path("locales/en/LC_MESSAGES/qatar-wv-partnership.po")
ARTICLE = Path("articles/qatar-wv-partnership.txt")
EDITED_OLD = "تعمل ولاية فرجينيا الغربية وقطر على تسهيل أنشطة التدريب المشترك الفريدة."
EDITED_NEW = "تعمل ولاية فرجينيا الغربية وقطر على تسهيل أنشطة التدريب المشترك."
REMOVED = "ويتسم تعاونها بأهمية عالية لجهة ردع وتعطيل الجريمة والإرهاب في الشرق الأوسط."
ADDED = "وأكد الطرفان التزامهما بتوسيع الشراكة خلال السنوات المقبلة."


def _review_all(po_path: Path, prefix: str = "EN ") -> None:
    catalog = read_po(po_path)
    for entry in catalog:
        entry.msgstr = prefix + entry.msgid[:20]
        entry.tcomment = "checked"
    write_po(catalog, po_path)


def _edit_article(project: Path) -> None:
    path = project / ARTICLE
    text = path.read_text(encoding="utf-8")
    assert EDITED_OLD in text and REMOVED in text
    text = text.replace(EDITED_OLD, EDITED_NEW).replace(REMOVED, ADDED + " " + "وقال مسؤول.")
    path.write_text(text, encoding="utf-8")


def test_source_update_keeps_unchanged_inherits_changed_and_obsoletes_removed(cli, project):
    assert cli(["extract"], cwd=project).exit_code == 0
    _review_all(project / PO)
    before = {e.msgid: str(e) for e in read_po(project / PO)}
    _edit_article(project)
    result = cli(["extract"], cwd=project)
    assert result.exit_code == 0, result.stderr
    assert "2 new, 1 changed" in result.stderr and "1 obsolete" in result.stderr
    catalog = read_po(project / PO)
    changed = catalog.find(EDITED_NEW)
    assert entry_state(changed) is EntryState.MEMORY and "fuzzy" in changed.flags
    assert changed.previous_msgid == EDITED_OLD
    assert changed.msgstr == "EN " + EDITED_OLD[:20] and changed.tcomment == "checked"
    assert "changed: source edited" in changed.comment
    removed = next(e for e in catalog if e.msgid == REMOVED)
    assert removed.obsolete and removed.msgstr == "EN " + REMOVED[:20]
    assert catalog.find(ADDED).msgstr == ""
    unchanged = [e for e in catalog if not e.obsolete and e.msgid in before]
    assert len(unchanged) == len(before) - 2
    for entry in unchanged:
        assert str(entry) == before[entry.msgid]
    assert catalog.find(EDITED_OLD) is None


def test_a_rewritten_sentence_is_new_not_changed(cli, project) -> None:
    cli(["extract"], cwd=project)
    _review_all(project / PO)
    path = project / ARTICLE
    text = path.read_text(encoding="utf-8").replace(EDITED_OLD, "جملة مختلفة تماما عن السابقة.")
    path.write_text(text, encoding="utf-8")
    result = cli(["extract"], cwd=project)
    assert "1 new, 0 changed" in result.stderr and "1 obsolete" in result.stderr
    catalog = read_po(project / PO)
    assert catalog.find("جملة مختلفة تماما عن السابقة.").msgstr == ""
    assert next(e for e in catalog if e.msgid == EDITED_OLD).obsolete


def test_purge_obsolete(cli, project) -> None:
    cli(["extract"], cwd=project)
    _review_all(project / PO)
    _edit_article(project)
    result = cli(["extract", "--purge-obsolete"], cwd=project)
    assert "1 purged" in result.stderr
    assert not any(e.obsolete for e in read_po(project / PO))


def _translated_and_approved(tmp_path: Path, model: Path) -> tuple[Path, Project, Path]:
    """The mini Arabic project, machine-translated, every entry then approved by a translator."""
    root = mini_project(tmp_path, "mini_ar.txt", "ar", "en")
    project = Project.discover(root)
    translate_project(project, engine_factory=model_factory(model))
    po = root / "locales/en/LC_MESSAGES/mini_ar.po"
    catalog = read_po(po)
    for entry in catalog:
        entry.flags.remove("fuzzy")
    write_po(catalog, po)
    return root, project, po


def test_changed_entries_are_not_retranslated_unless_asked(tmp_path, marian_ar_en) -> None:
    root, project, po = _translated_and_approved(tmp_path, marian_ar_en)
    article = root / "articles/mini_ar.txt"
    old = "يضم البرنامج الآن 96 شراكة مع 106 دول."
    new = "يضم البرنامج الآن 96 شراكة مع 106 دولة."
    article.write_text(article.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    calls: list = []
    report = translate_project(project, engine_factory=model_factory(marian_ar_en, calls))
    entry = read_po(po).find(new)
    assert calls == [] and report.model_calls == 0
    assert entry.previous_msgid == old and "96 partnerships" in entry.msgstr
    report = translate_project(
        project, engine_factory=model_factory(marian_ar_en, calls), retranslate_changed=True
    )
    entry = read_po(po).find(new)
    assert report.machine_translated == 1 and entry_state(entry) is EntryState.MACHINE
    assert entry.previous_msgid == old


def test_second_run_fails_fast_with_no_wait_and_waits_otherwise(cli, project) -> None:
    with project_lock(project):
        before = snapshot(project)
        result = cli(["extract", "--no-wait"], cwd=project)
        assert result.exit_code == 2 and "another l10nflow run" in result.stderr
        assert "Traceback" not in result.stderr
        assert snapshot(project) == before
    assert not (project / ".l10nflow").exists(), "the lock leaves nothing behind"
    released = threading.Event()

    def hold() -> None:
        with project_lock(project):
            released.wait(5)

    holder = threading.Thread(target=hold)
    holder.start()
    time.sleep(0.2)
    timer = threading.Timer(0.5, released.set)
    timer.start()
    started = time.monotonic()
    result = cli(["extract"], cwd=project)
    holder.join()
    assert result.exit_code == 0 and time.monotonic() - started >= 0.4
    assert "waiting for another l10nflow run" in result.stderr


def test_translator_edit_during_a_run_survives(tmp_path, marian_ar_en) -> None:
    root = mini_project(tmp_path, "mini_ar.txt", "ar", "en")
    project = Project.discover(root)
    po = root / "locales/en/LC_MESSAGES/mini_ar.po"
    real = model_factory(marian_ar_en)
    edited = {}

    def factory(source, target):
        engine = real(source, target)
        original = engine.translate_batch

        def translate_batch(texts, *args, **kwargs):
            if engine.stats.model_calls == 1 and not edited:  # a translator saves in Poedit
                catalog = read_po(po)
                last = catalog[-1]
                last.msgstr = "Reviewed by a human while MT ran"
                write_po(catalog, po)
                edited["msgid"] = last.msgid
            return original(texts, *args, **kwargs)

        engine.translate_batch = translate_batch
        return engine

    report = translate_project(project, engine_factory=factory, save_every=2)
    catalog = read_po(po)
    entry = catalog.find(edited["msgid"])
    assert entry.msgstr == "Reviewed by a human while MT ran"
    assert entry_state(entry) is EntryState.REVIEWED
    assert report.machine_translated == len(catalog) - 1
    assert all(e.msgstr for e in catalog)


# ---- subprocess tests: real processes, real signals ---------------------------------------


def _big_project(tmp_path: Path) -> tuple[Path, Path]:
    """A project whose one article holds every ar sentence the test model knows."""
    sentences = [source for source, _ in load_corpus("ar-en") if source.endswith(".")]
    files = {"articles/all.txt": "\n\n".join(sentences) + "\n"}
    root = write_project(tmp_path / "big", files, source="ar", targets=["en"])
    return root, root / "locales/en/LC_MESSAGES/all.po"


def _start(root: Path, model: Path, *extra: str) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "l10nflow",
        "translate",
        "--model",
        str(model),
        "--engine",
        "transformers",  # the reference engine: slow enough that a signal finds it writing
        "--num-beams",
        "1",
        "--save-every",
        "1",
        *extra,
    ]
    return subprocess.Popen(
        command, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _reviewed(po: Path) -> dict[str, str]:
    return {e.msgid: e.msgstr for e in read_po(po) if entry_state(e) is EntryState.REVIEWED}


def _seed_reviews(root: Path, po: Path) -> dict[str, str]:
    """Extract, then review three entries by hand."""
    subprocess.run([sys.executable, "-m", "l10nflow", "extract"], cwd=root, check=True)
    catalog = read_po(po)
    for entry in catalog[:3]:
        entry.msgstr = f"HUMAN: {entry.msgid[:10]}"
    write_po(catalog, po)
    return _reviewed(po)


def _wait_for_write(po: Path, since_ns: int, process: subprocess.Popen, limit: float = 60) -> bool:
    """Wait until ``po`` is rewritten (the run's first save) or the process ends."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and process.poll() is None:
        if po.stat().st_mtime_ns != since_ns:
            return True
        time.sleep(0.01)
    return False


def _reset_machine_translations(po: Path) -> None:
    catalog = read_po(po)
    for entry in catalog:
        if entry_state(entry) is EntryState.MACHINE:
            entry.msgstr, entry.flags, entry.comment = "", [], ""
    write_po(catalog, po)


@pytest.mark.slow
def test_sigkill_at_random_points_never_corrupts_or_loses_reviews(tmp_path, marian_ar_en):
    """20 runs killed with SIGKILL at random moments while they write; a rerun completes."""
    root, po = _big_project(tmp_path)
    reviewed = _seed_reviews(root, po)
    process = _start(root, marian_ar_en)
    mtime = po.stat().st_mtime_ns
    assert _wait_for_write(po, mtime, process)
    first_write = time.monotonic()
    assert process.wait(timeout=120) == 0
    writing_phase = time.monotonic() - first_write
    rng = random.Random(20261129)
    kills = attempts = 0
    while kills < 20 and attempts < 40:  # 20 kills, each at a random moment of the writing
        attempts += 1
        _reset_machine_translations(po)
        mtime = po.stat().st_mtime_ns
        process = _start(root, marian_ar_en)
        if _wait_for_write(po, mtime, process):
            time.sleep(rng.uniform(0, 0.8 * writing_phase))
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            kills += 1
        process.wait(timeout=60)
        try:
            catalog = read_po(po)
        except CatalogError as error:  # pragma: no cover - the failure this test exists for
            pytest.fail(f"catalog corrupted by SIGKILL: {error}")
        assert _reviewed(po) == reviewed
        assert len(catalog) == 37
    assert kills == 20
    rerun = _start(root, marian_ar_en)
    assert rerun.wait(timeout=120) == 0, rerun.stderr.read()
    catalog = read_po(po)
    assert all(e.msgstr for e in catalog if not e.obsolete)
    assert _reviewed(po) == reviewed
    assert not list(po.parent.glob(".*.tmp")), "temp files of killed runs are cleaned up"


@pytest.mark.slow
def test_sigterm_saves_progress_and_exits_130(tmp_path, marian_ar_en) -> None:
    root, po = _big_project(tmp_path)
    reviewed = _seed_reviews(root, po)
    mtime = po.stat().st_mtime_ns
    process = _start(root, marian_ar_en)
    deadline = time.monotonic() + 60
    while po.stat().st_mtime_ns == mtime and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.3)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert stderr.strip().splitlines()[-1].startswith("l10nflow: interrupted;")
    catalog = read_po(po)
    done = sum(1 for e in catalog if entry_state(e) is EntryState.MACHINE)
    assert 0 < done < len(catalog) - 3
    assert _reviewed(po) == reviewed


@pytest.mark.slow
def test_two_concurrent_runs_lose_nothing(tmp_path, marian_ar_en) -> None:
    root, po = _big_project(tmp_path)
    reviewed = _seed_reviews(root, po)
    first, second = _start(root, marian_ar_en), _start(root, marian_ar_en)
    assert first.wait(timeout=180) == 0, first.stderr.read()
    assert second.wait(timeout=180) == 0, second.stderr.read()
    catalog = read_po(po)
    expected = dict(load_corpus("ar-en"))
    for entry in catalog:
        if entry.msgid in reviewed:
            assert entry.msgstr == reviewed[entry.msgid]
        else:
            assert entry.msgstr == expected[entry.msgid]
    assert not (root / ".l10nflow" / "lock").exists()
    assert os.path.exists(po)


def test_memory_fuzzy_match_fills_or_annotates(tmp_path, marian_ar_en) -> None:
    root, project, _ = _translated_and_approved(tmp_path, marian_ar_en)
    near = "يضم البرنامج الآن 96 شراكة مع 107 دول."  # one digit from a reviewed sentence
    (root / "articles" / "other_ar.txt").write_text(near + "\n", encoding="utf-8")
    calls: list = []
    report = translate_project(
        project,
        files=[root / "articles/other_ar.txt"],
        engine_factory=model_factory(marian_ar_en, calls),
    )
    entry = read_po(root / "locales/en/LC_MESSAGES/other_ar.po").find(near)
    assert calls == [] and report.from_memory == 1
    assert entry.msgstr == "The program now includes 96 partnerships with 106 countries."
    assert entry_state(entry) is EntryState.MEMORY
    assert "tm: 9" in entry.comment and "% from mini_ar" in entry.comment
    other = root / "locales/en/LC_MESSAGES/other_ar.po"
    other.unlink()
    report = translate_project(
        project,
        files=[root / "articles/other_ar.txt"],
        engine_factory=model_factory(marian_ar_en, calls),
        prefer_memory=False,
    )
    entry = read_po(other).find(near)
    assert calls == [("ar", "en")] and entry_state(entry) is EntryState.MACHINE
    assert "→ The program now includes 96 partnerships" in entry.comment
