"""TBX import and export: structure, statuses, round trip, hostile and malformed XML."""

from __future__ import annotations

from pathlib import Path

import defusedxml.ElementTree as SafeET
import pytest

from l10nflow.errors import GlossaryError
from l10nflow.glossary import Glossary, GlossaryEntry, dump_tbx, load_tbx, read_tbx, write_tbx

CASES = Path(__file__).parent / "glossary_cases"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def tbx_document(body: str, root: str = "martif") -> str:
    head = f'<?xml version="1.0" encoding="UTF-8"?>\n<{root}><text><body>\n'
    return f"{head}{body}\n</body></text></{root}>\n"


def tig(term: str, status: str = "") -> str:
    note = f'<termNote type="administrativeStatus">{status}</termNote>' if status else ""
    return f"<tig><term>{term}</term>{note}</tig>"


SAMPLE = GlossaryEntry(
    forms={"ar": ("الحرس الوطني",), "en": ("National Guard", "Guard")},
    forbidden={"en": ("national guards",)},
    note="US reserve force",
    extra={"category": "units", "case": "sensitive"},
)


def test_export_structure_is_tbx_basic() -> None:
    root = SafeET.fromstring(dump_tbx(Glossary([SAMPLE])).encode())
    assert (root.tag, root.get("type"), root.get(XML_LANG)) == ("martif", "TBX-Basic", "ar")
    (entry,) = root.iter("termEntry")
    assert entry.findtext("note") == "US reserve force"
    assert {d.get("type"): d.text for d in entry.iter("descrip")} == {
        "category": "units",
        "case": "sensitive",
    }
    langs = {ls.get(XML_LANG): ls for ls in entry.iter("langSet")}
    terms = [
        (tig.findtext("term"), tig.findtext("termNote[@type='administrativeStatus']"))
        for tig in langs["en"].iter("tig")
    ]
    assert terms == [
        ("National Guard", "preferredTerm-admn-sts"),
        ("Guard", "admittedTerm-admn-sts"),
        ("national guards", "deprecatedTerm-admn-sts"),
    ]


def test_round_trip_equal_glossary(tmp_path: Path) -> None:
    source = Glossary.load([CASES / "matching.csv"])
    path = tmp_path / "out.tbx"
    write_tbx(source, path)
    again = load_tbx(path)
    assert again == source
    assert again.digest == source.digest
    assert again.entries[0].source == str(path)


def test_round_trip_keeps_notes_extras_and_forbidden(tmp_path: Path) -> None:
    path = tmp_path / "one.tbx"
    write_tbx(Glossary([SAMPLE]), path)
    (entry,) = read_tbx(path)
    assert entry == SAMPLE
    assert entry.case_sensitive


def test_round_trip_with_xml_special_characters(tmp_path: Path) -> None:
    entry = GlossaryEntry({"ar": ("أ & ب",), "en": ("A <&> B",)}, note='"quoted" & <tagged>')
    path = tmp_path / "special.tbx"
    write_tbx(Glossary([entry]), path)
    assert read_tbx(path) == [entry]


def test_import_orders_preferred_first_and_deprecated_as_forbidden(tmp_path: Path) -> None:
    body = f"""<termEntry id="t1">
  <descrip type="subjectField">military</descrip>
  <langSet xml:lang="en-US">
    {tig("Guard", "admittedTerm-admn-sts")}
    {tig("Militia", "supersededTerm-admn-sts")}
    {tig("National Guard", "preferredTerm-admn-sts")}
    {tig("NG")}
  </langSet>
  <langSet xml:lang="en-GB">{tig("Home Guard", "deprecatedTerm-admn-sts")}</langSet>
  <langSet xml:lang="ar"><ntig><termGrp><term>الحرس الوطني</term></termGrp></ntig></langSet>
</termEntry>"""
    (entry,) = read_tbx(write(tmp_path, "in.tbx", tbx_document(body)))
    assert entry.forms == {"en": ("National Guard", "Guard", "NG"), "ar": ("الحرس الوطني",)}
    assert entry.forbidden == {"en": ("Militia", "Home Guard")}
    assert dict(entry.extra) == {"subjectField": "military"}
    assert entry.row == 3  # the line of <termEntry>


