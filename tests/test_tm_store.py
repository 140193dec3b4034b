"""The SQLite translation memory: sync from PO files, exact and fuzzy lookup, rebuilds."""

from __future__ import annotations

import os
import random
import sqlite3
from pathlib import Path

import polib
import pytest

from l10nflow.catalog import new_catalog
from l10nflow.errors import CatalogError, UsageError
from l10nflow.pofile import write_po
from l10nflow.project import Project
from l10nflow.tm import (
    TMUnit,
    TranslationMemory,
    language_tag,
    match_key,
    project_memory,
    similarity,
)
from l10nflow.tm.similarity import key_similarity

from .helpers import write_project

PAST_NS = 1_600_000_000 * 10**9  # 2020: older than the racy-file window

# (msgid, msgstr, fuzzy, obsolete) of the default catalog.
ENTRIES = [
    ("أطلق الطرفان الشراكة عام 2021.", "They launched the partnership in 2021.", False, False),
    ("قطر والحرس الوطني يعززان العلاقات.", "Qatar and the Guard strengthen ties.", False, False),
    ("زار الوفد القاعدة الجوية.", "The delegation visited the air base.", True, False),
    ("جملة بلا ترجمة.", "", False, False),
    ("الجملة القديمة المحذوفة.", "The old removed sentence.", False, True),
    ("جملة قديمة غير مراجعة.", "An old unreviewed sentence.", True, True),
]  # fmt: skip
REVIEWED = {0, 1, 4}


def write_catalog(
    path: Path,
    entries=ENTRIES,
    *,
    source: str = "ar",
    target: str = "en",
    mtime_ns: int | None = PAST_NS,
) -> Path:
    """A PO file of (msgid, msgstr, fuzzy, obsolete) entries; its mtime set (default: 2020)."""
    catalog = new_catalog(path.stem, source, target)
    for msgid, msgstr, fuzzy, obsolete in entries:
        entry = polib.POEntry(msgid=msgid, msgstr=msgstr, obsolete=obsolete)
        if fuzzy:
            entry.flags.append("fuzzy")
        catalog.append(entry)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_po(catalog, path)
    if mtime_ns is not None:
        os.utime(path, ns=(mtime_ns, mtime_ns))
    return path


@pytest.fixture
def memory(tmp_path: Path):
    with TranslationMemory.open(tmp_path / "tm" / "tm.sqlite") as opened:
        yield opened


def po_path(root: Path, name: str = "doc", lang: str = "en") -> Path:
    return root / "locales" / lang / "LC_MESSAGES" / f"{name}.po"


# --- sync -------------------------------------------------------------------------------


def test_sync_loads_reviewed_and_obsolete_reviewed_entries_only(memory, tmp_path) -> None:
    path = write_catalog(po_path(tmp_path))
    assert memory.sync_catalogs([path]) == len(REVIEWED)
    units = list(memory.units())
    assert {(u.source, u.target) for u in units} == {ENTRIES[i][:2] for i in REVIEWED}
    assert {(u.source_lang, u.target_lang, u.document) for u in units} == {("ar", "en", "doc")}
    assert all(u.changed.endswith("Z") and u.changed.startswith("20") for u in units)
    assert len(memory) == len(REVIEWED)


def test_unchanged_file_is_skipped_without_reading_it(memory, tmp_path) -> None:
    path = write_catalog(po_path(tmp_path))
    assert memory.sync_catalogs([path]) == 3
    assert memory.sync_catalogs([path]) == 0
    # Same size and mtime, other bytes: a stat-level skip does not even read the file.
    text = path.read_text(encoding="utf-8").replace("launched", "LAUNCHED")
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(PAST_NS, PAST_NS))
    assert memory.sync_catalogs([path]) == 0
    assert memory.exact(ENTRIES[0][0], "ar", "en").unit.target == ENTRIES[0][1]
    # A new mtime makes it read, hashed and reloaded.
    os.utime(path, ns=(PAST_NS + 10**9, PAST_NS + 10**9))
    assert memory.sync_catalogs([path]) == 3
    assert memory.exact(ENTRIES[0][0], "ar", "en").unit.target == ENTRIES[0][1].replace(
        "launched", "LAUNCHED"
    )


