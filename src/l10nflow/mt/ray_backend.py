"""Machine translation on a Ray cluster: one model per worker, catalogs written by the driver.

The driver (:func:`l10nflow.translate.translate_project`) plans, reuses and
deduplicates as it always does; the engine of a language pair is a
:class:`RayEngine`, a stand-in that sends each save group (the same segments,
in the same order, as the local path translates together) to a pool of Ray
actors. Each actor loads the pair's model once, through the same
:class:`~l10nflow.mt.factory.EngineFactory` as a local run, and runs
:func:`~l10nflow.mt.enforce.translate_segments` with the glossary, so a Ray run
writes the same PO files as a local one. Results come back as they finish; the
driver applies and saves them.

Faults: a group whose actor dies (killed, node lost, out of memory) is sent
again to a fresh actor, at most :data:`MAX_ATTEMPTS` times, and applied once;
a model that cannot load on a worker fails the run with one line naming the
worker. Ctrl-C reaches the driver only: finished groups are saved, the actors
go with the Ray session.
"""

from __future__ import annotations

import logging
import os
import socket
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from pathlib import Path

from l10nflow.config import TranslateSettings
from l10nflow.errors import ModelError, UsageError
from l10nflow.mt.base import Engine, EngineStats, TranslateOptions
from l10nflow.mt.enforce import EnforcedTranslation

MAX_ATTEMPTS = 3  # tries of one group before the run fails
IN_FLIGHT = 2  # groups queued per actor: the next one is ready when the current ends
LOAD_TIMEOUT_S = 600.0  # a worker that has not loaded its model by then: no room in the cluster

Status = Callable[[int, float], None]  # (workers alive, output tokens per second)
Group = list[str]  # texts without inline markup (the driver protects and restores it)


def require_ray():
    """The ``ray`` module, or a usage error naming the extra that installs it."""
    try:
        import ray
    except ImportError:
        raise UsageError(
            "--ray needs Ray: pip install 'l10nflow[ray]' (on the driver and every node)"
        ) from None
    return ray


@dataclass(frozen=True)
class RaySettings:
    """Where and how wide to run: the ``ray_*`` keys of ``[translate]``."""

    address: str = ""  # empty: start a local Ray instance
    workers: int = 2
    cpus_per_worker: int = 1
    gpus_per_worker: int = 0

    @classmethod
    def from_translate(cls, settings: TranslateSettings, address: str | None = None):
        return cls(
            address=settings.ray_address if address is None else address,
            workers=settings.ray_workers,
            cpus_per_worker=settings.ray_cpus_per_worker,
            gpus_per_worker=settings.ray_gpus_per_worker,
        )


@contextmanager
def ray_session(ray_settings: RaySettings) -> Iterator[None]:
    """Join the cluster at ``address``, or start a local instance sized for the workers.

    A Ray already initialised by the caller (a test, a notebook) is used as it is
    and left running.
    """
    ray = require_ray()
    if ray.is_initialized():
        yield
        return
    options = {"include_dashboard": False, "logging_level": logging.ERROR, "log_to_driver": False}
    try:
        if ray_settings.address:
            ray.init(address=ray_settings.address, **options)
        else:
            cpus = ray_settings.workers * ray_settings.cpus_per_worker
            ray.init(num_cpus=cpus, **options)
    except (ConnectionError, RuntimeError, ValueError) as exc:
        where = ray_settings.address or "a local instance"
        raise UsageError(f"cannot start Ray ({where}): {_one_line(exc)}") from None
    try:
        yield
    finally:
        ray.shutdown()


def read_glossaries(paths: Sequence[str | Path]) -> list[tuple[str, bytes]]:
    """The glossary files as (name, bytes): workers on other nodes load them from these."""
    return [(f"{i}-{Path(p).name}", Path(p).read_bytes()) for i, p in enumerate(paths)]


