"""Benchmark ``l10nflow check``: N catalogs × M entries against a T-term glossary.

Generates a seeded synthetic project in a temporary folder: a glossary CSV of
invented Arabic/English terms (some with second forms and forbidden forms) and
catalogs, half ar→en (``locales/en``) and half en→ar (``locales/ar``), whose
entries hold 10–25 words, two or three glossary terms (Arabic ones with
clitics, a third of them inflected: a dual, plural or accusative ending, or a
broken plural of the glossary's ``plural:ar`` column), numbers in both
scripts, brackets and the odd placeholder; 70 % of the entries are reviewed,
the rest fuzzy, and about one in ten carries an error (a missing term, a
changed number, a lost bracket). Then it times the
command in a fresh process, as CI runs it (one worker per CPU), and the
library call in this one with one job and with one per CPU, and prints the
cost per entry. ``--linearity`` also times a quarter and a half of the
catalogs. ``--repeat N`` runs the command N times and prints each run, the
median and the best (a shared machine's timings vary by a quarter or more).

    .venv/bin/python bench/bench_check.py [--catalogs 1000] [--entries 50]
        [--terms 1000] [--seed 1] [--linearity] [--repeat 1] [--no-library]
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import polib

from l10nflow.catalog import new_catalog
from l10nflow.catalog_entry import NoteKind
from l10nflow.check import format_report, run_checks
from l10nflow.check.parallel import available_cpus
from l10nflow.glossary import Glossary
from l10nflow.pofile import write_po

_AR_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
_EN_LETTERS = "abcdefghiklmnoprstuvwy"
_AR_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
_PROCLITICS = ("", "", "و", "ب", "ل", "وب")
_ENDINGS = ("ين", "ان", "ات", "ا")  # dual, plural and accusative endings the matcher reads


def _word(rng: random.Random, letters: str) -> str:
    return "".join(rng.choice(letters) for _ in range(rng.randint(3, 8)))


def make_terms(rng: random.Random, count: int) -> list[dict[str, str]]:
    rows = []
    for _ in range(count):
        words = rng.randint(1, 3)
        ar = " ".join(_word(rng, _AR_LETTERS) for _ in range(words))
        en = " ".join(_word(rng, _EN_LETTERS) for _ in range(words)).title()
        row = {"ar": "ال" + ar if rng.random() < 0.5 else ar, "en": en}
        if rng.random() < 0.2:
            row["en"] += "|" + en.lower() + " force"
        row["forbidden:en"] = _word(rng, _EN_LETTERS) + " " + en if rng.random() < 0.1 else ""
        row["plural:ar"] = _word(rng, _AR_LETTERS) if words == 1 and rng.random() < 0.3 else ""
        rows.append(row)
    return rows


def write_glossary(rows: list[dict[str, str]], path: Path) -> None:
    out = io.StringIO()
    writer = csv.DictWriter(out, ["ar", "en", "forbidden:en", "plural:ar"], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


class _Maker:
    """Source/translation pairs with terms, numbers and brackets, a few of them wrong."""

    def __init__(self, rng: random.Random, terms: list[dict[str, str]]):
        self.rng, self.terms = rng, terms
        self.ar_words = [_word(rng, _AR_LETTERS) for _ in range(5000)]
        self.en_words = [_word(rng, _EN_LETTERS) for _ in range(5000)]

    def inflected(self, term: dict[str, str]) -> str:
        """The Arabic term, a third of the time with an ending or as its broken plural."""
        if self.rng.random() >= 1 / 3:
            return term["ar"]
        if term.get("plural:ar"):
            return term["plural:ar"]
        return term["ar"] + self.rng.choice(_ENDINGS)

    def pair(self, source_lang: str) -> tuple[str, str]:
        rng = self.rng
        ar, en = [], []
        for _ in range(rng.randint(10, 25)):
            ar.append(rng.choice(self.ar_words))
            en.append(rng.choice(self.en_words))
        wrong = rng.random() < 0.1
        for term in rng.sample(self.terms, rng.randint(2, 3)):
            place = rng.randrange(len(ar))
            ar.insert(place, rng.choice(_PROCLITICS) + self.inflected(term))
            en.insert(place, term["en"].split("|")[0] if not wrong else "something")
            wrong = False
        number = str(rng.choice((96, 106, 2021, 12500)))
        ar.append(number.translate(_AR_DIGITS))
        en.append(number if rng.random() > 0.03 else number + "1")
        if rng.random() < 0.3:
            ar[0], en[0] = "(" + ar[0], "(" + en[0]
            ar[-1], en[-1] = ar[-1] + ")", en[-1] + ("" if rng.random() < 0.05 else ")")
        ar_text, en_text = " ".join(ar), " ".join(en) + "."
        return (ar_text, en_text) if source_lang == "ar" else (en_text, ar_text)


def make_project(root: Path, catalogs: int, entries: int, terms: int, seed: int) -> None:
    rng = random.Random(seed)
    rows = make_terms(rng, terms)
    write_glossary(rows, root / "terms.csv")
    (root / "l10nflow.toml").write_text('glossaries = ["terms.csv"]\n', encoding="utf-8")
    maker = _Maker(rng, rows)
    for number in range(catalogs):
        source, target = ("ar", "en") if number % 2 == 0 else ("en", "ar")
        catalog = new_catalog(f"doc{number:04}.txt", source, target)
        for _ in range(entries):
            msgid, msgstr = maker.pair(source)
            entry = polib.POEntry(msgid=msgid, msgstr=msgstr)
            if rng.random() < 0.3:
                entry.flags.append("fuzzy")
                entry.comment = NoteKind.MT.prefix + "bench"
            catalog.append(entry)
        path = root / "locales" / target / "LC_MESSAGES" / f"doc{number:04}.po"
        path.parent.mkdir(parents=True, exist_ok=True)
        write_po(catalog, path)


def _cpu() -> float:
    """CPU seconds of this process and of its waited-for children (workers included)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def time_command(root: Path) -> tuple[float, float, int]:
    """Wall and CPU seconds of ``l10nflow check --format json`` in a new process, exit code."""
    code = "import sys; from l10nflow.cli import main; sys.exit(main())"
    command = [sys.executable, "-c", code, "check", "--format", "json", "-o", "report.json"]
    start, cpu = time.perf_counter(), _cpu()
    done = subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)
    elapsed, cpu = time.perf_counter() - start, _cpu() - cpu
    if done.returncode not in (0, 1):
        raise SystemExit(f"check failed ({done.returncode}): {done.stderr}")
    return elapsed, cpu, done.returncode


