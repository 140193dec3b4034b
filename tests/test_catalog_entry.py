"""The catalog-entry model: review state apart from obsolete, and typed notes."""

from __future__ import annotations

import polib
import pytest

from l10nflow.catalog_entry import (
    EntryState,
    GlossaryNote,
    MtNote,
    NoteKind,
    comment_lines,
    entry_format,
    entry_state,
    note_texts,
    refresh_notes,
    set_notes,
    shows_changed_source,
)


def _entry(**fields) -> polib.POEntry:
    return polib.POEntry(msgid="الحرس الوطني", **fields)


@pytest.mark.parametrize(
    ("fields", "state"),
    [
        ({}, EntryState.EMPTY),
        ({"msgstr": "National Guard"}, EntryState.REVIEWED),
        ({"msgstr": "National Guard", "flags": ["fuzzy"]}, EntryState.MEMORY),
        ({"msgstr": "x", "flags": ["fuzzy"], "comment": "mt: engine"}, EntryState.MACHINE),
        ({"msgid_plural": "p", "msgstr_plural": {0: "", 1: "y"}}, EntryState.REVIEWED),
        ({"msgstr": "National Guard", "obsolete": True}, EntryState.REVIEWED),
    ],
)
def test_the_review_state_is_apart_from_obsolete(fields, state) -> None:
    assert entry_state(_entry(**fields)) is state


def test_notes_are_written_in_kind_order_after_foreign_comments() -> None:
    entry = _entry(comment="reviewer: keep the acronym")
    set_notes(entry, NoteKind.MEMORY, ["80% from a.txt: …"])
    set_notes(entry, NoteKind.MT, [MtNote("ctranslate2-int8 m@1|beams:4", "forced")])
    set_notes(entry, NoteKind.BLOCK, ["heading"])
    assert comment_lines(entry) == [
        "reviewer: keep the acronym",
        "block: heading",
        "mt: ctranslate2-int8 m@1|beams:4 (glossary: forced)",
        "tm: 80% from a.txt: …",
    ]
    assert note_texts(entry, NoteKind.BLOCK) == ["heading"]
    set_notes(entry, NoteKind.MEMORY, ())
    assert note_texts(entry, NoteKind.MEMORY) == []
    assert len(comment_lines(entry)) == 3


@pytest.mark.parametrize(
    "note",
    [
        GlossaryNote("الحرس الوطني", "National Guard"),
        GlossaryNote("الحرس الوطني", "National Guard", missing=True),
        GlossaryNote("a (for b)", "c → d", missing=True),
    ],
)
def test_a_glossary_note_reads_back_as_written(note) -> None:
    assert GlossaryNote.parse(str(note)) == note


def test_mt_notes_read_back_with_their_enforcement() -> None:
    assert MtNote.parse("m@1|beams:4 (glossary: rerank)") == MtNote("m@1|beams:4", "rerank")
    assert MtNote.parse("m@1|beams:4") == MtNote("m@1|beams:4")
    assert str(MtNote("m@1")) == "m@1"


def test_a_comment_in_no_notes_shape_is_no_note() -> None:
    assert NoteKind.of("mt: x") is NoteKind.MT
    assert NoteKind.of("mt:x") is None
    assert NoteKind.of("ask the editor: why") is None
    assert GlossaryNote.parse("free text") is None


def test_a_review_drops_the_stale_notes_and_keeps_provenance() -> None:
    entry = _entry(msgstr="National Guard", comment="block: p\nchanged: edited")
    set_notes(entry, NoteKind.MT, ["m@1"])
    set_notes(
        entry,
        NoteKind.GLOSSARY,
        [GlossaryNote("أ", "A"), GlossaryNote("ب", "B", missing=True)],
    )
    set_notes(entry, NoteKind.MARKUP, ["check the tags"])
    refresh_notes(entry)
    assert comment_lines(entry) == ["block: p", "mt: m@1", "glossary: أ → A"]


def test_an_unreviewed_entry_keeps_its_notes_and_shows_a_changed_source() -> None:
    entry = _entry(msgstr="x", flags=["fuzzy"], comment="changed: edited\ntm: 80%")
    refresh_notes(entry)
    assert comment_lines(entry) == ["changed: edited", "tm: 80%"]
    assert shows_changed_source(entry)
    assert not shows_changed_source(_entry(msgstr="x", comment="changed: edited"))


@pytest.mark.parametrize(
    ("occurrences", "fmt"),
    [
        ([("articles/a.md", "3")], "markdown"),
        ([("articles/a.HTML", "1"), ("articles/b.txt", "2")], "html"),
        ([("articles/a.rst", "1")], "text"),
        ([], "text"),
    ],
)
def test_an_entry_knows_its_documents_format(occurrences, fmt) -> None:
    assert entry_format(_entry(occurrences=occurrences)).name == fmt
