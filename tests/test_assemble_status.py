"""Assembly with each fallback and threshold, and the status view."""

from __future__ import annotations

import json
from pathlib import Path

from l10nflow.pofile import read_po, write_po

from .conftest import SEED, snapshot

PO = Path("locales/en/LC_MESSAGES/qatar-wv-partnership.po")
OUT = Path("build/en/qatar-wv-partnership.txt")
TITLE = "قطر ومكتب الحرس الوطني في ولاية فرجينيا الغربية يعززان العلاقات الثنائية"


def _translate_some(project: Path) -> None:
    """Review the title; leave the caption as unreviewed MT; everything else empty."""
    catalog = read_po(project / PO)
    for entry in catalog:
        if entry.msgid == TITLE:
            entry.msgstr = "Qatar and West Virginia National Guard strengthen bilateral ties"
        elif entry.msgid.startswith("الرقيب أول"):
            entry.msgstr = "MT caption"
            entry.comment += "\nmt: test"
            entry.flags.append("fuzzy")
    write_po(catalog, project / PO)


def test_fallback_source_uses_reviewed_entries_only(cli, project: Path) -> None:
    cli(["extract"], cwd=project)
    _translate_some(project)
    result = cli(["assemble"], cwd=project)
    assert result.exit_code == 0, result.stderr
    text = (project / OUT).read_text(encoding="utf-8")
    assert "Qatar and West Virginia National Guard strengthen bilateral ties" in text
    assert TITLE not in text
    assert "MT caption" not in text
    assert text.count("الرقيب أول") == 2
    source = SEED.read_text(encoding="utf-8")
    assert text == source.replace(
        TITLE, "Qatar and West Virginia National Guard strengthen bilateral ties"
    )


def test_fallback_mt_uses_unreviewed_translations(cli, project: Path) -> None:
    cli(["extract"], cwd=project)
    _translate_some(project)
    result = cli(["assemble", "--fallback", "mt", "-o", "out.txt"], cwd=project)
    assert result.exit_code == 0, result.stderr
    text = (project / "out.txt").read_text(encoding="utf-8")
    assert text.count("MT caption") == 2
    assert not (project / OUT).exists()


def test_fallback_fail_names_the_missing_segment_and_writes_nothing(cli, project: Path) -> None:
    cli(["extract"], cwd=project)
    _translate_some(project)
    before = snapshot(project)
    result = cli(["assemble", "--fallback", "fail"], cwd=project)
    assert result.exit_code == 1
    assert "segment(s) without a reviewed translation" in result.stderr
    assert "line 1" in result.stderr and "التحالفات" in result.stderr
    assert snapshot(project) == before


def test_min_reviewed_refuses_below_threshold(cli, project: Path) -> None:
    cli(["extract"], cwd=project)
    _translate_some(project)
    result = cli(["assemble", "--min-reviewed", "50"], cwd=project)
    assert result.exit_code == 1 and "% reviewed (--min-reviewed 50)" in result.stderr
    assert not (project / OUT).exists()
    assert cli(["assemble", "--min-reviewed", "1"], cwd=project).exit_code == 0


def test_assemble_without_catalog(cli, project: Path) -> None:
    result = cli(["assemble"], cwd=project)
    assert result.exit_code == 2 and "run `l10nflow extract` first" in result.stderr


def test_status_counts_states_and_words(cli, project: Path) -> None:
    cli(["extract"], cwd=project)
    _translate_some(project)
    result = cli(["status", "--json"], cwd=project)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    (catalog,) = data["catalogs"]
    assert catalog["reviewed"] == 1 and catalog["fuzzy"] == 1
    total_entries = len(read_po(project / PO))
    assert catalog["untranslated"] == total_entries - 2
    assert catalog["reviewed_words"] == len(TITLE.split())
    assert data["total"]["total"] == total_entries
    table = cli(["status"], cwd=project).stdout
    assert "qatar-wv-partnership.po" in table and "total" in table


def test_init_writes_a_loadable_commented_project_file(cli, tmp_path: Path) -> None:
    result = cli(["init", "--source", "en", "--target", "ar"], cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    text = (tmp_path / "l10nflow.toml").read_text(encoding="utf-8")
    assert text.count("#") > 10
    for folder in ("articles", "glossaries", "locales"):
        assert (tmp_path / folder).is_dir()
    from l10nflow.config import load_config

    config = load_config(tmp_path / "l10nflow.toml")
    assert config.source_language == "en" and config.target_languages == ("ar",)
    again = cli(["init"], cwd=tmp_path)
    assert again.exit_code == 2 and "already exists" in again.stderr


def test_project_is_found_from_a_subfolder(cli, project: Path) -> None:
    result = cli(["extract"], cwd=project / "articles")
    assert result.exit_code == 0, result.stderr
    assert (project / PO).exists()


def test_segment_json_and_language_guess(cli, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Title\n\nOne sentence. Another one.\n", encoding="utf-8")
    result = cli(["segment", "a.txt", "--json"], cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    segments = json.loads(result.stdout)
    assert [s["text"] for s in segments] == ["Title", "One sentence.", "Another one."]
    assert segments[1] == {
        "id": "s2",
        "text": "One sentence.",
        "block": 1,
        "kind": "paragraph",
        "line": 3,
    }