class _Worker:
    """One Ray actor: loads one pair's model once, translates groups with the glossary."""

    def __init__(self, reference, source, target, settings, glossary_files) -> None:
        self.where = f"{socket.gethostname()} pid {os.getpid()}"
        self.error: str | None = None
        self.engine: Engine | None = None
        self.glossary = None
        try:
            from l10nflow.mt.factory import EngineFactory

            self.glossary = _load_glossary(glossary_files)
            factory = EngineFactory(models=lambda s, t: reference, settings=settings)
            self.engine = factory(source, target)
        except Exception as exc:  # reported to the driver as one line
            self.error = _one_line(exc)

    def ready(self) -> tuple[str, int, str | None, dict]:
        """Where this worker runs, its process id, why its model did not load, and what it is."""
        engine = self.engine
        about = {}
        if engine is not None:
            about = {
                "name": engine.name,
                "quantization": engine.quantization,
                "model_id": engine.model_id,
                "revision": engine.revision,
            }
        return self.where, os.getpid(), self.error, about

    def peak_memory(self) -> int:
        """The most resident memory this worker's process has held, in bytes."""
        return _peak_rss()

    def translate(self, group: Group, options: TranslateOptions):
        """One group's results (glossary entries left out: they stay on the worker) and
        the engine counters it added."""
        from l10nflow.mt.enforce import translate_segments

        engine = self.engine
        before = replace(engine.stats, warnings=list(engine.stats.warnings))
        results = translate_segments(engine, group, options, self.glossary)
        for result in results:
            result.terms = [replace(t, entry=None) for t in result.terms]
            result.missing = [replace(t, entry=None) for t in result.missing]
        after = engine.stats
        delta = EngineStats(
            model_calls=after.model_calls - before.model_calls,
            segments=after.segments - before.segments,
            source_tokens=after.source_tokens - before.source_tokens,
            output_tokens=after.output_tokens - before.output_tokens,
            warnings=after.warnings[len(before.warnings) :],
        )
        return results, delta


def _load_glossary(files: Sequence[tuple[str, bytes]]):
    if not files:
        return None
    from l10nflow.glossary import Glossary

    with tempfile.TemporaryDirectory(prefix="l10nflow-glossary-") as folder:
        paths = []
        for name, data in files:
            path = Path(folder) / name
            path.write_bytes(data)
            paths.append(path)
        return Glossary.load(paths)


def _peak_rss() -> int:
    import resource
    import sys

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024  # Linux reports KiB


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 300 else text[:297] + "..."


@dataclass
class _Slot:
    """A place in the pool: its current actor, where it runs and how many groups it holds."""

    actor: object
    where: str = ""
    pid: int = 0
    load: int = 0


