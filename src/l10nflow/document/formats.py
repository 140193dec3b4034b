"""The document-format registry: one record per format, so a new format is one module plus
one registration here.

A :class:`DocumentFormat` says which file suffixes it reads, how its bytes are
decoded (:func:`~l10nflow.textio.read_article`, or HTML's own charset rules), how
the text becomes a :class:`~l10nflow.document.model.Document`, the inline markup its
segments carry (an :class:`~l10nflow.document.inline.InlineMarkup`: protection
around MT and restoration after it, the words without the markup, the check of a
translation's markup; plain text's is the identity), and how an assembled
document is screened as a whole. What the formats' inline markup shares (numbered
tags, their placement) is :mod:`l10nflow.document.inline`'s.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from l10nflow.document.inline import NO_MARKUP, InlineMarkup
from l10nflow.errors import InputError

if TYPE_CHECKING:
    from l10nflow.document.model import Document
    from l10nflow.textio import ArticleText


@dataclass(frozen=True)
class DocumentFormat:
    """How one document format is read, parsed, protected around MT and screened."""

    name: str  # "text", "markdown", "html": what Document.format holds
    suffixes: frozenset[str]
    module: str  # the module of parse (imported when a document of the format is read)
    parse_name: str  # its parse function: (text, lang, *, path, bom, segmentation, ...)
    inline_name: str | None = None  # the module's InlineMarkup (None: plain text, no markup)
    decode_name: str | None = None  # the module's decoder (path, encoding) -> ArticleText
    screen_name: str | None = None  # the module's whole-document screen (output, source, path)

    def _function(self, name: str) -> Callable:
        from importlib import import_module

        return getattr(import_module(self.module), name)

    @property
    def markup(self) -> bool:
        """Whether its segments carry inline markup."""
        return self.inline_name is not None

    @cached_property
    def inline(self) -> InlineMarkup:
        """The inline markup of its segments: protect, words, compare."""
        return self._function(self.inline_name) if self.inline_name else NO_MARKUP

    def decode(self, path: Path, encoding: str | None) -> ArticleText:
        """The decoded text of a file of this format."""
        if self.decode_name:
            return self._function(self.decode_name)(path, encoding)
        from l10nflow.textio import read_article

        return read_article(path, encoding)

    def parse(self, article: ArticleText, lang: str, **options) -> Document:
        """A document from decoded text (see each format's ``parse_*`` function)."""
        extra = {"encoding": article.encoding} if self.decode_name else {}
        return self._function(self.parse_name)(
            article.text, lang, bom=article.bom, **extra, **options
        )

    def screen(self, output: str, source: str, path: Path | None) -> None:
        """Refuse an assembled document that carries markup its source lacks."""
        if self.screen_name:
            self._function(self.screen_name)(output, source, path)


FORMATS: dict[str, DocumentFormat] = {}


def register(fmt: DocumentFormat) -> DocumentFormat:
    """Add a format to the registry (a later one with a known suffix takes it over)."""
    FORMATS[fmt.name] = fmt
    return fmt


PLAIN_TEXT = register(
    DocumentFormat(
        "text",
        frozenset({".txt", ".text", ""}),
        "l10nflow.document.text",
        "parse_text",
    )
)
register(
    DocumentFormat(
        "markdown",
        frozenset({".md", ".markdown"}),
        "l10nflow.document.markdown",
        "parse_markdown",
        inline_name="MARKUP",
        screen_name="screen_markdown",
    )
)
register(
    DocumentFormat(
        "html",
        frozenset({".html", ".htm"}),
        "l10nflow.document.html",
        "parse_html",
        inline_name="MARKUP",
        decode_name="decode_html",
        screen_name="screen_html",
    )
)


def _by_suffix(suffix: str) -> DocumentFormat | None:
    suffix = suffix.lower()
    return next((fmt for fmt in FORMATS.values() if suffix in fmt.suffixes), None)


def format_for(path: Path) -> DocumentFormat:
    """The format of a file, by its suffix; :class:`InputError` for an unsupported one."""
    fmt = _by_suffix(path.suffix)
    if fmt is not None:
        return fmt
    supported = ", ".join(sorted(s for f in FORMATS.values() for s in f.suffixes if s))
    raise InputError(
        f"unsupported document format '{path.suffix}' (supported: {supported})", path=path
    )


def document_suffixes() -> frozenset[str]:
    """Suffixes a project's document globs match (a suffix-less file is read only when named)."""
    return frozenset(s for fmt in FORMATS.values() for s in fmt.suffixes if s)


_LINE = re.compile(r":\d+$")


def format_of_reference(reference: str) -> DocumentFormat:
    """The format of the document a PO ``#:`` reference names (``path`` or ``path:line``),
    by its suffix; plain text for a suffix no format reads."""
    return _by_suffix(PurePath(_LINE.sub("", reference)).suffix) or PLAIN_TEXT
