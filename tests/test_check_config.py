"""The ``[check]`` table of ``l10nflow.toml`` and the ``l10nflow-ignore:`` flag."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

from l10nflow.check import parse_codes, waived_codes
from l10nflow.config import CheckSettings, load_config, render_template
from l10nflow.errors import ConfigError, UsageError


def test_check_table_is_read(tmp_path: Path) -> None:
    path = tmp_path / "l10nflow.toml"
    path.write_text(
        "[check]\n"
        'ignore = ["numbers", "markup"]\n'
        'fuzzy_severity = "error"\n'
        'fail_on = "warning"\n'
        "max_obsolete = 10\n"
        "max_fuzzy = 0\n"
        "require_reviewed = true\n"
        "min_reviewed = 92.5\n",
        encoding="utf-8",
    )
    assert load_config(path).check == CheckSettings(
        ignore=("numbers", "markup"),
        fuzzy_severity="error",
        fail_on="warning",
        max_obsolete=10,
        max_fuzzy=0,
        require_reviewed=True,
        min_reviewed=92.5,
    )


def test_template_has_a_check_table_with_the_defaults(tmp_path: Path) -> None:
    text = render_template("ar", "en", ["glossaries/defense.csv"])
    assert "[check]" in text and "l10nflow-ignore:" in text
    path = tmp_path / "l10nflow.toml"
    path.write_text(text, encoding="utf-8")
    assert load_config(path).check == CheckSettings()


def test_unknown_code_in_the_table_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "l10nflow.toml"
    path.write_text('source_language = "ar"\n\n[check]\nignore = ["numbres"]\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert caught.value.line == 4 and "numbres" in caught.value.message


@pytest.mark.parametrize(
    ("flags", "waived"),
    [
        (["l10nflow-ignore:numbers"], {"numbers"}),
        # polib splits "l10nflow-ignore:numbers,markup" at the comma
        (["fuzzy", "l10nflow-ignore:numbers", "markup"], {"numbers", "markup"}),
        (["l10nflow-ignore:numbers", "python-format", "markup"], {"numbers"}),
        (["markup"], set()),
        ([], set()),
    ],
)
def test_waived_codes(flags: list[str], waived: set[str]) -> None:
    entry = polib.POEntry(msgid="a", msgstr="b")
    entry.flags = flags
    assert waived_codes(entry) == waived


def test_flag_line_as_written_in_a_po_file() -> None:
    po = polib.pofile('#, fuzzy, l10nflow-ignore:numbers,glossary-missing\nmsgid "a"\nmsgstr "b"\n')
    assert waived_codes(po[0]) == {"numbers", "glossary-missing"}


def test_parse_codes() -> None:
    assert parse_codes(["numbers,markup", " catalog-header "], "--select") == {
        "numbers",
        "markup",
        "catalog-header",
    }
    with pytest.raises(UsageError, match="unknown code"):
        parse_codes(["numbers,nope"], "--select")