def time_library(root: Path, paths: list[Path], jobs: int) -> tuple[float, float, int]:
    """Wall and CPU seconds of load + run_checks + JSON in this process, number of findings."""
    start, cpu = time.perf_counter(), _cpu()
    glossary = Glossary.load([root / "terms.csv"])
    report = run_checks(paths, glossary, jobs=jobs)
    format_report(report, "json")
    return time.perf_counter() - start, _cpu() - cpu, len(report.findings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--catalogs", type=int, default=1000)
    parser.add_argument("--entries", type=int, default=50)
    parser.add_argument("--terms", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--linearity", action="store_true", help="also time 1/4 and 1/2")
    parser.add_argument("--repeat", type=int, default=1, help="runs of the command")
    parser.add_argument("--no-library", action="store_true", help="time the command only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-check-") as folder:
        root = Path(folder)
        start = time.perf_counter()
        make_project(root, args.catalogs, args.entries, args.terms, args.seed)
        total = args.catalogs * args.entries
        print(
            f"generated {args.catalogs} catalogs x {args.entries} entries, "
            f"{args.terms} terms in {time.perf_counter() - start:.1f} s"
        )
        walls = []
        for _ in range(max(1, args.repeat)):
            elapsed, cpu, code = time_command(root)
            walls.append(elapsed)
            print(
                f"l10nflow check, new process, JSON report: {elapsed:.2f} s wall, {cpu:.2f} s "
                f"CPU, exit {code}; {1e6 * cpu / total:.0f} us CPU/entry"
            )
        if len(walls) > 1:
            print(
                f"command over {len(walls)} runs: median {statistics.median(walls):.2f} s, "
                f"best {min(walls):.2f} s, worst {max(walls):.2f} s (target: under 10 s)"
            )
        if args.no_library:
            return
        paths = sorted(root.glob("locales/*/LC_MESSAGES/*.po"))
        fractions = (0.25, 0.5, 1.0) if args.linearity else (1.0,)
        for fraction in fractions:
            chosen = paths[: max(1, round(len(paths) * fraction))]
            entries = len(chosen) * args.entries
            for jobs in (1, available_cpus()) if available_cpus() > 1 else (1,):
                elapsed, cpu, findings = time_library(root, chosen, jobs)
                print(
                    f"run_checks, {len(chosen)} catalogs ({entries} entries), {jobs} job(s): "
                    f"{elapsed:.2f} s wall, {cpu:.2f} s CPU, {findings} findings; "
                    f"{1e6 * cpu / entries:.0f} us CPU/entry"
                )


if __name__ == "__main__":
    main()
