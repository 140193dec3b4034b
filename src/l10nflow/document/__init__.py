"""Documents: read an article from disk into blocks, segments and a skeleton.

One reader per format behind :func:`read_document` (plain text, Markdown,
HTML); the model lives in :mod:`l10nflow.document.model`, inline markup in
:mod:`l10nflow.document.inline`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from l10nflow.document.inline import strip_markup
from l10nflow.document.model import BlockKind, Document, Segment, fold_line_breaks
from l10nflow.document.text import parse_text
from l10nflow.errors import InputError
from l10nflow.segment import guess_language
from l10nflow.textio import read_article

__all__ = [
    "DOCUMENT_SUFFIXES",
    "BlockKind",
    "Document",
    "Segment",
    "fold_line_breaks",
    "parse_text",
    "read_document",
]

TEXT_SUFFIXES = frozenset({".txt", ".text", ""})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
# Suffixes a project's document globs match (a suffix-less file is read only when named).
DOCUMENT_SUFFIXES = (TEXT_SUFFIXES - {""}) | MARKDOWN_SUFFIXES | HTML_SUFFIXES


def read_document(
    path: Path,
    *,
    lang: str | None = None,
    encoding: str | None = None,
    segmentation: str = "sentence",
    abbreviations: dict[str, tuple[str, ...]] | Iterable[str] | None = None,
) -> Document:
    """Read and segment an article. ``lang=None`` guesses it from the script."""
    suffix = path.suffix.lower()
    if suffix in MARKDOWN_SUFFIXES or suffix in HTML_SUFFIXES:
        return _read_markup(path, lang, encoding, segmentation, abbreviations)
    if suffix not in TEXT_SUFFIXES:
        raise InputError(
            f"unsupported document format '{path.suffix}' (supported: .txt, .md, .markdown, "
            ".html, .htm)",
            path=path,
        )
    article = read_article(path, encoding)
    language = lang or guess_language(article.text)
    document = parse_text(
        article.text,
        language,
        path=path,
        bom=article.bom,
        segmentation=segmentation,
        abbreviations=_extra(abbreviations, language),
    )
    return replace(document, lang=language)


def _read_markup(
    path: Path,
    lang: str | None,
    encoding: str | None,
    segmentation: str,
    abbreviations: dict[str, tuple[str, ...]] | Iterable[str] | None,
) -> Document:
    """A Markdown or HTML article; without ``lang``, guessed from its segments' words."""
    from l10nflow.document.html import decode_html, parse_html
    from l10nflow.document.markdown import parse_markdown

    is_html = path.suffix.lower() in HTML_SUFFIXES
    article = decode_html(path, encoding) if is_html else read_article(path, encoding)

    def parse(language: str) -> Document:
        options = {"encoding": article.encoding} if is_html else {}
        return (parse_html if is_html else parse_markdown)(
            article.text,
            language,
            path=path,
            bom=article.bom,
            segmentation=segmentation,
            abbreviations=_extra(abbreviations, language),
            **options,
        )

    document = parse(lang or "en")
    if not lang:
        words = " ".join(strip_markup(s.text, document.format) for s in document.segments)
        guessed = guess_language(words) if words.strip() else document.lang
        document = document if guessed == document.lang else parse(guessed)
    return document  # its warnings (repaired HTML, ...) are the caller's to show


def _extra(
    abbreviations: dict[str, tuple[str, ...]] | Iterable[str] | None, language: str
) -> tuple[str, ...]:
    if isinstance(abbreviations, dict):
        return tuple(abbreviations.get(language, ()))
    return tuple(abbreviations or ())
