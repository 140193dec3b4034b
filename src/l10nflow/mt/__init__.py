"""Machine translation: engines behind one interface, model resolution, glossary enforcement.

Importing this package is cheap: torch and transformers load only when an
engine is created.
"""

from __future__ import annotations

from l10nflow.errors import UsageError
from l10nflow.mt.base import Constraints, Engine, Hypothesis, TranslateOptions
from l10nflow.mt.models import ModelLocation, resolve_model

__all__ = [
    "ENGINES",
    "Constraints",
    "Engine",
    "Hypothesis",
    "ModelLocation",
    "TranslateOptions",
    "create_engine",
    "resolve_model",
]

ENGINES = ("transformers",)


def create_engine(
    location: ModelLocation,
    source_lang: str,
    target_lang: str,
    *,
    engine: str = "transformers",
    device: str = "auto",
    quantize: str = "none",
) -> Engine:
    """Load the model at ``location`` into the named engine for one language pair."""
    if engine == "transformers":
        from l10nflow.mt.marian import MarianEngine

        return MarianEngine(location, source_lang, target_lang, device=device, quantize=quantize)
    raise UsageError(f"unknown engine '{engine}' (available: {', '.join(ENGINES)})")
