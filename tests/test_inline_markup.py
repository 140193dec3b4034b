"""Inline markup: numbered tags, the checks `check` uses, balancing, and protection around MT.

Each format's inline markup is its record's in the format registry; this file reaches it
by format name (``_markup``), as the parametrized cases name formats.
"""

from __future__ import annotations

import re

import pytest

from l10nflow.document.formats import FORMATS, format_of_reference
from l10nflow.document.inline import (
    InlineMarkup,
    Protected,
    Role,
    Tag,
    balance,
    compare_tags,
    join_tokens,
    nesting_problems,
    parse_tags,
    plain_text,
    source_tags,
)
from l10nflow.mt.base import TranslateOptions


def _markup(fmt: str) -> InlineMarkup:
    return FORMATS[fmt].inline


def compare_markup(source: str, target: str, fmt: str) -> list[str]:
    return _markup(fmt).compare(source, target)


def strip_markup(text: str, fmt: str) -> str:
    return _markup(fmt).words(text)


def protect(text: str, fmt: str) -> Protected:
    return _markup(fmt).protect(text)


def test_parse_tags_reads_numbered_tags_and_leaves_other_text() -> None:
    tokens = parse_tags("a <1>b <2/></1> <x> </3/> <0> c")
    assert tokens == [
        "a ",
        Tag(1, Role.OPEN),
        "b ",
        Tag(2, Role.VOID),
        Tag(1, Role.CLOSE),
        " <x> </3/> <0> c",
    ]
    assert join_tokens(tokens) == "a <1>b <2/></1> <x> </3/> <0> c"
    assert source_tags(tokens) == {1: Role.OPEN, 2: Role.VOID}
    assert plain_text(tokens) == "a b <x> </3/> <0> c"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("<1>a</1> <2/>", None),
        ("<1><2>a</2></1>", None),
        ("<1>a", "<1> is never closed"),
        ("a</1>", "</1> closes a tag that is not open"),
        ("<1><2>a</1></2>", "<2> is closed by </1> (tags cross)"),
        ("<1>a</1><1>b</1>", "tag 1 is used twice"),
        ("<2/> x <2/>", "tag 2 is used twice"),
    ],
)
def test_nesting_problems(text: str, problem: str | None) -> None:
    problems = nesting_problems(text)
    assert (problem in problems) if problem else problems == []


def test_compare_tags_reports_lost_added_and_reshaped_tags() -> None:
    source = "The <1>Guard</1> met <2/> today <3>here</3>."
    assert compare_tags(source, "<3>Ici</3> la <1>Garde</1> <2/>.") == []  # moving is fine
    problems = compare_tags(source, "La <1>Garde <4/></1> <2>x</2>.")
    assert "tag <3>…</3> of the source is missing" in problems
    assert "tag <4/> is not in the source" in problems
    assert "tag 2 is <2/> in the source, <2>…</2> here" in problems


def test_compare_markup_per_format() -> None:
    assert compare_markup("a <1>b</1>", "a b", "html") == ["tag <1>…</1> of the source is missing"]
    md = compare_markup(
        "See **this** [page](https://a.org/x) `x`", "Voir [page](https://b.org)", "markdown"
    )
    assert "missing in the translation: link https://a.org/x" in md
    assert "missing in the translation: strong **" in md
    assert "missing in the translation: code `x`" in md
    assert "not in the source: link https://b.org" in md
    same = compare_markup("**a** [b](u)", "[B](u) **A**", "markdown")
    assert same == []
    assert compare_markup("a <1>b</1>", "a b", "text") == []


@pytest.mark.parametrize(
    ("reference", "fmt"),
    [
        ("articles/a.html:12", "html"),
        ("a.HTM", "html"),
        ("docs/page.md:3", "markdown"),
        ("x.markdown", "markdown"),
        ("articles/a.txt:4", "text"),
        ("README", "text"),
        ("notes/a.rst:7", "text"),  # a suffix no format reads: plain text
    ],
)
def test_format_of_a_reference(reference: str, fmt: str) -> None:
    assert format_of_reference(reference).name == fmt


def test_strip_markup() -> None:
    assert strip_markup("The <1>Guard</1> <2/> met.", "html") == "The Guard met."
    assert "link text" in strip_markup("A [link text](http://x) and `code`", "markdown")
    assert "http" not in strip_markup("A [link text](http://x) and `code`", "markdown")
    assert strip_markup("<1>x</1>", "text") == "<1>x</1>"


# ----------------------------------------------------------------------------- balance

