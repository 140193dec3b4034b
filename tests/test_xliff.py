"""XLIFF exchange: round trips, state mapping, protection of reviewed work, conflicts,
Translate Toolkit as the third-party reader and writer, and hostile input."""

from __future__ import annotations

import json
from pathlib import Path

import polib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from l10nflow.catalog_entry import EntryState, NoteKind, entry_state, set_notes
from l10nflow.exchange import XliffUnit, dump_xliff, parse_xliff, unit_id, xliff_state
from l10nflow.pofile import read_po, write_po
from tests.conftest import snapshot
from tests.helpers import one_line_error

PO = Path("locales/en/LC_MESSAGES/qatar-wv-partnership.po")
XLF = Path("xlf/qatar-wv-partnership.ar-en.xlf")
TITLE = "التحالفات"
HEADING = "شارك هذا المقال"
DATELINE = "2024-07-30"
CREDIT = "[الحرس الوطني الجوي الأميركي]"


@pytest.fixture
def catalog_project(cli, project: Path) -> Path:
    """The example project extracted, with one entry in each state and a msgctxt entry."""
    assert cli(["extract"], cwd=project).exit_code == 0
    catalog = read_po(project / PO)
    entries = {entry.msgid: entry for entry in catalog}
    entries[TITLE].msgstr = "Alliances"  # reviewed
    entries[TITLE].tcomment = "house style: plural"
    heading = entries[HEADING]  # machine translation
    heading.msgstr, heading.flags = "Share this article", ["fuzzy"]
    # A note naming a hub model, as text only: no test loads it (the hub is offline here).
    set_notes(heading, NoteKind.MT, ["transformers Helsinki-NLP/opus-mt-ar-en@abc"])
    credit = entries[CREDIT]  # memory suggestion with the previous source
    credit.msgstr, credit.flags = "[U.S. Air National Guard]", ["fuzzy"]
    credit.previous_msgid = "[الحرس الوطني الأميركي]"
    catalog.append(polib.POEntry(msgctxt="menu", msgid=TITLE, msgstr="Alliances (menu)"))
    write_po(catalog, project / PO)
    return project


def export(cli, root: Path) -> Path:
    result = cli(["export", "--format", "xliff", "-o", "xlf"], cwd=root)
    assert result.exit_code == 0, result.stderr
    return root / XLF


def states(path: Path) -> dict[tuple[str | None, str], tuple[EntryState, str]]:
    return {(e.msgctxt, e.msgid): (entry_state(e), e.msgstr) for e in read_po(path)}


def test_import_of_an_untouched_export_changes_no_byte(cli, catalog_project: Path) -> None:
    before = (catalog_project / PO).read_bytes()
    xlf = export(cli, catalog_project)
    result = cli(["import", str(xlf)], cwd=catalog_project)
    assert result.exit_code == 0, result.stderr
    assert (catalog_project / PO).read_bytes() == before
    assert "0 reviewed, 0 unreviewed" in result.stderr and "(unchanged)" in result.stderr


def test_po_xliff_po_round_trip_restores_every_translation_and_state(
    cli, catalog_project: Path
) -> None:
    before = (catalog_project / PO).read_bytes()
    xlf = export(cli, catalog_project)
    catalog = read_po(catalog_project / PO)
    for entry in catalog:  # lose every translation and state, keep the notes
        entry.msgstr, entry.flags = "", []
    write_po(catalog, catalog_project / PO)
    assert (catalog_project / PO).read_bytes() != before
    result = cli(["import", str(xlf)], cwd=catalog_project)
    assert result.exit_code == 0, result.stderr
    assert (catalog_project / PO).read_bytes() == before
    assert "2 reviewed, 2 unreviewed" in result.stderr


