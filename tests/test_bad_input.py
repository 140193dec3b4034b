"""Bad input: exit 2, one line naming the file (and line), no traceback, nothing written."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from .helpers import assert_refused

ARABIC = "قطر والحرس الوطني يعززان العلاقات الثنائية.\n"


@pytest.mark.parametrize("command", ["segment", "extract"])
def test_windows_1256_article_is_named_with_a_fix(cli, tmp_path: Path, command: str) -> None:
    (tmp_path / "a.txt").write_bytes(ARABIC.encode("cp1256"))
    line = assert_refused(cli, tmp_path, [command, "a.txt"], "a.txt", "windows-1256", "iconv")
    assert ":1:" in line


def test_encoding_option_accepts_a_legacy_article(cli, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(ARABIC.encode("cp1256"))
    result = cli(["segment", "a.txt", "--encoding", "cp1256"], cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == ARABIC.strip()


def test_utf16_article(cli, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(ARABIC.encode("utf-16"))
    assert_refused(cli, tmp_path, ["extract", "a.txt"], "a.txt", "UTF-16")


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  "])
def test_empty_article(cli, tmp_path: Path, content: bytes) -> None:
    (tmp_path / "a.txt").write_bytes(content)
    assert_refused(cli, tmp_path, ["extract", "a.txt"], "a.txt", "empty")


def test_binary_file(cli, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(bytes(range(256)) * 4)
    assert_refused(cli, tmp_path, ["segment", "a.txt"], "a.txt", "binary")


def test_missing_file(cli, tmp_path: Path) -> None:
    assert_refused(cli, tmp_path, ["extract", "nothing.txt"], "nothing.txt", "no such file")


BROKEN_CATALOGS = {
    "unterminated": ('msgid ""\nmsgstr ""\n"Language: en\\n"\n\nmsgid "abc\nmsgstr "x"\n', 5),
    "unknown_keyword": ('msgid "a"\nmsgstr "b"\n\nmsgfoo "c"\n', 4),
    "missing_msgstr": ('msgid "a"\nmsgstr "b"\n\nmsgid "c"\n\nmsgid "d"\nmsgstr "e"\n', 6),
    "bad_escape": ('msgid "a\\q"\nmsgstr "b"\n', 1),
    "stray_string": ('"orphan"\nmsgid "a"\nmsgstr "b"\n', 1),
}


@pytest.mark.parametrize("name", sorted(BROKEN_CATALOGS))
def test_broken_catalog_is_refused_with_its_line(cli, tmp_path: Path, name: str) -> None:
    text, line = BROKEN_CATALOGS[name]
    po = tmp_path / "broken.po"
    po.write_text(text, encoding="utf-8")
    assert_refused(cli, tmp_path, ["status", "broken.po"], f"broken.po:{line}:")
    if shutil.which("msgfmt"):
        gnu = subprocess.run(
            ["msgfmt", "--check", "-o", "/dev/null", str(po)], capture_output=True, text=True
        )
        assert gnu.returncode != 0, "msgfmt accepts what we refuse"


def test_broken_catalog_stops_extract_before_any_write(cli, project: Path) -> None:
    assert cli(["extract"], cwd=project).exit_code == 0
    po = project / "locales/en/LC_MESSAGES/qatar-wv-partnership.po"
    po.write_text(
        po.read_text(encoding="utf-8") + '\nmsgid "unterminated\nmsgstr ""\n', encoding="utf-8"
    )
    assert_refused(cli, project, ["extract"], "qatar-wv-partnership.po:")


@pytest.mark.parametrize(
    ("toml", "needle"),
    [
        ('source_language = "ar"\ncolour = "blue"\n', "l10nflow.toml:2: unknown key 'colour'"),
        (
            'source_language = "ar"\ntarget_languages = "en"\nlocales_dir = 3\n',
            "l10nflow.toml:3: 'locales_dir' must be a string",
        ),
        ('source_language = "fr"\n', "l10nflow.toml:1: 'source_language' must be one of"),
        ('[translate]\nnum_beams = "four"\n', "l10nflow.toml:2: 'translate.num_beams' must be int"),
        (
            "[translate]\nnum_beams = 0\n",
            "l10nflow.toml:2: 'translate.num_beams' must be at least 1",
        ),
        ("[translate]\nthreads = -1\n", "l10nflow.toml:2: 'translate.threads' must be at least 0"),
        ('source_language = "ar\n', "l10nflow.toml:1: invalid TOML"),
    ],
)
def test_bad_project_file(cli, tmp_path: Path, toml: str, needle: str) -> None:
    (tmp_path / "l10nflow.toml").write_text(toml, encoding="utf-8")
    assert_refused(cli, tmp_path, ["extract"], needle)


def test_no_project_and_no_files(cli, tmp_path: Path) -> None:
    assert_refused(cli, tmp_path, ["extract"], "no l10nflow.toml")
