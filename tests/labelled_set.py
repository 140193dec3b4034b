"""The labelled set of PO entries (issue 17): precision and recall of ``check`` per kind.

``tests/glossary_cases/labelled/{ar-en,en-ar}.tsv`` hold hand-written news
sentences and translations, one per line: the kind of case, the findings a
reviewer expects (codes joined by ``,``, ``-`` for none), the source, the
translation and, optionally, a translator comment. Each line becomes one
reviewed PO entry (``tags`` cases are entries of an HTML document); the real
``check`` runs over them with ``glossary.csv`` beside them, and its findings
of the content codes at ``warning`` or above are compared with the labels,
per entry and code.

    .venv/bin/python -m tests.labelled_set      # prints the per-kind tables

``heldout-{ar-en,en-ar}.tsv`` are 40 more lines written after the matcher was
tuned and scored once as they came: reported apart, asserted on by no test.
"""

from __future__ import annotations

import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import polib

from l10nflow.catalog import new_catalog
from l10nflow.check import run_checks
from l10nflow.check.findings import Severity
from l10nflow.glossary import Glossary
from l10nflow.pofile import write_po

HERE = Path(__file__).parent / "glossary_cases" / "labelled"
DIRECTIONS = ("ar-en", "en-ar")
CODES = ("glossary-missing", "glossary-forbidden", "numbers", "markup")


@dataclass(frozen=True)
class Case:
    direction: str
    line: int
    kind: str
    expected: Counter
    source: str
    target: str
    comment: str = ""


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    entries: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def add(self, other: Score) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn
        self.entries += other.entries
        self.misses += other.misses


def load_cases(direction: str, name: str = "") -> list[Case]:
    """The cases of ``{name}{direction}.tsv`` (``name="heldout-"``: the held-out lines)."""
    cases = []
    path = HERE / f"{name}{direction}.tsv"
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        kind, expect, source, target, *rest = line.split("\t")
        codes = Counter() if expect == "-" else Counter(expect.split(","))
        cases.append(Case(direction, number, kind, codes, source, target, *rest[:1]))
    return cases


def _catalog(root: Path, direction: str, cases: list[Case]) -> Path:
    source, target = direction.split("-")
    po = new_catalog(f"labelled-{direction}", source, target)
    for case in cases:
        entry = polib.POEntry(msgctxt=f"case {case.line}", msgid=case.source, msgstr=case.target)
        document = "doc.html" if case.kind == "tags" else "doc.txt"
        entry.occurrences = [(f"articles/{document}", str(case.line))]
        entry.tcomment = case.comment
        po.append(entry)
    path = root / "locales" / target / "LC_MESSAGES" / f"labelled-{direction}.po"
    write_po(po, path)
    return path


def evaluate(direction: str, name: str = "") -> dict[str, Score]:
    """Per kind (and ``all``): true and false positives, false negatives, for one direction."""
    cases = load_cases(direction, name)
    glossary = Glossary.load([HERE / "glossary.csv"])
    with tempfile.TemporaryDirectory() as folder:
        path = _catalog(Path(folder), direction, cases)
        lines = {entry.linenum: entry.msgctxt for entry in polib.pofile(str(path))}
        report = run_checks([path], glossary, select=CODES, jobs=1)
    found: dict[str, Counter] = {}
    for finding in report.findings:
        if finding.severity.rank >= Severity.WARNING.rank:
            found.setdefault(lines[finding.line], Counter())[finding.code] += 1
    scores: dict[str, Score] = {}
    for case in cases:
        got = found.get(f"case {case.line}", Counter())
        score = Score(
            tp=sum((got & case.expected).values()),
            fp=sum((got - case.expected).values()),
            fn=sum((case.expected - got).values()),
            entries=1,
        )
        if score.fp or score.fn:
            score.misses.append(
                f"{name}{direction}.tsv:{case.line}: expected {dict(case.expected)}, "
                f"got {dict(got)}"
            )
        scores.setdefault(case.kind, Score()).add(score)
        scores.setdefault("all", Score()).add(score)
    return scores


def table(name: str = "") -> str:
    rows = [
        f"{name or 'labelled'} set",
        "direction  kind        entries  TP  FP  FN  precision  recall",
    ]
    for direction in DIRECTIONS:
        scores = evaluate(direction, name)
        for kind in sorted(scores, key=lambda k: (k == "all", k)):
            s = scores[kind]
            rows.append(
                f"{direction:9}  {kind:10}  {s.entries:7}  {s.tp:2}  {s.fp:2}  {s.fn:2}"
                f"  {s.precision:9.3f}  {s.recall:6.3f}"
            )
        rows += [f"  miss {m}" for m in scores["all"].misses]
    return "\n".join(rows)


if __name__ == "__main__":
    sys.stdout.write(table() + "\n\n" + table("heldout-") + "\n")