def test_states_map_both_ways(cli, catalog_project: Path) -> None:
    assert xliff_state(EntryState.EMPTY) == ("", "")
    assert xliff_state(EntryState.MACHINE) == ("needs-review-translation", "mt-suggestion")
    assert xliff_state(EntryState.MEMORY) == ("needs-review-translation", "leveraged-tm")
    assert xliff_state(EntryState.REVIEWED) == ("translated", "")
    (xliff_file,) = parse_xliff(export(cli, catalog_project).read_bytes(), Path("x.xlf"))
    by_source = {(u.source, u.id): u for u in xliff_file.units}
    title = by_source[(TITLE, unit_id(None, TITLE))]
    assert (title.target, title.state, title.approved, title.reviewed) == (
        "Alliances",
        "translated",
        "yes",
        True,
    )
    heading = by_source[(HEADING, unit_id(None, HEADING))]
    assert (heading.state, heading.qualifier, heading.reviewed) == (
        "needs-review-translation",
        "mt-suggestion",
        False,
    )
    dateline = by_source[(DATELINE, unit_id(None, DATELINE))]
    assert dateline.target is None and not dateline.reviewed  # empty: no <target>
    assert by_source[(TITLE, unit_id("menu", TITLE))].target == "Alliances (menu)"


@pytest.mark.parametrize(
    ("state", "approved", "reviewed"),
    [
        ("new", "", False),
        ("needs-translation", "", False),
        ("needs-review-translation", "", False),
        ("needs-review-translation", "yes", False),  # unclear: never counts as reviewed
        ("needs-adaptation", "", False),
        ("translated", "", True),
        ("translated", "yes", True),
        ("translated", "no", False),
        ("signed-off", "", True),
        ("final", "yes", True),
        ("", "yes", True),
        ("", "", False),
    ],
)
def test_xliff_states_read_as_reviewed_or_not(state: str, approved: str, reviewed: bool) -> None:
    unit = XliffUnit("u1", "src", "tgt", state=state, approved=approved)
    assert unit.reviewed is reviewed


def _edit(path: Path, source: str, target: str, state: str, approved: str = "") -> None:
    """Set one unit's target as a CAT tool would (plain text edit of our own layout)."""
    text = path.read_text(encoding="utf-8")
    start = text.index(f"<source>{source}</source>")
    end = text.index("</trans-unit>", start)
    unit = text[start:end]
    head = text[:start]
    tu_start = head.rindex("<trans-unit")
    opening_end = head.index(">", tu_start)
    opening = head[tu_start:opening_end]
    opening = opening.replace(' approved="yes"', "").replace(' approved="no"', "")
    if approved:
        opening = opening.replace("<trans-unit", f'<trans-unit approved="{approved}"')
    head = head[:tu_start] + opening + head[opening_end:]
    body = unit.split("\n", 1)
    rest = body[1]
    if "<target" in rest:
        rest = rest[rest.index("</target>\n") + len("</target>\n") :]
    target_line = f'        <target state="{state}">{target}</target>\n'
    path.write_text(head + body[0] + "\n" + target_line + rest + text[end:], encoding="utf-8")


def test_reviewed_entry_is_protected_against_an_unreviewed_import(
    cli, catalog_project: Path
) -> None:
    xlf = export(cli, catalog_project)
    _edit(xlf, TITLE, "Alliance (MT)", "needs-review-translation", "no")
    _edit(xlf, DATELINE, "30 July 2024", "needs-review-translation")
    _edit(xlf, HEADING, "Share this story", "translated", "yes")
    result = cli(["import", str(xlf)], cwd=catalog_project)
    assert result.exit_code == 0, result.stderr
    after = states(catalog_project / PO)
    assert after[(None, TITLE)] == (EntryState.REVIEWED, "Alliances")  # kept
    assert after[(None, DATELINE)] == (EntryState.MEMORY, "30 July 2024")  # fuzzy, no mt note
    assert after[(None, HEADING)] == (EntryState.REVIEWED, "Share this story")
    assert "1 reviewed, 1 unreviewed, 1 kept reviewed, 0 conflicts" in result.stderr


def test_conflict_is_reported_and_left_as_is(cli, catalog_project: Path) -> None:
    xlf = export(cli, catalog_project)
    _edit(xlf, TITLE, "Coalitions", "signed-off", "yes")
    _edit(xlf, DATELINE, "30 July 2024", "final", "yes")
    result = cli(["import", str(xlf)], cwd=catalog_project)
    assert result.exit_code == 1
    assert "conflict" in result.stderr and "'Coalitions'" in result.stderr
    assert "'Alliances'" in result.stderr
    after = states(catalog_project / PO)
    assert after[(None, TITLE)] == (EntryState.REVIEWED, "Alliances")
    assert after[(None, DATELINE)] == (EntryState.REVIEWED, "30 July 2024")  # the rest applied
    assert "1 conflicts" in result.stderr


