"""The one engine factory that the CLI, the tests and the benchmarks share.

``EngineFactory(project, settings)(source, target)`` resolves the model of a
language pair (the project's ``[models]``, or one explicit model), and loads it
into the engine and device the settings name. The translate workflow calls it at
most once per pair, and only for pairs with something left to translate.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from l10nflow.config import TranslateSettings
from l10nflow.errors import UsageError
from l10nflow.mt.base import Engine


@dataclass
class EngineFactory:
    """Builds the engine of a language pair from a project's settings.

    ``model`` (a hub id or folder) serves every pair asked for; with several pairs
    it is a usage error. ``on_load`` hears one line before each model loads.
    """

    models: Callable[[str, str], str]  # (source, target) -> hub id or folder
    settings: TranslateSettings = field(default_factory=TranslateSettings)
    model: str | None = None
    on_load: Callable[[str], None] | None = None
    progress: bool = False  # progress bars for large downloads
    loaded: list[tuple[str, str]] = field(default_factory=list)

    @classmethod
    def for_project(cls, project, settings: TranslateSettings | None = None, **options):
        """The factory of a :class:`~l10nflow.project.Project` (its models and settings)."""
        return cls(project.config.model_for, settings or project.config.translate, **options)

    def __call__(self, source: str, target: str) -> Engine:
        from l10nflow.mt import create_engine, resolve_engine, resolve_model

        if self.model and self.loaded:
            raise UsageError("--model names one model, but several language pairs need one")
        self.loaded.append((source, target))
        pair = f"{source}-{target}"
        reference = self.model or self.models(source, target)
        location = resolve_model(reference, pair, progress=self.progress)
        settings = self.settings
        engine = resolve_engine(settings.engine)  # "auto" named as what it resolved to
        if self.on_load:
            self.on_load(f"loading {location.model_id} for {pair} ({engine}, {settings.device})")
        return create_engine(
            location,
            source,
            target,
            engine=engine,
            notify=self.on_load,
            device=settings.device,
            quantize=settings.quantize,
            threads=settings.threads or None,
        )
