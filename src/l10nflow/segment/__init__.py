"""Sentence segmentation of Arabic and English blocks, and a script-based language guess.

Public API: :func:`split_sentences` cuts the text of one document block into sentence
spans; :func:`guess_language` and :func:`language_shares` say which script dominates a
text. The shared engine is :mod:`l10nflow.segment.engine`, the language rules are
:mod:`l10nflow.segment.ar` and :mod:`l10nflow.segment.en`, and their word lists are the
package data in ``l10nflow/segment/data/``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from functools import lru_cache
from typing import Literal

from l10nflow.segment import ar, en, engine
from l10nflow.segment.language import guess_language, language_shares

__all__ = ["SUPPORTED_LANGUAGES", "guess_language", "language_shares", "split_sentences"]

SUPPORTED_LANGUAGES = ("ar", "en")

_LANGUAGES: dict[str, Callable[[], engine.LanguageRules]] = {"ar": ar.rules, "en": en.rules}


def split_sentences(
    text: str,
    lang: str,
    *,
    abbreviations: Iterable[str] = (),
    mode: Literal["sentence", "paragraph"] = "sentence",
) -> list[tuple[int, int]]:
    """Ordered ``(start, end)`` spans of the sentences in ``text``, one block of a document.

    Spans never overlap, are never empty, start and end on a non-whitespace character, and
    only whitespace lies outside them; whitespace-only text gives ``[]``. ``lang`` is "ar"
    or "en"; ``abbreviations`` (e.g. from the project file) extend the language's list as
    abbreviations that end a sentence only before a sentence starter. ``mode="paragraph"``
    gives the whole stripped block as one span. Raises ValueError for another ``lang`` or
    ``mode``.
    """
    extra = (abbreviations,) if isinstance(abbreviations, str) else tuple(abbreviations or ())
    rules = _rules(lang, frozenset(extra))
    if mode == "sentence":
        return engine.split(text, rules)
    if mode == "paragraph":
        return _whole(text)
    raise ValueError(f"unknown segmentation mode {mode!r} (expected 'sentence' or 'paragraph')")


def _whole(text: str) -> list[tuple[int, int]]:
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    return [(start, end)] if start < end else []


@lru_cache(maxsize=64)
def _rules(lang: str, extra: frozenset[str]) -> engine.LanguageRules:
    if lang not in _LANGUAGES:
        supported = ", ".join(SUPPORTED_LANGUAGES)
        raise ValueError(f"unsupported language {lang!r} for segmentation (supported: {supported})")
    base = _LANGUAGES[lang]()
    merged = base.abbreviations.with_general(extra)
    if merged is base.abbreviations:
        return base
    return replace(base, abbreviations=merged)
