"""The engine interface: translate a batch of segments into scored hypotheses.

An engine hides threads, devices, batching and tokenisation from its callers
(the shape of CTranslate2's ``translate_batch``). Callers may pass, per
segment, target phrases the output must contain and phrases it must not
contain; how an engine honours them is its own business.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class TranslateOptions:
    """Decoding settings for one call."""

    num_beams: int = 4
    num_hypotheses: int = 1
    max_batch_tokens: int = 2048
    max_new_tokens: int | None = None  # output cap, end token included; None: 2 × source + 10

    def __post_init__(self) -> None:
        if self.num_beams < 1 or self.num_hypotheses < 1 or self.max_batch_tokens < 1:
            raise ValueError("num_beams, num_hypotheses and max_batch_tokens must be >= 1")
        if self.max_new_tokens is not None and self.max_new_tokens < 1:
            raise ValueError("max_new_tokens must be >= 1")

    def output_limit(self, longest_source: int, model_limit: int) -> int:
        """Most tokens (end token included) an output may have in a batch whose longest
        source has ``longest_source`` tokens: twice that plus 10, within the model's limit
        and ``max_new_tokens``."""
        limit = min(model_limit, 2 * longest_source + 10)
        return limit if self.max_new_tokens is None else min(limit, self.max_new_tokens)


@dataclass(frozen=True)
class Hypothesis:
    """One candidate translation and its length-normalised log-probability."""

    text: str
    score: float


@dataclass(frozen=True)
class RequiredTerm:
    """A phrase the output must contain.

    The decoder is steered towards ``forms``; ``variants`` (e.g. the form with
    an Arabic proclitic) also count once the decoder has started one.
    """

    forms: tuple[str, ...]
    variants: tuple[str, ...] = ()


@dataclass(frozen=True)
class Constraints:
    """What one segment's output must contain and must avoid."""

    required: tuple[RequiredTerm, ...] = ()
    forbidden: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.required or self.forbidden)


@dataclass
class EngineStats:
    """Counters a run reports: how often the model ran and on how much."""

    model_calls: int = 0
    segments: int = 0
    source_tokens: int = 0
    output_tokens: int = 0
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Provenance:
    """Everything an MT output depends on, in one compact line (sacrebleu's signature idea):
    ``transformers Helsinki-NLP/opus-mt-ar-en@1a2b3c|beams:4|quant:none|max-tokens:auto|
    glossary:9f8e7d6c5b4a3210|l10nflow:0.1.0``. Written into every ``#. mt:`` note."""

    engine: str
    model: str
    revision: str
    beams: int
    quantization: str = "none"
    max_tokens: int | None = None
    glossary: str | None = None
    version: str = ""

    def __str__(self) -> str:
        parts = [
            f"{self.engine} {self.model}@{self.revision}",
            f"beams:{self.beams}",
            f"quant:{self.quantization}",
            f"max-tokens:{self.max_tokens or 'auto'}",
            f"glossary:{self.glossary or 'none'}",
            f"l10nflow:{self.version}",
        ]
        return "|".join(parts)


class Engine(ABC):
    """A loaded translation model for one language pair."""

    name: str = "engine"
    quantization: str = "none"  # what the weights run as (int8, float16, ...)

    def __init__(self, model_id: str, revision: str, source_lang: str, target_lang: str):
        self.model_id = model_id
        self.revision = revision
        self.source_lang = source_lang
        self.target_lang = target_lang
        self.stats = EngineStats()

    @property
    def signature(self) -> str:
        """What made a translation: engine, model and revision (written into PO notes)."""
        return f"{self.name} {self.model_id}@{self.revision}"

    def provenance(self, options: TranslateOptions, glossary_digest: str | None) -> Provenance:
        """The full signature of a run with ``options`` and a glossary of ``glossary_digest``."""
        from l10nflow import __version__

        return Provenance(
            engine=self.name,
            model=self.model_id,
            revision=self.revision,
            beams=options.num_beams,
            quantization=self.quantization,
            max_tokens=options.max_new_tokens,
            glossary=glossary_digest,
            version=__version__,
        )

    @abstractmethod
    def translate_batch(
        self,
        texts: Sequence[str],
        options: TranslateOptions,
        constraints: Sequence[Constraints] | None = None,
    ) -> list[list[Hypothesis]]:
        """Hypotheses (best first, at most ``options.num_hypotheses``) for each text."""
