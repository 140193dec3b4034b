"""Sentence segmenters side by side on the golden sets of news text (issue 18).

Scores l10nflow's segmenter and the offline segmenters PyPI has on
``tests/segment_cases/golden_{ar,en}.txt`` (or the smaller ``holdout_*`` sets):
exact-case accuracy (every segment of a case right) and boundary precision / recall / F1.
Segmenters that need a model download (stanza, spaCy's trained pipelines, NLTK's punkt
data) are left out; those that are not installed are listed as skipped. They are
bench-only: ``.venv/bin/python -m pip install pysbd sentencex blingfire syntok spacy``.

Run: ``.venv/bin/python bench/bench_segment_compare.py [--lang ar en] [--tools …]
[--set golden|holdout] [--misses]``.
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # the golden sets and their scorer live in tests/segment_cases
    sys.path.insert(0, str(REPO))

from tests.segment_cases.golden import HERE, read_golden, score  # noqa: E402

Segment = Callable[[str], Sequence[str]]
Factory = Callable[[str], Segment]


def _l10nflow(lang: str) -> Segment:
    from l10nflow.segment import split_sentences

    return lambda text: [text[a:b] for a, b in split_sentences(text, lang)]


def _pysbd(lang: str) -> Segment:
    import pysbd

    segmenter = pysbd.Segmenter(language=lang, clean=False, char_span=True)
    return lambda text: [text[span.start : span.end] for span in segmenter.segment(text)]


def _sentencex(lang: str) -> Segment:
    from sentencex import segment

    return lambda text: list(segment(lang, text))


def _blingfire(lang: str) -> Segment:
    import blingfire

    def split(text: str) -> list[str]:
        _, offsets = blingfire.text_to_sentences_and_offsets(text)
        return [text[start:end] for start, end in offsets]

    return split


def _spacy(lang: str) -> Segment:
    import spacy

    nlp = spacy.blank(lang)
    nlp.add_pipe("sentencizer")
    return lambda text: [sentence.text for sentence in nlp(text).sents]


def _syntok(lang: str) -> Segment:
    if lang != "en":
        raise ValueError("English and other European languages only")
    import syntok.segmenter as segmenter

    def split(text: str) -> list[str]:
        spans = []
        for paragraph in segmenter.analyze(text):
            for sentence in paragraph:
                first, last = sentence[0], sentence[-1]
                spans.append(text[first.offset : last.offset + len(last.value)])
        return spans

    return split


TOOLS: dict[str, Factory] = {
    "l10nflow": _l10nflow,
    "pysbd": _pysbd,
    "sentencex": _sentencex,
    "blingfire": _blingfire,
    "spacy-sentencizer": _spacy,
    "syntok": _syntok,
}


def version(tool: str) -> str:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    name = {"spacy-sentencizer": "spacy"}.get(tool, tool)
    try:
        return installed(name)
    except PackageNotFoundError:
        return "?"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", nargs="+", default=["ar", "en"], choices=["ar", "en"])
    parser.add_argument("--tools", nargs="+", default=list(TOOLS), choices=list(TOOLS))
    parser.add_argument("--set", default="golden", choices=["golden", "holdout"], help="case set")
    parser.add_argument("--misses", action="store_true", help="print each tool's misses")
    args = parser.parse_args()
    print(f"Python {platform.python_version()}; cases: tests/segment_cases/{args.set}_*.txt")
    header = f"{'tool':<28} {'lang':<4} {'exact':>14} {'P':>6} {'R':>6} {'F1':>6} {'ms':>7}"
    print(header)
    print("-" * len(header))
    skipped = []
    for lang in args.lang:
        cases = read_golden(HERE / f"{args.set}_{lang}.txt")
        for tool in args.tools:
            try:
                segment = TOOLS[tool](lang)
            except (ImportError, ValueError, OSError) as error:
                skipped.append(f"{tool} ({lang}): {error}")
                continue
            start = time.perf_counter()
            result = score(cases, segment)
            elapsed = (time.perf_counter() - start) * 1000
            name = f"{tool} {version(tool)}"
            exact = f"{result.exact}/{result.cases} {result.accuracy:5.1%}"
            print(
                f"{name:<28} {lang:<4} {exact:>14} {result.precision:6.3f} "
                f"{result.recall:6.3f} {result.f1:6.3f} {elapsed:7.0f}"
            )
            if args.misses:
                for case, got in result.misses:
                    print(f"    line {case.line} {case.kind}: {list(case.expected)} -> {list(got)}")
    for line in skipped:
        print(f"skipped: {line}")


if __name__ == "__main__":
    main()
