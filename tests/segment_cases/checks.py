"""Helpers for the segmenter tests: the span contract, and numbered case tables."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import pytest

from l10nflow.segment import split_sentences

Case = tuple[str, str, Sequence[str]]  # (rule, text, expected segments)


def assert_valid_spans(text: str, spans: list[tuple[int, int]]) -> None:
    """The contract of split_sentences: ordered, non-empty, stripped, only whitespace outside."""
    position = 0
    for start, end in spans:
        assert position <= start < end <= len(text), (position, start, end)
        assert not text[start].isspace() and not text[end - 1].isspace(), (start, end)
        assert not text[position:start].strip(), text[position:start]
        position = end
    assert not text[position:].strip(), text[position:]


def segments(text: str, lang: str, **options) -> list[str]:
    """The segments of ``text`` as strings, after checking the span contract."""
    spans = split_sentences(text, lang, **options)
    assert_valid_spans(text, spans)
    return [text[start:end] for start, end in spans]


def numbered(cases: Sequence[Case]) -> list:
    """``pytest.param`` per case, with ids ``<rule>-<n>`` numbered within each rule."""
    seen: Counter[str] = Counter()
    params = []
    for rule, text, expected in cases:
        seen[rule] += 1
        params.append(pytest.param(text, list(expected), id=f"{rule}-{seen[rule]}"))
    return params