SOURCE = parse_tags("<1>a <2>b</2></1> c <3/>")


def _balanced(translation: str, droppable=()) -> str:
    return join_tokens(balance(parse_tags(translation), SOURCE, droppable=droppable).tokens)


def test_balance_keeps_a_well_formed_translation() -> None:
    result = balance(parse_tags("<3/> c <1>a <2>b</2></1>"), SOURCE)
    assert join_tokens(result.tokens) == "<3/> c <1>a <2>b</2></1>"
    assert result.restored == result.dropped == result.unknown == ()


def test_balance_turns_unknown_tags_into_text() -> None:
    result = balance(parse_tags("<1>a <2>b</2></1> c <3/> <9>x</9> <3>y</3>"), SOURCE)
    assert result.unknown == ("<9>", "</9>", "<3>", "</3>")
    assert join_tokens(result.tokens).endswith("<9>x</9> <3>y</3>")


def test_balance_drops_duplicates_and_stray_closes() -> None:
    result = balance(parse_tags("</2><1>a</1> <1>again</1> <3/><3/> <2>b</2>"), SOURCE)
    assert join_tokens(result.tokens) == "<1>a</1> again <3/> <2>b</2>"
    assert Tag(2, Role.CLOSE) in result.dropped and Tag(1, Role.OPEN) in result.dropped


def test_balance_closes_crossed_and_unclosed_tags() -> None:
    assert _balanced("<1>a <2>b</1> c</2> <3/>") == "<1>a <2>b</2></1> c <3/>"
    assert _balanced("<1>a <2>b <3/>") == "<1>a <2>b <3/></2></1>"


def test_balance_appends_missing_tags_nested_as_in_the_source() -> None:
    result = balance(parse_tags("a b c"), SOURCE)
    assert join_tokens(result.tokens) == "a b c<1><2></2></1><3/>"
    assert [str(tag) for tag in result.restored] == ["<1>", "<2>", "<3/>"]
    assert _balanced("a b c", droppable={1, 2}) == "a b c<3/>"


# ----------------------------------------------------------------------------- protect


def test_protect_gives_the_engine_plain_text() -> None:
    guard = protect("The <1>National Guard</1> met <2/> in <3>2021</3>.", "html")
    assert guard.text == "The National Guard met in 2021."
    assert "<" not in guard.text


def test_restore_wraps_the_whole_text_and_keeps_edge_tags() -> None:
    guard = protect("<1/><2>Whole sentence here.</2><3/>", "html")
    restored = guard.restore("الجملة كاملة هنا.")
    assert restored.text == "<1/><2>الجملة كاملة هنا.</2><3/>"
    assert not restored.moved


def test_restore_places_pairs_whose_content_the_translation_repeats() -> None:
    guard = protect("بدأ عام <1>2021</1> مع <2>96</2> شريكا <3>NATO</3>.", "html")
    restored = guard.restore("It began in 2021 with 96 partners, NATO.")
    assert restored.text == "It began in <1>2021</1> with <2>96</2> partners, <3>NATO</3>."
    assert not restored.moved


def test_restore_places_by_position_what_no_word_anchors_and_says_so() -> None:
    source = "يدعم <1>الحرس الوطني</1> السلام <2/> و<3>2021</3>."
    restored = protect(source, "html").restore("The National Guard supports peace, 2021.")
    # tag 1 by relative position, the void tag 2 between words, tag 3 by its number
    assert restored.text == "The <1>National Guard</1> supports<2/> peace, <3>2021</3>."
    assert restored.moved
    assert compare_tags(source, restored.text) == []


def test_restore_places_pairs_on_glossary_anchors() -> None:
    guard = protect("أكد <1>الحرس الوطني</1> دعمه للشراكة مع قطر.", "html")
    translation = "The partnership with Qatar was backed by the National Guard."
    by_position = guard.restore(translation)
    assert by_position.moved and "<1>National Guard</1>" not in by_position.text
    anchored = guard.restore(translation, [("الحرس الوطني", "National Guard")])
    assert anchored.text == "The partnership with Qatar was backed by the <1>National Guard</1>."
    assert not anchored.moved


def test_restore_places_pairs_on_identical_names_and_numbers() -> None:
    guard = protect("شاركت <1>طائرات F-16 الأربع</1> في التمرين عام ٢٠٢١.", "html")
    restored = guard.restore("The four F-16 jets took part in the 2021 exercise.")
    assert restored.text == "The four <1>F-16</1> jets took part in the 2021 exercise."
    assert not restored.moved


