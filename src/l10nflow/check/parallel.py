"""Running independent chunks of work in forked processes, results in order.

Catalogs are checked independently, so a large project is split into chunks
that worker processes check side by side. Workers are forked: they inherit the
loaded glossary and its built match indexes instead of receiving them pickled
(glossary entries hold read-only mappings, which do not pickle). Where fork is
not available (Windows) or one job is asked for, the chunks run in this
process, with the same results. :func:`batch_gc` keeps Python's cycle
collector from rescanning the run's many long-lived objects.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

R = TypeVar("R")

_TASK: Callable[[int], Any] | None = None  # set in the parent just before forking
_BATCH_GC_THRESHOLD = 50_000  # allocations between young collections (Python's default: 700)


@contextlib.contextmanager
def batch_gc() -> Iterator[None]:
    """Collect cycles rarely while a batch runs, and never rescan what existed before it.

    A check run allocates millions of short-lived tuples while holding hundreds of
    thousands of long-lived objects (the glossary index, caches, cross-catalog state);
    with the default thresholds the collector rescans those again and again. The
    objects made before the batch are frozen (forked workers then also keep their
    pages shared), and the young generation is collected every 50,000 allocations.
    Both are undone afterwards.
    """
    thresholds, frozen_by_caller = gc.get_threshold(), gc.get_freeze_count() > 0
    gc.freeze()
    gc.set_threshold(_BATCH_GC_THRESHOLD, *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        if not frozen_by_caller:  # a caller's own freeze is left as it was
            gc.unfreeze()


def available_cpus() -> int:
    """CPUs this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def _run(index: int) -> Any:
    if _TASK is None:  # pragma: no cover - only if a worker was not forked from run_chunks
        raise RuntimeError("worker started without a task")
    return _TASK(index)


def run_chunks(task: Callable[[int], R], count: int, jobs: int) -> list[R]:
    """``[task(0), …, task(count - 1)]``, in up to ``jobs`` forked processes.

    Exceptions raised by ``task`` reach the caller as they would serially.
    """
    global _TASK
    if jobs <= 1 or count <= 1 or not can_fork():
        return [task(index) for index in range(count)]
    _TASK = task
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=min(jobs, count), mp_context=context) as pool:
            return list(pool.map(_run, range(count)))
    finally:
        _TASK = None
