"""Glossary CSV loading and lint: every finding code, fatal input, row numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from l10nflow.errors import GlossaryError
from l10nflow.glossary import (
    Glossary,
    GlossaryEntry,
    dump_csv,
    lint_glossary,
    read_csv,
    write_tbx,
)


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return path


def findings_of(*paths: Path) -> list[tuple[int | None, str, str]]:
    return [(f.line, f.code, f.severity) for f in lint_glossary(paths)]


# --- a clean file, the output format --------------------------------------------------


def test_clean_glossary_has_no_findings(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "g.csv",
        "ar,en,forbidden:en,note,category\n"
        "الحرس الوطني,National Guard,,,units\n"
        "الخليج العربي,Arabian Gulf,Persian Gulf,,geography\n",
    )
    assert lint_glossary([path]) == []


def test_finding_prints_path_line_code_message(tmp_path: Path) -> None:
    path = write(tmp_path, "g.csv", "ar,en\nالحرس,\n")
    (finding,) = lint_glossary([path])
    assert str(finding) == f"{path}:2: empty-cell: no 'en' form in this row"


# --- fatal: the file cannot be loaded ---------------------------------------------------


def test_unreadable_file(tmp_path: Path) -> None:
    assert findings_of(tmp_path / "missing.csv") == [(None, "unreadable-file", "fatal")]


@pytest.mark.parametrize(
    ("data", "guess"),
    [
        ("ar,en\nالحرس,Guard\n".encode("cp1256"), "CP1256"),
        ("ar,en\nقاعدة,Café\n".encode("cp1256"), "CP1256"),
        ("ar,en\nx,Café\n".encode("latin-1"), "CP1252"),
        ("ar,en\nالحرس,Guard\n".encode("utf-16"), "UTF-16"),
    ],
    ids=["not-utf8-cp1256", "not-utf8-cp1256-mixed", "not-utf8-latin", "not-utf8-utf16"],
)
def test_not_utf8_names_the_likely_encoding(tmp_path: Path, data: bytes, guess: str) -> None:
    (finding,) = lint_glossary([write(tmp_path, "g.csv", data)])
    assert (finding.code, finding.severity) == ("not-utf8", "fatal")
    assert guess in finding.message


def test_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "g.csv", b"ar,en\nx,y\n" + "الحرس,z\n".encode("cp1256"))
    assert findings_of(path) == [(3, "not-utf8", "fatal")]


@pytest.mark.parametrize(
    "data", [b"", b"\n\n", b"\xef\xbb\xbf", b",,\n"], ids=["zero", "blank", "bom", "commas"]
)
def test_empty_file(tmp_path: Path, data: bytes) -> None:
    assert findings_of(write(tmp_path, "g.csv", data)) == [(None, "empty-file", "fatal")]


def test_malformed_csv(tmp_path: Path) -> None:
    path = write(tmp_path, "g.csv", 'ar,en\nالحرس,"Guard\n')
    assert [code for _, code, _ in findings_of(path)] == ["malformed-csv"]


@pytest.mark.parametrize(
    "header",
    ["arabic,english", "ar,note", "en", "ar;en"],
    ids=["names", "one", "alone", "semicolon"],
)
def test_missing_language_column(tmp_path: Path, header: str) -> None:
    path = write(tmp_path, "g.csv", f"{header}\nx,y\n")
    (finding,) = lint_glossary([path])
    assert (finding.line, finding.code, finding.severity) == (1, "missing-language-column", "fatal")


def test_missing_language_column_hints_at_separator(tmp_path: Path) -> None:
    (finding,) = lint_glossary([write(tmp_path, "g.csv", "ar;en\nx;y\n")])
    assert "comma" in finding.message


def test_unknown_forbidden_language(tmp_path: Path) -> None:
    path = write(tmp_path, "g.csv", "ar,en,forbidden:fr\nالحرس,Guard,garde\n")
    assert findings_of(path) == [(1, "unknown-forbidden-language", "fatal")]


def test_duplicate_column(tmp_path: Path) -> None:
    path = write(tmp_path, "g.csv", "ar,en,EN\nالحرس,Guard,guard\n")
    assert findings_of(path) == [(1, "duplicate-column", "fatal")]


def test_extra_cells(tmp_path: Path) -> None:
    path = write(tmp_path, "g.csv", "ar,en,note\nالحرس,Guard,a note, with a comma\n")
    assert findings_of(path) == [(2, "extra-cells", "fatal")]


def test_trailing_empty_cells_are_fine(tmp_path: Path) -> None:
    assert findings_of(write(tmp_path, "g.csv", "ar,en\nالحرس,Guard,,\n")) == []


@pytest.mark.parametrize(
    "cell", ["|", " | ", "Guard||Guards", "Guard|"], ids=["bar", "bars", "double", "trailing"]
)
def test_empty_form(tmp_path: Path, cell: str) -> None:
    path = write(tmp_path, "g.csv", f'ar,en\nالحرس,"{cell}"\n')
    assert findings_of(path) == [(2, "empty-form", "fatal")]


def test_tbx_files_are_linted(tmp_path: Path) -> None:
    bad = write(tmp_path, "bad.tbx", "<martif>\n<text>\n</martif>")
    assert findings_of(bad, tmp_path / "missing.tbx") == [
        (3, "malformed-tbx", "fatal"),
        (None, "unreadable-file", "fatal"),
    ]


def test_tbx_and_csv_entries_are_checked_together(tmp_path: Path) -> None:
    tbx = tmp_path / "a.tbx"
    write_tbx(Glossary([GlossaryEntry({"ar": ("قائد",), "en": ("commander",)})]), tbx)
    csv_path = write(tmp_path, "b.csv", "ar,en\nقائد,leader\n")
    assert findings_of(tbx, csv_path) == [(2, "overridden-entry", "info")]


def test_fatal_file_does_not_stop_other_files(tmp_path: Path) -> None:
    bad = tmp_path / "missing.csv"
    good = write(tmp_path, "g.csv", "ar,en\nالحرس,\n")
    assert [(f.path, f.code) for f in lint_glossary([bad, good])] == [
        (str(bad), "unreadable-file"),
        (str(good), "empty-cell"),
    ]


# --- errors and warnings on content -----------------------------------------------------


def test_conflicting_entry(tmp_path: Path) -> None:
    path = write(tmp_path, "g.csv", "ar,en\nقائد,commander\nالقوات,forces\nقائد,leader\n")
    (finding,) = lint_glossary([path])
    assert (finding.line, finding.code, finding.severity) == (4, "conflicting-entry", "error")
    assert f"{path}:2" in finding.message


def test_conflicting_entry_in_other_direction(tmp_path: Path) -> None:
    path = write(tmp_path, "g.csv", "ar,en\nقائد,commander\nآمر,commander\n")
    assert findings_of(path) == [(3, "conflicting-entry", "error")]


def test_conflict_found_after_normalisation(tmp_path: Path) -> None:
    path = write(tmp_path, "g.csv", "ar,en\nالقوّات,forces\nالقوات,troops\n")
    assert findings_of(path) == [(3, "conflicting-entry", "error")]


@pytest.mark.parametrize(
    ("header", "a", "b"),
    [("note", "military", "political"), ("context", "army", "politics")],
    ids=["note", "context"],
)
def test_conflict_told_apart(tmp_path: Path, header: str, a: str, b: str) -> None:
    path = write(tmp_path, "g.csv", f"ar,en,{header}\nقائد,commander,{a}\nقائد,leader,{b}\n")
    assert findings_of(path) == []


def test_conflict_needs_both_described(tmp_path: Path) -> None:
    path = write(tmp_path, "g.csv", "ar,en,note\nقائد,commander,military\nقائد,leader,\n")
    assert findings_of(path) == [(3, "conflicting-entry", "error")]


def test_a_later_file_overrides_an_earlier_one(tmp_path: Path) -> None:
    """Across files a redefinition is a layer (a project's glossary over the shipped one)."""
    first = write(tmp_path, "a.csv", "ar,en\nقائد,commander\n")
    second = write(tmp_path, "b.csv", "en,ar\nleader,قائد\n")
    (finding,) = lint_glossary([first, second])
    assert (finding.path, finding.line, finding.code) == (str(second), 2, "overridden-entry")
    assert finding.severity == "info" and f"{first}:2" in finding.message
    glossary = Glossary.load([first, second])
    assert [e.preferred("en") for e in glossary.entries] == ["leader"]


def test_alternate_forms_are_not_conflicts(tmp_path: Path) -> None:
    path = write(tmp_path, "g.csv", "ar,en\nقائد,commander|leader\n")
    assert findings_of(path) == []


def test_forbidden_equals_accepted_same_entry(tmp_path: Path) -> None:
    path = write(tmp_path, "g.csv", "ar,en,forbidden:en\nالحرس,Guard,guard\n")
    assert findings_of(path) == [(2, "forbidden-equals-accepted", "error")]


def test_forbidden_equals_accepted_other_entry(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "g.csv",
        "ar,en,forbidden:en\n"
        "الخليج العربي,Arabian Gulf,Persian Gulf\n"
        "الخليج الفارسي,Persian Gulf,\n",
    )
    (finding,) = lint_glossary([path])
    assert (finding.line, finding.code) == (2, "forbidden-equals-accepted")
    assert f"{path}:3" in finding.message


@pytest.mark.parametrize(
    ("row", "bad"),
    [
        ("NATO,NATO", True),
        ("الناتو,الناتو", True),
        ("إف-16,F-16", False),
        ("طائرة F-16,F-16 aircraft", False),
        ("2024,2024", False),
    ],
    ids=["latin-in-ar", "arabic-in-en", "digits-in-both", "mixed-ar", "numbers-only"],
)
def test_wrong_script(tmp_path: Path, row: str, bad: bool) -> None:
    codes = [code for _, code, _ in findings_of(write(tmp_path, "g.csv", f"ar,en\n{row}\n"))]
    assert codes == (["wrong-script"] if bad else [])


def test_wrong_script_in_forbidden_cell(tmp_path: Path) -> None:
    path = write(tmp_path, "g.csv", "ar,en,forbidden:ar\nالخليج,Gulf,Persian Gulf\n")
    assert findings_of(path) == [(2, "wrong-script", "error")]


def test_duplicate_entry(tmp_path: Path) -> None:
    path = write(tmp_path, "g.csv", "ar,en\nالحرس,Guard\nالقوات,forces\nالحرس,Guard|guards\n")
    assert findings_of(path) == [(4, "duplicate-entry", "warning")]


def test_duplicate_entry_across_files(tmp_path: Path) -> None:
    first = write(tmp_path, "a.csv", "ar,en\nالحرس,Guard\n")
    second = write(tmp_path, "b.csv", "ar,en\nالحرس,Guard\n")
    (finding,) = lint_glossary([first, second])
    assert (finding.path, finding.code) == (str(second), "overridden-entry")
    assert f"{first}:2" in finding.message
    assert len(Glossary.load([first, second])) == 1


def test_normalised_collision_between_entries(tmp_path: Path) -> None:
    path = write(tmp_path, "g.csv", "ar,en\nالقوّات,forces\nالقوات,Forces\n")
    assert findings_of(path) == [(3, "normalised-collision", "warning")]


def test_normalised_collision_inside_cell(tmp_path: Path) -> None:
    path = write(tmp_path, "g.csv", "ar,en\nمكافحة الإرهاب,counter-terrorism|counter terrorism\n")
    assert findings_of(path) == [(2, "normalised-collision", "warning")]


def test_empty_cell(tmp_path: Path) -> None:
    path = write(tmp_path, "g.csv", "ar,en\n,Guard\nالحرس,Guard\n")
    assert findings_of(path) == [(2, "empty-cell", "warning")]


def test_unnamed_column(tmp_path: Path) -> None:
    path = write(tmp_path, "g.csv", "ar,en,\nالحرس,Guard,stray\n")
    assert findings_of(path) == [(2, "unnamed-column", "warning")]


def test_findings_sorted_by_file_then_line(tmp_path: Path) -> None:
    path = write(tmp_path, "g.csv", "ar,en\nNATO,NATO\nالحرس,\nقائد,leader\nقائد,commander\n")
    assert findings_of(path) == [
        (2, "wrong-script", "error"),
        (3, "empty-cell", "warning"),
        (5, "conflicting-entry", "error"),
    ]


# --- loading ----------------------------------------------------------------------------


def test_load_reads_forms_columns_and_rows(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "g.csv",
        "\ufeffAR, En ,forbidden:en,Note,Category,CASE\n"
        'الحرس الوطني, National Guard | Guard ,,"a\nnote",units,\n'
        "الناتو,NATO,,,,sensitive\n",
    )
    glossary = Glossary.load([path])
    first, second = glossary.entries
    assert first.forms == {"ar": ("الحرس الوطني",), "en": ("National Guard", "Guard")}
    assert (first.note, dict(first.extra), first.row) == ("a\nnote", {"category": "units"}, 2)
    assert (second.row, second.case_sensitive, first.case_sensitive) == (4, True, False)
    assert first.source == str(path)
    assert glossary.languages == ("ar", "en")


def test_load_raises_on_first_fatal_problem(tmp_path: Path) -> None:
    path = write(tmp_path, "g.csv", 'ar,en\nالحرس,Guard\nالقوات,"|"\n')
    with pytest.raises(GlossaryError) as caught:
        read_csv(path)
    assert (caught.value.path, caught.value.line) == (str(path), 3)
    assert str(caught.value).startswith(f"{path}:3: cell 'en' holds an empty form")


def test_load_ignores_warnings(tmp_path: Path) -> None:
    path = write(tmp_path, "g.csv", "ar,en\nالحرس,\nالحرس,Guard\n")
    assert [e.row for e in Glossary.load([path]).entries] == [2, 3]


def test_load_several_files_together(tmp_path: Path) -> None:
    first = write(tmp_path, "a.csv", "ar,en\nالحرس,Guard\n")
    second = write(tmp_path, "b.csv", "en,fr,ar\nforces,forces,القوات\n")
    glossary = Glossary.load([first, second])
    assert glossary.languages == ("ar", "en", "fr")
    assert [m.entry.source for m in glossary.find_terms("الحرس والقوات", "ar")] == [
        str(first),
        str(second),
    ]


def test_csv_round_trip(tmp_path: Path) -> None:
    source = Glossary.load([Path(__file__).parent / "glossary_cases" / "matching.csv"])
    copy = write(tmp_path, "copy.csv", dump_csv(source.entries, source.languages))
    again = Glossary.load([copy])
    assert again == source
    assert again.digest == source.digest


def test_digest_depends_on_content_not_location(tmp_path: Path) -> None:
    a = Glossary.load([write(tmp_path, "a.csv", "ar,en\nالحرس,Guard\n")])
    b = Glossary.load([write(tmp_path, "b.csv", "ar,en\n\n\nالحرس,Guard\n")])
    c = Glossary.load([write(tmp_path, "c.csv", "ar,en\nالحرس,Guards\n")])
    assert a.digest == b.digest != c.digest
    assert len(a.digest) == 16


def test_dump_refuses_bar_inside_a_form() -> None:
    entry = GlossaryEntry({"ar": ("أ|ب",), "en": ("x",)}, source="t.tbx", row=7)
    with pytest.raises(GlossaryError, match=r"t\.tbx:7"):
        dump_csv([entry])
