"""A real newsroom project (issue 15): articles in both languages, gettext-stable PO files,
document order, fresh notes, a changed sentence's history, and assembly that says what it did.

The two-way scenario runs end to end on the tiny test models (never translation engines):
init --two-way, translate, review, assemble.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from l10nflow.catalog_entry import EntryState, comment_lines, entry_state
from l10nflow.pofile import read_po, write_po

from .conftest import FIXTURE_ARTICLES
from .helpers import one_line_error, write_project

AR_LINES = (FIXTURE_ARTICLES / "mini_ar.txt").read_text(encoding="utf-8").split("\n\n")
EN_LINES = (FIXTURE_ARTICLES / "mini_en.txt").read_text(encoding="utf-8").split("\n\n")


def _articles(root: Path) -> None:
    """Arabic and English articles in all three formats, as init --two-way lays them out."""
    ar, en = root / "articles/ar", root / "articles/en"
    shutil.copy(FIXTURE_ARTICLES / "mini_ar.txt", ar / "ar-news.txt")
    shutil.copy(FIXTURE_ARTICLES / "mini_en.txt", en / "en-news.txt")
    (ar / "ar-feature.md").write_text(
        f"# {AR_LINES[0].strip()}\n\n{AR_LINES[2].strip()}\n", encoding="utf-8"
    )
    (en / "en-feature.md").write_text(
        f"# {EN_LINES[0].strip()}\n\n{EN_LINES[2].strip()}\n", encoding="utf-8"
    )
    (ar / "ar-page.html").write_text(
        f"<html><body><h1>{AR_LINES[0].strip()}</h1><p>{AR_LINES[3].strip()}</p></body></html>\n",
        encoding="utf-8",
    )
    (en / "en-page.html").write_text(
        f"<html><body><h1>{EN_LINES[0].strip()}</h1><p>{EN_LINES[3].strip()}</p></body></html>\n",
        encoding="utf-8",
    )


@pytest.fixture
def two_way(cli, tmp_path: Path, marian_ar_en: Path, marian_en_ar: Path) -> Path:
    root = tmp_path / "desk"
    root.mkdir()
    result = cli(["init", "--two-way"], cwd=root)
    assert result.exit_code == 0, result.stderr
    config = root / "l10nflow.toml"
    text = config.read_text(encoding="utf-8")
    # The hub is offline here: the project's models become the tiny local test models.
    text = text.replace('"ar-en" = "Helsinki-NLP/opus-mt-ar-en"', f'"ar-en" = "{marian_ar_en}"')
    text = text.replace('"en-ar" = "Helsinki-NLP/opus-mt-en-ar"', f'"en-ar" = "{marian_en_ar}"')
    text = text.replace("num_beams = 4", "num_beams = 1")
    config.write_text(text, encoding="utf-8")
    _articles(root)
    return root


def test_two_way_project_translates_each_article_into_the_other_language(cli, two_way: Path):
    result = cli(["translate"], cwd=two_way)
    assert result.exit_code == 0, result.stderr
    catalogs = {p.relative_to(two_way).as_posix() for p in two_way.glob("locales/*/*/*.po")}
    assert catalogs == {
        "locales/en/LC_MESSAGES/ar-news.po",
        "locales/en/LC_MESSAGES/ar-feature.po",
        "locales/en/LC_MESSAGES/ar-page.po",
        "locales/ar/LC_MESSAGES/en-news.po",
        "locales/ar/LC_MESSAGES/en-feature.po",
        "locales/ar/LC_MESSAGES/en-page.po",
    }
    ar_news = read_po(two_way / "locales/en/LC_MESSAGES/ar-news.po")
    en_news = read_po(two_way / "locales/ar/LC_MESSAGES/en-news.po")
    assert ar_news.metadata["X-Source-Language"] == "ar"
    assert en_news.metadata["X-Source-Language"] == "en"
    arabic, latin = re.compile(r"[\u0600-\u06ff]"), re.compile(r"[A-Za-z]")
    assert all(latin.search(e.msgstr) for e in ar_news if arabic.search(e.msgid))
    assert all(arabic.search(e.msgstr) for e in en_news if latin.search(e.msgid))
    status = cli(["status"], cwd=two_way)
    assert "ar→en" in status.stdout and "en→ar" in status.stdout
    assert "total ar→en" in status.stdout

    # review every entry, then assemble both ways
    for po in two_way.glob("locales/*/LC_MESSAGES/*.po"):
        catalog = read_po(po)
        for entry in catalog:
            if entry.msgstr and "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
        write_po(catalog, po)
    result = cli(["assemble"], cwd=two_way)
    assert result.exit_code == 0, result.stderr
    built = {p.relative_to(two_way).as_posix() for p in two_way.glob("build/*/*")}
    assert built == {
        "build/en/ar-news.txt",
        "build/en/ar-feature.md",
        "build/en/ar-page.html",
        "build/ar/en-news.txt",
        "build/ar/en-feature.md",
        "build/ar/en-page.html",
    }
    assert 'lang="ar" dir="rtl"' in (two_way / "build/ar/en-page.html").read_text(encoding="utf-8")
    assert 'lang="en" dir="ltr"' in (two_way / "build/en/ar-page.html").read_text(encoding="utf-8")
    assert "(ar→en)" in result.stderr and "(en→ar)" in result.stderr


@pytest.mark.parametrize(
    ("options", "catalogs"),
    [
        (["--from", "ar", "--to", "en"], {"en"}),
        (["--to", "en"], {"en"}),
        (["--from", "en"], {"ar"}),
    ],
)
def test_from_and_to_choose_among_the_declared_pairs(cli, two_way: Path, options, catalogs):
    """In a two-way project --from/--to pick pairs; they never re-declare an article."""
    result = cli(["extract", *options], cwd=two_way)
    assert result.exit_code == 0, result.stderr
    made = {p.parent.parent.name for p in two_way.glob("locales/*/LC_MESSAGES/*.po")}
    assert made == catalogs
    assert len(list(two_way.glob("locales/*/LC_MESSAGES/*.po"))) == 3


def test_a_pair_no_document_is_in_is_one_line(cli, two_way: Path) -> None:
    result = cli(["translate", "--from", "ar", "--to", "ar"], cwd=two_way)
    one_line_error(result, "no document of the project is in the pair asked for (ar → ar)")
    assert not (two_way / "locales/ar/LC_MESSAGES").exists()


def test_a_document_in_the_wrong_folder_fails_naming_it(cli, two_way: Path) -> None:
    shutil.copy(FIXTURE_ARTICLES / "mini_en.txt", two_way / "articles/ar/stray.txt")
    result = cli(["extract"], cwd=two_way)
    assert result.exit_code == 2
    assert "stray.txt" in result.stderr and "declared Arabic" in result.stderr
    assert not (two_way / "locales/en").exists()


def test_a_guessed_language_needs_a_target_other_than_itself(cli, tmp_path: Path) -> None:
    root = tmp_path / "p"
    (root / "articles").mkdir(parents=True)
    shutil.copy(FIXTURE_ARTICLES / "mini_ar.txt", root / "articles/a.txt")
    shutil.copy(FIXTURE_ARTICLES / "mini_en.txt", root / "articles/b.txt")
    (root / "l10nflow.toml").write_text('target_languages = ["en", "ar"]\n', encoding="utf-8")
    result = cli(["extract"], cwd=root)
    assert result.exit_code == 0, result.stderr
    assert (root / "locales/en/LC_MESSAGES/a.po").exists()
    assert (root / "locales/ar/LC_MESSAGES/b.po").exists()
    assert not (root / "locales/ar/LC_MESSAGES/a.po").exists()
    assert "language guessed as ar" in result.stderr


def test_hints_name_options_that_exist(cli, tmp_path: Path) -> None:
    root = tmp_path / "p"
    (root / "articles").mkdir(parents=True)
    shutil.copy(FIXTURE_ARTICLES / "mini_ar.txt", root / "articles/a.txt")
    (root / "l10nflow.toml").write_text('target_languages = ["en"]\n', encoding="utf-8")
    for command in (["extract"], ["segment", "articles/a.txt"]):
        result = cli(command, cwd=root)
        hinted = set(re.findall(r"(--[a-z][a-z-]+)", result.stderr))
        assert hinted, result.stderr
        help_text = cli([command[0], "--help"], cwd=root).stdout
        assert all(option in help_text for option in hinted), (command, hinted)


# --- PO files that gettext tools and editors leave alone ---------------------------------------


@pytest.mark.parametrize("tool", [["msgcat", "--no-wrap"], ["msgcat", "--width=60"]])
def test_a_file_another_tool_rewrapped_is_not_rewritten(cli, project: Path, tool) -> None:
    assert cli(["extract"], cwd=project).exit_code == 0
    po = project / "locales/en/LC_MESSAGES/qatar-wv-partnership.po"
    subprocess.run([*tool, str(po), "-o", str(po)], check=True)
    rewrapped = po.read_bytes()
    result = cli(["extract"], cwd=project)
    assert result.exit_code == 0
    assert "(unchanged)" in result.stderr
    assert po.read_bytes() == rewrapped


def _entry_ids(po: Path) -> list[str]:
    return [e.msgid for e in read_po(po) if not e.obsolete]


def test_entries_follow_document_order_after_edits(cli, tmp_path: Path) -> None:
    root = write_project(
        tmp_path / "p", {"articles/a.txt": "One here. Two here. Three here. Four here.\n"}
    )
    article = root / "articles/a.txt"
    assert cli(["extract"], cwd=root).exit_code == 0
    article.write_text(
        "Zero first. Three here. One here. New middle one. Four here changed.\n", encoding="utf-8"
    )
    assert cli(["extract"], cwd=root).exit_code == 0
    assert _entry_ids(root / "locales/ar/LC_MESSAGES/a.po") == [
        "Zero first.",
        "Three here.",
        "One here.",
        "New middle one.",
        "Four here changed.",
    ]


def test_stale_notes_go_once_an_entry_is_reviewed(cli, tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", {"articles/a.txt": "The Guard trained.\n"})
    assert cli(["extract"], cwd=root).exit_code == 0
    po = root / "locales/ar/LC_MESSAGES/a.po"
    catalog = read_po(po)
    entry = catalog[0]
    entry.msgstr = "تدرب الحرس."
    entry.comment = (
        "block: title\nmt: test-engine\nglossary: Guard → الحرس\nglossary: MISSING الحرس الوطني"
        "\nmarkup: tags restored at the end; check their place"
    )
    write_po(catalog, po)
    assert cli(["extract"], cwd=root).exit_code == 0
    notes = comment_lines(read_po(po)[0])
    assert "mt: test-engine" in notes and "glossary: Guard → الحرس" in notes
    assert not any("MISSING" in n or n.startswith("markup:") for n in notes)


def test_a_rewritten_sentence_points_to_its_earlier_reviewed_translation(cli, tmp_path) -> None:
    files = {"articles/a.txt": "The National Guard trained with Qatar in May.\n"}
    root = write_project(tmp_path / "p", files)
    article = root / "articles/a.txt"
    assert cli(["extract"], cwd=root).exit_code == 0
    po = root / "locales/ar/LC_MESSAGES/a.po"
    catalog = read_po(po)
    catalog[0].msgstr = "تدرب الحرس الوطني مع قطر في مايو."
    write_po(catalog, po)
    rewritten = "The National Guard of West Virginia exercised with Qatari forces in late May."
    article.write_text(rewritten + "\n", encoding="utf-8")  # 55 % similar: below 75 %
    assert cli(["extract"], cwd=root).exit_code == 0
    entry = next(e for e in read_po(po) if not e.obsolete)
    assert entry_state(entry) is EntryState.EMPTY
    history = [n for n in comment_lines(entry) if n.startswith("history: ")]
    assert history and "تدرب الحرس الوطني مع قطر في مايو." in history[0]


# --- assembly that says what it did -----------------------------------------------------------


def test_assembly_states_its_fallback_and_warns_when_nothing_is_translated(cli, project: Path):
    assert cli(["extract"], cwd=project).exit_code == 0
    result = cli(["assemble"], cwd=project)
    assert result.exit_code == 0
    assert "--fallback source" in result.stderr
    assert "holds no translation yet" in result.stderr


def test_untranslated_html_keeps_its_own_lang_and_dir(cli, tmp_path: Path) -> None:
    page = '<html lang="en"><body><p>Hello world.</p></body></html>\n'
    root = write_project(tmp_path / "p", {"articles/a.html": page})
    assert cli(["extract"], cwd=root).exit_code == 0
    assert cli(["assemble"], cwd=root).exit_code == 0
    assert (root / "build/ar/a.html").read_text(encoding="utf-8") == page


def test_min_reviewed_names_every_document_below(cli, tmp_path: Path) -> None:
    files = {f"articles/{name}": f"Hello from {name}.\n" for name in ("a.txt", "b.txt")}
    root = write_project(tmp_path / "p", files)
    assert cli(["extract"], cwd=root).exit_code == 0
    result = cli(["assemble", "--min-reviewed", "50"], cwd=root)
    assert result.exit_code == 1
    assert "2 document(s)" in result.stderr
    assert "a.txt" in result.stderr and "b.txt" in result.stderr
    assert not (root / "build").exists()


def test_status_and_assemble_agree_on_counts(cli, project: Path) -> None:
    import json

    assert cli(["extract"], cwd=project).exit_code == 0
    po = project / "locales/en/LC_MESSAGES/qatar-wv-partnership.po"
    catalog = read_po(po)
    for entry in catalog[:4]:
        entry.msgstr = "reviewed " + entry.msgid[:5]
    write_po(catalog, po)
    status = json.loads(cli(["status", "--json"], cwd=project).stdout)["total"]
    result = cli(["assemble"], cwd=project)
    reviewed = int(re.search(r"(\d+) reviewed", result.stderr).group(1))
    assert status["reviewed"] == 4
    # assemble counts segments (a repeated caption twice), status counts entries
    assert reviewed >= status["reviewed"]


# --- the shipped glossary, layered under the project's -----------------------------------------


def test_a_project_glossary_overrides_the_shipped_one(cli, tmp_path: Path) -> None:
    from l10nflow.glossary import Glossary
    from l10nflow.project import Project

    files = {
        "articles/a.txt": "قال قائد الحرس الوطني.\n",
        "house.csv": "ar,en\nالحرس الوطني,the Guard\n",
    }
    config = 'glossaries = ["defense", "house.csv"]\n'
    root = write_project(tmp_path / "p", files, config, source="ar", targets=["en"])
    glossary = Project.discover(root).load_glossary()
    found = glossary.find_terms("قال قائد الحرس الوطني", "ar")
    guard = next(m for m in found if m.form == "الحرس الوطني")
    assert guard.entry.preferred("en") == "the Guard"
    shipped = Glossary.load([Project.discover(root).glossary_paths()[0]])
    assert len(glossary) == len(shipped)  # one entry replaced, none added twice
    lint = cli(["glossary", "lint"], cwd=root)
    assert "overridden-entry" in lint.stdout and "conflicting-entry" not in lint.stdout
    assert lint.exit_code == 0, lint.stdout
