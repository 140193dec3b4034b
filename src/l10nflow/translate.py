"""The main job: extract, reuse reviewed work, machine-translate what is left, save as we go.

Only empty entries are filled. A reviewed entry (translated, not fuzzy) is
never touched, and an entry that already holds a machine translation is not
translated again, so a second run on an unchanged project makes no model
call. Exact matches of reviewed segments elsewhere in the project are reused
without the model. Machine translations are written fuzzy with notes naming
the engine, model and revision and the glossary terms. Catalogs are saved
atomically after each group of segments, so an interrupted run keeps what it
finished and a rerun continues.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from l10nflow.catalog_entry import (
    EntryState,
    GlossaryNote,
    MtNote,
    NoteKind,
    entry_state,
    is_changed,
)
from l10nflow.catalog_updates import (
    CatalogUpdate,
    Fill,
    NoteUpdates,
    save_update,
    write_updates,
)
from l10nflow.config import TranslateSettings
from l10nflow.conventions import LocaleSettings, apply_conventions
from l10nflow.document.formats import PLAIN_TEXT, DocumentFormat
from l10nflow.document.inline import MARKUP_MOVED, Protected
from l10nflow.extract import prepare_updates
from l10nflow.mt.base import Engine, TranslateOptions
from l10nflow.mt.enforce import EnforcedTranslation, translate_segments
from l10nflow.mt.postprocess import native_punctuation
from l10nflow.project import Project

GROUP_SIZE = 64  # segments translated between two saves

EngineFactory = Callable[[str, str], Engine]
Progress = Callable[[int], None]


@dataclass
class TranslateReport:
    """What a translate run did."""

    updates: list[CatalogUpdate] = field(default_factory=list)
    machine_translated: int = 0
    reused: int = 0
    reviewed_kept: int = 0
    machine_kept: int = 0
    terms_required: int = 0
    terms_met: int = 0
    model_calls: int = 0
    warnings: list[str] = field(default_factory=list)
    engines: list[str] = field(default_factory=list)
    interrupted: bool = False
    yielded: int = 0  # entries a translator filled on disk during the run: left as they are
    from_memory: int = 0  # fuzzy memory matches inserted instead of MT

    @property
    def term_success(self) -> str:
        return f"{self.terms_met}/{self.terms_required}"


@dataclass
class _Work:
    """Entries of several catalogs that share one source text and language pair."""

    text: str
    fmt: DocumentFormat = PLAIN_TEXT  # its inline markup is kept away from the engine
    entries: list[tuple[CatalogUpdate, str]] = field(default_factory=list)  # (catalog, msgid)
    suggestion: NoteUpdates = ()  # a fuzzy memory match, as a note


def normalise_space(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def translate_project(
    project: Project,
    files: Sequence[str | Path] = (),
    *,
    engine_factory: EngineFactory,
    settings: TranslateSettings | None = None,
    glossary=None,
    source_lang: str | None = None,
    targets: Sequence[str] = (),
    encoding: str | None = None,
    on_plan: Callable[[int], None] | None = None,
    on_progress: Progress | None = None,
    retranslate_changed: bool = False,
    purge_obsolete: bool = False,
    save_every: int = GROUP_SIZE,
    memory_threshold: float | None = None,
    prefer_memory: bool | None = None,
) -> TranslateReport:
    """Translate the empty entries of the given (or all) documents' catalogs.

    ``engine_factory(source, target)`` is called at most once per language pair,
    and only when that pair has something left to translate. With
    ``retranslate_changed``, entries whose source was edited (fuzzy, with the
    old source as ``#| msgid``) are machine-translated afresh too.
    """
    settings = settings or project.config.translate
    if memory_threshold is None:
        memory_threshold = settings.memory_threshold  # the project's [translate], unless given
    if prefer_memory is None:
        prefer_memory = settings.prefer_memory
    updates = prepare_updates(
        project,
        files,
        source_lang=source_lang,
        targets=targets,
        encoding=encoding,
        purge_obsolete=purge_obsolete,
    )
    report = TranslateReport(updates=updates)
    with _project_memory(project) as memory:
        work = _plan(updates, report, memory, retranslate_changed, memory_threshold, prefer_memory)
        engines = {pair: engine_factory(*pair) for pair in work}  # fail before writing anything
    write_updates(updates)
    if on_plan:
        on_plan(sum(len(items) for items in work.values()))
    options = TranslateOptions(
        num_beams=settings.num_beams,
        num_hypotheses=settings.num_hypotheses,
        max_batch_tokens=settings.max_batch_tokens,
    )
    try:
        digest = glossary.digest if glossary is not None else None
        for pair, items in work.items():
            engine = engines[pair]
            provenance = str(engine.provenance(options, digest))
            report.engines.append(provenance)
            queue = list(items.values())
            groups = [queue[i : i + save_every] for i in range(0, len(queue), save_every)]
            for group, results in _translated(engine, groups, options, glossary):
                locales = project.config.locale
                for update in _apply(group, results, engine, provenance, settings, report, locales):
                    save_update(update)
                if on_progress:
                    on_progress(len(group))
    except KeyboardInterrupt:
        report.interrupted = True  # every finished group is saved; a rerun continues
    for update in updates:
        kinds = [fill.kind for fill in update.fills.values()]
        report.machine_translated += kinds.count("mt")
        report.reused += kinds.count("reuse")
        report.from_memory += kinds.count("memory")
        report.yielded += update.yielded
    for engine in engines.values():
        report.model_calls += engine.stats.model_calls
        report.warnings.extend(engine.stats.warnings)
    return report


def _translated(
    engine: Engine, groups: list[list[_Work]], options: TranslateOptions, glossary
) -> Iterator[tuple[list[_Work], list[EnforcedTranslation]]]:
    """Each group with its translations: in order from a local engine, or as they finish
    from an engine that translates whole groups itself (a Ray pool, mt.ray_backend).
    Either way the engine sees no inline markup (:func:`translate_with_markup`)."""
    if hasattr(engine, "translate_groups"):
        guards = [[w.fmt.inline.protect(w.text) for w in group] for group in groups]
        batches = [[guard.text for guard in batch] for batch in guards]
        for index, results in engine.translate_groups(batches, options):
            yield groups[index], _restored(results, guards[index])
        return
    for group in groups:
        texts, formats = [w.text for w in group], [w.fmt for w in group]
        yield group, translate_with_markup(engine, texts, formats, options, glossary)


def translate_with_markup(
    engine: Engine,
    texts: Sequence[str],
    formats: Sequence[DocumentFormat],
    options: TranslateOptions,
    glossary=None,
) -> list[EnforcedTranslation]:
    """:func:`~l10nflow.mt.enforce.translate_segments` for segments of documents (one format
    each): the engine gets them without their inline markup, which is put back after it
    by word alignment, the glossary terms as anchors; ``markup_moved`` says a tag could
    only be placed by relative position."""
    guards = [fmt.inline.protect(text) for text, fmt in zip(texts, formats, strict=True)]
    results = translate_segments(engine, [guard.text for guard in guards], options, glossary)
    return _restored(results, guards)


def _restored(
    results: list[EnforcedTranslation], guards: Sequence[Protected]
) -> list[EnforcedTranslation]:
    for result, guard in zip(results, guards, strict=True):
        restored = guard.restore(result.text, result.anchors)
        result.text, result.markup_moved = restored.text, restored.moved
    return results


def _plan(
    updates: Sequence[CatalogUpdate],
    report: TranslateReport,
    memory,
    retranslate_changed: bool,
    memory_threshold: float,
    prefer_memory: bool,
) -> dict[tuple[str, str], dict[str, _Work]]:
    """Fill what the memory can; return what is left for MT, per language pair and text."""
    work: dict[tuple[str, str], dict[str, _Work]] = defaultdict(dict)
    useful: dict[tuple[str, str], bool] = {}  # per pair: does the memory hold anything for it?
    for update in updates:
        pair = (update.document.lang, update.target)
        if pair not in useful:
            useful[pair] = memory is not None and memory.holds(*pair)
        pair_memory = memory if useful[pair] else None
        for entry in update.catalog:
            if entry.obsolete:
                continue
            state = entry_state(entry)
            if retranslate_changed and is_changed(entry):
                _queue(work[pair], update, entry.msgid)
            elif state is EntryState.REVIEWED:
                report.reviewed_kept += 1
            elif state in (EntryState.MACHINE, EntryState.MEMORY):
                report.machine_kept += 1
            elif state is EntryState.EMPTY:
                fill, suggestion = _from_memory(
                    pair_memory, entry.msgid, pair, memory_threshold, prefer_memory
                )
                if fill is not None:
                    update.fill(entry.msgid, fill)
                else:
                    _queue(work[pair], update, entry.msgid, suggestion)
    return work


def _queue(items: dict[str, _Work], update: CatalogUpdate, msgid: str, suggestion=()) -> None:
    """Add an entry to the MT work of its pair; identical texts share one model call."""
    item = items.setdefault(normalise_space(msgid), _Work(msgid, update.document.file_format))
    item.entries.append((update, msgid))
    item.suggestion = suggestion or item.suggestion


def _apply(
    group: Sequence[_Work],
    results: Sequence[EnforcedTranslation],
    engine: Engine,
    provenance: str,
    settings: TranslateSettings,
    report: TranslateReport,
    locales: Mapping[str, LocaleSettings] | None = None,
) -> list[CatalogUpdate]:
    touched: dict[int, CatalogUpdate] = {}
    for work, result in zip(group, results, strict=True):
        text = apply_conventions(result.text, engine.target_lang, locales or {})  # [locale]
        if settings.target_punctuation == "native":
            text = native_punctuation(text, engine.target_lang)
        terms = [GlossaryNote(t.source, t.target) for t in result.terms]
        terms += [GlossaryNote(t.source, t.target, missing=True) for t in result.missing]
        report.terms_required += len(result.terms)
        report.terms_met += len(result.terms) - len(result.missing)
        fill = Fill(
            text,
            (
                (NoteKind.MT, (MtNote(provenance, result.method),)),
                (NoteKind.GLOSSARY, tuple(terms)),
                (NoteKind.MARKUP, (MARKUP_MOVED,) if result.markup_moved else ()),
                *work.suggestion,
            ),
            replaces_changed=True,
        )
        for update, msgid in work.entries:
            if update.fill(msgid, fill):  # never overwrites what someone else filled
                touched[id(update)] = update
    return list(touched.values())


@contextmanager
def _project_memory(project: Project) -> Iterator:
    """The project's translation memory, synced with its PO files (None without a project)."""
    if not project.has_file:
        yield None
        return
    from l10nflow.tm import project_memory
    from l10nflow.tm.store import MEMORY_PATH

    path = project.root / MEMORY_PATH
    existed = path.exists()
    memory = project_memory(project)
    try:
        yield memory
    except BaseException:
        memory.close()
        if not existed:  # a run refused before it wrote anything leaves no memory behind
            for leftover in (path, path.with_name(path.name + "-journal")):
                leftover.unlink(missing_ok=True)
        raise
    memory.close()


def _from_memory(
    memory, source: str, pair: tuple[str, str], threshold: float, prefer_memory: bool
) -> tuple[Fill | None, NoteUpdates]:
    """What the memory offers a segment: a fill (no MT needed), or a note to add to its MT.

    An exact match (whitespace and Arabic normalisation ignored) of a reviewed
    translation is reused. A fuzzy match at or above ``threshold`` is inserted
    (fuzzy) when ``prefer_memory``; otherwise MT runs and the match becomes a
    ``#. tm:`` note for the translator.
    """
    if memory is None:
        return None, ()
    exact = memory.exact(source, *pair)
    if exact is not None:
        note = (NoteKind.REUSED, (f"reviewed translation from {exact.unit.document or 'memory'}",))
        return Fill(exact.unit.target, (note,), kind="reuse"), ()
    matches = memory.fuzzy(source, *pair, threshold=threshold, limit=1)
    if not matches:
        return None, ()
    best = matches[0]
    origin = f"{best.score:.0%} from {best.unit.document or 'memory'}: {best.unit.source}"
    if prefer_memory:
        return Fill(best.unit.target, ((NoteKind.MEMORY, (origin,)),), kind="memory"), ()
    return None, ((NoteKind.MEMORY, (f"{origin} → {best.unit.target}",)),)