@pytest.mark.parametrize(
    "translation",
    ["Texte gras", "un deux trois quatre cinq", "Ein Satz, der länger ist als die Quelle."],
)
def test_restore_never_leaves_an_empty_pair(translation: str) -> None:
    for source in ("<1>Bold</1> text", "Some <1>bold</1> text <2>here</2> now", "a <1>b</1>"):
        restored = protect(source, "html").restore(translation)
        assert not re.search(r"<(\d+)>\s*</\1>", restored.text), restored.text
        assert compare_tags(source, restored.text) == []


def test_restore_ignores_tags_the_engine_made_up() -> None:
    guard = protect("<1>Bold</1> text", "html")
    restored = guard.restore("Texte <1>gras</1> <7/>")
    assert restored.text == "<1>Texte</1> gras"  # the engine saw no tags: its own are noise
    assert restored.moved
    assert compare_tags("<1>Bold</1> text", restored.text) == []


def test_markdown_protect_and_restore() -> None:
    source = "In **2021** the **National Guard** visited [the base](https://x.org/b) with `code`."
    guard = protect(source, "markdown")
    assert guard.text == "In 2021 the National Guard visited the base with ."
    restored = guard.restore("En 2021 la Garde nationale a visité la base avec.")
    assert restored.moved
    assert restored.text == (
        "En **2021** la **Garde nationale a** visité la [base](https://x.org/b)`code` avec."
    )
    # placed by relative position: right here, approximate in general, so flagged


def test_markdown_restore_escapes_markup_characters_of_the_translation() -> None:
    guard = protect("*Whole*", "markdown")
    restored = guard.restore("a * b <x> snake_case _lead")
    assert restored.text == r"*a \* b \<x> snake_case \_lead*"
    assert not restored.moved


def test_text_without_markup_passes_through() -> None:
    for fmt in ("text", "html", "markdown"):
        guard = protect("Plain sentence.", fmt)
        assert guard.text == "Plain sentence."
        assert guard.restore("جملة بسيطة.").text == "جملة بسيطة."
    assert protect("<1>x</1>", "text").text == "<1>x</1>"


# ----------------------------------------------------------------------------- around MT


@pytest.mark.parametrize(
    ("fmt", "source", "seen", "restored"),
    [
        ("html", "The <1>Guard</1> met.<2/>", "The Guard met.", "The <1>Guard</1> met.<2/>"),
        (
            "markdown",
            "The **Guard** met [here](https://x.org).",
            "The Guard met here.",
            "The **Guard** met [here](https://x.org).",
        ),
        ("text", "a <1>b</1> **c**", "a <1>b</1> **c**", "a <1>b</1> **c**"),
    ],
)
def test_the_engine_never_sees_markup_and_the_workflow_restores_it(
    fmt: str, source: str, seen: str, restored: str
) -> None:
    from l10nflow.translate import translate_with_markup
    from tests.engines import FakeEngine

    engine = FakeEngine("en", "ar")
    (result,) = translate_with_markup(engine, [source], [FORMATS[fmt]], TranslateOptions())
    assert engine.batches == [[seen]]
    assert result.text == "[en→ar] " + restored
    assert not result.markup_moved


def test_no_engine_module_imports_the_documents() -> None:
    """Engines never see markup: nothing under ``l10nflow.mt`` imports ``l10nflow.document``."""
    import ast
    from pathlib import Path

    import l10nflow.mt

    importing = []
    for path in Path(l10nflow.mt.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            names += [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if any(name.startswith("l10nflow.document") for name in names):
                importing.append(path.name)
    assert importing == []


def test_a_registered_format_is_found_by_a_projects_default_globs(tmp_path) -> None:
    """A new format is one module plus one registration: the default globs find its files."""
    from l10nflow.document.formats import DocumentFormat, register
    from l10nflow.project import Project

    (tmp_path / "articles").mkdir()
    (tmp_path / "l10nflow.toml").write_text('source_language = "en"\n', encoding="utf-8")
    for name in ("a.txt", "b.toy", "c.unknown"):
        (tmp_path / "articles" / name).write_text("One sentence here.\n", encoding="utf-8")
    assert [p.name for p in Project.discover(tmp_path).documents()] == ["a.txt"]
    register(DocumentFormat("toy", frozenset({".toy"}), "l10nflow.document.text", "parse_text"))
    try:
        found = Project.discover(str(tmp_path)).documents()
        assert [p.name for p in found] == ["a.txt", "b.toy"]
    finally:
        FORMATS.pop("toy")
