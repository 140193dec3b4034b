"""Benchmark the glossary matcher: N terms × M segments, mixed Arabic and English.

Generates a seeded synthetic glossary (one- to four-word terms built from
invented Arabic and English words) and segments of 8–30 words in which about a
third of the words belong to terms, Arabic ones often with clitics and English
ones often plural or possessive. The other words come from a Zipf-distributed
vocabulary per language (``--vocabulary``, as in real text, where the matcher's
per-word caches hit), or with ``--vocabulary 0`` are all new (the worst case).
Prints the index build time, the matching time and the cost per segment.

    .venv/bin/python bench/bench_glossary_match.py [--terms 1000] [--segments 50000]
        [--vocabulary 30000] [--seed 1]
"""

from __future__ import annotations

import argparse
import itertools
import random
import time

from l10nflow.glossary import Glossary, GlossaryEntry

_AR_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
_EN_LETTERS = "abcdefghiklmnoprstuvwy"
_AR_PROCLITICS = ("", "", "و", "ب", "ل", "وب", "ف", "ك")
_AR_ENCLITICS = ("", "", "", "ه", "ها", "هم", "نا")
_EN_SUFFIXES = ("", "", "", "s", "'s")


def _word(rng: random.Random, letters: str) -> str:
    return "".join(rng.choice(letters) for _ in range(rng.randint(3, 8)))


def make_glossary(rng: random.Random, size: int) -> tuple[Glossary, list[GlossaryEntry]]:
    entries = []
    for _ in range(size):
        words = rng.randint(1, 4)
        arabic = " ".join(_word(rng, _AR_LETTERS) for _ in range(words))
        if rng.random() < 0.5:
            arabic = "ال" + arabic
        english = " ".join(_word(rng, _EN_LETTERS) for _ in range(words))
        entries.append(GlossaryEntry({"ar": (arabic,), "en": (english.title(),)}))
    return Glossary(entries), entries


def _arabic_term(rng: random.Random, entry: GlossaryEntry) -> str:
    words = entry.forms["ar"][0].split()
    words[0] = rng.choice(_AR_PROCLITICS) + words[0]
    if not words[-1].startswith("ال"):
        words[-1] += rng.choice(_AR_ENCLITICS)
    return " ".join(words)


def _english_term(rng: random.Random, entry: GlossaryEntry) -> str:
    words = entry.forms["en"][0].split()
    words[-1] += rng.choice(_EN_SUFFIXES)
    return " ".join(words)


class _Filler:
    """Words that are not terms: fresh each time, or drawn from a Zipf vocabulary."""

    def __init__(self, rng: random.Random, letters: str, size: int):
        self.rng, self.letters = rng, letters
        self.words = [_word(rng, letters) for _ in range(size)]
        self.weights = list(itertools.accumulate(1 / rank for rank in range(1, size + 1)))

    def __call__(self) -> str:
        if not self.words:
            return _word(self.rng, self.letters)
        return self.rng.choices(self.words, cum_weights=self.weights)[0]


def make_segments(
    rng: random.Random, entries: list[GlossaryEntry], count: int, vocabulary: int
) -> list[tuple[str, str]]:
    fillers = {
        "ar": _Filler(rng, _AR_LETTERS, vocabulary),
        "en": _Filler(rng, _EN_LETTERS, vocabulary),
    }
    segments = []
    for _ in range(count):
        lang = "ar" if rng.random() < 0.5 else "en"
        parts = []
        for _ in range(rng.randint(8, 30)):
            if rng.random() < 0.12:
                entry = rng.choice(entries)
                term = _arabic_term if lang == "ar" else _english_term
                parts.append(term(rng, entry))
            else:
                parts.append(fillers[lang]())
        segments.append((lang, " ".join(parts) + "."))
    return segments


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, default=1000)
    parser.add_argument("--segments", type=int, default=50_000)
    parser.add_argument("--vocabulary", type=int, default=30_000, help="0: every word new")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    glossary, entries = make_glossary(rng, args.terms)
    segments = make_segments(rng, entries, args.segments, args.vocabulary)
    words = sum(len(text.split()) for _, text in segments)

    started = time.perf_counter()
    glossary.find_terms("", "ar")
    glossary.find_terms("", "en")
    built = time.perf_counter() - started

    started, cpu = time.perf_counter(), time.process_time()
    matches = sum(len(glossary.find_terms(text, lang)) for lang, text in segments)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu

    print(
        f"terms={args.terms} segments={args.segments} words={words} "
        f"vocabulary={args.vocabulary or 'all new'} seed={args.seed}"
    )
    print(f"index build: {built * 1000:.1f} ms (ar + en)")
    print(
        f"matching:    {elapsed:.2f} s, {elapsed / args.segments * 1e6:.1f} µs/segment, "
        f"{words / elapsed:,.0f} words/s (CPU time {cpu:.2f} s)"
    )
    print(f"matches:     {matches} ({matches / args.segments:.2f} per segment)")


if __name__ == "__main__":
    main()
