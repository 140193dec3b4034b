"""Leverage analysis: hand-computed bands on small projects in both languages, and word
counting the way CAT tools count."""

from __future__ import annotations

import json
from pathlib import Path

import polib
import pytest

from l10nflow.analyze import BANDS, analysis_words, band_of
from l10nflow.document import FORMATS
from l10nflow.pofile import read_po, write_po
from tests.conftest import snapshot

AR_DOCS = {
    "a.txt": [
        "قال القائد إن التدريب بدأ.",  # reviewed in a.po: 100 %, 5 words
        "وبالحرس الوطني ١٢٬٥٠٠ جندي ، في 14 أيار/مايو 2018.",  # new, 9 words
        "قال القائد إن التدريب بدأ.",  # repetition, 5 words
    ],
    "b.txt": [
        # match keys "قال القائد ان التدريب قد بدا." (29) and "…التدريب بدا." (26):
        # three inserted characters, 1 - 3/29 = 89.7 % -> 85-94, 6 words
        "قال القائد إن التدريب قد بدأ.",
        "أطلق الطرفان الشراكة عام 2021.",  # new, 5 words
        "قال القائد إن التدريب بدأ.",  # repetition across files, 5 words
        "قال القائدُ  إنّ التدريب بدأ.",  # repetition: tashkeel and spaces folded, 5 words
        "انتهى التدريب.",  # exact memory match (an obsolete reviewed entry of a.po), 2 words
    ],
}
EN_DOCS = {
    "a.txt": [
        "The U.S. Air National Guard trained 12,500 soldiers in 2018.",  # new, 10 words
        "Read more at https://www.nationalguard.mil/ today.",  # new, 5 words (URL = 1)
        "The state partnership began in 2016.",  # reviewed in a.po: 100 %, 6 words
    ],
    "b.txt": [
        # "began" -> "started" costs 7 edits over 38 characters: 81.6 % -> 75-84, 6 words
        "The state partnership started in 2016.",
        "the  state partnership began in 2016.",  # repetition (case, spaces), 6 words
        "A well-known counter-terrorism exercise, e.g. Eager Lion, took place.",  # new, 9
    ],
}
REVIEWED = {
    "ar": ("قال القائد إن التدريب بدأ.", "The commander said training had begun."),
    "en": ("The state partnership began in 2016.", "بدأت الشراكة بين الولايات عام 2016."),
}


def zero() -> dict[str, int]:
    return dict.fromkeys(BANDS, 0)


def make_project(tmp_path: Path, cli, source: str, docs: dict[str, list[str]]) -> Path:
    target = "en" if source == "ar" else "ar"
    root = tmp_path / source
    (root / "articles").mkdir(parents=True)
    for name, segments in docs.items():
        (root / "articles" / name).write_text("\n\n".join(segments) + "\n", encoding="utf-8")
    (root / "l10nflow.toml").write_text(
        f'source_language = "{source}"\ntarget_languages = ["{target}"]\n', encoding="utf-8"
    )
    assert cli(["extract"], cwd=root).exit_code == 0
    po = root / "locales" / target / "LC_MESSAGES" / "a.po"
    catalog = read_po(po)
    msgid, msgstr = REVIEWED[source]
    next(e for e in catalog if e.msgid == msgid).msgstr = msgstr
    if source == "ar":
        catalog.append(polib.POEntry(msgid="انتهى التدريب.", msgstr="Training ended.", obsolete=1))
    write_po(catalog, po)
    return root


def analyze(cli, root: Path) -> dict:
    result = cli(["analyze", "--json"], cwd=root)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_arabic_project_bands_by_hand(cli, tmp_path: Path) -> None:
    report = analyze(cli, make_project(tmp_path, cli, "ar", AR_DOCS))
    a, b = report["documents"]
    assert (a["document"], a["source"], a["target"]) == ("articles/a.txt", "ar", "en")
    assert a["segments"] == {**zero(), "repetitions": 1, "100%": 1, "new": 1, "total": 3}
    assert a["words"] == {**zero(), "repetitions": 5, "100%": 5, "new": 9, "total": 19}
    assert b["segments"] == {
        **zero(),
        "repetitions": 2,
        "100%": 1,
        "85-94%": 1,
        "new": 1,
        "total": 5,
    }
    assert b["words"] == {
        **zero(),
        "repetitions": 10,
        "100%": 2,
        "85-94%": 6,
        "new": 5,
        "total": 23,
    }
    total = report["total"]
    assert total["segments"] == {
        **zero(),
        "repetitions": 3,
        "100%": 2,
        "85-94%": 1,
        "new": 2,
        "total": 8,
    }
    assert total["words"]["total"] == 42


