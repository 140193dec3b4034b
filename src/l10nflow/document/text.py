"""Plain-text articles: blank-line separated blocks, list items, sentence segments.

The reader keeps everything that is not segment text in the skeleton: blank
lines, indentation, list markers, line endings (CRLF too), trailing spaces and
a missing final newline.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from l10nflow.document.model import BlockKind, Document, Placement, build_parts, fold_line_breaks
from l10nflow.segment import split_sentences

# A list marker at the start of a line: bullets, 1. 1) ١. (a) a) — then whitespace.
_LIST_MARKER = re.compile(
    r"[^\S\r\n]*(?:[-*•·▪–]|\(?(?:\d{1,3}|[٠-٩]{1,3}|[a-zA-Z])[.)](?!\d))[^\S\r\n]+(?=\S)"
)
_SENTENCE_END = re.compile(r"[.!?؟…:;؛][\"'»”’)\]]*\s*$")
_CREDIT_AT_END = re.compile(r"\[[^\[\]\n]{1,120}\]\s*$")
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|"
    "يناير|كانون الثاني|فبراير|شباط|مارس|آذار|أبريل|إبريل|نيسان|مايو|أيار|يونيو|حزيران|"
    "يوليو|تموز|أغسطس|آب|سبتمبر|أيلول|أكتوبر|تشرين الأول|نوفمبر|تشرين الثاني|ديسمبر|كانون الأول"
)
_DATELINE = re.compile(
    r"^(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}"
    rf"|[^\n]{{0,30}}?(?:{_MONTHS})[^\n]{{0,30}}?[0-9٠-٩]{{4}}[^\n]{{0,20}})$",
    re.IGNORECASE,
)
_HEADING_MAX_WORDS = 20


@dataclass(frozen=True)
class _Block:
    start: int
    end: int
    kind: BlockKind


def parse_text(
    text: str,
    lang: str,
    *,
    path: Path | None = None,
    bom: bool = False,
    segmentation: str = "sentence",
    abbreviations: Iterable[str] = (),
) -> Document:
    """Split a plain-text article into blocks and segments with a lossless skeleton."""
    abbreviations = tuple(abbreviations)
    placements: list[Placement] = []
    for block_index, block in enumerate(_blocks(text)):
        content = text[block.start : block.end]
        spans = split_sentences(content, lang, abbreviations=abbreviations, mode=segmentation)
        for start, end in spans:
            start, end = block.start + start, block.start + end
            raw = text[start:end]
            placements.append(Placement(start, end, fold_line_breaks(raw), block.kind, block_index))
    return Document(
        path=path, lang=lang, parts=build_parts(text, placements), bom=bom, format="text"
    )


def _blocks(text: str) -> list[_Block]:
    """Blank-line separated blocks; every list item is a block of its own (marker excluded)."""
    spans: list[tuple[int, int, bool]] = []  # (content start, content end, is list item)
    offset = 0
    current: list[int] | None = None  # [start, end, is_list]
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        line_start, line_end = offset, offset + len(body)
        offset += len(line)
        if not body.strip():
            current = None
            continue
        marker = _LIST_MARKER.match(body)
        if marker:
            current = [line_start + marker.end(), line_end, True]
            spans.append(current)  # type: ignore[arg-type]
        elif current is None:
            current = [line_start, line_end, False]
            spans.append(current)  # type: ignore[arg-type]
        else:
            current[1] = line_end
    blocks: list[_Block] = []
    title_seen = False
    for start, end, is_list in spans:
        kind = BlockKind.LIST_ITEM if is_list else _block_kind(text[start:end], title_seen)
        title_seen = title_seen or kind is BlockKind.TITLE or kind is BlockKind.PARAGRAPH
        blocks.append(_Block(start, end, kind))
    return blocks


def _block_kind(content: str, title_seen: bool) -> BlockKind:
    stripped = content.strip()
    if _DATELINE.match(stripped) and len(stripped) <= 80:
        return BlockKind.DATELINE
    if _CREDIT_AT_END.search(stripped):
        return BlockKind.CAPTION
    single_line = "\n" not in stripped and "\r" not in stripped
    short = len(stripped.split()) <= _HEADING_MAX_WORDS
    if single_line and short and not _SENTENCE_END.search(stripped):
        return BlockKind.HEADING if title_seen else BlockKind.TITLE
    return BlockKind.PARAGRAPH
