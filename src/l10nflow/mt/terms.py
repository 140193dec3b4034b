"""Term forcing inside beam or greedy search, for transformers' ``generate``.

Transformers 5 dropped constrained beam search, and a large ``sequence_bias``
makes the model repeat a term. This processor is stateless: each step it
reads a row's generated prefix and decides from it alone, so beams may be
reordered freely.

For every required term of the row's segment (a term is a list of
alternative token sequences, e.g. "special forces" / "Special forces"):

* already in the prefix: nothing to do;
* started (the prefix ends with the first k tokens of an alternative): the
  next token of that alternative is forced;
* not started: its first token is raised by a bias that grows with the
  length of the prefix, and end-of-sentence is blocked while terms are
  pending; near the length limit the first token is forced outright.

Forbidden sequences are blocked per row the way ``bad_words_ids`` does
(the last token is banned when the prefix ends with the rest).
"""

from __future__ import annotations

from collections.abc import Sequence

import torch
from transformers import LogitsProcessor

TokenSeq = tuple[int, ...]


class Term(tuple):
    """A required term as token sequences: ``(steered, accepted)``.

    Only the first tokens of ``steered`` sequences are raised; any sequence of
    ``accepted`` (a superset) completes the term once started.
    """

    def __new__(cls, steered: tuple[TokenSeq, ...], accepted: tuple[TokenSeq, ...]):
        return super().__new__(cls, (steered, tuple(dict.fromkeys(steered + accepted))))

    @property
    def steered(self) -> tuple[TokenSeq, ...]:
        return self[0]

    @property
    def accepted(self) -> tuple[TokenSeq, ...]:
        return self[1]


def _contains(haystack: list[int], needle: TokenSeq) -> bool:
    n = len(needle)
    return any(tuple(haystack[i : i + n]) == needle for i in range(len(haystack) - n + 1))


def _progress(prefix: list[int], alternative: TokenSeq) -> int:
    """k such that the prefix ends with the first k tokens of ``alternative`` (k < len)."""
    for k in range(min(len(alternative) - 1, len(prefix)), 0, -1):
        if tuple(prefix[-k:]) == alternative[:k]:
            return k
    return 0


class TermForcingProcessor(LogitsProcessor):
    """Makes each row's output contain its required terms and avoid its forbidden ones."""

    def __init__(
        self,
        terms_per_item: Sequence[Sequence[Term]],
        forbidden_per_item: Sequence[Sequence[TokenSeq]],
        *,
        rows_per_item: int,
        eos_token_id: int,
        max_length: int,
        start_length: int = 1,
        base_bias: float = 2.0,
        bias_per_step: float = 0.5,
    ):
        self.terms = [list(t) for t in terms_per_item]
        self.forbidden = [list(f) for f in forbidden_per_item]
        self.rows_per_item = rows_per_item
        self.eos = eos_token_id
        self.max_length = max_length
        self.start_length = start_length
        self.base_bias = base_bias
        self.bias_per_step = bias_per_step

    def __call__(self, input_ids: torch.LongTensor, scores: torch.FloatTensor) -> torch.FloatTensor:
        length = input_ids.shape[1]
        for row in range(input_ids.shape[0]):
            item = row // self.rows_per_item
            prefix = input_ids[row, self.start_length :].tolist()
            self._ban_forbidden(scores, row, prefix, self.forbidden[item])
            pending = [
                t for t in self.terms[item] if not any(_contains(prefix, a) for a in t.accepted)
            ]
            if not pending:
                continue
            forced = self._continuation(prefix, pending)
            if forced is not None:
                self._force(scores, row, forced)
                continue
            scores[row, self.eos] = -float("inf")
            remaining = self.max_length - length
            needed = sum(min(len(a) for a in term.steered) for term in pending)
            if remaining <= needed + 1:
                self._force(scores, row, pending[0].steered[0][0])
                continue
            bias = self.base_bias + self.bias_per_step * (length - self.start_length)
            for term in pending:
                for first in {alternative[0] for alternative in term.steered}:
                    scores[row, first] += bias
        return scores

    @staticmethod
    def _continuation(prefix: list[int], pending: list[Term]) -> int | None:
        best_k, best_token = 0, None
        for term in pending:
            for alternative in term.accepted:
                k = _progress(prefix, alternative)
                if k > best_k:
                    best_k, best_token = k, alternative[k]
        return best_token

    @staticmethod
    def _force(scores: torch.FloatTensor, row: int, token: int) -> None:
        keep = scores[row, token].clone()
        scores[row, :] = -float("inf")
        scores[row, token] = keep if torch.isfinite(keep) else 0.0

    @staticmethod
    def _ban_forbidden(scores, row: int, prefix: list[int], forbidden: list[TokenSeq]) -> None:
        for sequence in forbidden:
            head, last = sequence[:-1], sequence[-1]
            if not head or tuple(prefix[-len(head) :]) == head:
                scores[row, last] = -float("inf")
