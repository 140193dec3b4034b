"""Benchmark of the sentence segmenter on the seed article.

Splits the seed article into blocks on blank lines (as the document reader does) and
segments every block of N copies of the article (1,000 by default), then prints the
time taken and segments per second: the best of ``--repeat`` runs, so that a busy machine
disturbs the figure less. Run: ``.venv/bin/python bench/bench_segment.py``.

To compare with another commit side by side, run this script against that commit's
package: ``git worktree add /tmp/seg-base <commit>`` then
``PYTHONPATH=/tmp/seg-base/src .venv/bin/python bench/bench_segment.py``.
"""

from __future__ import annotations

import argparse
import platform
import re
import time
from pathlib import Path

from l10nflow import __version__
from l10nflow.segment import split_sentences

SEED = (
    Path(__file__).resolve().parent.parent
    / "examples/partnership/articles/qatar-wv-partnership.txt"
)


def blocks(text: str) -> list[str]:
    """The blank-line separated blocks of an article."""
    return [block for block in re.split(r"\n[ \t]*\n", text) if block.strip()]


def run(articles: int, lang: str, path: Path, repeat: int = 1) -> tuple[float, int, int]:
    """Segment ``articles`` copies of the article; (best seconds, blocks, segments)."""
    article = blocks(path.read_text(encoding="utf-8"))
    split_sentences(article[0], lang)  # load the word lists outside the timing
    best = float("inf")
    for _ in range(repeat):
        segments = 0
        start = time.perf_counter()
        for _ in range(articles):
            for block in article:
                segments += len(split_sentences(block, lang))
        best = min(best, time.perf_counter() - start)
    return best, articles * len(article), segments


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000, help="copies of the article")
    parser.add_argument("--lang", default="ar", help="segmentation language (default: ar)")
    parser.add_argument("--file", type=Path, default=SEED, help="article to segment")
    parser.add_argument("--repeat", type=int, default=5, help="runs; the best one is shown")
    args = parser.parse_args()
    seconds, block_count, segment_count = run(args.articles, args.lang, args.file, args.repeat)
    print(
        f"l10nflow {__version__} segmenter, Python {platform.python_version()}: "
        f"{args.articles} articles, {block_count} blocks, {segment_count} segments "
        f"in {seconds:.3f} s (best of {args.repeat}) ({segment_count / seconds:,.0f} segments/s, "
        f"{block_count / seconds:,.0f} blocks/s)"
    )


if __name__ == "__main__":
    main()
