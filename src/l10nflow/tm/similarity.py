"""Similarity of source segments: the one definition the memory, lookups and checks share.

Two segments are compared on their *match keys*: the text normalised with the
rules of its language (:func:`l10nflow.textnorm.normalize`: Arabic tashkeel and
tatweel removed, alef forms, ``ى → ي``, ``ة → ه``, digits; English case and
typography folded) with runs of whitespace collapsed to one space.

The score is the normalised Levenshtein similarity of the two keys,
``1 - distance / max(len(a), len(b))``: the measure Translate Toolkit's
``pot2po`` uses for fuzzy matching (``translate.search.lshtein``), where 0.75 is
the usual threshold. Equal keys score 1.0 (an exact match); two empty keys
score 1.0, an empty key against a non-empty one 0.0. The edit distance comes
from rapidfuzz (C++, bit-parallel).
"""

from __future__ import annotations

from rapidfuzz.distance import Levenshtein

from l10nflow.textnorm import normalize

__all__ = ["DEFAULT_THRESHOLD", "key_similarity", "match_key", "similarity"]

DEFAULT_THRESHOLD = 0.75  # Translate Toolkit's pot2po default (75 %)


def match_key(text: str, lang: str) -> str:
    """``text`` normalised for matching in ``lang``, whitespace collapsed and trimmed."""
    return " ".join(normalize(text, lang).split())


def key_similarity(a: str, b: str, *, cutoff: float = 0.0) -> float:
    """The similarity (0..1) of two match keys; 0.0 when it would fall below ``cutoff``."""
    return Levenshtein.normalized_similarity(a, b, score_cutoff=cutoff)


def similarity(a: str, b: str, lang: str) -> float:
    """The similarity (0..1) of two segments of ``lang``, on their match keys."""
    return key_similarity(match_key(a, lang), match_key(b, lang))
