"""PO catalogs: header, shared entries, merge that keeps translations, gettext compatibility."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from l10nflow.catalog_entry import EntryState, entry_state
from l10nflow.pofile import read_po, wrap_references

from .conftest import snapshot

needs_gettext = pytest.mark.skipif(
    shutil.which("msgfmt") is None or shutil.which("msgcat") is None,
    reason="GNU gettext (msgfmt, msgcat) not installed",
)
SEED_PO = Path("locales/en/LC_MESSAGES/qatar-wv-partnership.po")


def _extract(cli, project: Path, *args: str) -> Path:
    result = cli(["extract", *args], cwd=project)
    assert result.exit_code == 0, result.stderr
    return project / SEED_PO


def test_extract_writes_one_entry_per_distinct_segment(cli, project: Path) -> None:
    po_path = _extract(cli, project)
    catalog = read_po(po_path)
    header = catalog.metadata
    assert header["Language"] == "en"
    assert header["X-Source-Language"] == "ar"
    assert header["Plural-Forms"].startswith("nplurals=2;")
    assert "charset=UTF-8" in header["Content-Type"]
    assert header["X-Generator"].startswith("l10nflow ")
    msgids = [e.msgid for e in catalog]
    assert len(msgids) == len(set(msgids))
    caption = next(e for e in catalog if e.msgid.startswith("الرقيب أول"))
    assert [line for _, line in caption.occurrences] == ["11", "12"]
    assert all(ref == "articles/qatar-wv-partnership.txt" for ref, _ in caption.occurrences)
    assert "block: caption" in caption.comment
    assert all(entry_state(e) is EntryState.EMPTY for e in catalog)


def test_arabic_target_has_six_plural_forms(cli, tmp_path: Path) -> None:
    article = tmp_path / "note.txt"
    article.write_text("The Guard trained. The team left.\n", encoding="utf-8")
    result = cli(["extract", str(article), "--to", "ar"], cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    catalog = read_po(tmp_path / "locales/ar/LC_MESSAGES/note.po")
    assert catalog.metadata["Plural-Forms"].startswith("nplurals=6;")
    assert catalog.metadata["X-Source-Language"] == "en"
    assert [e.msgid for e in catalog] == ["The Guard trained.", "The team left."]


GETTEXT_TOOLS = {
    "msgcat": ["msgcat", "{po}", "-o", "{out}"],
    "msgattrib": ["msgattrib", "{po}", "-o", "{out}"],
    "msgmerge --previous": ["msgmerge", "--quiet", "--previous", "{po}", "{po}", "-o", "{out}"],
    "msgcat --no-wrap (wrap = 0)": ["msgcat", "--no-wrap", "{po}", "-o", "{out}"],
}


@needs_gettext
@pytest.mark.parametrize("tool", list(GETTEXT_TOOLS))
def test_catalog_passes_msgfmt_and_gettext_tools_leave_it_alone(
    cli, project: Path, tmp_path: Path, tool: str
) -> None:
    po_path = _extract(cli, project)
    catalog = read_po(po_path)
    for index, entry in enumerate(catalog):  # exercise every state
        if index % 3 == 0:
            entry.msgstr = f"translation {index}"
        elif index % 3 == 1:
            entry.msgstr = f"machine {index}"
            entry.flags.append("fuzzy")
            entry.previous_msgid = "older " + entry.msgid
    catalog[5].msgstr = "A long reviewed translation " * 6 + "that gettext wraps.\nSecond line."
    from l10nflow.pofile import write_po

    write_po(catalog, po_path, wrap=0 if "no-wrap" in tool else 79)
    check = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(po_path)], text=True, capture_output=True
    )
    assert check.returncode == 0, check.stderr
    rewritten = tmp_path / "rewritten.po"
    command = [part.format(po=po_path, out=rewritten) for part in GETTEXT_TOOLS[tool]]
    subprocess.run(command, check=True)
    assert rewritten.read_text(encoding="utf-8") == po_path.read_text(encoding="utf-8")


@needs_gettext
def test_reference_wrapping_matches_msgcat(tmp_path: Path) -> None:
    catalog = polib.POFile(wrapwidth=0)
    catalog.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    for count in range(1, 30):
        refs = [(f"articles/{'x' * (count % 13)}-{i}.txt", str(i * 7)) for i in range(count)]
        catalog.append(polib.POEntry(msgid=f"m{count}", msgstr="", occurrences=refs))
    from l10nflow.pofile import format_po

    path = tmp_path / "refs.po"
    path.write_text(format_po(catalog), encoding="utf-8")
    out = tmp_path / "out.po"
    subprocess.run(["msgcat", "--no-wrap", str(path), "-o", str(out)], check=True)
    assert out.read_text(encoding="utf-8") == path.read_text(encoding="utf-8")
    assert wrap_references(["a"]) == ["#: a"]


def test_re_extract_keeps_translations_flags_and_comments(cli, project: Path) -> None:
    po_path = _extract(cli, project)
    catalog = read_po(po_path)
    reviewed, machine = catalog[1], catalog[2]
    reviewed.msgstr = "Qatar and West Virginia National Guard strengthen ties"
    reviewed.tcomment = "checked with the editor"
    machine.msgstr = "2024-07-30"
    machine.flags.append("fuzzy")
    from l10nflow.pofile import write_po

    write_po(catalog, po_path)
    before = po_path.read_bytes()
    _extract(cli, project)
    assert po_path.read_bytes() == before
    again = read_po(po_path)
    assert again[1].msgstr == reviewed.msgstr and again[1].tcomment == reviewed.tcomment
    assert entry_state(again[1]) is EntryState.REVIEWED
    assert again[2].msgstr == "2024-07-30" and "fuzzy" in again[2].flags


def test_removed_segment_becomes_obsolete_and_returns(cli, project: Path) -> None:
    po_path = _extract(cli, project)
    catalog = read_po(po_path)
    target = next(e for e in catalog if e.msgid == "شراكة فعالة")
    target.msgstr = "An effective partnership"
    from l10nflow.pofile import write_po

    write_po(catalog, po_path)
    article = project / "articles/qatar-wv-partnership.txt"
    original = article.read_text(encoding="utf-8")
    article.write_text(original.replace("شراكة فعالة\n\n", ""), encoding="utf-8")
    result = cli(["extract"], cwd=project)
    assert result.exit_code == 0, result.stderr
    gone = next(e for e in read_po(po_path) if e.msgid == "شراكة فعالة")
    assert gone.obsolete and gone.msgstr == "An effective partnership"
    article.write_text(original, encoding="utf-8")
    _extract(cli, project)
    back = next(e for e in read_po(po_path) if e.msgid == "شراكة فعالة")
    assert not back.obsolete and entry_state(back) is EntryState.REVIEWED


def test_unchanged_extract_writes_nothing(cli, project: Path) -> None:
    _extract(cli, project)
    before = snapshot(project)
    mtime = (project / SEED_PO).stat().st_mtime_ns
    _extract(cli, project)
    assert snapshot(project) == before
    assert (project / SEED_PO).stat().st_mtime_ns == mtime