def test_english_project_bands_by_hand(cli, tmp_path: Path) -> None:
    report = analyze(cli, make_project(tmp_path, cli, "en", EN_DOCS))
    a, b = report["documents"]
    assert a["words"] == {**zero(), "100%": 6, "new": 15, "total": 21}
    assert b["segments"] == {**zero(), "repetitions": 1, "75-84%": 1, "new": 1, "total": 3}
    assert b["words"] == {**zero(), "repetitions": 6, "75-84%": 6, "new": 9, "total": 21}
    assert report["total"]["words"] == {
        **zero(),
        "repetitions": 6,
        "100%": 6,
        "75-84%": 6,
        "new": 24,
        "total": 42,
    }


def test_analysis_changes_no_project_file(cli, tmp_path: Path) -> None:
    root = make_project(tmp_path, cli, "ar", AR_DOCS)
    before = snapshot(root)
    result = cli(["analyze"], cwd=root)
    assert result.exit_code == 0, result.stderr
    assert snapshot(root) == before
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["band", "segments", "words", "words", "%"]
    assert lines[1].split() == ["repetitions", "3", "15", "35.7%"]
    assert lines[8].split() == ["total", "8", "42", "100%"]
    assert "articles/b.txt" in result.stdout


def test_named_documents_without_catalogs_or_memory(cli, tmp_path: Path) -> None:
    """Only the named document; no catalog yet: repetitions, the rest new."""
    root = tmp_path / "fresh"
    (root / "articles").mkdir(parents=True)
    (root / "articles" / "a.txt").write_text("\n\n".join(AR_DOCS["a.txt"]) + "\n", encoding="utf-8")
    (root / "l10nflow.toml").write_text('source_language = "ar"\n', encoding="utf-8")
    report = analyze(cli, root)
    assert report["total"]["words"] == {**zero(), "repetitions": 5, "new": 14, "total": 19}


@pytest.mark.parametrize(
    ("text", "fmt", "words"),
    [
        ("وبالحرس", "text", 1),  # conjunction + preposition + article: one word
        ("فسيكتبونها", "text", 1),  # clitics on a verb
        ("والحرس الوطني للقوات", "text", 3),
        ("يوم 14 أيار/مايو 2018", "text", 5),  # the slash separates
        ("١٢٬٥٠٠ جندي و٣٫٥ طن", "text", 4),  # numbers with separators, و+number: one word each
        ("قال ، ثم ؛ سأل ؟", "text", 3),  # Arabic punctuation is never a word
        ("12,500 troops, 3.5% and 1.2 million", "text", 6),
        ("an F-16 and up-to-date counter-terrorism", "text", 5),
        ("the U.S. Army, e.g. today", "text", 5),
        ("mail info@example.org or https://www.nationalguard.mil/a?b=c", "text", 4),
        ("شارك <1>الحرس الوطني</1> منذ <2>2021</2><3/>", "html", 5),  # tags are not words
        ("أطلق **2021** ضمن [برنامج](https://www.nationalguard.mil/)", "markdown", 4),
        ("", "text", 0),
    ],
)
def test_words_are_counted_as_cat_tools_count(text: str, fmt: str, words: int) -> None:
    assert analysis_words(text, FORMATS[fmt]) == words


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (1.0, "100%"),
        (0.9999, "95-99%"),
        (0.95, "95-99%"),
        (0.9499, "85-94%"),
        (0.85, "85-94%"),
        (0.75, "75-84%"),
        (0.7499, "50-74%"),
        (0.5, "50-74%"),
        (0.4999, "new"),
    ],
)
def test_scores_fall_in_trados_bands(score: float, band: str) -> None:
    assert band_of(score) == band


def test_without_a_memory_the_catalog_gives_the_reviewed_entries(cli, tmp_path: Path) -> None:
    from l10nflow.analyze import analyze_documents
    from l10nflow.project import Project

    root = make_project(tmp_path, cli, "ar", AR_DOCS)
    project = Project.discover(root)
    jobs = []
    for path in project.documents():
        po = project.catalog_path(path, "en")
        jobs.append((project.read(path), project.reference(path), "en", read_po(po)))
    result = analyze_documents(jobs, memory=None)
    a, b = result.documents
    assert a.counts.words == {**zero(), "repetitions": 5, "100%": 5, "new": 9}
    # no memory: the near match and the obsolete entry's sentence are new
    assert b.counts.words == {**zero(), "repetitions": 10, "new": 13}
    assert result.total.total_words == 42 and result.memory_units == 0
