"""The MT-engine registry: one record per engine, so a new engine is one module plus one
registration here.

An :class:`EngineRecord` names the engine (``--engine``, ``engine =`` under
``[translate]``), the function that loads a model into it (imported only when an engine
is created: reading the registry imports neither torch nor ctranslate2), the modules it
runs on, and its place in the order ``auto`` tries. The project file's validation and the
CLI's ``--engine`` choices read the names here; :func:`l10nflow.mt.create_engine` loads
through the record.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module

from l10nflow.errors import UsageError

AUTO = "auto"  # the first installed engine in auto order (the project default)


@dataclass(frozen=True)
class EngineRecord:
    """How one MT engine is named, chosen by ``auto`` and loaded."""

    name: str  # also the engine's signature prefix in ``#. mt:`` notes
    module: str  # the module of the loader (imported when an engine is created)
    loader_name: str  # (location, source, target, *, device, quantize, threads, notify)
    needs: tuple[str, ...] = ()  # top-level modules it runs on: installed when all are found
    auto_rank: int | None = None  # ``auto`` tries low ranks first; None: only when named

    def installed(self) -> bool:
        """Whether every module the engine needs can be found (found, not imported)."""
        return all(_found(module) for module in self.needs)

    def loader(self) -> Callable:
        """The function that loads a model into this engine."""
        return getattr(import_module(self.module), self.loader_name)


def _found(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):  # a blocked or broken module
        return False


ENGINES: dict[str, EngineRecord] = {}


def register(record: EngineRecord) -> EngineRecord:
    """Add an engine to the registry (a later record of the same name replaces it)."""
    ENGINES[record.name] = record
    return record


register(
    EngineRecord(
        "transformers",  # the reference: a Marian folder on torch
        "l10nflow.mt.loaders",
        "load_transformers",
        needs=("torch", "transformers"),
        auto_rank=1,
    )
)
register(
    EngineRecord(
        "ctranslate2",  # int8, converted on first use; no torch to translate
        "l10nflow.mt.loaders",
        "load_ctranslate2",
        needs=("ctranslate2",),
        auto_rank=0,
    )
)


def engine_choices() -> tuple[str, ...]:
    """What ``engine`` may be: ``auto``, then every registered engine."""
    return (AUTO, *ENGINES)


def resolve_engine(name: str) -> str:
    """The engine ``name`` stands for; ``auto``: the first installed engine in auto order,
    else the last in that order (loading it names what to install)."""
    if name == AUTO:
        ranked = sorted(
            (r for r in ENGINES.values() if r.auto_rank is not None), key=lambda r: r.auto_rank
        )
        return next((r.name for r in ranked if r.installed()), ranked[-1].name)
    if name not in ENGINES:
        raise UsageError(f"unknown engine '{name}' (available: {', '.join(engine_choices())})")
    return name


def engine_record(name: str) -> EngineRecord:
    """The record of an engine name (``auto`` resolved); :class:`UsageError` if unknown."""
    return ENGINES[resolve_engine(name)]