def test_import_json_summary_and_unmatched_units(cli, catalog_project: Path) -> None:
    xlf = export(cli, catalog_project)
    text = xlf.read_text(encoding="utf-8").replace(
        f"<source>{DATELINE}</source>", "<source>2025-01-01</source>"
    )
    xlf.write_text(text, encoding="utf-8")
    _edit(xlf, "2025-01-01", "1 January 2025", "translated")
    result = cli(["import", "--json", str(xlf)], cwd=catalog_project)
    assert result.exit_code == 1
    assert "no entry for the source '2025-01-01'" in result.stderr
    (report,) = json.loads(result.stdout)
    assert report["unmatched"][0]["source"] == "2025-01-01"
    assert report["written"] is False
    assert states(catalog_project / PO)[(None, DATELINE)] == (EntryState.EMPTY, "")


def test_translator_notes_come_back_as_translator_comments(cli, catalog_project: Path) -> None:
    xlf = export(cli, catalog_project)
    text = xlf.read_text(encoding="utf-8")
    marker = '<note from="developer">block: dateline</note>\n'
    text = text.replace(marker, marker + "        <note>ask the editor: local date?</note>\n")
    xlf.write_text(text, encoding="utf-8")
    result = cli(["import", str(xlf)], cwd=catalog_project)
    assert result.exit_code == 0 and "1 notes added" in result.stderr
    entry = next(e for e in read_po(catalog_project / PO) if e.msgid == DATELINE)
    assert entry.tcomment == "ask the editor: local date?"
    assert entry_state(entry) is EntryState.EMPTY


def test_translate_toolkit_reads_our_file(cli, catalog_project: Path) -> None:
    from translate.storage.xliff import xlifffile

    store = xlifffile.parsefile(str(export(cli, catalog_project)))
    assert store.getsourcelanguage() == "ar" and store.gettargetlanguage() == "en"
    assert store.getfilenames() == [PO.as_posix()]
    units = {(_msgctxt(unit), unit.source): unit for unit in store.units}
    title, heading = units[(None, TITLE)], units[(None, HEADING)]
    assert (title.target, title.isfuzzy(), title.istranslated()) == ("Alliances", False, True)
    assert (heading.target, heading.isfuzzy()) == ("Share this article", True)
    assert not units[(None, DATELINE)].target
    assert "block: title" in title.getnotes("developer")
    assert title.getnotes("translator") == "house style: plural"
    assert "mt: transformers" in heading.getnotes("developer")
    assert "previous source: [الحرس الوطني الأميركي]" in units[(None, CREDIT)].getnotes()
    assert title.getlocations() == ["articles/qatar-wv-partnership.txt:1"]
    assert units[("menu", TITLE)].target == "Alliances (menu)"


def _msgctxt(unit) -> str | None:
    """msgctxt as Translate Toolkit's XLIFF reader exposes it (a po-entry context group)."""
    groups = unit.getcontextgroups("po-entry")
    return dict(groups[0])["x-po-msgctxt"] if groups else None


def test_a_file_translate_toolkit_edited_and_saved_imports(cli, catalog_project: Path) -> None:
    from translate.storage.xliff import xlifffile

    xlf = export(cli, catalog_project)
    store = xlifffile.parsefile(str(xlf))
    for unit in store.units:
        if unit.source == DATELINE:
            unit.target = "30 July 2024"
            unit.markfuzzy(False)  # confirmed
        elif unit.source == TITLE and _msgctxt(unit) is None:
            unit.target = "Alliance"
            unit.markfuzzy(True)  # an unreviewed edit of a reviewed entry
    xlf.write_bytes(bytes(store))
    result = cli(["import", str(xlf)], cwd=catalog_project)
    assert result.exit_code == 0, result.stderr
    after = states(catalog_project / PO)
    assert after[(None, DATELINE)] == (EntryState.REVIEWED, "30 July 2024")
    assert after[(None, TITLE)] == (EntryState.REVIEWED, "Alliances")
    assert after[(None, HEADING)] == (EntryState.MACHINE, "Share this article")