def test_touched_but_identical_file_is_not_reloaded(memory, tmp_path) -> None:
    path = write_catalog(po_path(tmp_path))
    memory.sync_catalogs([path])
    os.utime(path, ns=(PAST_NS + 5 * 10**9, PAST_NS + 5 * 10**9))
    assert memory.sync_catalogs([path]) == 0
    assert len(memory) == 3


def test_changed_file_units_are_replaced(memory, tmp_path) -> None:
    path = write_catalog(po_path(tmp_path))
    memory.sync_catalogs([path])
    changed = [("أطلق الطرفان الشراكة عام 2021.", "Both sides began the partnership in 2021.")]
    write_catalog(path, [(s, t, False, False) for s, t in changed], mtime_ns=PAST_NS + 10**9)
    assert memory.sync_catalogs([path]) == 1
    assert [(u.source, u.target) for u in memory.units()] == changed


def test_recently_modified_file_is_hashed_again_next_time(memory, tmp_path) -> None:
    path = write_catalog(po_path(tmp_path), mtime_ns=None)  # modified just now
    memory.sync_catalogs([path])
    stat = path.stat()
    text = path.read_text(encoding="utf-8").replace("launched", "LAUNCHED")
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same size, same mtime
    assert memory.sync_catalogs([path]) == 3
    assert "LAUNCHED" in memory.exact(ENTRIES[0][0], "ar", "en").unit.target


def test_files_no_longer_listed_are_dropped(memory, tmp_path) -> None:
    first = write_catalog(po_path(tmp_path, "first"))
    second = write_catalog(
        po_path(tmp_path, "second"), [("نص آخر للترجمة.", "Another text.", False, False)]
    )
    assert memory.sync_catalogs([first, second]) == 4
    second.unlink()
    assert memory.sync_catalogs([first]) == 0
    assert {u.document for u in memory.units()} == {"first"}
    assert memory.sync_catalogs([]) == 0
    assert len(memory) == 0


def test_sync_is_all_or_nothing_on_a_malformed_catalog(memory, tmp_path) -> None:
    good = write_catalog(po_path(tmp_path, "good"))
    bad = po_path(tmp_path, "bad")
    bad.write_text('msgid "x"\nmsgstr "unterminated\n', encoding="utf-8")
    with pytest.raises(CatalogError) as error:
        memory.sync_catalogs([good, bad])
    assert error.value.line == 2
    assert len(memory) == 0


def test_language_tags_come_from_the_headers_or_the_path(memory, tmp_path) -> None:
    path = write_catalog(po_path(tmp_path, lang="en_US"), source="ar", target="en_US")
    memory.sync_catalogs([path])
    assert {u.target_lang for u in memory.units()} == {"en-US"}
    assert memory.exact(ENTRIES[0][0], "ar", "en") is not None  # primary subtags match
    assert [language_tag(c) for c in ("en_us", "AR", "zh-hant-tw", "es-419")] == [
        "en-US",
        "ar",
        "zh-Hant-TW",
        "es-419",
    ]


# --- lookups ----------------------------------------------------------------------------


def unit(source: str, target: str, changed: str = "", src: str = "ar", tgt: str = "en") -> TMUnit:
    return TMUnit(src, tgt, source, target, "test.tmx", changed)


def test_exact_uses_match_keys_and_respects_the_pair(memory) -> None:
    memory.add([unit("أطلق الطرفان الشراكة", "They launched it")])
    found = memory.exact("اَطلق  الطرفان الشراكة", "ar", "en")
    assert found is not None and found.score == 1.0
    assert found.unit.target == "They launched it"
    assert memory.exact("أطلق الطرفان الشراكة", "ar", "fr") is None
    assert memory.exact("أطلق الطرفان الشراكة", "en", "ar") is None
    assert memory.exact("أطلق الطرفان", "ar", "en") is None


