"""Machine translation: engines behind one interface, model resolution, glossary enforcement.

Importing this package is cheap: torch and transformers load only when an
engine is created.
"""

from __future__ import annotations

from l10nflow.errors import ModelError, UsageError
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

ENGINES = ("transformers", "ctranslate2")


def create_engine(
    location: ModelLocation,
    source_lang: str,
    target_lang: str,
    *,
    engine: str = "transformers",
    device: str = "auto",
    quantize: str = "none",
    threads: int | None = None,
) -> Engine:
    """Load the model at ``location`` into the named engine for one language pair.

    ``threads``: CPU threads for the engine (default: torch's own for transformers, the
    physical cores for CTranslate2).
    """
    from l10nflow.mt.models import is_ct2_folder

    if engine == "transformers" and is_ct2_folder(location.folder):
        raise ModelError(
            f"{location.folder} is a CTranslate2 model: use --engine ctranslate2 "
            '(or engine = "ctranslate2" under [translate])'
        )
    if engine == "transformers":
        from l10nflow.mt.hub import require_model_stack

        require_model_stack("the transformers engine")
        from l10nflow.mt.marian import MarianEngine

        return MarianEngine(
            location, source_lang, target_lang, device=device, quantize=quantize, threads=threads
        )
    if engine == "ctranslate2":
        from l10nflow.mt.ct2 import CTranslate2Engine

        return CTranslate2Engine(
            location, source_lang, target_lang, device=device, quantize=quantize, threads=threads
        )
    raise UsageError(f"unknown engine '{engine}' (available: {', '.join(ENGINES)})")
