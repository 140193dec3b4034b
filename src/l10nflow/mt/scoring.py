"""Scoring greedy outputs while they are decoded, without keeping per-step score rows.

Asking ``generate`` for ``output_scores`` keeps a vocabulary-sized row per step
and hypothesis (gigabytes for a batch of the real models). For greedy search a
logits processor placed last sees the final scores of each step; the token
greedy search picks is their arg-max, so its log-probability is
``max - logsumexp``. Rows that have ended (their last token is end-of-sentence
or padding) stop counting.
"""

from __future__ import annotations

import torch
from transformers import LogitsProcessor


class GreedyScoreRecorder(LogitsProcessor):
    """Accumulates each row's chosen-token log-probabilities (append it last)."""

    def __init__(self, rows: int, eos_token_id: int, pad_token_id: int):
        self.total = torch.zeros(rows, dtype=torch.float64)
        self.count = torch.zeros(rows, dtype=torch.long)
        self.stop = {eos_token_id, pad_token_id}
        self.pad = pad_token_id

    def __call__(self, input_ids: torch.LongTensor, scores: torch.FloatTensor) -> torch.FloatTensor:
        last = input_ids[:, -1]
        started = input_ids.shape[1] > 1
        alive = torch.ones_like(last, dtype=torch.bool)
        if started:
            for token in self.stop:
                alive &= last != token
        finite = scores.float()
        chosen = finite.max(dim=-1).values - torch.logsumexp(finite, dim=-1)
        self.total += torch.where(alive, chosen, 0.0).double().cpu()
        self.count += alive.long().cpu()
        return scores

    def means(self) -> list[float]:
        """Mean log-probability per row (end of sentence included)."""
        return (self.total / self.count.clamp(min=1)).tolist()