def test_exact_prefers_the_most_recent_unit(memory) -> None:
    memory.add(
        [
            unit("نص", "older", "2023-01-01T00:00:00Z"),
            unit("نص", "newest", "2024-06-01T00:00:00Z"),
            unit("نص", "middle", "2023-06-01T00:00:00Z"),
        ]
    )
    assert memory.exact("نص", "ar", "en").unit.target == "newest"


FUZZY_SOURCES = [
    "the minister met the delegation in doha on monday",
    "the minister met the delegation in doha on tuesday",
    "the minister met a delegation in doha",
    "the minister visited the air base in doha",
    "an entirely unrelated sentence about the weather",
]


def test_fuzzy_threshold_order_and_exclusion_of_the_exact_match(memory) -> None:
    memory.add([unit(s, f"T{i}", src="en", tgt="ar") for i, s in enumerate(FUZZY_SOURCES)])
    query = FUZZY_SOURCES[0]
    found = memory.fuzzy(query, "en", "ar", threshold=0.5, limit=10)
    expected = sorted(
        (similarity(query, s, "en"), s)
        for s in FUZZY_SOURCES[1:]
        if similarity(query, s, "en") >= 0.5
    )[::-1]
    assert [(m.score, m.unit.source) for m in found] == [
        (pytest.approx(score), source) for score, source in expected
    ]
    assert len(expected) >= 2 and all(m.score < 1.0 for m in found)
    strict = memory.fuzzy(query, "en", "ar", threshold=0.9, limit=10)
    assert [m.unit.source for m in strict] == [s for sc, s in expected if sc >= 0.9]
    assert len(memory.fuzzy(query, "en", "ar", threshold=0.5, limit=1)) == 1


def test_fuzzy_respects_the_language_pair(memory) -> None:
    memory.add([unit(FUZZY_SOURCES[1], "T", src="en", tgt="ar")])
    assert memory.fuzzy(FUZZY_SOURCES[0], "en", "ar")
    assert memory.fuzzy(FUZZY_SOURCES[0], "en", "fr") == []
    assert memory.fuzzy(FUZZY_SOURCES[0], "ar", "en") == []


def test_fuzzy_lists_each_translation_once(memory) -> None:
    near = FUZZY_SOURCES[1]
    memory.add(
        [
            TMUnit("en", "ar", near, "T", "a.tmx", "2023-01-01T00:00:00Z"),
            TMUnit("en", "ar", near, "T", "b.tmx", "2024-01-01T00:00:00Z"),
            TMUnit("en", "ar", near, "U", "c.tmx", "2022-01-01T00:00:00Z"),
        ]
    )
    found = memory.fuzzy(FUZZY_SOURCES[0], "en", "ar", limit=5)
    assert [(m.unit.target, m.unit.document) for m in found] == [("T", "b.tmx"), ("U", "c.tmx")]


def test_fuzzy_sees_units_added_after_an_earlier_lookup(memory) -> None:
    memory.add([unit(FUZZY_SOURCES[3], "T3", src="en", tgt="ar")])
    assert memory.fuzzy(FUZZY_SOURCES[0], "en", "ar") == []
    memory.add([unit(FUZZY_SOURCES[1], "T1", src="en", tgt="ar")])
    assert [m.unit.target for m in memory.fuzzy(FUZZY_SOURCES[0], "en", "ar")] == ["T1"]


