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

import re
from collections import Counter, defaultdict
from collections.abc import Collection

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from l10nflow.textnorm import normalize

__all__ = ["DEFAULT_THRESHOLD", "FuzzyIndex", "key_similarity", "match_key", "similarity"]

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


# Candidate filter of FuzzyIndex: postings read per lookup, words always read, keys scored.
_POSTINGS_BUDGET = 5_000
_MIN_WORDS = 3
_MAX_SCORED = 200
_WORD = re.compile(r"\w+")


class FuzzyIndex:
    """Match keys and an inverted index of their words: fuzzy lookups without a full scan.

    A lookup reads the postings of the query's rarest words (at least three, then
    more while they fit; 5,000 postings in all), so its cost is bounded whatever the
    number of keys; it keeps the keys whose length allows the
    threshold (``min/max`` length ≥ threshold is necessary), ranks them by shared
    words and scores the best 200. With at most 200 keys every key is scored.
    """

    def __init__(self, keys: list[str]) -> None:
        self.keys = keys
        self.lengths = [len(key) for key in keys]
        postings: defaultdict[str, list[int]] = defaultdict(list)
        for number, key in enumerate(keys):
            for word in set(_WORD.findall(key)):
                postings[word].append(number)
        self.postings = dict(postings)

    def candidates(self, key: str, threshold: float) -> list[int]:
        """Keys worth scoring: they share the query's rarer words and have a fitting length."""
        low = threshold * len(key) - 1e-9  # similarity ≤ min(length) / max(length)
        high = len(key) / threshold + 1e-9 if threshold > 0 else float("inf")
        lengths = self.lengths
        if len(self.keys) <= _MAX_SCORED:
            return [n for n, length in enumerate(lengths) if low <= length <= high]
        postings = self.postings
        words = sorted(
            (w for w in set(_WORD.findall(key)) if w in postings),
            key=lambda w: (len(postings[w]), w),
        )
        shared: Counter[int] = Counter()
        read = 0
        for number, word in enumerate(words):
            found = postings[word]
            if number >= _MIN_WORDS and read + len(found) > _POSTINGS_BUDGET:
                break
            found = found[: _POSTINGS_BUDGET - read]  # common words cost no more than the budget
            if not found:
                break
            shared.update(found)
            read += len(found)
        chosen = []
        for number, _ in shared.most_common():
            if low <= lengths[number] <= high:
                chosen.append(number)
                if len(chosen) == _MAX_SCORED:
                    break
        return chosen

    def search(self, key: str, threshold: float) -> list[tuple[str, float]]:
        """(key, score) of candidates scoring ≥ ``threshold``, best first, ``key`` excluded."""
        return [
            (self.keys[number], score)
            for number, score in self.scored(key, threshold)
            if self.keys[number] != key
        ]

    def scored(
        self, key: str, threshold: float, skip: Collection[int] = ()
    ) -> list[tuple[int, float]]:
        """(key number, score) of candidates scoring ≥ ``threshold``, best first, then first
        indexed; numbers in ``skip`` are left out."""
        numbers = [n for n in self.candidates(key, threshold) if n not in skip]
        found = process.extract(
            key,
            [self.keys[n] for n in numbers],
            scorer=Levenshtein.normalized_similarity,
            score_cutoff=threshold,
            limit=None,
        )
        ranked = sorted(((numbers[i], score) for _, score, i in found), key=lambda x: (-x[1], x[0]))
        return ranked
