"""Running independent chunks of work in forked processes, results in order.

Catalogs are checked independently, so a large project is split into chunks
that worker processes check side by side. Workers are forked: they inherit the
loaded glossary and its built match indexes instead of receiving them pickled
(glossary entries hold read-only mappings, which do not pickle). Where fork is
not available (Windows) or one job is asked for, the chunks run in this
process, with the same results.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

R = TypeVar("R")

_TASK: Callable[[int], Any] | None = None  # set in the parent just before forking


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
