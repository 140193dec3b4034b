"""``l10nflow translate``: extract, reuse, machine-translate into the PO catalogs."""

from __future__ import annotations

import signal
from contextlib import contextmanager, nullcontext
from dataclasses import replace
from pathlib import Path

import click

from l10nflow.cli.output import (
    display_path,
    guess_note,
    note,
    progress_note,
    warn,
    warn_documents,
)
from l10nflow.config import LANGUAGES, TRANSLATE_MAXIMUM
from l10nflow.engines import engine_choices
from l10nflow.i18n import _, isolate
from l10nflow.project import Project

LANG = click.Choice(LANGUAGES)


@click.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--from", "source", type=LANG, help=_("Language of the articles."))
@click.option("--to", "targets", type=LANG, multiple=True, help=_("Target language (repeatable)."))
@click.option(
    "--glossary",
    "glossaries",
    multiple=True,
    type=click.Path(path_type=Path),
    help=_("Glossary CSV (repeatable; default: the project's)."),
)
@click.option("--model", help=_("Model: hub id or local folder (default: the project's per pair)."))
@click.option(
    "--engine",
    type=click.Choice(engine_choices()),
    help=_("Translation engine (default auto: ctranslate2 int8 when installed)."),
)
@click.option(
    "--batch-size",
    "max_batch_tokens",
    type=click.IntRange(1, TRANSLATE_MAXIMUM["max_batch_tokens"]),
    help=_("Batch size as a budget of source tokens."),
)
@click.option(
    "--num-beams",
    type=click.IntRange(1, TRANSLATE_MAXIMUM["num_beams"]),
    help=_("Beam size (1 = greedy)."),
)
@click.option("--device", type=click.Choice(["auto", "cpu", "cuda"]), help=_("Where to run."))
@click.option("--quantize", type=click.Choice(["none", "int8"]), help=_("int8: faster on CPU."))
@click.option(
    "--threads",
    type=click.IntRange(1, TRANSLATE_MAXIMUM["threads"]),
    help=_("CPU threads (default: the engine's, from the cores)."),
)
@click.option("--encoding", help=_("Encoding of the articles (default: UTF-8)."))
@click.option(
    "--retranslate-changed",
    is_flag=True,
    help=_("Also machine-translate entries whose source was edited (their kept translation)."),
)
@click.option("--purge-obsolete", is_flag=True, help=_("Drop obsolete (#~) entries."))
@click.option(
    "--save-every",
    type=click.IntRange(1),
    default=64,
    show_default=True,
    help=_("Segments translated between two saves of the catalogs."),
)
@click.option("--no-wait", is_flag=True, help=_("Fail at once if another run holds the project."))
@click.option(
    "--ray",
    "use_ray",
    is_flag=True,
    help=_("Machine-translate on Ray workers, one model each (pip install 'l10nflow[ray]')."),
)
@click.option(
    "--ray-address",
    metavar="ADDRESS",
    help=_("Join this Ray cluster (implies --ray; default: start a local Ray instance)."),
)
@click.option("--ray-workers", type=click.IntRange(1, 4096), help=_("Ray workers (default: 2)."))
@click.pass_context
def translate(
    ctx,
    files,
    source,
    targets,
    glossaries,
    model,
    engine,
    max_batch_tokens,
    num_beams,
    device,
    quantize,
    threads,
    encoding,
    retranslate_changed,
    purge_obsolete,
    save_every,
    no_wait,
    use_ray,
    ray_address,
    ray_workers,
) -> None:
    """Extract, then fill empty PO entries with machine translation (written fuzzy).

    Reviewed entries are never touched; entries that already hold a machine
    translation are not translated again. Ctrl-C (or SIGTERM) stops after the
    current write: what was finished is saved, and a rerun continues (exit 130).
    """
    from l10nflow.lock import project_lock
    from l10nflow.translate import translate_project

    project = Project.discover()
    settings = project.config.translate
    overrides = {
        "engine": engine,
        "max_batch_tokens": max_batch_tokens,
        "num_beams": num_beams,
        "device": device,
        "quantize": quantize,
        "threads": threads,
    }
    settings = replace(settings, **{k: v for k, v in overrides.items() if v is not None})
    glossary = project.load_glossary(glossaries)
    from l10nflow.mt.factory import EngineFactory

    engine_factory = EngineFactory.for_project(
        project,
        settings,
        model=model,
        on_load=lambda message: progress_note(ctx, message),
        progress=bool(ctx.find_root().obj["progress"]),
    )

    bar = None
    session = nullcontext()
    if use_ray or ray_address is not None or settings.backend == "ray":
        from l10nflow.mt.ray_backend import RayEngineFactory, RaySettings, ray_session

        ray_settings = RaySettings.from_translate(settings, ray_address)
        ray_settings = replace(ray_settings, workers=ray_workers or ray_settings.workers)
        engine_factory = RayEngineFactory(
            engine_factory,
            ray_settings,
            project.glossary_paths(glossaries),
            on_status=lambda alive, rate: (
                bar.set_postfix(workers=alive, tok_s=f"{rate:.0f}") if bar else None
            ),
        )
        session = ray_session(ray_settings)

    def on_plan(total: int) -> None:
        nonlocal bar
        if total and ctx.find_root().obj.get("progress"):
            from tqdm import tqdm

            bar = tqdm(total=total, unit="seg", desc="translating", leave=False)

    lock = project_lock(project.root, wait=not no_wait, on_wait=lambda m: note(ctx, m))
    try:
        with lock, session, sigterm_as_interrupt():
            report = translate_project(
                project,
                files,
                engine_factory=engine_factory,
                settings=settings,
                glossary=glossary,
                source_lang=source,
                targets=targets,
                encoding=encoding,
                on_plan=on_plan,
                on_progress=lambda n: bar.update(n) if bar else None,
                retranslate_changed=retranslate_changed,
                purge_obsolete=purge_obsolete,
                save_every=save_every,
            )
    finally:
        if bar is not None:
            bar.close()
    warn_documents(update.document for update in report.updates)
    guessed: set = set()
    for update in report.updates:
        if update.document.path not in guessed:
            guessed.add(update.document.path)
            guess_note(ctx, update.document, source, project, "--from")
    for message in report.warnings:
        warn(message)
    for update in report.updates:
        note(ctx, f"{isolate(display_path(update.path))}: {update.report}")
    for provenance in report.engines:
        note(ctx, _("engine: {provenance}").format(provenance=isolate(provenance)))
    summary = _(
        "translated {translated} entries, reused {reused}, kept {reviewed} reviewed and "
        "{earlier} earlier MT; model calls: {calls}; glossary terms: {terms}"
    ).format(
        translated=isolate(report.machine_translated),
        reused=isolate(report.reused),
        reviewed=isolate(report.reviewed_kept),
        earlier=isolate(report.machine_kept),
        calls=isolate(report.model_calls),
        terms=isolate(report.term_success),
    )
    if report.yielded:
        summary += _("; {count} entries edited by someone else during the run were kept").format(
            count=isolate(report.yielded)
        )
    if report.interrupted:
        message = _("l10nflow: interrupted; {summary}; finished work is saved, rerun to continue")
        click.echo(message.format(summary=summary), err=True)
        ctx.exit(130)
    note(ctx, summary)


@contextmanager
def sigterm_as_interrupt():
    """SIGTERM stops a run the way Ctrl-C does (after the current write, progress saved)."""

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
