"""How the built-in engines load a model: the loaders the engine registry
(:mod:`l10nflow.engines`) names. Each imports its engine's heavy stack only when called."""

from __future__ import annotations

from collections.abc import Callable

from l10nflow.errors import ModelError
from l10nflow.mt.base import Engine
from l10nflow.mt.folders import ModelLocation, is_ct2_folder


def load_transformers(
    location: ModelLocation,
    source_lang: str,
    target_lang: str,
    *,
    device: str = "auto",
    quantize: str = "none",
    threads: int | None = None,
    notify: Callable[[str], None] | None = None,
) -> Engine:
    """A Marian folder on transformers (the reference engine); a CTranslate2 folder is refused."""
    if is_ct2_folder(location.folder):
        raise ModelError(
            f"{location.folder} is a CTranslate2 model: use --engine ctranslate2 "
            '(or engine = "ctranslate2" under [translate])'
        )
    from l10nflow.mt.hub import require_model_stack

    require_model_stack("the transformers engine")
    from l10nflow.mt.marian import MarianEngine

    return MarianEngine(
        location, source_lang, target_lang, device=device, quantize=quantize, threads=threads
    )


def load_ctranslate2(
    location: ModelLocation,
    source_lang: str,
    target_lang: str,
    *,
    device: str = "auto",
    quantize: str = "none",
    threads: int | None = None,
    notify: Callable[[str], None] | None = None,
) -> Engine:
    """A CTranslate2 model; a Marian folder is converted to int8 once, on first use, into a
    cache beside it (``notify`` hears a line first)."""
    from l10nflow.mt.ct2 import CTranslate2Engine, import_ctranslate2
    from l10nflow.mt.models import ensure_converted

    import_ctranslate2()  # the extra to install is named before any conversion starts
    return CTranslate2Engine(
        ensure_converted(location, notify=notify),
        source_lang,
        target_lang,
        device=device,
        quantize=quantize,
        threads=threads,
    )