class RayEngine(Engine):
    """The engine of one language pair, run by a pool of Ray actors.

    It offers :meth:`translate_groups`, which the driver prefers over
    ``translate_segments``. The pool starts when first needed and is shut down
    when the pair's groups are done.
    """

    def __init__(
        self,
        reference: str,
        source_lang: str,
        target_lang: str,
        settings: TranslateSettings,
        ray_settings: RaySettings,
        glossary_files: Sequence[tuple[str, bytes]] = (),
        on_status: Status | None = None,
    ) -> None:
        super().__init__(reference, "?", source_lang, target_lang)
        self.name = settings.engine
        self.reference = reference
        self.settings = settings
        self.ray_settings = ray_settings
        self.glossary_files = list(glossary_files)
        self.on_status = on_status
        self.slots: list[_Slot] = []
        self.restarts = 0  # actors replaced after dying
        self.worker_peaks: list[int] = []  # peak memory of each worker, bytes (at the end)
        self._started = 0.0
        self.startup_s = 0.0  # seconds the pool took to start (every model loaded)

    # --- the pool

    def _actor_class(self):
        ray = require_ray()
        rs = self.ray_settings
        return ray.remote(num_cpus=rs.cpus_per_worker, num_gpus=rs.gpus_per_worker)(_Worker)

    def _settings_for_workers(self) -> TranslateSettings:
        threads = self.settings.threads or self.ray_settings.cpus_per_worker
        device = self.settings.device
        if device == "auto":
            device = "cuda" if self.ray_settings.gpus_per_worker else "cpu"
        return replace(self.settings, threads=threads, device=device)

    def _spawn(self, count: int) -> list[_Slot]:
        """Start ``count`` actors and wait until each has loaded its model."""
        ray = require_ray()
        cls = self._actor_class()
        settings = self._settings_for_workers()
        files = ray.put(self.glossary_files)
        slots = [
            _Slot(cls.remote(self.reference, self.source_lang, self.target_lang, settings, files))
            for _ in range(count)
        ]
        pending = {slot.actor.ready.remote(): slot for slot in slots}
        try:
            done = ray.get(list(pending), timeout=LOAD_TIMEOUT_S)
        except ray.exceptions.GetTimeoutError:
            self._kill(slots)
            rs = self.ray_settings
            raise ModelError(
                f"no Ray worker loaded {self.reference} within {LOAD_TIMEOUT_S:.0f} s: does the "
                f"cluster have {rs.cpus_per_worker} CPU(s) and {rs.gpus_per_worker} GPU(s) free?"
            ) from None
        except ray.exceptions.RayActorError as exc:
            self._kill(slots)
            raise ModelError(
                f"a Ray worker died loading {self.reference}: {_one_line(exc)}"
            ) from None
        for slot, (where, pid, error, about) in zip(slots, done, strict=True):
            if error is not None:
                self._kill(slots)
                raise ModelError(f"Ray worker {where}: cannot load {self.reference}: {error}")
            slot.where, slot.pid = where, pid
            for key, value in about.items():
                setattr(self, key, value)
        return slots

    def _check_room(self) -> int:
        """How many workers the cluster can hold (at least one, else a usage error)."""
        ray = require_ray()
        rs = self.ray_settings
        total = ray.cluster_resources()
        fits = [rs.workers]
        for key, need in (("CPU", rs.cpus_per_worker), ("GPU", rs.gpus_per_worker)):
            if need:
                fits.append(int(total.get(key, 0) // need))
        if min(fits) < 1:
            raise UsageError(
                f"the Ray cluster cannot hold one worker ({rs.cpus_per_worker} CPU, "
                f"{rs.gpus_per_worker} GPU): it has {total.get('CPU', 0):g} CPU, "
                f"{total.get('GPU', 0):g} GPU"
            )
        return min(fits)

    def start(self) -> None:
        """Start the pool (once): every worker has its model loaded when this returns."""
        if not self.slots:
            began = time.monotonic()
            self.slots = self._spawn(self._check_room())
            self._started = time.monotonic()
            self.startup_s = self._started - began

    def _kill(self, slots: Sequence[_Slot]) -> None:
        ray = require_ray()
        for slot in slots:
            with suppress(Exception):  # already gone
                ray.kill(slot.actor, no_restart=True)

    def close(self) -> None:
        """Stop every actor of the pool."""
        self._kill(self.slots)
        self.slots = []

    def worker_pids(self) -> list[int]:
        """Process ids of the live workers (tests kill one)."""
        return [slot.pid for slot in self.slots]

    def provenance(self, options, glossary_digest):
        self.start()  # the workers say which engine, model revision and quantization they run
        return super().provenance(options, glossary_digest)

    def translate_batch(self, texts, options, constraints=None):
        raise NotImplementedError("a RayEngine translates groups: use translate_groups")

    # --- the work

    def translate_groups(
        self, groups: Sequence[Group], options: TranslateOptions
    ) -> Iterator[tuple[int, list[EnforcedTranslation]]]:
        """(index, results) of each group, as groups finish; each group is yielded once."""
        ray = require_ray()
        self.start()
        lost = (
            ray.exceptions.RayActorError,
            ray.exceptions.WorkerCrashedError,
            ray.exceptions.ObjectLostError,
            ray.exceptions.OutOfMemoryError,
            ray.exceptions.NodeDiedError,
        )
        pending = deque(range(len(groups)))
        attempts = [0] * len(groups)
        running: dict = {}  # object ref -> (group index, slot, actor it was sent to)
        try:
            while pending or running:
                for slot in self.slots:
                    while slot.load < IN_FLIGHT and pending:
                        index = pending.popleft()
                        attempts[index] += 1
                        ref = slot.actor.translate.remote(groups[index], options)
                        running[ref] = (index, slot, slot.actor)
                        slot.load += 1
                ready, _ = ray.wait(list(running), num_returns=1, timeout=1.0)
                for ref in ready:
                    index, slot, actor = running.pop(ref)
                    try:
                        results, delta = ray.get(ref)
                    except lost as exc:
                        if attempts[index] >= MAX_ATTEMPTS:
                            raise ModelError(
                                f"Ray worker {slot.where} lost a group {attempts[index]} times: "
                                f"{_one_line(exc)}"
                            ) from None
                        pending.appendleft(index)
                        self._replace(slot, actor)
                        continue
                    except ray.exceptions.RayTaskError as exc:
                        raise ModelError(
                            f"Ray worker {slot.where}: {_one_line(exc.cause)}"
                        ) from None
                    if slot.actor is actor:
                        slot.load -= 1
                    self._count(delta)
                    yield index, results
                self._status()
            self.worker_peaks = self._peaks()
        finally:
            self.close()

    def _peaks(self) -> list[int]:
        """Peak memory of the live workers (none if one died after its last group)."""
        ray = require_ray()
        try:
            return ray.get([slot.actor.peak_memory.remote() for slot in self.slots], timeout=60)
        except ray.exceptions.RayError:
            return []

    def _replace(self, slot: _Slot, dead) -> None:
        """A fresh actor in the place of one that died (once, however many groups it held)."""
        if slot.actor is not dead:
            return
        self._kill([slot])
        fresh = self._spawn(1)[0]
        slot.actor, slot.where, slot.pid, slot.load = fresh.actor, fresh.where, fresh.pid, 0
        self.restarts += 1

    def _count(self, delta: EngineStats) -> None:
        stats = self.stats
        stats.model_calls += delta.model_calls
        stats.segments += delta.segments
        stats.source_tokens += delta.source_tokens
        stats.output_tokens += delta.output_tokens
        stats.warnings.extend(delta.warnings)

    def _status(self) -> None:
        if self.on_status:
            elapsed = max(time.monotonic() - self._started, 1e-6)
            self.on_status(len(self.slots), self.stats.output_tokens / elapsed)


@dataclass
class RayEngineFactory:
    """An engine factory for :func:`~l10nflow.translate.translate_project` whose engines
    are Ray actor pools. ``local`` names the models and settings, as for a local run;
    the driver checks that each pair's model resolves before any worker starts."""

    local: object  # l10nflow.mt.factory.EngineFactory
    ray_settings: RaySettings = field(default_factory=RaySettings)
    glossary_paths: Sequence[str | Path] = ()
    on_status: Status | None = None
    engines: list[RayEngine] = field(default_factory=list)

    def __call__(self, source: str, target: str) -> RayEngine:
        from l10nflow.mt import resolve_model

        local = self.local
        if local.model and local.loaded:
            raise UsageError("--model names one model, but several language pairs need one")
        local.loaded.append((source, target))
        reference = local.model or local.models(source, target)
        resolve_model(reference, f"{source}-{target}", progress=local.progress)
        if local.on_load:
            rs = self.ray_settings
            local.on_load(
                f"{reference} for {source}-{target} on up to {rs.workers} Ray workers "
                f"({local.settings.engine}, {rs.cpus_per_worker} CPU, "
                f"{rs.gpus_per_worker} GPU each)"
            )
        engine = RayEngine(
            reference,
            source,
            target,
            local.settings,
            self.ray_settings,
            read_glossaries(self.glossary_paths),
            self.on_status,
        )
        self.engines.append(engine)
        return engine
