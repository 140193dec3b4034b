"""``l10nflow tm``: export, import and lookup on a project's memory; exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from l10nflow.tm import TMUnit, read_tmx, write_tmx

from .helpers import write_project
from .test_tm_store import ENTRIES, REVIEWED, po_path, write_catalog


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A project with one ar→en catalog holding three reviewed entries."""
    folder = write_project(tmp_path / "project", source="ar", targets=["en"])
    write_catalog(po_path(folder))
    return folder


def test_export_writes_the_reviewed_pairs(cli, root: Path) -> None:
    result = cli(["tm", "export", "--format", "tmx", "-o", "out.tmx"], cwd=root)
    assert result.exit_code == 0, result.stderr
    assert "3 unit(s) exported" in result.stderr
    units = read_tmx(root / "out.tmx")
    assert {(u.source, u.target) for u in units} == {ENTRIES[i][:2] for i in REVIEWED}
    assert {(u.source_lang, u.target_lang, u.document) for u in units} == {("ar", "en", "doc")}


def test_export_filters_by_language(cli, root: Path) -> None:
    assert (
        cli(["tm", "export", "-o", "ar-en.tmx", "--from", "ar", "--to", "en"], cwd=root).exit_code
        == 0
    )
    assert len(read_tmx(root / "ar-en.tmx")) == 3
    result = cli(["tm", "export", "-o", "en-ar.tmx", "--from", "en"], cwd=root)
    assert result.exit_code == 0
    assert read_tmx(root / "en-ar.tmx") == []


def test_export_sees_catalog_changes(cli, root: Path) -> None:
    cli(["tm", "export", "-o", "first.tmx"], cwd=root)
    write_catalog(po_path(root), [("نص جديد.", "New text.", False, False)], mtime_ns=None)
    cli(["tm", "export", "-o", "second.tmx"], cwd=root)
    assert [(u.source, u.target) for u in read_tmx(root / "second.tmx")] == [
        ("نص جديد.", "New text.")
    ]


def test_import_adds_units_once(cli, root: Path, tmp_path: Path) -> None:
    tmx = tmp_path / "vendor.tmx"
    write_tmx([TMUnit("en", "ar", "The air base", "القاعدة الجوية", "vendor")], tmx)
    first = cli(["tm", "import", str(tmx)], cwd=root)
    assert first.exit_code == 0, first.stderr
    assert "1 new unit(s)" in first.stderr
    again = cli(["tm", "import", str(tmx)], cwd=root)
    assert "0 new unit(s)" in again.stderr
    found = cli(["tm", "lookup", "the air base", "--json"], cwd=root)
    data = json.loads(found.stdout)
    assert (data["from"], data["to"]) == ("en", "ar")
    assert [(m["kind"], m["target"]) for m in data["matches"]] == [("exact", "القاعدة الجوية")]


def test_import_of_bad_xml_exits_2_with_the_line(cli, root: Path, tmp_path: Path) -> None:
    tmx = tmp_path / "bad.tmx"
    tmx.write_text('<tmx version="1.4">\n<body>\n<tu>\n</body>\n</tmx>\n', encoding="utf-8")
    result = cli(["tm", "import", str(tmx)], cwd=root)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"l10nflow: error: {tmx}:4: malformed TMX: mismatched tag"
    ]


def test_lookup_text_shows_exact_then_fuzzy(cli, root: Path) -> None:
    source, target = ENTRIES[0][:2]
    write_catalog(
        po_path(root, "more"), [(source.replace("2021", "2022"), "Other year.", False, False)]
    )
    result = cli(["tm", "lookup", "أَطلق الطرفان الشراكة عام 2021."], cwd=root)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"exact 100%  {target}"
    assert lines[1].startswith(f"           source: {source}  (doc  ")
    assert lines[2].startswith("fuzzy  9") and lines[2].endswith("Other year.")


def test_lookup_json_scores_and_threshold(cli, root: Path) -> None:
    query = "الطرفان أطلقا الشراكة عام 2021."
    loose = json.loads(
        cli(["tm", "lookup", query, "--json", "--threshold", "0.5"], cwd=root).stdout
    )
    assert [m["kind"] for m in loose["matches"]] == ["fuzzy"]
    assert 0.5 <= loose["matches"][0]["score"] < 1.0
    assert loose["matches"][0]["target"] == ENTRIES[0][1]
    strict = json.loads(
        cli(["tm", "lookup", query, "--json", "--threshold", "0.99"], cwd=root).stdout
    )
    assert strict["matches"] == []
    other_pair = json.loads(
        cli(["tm", "lookup", ENTRIES[0][0], "--to", "fr", "--json"], cwd=root).stdout
    )
    assert other_pair["matches"] == []


@pytest.mark.parametrize(
    "args",
    [["tm", "lookup", "نص"], ["tm", "export", "-o", "x.tmx"], ["tm", "import", "x.tmx"]],
)
def test_without_a_project_exit_2_with_one_line(cli, tmp_path: Path, args: list[str]) -> None:
    result = cli(args, cwd=tmp_path)
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1
    assert "no l10nflow.toml" in result.stderr
    assert not (tmp_path / ".l10nflow").exists()


def test_corrupt_memory_is_rebuilt_with_a_warning(cli, root: Path) -> None:
    memory = root / ".l10nflow" / "tm.sqlite"
    memory.parent.mkdir()
    memory.write_bytes(b"\0garbage" * 512)
    result = cli(["tm", "lookup", ENTRIES[1][0]], cwd=root)
    assert result.exit_code == 0
    assert "was unusable" in result.stderr
    assert result.stdout.startswith(f"exact 100%  {ENTRIES[1][1]}")
