"""The tool speaks Arabic (issue 22 item 4): catalogs in sync with the sources, valid, complete,
chosen from the user's locale, and readable in a right-to-left terminal."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from click.testing import CliRunner

from l10nflow.cli import main
from l10nflow.i18n import FSI, PDI, isolate_ltr

ROOT = Path(__file__).resolve().parents[1]
PO = ROOT / "locales/ar/LC_MESSAGES/l10nflow.po"
MO = ROOT / "src/l10nflow/locale/ar/LC_MESSAGES/l10nflow.mo"
EXAMPLE = ROOT / "examples/partnership"


def _catalog():
    with PO.open("rb") as handle:
        return read_po(handle)


def _cli(*args: str, cwd: Path = ROOT, **env: str) -> subprocess.CompletedProcess[str]:
    """``l10nflow ARGS`` in a fresh interpreter (the language is chosen once, at start)."""
    clean = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    return subprocess.run(
        [sys.executable, "-m", "l10nflow", *args],
        cwd=cwd,
        env={**clean, **env},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )


def test_arabic_locale_gives_arabic_help_and_status() -> None:
    shown = _cli("--help", LANG="ar_QA.UTF-8")
    assert shown.returncode == 0
    assert "الاستخدام:" in shown.stdout and "الأوامر" in shown.stdout
    assert "سير عمل للترجمة" in shown.stdout  # the group's docstring
    assert "Show this message" not in shown.stdout  # click's own words too
    status = _cli("status", cwd=EXAMPLE, LANG="ar_QA.UTF-8")
    assert status.returncode == 0
    assert "الفهرس" in status.stdout and "غير مترجَم" in status.stdout


def test_english_without_an_arabic_locale_and_language_takes_precedence() -> None:
    assert "Usage:" in _cli("--help", LANG="C.UTF-8").stdout
    assert "الاستخدام:" in _cli("--help", LANG="en_US.UTF-8", LANGUAGE="ar").stdout
    # a terminal that cannot show Arabic gets English, not escapes
    ascii_only = _cli("status", "missing.po", LANG="ar_QA.UTF-8", PYTHONIOENCODING="ascii")
    assert ascii_only.stderr.startswith("l10nflow: error: ")


def test_error_lines_in_arabic_keep_one_escaped_line() -> None:
    failed = _cli("status", "missing.po", cwd=EXAMPLE, LANG="ar_QA.UTF-8")
    assert failed.returncode == 2
    assert failed.stderr.startswith("l10nflow: خطأ: ")
    assert "missing.po" in failed.stderr
    assert "\\u2068" not in failed.stderr  # our prefix adds no isolate for the escaper to show


def test_left_to_right_runs_are_isolated() -> None:
    text = isolate_ltr("استخدم --fallback {fallback} مع ملف l10nflow.toml (الافتراضي: UTF-8).")
    assert f"{FSI}--fallback {{fallback}}{PDI}" in text
    assert f"{FSI}l10nflow.toml{PDI}" in text
    assert f"{FSI}UTF-8{PDI})." in text  # the Arabic sentence keeps its bracket and full stop
    assert isolate_ltr("لا شيء لاتيني هنا") == "لا شيء لاتيني هنا"


def test_catalog_holds_every_message_of_the_sources() -> None:
    """A message marked in the code but missing from the Arabic catalog fails here (and in
    `make check-messages`): run `make messages` and translate it."""
    method_map = [
        ("src/l10nflow/cli/*.py", "l10nflow.i18n.extract_cli"),
        ("src/l10nflow/i18n.py", "python"),
    ]
    keywords = {"_": None, "N_": None, "plain": None, "ngettext": (1, 2)}
    found = {
        message if isinstance(message, str) else message[0]
        for _file, _line, message, _comments, _context in extract_from_dir(
            ROOT, method_map, keywords=keywords
        )
    }
    assert len(found) > 100
    ids = {message.id for message in _catalog() if message.id}
    assert found - ids == set(), "messages without an Arabic translation: run make messages"


def test_every_message_is_translated_and_reviewed() -> None:
    catalog = _catalog()
    for message in catalog:
        if message.id:
            assert message.string, f"untranslated: {message.id!r}"
            assert not message.fuzzy, f"fuzzy: {message.id!r}"


def test_shipped_mo_is_the_compiled_po() -> None:
    compiled = io.BytesIO()
    write_mo(compiled, _catalog(), use_fuzzy=False)
    assert MO.read_bytes() == compiled.getvalue(), "run make messages"


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext not installed")
def test_msgfmt_check_passes_on_the_shipped_catalog() -> None:
    result = subprocess.run(
        ["msgfmt", "--check", "-o", os.devnull, str(PO)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_the_tools_own_check_fails_an_untranslated_or_fuzzy_message(tmp_path: Path) -> None:
    text = PO.read_text(encoding="utf-8")
    runner = CliRunner()
    clean = runner.invoke(main, ["check", "--require-reviewed", str(PO)])
    assert clean.exit_code == 0, clean.output
    untranslated = tmp_path / "untranslated.po"
    untranslated.write_text(text.replace('msgstr "الأوامر"', 'msgstr ""', 1), encoding="utf-8")
    assert runner.invoke(main, ["check", "--require-reviewed", str(untranslated)]).exit_code == 1
    fuzzy = tmp_path / "fuzzy.po"
    fuzzy.write_text(
        text.replace('msgid "Commands"', '#, fuzzy\nmsgid "Commands"', 1), encoding="utf-8"
    )
    assert runner.invoke(main, ["check", "--require-reviewed", str(fuzzy)]).exit_code == 1


def test_every_help_text_of_the_cli_is_marked_and_translated() -> None:
    """A command or option added with an unmarked help string (no ``_()``) fails here."""
    import inspect

    import click

    from l10nflow.cli import COMMANDS, L10nGroup

    ids = {message.id for message in _catalog() if message.id}
    group = L10nGroup()
    ctx = click.Context(main)
    unmarked: list[str] = []

    def visit(command: click.Command) -> None:
        if command.help and inspect.cleandoc(command.help) not in ids:
            unmarked.append(command.help)
        unmarked.extend(
            param.help
            for param in command.params
            if getattr(param, "help", None) and param.help not in ids
        )
        for sub in getattr(command, "commands", {}).values():
            visit(sub)

    visit(main)
    for name, (_module, _attribute, short) in COMMANDS.items():
        assert short in ids, short
        visit(group.get_command(ctx, name))
    assert unmarked == []
