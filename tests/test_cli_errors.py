"""The CLI's last line of defence: a bug is one line and exit 70, never exit 1 or a traceback;
error lines are printable whatever bytes a file name holds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from l10nflow.cli import EXIT_INTERNAL, printable

FORCE_BUG = (
    "import sys\n"
    "import l10nflow.project as project\n"
    "def broken(*args, **kwargs):\n"
    "    raise ZeroDivisionError('division by zero in a forced bug')\n"
    "project.Project.discover = broken\n"
    "from l10nflow.cli import main\n"
    "main(sys.argv[1:], prog_name='l10nflow')\n"
)


def run(args: list[str], cwd: Path, code: str | None = None, **env: str):
    command = [sys.executable, "-c", code, *args] if code else [sys.executable, "-m", "l10nflow"]
    if not code:
        command += args
    return subprocess.run(
        command,
        cwd=cwd,
        env={**os.environ, **env},
        capture_output=True,
        timeout=60,
    )


def test_an_internal_error_is_one_line_and_exit_70(tmp_path):
    result = run(["status"], tmp_path, FORCE_BUG)
    assert result.returncode == EXIT_INTERNAL == 70
    stderr = result.stderr.decode()
    assert stderr.splitlines() == [
        "l10nflow: internal error: ZeroDivisionError: division by zero in a forced bug; "
        "run with --debug for the traceback"
    ]
    assert result.stdout == b""


@pytest.mark.parametrize("switch", [["--debug"], []])
def test_debug_shows_the_traceback(tmp_path, switch):
    env = {} if switch else {"L10NFLOW_DEBUG": "1"}
    result = run([*switch, "status"], tmp_path, FORCE_BUG, **env)
    assert result.returncode == 70
    stderr = result.stderr.decode()
    assert stderr.startswith("Traceback (most recent call last):")
    assert "in broken\nZeroDivisionError: division by zero in a forced bug" in stderr
    assert stderr.splitlines()[-1].startswith("l10nflow: internal error: ZeroDivisionError")


def test_an_internal_error_in_process(cli, tmp_path, monkeypatch):
    import l10nflow.project

    def broken(*args, **kwargs):
        raise KeyError("missing")

    monkeypatch.setattr(l10nflow.project.Project, "discover", broken)
    result = cli(["status"], cwd=tmp_path)
    assert result.exit_code == 70
    assert "internal error: KeyError: 'missing'" in result.stderr


def test_user_errors_keep_exit_2(cli, tmp_path):
    result = cli(["segment", str(tmp_path / "missing.txt")], cwd=tmp_path)
    assert result.exit_code == 2
    assert "internal error" not in result.stderr


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("bad\udcffname.txt", "bad\\xffname.txt"),  # a non-UTF-8 byte, surrogate-escaped
        ("a\x1b[31mred.txt", "a\\x1b[31mred.txt"),  # ESC: no terminal colours or cursor moves
        ("over\rwrite", "over\\rwrite"),
        ("nul\x00byte", "nul\\x00byte"),
        ("two\nlines", "two\\nlines"),
        ("line\u2028separator\u2029", "line\\u2028separator\\u2029"),  # str.splitlines splits
        ("evil\u202etxt.exe", "evil\\u202etxt.exe"),  # right-to-left override
        ("iso\u2067late\u2069", "iso\\u2067late\\u2069"),
        ("الملف.txt", "الملف.txt"),  # Arabic stays Arabic
        ("mark\u200f\u061c", "mark\u200f\u061c"),  # RLM and ALM are legitimate in Arabic text
        ("tab\there", "tab\there"),
    ],
)
def test_printable_escapes_what_a_terminal_would_obey(raw, shown):
    assert printable(raw) == shown


def test_a_non_utf8_file_name_in_an_error_prints_escaped(tmp_path):
    folder = os.fsencode(tmp_path)
    name = b"bad\xff\x1b[2Jname.txt"
    with open(folder + b"/" + name, "wb") as handle:
        handle.write(b"\xff\xfe not utf-8 \x00\x01")
    result = subprocess.run(
        [sys.executable, "-m", "l10nflow", "segment", folder + b"/" + name],
        cwd=tmp_path,
        env={**os.environ, "LC_ALL": "C", "PYTHONIOENCODING": "ascii"},
        capture_output=True,
        timeout=60,
    )
    assert result.returncode == 2, result.stderr
    line = result.stderr.decode("ascii")  # an ASCII-only stream got ASCII only
    assert line.count("\n") == 1 and "Traceback" not in line
    assert "bad\\xff\\x1b[2Jname.txt" in line


def test_a_closed_pipe_is_not_a_bug(tmp_path):
    article = tmp_path / "long.txt"
    article.write_text("This is a sentence. " * 20000 + "\n", encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "l10nflow", "segment", str(article)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout.readline()
    process.stdout.close()  # like `| head -1`
    stderr = process.stderr.read()
    assert process.wait(timeout=60) == 141
    assert b"Traceback" not in stderr and b"internal error" not in stderr