def test_inline_tags_become_xliff_elements_and_come_back() -> None:
    catalog = polib.POFile()
    catalog.metadata = {"Language": "en", "X-Source-Language": "ar"}
    texts = [
        "شارك <1>الحرس الوطني</1> منذ <2>2021</2><3/> و<4>نص",
        "a </5> b <6><7>c</6></7> & <x> \r\n",
    ]
    for text in texts:
        catalog.append(polib.POEntry(msgid=text, msgstr=text.replace("الحرس", "G")))
    xml, count = dump_xliff(catalog, "locales/en/LC_MESSAGES/a.po")
    assert count == 2
    assert '<g id="1">الحرس الوطني</g>' in xml and '<x id="3"/>' in xml
    assert '<bx id="4"/>' in xml and '<ex id="5e" rid="5"/>' in xml and "&amp; &lt;x&gt;" in xml
    (back,) = parse_xliff(xml.encode("utf-8"), Path("a.xlf"))
    assert [unit.source for unit in back.units] == texts
    assert [unit.target for unit in back.units] == [e.msgstr for e in catalog]


HEADER = '<?xml version="1.0" encoding="UTF-8"?>\n'
GOOD_FILE = (
    '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
    '<file original="{original}" source-language="{src}" target-language="{tgt}" '
    'datatype="po"><body><trans-unit id="{uid}"><source>{source}</source>'
    '<target state="translated">{target}</target></trans-unit></body></file></xliff>\n'
)


def _xliff(
    original: str = PO.as_posix(),
    src: str = "ar",
    tgt: str = "en",
    source: str = DATELINE,
    target: str = "30 July 2024",
) -> str:
    return HEADER + GOOD_FILE.format(
        original=original, src=src, tgt=tgt, uid=unit_id(None, source), source=source, target=target
    )


