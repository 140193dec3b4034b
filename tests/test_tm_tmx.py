"""TMX 1.4b: round trips, a third-party reader, and hostile or malformed input."""

from __future__ import annotations

import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from l10nflow.errors import InputError
from l10nflow.tm import TMUnit, read_tmx, write_tmx

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

T1, T2 = "2024-05-01T12:00:00Z", "2024-05-02T08:30:15Z"
UNITS = [
    TMUnit("ar", "en", "أطلق الطرفان الشراكة عام 2021.", "They launched it in 2021.", "doc", T1),
    TMUnit("ar", "en", 'اضغط <b>"موافق"</b> & تابع', 'Press <b>"OK"</b> & go on', "doc", T2),
    TMUnit("ar", "en", "  سطر\r\nثان\tمع مسافات  ", "  line\r\ntwo\twith spaces  ", "other", ""),
    TMUnit("ar", "en-US", "قطر", "Qatar ‹ › ' ]]>", "", "2023-12-31T23:59:59Z"),
]


def write(folder: Path, text: str, name: str = "memory.tmx") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_round_trip_is_lossless(tmp_path: Path) -> None:
    path = tmp_path / "out.tmx"
    assert write_tmx(UNITS, path) == len(UNITS)
    back = read_tmx(path)
    # A unit without a document reads back with the TMX file's name.
    assert back == [
        *UNITS[:3],
        TMUnit("ar", "en-US", "قطر", UNITS[3].target, "out.tmx", UNITS[3].changed),
    ]


def test_written_file_follows_tmx_14b(tmp_path: Path) -> None:
    path = tmp_path / "out.tmx"
    write_tmx([TMUnit("ar", "en_us", "نص", "text", "doc", "2024-05-01T12:00:00Z")], path)
    root = ET.parse(path).getroot()
    assert (root.tag, root.get("version")) == ("tmx", "1.4")
    header = root.find("header")
    assert header is not None
    for name, value in {
        "creationtool": "l10nflow",
        "segtype": "sentence",
        "o-tmf": "PO",
        "adminlang": "en",
        "srclang": "ar",
        "datatype": "plaintext",
    }.items():
        assert header.get(name) == value
    assert header.get("creationtoolversion")
    (tu,) = root.iter("tu")
    assert tu.get("changedate") == "20240501T120000Z"
    assert [(p.get("type"), p.text) for p in tu.iter("prop")] == [("x-document", "doc")]
    assert [(tuv.get(XML_LANG), tuv.findtext("seg")) for tuv in tu.iter("tuv")] == [
        ("ar", "نص"),
        ("en-US", "text"),
    ]


def test_mixed_source_languages_use_all_and_per_unit_srclang(tmp_path: Path) -> None:
    units = [TMUnit("ar", "en", "نص", "text", "d"), TMUnit("en", "ar", "word", "كلمة", "d")]
    path = tmp_path / "mixed.tmx"
    write_tmx(units, path)
    root = ET.parse(path).getroot()
    assert root.find("header").get("srclang") == "*all*"
    assert [tu.get("srclang") for tu in root.iter("tu")] == ["ar", "en"]
    assert read_tmx(path) == units
    write_tmx(units, path, source_lang="en")
    assert [tu.get("srclang") for tu in ET.parse(path).getroot().iter("tu")] == ["ar", None]
    assert read_tmx(path) == units


def test_units_with_characters_xml_cannot_carry_are_skipped(tmp_path: Path) -> None:
    units = [
        *UNITS[:2],
        TMUnit("ar", "en", "نص\x01", "bell\x07"),
        TMUnit("ar", "en", "a", "\ufffe"),
    ]
    path = tmp_path / "out.tmx"
    assert write_tmx(units, path) == 2
    assert read_tmx(path) == UNITS[:2]


def test_translate_toolkit_reads_the_same_pairs(tmp_path: Path) -> None:
    pytest.importorskip("translate")
    from translate.storage.tmx import tmxfile

    units = [u for u in UNITS if u.target_lang == "en"]
    path = tmp_path / "out.tmx"
    write_tmx(units, path)
    with path.open("rb") as handle:
        store = tmxfile(handle, sourcelanguage="ar", targetlanguage="en")
    read = [(u.source, u.target) for u in store.units]
    assert read == [(u.source, u.target) for u in units]


# --- reading other tools' files ---------------------------------------------------------