def test_fuzzy_filter_finds_what_a_full_scan_finds(memory) -> None:
    """The candidate filter against a brute-force scan, on perturbed synthetic sentences."""
    rng = random.Random(3)
    words = ["".join(rng.choices("ابتجدرسعفقلمنهوي", k=rng.randint(2, 7))) for _ in range(3000)]
    weights = [1 / rank for rank in range(1, len(words) + 1)]
    sources = [" ".join(rng.choices(words, weights, k=rng.randint(8, 20))) for _ in range(3000)]
    memory.add([unit(s, f"T{i}") for i, s in enumerate(sources)])
    keys = {match_key(s, "ar") for s in sources}
    found_best = 0
    for _ in range(60):
        query = rng.choice(sources).split()
        query[rng.randrange(len(query))] = rng.choice(words)
        query.insert(rng.randrange(len(query)), "و" + rng.choice(words))
        text = " ".join(query)
        key = match_key(text, "ar")
        scores = [key_similarity(key, other, cutoff=0.75) for other in keys if other != key]
        best = max(scores, default=0.0)
        got = memory.fuzzy(text, "ar", "en", limit=1)
        if best:
            assert got and got[0].score == pytest.approx(best)
            found_best += 1
        else:
            assert got == []
    assert found_best > 30


def test_add_stores_identical_units_once_and_fills_the_time(memory) -> None:
    assert memory.add([unit("نص", "text"), unit("نص", "text"), unit("نص", "other")]) == 2
    assert memory.add([unit("نص", "text")]) == 0
    assert memory.add([unit("   ", "blank source")]) == 0
    assert all(u.changed.endswith("Z") for u in memory.units())


def test_units_filter_by_language(memory) -> None:
    memory.add([unit("نص", "text"), unit("text", "نص", src="en-GB", tgt="ar")])
    assert [u.source for u in memory.units("en")] == ["text"]
    assert [u.source for u in memory.units(target_lang="en")] == ["نص"]
    assert [u.source_lang for u in memory.units()] == ["ar", "en-GB"]


# --- the file ---------------------------------------------------------------------------


@pytest.fixture
def tm_project(tmp_path: Path) -> Project:
    root = write_project(tmp_path / "project", source="ar", targets=["en"])
    write_catalog(po_path(root))
    return Project.discover(root)


def test_project_memory_creates_and_syncs(tm_project: Project) -> None:
    with project_memory(tm_project) as memory:
        assert len(memory) == 3
        assert memory.path == tm_project.root / ".l10nflow" / "tm.sqlite"
        assert memory.rebuilt is None
    assert (tm_project.root / ".l10nflow" / "tm.sqlite").is_file()


def test_deleted_memory_is_rebuilt(tm_project: Project) -> None:
    project_memory(tm_project).close()
    (tm_project.root / ".l10nflow" / "tm.sqlite").unlink()
    with project_memory(tm_project) as memory:
        assert memory.exact(ENTRIES[1][0], "ar", "en").unit.target == ENTRIES[1][1]


@pytest.mark.parametrize("damage", ["garbage", "truncated", "schema"])
def test_unusable_memory_is_set_aside_and_rebuilt(tm_project: Project, damage: str) -> None:
    path = tm_project.root / ".l10nflow" / "tm.sqlite"
    with project_memory(tm_project) as memory:
        memory.add([unit(f"نص رقم {n}", f"text {n}") for n in range(2000)])
    if damage == "garbage":
        path.write_bytes(b"this is not a database\n" * 100)
    elif damage == "truncated":
        data = path.read_bytes()
        path.write_bytes(data[:4096] + b"\0" * 4096 + data[8192 : len(data) // 2])
    else:
        with sqlite3.connect(path) as connection:
            connection.execute("PRAGMA user_version = 99")
        connection.close()
    with project_memory(tm_project) as memory:
        assert memory.rebuilt
        assert len(memory) == 3
        assert memory.exact(ENTRIES[0][0], "ar", "en") is not None
    assert path.with_name("tm.sqlite.old").is_file()


def test_project_memory_needs_a_project(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"no l10nflow\.toml"):
        project_memory(Project.discover(tmp_path))


def test_holds_says_whether_a_pair_has_units(memory) -> None:
    """translate skips every lookup of a pair the memory has nothing for (planning speed)."""
    assert not memory.holds("ar", "en")
    memory.add([TMUnit("ar", "en-US", "قوات", "forces")])
    assert memory.holds("ar", "en") and memory.holds("ar-EG", "en")
    assert not memory.holds("en", "ar")
