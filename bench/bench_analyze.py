"""Benchmark of ``l10nflow analyze`` on an archive of seed-sized articles.

Builds a project of N articles (1,000 by default) made from the seed article with
seeded variations: numbers and names changed in some sentences (fuzzy matches), whole
sentences kept (repetitions across the archive), a paragraph of shuffled seed words
in each (new). Every article is extracted; the catalogs of the first ``--reviewed``
articles are marked reviewed, so the translation memory has units to match. Then it
times ``l10nflow analyze --json`` as a fresh process twice: cold (the memory is built
from the PO files) and warm (the memory is up to date). Setup is not timed.

Run: ``.venv/bin/python bench/bench_analyze.py [--articles 1000] [--reviewed 50]``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from l10nflow import __version__

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "examples/partnership/articles/qatar-wv-partnership.txt"
PLACES = ["قطر", "الكويت", "الأردن", "عمان", "البحرين", "تونس", "المغرب"]
YEARS = [str(year) for year in range(2010, 2026)]


def article(seed_text: str, number: int, words: list[str]) -> str:
    """The seed article varied by ``number`` (deterministic)."""
    rng = random.Random(number)
    text = seed_text
    if rng.random() < 0.6:
        text = text.replace("قطر", rng.choice(PLACES))
    if rng.random() < 0.6:
        text = re.sub(r"\b20(1[0-9]|2[0-5])\b", lambda _: rng.choice(YEARS), text)
    blocks = text.rstrip("\n").split("\n\n")
    for index, block in enumerate(blocks):
        tokens = block.split(" ")
        if len(tokens) > 6 and rng.random() < 0.4:  # one word changed: a fuzzy match
            tokens[rng.randrange(len(tokens))] = rng.choice(words)
            blocks[index] = " ".join(tokens)
    blocks.append(" ".join(rng.sample(words, 18)) + ".")  # a new sentence
    return "\n\n".join(blocks) + "\n"


def build(root: Path, articles: int, reviewed: int) -> None:
    """The benchmark project: articles, extracted catalogs, some of them reviewed."""
    from l10nflow.extract import extract
    from l10nflow.pofile import read_po, write_po
    from l10nflow.project import Project

    seed_text = SEED.read_text(encoding="utf-8")
    words = sorted(set(re.findall(r"[\u0621-\u064a]{3,}", seed_text)))
    (root / "articles").mkdir(parents=True)
    for number in range(articles):
        path = root / "articles" / f"article-{number:05d}.txt"
        path.write_text(article(seed_text, number, words), encoding="utf-8")
    (root / "l10nflow.toml").write_text(
        'source_language = "ar"\ntarget_languages = ["en"]\ndocuments = ["articles/*.txt"]\n',
        encoding="utf-8",
    )
    project = Project.discover(root)
    extract(project)
    for number in range(reviewed):
        po = root / "locales/en/LC_MESSAGES" / f"article-{number:05d}.po"
        catalog = read_po(po)
        for entry in catalog:
            entry.msgstr = f"EN {entry.msgid}"
        write_po(catalog, po)


def timed_run(root: Path) -> tuple[float, float, dict]:
    """Wall and CPU seconds of one fresh ``l10nflow analyze --json`` process, and its report.

    CPU time (user + system of the child) varies less than wall time on a shared machine.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "l10nflow", "analyze", "--json"],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu, json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000, help="articles in the archive")
    parser.add_argument("--reviewed", type=int, default=50, help="articles fully reviewed")
    parser.add_argument("--keep", type=Path, help="build the project here and keep it")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-analyze-"))
    root = folder / "project"
    if root.exists():
        shutil.rmtree(root)
    try:
        start = time.perf_counter()
        build(root, args.articles, args.reviewed)
        setup = time.perf_counter() - start
        cold, cold_cpu, report = timed_run(root)
        warm, warm_cpu, _ = timed_run(root)
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    total = report["total"]
    print(
        f"l10nflow {__version__} analyze, Python {platform.python_version()}: "
        f"{args.articles} articles ({args.reviewed} reviewed), "
        f"{total['segments']['total']:,} segments, {total['words']['total']:,} words, "
        f"{report['memory_units']:,} memory units (setup {setup:.1f} s, not timed)"
    )
    print(
        f"  cold (memory built from the PO files): {cold:.2f} s ({cold_cpu:.2f} s CPU); "
        f"warm: {warm:.2f} s ({warm_cpu:.2f} s CPU, "
        f"{total['segments']['total'] / warm:,.0f} segments/s)"
    )
    bands = ", ".join(f"{band} {total['words'][band]:,}" for band in report["bands"])
    print(f"  words per band: {bands}")


if __name__ == "__main__":
    main()
