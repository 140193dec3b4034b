"""The document model: blocks of segments plus a lossless skeleton.

A :class:`Document` is a sequence of parts: literal skeleton text (blank
lines, indentation, list markers, line endings, whitespace between sentences)
and :class:`Segment` slots. Rendering with every segment left as its source
reproduces the original text exactly.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


class BlockKind(StrEnum):
    """What a block of an article is; shown to translators as an extracted comment."""

    TITLE = "title"
    HEADING = "heading"
    DATELINE = "dateline"
    PARAGRAPH = "paragraph"
    CAPTION = "caption"
    LIST_ITEM = "list-item"


_LINE_BREAK_RUN = re.compile(r"[^\S\r\n]*(?:\r\n|\r|\n)\s*")


def fold_line_breaks(raw: str) -> str:
    """Fold hard line breaks (and the whitespace around them) inside a segment to one space."""
    return _LINE_BREAK_RUN.sub(" ", raw)


@dataclass(frozen=True)
class Segment:
    """One translation unit: its text as translators see it and where it came from."""

    index: int
    text: str
    source: str
    block: int
    kind: BlockKind
    line: int

    @property
    def id(self) -> str:
        return f"s{self.index + 1}"


Part = str | Segment
Translator = Callable[[Segment], str | None]


@dataclass(frozen=True)
class Document:
    """A parsed article: its language, its parts, and how it was encoded."""

    path: Path | None
    lang: str
    parts: tuple[Part, ...]
    bom: bool = False
    format: str = "text"

    @property
    def segments(self) -> list[Segment]:
        return [part for part in self.parts if isinstance(part, Segment)]

    def __iter__(self) -> Iterator[Segment]:
        return iter(self.segments)

    def render(self, translate: Translator | None = None) -> str:
        """The document's text with each segment replaced by ``translate(segment)``.

        ``None`` (or a translation equal to the segment's text) keeps the
        source characters exactly, including any hard line breaks.
        """
        pieces: list[str] = []
        for part in self.parts:
            if isinstance(part, str):
                pieces.append(part)
                continue
            translation = translate(part) if translate else None
            if translation is None or translation == part.text:
                pieces.append(part.source)
            else:
                pieces.append(translation)
        return "".join(pieces)
