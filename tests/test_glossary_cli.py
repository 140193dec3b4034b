"""``l10nflow glossary``: lint, lookup, import, export; exit codes and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from l10nflow.glossary import Glossary, load_tbx

from .helpers import one_line_error

CASES = Path(__file__).parent / "glossary_cases"
MATCHING = CASES / "matching.csv"


def write(folder: Path, name: str, data: str | bytes) -> Path:
    path = folder / name
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


# --- lint -------------------------------------------------------------------------------


def test_lint_clean_exits_0(cli) -> None:
    result = cli(["glossary", "lint", str(MATCHING)])
    assert (result.exit_code, result.stdout) == (0, "")


def test_lint_findings_exit_1(cli, tmp_path: Path) -> None:
    path = write(tmp_path, "g.csv", "ar,en\nقائد,commander\nقائد,leader\nالحرس,\n")
    result = cli(["glossary", "lint", str(path)], cwd=tmp_path)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{path}:3: conflicting-entry: 'ar' form also in {path}:2 with a different preferred "
        "'en' ('commander' vs 'leader'); add a note or context that tells them apart",
        f"{path}:4: empty-cell: no 'en' form in this row",
    ]


def test_lint_fatal_exits_2(cli, tmp_path: Path) -> None:
    path = write(tmp_path, "g.csv", "arabic,english\nx,y\n")
    result = cli(["glossary", "lint", str(path), str(MATCHING)])
    assert result.exit_code == 2
    assert result.stdout.startswith(f"{path}:1: missing-language-column: ")


def test_lint_without_files_is_a_usage_error(cli, tmp_path: Path) -> None:
    result = cli(["glossary", "lint"], cwd=tmp_path)
    assert result.exit_code == 2
    assert "no glossary files" in result.stderr


# --- lookup -----------------------------------------------------------------------------


def test_lookup_text_argument(cli) -> None:
    text = "وللحرس الوطني في الخليج الفارسي"
    result = cli(["glossary", "lookup", "--lang", "ar", "-g", str(MATCHING), text])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("0:13  وللحرس الوطني  [الحرس الوطني]  en: National Guard  (")
    assert lines[0].endswith("matching.csv:2)")
    assert lines[1].startswith("17:31  الخليج الفارسي  FORBIDDEN  use: الخليج العربي  (")


def test_lookup_guesses_language_from_script(cli) -> None:
    result = cli(["glossary", "lookup", "-g", str(MATCHING), "the Air National Guard's base"])
    assert result.exit_code == 0
    assert [line.split("  ")[1] for line in result.stdout.splitlines()] == [
        "Air National Guard's",
        "base",
    ]


def test_lookup_from_file_and_stdin_agree(cli, tmp_path: Path) -> None:
    text = "قيادته في قاعدة جوية\n"
    path = write(tmp_path, "text.txt", "\ufeff" + text)
    from_file = cli(["glossary", "lookup", "-g", str(MATCHING), "--file", str(path), "--json"])
    from_stdin = cli(["glossary", "lookup", "-g", str(MATCHING), "--json"], input=text)
    assert from_file.exit_code == from_stdin.exit_code == 0
    assert json.loads(from_file.stdout) == json.loads(from_stdin.stdout)


def test_lookup_json(cli) -> None:
    result = cli(["glossary", "lookup", "-g", str(MATCHING), "--json", "قائد قيادتهم"])
    data = json.loads(result.stdout)
    assert data["lang"] == "ar"
    assert data["glossary_digest"] == Glossary.load([MATCHING]).digest
    first, second = data["matches"]
    assert first["preferred"] == {"ar": "قائد", "en": "commander"}
    assert [alt["preferred"]["en"] for alt in first["alternatives"]] == ["leader"]
    assert (second["surface"], second["suffix"], second["kind"]) == ("قيادتهم", "هم", "term")
    assert (second["start"], second["end"], second["row"]) == (5, 12, 9)


def test_lookup_unknown_language(cli) -> None:
    result = cli(["glossary", "lookup", "-g", str(MATCHING), "--lang", "fr", "bonjour"])
    assert result.exit_code == 2
    assert "no 'fr' forms" in result.stderr


def test_lookup_text_and_file_together(cli, tmp_path: Path) -> None:
    path = write(tmp_path, "t.txt", "x")
    result = cli(["glossary", "lookup", "-g", str(MATCHING), "--file", str(path), "text"])
    assert result.exit_code == 2


# --- import / export --------------------------------------------------------------------


def test_export_then_import_round_trip(cli, tmp_path: Path) -> None:
    tbx = tmp_path / "out.tbx"
    exported = cli(["glossary", "export", str(MATCHING), "--format", "tbx", "-o", str(tbx)])
    assert exported.exit_code == 0
    assert load_tbx(tbx) == Glossary.load([MATCHING])
    csv_out = tmp_path / "back.csv"
    imported = cli(["glossary", "import", str(tbx), "-o", str(csv_out)])
    assert imported.exit_code == 0
    assert Glossary.load([csv_out]) == Glossary.load([MATCHING])


def test_import_to_stdout(cli, tmp_path: Path) -> None:
    tbx = tmp_path / "g.tbx"
    cli(["glossary", "export", str(MATCHING), "-o", str(tbx)])
    result = cli(["glossary", "import", str(tbx)])
    assert result.stdout.splitlines()[0] == "ar,en,forbidden:ar,forbidden:en,note,case,context,pos"


def test_export_merges_into_csv(cli, tmp_path: Path) -> None:
    extra = write(tmp_path, "extra.csv", "en,ar\nwing,جناح\n")
    result = cli(["glossary", "export", str(MATCHING), str(extra), "--format", "csv"])
    assert result.exit_code == 0
    merged = Glossary.load([write(tmp_path, "merged.csv", result.stdout)])
    assert len(merged) == len(Glossary.load([MATCHING])) + 1


# --- bad input: exit 2, one line naming file and row, nothing written --------------------

BAD_INPUTS = [
    ("missing-language-column", "g.csv", "arabic,english\nx,y\n", ":1: header needs a column"),
    ("not-utf8", "g.csv", "ar,en\nالحرس,Guard\n".encode("cp1256"), ":2: not UTF-8"),
    ("only-bar-cell", "g.csv", 'ar,en\nالحرس,Guard\nالقوات,"|"\n', ":3: cell 'en' holds an empty"),
    ("empty-file", "g.csv", "", ": empty glossary file"),
    ("malformed-tbx", "g.tbx", "<martif>\n<text>\n</martif>", ":3: malformed TBX"),
    ("missing-file", "absent.csv", None, ": no such glossary file"),
    ("missing-tbx", "absent.tbx", None, ": no such TBX file"),
]
COMMANDS = {
    "lookup": lambda path, out: ["glossary", "lookup", "-g", str(path), "--lang", "ar", "نص"],
    "export": lambda path, out: ["glossary", "export", str(path), "-o", str(out)],
    "import": lambda path, out: ["glossary", "import", str(path), "-o", str(out)],
}
RUNS = [
    pytest.param(command, *case[1:], id=f"{command}-{case[0]}")
    for case in BAD_INPUTS
    for command in COMMANDS
    if command != "import" or case[1].endswith(".tbx")
]


@pytest.mark.parametrize(("command", "name", "data", "message"), RUNS)
def test_bad_input(cli, tmp_path: Path, command: str, name: str, data, message: str) -> None:
    path = tmp_path / name
    if data is not None:
        write(tmp_path, name, data)
    before = sorted(p.name for p in tmp_path.rglob("*"))
    result = cli(COMMANDS[command](path, tmp_path / "out" / "result.file"))
    assert result.stdout == ""
    assert one_line_error(result).startswith(f"l10nflow: error: {path}{message}")
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


def test_import_never_overwrites_an_existing_glossary_without_force(tmp_path) -> None:
    from tests.conftest import run_cli

    csv = tmp_path / "terms.csv"
    csv.write_text("ar,en\nالحرس الوطني,National Guard\n", encoding="utf-8")
    assert (
        run_cli(["glossary", "export", "terms.csv", "-o", "terms.tbx"], cwd=tmp_path).exit_code == 0
    )
    curated = tmp_path / "curated.csv"
    curated.write_text("ar,en\nالقوات الخاصة,special forces\n", encoding="utf-8")
    refused = run_cli(["glossary", "import", "terms.tbx", "-o", "curated.csv"], cwd=tmp_path)
    assert refused.exit_code == 2 and "--force" in refused.stderr
    assert curated.read_text(encoding="utf-8") == "ar,en\nالقوات الخاصة,special forces\n"
    forced = run_cli(
        ["glossary", "import", "terms.tbx", "-o", "curated.csv", "--force"], cwd=tmp_path
    )
    assert forced.exit_code == 0 and "National Guard" in curated.read_text(encoding="utf-8")
