"""MarianMT through HF transformers: load once, batch by tokens, decode cleanly.

Loads weights as safetensors only and never runs remote code. Segments are
sorted by length and grouped into batches by a token budget; each batch runs
under ``torch.inference_mode()``. Segments longer than the model's input limit
are split at clause boundaries (never silently truncated) and the run warns.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from l10nflow.errors import ModelError
from l10nflow.mt.base import Constraints, Hypothesis, RequiredTerm, TranslateOptions
from l10nflow.mt.folders import ModelLocation, require_files
from l10nflow.mt.marian_vocab import (
    MarianEngineBase,
    check_language_pair,
    dedupe,
    is_language_code,
    language_token_for,
)
from l10nflow.mt.postprocess import clean_output

if TYPE_CHECKING:
    from l10nflow.mt.terms import Term


def _quiet_transformers() -> None:
    """Silence what does not help a translator: sacremoses hints, load progress bars."""
    import transformers

    transformers.logging.set_verbosity_error()
    transformers.logging.disable_progress_bar()
    warnings.filterwarnings("ignore", message=".*sacremoses.*")
    logging.getLogger("transformers").setLevel(logging.ERROR)


_SCORING_ROWS = 8  # output rows scored per forward pass (bounds the logits tensor)


def load_tokenizer(folder: Path):
    """The Marian tokenizer of a model folder, quietly; :class:`ModelError` if unusable."""
    from transformers import MarianTokenizer

    _quiet_transformers()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return MarianTokenizer.from_pretrained(str(folder))
    except (OSError, ValueError, KeyError, RuntimeError, AssertionError) as error:
        raise ModelError(f"cannot load the tokenizer from {folder}: {error}") from None


def select_device(requested: str) -> str:
    """``auto`` picks CUDA when present; asking for CUDA without it is an error."""
    import torch

    if requested == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if requested == "cuda" and not torch.cuda.is_available():
        raise ModelError("--device cuda was asked for, but no CUDA device is available")
    if requested not in ("cpu", "cuda"):
        raise ModelError(f"unknown device '{requested}' (use auto, cpu or cuda)")
    return requested


class MarianEngine(MarianEngineBase):
    """A Marian model on transformers for one language pair."""

    name = "transformers"

    def __init__(
        self,
        location: ModelLocation,
        source_lang: str,
        target_lang: str,
        *,
        device: str = "auto",
        quantize: str = "none",
        threads: int | None = None,
    ):
        super().__init__(location.model_id, location.revision, source_lang, target_lang)
        import torch
        from transformers import MarianMTModel

        _quiet_transformers()
        require_files(location.folder)  # files present, model.safetensors whole
        if threads:
            torch.set_num_threads(threads)
        self.device = select_device(device)
        self.tokenizer = load_tokenizer(location.folder)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                model = MarianMTModel.from_pretrained(str(location.folder), use_safetensors=True)
        except (OSError, ValueError, KeyError, RuntimeError) as error:
            raise ModelError(f"cannot load model from {location.folder}: {error}") from None
        check_language_pair(self.tokenizer, source_lang, target_lang, location.folder)
        self.language_token = language_token_for(self.tokenizer, target_lang, location.folder)
        model.eval()
        if quantize == "int8":
            if self.device != "cpu":
                raise ModelError("--quantize int8 runs on the CPU only")
            with warnings.catch_warnings():  # torch's deprecation notice is not the user's concern
                warnings.simplefilter("ignore")
                model = torch.ao.quantization.quantize_dynamic(
                    model, {torch.nn.Linear}, dtype=torch.qint8
                )
            self.name = "transformers-int8"
            self.quantization = "int8"
        self.model = model.to(self.device)
        self.max_input_tokens = min(
            int(getattr(model.config, "max_position_embeddings", 512) or 512),
            int(self.tokenizer.model_max_length or 512),
        )
        self.special_ids = set(self.tokenizer.all_special_ids)

    # -- tokenisation -----------------------------------------------------------------

    def _prefixed(self, text: str) -> str:
        return f"{self.language_token} {text}" if self.language_token else text

    def encode_source(self, text: str) -> list[int]:
        """Token ids the model sees for ``text`` (language token and ``</s>`` included)."""
        return self.tokenizer(self._prefixed(text))["input_ids"]

    def target_ids(self, phrase: str) -> tuple[int, ...]:
        """Token ids of a phrase as it appears inside an output sentence (``▁`` prefixed)."""
        ids = self.tokenizer(text_target=phrase)["input_ids"]
        return tuple(i for i in ids if i not in self.special_ids)

    def decode(self, ids: Sequence[int]) -> str:
        pieces = [self.tokenizer.convert_ids_to_tokens(i) for i in ids if i not in self.special_ids]
        return clean_output("".join(p for p in pieces if not is_language_code(p)))

    # -- translation ------------------------------------------------------------------

    def _translate_pieces(
        self,
        texts: list[str],
        encoded: list[list[int]],
        options: TranslateOptions,
        constraints: list[Constraints],
    ) -> list[list[Hypothesis]]:
        order = sorted(range(len(encoded)), key=lambda i: -len(encoded[i]))
        results: list[list[Hypothesis]] = [[] for _ in encoded]
        budget = max(1, options.max_batch_tokens // max(1, options.num_beams))
        for batch in _batches(order, encoded, budget):
            outputs = self._generate(
                [encoded[i] for i in batch], options, [constraints[i] for i in batch]
            )
            for index, hypotheses in zip(batch, outputs, strict=True):
                results[index] = hypotheses
        return results

    def _generate(
        self, batch: list[list[int]], options: TranslateOptions, constraints: list[Constraints]
    ) -> list[list[Hypothesis]]:
        import torch
        from transformers import LogitsProcessorList

        from l10nflow.mt.terms import TermForcingProcessor

        pad = self.tokenizer.pad_token_id
        width = max(len(ids) for ids in batch)
        input_ids = torch.full((len(batch), width), pad, dtype=torch.long)
        attention = torch.zeros((len(batch), width), dtype=torch.long)
        for row, ids in enumerate(batch):
            input_ids[row, : len(ids)] = torch.tensor(ids)
            attention[row, : len(ids)] = 1
        beams = max(options.num_beams, 1)
        returned = min(options.num_hypotheses, beams)
        max_new = options.output_limit(width, self.max_input_tokens)
        processors = LogitsProcessorList()
        if any(constraints):
            processors.append(
                TermForcingProcessor(
                    [[term for t in c.required if (term := self._term(t))] for c in constraints],
                    [[self.target_ids(f) for f in c.forbidden if f] for c in constraints],
                    rows_per_item=beams,
                    eos_token_id=self.tokenizer.eos_token_id,
                    max_length=max_new + 1,
                )
            )
        recorder = None
        if beams == 1:
            from l10nflow.mt.scoring import GreedyScoreRecorder

            recorder = GreedyScoreRecorder(len(batch), self.tokenizer.eos_token_id, pad)
            processors.append(recorder)  # last: it must see the final scores
        with torch.inference_mode():
            output = self.model.generate(
                input_ids=input_ids.to(self.device),
                attention_mask=attention.to(self.device),
                num_beams=beams,
                num_return_sequences=returned,
                max_new_tokens=max_new,
                do_sample=False,
                logits_processor=processors,
            )
            if recorder is not None:
                scores = recorder.means()
            else:
                scores = self._scores(input_ids, attention, output, returned)
        self.stats.model_calls += 1
        self.stats.source_tokens += int(attention.sum())
        sequences = output.cpu()
        hypotheses: list[list[Hypothesis]] = []
        for item in range(len(batch)):
            rows = range(item * returned, (item + 1) * returned)
            found = [Hypothesis(self.decode(sequences[r].tolist()), scores[r]) for r in rows]
            self.stats.output_tokens += sum(int((sequences[r] != pad).sum()) for r in rows[:1])
            hypotheses.append(dedupe(sorted(found, key=lambda h: -h.score)))
        return hypotheses

    def _scores(self, input_ids, attention, sequences, per_item: int) -> list[float]:
        """Mean log-probability of each beam-search output's tokens (end of sentence included).

        One teacher-forced pass over the finished outputs, a few rows at a
        time: asking ``generate`` for ``output_scores`` would keep a
        vocabulary-sized row per step and beam (gigabytes for a batch of the
        real models). The decoder runs on a few rows at once, but the
        vocabulary projection one output at a time, so the largest tensor is
        one output's logits (18 MB for a 70-token output of the real models)
        rather than a batch's. The scores are the model's own, before term
        forcing. Greedy outputs are scored while decoded (:mod:`l10nflow.mt.scoring`).
        """
        import torch

        pad = self.tokenizer.pad_token_id
        sources = input_ids.repeat_interleave(per_item, dim=0).to(self.device)
        masks = attention.repeat_interleave(per_item, dim=0).to(self.device)
        targets = sequences[:, 1:]
        keep = targets != pad
        project = self.model.get_output_embeddings()
        bias = getattr(self.model, "final_logits_bias", None)
        values: list[float] = []
        for start in range(0, sequences.shape[0], _SCORING_ROWS):
            rows = slice(start, start + _SCORING_ROWS)
            hidden = self.model.base_model(
                input_ids=sources[rows],
                attention_mask=masks[rows],
                decoder_input_ids=sequences[rows, :-1],
            ).last_hidden_state
            for offset, states in enumerate(hidden):
                row = start + offset
                logits = project(states) if bias is None else project(states) + bias[0]
                chosen = torch.log_softmax(logits.float(), dim=-1).gather(
                    -1, targets[row].unsqueeze(-1)
                )
                kept = keep[row]
                total = (chosen.squeeze(-1) * kept).sum() / kept.sum().clamp(min=1)
                values.append(float(total))
        return values

    def _term(self, required: RequiredTerm) -> Term | None:
        """Token sequences of a required term; None when the model cannot spell any form."""
        from l10nflow.mt.terms import Term

        steered = tuple(self._alternatives(required.forms))
        if not steered:
            return None
        return Term(steered, tuple(self._alternatives(required.variants)))

    def _alternatives(self, forms: Sequence[str]) -> list[tuple[int, ...]]:
        """Token sequences of the forms the model can spell (none with ``<unk>`` pieces)."""
        unknown = self.tokenizer.unk_token_id
        alternatives: list[tuple[int, ...]] = []
        for form in forms:
            ids = tuple(self.tokenizer(text_target=form)["input_ids"])
            if unknown in ids:
                continue
            ids = tuple(i for i in ids if i not in self.special_ids)
            if ids and ids not in alternatives:
                alternatives.append(ids)
        return alternatives


def _batches(order: list[int], encoded: list[list[int]], budget: int) -> list[list[int]]:
    """Group indices (sorted longest first) so padded source tokens stay within the budget."""
    batches: list[list[int]] = []
    current: list[int] = []
    width = 0
    for index in order:
        length = len(encoded[index])
        new_width = max(width, length)
        if current and new_width * (len(current) + 1) > budget:
            batches.append(current)
            current, new_width = [], length
        current.append(index)
        width = new_width
    if current:
        batches.append(current)
    return batches
