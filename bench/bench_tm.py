"""Benchmark of the translation memory's fuzzy lookup at 100,000 units.

Builds a memory of N synthetic ar→en units (seeded: Arabic-like sources and
English-like targets of 8–30 words drawn from Zipf-distributed vocabularies, so
that common words are as common as in real text), then runs Q fuzzy lookups:
most are near copies of stored sources (words replaced, dropped, inserted, a
clitic ``و`` added, tashkeel added), the rest fresh sentences. It prints the
build time, the time per lookup, and compares a subset of the lookups with a
naive full scan (every stored key scored, in Python and with rapidfuzz's C
loop): the speed-up of the candidate filter and its recall (how often the
filtered lookup finds the full scan's best match). Run:
``.venv/bin/python bench/bench_tm.py`` (``--help`` for sizes).
"""

from __future__ import annotations

import argparse
import itertools
import platform
import random
import statistics
import tempfile
import time
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from l10nflow import __version__
from l10nflow.tm import DEFAULT_THRESHOLD, TMUnit, TranslationMemory, match_key
from l10nflow.tm.similarity import key_similarity

ARABIC_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
ARABIC_PREFIXES = ["", "", "", "ال", "و", "وال", "ب", "بال", "لل"]
LATIN_ONSETS = ["b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w"]
LATIN_VOWELS = ["a", "e", "i", "o", "u", "ai", "ou"]
TASHKEEL = "\u064e\u064f\u0650\u0652"


class Language:
    """A synthetic vocabulary with Zipf-distributed word frequencies."""

    def __init__(self, words: list[str], rng: random.Random) -> None:
        self.words = words
        self.rng = rng
        self.weights = list(itertools.accumulate(1.0 / rank for rank in range(1, len(words) + 1)))

    def sentence(self, low: int = 8, high: int = 30) -> list[str]:
        count = self.rng.randint(low, high)
        return self.rng.choices(self.words, cum_weights=self.weights, k=count)


def shuffled(words: set[str], rng: random.Random) -> list[str]:
    """The words in a seeded random order (sorted first: set order varies between runs)."""
    ordered = sorted(words)
    rng.shuffle(ordered)
    return ordered


def arabic_words(rng: random.Random, count: int) -> list[str]:
    words: set[str] = set()
    while len(words) < count:
        stem = "".join(rng.choices(ARABIC_LETTERS, k=rng.randint(2, 6)))
        words.add(rng.choice(ARABIC_PREFIXES) + stem)
    return shuffled(words, rng)


def latin_words(rng: random.Random, count: int) -> list[str]:
    words: set[str] = set()
    while len(words) < count:
        syllables = rng.randint(1, 4)
        words.add(
            "".join(rng.choice(LATIN_ONSETS) + rng.choice(LATIN_VOWELS) for _ in range(syllables))
        )
    return shuffled(words, rng)


def perturb(words: list[str], language: Language, rng: random.Random) -> list[str]:
    """A near copy: one to three word edits, and sometimes a clitic or tashkeel."""
    words = list(words)
    for _ in range(rng.randint(1, 3)):
        position = rng.randrange(len(words))
        kind = rng.choice(["replace", "drop", "insert", "clitic", "tashkeel"])
        if kind == "replace":
            words[position] = rng.choice(language.words)
        elif kind == "drop" and len(words) > 2:
            del words[position]
        elif kind == "insert":
            words.insert(position, rng.choice(language.words))
        elif kind == "clitic":
            words[position] = "و" + words[position]
        else:
            words[position] = words[position][0] + rng.choice(TASHKEEL) + words[position][1:]
    return words


def build_units(count: int, seed: int) -> tuple[list[TMUnit], Language]:
    rng = random.Random(seed)
    arabic = Language(arabic_words(rng, 30_000), rng)
    english = Language(latin_words(rng, 30_000), rng)
    units = [
        TMUnit("ar", "en", " ".join(arabic.sentence()), " ".join(english.sentence()), "bench")
        for _ in range(count)
    ]
    return units, arabic


