"""The golden sets of news text (``golden_<lang>.txt``): reading them and scoring a segmenter.

A case is ``@ <kind> <style> [hard]`` followed by its text, with ``⟂`` where a segment ends
and the next begins (see README.md). Scores are the share of cases segmented exactly and
the boundary precision, recall and F1 over all cases, a boundary being the offset in the
input where a segment after the first begins.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
MARK = "⟂"
_HEADER_KIND = re.compile(r"#   (\S+) (\d+) / (\d+)")

Segmenter = Callable[[str], Sequence[str]]


@dataclass(frozen=True)
class GoldenCase:
    """One case: where it is, what it is, its input and its expected segments."""

    line: int
    kind: str
    style: str
    hard: bool
    text: str
    expected: tuple[str, ...]

    @property
    def boundaries(self) -> frozenset[int]:
        return _boundaries(self.text, self.expected)


@dataclass(frozen=True)
class Score:
    """Exact-case accuracy and boundary precision / recall / F1 of one segmenter on one set."""

    cases: int
    exact: int
    true_positive: int
    predicted: int
    gold: int
    misses: tuple[tuple[GoldenCase, tuple[str, ...]], ...]

    @property
    def accuracy(self) -> float:
        return self.exact / self.cases if self.cases else 1.0

    @property
    def precision(self) -> float:
        return self.true_positive / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positive / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def summary(self) -> str:
        return (
            f"{self.exact}/{self.cases} exact ({self.accuracy:.1%}), "
            f"boundary P {self.precision:.3f} R {self.recall:.3f} F1 {self.f1:.3f}"
        )


def golden_path(lang: str) -> Path:
    return HERE / f"golden_{lang}.txt"


def read_golden(path: Path) -> list[GoldenCase]:
    """The cases of a golden file, in file order."""
    cases: list[GoldenCase] = []
    head: tuple[int, list[str]] | None = None
    body: list[str] = []

    def close() -> None:
        if head is None:
            return
        line, fields = head
        marked = "\n".join(body).strip("\n")
        pieces = tuple(piece.strip() for piece in marked.split(MARK))
        if not all(pieces):
            raise ValueError(f"{path.name}:{line}: empty segment around {MARK}")
        kind, style, *flags = fields
        if flags not in ([], ["hard"]):
            raise ValueError(f"{path.name}:{line}: unknown flags {flags}")
        text = marked.replace(MARK, "")
        cases.append(GoldenCase(line, kind, style, bool(flags), text, pieces))

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if raw.startswith("@ "):
            close()
            head, body = (number, raw[2:].split()), []
        elif head is not None:
            body.append(raw)
        elif raw.strip() and not raw.startswith("#"):
            raise ValueError(f"{path.name}:{number}: text before the first case")
    close()
    return cases


def header_counts(path: Path) -> dict[str, tuple[int, int]]:
    """The per-kind ``(cases, hard)`` counts the file's header declares."""
    counts = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.startswith("@ "):
            break
        match = _HEADER_KIND.fullmatch(raw)
        if match:
            counts[match.group(1)] = (int(match.group(2)), int(match.group(3)))
    return counts


def counts(cases: Iterable[GoldenCase]) -> dict[str, tuple[int, int]]:
    """The actual per-kind ``(cases, hard)`` counts."""
    total: Counter[str] = Counter()
    hard: Counter[str] = Counter()
    for case in cases:
        total[case.kind] += 1
        hard[case.kind] += case.hard
    return {kind: (total[kind], hard[kind]) for kind in total}


def score(cases: Sequence[GoldenCase], segment: Segmenter) -> Score:
    """How ``segment`` (text -> segment strings) does on ``cases``."""
    exact = true_positive = predicted = gold = 0
    misses = []
    for case in cases:
        got = tuple(part.strip() for part in segment(case.text) if part.strip())
        if got == case.expected:
            exact += 1
        else:
            misses.append((case, got))
        found = _boundaries(case.text, got)
        true_positive += len(found & case.boundaries)
        predicted += len(found)
        gold += len(case.boundaries)
    return Score(len(cases), exact, true_positive, predicted, gold, tuple(misses))


def _boundaries(text: str, segments: Sequence[str]) -> frozenset[int]:
    """Offsets in ``text`` where each segment after the first starts (found in order)."""
    found = set()
    position = 0
    for index, segment in enumerate(segments):
        at = text.find(segment, position)
        if at < 0:  # a tool that rewrote the text: match on its first word instead
            first = segment.split()[0] if segment.split() else segment
            at = text.find(first, position)
            if at < 0:
                continue
        if index:
            found.add(at)
        position = at + len(segment) if text.startswith(segment, at) else at + 1
    return frozenset(found)