def test_import_tbx_v3(tmp_path: Path) -> None:
    text = """<?xml version="1.0"?>
<tbx type="TBX-Basic" style="dct" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
<text><body>
<conceptEntry id="c1">
  <langSec xml:lang="en"><termSec><term>air base</term>
    <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
    <termNote type="partOfSpeech">noun</termNote></termSec></langSec>
  <langSec xml:lang="ar"><termSec><term>قاعدة جوية</term></termSec></langSec>
  <note>first</note><note>second</note>
</conceptEntry>
</body></text></tbx>"""
    (entry,) = read_tbx(write(tmp_path, "v3.tbx", text))
    assert entry.forms == {"en": ("air base",), "ar": ("قاعدة جوية",)}
    assert (entry.note, dict(entry.extra)) == ("first\nsecond", {"pos": "noun"})


def test_import_inline_markup_inside_term(tmp_path: Path) -> None:
    body = '<termEntry><langSet xml:lang="en"><tig><term>F-<hi>16</hi></term></tig></langSet>'
    body += '<langSet xml:lang="ar"><tig><term>إف-16</term></tig></langSet></termEntry>'
    (entry,) = read_tbx(write(tmp_path, "hi.tbx", tbx_document(body)))
    assert entry.preferred("en") == "F-16"


def test_import_skips_entries_without_terms(tmp_path: Path) -> None:
    body = "<termEntry><note>nothing here</note></termEntry>"
    assert read_tbx(write(tmp_path, "empty-entry.tbx", tbx_document(body))) == []


def test_external_dtd_named_by_doctype_is_not_fetched(tmp_path: Path) -> None:
    text = (
        '<?xml version="1.0"?>\n<!DOCTYPE martif SYSTEM "http://example.invalid/TBX.dtd">\n'
        + tbx_document(
            '<termEntry><langSet xml:lang="en"><tig><term>x</term></tig></langSet></termEntry>'
        ).split("\n", 1)[1]
    )
    (entry,) = read_tbx(write(tmp_path, "doctype.tbx", text))
    assert entry.forms == {"en": ("x",)}


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE martif [
  <!ENTITY a "lol">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
]>
<martif><text><body><termEntry><langSet xml:lang="en"><tig><term>&c;</term></tig></langSet>
</termEntry></body></text></martif>
"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE martif [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
<martif><text><body><termEntry><langSet xml:lang="en"><tig><term>&secret;</term></tig>
</langSet></termEntry></body></text></martif>
"""


@pytest.mark.parametrize(
    ("text", "line"), [(BILLION_LAUGHS, 3), (EXTERNAL_ENTITY, 2)], ids=["billion-laughs", "xxe"]
)
def test_entities_are_refused(tmp_path: Path, text: str, line: int) -> None:
    path = write(tmp_path, "evil.tbx", text)
    with pytest.raises(GlossaryError) as caught:
        read_tbx(path)
    assert "refused" in caught.value.message and "entities" in caught.value.message
    assert (caught.value.path, caught.value.line) == (str(path), line)


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("<martif><text>\n<body>\n<termEntry>\n</body></martif>", 4, "malformed TBX"),
        ("<martif>\n<text><body>\n<termEntry x='1>\n", 3, "malformed TBX"),
        ('<?xml version="1.0"?>\n<glossary/>', 2, "not a TBX file"),
        (
            tbx_document("<termEntry>\n<langSet><tig><term>x</term></tig></langSet></termEntry>"),
            4,
            "xml:lang",
        ),
        (
            tbx_document(f'<termEntry>\n<langSet xml:lang="en">{tig(" ")}</langSet></termEntry>'),
            4,
            "without a term",
        ),
    ],
    ids=["mismatched-tag", "unclosed-attribute", "wrong-root", "no-xml-lang", "empty-term"],
)
def test_malformed_tbx_names_the_line(tmp_path: Path, text: str, line: int, message: str) -> None:
    path = write(tmp_path, "bad.tbx", text)
    with pytest.raises(GlossaryError) as caught:
        read_tbx(path)
    assert caught.value.line == line
    assert message in caught.value.message


@pytest.mark.parametrize("content", [None, "", "  \n"], ids=["missing", "empty", "blank"])
def test_unreadable_tbx(tmp_path: Path, content: str | None) -> None:
    path = tmp_path / "x.tbx"
    if content is not None:
        path.write_text(content)
    with pytest.raises(GlossaryError, match=r"x\.tbx"):
        read_tbx(path)


def test_glossary_load_dispatches_on_suffix(tmp_path: Path) -> None:
    path = tmp_path / "g.tbx"
    write_tbx(Glossary([SAMPLE]), path)
    glossary = Glossary.load([CASES / "matching.csv", path])  # the TBX entry overrides
    assert glossary.entries[-1] == SAMPLE
    assert [m.form for m in glossary.find_terms("National Guard", "en")] == ["National Guard"]
