"""The document model: blocks of segments plus a lossless skeleton.

A :class:`Document` is a sequence of parts: literal skeleton text (blank
lines, indentation, list markers, line endings, whitespace between sentences,
markup), :class:`Segment` slots and :class:`Localized` skeleton pieces that
depend on the output language (HTML's root ``lang``/``dir``). Rendering with
every segment left as its source reproduces the original text exactly.

Formats with markup give each segment a :class:`SegmentCodec` that turns an
untrusted translation into safe output (escaping, restoring the source's
tags). A segment with a ``host`` (an HTML attribute inside an inline tag of
another segment) is rendered inside its host's markup, not on its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Protocol

from l10nflow.document.formats import FORMATS, DocumentFormat


class BlockKind(StrEnum):
    """What a block of an article is; shown to translators as an extracted comment."""

    TITLE = "title"
    HEADING = "heading"
    DATELINE = "dateline"
    PARAGRAPH = "paragraph"
    CAPTION = "caption"
    LIST_ITEM = "list-item"
    QUOTE = "quote"
    TABLE_CELL = "table-cell"
    ATTRIBUTE = "attribute"


_LINE_BREAK_RUN = re.compile(r"[^\S\r\n]*(?:\r\n|\r|\n)\s*")


def fold_line_breaks(raw: str) -> str:
    """Fold hard line breaks (and the whitespace around them) inside a segment to one space."""
    return _LINE_BREAK_RUN.sub(" ", raw)


class SegmentCodec(Protocol):
    """How a format turns a segment's translation (``None``: keep the source) into output."""

    def render(self, segment: Segment, translation: str | None, rendered: Mapping[int, str]) -> str:
        """Output for ``segment``; ``rendered`` holds the output of every earlier segment."""
        ...


@dataclass(frozen=True)
class Segment:
    """One translation unit: its text as translators see it and where it came from."""

    index: int
    text: str
    source: str
    block: int
    kind: BlockKind
    line: int
    host: int | None = None  # index of the segment whose markup holds this one
    codec: SegmentCodec | None = field(default=None, compare=False, repr=False)

    @property
    def id(self) -> str:
        return f"s{self.index + 1}"

    def output(self, translation: str | None, rendered: Mapping[int, str]) -> str:
        """This segment's output text; ``None`` or an unchanged text keeps the source."""
        if translation == self.text:
            translation = None
        if self.codec is not None:
            return self.codec.render(self, translation, rendered)
        return self.source if translation is None else translation


@dataclass(frozen=True)
class Localized:
    """Skeleton text that depends on the output language (e.g. HTML's ``<html lang dir>``)."""

    source: str
    localize: Callable[[str], str] = field(compare=False, repr=False)

    def output(self, target_lang: str | None) -> str:
        return self.localize(target_lang) if target_lang else self.source


Part = str | Segment | Localized
Translator = Callable[[Segment], str | None]


@dataclass(frozen=True)
class Document:
    """A parsed article: its language, its parts, and how it was encoded."""

    path: Path | None
    lang: str
    parts: tuple[Part, ...]
    bom: bool = False
    format: str = "text"
    encoding: str = "utf-8"  # how output is encoded (HTML keeps a declared legacy charset)
    unencodable: str = "strict"  # what encoding does with a character the charset lacks
    warnings: tuple[str, ...] = ()  # what the reader repaired or could not read

    @property
    def segments(self) -> list[Segment]:
        return [part for part in self.parts if isinstance(part, Segment)]

    @property
    def file_format(self) -> DocumentFormat:
        """Its format's record in the registry (:mod:`l10nflow.document.formats`)."""
        return FORMATS[self.format]

    def words(self) -> str:
        """The words of its segments without their inline markup (what a language guess reads)."""
        markup = self.file_format.inline
        return " ".join(markup.words(segment.text) for segment in self.segments)

    def __iter__(self) -> Iterator[Segment]:
        return iter(self.segments)

    def render(self, translate: Translator | None = None, target_lang: str | None = None) -> str:
        """The document's text with each segment replaced by ``translate(segment)``.

        ``None`` (or a translation equal to the segment's text) keeps the
        source characters exactly, including any hard line breaks. Formats
        with markup escape translations through their codecs. ``target_lang``
        localizes the language-dependent skeleton (HTML's root ``lang``/``dir``);
        the document's own language leaves it as it is.
        """
        if target_lang == self.lang:
            target_lang = None
        pieces: list[str] = []
        rendered: dict[int, str] = {}
        for part in self.parts:
            if isinstance(part, str):
                pieces.append(part)
            elif isinstance(part, Localized):
                pieces.append(part.output(target_lang))
            else:
                text = part.output(translate(part) if translate else None, rendered)
                rendered[part.index] = text
                if part.host is None:
                    pieces.append(text)
        return "".join(pieces)

    def encode(self, text: str) -> bytes:
        """Bytes of an output ``text``: the source's encoding and BOM convention.

        A format may say what to do with characters its charset cannot hold
        (HTML in a legacy charset writes them as character references).
        """
        return (("\ufeff" if self.bom else "") + text).encode(self.encoding, self.unencodable)


# ----------------------------------------------------------------------------- building parts


@dataclass(eq=False)
class Placement:
    """A segment a reader found: its raw span in the text and what it becomes.

    ``codec`` receives a function giving the final index of any placement (so
    a codec can refer to the segments hosted in its markup). ``hosted``
    placements are segments rendered inside this one's markup.
    """

    start: int
    end: int
    text: str
    kind: BlockKind
    block: int
    codec: Callable[[Callable[[Placement], int]], SegmentCodec | None] = lambda index_of: None
    hosted: list[Placement] = field(default_factory=list)


@dataclass(frozen=True)
class LocalizedSpan:
    """A span of the skeleton whose output depends on the target language."""

    start: int
    end: int
    localize: Callable[[str], str]


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def line_starts(text: str) -> list[int]:
    """Offsets where the lines of ``text`` start (CRLF, CR and LF all end a line)."""
    return [0] + [match.end() for match in _LINE_BREAK.finditer(text)]


def build_parts(
    text: str, placements: list[Placement], localized: list[LocalizedSpan] | tuple = ()
) -> tuple[Part, ...]:
    """The parts of a document: skeleton slices of ``text`` around placed segments.

    Placements and localized spans must not overlap; hosted segments are
    numbered and listed just before their host.
    """
    from bisect import bisect_right

    ordered: list[Placement | LocalizedSpan] = sorted(
        [*placements, *localized], key=lambda item: item.start
    )
    indexes: dict[int, int] = {}
    for item in ordered:
        if isinstance(item, Placement):
            for placed in (*item.hosted, item):
                indexes[id(placed)] = len(indexes)
    starts = line_starts(text)

    def index_of(placement: Placement) -> int:
        return indexes[id(placement)]

    def segment(placement: Placement, host: int | None) -> Segment:
        return Segment(
            index=index_of(placement),
            text=placement.text,
            source=text[placement.start : placement.end],
            block=placement.block,
            kind=placement.kind,
            line=bisect_right(starts, placement.start),
            host=host,
            codec=placement.codec(index_of),
        )

    parts: list[Part] = []
    position = 0
    for item in ordered:
        parts.append(text[position : item.start])
        if isinstance(item, LocalizedSpan):
            parts.append(Localized(text[item.start : item.end], item.localize))
        else:
            parts += [segment(hosted, index_of(item)) for hosted in item.hosted]
            parts.append(segment(item, None))
        position = item.end
    parts.append(text[position:])
    return tuple(part for part in parts if part != "")
