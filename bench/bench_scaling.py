"""Do segment, extract and assemble stay linear? Time per segment from 10 k to 80 k segments.

Issue 13 asks that no input make these quadratic. For each size the script builds
articles of that many segments and times, in this process:

- ``segment``: a plain-text article, a Markdown article whose paragraphs are long and
  carry inline markup, and an HTML page whose inline tags cross sentence ends;
- ``extract``: a new catalog, then the same article fully rewritten (every segment
  changed a little, so each looks for the old translation it inherits);
- ``assemble``: the Markdown article with every segment translated.

It prints seconds and microseconds per segment, and the ratio of the largest to the
smallest per-segment time of each row (linear: close to 1; the target is within 1.5x).

    .venv/bin/python bench/bench_scaling.py                # 10k, 20k, 40k, 80k
    .venv/bin/python bench/bench_scaling.py --sizes 5000 10000
    .venv/bin/python bench/bench_scaling.py --repeat 3     # best of three per size
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from l10nflow.assemble import assemble_text
from l10nflow.document import read_document
from l10nflow.extract import extract
from l10nflow.pofile import read_po
from l10nflow.project import Project

WORDS = [
    "alpha",
    "bravo",
    "charlie",
    "delta",
    "echo",
    "foxtrot",
    "golf",
    "hotel",
    "india",
    "juliet",
    "kilo",
    "lima",
]


def sentence(n: int, variant: int = 0) -> str:
    words = [WORDS[(n * 7 + i * 3) % len(WORDS)] for i in range(8)]
    return f"Sentence {n} {' '.join(words)} {variant}."


def text_article(count: int, variant: int = 0) -> str:
    paragraphs = []
    for start in range(0, count, 5):
        paragraphs.append(" ".join(sentence(n, variant) for n in range(start, start + 5)))
    return "\n\n".join(paragraphs) + "\n"


def _paragraphs(count: int, mark) -> list[str]:
    """Paragraphs of 50 sentences, each sentence passed through ``mark(n, text)``."""
    return [
        " ".join(mark(n, sentence(n)) for n in range(start, min(start + 50, count)))
        for start in range(0, count, 50)
    ]


def _markdown_mark(n: int, text: str) -> str:
    """Bold across every tenth pair of sentences, a link inside one sentence in ten."""
    if n % 10 == 0:
        return f"**{text}"
    if n % 10 == 1:
        return f"{text}**"
    return text.replace("alpha", "[alpha](https://example.org/a)") if n % 10 == 5 else text


def _html_mark(n: int, text: str) -> str:
    """Every tenth pair of sentences inside one <b>."""
    return "<b>" + text if n % 10 == 0 else text + "</b>" if n % 10 == 1 else text


def markdown_article(count: int) -> str:
    """Paragraphs of 50 sentences with emphasis and links inside and across sentences."""
    return "# Title\n\n" + "\n\n".join(_paragraphs(count, _markdown_mark)) + "\n"


def html_article(count: int) -> str:
    """Paragraphs of 50 sentences; every tenth pair of sentences inside one <b>."""
    paragraphs = "\n".join(f"<p>{p}</p>" for p in _paragraphs(count, _html_mark))
    return "<html><body>\n" + paragraphs + "\n</body></html>\n"


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def measure(size: int, work: Path) -> dict[str, float]:
    folder = work / f"n{size}"
    articles = folder / "articles"
    articles.mkdir(parents=True)
    (folder / "l10nflow.toml").write_text(
        'source_language = "en"\ntarget_languages = ["ar"]\n'
        'documents = ["articles/*.txt", "articles/*.md"]\n',
        encoding="utf-8",
    )
    files = {
        "a.txt": text_article(size),
        "m.md": markdown_article(size),
        "h.html": html_article(size),
    }
    for name, text in files.items():
        (articles / name).write_text(text, encoding="utf-8")
    times: dict[str, float] = {}
    for name, label in (("a.txt", "segment text"), ("m.md", "segment markdown")):
        times[label] = timed(lambda n=name: read_document(articles / n, lang="en"))
    times["segment html"] = timed(lambda: read_document(articles / "h.html", lang="en"))
    project = Project.discover(folder)
    (articles / "h.html").unlink()
    times["extract new"] = timed(lambda: extract(project))
    # Translate every entry, then rewrite every sentence a little: each inherits its old version.
    for po_path in sorted((folder / "locales").glob("*/LC_MESSAGES/*.po")):
        catalog = read_po(po_path)
        for entry in catalog:
            entry.msgstr = "ترجمة " + entry.msgid
        catalog.save(str(po_path))
    (articles / "a.txt").write_text(text_article(size, variant=1), encoding="utf-8")
    times["extract rewritten"] = timed(lambda: extract(project, [articles / "a.txt"]))
    document = read_document(articles / "m.md", lang="en")
    catalog = read_po(folder / "locales/ar/LC_MESSAGES/m.po")
    times["assemble markdown"] = timed(lambda: assemble_text(document, catalog))
    shutil.rmtree(folder)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 20_000, 40_000, 80_000])
    parser.add_argument(
        "--repeat", type=int, default=1, help="runs per size; the best is kept (a busy machine)"
    )
    args = parser.parse_args()
    results: dict[int, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            runs = [measure(size, Path(tmp)) for _ in range(args.repeat)]
            results[size] = {step: min(run[step] for run in runs) for step in runs[0]}
            print(f"measured {size} segments", flush=True)
    rows = list(next(iter(results.values())))
    header = "".join(f"{size:>18,}" for size in args.sizes)
    print(f"\n{'step':<20}{header}   max/min µs per segment")
    for row in rows:
        per = [results[size][row] / size * 1e6 for size in args.sizes]
        cells = "".join(
            f"{results[size][row]:>8.2f}s {p:>6.1f}µs"
            for size, p in zip(args.sizes, per, strict=True)
        )
        print(f"{row:<20}{cells}   {max(per) / min(per):.2f}x")


if __name__ == "__main__":
    main()
