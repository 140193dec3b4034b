"""``glossary lookup``: every form finds its entry, which is shown whole (issue 17)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from l10nflow.glossary import Glossary

LABELLED = Path(__file__).parent / "glossary_cases" / "labelled" / "glossary.csv"


@pytest.mark.parametrize(
    ("query", "preferred_en"),
    [
        ("troops", "soldier"),  # an accepted form that is not the headword
        ("جنود", "soldier"),  # a broken plural of the plural column
        ("national guardian", "National Guard"),  # a forbidden form
        ("الحارس الوطني", "National Guard"),  # a forbidden Arabic form
        ("جندي", "soldier"),  # without the article
        ("ambassadors", "ambassador"),  # inflected
        ("Lt. Col.", "Lieutenant Colonel"),
    ],
)
def test_lookup_finds_the_entry_by_any_form(query: str, preferred_en: str) -> None:
    found = Glossary.load([LABELLED]).lookup(query)
    assert preferred_en in [entry.preferred("en") for entry, _ in found]


def test_lookup_by_a_word_of_longer_forms() -> None:
    found = Glossary.load([LABELLED]).lookup("military")
    assert {"military base", "military exercise", "military expert"} <= {
        entry.preferred("en") for entry, _ in found
    }


def test_cli_lookup_prints_all_forms_forbidden_forms_and_the_note(cli) -> None:
    result = cli(["glossary", "lookup", "-g", str(LABELLED), "troops"])
    assert result.exit_code == 0, result.stderr
    [line] = result.stdout.splitlines()
    assert "[troops]  ar: الجندي" in line and "en: soldier | troops" in line
    assert "Generic soldier" in line
    result = cli(["glossary", "lookup", "-g", str(LABELLED), "National Guard"])
    assert "forbidden ar: الحارس الوطني | الحراسة الوطنية" in result.stdout
    assert "forbidden en: national guardian" in result.stdout


def test_cli_lookup_json_lists_entries_named_by_a_form(cli) -> None:
    result = cli(["glossary", "lookup", "-g", str(LABELLED), "--json", "troops"])
    [match] = json.loads(result.stdout)["matches"]
    assert match["forms"] == {"ar": ["الجندي"], "en": ["soldier", "troops"]}
    assert match["note"].startswith("Generic soldier")
    result = cli(["glossary", "lookup", "-g", str(LABELLED), "--json", "guardian"])
    [entry] = json.loads(result.stdout)["entries"]  # a word of a forbidden form
    assert entry["form"] == "national guardian"
    assert entry["forbidden"] == {
        "ar": ["الحارس الوطني", "الحراسة الوطنية"],
        "en": ["national guardian"],
    }
    result = cli(["glossary", "lookup", "-g", str(LABELLED), "--json", "المقدم أحمد"])
    [match] = json.loads(result.stdout)["matches"]
    assert match["context"] == "_ NAME; رتبة _"
    assert match["forms"]["en"] == ["Lieutenant Colonel", "Lt. Col."]
