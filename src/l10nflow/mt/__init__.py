"""Machine translation: engines behind one interface, model resolution, glossary enforcement.

Importing this package is cheap: torch and transformers load only when a transformers
engine is created (or a model is converted for CTranslate2); the CTranslate2 engine, the
default whenever it is installed, translates without them.
"""

from __future__ import annotations

from collections.abc import Callable

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
    "ctranslate2_installed",
    "resolve_engine",
    "resolve_model",
]

ENGINES = ("auto", "transformers", "ctranslate2")


def ctranslate2_installed() -> bool:
    """Whether the ``ctranslate2`` package can be imported (found, not imported)."""
    import importlib.util

    try:
        return importlib.util.find_spec("ctranslate2") is not None
    except (ImportError, ValueError):  # a blocked or broken module
        return False


def resolve_engine(engine: str) -> str:
    """The engine ``auto`` stands for: CTranslate2 (int8) when installed, else transformers."""
    if engine == "auto":
        return "ctranslate2" if ctranslate2_installed() else "transformers"
    if engine not in ENGINES:
        raise UsageError(f"unknown engine '{engine}' (available: {', '.join(ENGINES)})")
    return engine


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

    ``engine``: ``transformers`` (the reference), ``ctranslate2``, or ``auto`` (see
    :func:`resolve_engine`; the project default). On CTranslate2 a Marian folder is converted
    to int8 once, on first use, into a cache beside it (redone when stale; ``notify`` hears a
    line first). ``threads``: CPU threads for the engine (default: torch's own for
    transformers, the physical cores for CTranslate2).
    """
    from l10nflow.mt.models import ensure_converted, is_ct2_folder

    engine = resolve_engine(engine)
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
    from l10nflow.mt.ct2 import CTranslate2Engine, import_ctranslate2

    import_ctranslate2()  # the extra to install is named before any conversion starts
    return CTranslate2Engine(
        ensure_converted(location, notify=notify),
        source_lang,
        target_lang,
        device=device,
        quantize=quantize,
        threads=threads,
    )
