"""The CTranslate2 engine (the default when installed): a Marian model converted for it.

Tokenises with SentencePiece directly (:class:`~l10nflow.mt.marian_vocab.MarianVocab`,
``>>ara<<`` for en->ar) and never imports torch or transformers to translate, so no torch
thread pool competes with CTranslate2's. One call sorts and batches the segments by a token
budget; segments longer than the model's input are split at clauses, as with transformers.

Scores: with ``length_penalty=1`` CTranslate2 returns the sum of the token log-probabilities
(end token included) divided by their number, the mean per-token log-probability the
transformers engine reports. A hypothesis decoded after a target prefix is rescored over the
whole sentence with ``score_batch``, since CTranslate2 leaves the prefix out of its score.

Glossary constraints (CTranslate2 has no terminology API), per segment, at the token level
the transformers term forcer uses:

1. decode the segment plainly; keep the output if it holds every required term (a form or a
   clitic variant) and no forbidden form;
2. splice, only where that is clean: exactly one required term is missing and the output holds
   exactly one forbidden form (the glossary's wrong rendering). The output up to that form,
   followed by a spelling of the term (a form or a clitic variant), becomes a
   ``target_prefix``; CTranslate2 completes it with the forbidden forms suppressed
   (``suppress_sequences``). A completion counts only if it goes on exactly as the plain output
   did after the wrong form (the term is a drop-in replacement); the best-scoring such spelling
   wins. A segment with forbidden forms only is decoded again with them suppressed;
3. anything else falls back to the transformers engine's term forcing, on the Marian folder
   the model was converted from (``source_folder`` in ``l10nflow-model.json``), loaded on the
   first such segment only, which loads torch and transformers: the run summary warns once
   when it happens (``fallback_segments`` counts the segments). If that folder is unusable a
   warning says so and the plain output stands; enforcement then reports the term missing.
   Segments without constraints, and those the steps 1-2 settle, never load torch.

A Marian (transformers) folder given to this engine is converted once, on first use, into a
cache beside it (:func:`~l10nflow.mt.models.ensure_converted`, called by ``create_engine``).
"""

from __future__ import annotations

import ctypes
import math
import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import NamedTuple

from l10nflow.errors import ModelError
from l10nflow.mt.base import Constraints, Engine, Hypothesis, RequiredTerm, TranslateOptions
from l10nflow.mt.folders import ModelLocation, conversion_record, missing_ct2_files
from l10nflow.mt.marian_vocab import (
    DEFAULT_MAX_INPUT,
    MarianEngineBase,
    MarianVocab,
    check_language_pair,
    dedupe,
    language_token_for,
)

FAST_EXTRA = "the ctranslate2 engine needs the optional extra: pip install 'l10nflow[fast]'"
MAX_THREADS = 16  # threads for one small Marian model stop paying off beyond this
MAX_WORKERS = 4  # CPU: sub-batches decoded side by side (CTranslate2's inter_threads)
# CPU sub-batches: at most this many source tokens × beams, and this many hypotheses (segments
# × beams). While it is decoded a hypothesis holds a few vocabulary-wide buffers (~1.2 MB at
# opus-mt size) and its key/value caches (~24 KB per source or output token), and each worker
# decodes its own sub-batch at the same time. 32 hypotheses is also a worker's best throughput
# (opus-mt size, 2 cores: 16 were 18 % slower, 64 were 17 % slower); 240 short segments at beam
# 4 peaked at 446 MB under the token budget alone, at 212 MB (and 18 % faster) with the cap.
CPU_BATCH_TOKENS = 1024
CPU_BATCH_ROWS = 32
CPU_SCORE_TOKENS = 128  # CPU: output tokens per scoring sub-batch (~0.45 MB of buffers each)

Tokens = tuple[str, ...]


def import_ctranslate2():
    """The ``ctranslate2`` module, or :class:`ModelError` naming the extra to install."""
    try:
        import ctranslate2
    except ImportError:
        raise ModelError(FAST_EXTRA) from None
    return ctranslate2


