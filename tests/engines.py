"""A minimal engine for orchestration tests: deterministic, no model, no torch.

:class:`FakeEngine` implements :class:`l10nflow.mt.base.Engine` the smallest way:
its translation of a text is a fixed function of the text (``[ar→en] text``), and
it counts its calls. Workflow tests use it where the model's output does not
matter (planning, memory, saving); everything about translation itself is tested
on the tiny real Marian models.
"""

from __future__ import annotations

from collections.abc import Sequence

from l10nflow.mt.base import Constraints, Engine, Hypothesis, TranslateOptions


class FakeEngine(Engine):
    """Translates ``text`` as ``[source→target] text`` (hypotheses get suffixes ``#2``…)."""

    name = "fake"

    def __init__(self, source_lang: str, target_lang: str):
        super().__init__("fake-model", "0", source_lang, target_lang)
        self.batches: list[list[str]] = []

    def translate_batch(
        self,
        texts: Sequence[str],
        options: TranslateOptions,
        constraints: Sequence[Constraints] | None = None,
    ) -> list[list[Hypothesis]]:
        self.batches.append(list(texts))
        self.stats.model_calls += 1
        self.stats.segments += len(texts)
        prefix = f"[{self.source_lang}→{self.target_lang}] "
        return [
            [Hypothesis(prefix + text + (f" #{n + 1}" if n else ""), -0.1 * (n + 1))]
            for text in texts
            for n in [0]
        ]


def fake_factory(created: list[FakeEngine] | None = None):
    """An engine factory giving :class:`FakeEngine` instances (kept in ``created``)."""

    def make(source: str, target: str) -> FakeEngine:
        engine = FakeEngine(source, target)
        if created is not None:
            created.append(engine)
        return engine

    return make


def load_fake(location, source_lang: str, target_lang: str, **options) -> FakeEngine:
    """A loader the engine registry may name for :class:`FakeEngine` (the model is not read)."""
    return FakeEngine(source_lang, target_lang)
