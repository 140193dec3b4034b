"""``l10nflow check`` on the command line: formats parsed back, exit codes, suppression,
select/ignore, review flags, settings from ``[check]``, bad input, the example project."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from l10nflow.check import CODES
from l10nflow.glossary import Glossary

from .conftest import EXAMPLE, REPO
from .helpers import one_line_error
from .test_check_support import GLOSSARY_CSV, E, exact_line, line_of, write_catalog

TEXT_LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+): (?P<code>[a-z-]+): (?P<message>.+)$")
GITHUB_LINE = re.compile(
    r"^::(?P<level>error|warning|notice) file=(?P<file>[^,:]+)(?:,line=(?P<line>\d+))?"
    r",title=(?P<title>[a-z-]+)::(?P<message>.+)$"
)
A = Path("locales/en/LC_MESSAGES/a.po")
B = Path("locales/en/LC_MESSAGES/b.po")
MISSING = E("شارك الحرس الوطني", "The militia took part")  # glossary-missing (error)
WARNED = E("وزارة الدفاع", "Ministry of Defense (MoD)")  # markup: one more pair (warning)
WAIVED = E("عام 2021", "in 2012", flags=["l10nflow-ignore:numbers"])  # numbers, waived


def _project(root: Path, config: str = "", a: list[E] | None = None) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "terms.csv").write_text(GLOSSARY_CSV, encoding="utf-8")
    (root / "l10nflow.toml").write_text(
        f'source_language = "ar"\ntarget_languages = ["en"]\nglossaries = ["terms.csv"]\n{config}',
        encoding="utf-8",
    )
    write_catalog(root, "en", [MISSING, WARNED, WAIVED] if a is None else a, name="a")
    write_catalog(root, "en", [E("الحرس الوطني", "The National Guard")], name="b")
    return root


@pytest.fixture
def proj(tmp_path: Path) -> Path:
    return _project(tmp_path / "proj")


# --- text ------------------------------------------------------------------------------------


def test_text_report_lines_grouped_by_file_then_summary(cli, proj: Path) -> None:
    result = cli(["check"], cwd=proj)
    assert result.exit_code == 1
    assert "\x1b[" not in result.stdout  # no colour when not a terminal
    *body, summary = result.stdout.rstrip("\n").split("\n")
    found = [TEXT_LINE.match(line) for line in body if line]
    assert all(found), body
    assert [(m["path"], int(m["line"]), m["code"]) for m in found] == [
        (str(A), line_of(proj / A, MISSING.msgid), "glossary-missing"),
        (str(A), line_of(proj / A, WARNED.msgid), "markup"),
    ]
    assert found[1]["message"].endswith("[warning]")
    assert summary == (
        "1 error, 1 warning, 0 info in 1 of 2 catalog(s); 1 suppressed (1 by flag, 0 by config)"
    )


def test_findings_of_two_files_are_separated_by_a_blank_line(cli, proj: Path) -> None:
    write_catalog(proj, "en", [E("2021", "2012")], name="b")
    lines = cli(["check"], cwd=proj).stdout.split("\n")
    b_line = next(i for i, line in enumerate(lines) if line.startswith(str(B)))
    assert lines[b_line - 1] == "" and lines[b_line - 2].startswith(str(A))


# --- json ------------------------------------------------------------------------------------


def test_json_report(cli, proj: Path) -> None:
    result = cli(["check", "--format", "json"], cwd=proj)
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert {"version", "signature", "summary", "findings"} <= data.keys()
    assert data["signature"]["l10nflow"] and data["signature"]["text"].startswith("l10nflow:")
    assert data["signature"]["glossary"] == Glossary.load([proj / "terms.csv"]).digest
    summary = data["summary"]
    assert (summary["findings"], summary["error"], summary["warning"]) == (2, 1, 1)
    assert (summary["suppressed"], summary["suppressed_by_flag"], summary["catalogs"]) == (1, 1, 2)
    missing = data["findings"][0]
    assert set(missing) == {
        "path", "line", "code", "severity", "msgid", "msgstr", "term", "expected", "message"
    }  # fmt: skip
    assert missing["code"] == "glossary-missing" and missing["severity"] == "error"
    assert (missing["msgid"], missing["msgstr"]) == (MISSING.msgid, MISSING.msgstr)
    assert missing["term"] == "الحرس الوطني" and missing["expected"] == ["National Guard"]
    assert data["suppressed"][0]["code"] == "numbers"
    assert data["suppressed"][0]["suppressed_by"] == "flag"
    assert "1 error" in result.stderr  # the summary goes to stderr


def test_output_file(cli, proj: Path) -> None:
    result = cli(["check", "--format", "json", "-o", "out/report.json"], cwd=proj)
    assert result.exit_code == 1 and result.stdout == ""
    data = json.loads((proj / "out" / "report.json").read_text(encoding="utf-8"))
    assert [f["code"] for f in data["findings"]] == ["glossary-missing", "markup"]


# --- junit -----------------------------------------------------------------------------------


def test_junit_report(cli, proj: Path) -> None:
    result = cli(["check", "--format", "junit"], cwd=proj)
    assert result.exit_code == 1
    root = ET.fromstring(result.stdout)
    assert root.tag == "testsuites" and root.get("failures") == "1"
    suites = {suite.get("name"): suite for suite in root.iter("testsuite")}
    assert set(suites) == {str(A), str(B)}
    a_cases = suites[str(A)].findall("testcase")
    assert len(a_cases) == 2 and suites[str(A)].get("failures") == "1"
    failure = a_cases[0].find("failure")
    assert failure is not None and failure.get("type") == "glossary-missing"
    assert MISSING.msgid in failure.text
    assert a_cases[1].find("failure") is None  # a warning passes, with its text
    assert "[warning]" in a_cases[1].find("system-out").text
    [clean] = suites[str(B)].findall("testcase")
    assert clean.get("name") == "clean" and list(clean) == []


# --- github ----------------------------------------------------------------------------------


def test_github_annotations(cli, proj: Path) -> None:
    result = cli(["check", "--format", "github"], cwd=proj)
    assert result.exit_code == 1
    annotations = [GITHUB_LINE.match(line) for line in result.stdout.splitlines()[:-1]]
    assert all(annotations), result.stdout
    assert [(m["level"], m["file"], int(m["line"]), m["title"]) for m in annotations] == [
        ("error", str(A), line_of(proj / A, MISSING.msgid), "glossary-missing"),
        ("warning", str(A), line_of(proj / A, WARNED.msgid), "markup"),
    ]


def test_github_escapes_newlines_and_percent(cli, tmp_path: Path) -> None:
    root = _project(tmp_path / "p", a=[E("50% من %s", "50 of the")])
    result = cli(["check", "--format", "github"], cwd=root)
    [line] = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert GITHUB_LINE.match(line) and "%25s" in line


# --- sarif -----------------------------------------------------------------------------------


def test_sarif_report(cli, proj: Path) -> None:
    result = cli(["check", "--format", "sarif"], cwd=proj)
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    assert log["version"] == "2.1.0" and "sarif" in log["$schema"]
    [run] = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == list(CODES)
    assert all(rule["shortDescription"]["text"] for rule in rules)
    active = [r for r in run["results"] if not r.get("suppressions")]
    assert [(r["ruleId"], r["level"]) for r in active] == [
        ("glossary-missing", "error"),
        ("markup", "warning"),
    ]
    for res in run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"] and res["message"]["text"]
        [location] = res["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"]["uri"] == A.as_posix()
        assert physical["region"]["startLine"] >= 1
    [waived] = [r for r in run["results"] if r.get("suppressions")]
    assert waived["ruleId"] == "numbers" and waived["suppressions"] == [{"kind": "inSource"}]


# --- exit codes, fail_on, suppression, select/ignore -----------------------------------------


def test_clean_and_warning_only_exit_0_and_fail_on_warning_exits_1(cli, tmp_path: Path) -> None:
    clean = _project(tmp_path / "clean", a=[E("الحرس الوطني", "The National Guard")])
    assert cli(["check"], cwd=clean).exit_code == 0
    warned = _project(tmp_path / "warned", a=[WARNED])
    assert cli(["check"], cwd=warned).exit_code == 0
    assert cli(["check", "--fail-on", "warning"], cwd=warned).exit_code == 1


def test_ignore_flag_with_a_comma_list(cli, tmp_path: Path) -> None:
    both = E("عام 2021 (انظر)", "in 2012", flags=["l10nflow-ignore:numbers,markup"])
    root = _project(tmp_path / "p", a=[both])
    result = cli(["check"], cwd=root)
    assert result.exit_code == 0
    assert result.stdout.strip().endswith("2 suppressed (2 by flag, 0 by config)")
    only_numbers = E("عام 2021 (انظر)", "in 2012", flags=["l10nflow-ignore:numbers"])
    root = _project(tmp_path / "q", a=[only_numbers])
    assert [m["code"] for m in _text_findings(cli(["check"], cwd=root).stdout)] == ["markup"]


def _text_findings(stdout: str) -> list[re.Match]:
    return [m for m in map(TEXT_LINE.match, stdout.splitlines()) if m]


def test_config_ignore_suppresses_globally_unless_selected(cli, tmp_path: Path) -> None:
    root = _project(tmp_path / "p", '[check]\nignore = ["glossary-missing"]\n')
    result = cli(["check"], cwd=root)
    assert result.exit_code == 0
    assert [m["code"] for m in _text_findings(result.stdout)] == ["markup"]
    assert "2 suppressed (1 by flag, 1 by config)" in result.stdout
    selected = cli(["check", "--select", "glossary-missing"], cwd=root)
    assert selected.exit_code == 1
    assert [m["code"] for m in _text_findings(selected.stdout)] == ["glossary-missing"]


def test_select_and_ignore(cli, proj: Path) -> None:
    def reported(*args: str) -> list[str]:
        return [m["code"] for m in _text_findings(cli(["check", *args], cwd=proj).stdout)]

    assert reported("--select", "markup") == ["markup"]
    assert reported("--select", "markup,glossary-missing") == ["glossary-missing", "markup"]
    assert reported("--select", "markup", "--select", "numbers") == ["markup"]
    assert reported("--ignore", "glossary-missing") == ["markup"]
    assert reported("--ignore", "glossary-missing", "--ignore", "markup") == []
    assert cli(["check", "--ignore", "glossary-missing"], cwd=proj).exit_code == 0


def test_config_settings_apply_and_flags_override(cli, tmp_path: Path) -> None:
    fuzzy = E("شارك الحرس الوطني", "The militia", fuzzy=True)
    root = _project(tmp_path / "p", a=[fuzzy])
    assert cli(["check"], cwd=root).exit_code == 0  # fuzzy: a warning
    root = _project(tmp_path / "q", '[check]\nfuzzy_severity = "error"\n', a=[fuzzy])
    assert cli(["check"], cwd=root).exit_code == 1
    root = _project(tmp_path / "r", '[check]\nmax_fuzzy = 0\nfail_on = "warning"\n', a=[fuzzy])
    result = cli(["check"], cwd=root)
    assert result.exit_code == 1 and "too-many-fuzzy" in result.stdout
    assert cli(["check", "--max-fuzzy", "1", "--fail-on", "error"], cwd=root).exit_code == 0


def test_review_flags(cli, tmp_path: Path) -> None:
    root = _project(tmp_path / "p", a=[E("الحرس الوطني", "The National Guard"), E("سلام")])
    assert cli(["check"], cwd=root).exit_code == 0
    result = cli(["check", "--require-reviewed"], cwd=root)
    assert [m["code"] for m in _text_findings(result.stdout)] == ["not-reviewed"]
    assert result.exit_code == 1
    assert cli(["check", "--min-reviewed", "50"], cwd=root).exit_code == 0
    result = cli(["check", "--min-reviewed", "51", "--format", "json"], cwd=root)
    assert [f["code"] for f in json.loads(result.stdout)["findings"]] == ["below-min-reviewed"]
    result = cli(["check", "--max-fuzzy", "0"], cwd=root)
    assert result.exit_code == 0


# --- paths -----------------------------------------------------------------------------------


def test_files_and_folders_as_arguments(cli, proj: Path) -> None:
    result = cli(["check", str(B)], cwd=proj)
    assert result.exit_code == 0 and "in 0 of 1 catalog(s)" in result.stdout
    result = cli(["check", "locales", str(A)], cwd=proj)  # a folder, searched recursively
    assert result.exit_code == 1 and "in 1 of 2 catalog(s)" in result.stdout


def test_explicit_glossary(cli, proj: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.csv"
    other.write_text("ar,en\nالمناورة,exercise\n", encoding="utf-8")
    result = cli(["check", "--glossary", str(other)], cwd=proj)
    assert [m["code"] for m in _text_findings(result.stdout)] == ["markup"]


def test_syntax_error_is_reported_and_other_catalogs_checked(cli, proj: Path) -> None:
    path = proj / B
    path.write_text(path.read_text(encoding="utf-8") + 'msgid "unterminated\n', encoding="utf-8")
    result = cli(["check", "--format", "json"], cwd=proj)
    assert result.exit_code == 1
    found = [(f["path"], f["code"]) for f in json.loads(result.stdout)["findings"]]
    assert (str(B), "catalog-syntax") in found and (str(A), "glossary-missing") in found
    syntax = next(f for f in json.loads(result.stdout)["findings"] if f["path"] == str(B))
    assert syntax["line"] == exact_line(path, 'msgid "unterminated')


# --- bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["check", "nope.po"], "nope.po: no such file or folder"),
        (["check", "nowhere/"], "no such file or folder"),
        (["check", "--glossary", "missing.csv"], "missing.csv"),
        (["check", "--select", "glossary-mising"], "unknown code(s) for --select: glossary-mising"),
        (["check", "--ignore", "numbers,bogus"], "unknown code(s) for --ignore: bogus"),
        (["check", "empty"], "empty: no PO catalogs in this folder"),
        (["check", "--format", "xml"], "Invalid value"),
    ],
)
def test_bad_input_exits_2_with_one_line(cli, proj: Path, args, words) -> None:
    (proj / "empty").mkdir()
    result = cli(args, cwd=proj)
    if words == "Invalid value":  # click's own usage error
        assert result.exit_code == 2 and words in result.stderr
        return
    assert words in one_line_error(result)


def test_project_without_catalogs_exits_2(cli, tmp_path: Path) -> None:
    (tmp_path / "l10nflow.toml").write_text('source_language = "ar"\n', encoding="utf-8")
    assert "no catalogs in locales" in one_line_error(cli(["check"], cwd=tmp_path))


def test_missing_project_glossary_exits_2(cli, proj: Path) -> None:
    (proj / "terms.csv").unlink()
    assert "terms.csv" in one_line_error(cli(["check"], cwd=proj))


@pytest.mark.parametrize(
    ("table", "words"),
    [
        ('[check]\nignore = ["nonsense"]\n', "unknown finding code 'nonsense'"),
        ('[check]\nfuzzy_severity = "fatal"\n', "'fuzzy_severity' must be one of"),
        ("[check]\nmax_obsolete = -1\n", "'check.max_obsolete' must be at least 0"),
        ("[check]\nrequire_reviewed = 1\n", "'check.require_reviewed' must be true or false"),
        ("[check]\nmin_reviewed = 101\n", "'check.min_reviewed' must be between 0 and 100"),
        ("[check]\nbogus = 1\n", "unknown key 'check.bogus'"),
        ('check = "x"\n', "[check] must be a table"),
    ],
)
def test_bad_check_table_exits_2_naming_the_line(cli, tmp_path: Path, table, words) -> None:
    root = _project(tmp_path / "p", table)
    line = one_line_error(cli(["check"], cwd=root))
    assert words in line
    number = 4 + table.count("\n") - 1 if table.startswith("[") else 4
    assert f"l10nflow.toml:{number}:" in line


# --- the example project ---------------------------------------------------------------------


def test_example_project_gives_a_json_report(cli, tmp_path: Path) -> None:
    root = tmp_path / "partnership"
    shutil.copytree(EXAMPLE / "articles", root / "articles")
    config = (EXAMPLE / "l10nflow.toml").read_text(encoding="utf-8")
    glossary = (REPO / "glossaries" / "defense.csv").as_posix()
    (root / "l10nflow.toml").write_text(
        config.replace('"../../glossaries/defense.csv"', f'"{glossary}"'), encoding="utf-8"
    )
    assert cli(["extract"], cwd=root).exit_code == 0
    result = cli(["check", "--format", "json", "-o", "report.json"], cwd=root)
    assert result.exit_code in (0, 1), result.stderr
    data = json.loads((root / "report.json").read_text(encoding="utf-8"))
    assert data["summary"]["catalogs"] == 1
    assert data["signature"]["glossary"] == Glossary.load([glossary]).digest
    assert isinstance(data["findings"], list)
