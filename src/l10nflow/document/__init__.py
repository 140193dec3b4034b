"""Documents: read an article from disk into blocks, segments and a skeleton.

One reader per format behind :func:`read_document` (plain text, Markdown,
HTML), chosen through the registry of :mod:`l10nflow.document.formats`, which
also holds each format's inline markup; the model lives in
:mod:`l10nflow.document.model`, what the formats' inline markup shares in
:mod:`l10nflow.document.inline`.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from l10nflow.document.formats import (
    FORMATS,
    PLAIN_TEXT,
    DocumentFormat,
    document_suffixes,
    format_for,
    format_of_reference,
)
from l10nflow.document.model import BlockKind, Document, Segment, fold_line_breaks
from l10nflow.document.text import parse_text
from l10nflow.segment import guess_language

__all__ = [
    "DOCUMENT_SUFFIXES",
    "FORMATS",
    "PLAIN_TEXT",
    "BlockKind",
    "Document",
    "DocumentFormat",
    "Segment",
    "fold_line_breaks",
    "format_for",
    "format_of_reference",
    "parse_text",
    "read_document",
]

# Suffixes a project's document globs match (a suffix-less file is read only when named).
DOCUMENT_SUFFIXES = document_suffixes()


def read_document(
    path: Path,
    *,
    lang: str | None = None,
    encoding: str | None = None,
    segmentation: str = "sentence",
    abbreviations: dict[str, tuple[str, ...]] | Iterable[str] | None = None,
) -> Document:
    """Read and segment an article (its format by suffix, :mod:`.formats`).

    ``lang=None`` guesses the language from the script: of the text, and for a
    format with inline markup of its segments' words (not its tags).
    """
    fmt = format_for(path)
    article = fmt.decode(path, encoding)

    def parse(language: str) -> Document:
        return fmt.parse(
            article,
            language,
            path=path,
            segmentation=segmentation,
            abbreviations=_extra(abbreviations, language),
        )

    document = parse(lang or guess_language(article.text))
    if not lang and fmt.markup:
        words = document.words()
        guessed = guess_language(words) if words.strip() else document.lang
        document = document if guessed == document.lang else parse(guessed)
    return document  # its warnings (repaired HTML, ...) are the caller's to show


def _extra(
    abbreviations: dict[str, tuple[str, ...]] | Iterable[str] | None, language: str
) -> tuple[str, ...]:
    if isinstance(abbreviations, dict):
        return tuple(abbreviations.get(language, ()))
    return tuple(abbreviations or ())