FOREIGN = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
  <header creationtool="X" creationtoolversion="1" segtype="sentence" o-tmf="x"
          adminlang="en-US" srclang="EN-us" datatype="html"/>
  <body>
    <tu creationdate="20200102T030405Z">
      <prop type="x-project">ignored</prop>
      <tuv xml:lang="en-US">
        <seg>Press <bpt i="1">&lt;b&gt;</bpt>OK<ept i="1">&lt;/b&gt;</ept></seg></tuv>
      <tuv xml:lang="ar">
        <seg>اضغط <bpt i="1">&lt;b&gt;</bpt>موافق<ept i="1">&lt;/b&gt;</ept></seg></tuv>
      <tuv xml:lang="fr-FR"><prop type="x-note">n</prop>
        <seg>Appuyez sur <ph>&lt;b/&gt;</ph></seg></tuv>
    </tu>
    <tu srclang="ar">
      <tuv lang="EN"><seg>Qatar</seg></tuv>
      <tuv lang="AR"><seg>قطر</seg></tuv>
    </tu>
    <tu><tuv xml:lang="en-US"><seg>no translation</seg></tuv></tu>
    <tu><tuv xml:lang="ar"><seg>لا مصدر</seg></tuv>
        <tuv xml:lang="fr"><seg>pas de source</seg></tuv></tu>
    <tu><tuv xml:lang="en-US"><seg>  </seg></tuv><tuv xml:lang="ar"><seg>فارغ</seg></tuv></tu>
  </body>
</tmx>
"""


def test_reads_foreign_tmx(tmp_path: Path) -> None:
    units = read_tmx(write(tmp_path, FOREIGN))
    changed = "2020-01-02T03:04:05Z"
    assert units == [
        TMUnit("en-US", "ar", "Press <b>OK</b>", "اضغط <b>موافق</b>", "memory.tmx", changed),
        TMUnit("en-US", "fr-FR", "Press <b>OK</b>", "Appuyez sur <b/>", "memory.tmx", changed),
        TMUnit("ar", "en", "قطر", "Qatar", "memory.tmx", ""),
    ]


def test_all_languages_header_takes_the_first_variant_as_source(tmp_path: Path) -> None:
    text = FOREIGN.replace('srclang="EN-us"', 'srclang="*all*"')
    units = read_tmx(write(tmp_path, text))
    assert ("ar", "fr", "لا مصدر", "pas de source") in [
        (u.source_lang, u.target_lang, u.source, u.target) for u in units
    ]


# --- bad input --------------------------------------------------------------------------


def test_malformed_xml_names_the_line(tmp_path: Path) -> None:
    text = '<?xml version="1.0"?>\n<tmx version="1.4">\n<body>\n<tu>\n</body>\n</tmx>\n'
    with pytest.raises(InputError, match="malformed TMX") as error:
        read_tmx(write(tmp_path, text))
    assert error.value.line == 5
    assert str(error.value).startswith(f"{tmp_path / 'memory.tmx'}:5: ")


def test_external_entities_are_refused(tmp_path: Path) -> None:
    secret = write(tmp_path, "TOP-SECRET", "secret.txt")
    text = (
        '<?xml version="1.0"?>\n'
        f'<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "file://{secret}">]>\n'
        '<tmx version="1.4"><header srclang="en"/><body><tu>'
        '<tuv xml:lang="en"><seg>&xxe;</seg></tuv><tuv xml:lang="ar"><seg>x</seg></tuv>'
        "</tu></body></tmx>\n"
    )
    with pytest.raises(InputError, match="refused") as error:
        read_tmx(write(tmp_path, text))
    assert "TOP-SECRET" not in str(error.value)


def test_entity_expansion_bomb_is_refused_quickly(tmp_path: Path) -> None:
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)
    ]
    text = (
        '<?xml version="1.0"?>\n<!DOCTYPE tmx [\n'
        + "\n".join(entities)
        + '\n]>\n<tmx version="1.4"><body><tu><tuv xml:lang="en"><seg>&lol9;</seg></tuv>'
        '<tuv xml:lang="ar"><seg>x</seg></tuv></tu></body></tmx>\n'
    )
    start = time.perf_counter()
    with pytest.raises(InputError, match="refused"):
        read_tmx(write(tmp_path, text))
    assert time.perf_counter() - start < 1.0


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ('<?xml version="1.0"?>\n<martif>\n</martif>\n', "not a TMX file", 2),
        ('<tmx version="1.4"><body>\n<tu><tuv><seg>x</seg></tuv></tu></body></tmx>', "xml:lang", 2),
        ("", "empty TMX file", None),
    ],
)
def test_other_bad_input(tmp_path: Path, text: str, message: str, line: int | None) -> None:
    with pytest.raises(InputError, match=message) as error:
        read_tmx(write(tmp_path, text))
    assert error.value.line == line


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such TMX file"):
        read_tmx(tmp_path / "absent.tmx")