def default_threads(limit: int = MAX_THREADS) -> int:
    """Physical cores this process may use (hyper-thread siblings once, cgroup quota), capped."""
    try:
        cpus = sorted(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = list(range(os.cpu_count() or 1))
    cores = len({_core_of(cpu) for cpu in cpus})
    return max(1, min(cores, _cgroup_cpus() or cores, limit))


def _core_of(cpu: int) -> str:
    path = Path(f"/sys/devices/system/cpu/cpu{cpu}/topology/thread_siblings_list")
    try:
        return path.read_text(encoding="ascii").strip()
    except OSError:
        return str(cpu)


def _cgroup_cpus() -> int | None:
    """A container's CPU quota (cgroup v2), rounded up; None when unlimited or unknown."""
    try:
        quota, period = Path("/sys/fs/cgroup/cpu.max").read_text(encoding="ascii").split()[:2]
        return None if quota == "max" else max(1, math.ceil(int(quota) / int(period)))
    except (OSError, ValueError):
        return None


def cpu_layout(threads: int) -> tuple[int, int]:
    """``(workers, threads per worker)`` that share ``threads`` CPU cores.

    The matrices of one Marian batch are too small to keep many threads busy, so on the CPU
    several workers each decode their own sub-batch: on 2 cores two single-threaded workers
    gave 1.3-2x the tokens/s of one two-threaded worker at greedy, 1.1-1.7x at beam 4.
    """
    threads = max(1, threads)
    per_worker = -(-threads // MAX_WORKERS)
    return threads // per_worker, per_worker


def sub_batches(lengths: Sequence[int], budget: int, rows: int | None = None) -> list[list[int]]:
    """Indices of ``lengths`` in sub-batches, longest segments first: each holds at most
    ``budget`` tokens once padded to its longest, and at most ``rows`` segments (at least one)."""
    order = sorted(range(len(lengths)), key=lambda i: -lengths[i])
    groups: list[list[int]] = []
    for index in order:
        group = groups[-1] if groups else None
        if (
            group is not None
            and (len(group) + 1) * lengths[group[0]] <= budget
            and (rows is None or len(group) < rows)
        ):
            group.append(index)
        else:
            groups.append([index])
    return groups


def release_free_memory() -> None:
    """Hand the C heap's free pages back to the system (glibc's ``malloc_trim``; nothing
    elsewhere). Loading a model leaves its read buffers free but resident, ~35 MB at opus-mt
    size, under the decoder's buffers that come next: the peak RSS of a run drops by as much."""
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, TypeError, AttributeError):  # not glibc (macOS, musl, Windows)
        return
    trim(0)


def select_device(ctranslate2, requested: str) -> str:
    """``auto`` picks CUDA when CTranslate2 sees a device; asking for CUDA without one fails."""
    has_cuda = ctranslate2.get_cuda_device_count() > 0
    if requested == "auto":
        return "cuda" if has_cuda else "cpu"
    if requested == "cuda" and not has_cuda:
        raise ModelError("--device cuda was asked for, but no CUDA device is available")
    if requested not in ("cpu", "cuda"):
        raise ModelError(f"unknown device '{requested}' (use auto, cpu or cuda)")
    return requested


def compute_type(ctranslate2, device: str, quantize: str, record: dict) -> str:
    """The converted model's own type (``--quantize int8`` asks for int8 at load time).

    A type the device cannot run (float16 on a CPU) is asked for as its float32 equivalent,
    which CTranslate2 would pick anyway, after a warning on stderr.
    """
    if quantize == "int8":
        return "int8"
    saved = str(record.get("quantization") or "default")
    supported = ctranslate2.get_supported_compute_types(device)
    for candidate in (saved, saved.replace("bfloat16", "float32").replace("float16", "float32")):
        if candidate in supported:
            return candidate
    return "default"


class Decoded(NamedTuple):
    """One output as tokens, with its length-normalised log-probability."""

    tokens: Tokens
    score: float


@dataclass(frozen=True)
class Targets:
    """A segment's constraints as target pieces: each term's spellings, the forbidden forms."""

    terms: tuple[tuple[Tokens, ...], ...]
    forbidden: tuple[Tokens, ...]

    def pending(self, tokens: Tokens) -> list[tuple[Tokens, ...]]:
        """The terms none of whose spellings ``tokens`` contain."""
        return [t for t in self.terms if not any(_find(tokens, spelling) for spelling in t)]

    def bad_regions(self, tokens: Tokens) -> list[tuple[int, int]]:
        """Where forbidden forms stand in ``tokens``: (start, end), overlapping ones merged."""
        spans = sorted((s, s + len(f)) for f in self.forbidden for s in _find(tokens, f))
        regions: list[tuple[int, int]] = []
        for start, end in spans:
            if regions and start < regions[-1][1]:
                regions[-1] = (regions[-1][0], max(end, regions[-1][1]))
            else:
                regions.append((start, end))
        return regions

    def satisfied(self, tokens: Tokens) -> bool:
        return not self.pending(tokens) and not self.bad_regions(tokens)

    def candidates(self, index: int, tokens: Tokens) -> list[Candidate]:
        """What to decode again for an output that fails (none when no clean way is known)."""
        pending, regions = self.pending(tokens), self.bad_regions(tokens)
        if not pending and regions:
            return [Candidate(index)]  # forbidden forms only: decode with them suppressed
        if len(pending) != 1 or len(regions) != 1:
            return []
        head, tail = tokens[: regions[0][0]], tokens[regions[0][1] :]
        return [Candidate(index, head + s, head + s + tail) for s in pending[0]]


def _find(tokens: Tokens, needle: Tokens) -> list[int]:
    """Start positions of ``needle`` in ``tokens``."""
    n = len(needle)
    return [i for i in range(len(tokens) - n + 1) if tokens[i : i + n] == needle]


@dataclass(frozen=True)
class Candidate:
    """A segment to decode again: after ``prefix``, the output must be exactly ``expected``."""

    index: int
    prefix: Tokens | None = None
    expected: Tokens | None = None


class CTranslate2Engine(MarianEngineBase):
    """A converted Marian model on CTranslate2 for one language pair."""

    name = "ctranslate2"

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
        ctranslate2 = import_ctranslate2()
        folder = location.folder
        _require_ct2_folder(folder)
        self.vocab = MarianVocab(folder)
        check_language_pair(self.vocab, source_lang, target_lang, folder)
        self.language_token = language_token_for(self.vocab, target_lang, folder)
        self.device = select_device(ctranslate2, device)
        self.threads = threads or default_threads()
        self.workers, per_worker = cpu_layout(self.threads) if self.device == "cpu" else (1, 0)
        record = conversion_record(folder)
        try:
            self.translator = ctranslate2.Translator(
                str(folder),
                device=self.device,
                compute_type=compute_type(ctranslate2, self.device, quantize, record),
                inter_threads=self.workers,
                intra_threads=per_worker,
            )
        except (RuntimeError, ValueError, OSError) as error:
            raise ModelError(f"cannot load the CTranslate2 model from {folder}: {error}") from None
        release_free_memory()
        self.compute_type = self.quantization = self.translator.compute_type
        if self.compute_type.startswith("int8"):
            self.name = "ctranslate2-int8"
        self.max_input_tokens = min(
            self.vocab.model_max_length,
            int(record.get("max_position_embeddings") or DEFAULT_MAX_INPUT),
        )
        source_folder = record.get("source_folder")
        self.source_folder = Path(source_folder) if isinstance(source_folder, str) else None
        self.fallback_segments = 0
        self._fallback: Engine | None = None
        self._fallback_tried = False

    def encode_source(self, text: str) -> list[str]:
        """Tokens the model reads for ``text`` (language token and ``</s>`` included)."""
        return self.vocab.source_tokens(text, self.language_token)

    # -- translation ------------------------------------------------------------------

    def _translate_pieces(
        self,
        texts: list[str],
        tokens: list[list[str]],
        options: TranslateOptions,
        constraints: list[Constraints],
    ) -> list[list[Hypothesis]]:
        """Free pieces in one n-best call; constrained ones through :meth:`_constrained`."""
        results: list[list[Hypothesis]] = [[] for _ in texts]
        free = [i for i, c in enumerate(constraints) if not c]
        bound = [i for i, c in enumerate(constraints) if c]
        if free:
            found = self._nbest([tokens[i] for i in free], options)
            for i, hypotheses in zip(free, found, strict=True):
                results[i] = hypotheses
        if bound:
            forced = self._constrained(
                [texts[i] for i in bound],
                [tokens[i] for i in bound],
                options,
                [constraints[i] for i in bound],
            )
            for i, hypothesis in zip(bound, forced, strict=True):
                results[i] = [hypothesis]
        return results

    def _nbest(self, sources: list[list[str]], options: TranslateOptions) -> list[list[Hypothesis]]:
        decoded = self._decode(sources, options, num_hypotheses=options.num_hypotheses)
        return [
            dedupe(sorted((self._hypothesis(d) for d in found), key=lambda h: -h.score))
            for found in decoded
        ]

    def _hypothesis(self, decoded: Decoded) -> Hypothesis:
        return Hypothesis(self.vocab.detokenize(decoded.tokens), decoded.score)

    def _decode(
        self,
        sources: list[list[str]],
        options: TranslateOptions,
        *,
        num_hypotheses: int = 1,
        prefixes: list[Tokens | None] | None = None,
        suppress: tuple[Tokens, ...] = (),
    ) -> list[list[Decoded]]:
        beams = options.num_beams
        limit = options.output_limit(max(len(s) for s in sources), self.max_input_tokens)
        longest_prefix = max((len(p) for p in prefixes or () if p), default=0)
        targets = [list(p) if p else None for p in prefixes] if prefixes else None
        results = self._in_sub_batches(
            self.translator.translate_batch,
            self._sub_batches([len(s) for s in sources], options.max_batch_tokens, beams),
            sources,
            targets,
            beam_size=beams,
            num_hypotheses=min(num_hypotheses, beams),
            max_input_length=0,  # long segments were split; never truncate
            # ``limit`` counts the end token, as transformers' max_new_tokens does; CTranslate2
            # counts the prefix and leaves the end token out
            max_decoding_length=min(self.max_input_tokens, limit - 1 + longest_prefix),
            return_scores=True,
            suppress_sequences=[list(s) for s in suppress] or None,
        )
        self.stats.model_calls += 1
        self.stats.source_tokens += sum(len(s) for s in sources)
        decoded = [
            [Decoded(tuple(h), float(s)) for h, s in zip(r.hypotheses, r.scores, strict=True)]
            for r in results
        ]
        self.stats.output_tokens += sum(len(found[0].tokens) + 1 for found in decoded if found)
        return decoded

    def _sub_batches(self, lengths: list[int], max_tokens: int, beams: int) -> list[list[int]]:
        """Segments (indices) in sub-batches for decoding: the token budget shared by the
        beams (on the CPU also CPU_BATCH_TOKENS and CPU_BATCH_ROWS)."""
        if self.device != "cpu":
            return self._shared(lengths, max_tokens // beams, None)
        tokens = min(max_tokens, CPU_BATCH_TOKENS) // beams
        return self._shared(lengths, tokens, max(1, CPU_BATCH_ROWS // beams))

    def _shared(self, lengths: list[int], tokens: int, rows: int | None) -> list[list[int]]:
        """:func:`sub_batches` small enough that every worker gets one (one segment of slack)."""
        if self.workers > 1:
            tokens = min(tokens, -(-sum(lengths) // self.workers) + max(lengths))
        return sub_batches(lengths, max(1, tokens), rows)

    def _in_sub_batches(self, call, groups: list[list[int]], *columns, **settings) -> list:
        """``call`` (``translate_batch``, ``score_batch``) on each group of rows, all posted at
        once so that the workers take them side by side; the results in row order. A column
        may be None (no target prefixes)."""
        pending = [
            (
                group,
                call(
                    *[None if c is None else [c[i] for i in group] for c in columns],
                    asynchronous=True,
                    **settings,
                ),
            )
            for group in groups
        ]
        results: list = [None] * sum(map(len, groups))
        for group, futures in pending:
            for index, future in zip(group, futures, strict=True):
                results[index] = future.result()
        return results

    def _rescore(
        self, sources: list[list[str]], outputs: list[Tokens], options: TranslateOptions
    ) -> list[float]:
        """Mean log-probability of whole outputs (end token included), prefix and all.

        Scoring holds vocabulary-wide log-probabilities for every output token at once, so its
        sub-batches count output tokens (on the CPU at most CPU_SCORE_TOKENS)."""
        tokens = options.max_batch_tokens
        if self.device == "cpu":
            tokens = min(tokens, CPU_SCORE_TOKENS)
        scored = self._in_sub_batches(
            self.translator.score_batch,
            self._shared([len(o) + 1 for o in outputs], tokens, None),
            sources,
            [list(o) for o in outputs],
        )
        self.stats.model_calls += 1
        return [sum(r.log_probs) / max(1, len(r.log_probs)) for r in scored]

    # -- constraints ------------------------------------------------------------------

    def _constrained(
        self,
        texts: list[str],
        sources: list[list[str]],
        options: TranslateOptions,
        constraints: list[Constraints],
    ) -> list[Hypothesis]:
        targets = [self._targets(c) for c in constraints]
        plain = [found[0] for found in self._decode(sources, options)]
        chosen: list[Decoded | None] = [
            p if t.satisfied(p.tokens) else None for p, t in zip(plain, targets, strict=True)
        ]
        candidates = [
            candidate
            for i, (p, t) in enumerate(zip(plain, targets, strict=True))
            if chosen[i] is None
            for candidate in t.candidates(i, p.tokens)
        ]
        for index, decoded in self._complete(candidates, sources, targets, options):
            best = chosen[index]
            if targets[index].satisfied(decoded.tokens) and (
                best is None or decoded.score > best.score
            ):
                chosen[index] = decoded
        results = [
            self._hypothesis(c if c is not None else p) for c, p in zip(chosen, plain, strict=True)
        ]
        rest = [i for i, c in enumerate(chosen) if c is None]
        forced = rest and self._transformers_forcing(
            [texts[i] for i in rest], options, [constraints[i] for i in rest]
        )
        if forced:
            for i, hypothesis in zip(rest, forced, strict=True):
                results[i] = hypothesis
        return results

    def _complete(
        self,
        candidates: list[Candidate],
        sources: list[list[str]],
        targets: list[Targets],
        options: TranslateOptions,
    ) -> list[tuple[int, Decoded]]:
        """Decode the candidates (one call per set of forbidden forms: suppression is per call).

        A spliced candidate counts only if the model continues it exactly as its own output
        went on (the term is a drop-in replacement); it is then rescored as a whole.
        """
        completed: list[tuple[int, Decoded]] = []
        groups: dict[tuple[Tokens, ...], list[Candidate]] = {}
        for candidate in candidates:
            groups.setdefault(targets[candidate.index].forbidden, []).append(candidate)
        for forbidden, group in groups.items():
            group_sources = [sources[c.index] for c in group]
            decoded = self._decode(
                group_sources, options, prefixes=[c.prefix for c in group], suppress=forbidden
            )
            kept = [
                (c, source, found[0])
                for c, source, found in zip(group, group_sources, decoded, strict=True)
                if found and c.expected in (None, found[0].tokens)
            ]
            spliced = [k for k, (c, _, _) in enumerate(kept) if c.prefix]
            if spliced:
                scores = self._rescore(
                    [kept[k][1] for k in spliced], [kept[k][2].tokens for k in spliced], options
                )
                for k, score in zip(spliced, scores, strict=True):
                    c, source, found = kept[k]
                    kept[k] = (c, source, found._replace(score=score))
            completed += [(c.index, found) for c, _, found in kept]
        return completed

    def _targets(self, constraints: Constraints) -> Targets:
        terms = tuple(t for t in map(self._term, constraints.required) if t is not None)
        forbidden = tuple(dict.fromkeys(self._spellings(constraints.forbidden)))
        return Targets(terms, forbidden)

    def _term(self, required: RequiredTerm) -> tuple[Tokens, ...] | None:
        """A term's spellings (forms, then variants); None when the model can spell no form."""
        forms = self._spellings(required.forms)
        if not forms:
            return None  # like the transformers forcer: left to enforcement to report missing
        return tuple(dict.fromkeys(forms + self._spellings(required.variants)))

    def _spellings(self, phrases: Sequence[str]) -> list[Tokens]:
        return [p for p in map(self.vocab.target_pieces, phrases) if p]

    def _transformers_forcing(
        self, texts: list[str], options: TranslateOptions, constraints: list[Constraints]
    ) -> list[Hypothesis] | None:
        """Term forcing by the transformers engine on the source folder (None if unusable)."""
        engine = self._transformers_engine()
        if engine is None:
            return None
        calls, warned = engine.stats.model_calls, len(engine.stats.warnings)
        results = engine.translate_batch(texts, replace(options, num_hypotheses=1), constraints)
        self.stats.model_calls += engine.stats.model_calls - calls
        self.stats.warnings.extend(engine.stats.warnings[warned:])
        if not self.fallback_segments:
            self.stats.warnings.append(
                f"glossary terms ctranslate2 could not place were forced by the transformers "
                f"engine on {self.source_folder} (this run loaded torch; see `#. glossary:` notes)"
            )
        self.fallback_segments += len(texts)
        return [found[0] for found in results]

    def _transformers_engine(self) -> Engine | None:
        if self._fallback is None and not self._fallback_tried:
            self._fallback_tried = True
            try:
                if self.source_folder is None:
                    raise ModelError("its l10nflow-model.json names no source_folder")
                from l10nflow.mt.hub import require_model_stack

                require_model_stack("glossary forcing beyond what ctranslate2 can place")
                from l10nflow.mt.marian import MarianEngine

                location = ModelLocation(self.source_folder, self.model_id, self.revision)
                self._fallback = MarianEngine(
                    location,
                    self.source_lang,
                    self.target_lang,
                    device=self.device,
                    threads=self.threads,
                )
            except ModelError as error:
                self.stats.warnings.append(
                    "glossary terms the ctranslate2 engine cannot place are forced by the "
                    f"transformers model it was converted from, which is unusable ({error}); "
                    "those terms are reported missing"
                )
        return self._fallback


def _require_ct2_folder(folder: Path) -> None:
    missing = missing_ct2_files(folder)
    if not missing:
        return
    hint = ""
    if "model.bin" in missing and (folder / "model.safetensors").is_file():
        hint = " (a transformers model: convert it with `l10nflow models convert`)"
    raise ModelError(f"{folder} is not a CTranslate2 model: missing {', '.join(missing)}{hint}")
