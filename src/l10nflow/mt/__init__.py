"""Machine translation: engines behind one interface, model resolution, glossary enforcement.

Importing this package is cheap: an engine's stack (torch and transformers, or
ctranslate2) loads only when that engine is created, through its record in the engine
registry (:mod:`l10nflow.engines`); the CTranslate2 engine, the default whenever it is
installed, translates without torch.
"""

from __future__ import annotations

from collections.abc import Callable

from l10nflow.engines import engine_choices, engine_record, resolve_engine
from l10nflow.mt.base import Constraints, Engine, Hypothesis, TranslateOptions
from l10nflow.mt.models import ModelLocation, resolve_model

__all__ = [
    "Constraints",
    "Engine",
    "Hypothesis",
    "ModelLocation",
    "TranslateOptions",
    "create_engine",
    "ctranslate2_installed",
    "engine_choices",
    "resolve_engine",
    "resolve_model",
]


def ctranslate2_installed() -> bool:
    """Whether the CTranslate2 engine's package can be imported (found, not imported)."""
    return engine_record("ctranslate2").installed()


def create_engine(
    location: ModelLocation,
    source_lang: str,
    target_lang: str,
    *,
    engine: str = "transformers",
    device: str = "auto",
    quantize: str = "none",
    threads: int | None = None,
    notify: Callable[[str], None] | None = None,
) -> Engine:
    """Load the model at ``location`` into the named engine for one language pair.

    ``engine``: a registered engine (``transformers``, the reference; ``ctranslate2``) or
    ``auto`` (see :func:`~l10nflow.engines.resolve_engine`; the project default). On
    CTranslate2 a Marian folder is converted to int8 once, on first use, into a cache beside
    it (redone when stale; ``notify`` hears a line first). ``threads``: CPU threads for the
    engine (default: torch's own for transformers, the physical cores for CTranslate2).
    """
    load = engine_record(engine).loader()
    return load(
        location,
        source_lang,
        target_lang,
        device=device,
        quantize=quantize,
        threads=threads,
        notify=notify,
    )