HOSTILE = {
    "external entity": (
        HEADER
        + '<!DOCTYPE xliff [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
        + _xliff(target="&x;").removeprefix(HEADER),
        "entities",
    ),
    "billion laughs": (
        HEADER
        + '<!DOCTYPE xliff [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        + '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>\n'
        + _xliff(target="&c;").removeprefix(HEADER),
        "entities",
    ),
    "wrong target language": (_xliff(tgt="fr"), "wrong languages"),
    "wrong source language": (_xliff(src="en", tgt="ar"), "wrong languages"),
    "unknown catalog": (_xliff(original="locales/en/LC_MESSAGES/nope.po"), "names no catalog"),
    "path outside the project": (_xliff(original="../../../etc/passwd"), "names no catalog"),
    "absolute path": (_xliff(original="/etc/hosts"), "names no catalog"),
    "not XLIFF": (HEADER + "<html><body>hello</body></html>\n", "not an XLIFF file"),
    "not XML": ('msgid "x"\nmsgstr "y"\n', "malformed XLIFF"),
    "truncated": (_xliff()[:-40], "malformed XLIFF"),
    "XLIFF 2.0 without original": (
        HEADER + '<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" '
        'srcLang="ar" trgLang="en"><file id="f"/></xliff>\n',
        "without an original attribute",
    ),
    "XLIFF 3.0": (_xliff().replace('version="1.2"', 'version="3.0"'), "unsupported XLIFF version"),
    "unit without id": (_xliff().replace(' id="u', ' name="u'), "without an id"),
    "foreign inline code": (_xliff(target='a <ph id="1">&lt;b&gt;</ph>'), "unsupported inline"),
    "empty": ("", "empty XLIFF file"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_or_malformed_xliff_is_refused_and_nothing_changes(
    cli, catalog_project: Path, case: str
) -> None:
    good = catalog_project / "good.xlf"
    good.write_text(_xliff(), encoding="utf-8")  # applied only if every file is good
    bad = catalog_project / "bad.xlf"
    content, reason = HOSTILE[case]
    bad.write_text(content, encoding="utf-8")
    before = snapshot(catalog_project)
    result = cli(["import", "good.xlf", "bad.xlf"], cwd=catalog_project)
    assert one_line_error(result, reason).startswith("l10nflow: error: bad.xlf")
    assert snapshot(catalog_project) == before


def test_good_file_alone_is_applied(cli, catalog_project: Path) -> None:
    (catalog_project / "good.xlf").write_text(_xliff(), encoding="utf-8")
    result = cli(["import", "good.xlf"], cwd=catalog_project)
    assert result.exit_code == 0, result.stderr
    assert states(catalog_project / PO)[(None, DATELINE)] == (EntryState.REVIEWED, "30 July 2024")


def test_export_without_catalog_says_to_extract(cli, project: Path) -> None:
    result = cli(["export", "-o", "xlf"], cwd=project)
    assert result.exit_code == 2
    assert "run `l10nflow extract` first" in result.stderr
    assert not (project / "xlf").exists()


_XML_CHARS = st.characters(
    blacklist_categories=("Cs",),
    blacklist_characters="\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12"
    "\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f\ufffe\uffff",
)
_PIECES = st.one_of(
    st.text(_XML_CHARS, max_size=8),
    st.sampled_from(["<1>", "</1>", "<2/>", "<3>", "</3>", "&", "<", "]]>", "\r\n", " ", "ـ"]),
)
_TEXTS = st.lists(_PIECES, min_size=1, max_size=12).map("".join).filter(bool)


@settings(max_examples=150, deadline=None)
@given(source=_TEXTS, target=_TEXTS, context=st.one_of(st.none(), _TEXTS))
def test_any_text_survives_the_xliff_round_trip(source: str, target: str, context) -> None:
    catalog = polib.POFile()
    catalog.metadata = {"Language": "en", "X-Source-Language": "ar"}
    catalog.append(polib.POEntry(msgid=source, msgstr=target, msgctxt=context))
    xml, count = dump_xliff(catalog, "locales/en/LC_MESSAGES/a.po")
    assert count == 1
    (back,) = parse_xliff(xml.encode("utf-8"), Path("a.xlf"))
    (unit,) = back.units
    assert (unit.id, unit.source, unit.target, unit.reviewed) == (
        unit_id(context, source),
        source,
        target,
        True,
    )


def test_import_waits_for_no_one_with_no_wait(cli, catalog_project: Path) -> None:
    from l10nflow.lock import project_lock

    (catalog_project / "good.xlf").write_text(_xliff(), encoding="utf-8")
    before = snapshot(catalog_project)
    with project_lock(catalog_project):
        result = cli(["import", "--no-wait", "good.xlf"], cwd=catalog_project)
    assert result.exit_code == 2 and "another l10nflow run" in result.stderr
    assert snapshot(catalog_project) == before


# --- XLIFF 2.0 ----------------------------------------------------------------------------


def export2(cli, root: Path) -> Path:
    result = cli(["export", "--format", "xliff2", "-o", "xlf"], cwd=root)
    assert result.exit_code == 0, result.stderr
    assert "XLIFF 2.0" in result.stderr
    return root / XLF


def test_xliff2_round_trip_restores_every_translation_and_state(cli, catalog_project: Path) -> None:
    before = (catalog_project / PO).read_bytes()
    xlf = export2(cli, catalog_project)
    assert 'version="2.0"' in xlf.read_text(encoding="utf-8")
    assert cli(["import", str(xlf)], cwd=catalog_project).exit_code == 0
    assert (catalog_project / PO).read_bytes() == before  # untouched: no byte changes
    catalog = read_po(catalog_project / PO)
    for entry in catalog:
        entry.msgstr, entry.flags = "", []
    write_po(catalog, catalog_project / PO)
    result = cli(["import", str(xlf)], cwd=catalog_project)
    assert result.exit_code == 0, result.stderr
    assert (catalog_project / PO).read_bytes() == before
    assert "2 reviewed, 2 unreviewed" in result.stderr


def test_xliff2_states_both_ways(cli, catalog_project: Path) -> None:
    from l10nflow.exchange import xliff2_state

    assert xliff2_state(EntryState.EMPTY) == ("initial", "")
    assert xliff2_state(EntryState.MACHINE) == ("initial", "l10nflow:machine")
    assert xliff2_state(EntryState.MEMORY) == ("initial", "l10nflow:memory")
    assert xliff2_state(EntryState.REVIEWED) == ("translated", "")
    (xliff_file,) = parse_xliff(export2(cli, catalog_project).read_bytes(), Path("x.xlf"))
    assert (xliff_file.source_language, xliff_file.target_language) == ("ar", "en")
    units = {unit.id: unit for unit in xliff_file.units}
    title = units[unit_id(None, TITLE)]
    assert (title.target, title.state, title.reviewed) == ("Alliances", "translated", True)
    heading = units[unit_id(None, HEADING)]
    assert (heading.state, heading.reviewed) == ("initial", False)
    assert units[unit_id(None, DATELINE)].target is None
    assert units[unit_id("menu", TITLE)].target == "Alliances (menu)"
    assert ("translator", "house style: plural") in title.notes


def test_translate_toolkit_reads_and_edits_our_xliff2(cli, catalog_project: Path) -> None:
    from translate.storage.xliff2 import Xliff2File

    xlf = export2(cli, catalog_project)
    store = Xliff2File.parsefile(str(xlf))
    assert store.getsourcelanguage() == "ar" and store.gettargetlanguage() == "en"
    units = {unit.getid(): unit for unit in store.units}
    heading, title = units[unit_id(None, HEADING)], units[unit_id(None, TITLE)]
    assert (heading.target, heading.isfuzzy()) == ("Share this article", True)
    assert title.istranslated() and not title.isfuzzy()
    # (its getnotes() looks for <notes> inside <segment>; XLIFF 2.0 puts them on <unit>)
    assert units[unit_id("menu", TITLE)].target == "Alliances (menu)"
    units[unit_id(None, DATELINE)].target = "30 July 2024"
    units[unit_id(None, DATELINE)].markfuzzy(False)  # confirmed
    xlf.write_bytes(bytes(store))
    result = cli(["import", str(xlf)], cwd=catalog_project)
    assert result.exit_code == 0, result.stderr
    after = states(catalog_project / PO)
    assert after[(None, DATELINE)] == (EntryState.REVIEWED, "30 July 2024")
    assert after[(None, HEADING)] == (EntryState.MACHINE, "Share this article")


def test_xliff2_segments_of_a_unit_are_joined(cli, catalog_project: Path) -> None:
    """A tool that split a unit into segments: sources and targets joined, least state kept."""
    source = "تدخل دولة قطر. والحرس الوطني"
    catalog = read_po(catalog_project / PO)
    catalog.append(polib.POEntry(msgid=source, msgstr=""))
    write_po(catalog, catalog_project / PO)
    uid = unit_id(None, source)
    text = (
        HEADER + '<xliff version="2.1" xmlns="urn:oasis:names:tc:xliff:document:2.0" '
        f'srcLang="ar" trgLang="en"><file id="f" original="{PO.as_posix()}"><unit id="{uid}">'
        '<segment state="final"><source>تدخل دولة قطر.</source><target>Qatar enters.</target>'
        '</segment><ignorable><source> </source></ignorable><segment state="{state}">'
        '<source>والحرس الوطني</source><target>And the <mrk id="m">Guard</mrk></target>'
        "</segment></unit></file></xliff>\n"
    )
    for state, expected in (("initial", EntryState.MEMORY), ("reviewed", EntryState.REVIEWED)):
        (catalog_project / "split.xlf").write_text(text.replace("{state}", state), "utf-8")
        result = cli(["import", "split.xlf"], cwd=catalog_project)
        assert result.exit_code == 0, result.stderr
        assert states(catalog_project / PO)[(None, source)] == (
            expected,
            "Qatar enters. And the Guard",
        )


def test_xliff2_inline_tags_come_back() -> None:
    from l10nflow.exchange import dump_xliff2

    catalog = polib.POFile()
    catalog.metadata = {"Language": "ar", "X-Source-Language": "en"}
    text = "Press <1>OK</1> <2/> then <3> & </4>"
    catalog.append(polib.POEntry(msgid=text, msgstr=text, msgctxt=""))
    xml, count = dump_xliff2(catalog, "locales/ar/LC_MESSAGES/a.po")
    assert count == 1 and '<pc id="1">OK</pc>' in xml and '<ph id="2"/>' in xml
    assert '<sc id="3" isolated="yes"/>' in xml and '<ec id="4e" isolated="yes"/>' in xml
    assert 'name=""' in xml
    (back,) = parse_xliff(xml.encode("utf-8"), Path("a.xlf"))
    (unit,) = back.units
    assert (unit.id, unit.source, unit.target, unit.reviewed) == (
        unit_id("", text),
        text,
        text,
        True,
    )