def queries(units: list[TMUnit], arabic: Language, count: int, seed: int) -> list[str]:
    rng = random.Random(seed + 1)
    near = int(count * 0.8)
    found = [" ".join(perturb(rng.choice(units).source.split(), arabic, rng)) for _ in range(near)]
    return found + [" ".join(arabic.sentence()) for _ in range(count - near)]


def naive_python(query: str, keys: list[str], threshold: float) -> list[tuple[str, float]]:
    """Every key scored in a Python loop: what a lookup without a filter does."""
    scored = ((key, key_similarity(query, key, cutoff=threshold)) for key in keys)
    found = sorted(((k, s) for k, s in scored if s and k != query), key=lambda x: -x[1])
    return found[:3]


def naive_rapidfuzz(query: str, keys: list[str], threshold: float) -> list[tuple[str, float]]:
    """Every key scored in rapidfuzz's C loop: the fastest full scan."""
    scored = process.extract(
        query, keys, scorer=Levenshtein.normalized_similarity, score_cutoff=threshold, limit=4
    )
    return [(key, score) for key, score, _ in scored if key != query][:3]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=100_000)
    parser.add_argument("--lookups", type=int, default=1_000)
    parser.add_argument("--naive", type=int, default=100, help="lookups also done by full scan")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    threshold = DEFAULT_THRESHOLD
    units, arabic = build_units(args.units, args.seed)
    texts = queries(units, arabic, args.lookups, args.seed)
    print(f"l10nflow {__version__} TM, Python {platform.python_version()}, {args.units:,} units")
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        memory = TranslationMemory.open(Path(folder) / "tm.sqlite")
        memory.add(units)
        stored = time.perf_counter() - start
        memory.close()
        size = (Path(folder) / "tm.sqlite").stat().st_size
        start = time.perf_counter()
        memory = TranslationMemory.open(Path(folder) / "tm.sqlite")
        opened = time.perf_counter() - start
        start = time.perf_counter()
        memory.fuzzy(texts[0], "ar", "en")
        indexed = time.perf_counter() - start
        times, results = [], []
        for text in texts:
            start = time.perf_counter()
            results.append(memory.fuzzy(text, "ar", "en", threshold=threshold))
            times.append(time.perf_counter() - start)
        keys = sorted({match_key(unit.source, "ar") for unit in memory.units("ar", "en")})
        memory.close()
    print(
        f"build: {stored:.2f} s to store ({size / 1e6:.0f} MB), "
        f"{opened * 1000:.0f} ms to reopen (quick check), "
        f"{indexed:.2f} s to index on the first fuzzy lookup"
    )
    per = statistics.mean(times)
    p95 = statistics.quantiles(times, n=20)[-1]
    hits = sum(1 for r in results if r)
    print(
        f"fuzzy: {len(texts):,} lookups, {per * 1000:.2f} ms each (p95 {p95 * 1000:.2f} ms), "
        f"{hits} with a match ≥ {threshold}"
    )
    subset = texts[: args.naive]
    for name, scan in (("Python loop", naive_python), ("rapidfuzz C loop", naive_rapidfuzz)):
        start = time.perf_counter()
        expected = [scan(match_key(t, "ar"), keys, threshold) for t in subset]
        naive = (time.perf_counter() - start) / len(subset)
        print(
            f"full scan ({name}): {naive * 1000:.1f} ms per lookup → filter is "
            f"{naive / per:,.0f}× faster"
        )
    agree = [
        bool(got) and abs(got[0].score - want[0][1]) < 1e-9
        for got, want in zip(results, expected, strict=False)
        if want
    ]
    print(
        f"recall: the filtered lookup found the full scan's best score in "
        f"{sum(agree)}/{len(agree)} lookups that have a match"
    )


if __name__ == "__main__":
    main()
