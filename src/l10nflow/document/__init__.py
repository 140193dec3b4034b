"""Documents: read an article from disk into blocks, segments and a skeleton.

One reader per format behind :func:`read_document`; the model lives in
:mod:`l10nflow.document.model`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from l10nflow.document.model import BlockKind, Document, Segment, fold_line_breaks
from l10nflow.document.text import parse_text
from l10nflow.errors import InputError
from l10nflow.segment import guess_language
from l10nflow.textio import read_article

__all__ = [
    "BlockKind",
    "Document",
    "Segment",
    "fold_line_breaks",
    "parse_text",
    "read_document",
]

TEXT_SUFFIXES = frozenset({".txt", ".text", ""})


def read_document(
    path: Path,
    *,
    lang: str | None = None,
    encoding: str | None = None,
    segmentation: str = "sentence",
    abbreviations: dict[str, tuple[str, ...]] | Iterable[str] | None = None,
) -> Document:
    """Read and segment an article. ``lang=None`` guesses it from the script."""
    if path.suffix.lower() not in TEXT_SUFFIXES:
        raise InputError(
            f"unsupported document format '{path.suffix}' (supported: .txt)", path=path
        )
    article = read_article(path, encoding)
    language = lang or guess_language(article.text)
    if isinstance(abbreviations, dict):
        extra = abbreviations.get(language, ())
    else:
        extra = tuple(abbreviations or ())
    document = parse_text(
        article.text,
        language,
        path=path,
        bom=article.bom,
        segmentation=segmentation,
        abbreviations=extra,
    )
    return replace(document, lang=language)
