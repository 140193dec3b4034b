"""``l10nflow glossary``: lint, lookup, import (TBX → CSV) and export (→ TBX or CSV).

Thin: parses arguments, calls :mod:`l10nflow.glossary`, formats the results.
Without file arguments the commands use the project's glossaries
(listed in ``l10nflow.toml``).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from l10nflow.check.report import printable
from l10nflow.cli.output import display_path, note, print_json
from l10nflow.errors import InputError, UsageError
from l10nflow.fsutil import atomic_write_text, read_input
from l10nflow.glossary import (
    Glossary,
    GlossaryEntry,
    TermMatch,
    dump_csv,
    dump_tbx,
    lint_glossary,
    read_tbx,
)
from l10nflow.i18n import _
from l10nflow.languages import NEUTRAL, script_language

_FILES = click.Path(path_type=Path, dir_okay=False)


def _glossary_paths(given: tuple[Path, ...]) -> list[Path]:
    """The files named, else the project's glossaries; a usage error when there are none."""
    from l10nflow.project import Project

    paths = list(given) or Project.discover().glossary_paths()
    if not paths:
        raise UsageError("no glossary files: name them, e.g. glossaries/defense.csv")
    return paths


@click.group()
def glossary() -> None:
    """Glossary tools: lint, lookup, import and export (TBX)."""


@glossary.command("lint")
@click.argument("files", nargs=-1, type=_FILES)
@click.option(
    "--suggest-forms",
    is_flag=True,
    help=_("Also propose broken plurals for the plural:ar column (needs arramooz-pysqlite)."),
)
@click.pass_context
def lint_cmd(ctx: click.Context, files: tuple[Path, ...], suggest_forms: bool) -> None:
    """Check glossary files; exit 0 clean, 1 findings, 2 unreadable or malformed files.

    Suggestions (--suggest-forms) are printed after the findings and do not
    change the exit code.
    """
    paths = _glossary_paths(files)
    findings = lint_glossary(paths)
    for finding in findings:
        click.echo(printable(str(finding)))  # file content never drives the terminal
    if suggest_forms and not any(f.severity == "fatal" for f in findings):
        from l10nflow.glossary.plurals import suggest_plurals

        suggestions = suggest_plurals(Glossary.load(paths).entries)
        for suggestion in suggestions:
            click.echo(str(suggestion))
        note(ctx, f"{len(suggestions)} plural(s) suggested")
    fatal = any(f.severity == "fatal" for f in findings)
    note(ctx, f"{len(findings)} finding(s)")
    failing = any(f.severity in ("error", "warning") for f in findings)
    ctx.exit(2 if fatal else 1 if failing else 0)


def _read_text_file(path: Path) -> str:
    data = read_input(path, "file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError("not UTF-8 text", path=path, line=line) from None


def _lookup_text(text: str | None, file: Path | None) -> str:
    if text is not None and file is not None:
        raise UsageError("give TEXT or --file, not both")
    if text is not None:
        return text
    if file is not None:
        return _read_text_file(file)
    if sys.stdin is None or sys.stdin.isatty():
        raise UsageError("give TEXT, --file F, or text on stdin")
    return sys.stdin.read()


def _guess_lang(text: str) -> str:
    return script_language(text) or NEUTRAL


_SHORT_QUERY = 6  # words: up to this many, lookup also finds the entries whose forms hold them


@glossary.command("lookup")
@click.argument("text", required=False)
@click.option("--lang", help=_("Language of the text (default: guessed from its script)."))
@click.option(
    "--glossary", "-g", "glossaries", multiple=True, type=_FILES, help=_("Glossary file.")
)
@click.option("--file", "file", type=_FILES, help=_("Read the text from this file."))
@click.option("--json", "as_json", is_flag=True, help=_("Machine-readable output."))
@click.pass_context
def lookup_cmd(
    ctx: click.Context,
    text: str | None,
    lang: str | None,
    glossaries: tuple[Path, ...],
    file: Path | None,
    as_json: bool,
) -> None:
    """Find glossary terms (and forbidden forms) in TEXT, a --file, or stdin.

    A short TEXT (a word or a phrase) also finds every entry that has it among
    its accepted, forbidden or plural forms, in any language. Each entry is
    shown with all its forms and its note.
    """
    loaded = Glossary.load(_glossary_paths(glossaries))
    source = _lookup_text(text, file)
    lang = lang or _guess_lang(source)
    if lang not in loaded.languages:
        have = ", ".join(loaded.languages) or "none"
        raise UsageError(f"the glossary has no '{lang}' forms (languages: {have})")
    found = [("term", m) for m in loaded.find_terms(source, lang)]
    found += [("forbidden", m) for m in loaded.find_forbidden(source, lang)]
    found.sort(key=lambda item: (item[1].start, item[0]))
    shown = {m.entry for _, m in found}
    named: list[tuple[GlossaryEntry, str]] = []
    if len(source.split()) <= _SHORT_QUERY:
        named = [(entry, form) for entry, form in loaded.lookup(source) if entry not in shown]
    if as_json:
        print_json(
            {
                "lang": lang,
                "glossary_digest": loaded.digest,
                "matches": [_match_json(kind, m) for kind, m in found],
                "entries": [_entry_json(entry, form) for entry, form in named],
            }
        )
        return
    for kind, match in found:
        click.echo(_match_line(kind, match))
    for entry, form in named:
        click.echo(_entry_line(entry, form, source.strip()))
    note(ctx, f"{len(found)} match(es) in {len(source)} characters, {len(named)} other entries")


def _location(entry: GlossaryEntry) -> str:
    return f"{display_path(Path(entry.source))}:{entry.row}" if entry.source else "-"


def _match_line(kind: str, match: TermMatch) -> str:
    entry = match.entry
    if kind == "forbidden":
        use = " | ".join(entry.forms.get(match.lang, ()))
        others = f"use: {use}" if use else _translations(entry, match.lang)
        head = f"FORBIDDEN  {others}"
    else:
        head = f"[{match.form}]  {_translations(entry, match.lang)}"
    line = f"{match.start}:{match.end}  {match.surface}  {head}  ({_location(entry)})"
    own = entry.forms.get(match.lang, ())
    if len(own) > 1:
        line += f"  {match.lang}: {' | '.join(own)}"
    return _with_note(line, entry)


def _entry_line(entry: GlossaryEntry, form: str, query: str) -> str:
    """An entry that holds the query in one of its forms, with all its forms."""
    cells = "  ".join(f"{lang}: {' | '.join(forms)}" for lang, forms in entry.forms.items())
    line = f"-  {query}  [{form}]  {cells}  ({_location(entry)})"
    return _with_note(line, entry)


def _with_note(line: str, entry: GlossaryEntry) -> str:
    extras = [
        f"forbidden {lang}: {' | '.join(forms)}" for lang, forms in entry.forbidden.items() if forms
    ]
    if entry.context:
        extras.append(f"context: {entry.context}")
    if entry.note:
        extras.append(entry.note)
    return "  ".join([line, *extras])


def _translations(entry: GlossaryEntry, lang: str) -> str:
    pairs = [f"{x}: {' | '.join(forms)}" for x, forms in entry.forms.items() if x != lang and forms]
    return "  ".join(pairs) or "-"


def _entry_fields(entry: GlossaryEntry) -> dict[str, Any]:
    return {
        "preferred": {lang: forms[0] for lang, forms in entry.forms.items() if forms},
        "forms": {lang: list(forms) for lang, forms in entry.forms.items()},
        "forbidden": {lang: list(forms) for lang, forms in entry.forbidden.items()},
        "note": entry.note,
        "context": entry.context,
        "source": entry.source,
        "row": entry.row,
    }


def _entry_json(entry: GlossaryEntry, form: str) -> dict[str, Any]:
    return {"form": form, **_entry_fields(entry)}


def _match_json(kind: str, match: TermMatch) -> dict[str, Any]:
    return {
        "kind": kind,
        "start": match.start,
        "end": match.end,
        "surface": match.surface,
        "form": match.form,
        "form_index": match.form_index,
        "normalized": match.normalized,
        "prefix": match.prefix,
        "suffix": match.suffix,
        "variant": match.variant,
        **_entry_fields(match.entry),
        "alternatives": [
            {
                "preferred": {lang: f[0] for lang, f in alt.forms.items()},
                "source": alt.source,
                "row": alt.row,
            }
            for alt in match.alternatives
        ],
    }


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        click.echo(text, nl=False)
    else:
        atomic_write_text(output, text)


@glossary.command("import")
@click.argument("file", type=_FILES)
@click.option("-o", "--output", type=_FILES, help=_("CSV file to write (default: stdout)."))
@click.option("--force", is_flag=True, help=_("Replace the output file if it exists."))
@click.pass_context
def import_cmd(ctx: click.Context, file: Path, output: Path | None, force: bool) -> None:
    """Convert a TBX file to a glossary CSV (never over an existing glossary without --force)."""
    if output is not None and output.exists() and not force:
        raise UsageError(
            f"{display_path(output)} exists: a glossary is curated work; "
            "choose another file or pass --force"
        )
    entries = read_tbx(file)
    _emit(dump_csv(entries), output)
    note(ctx, f"{len(entries)} entries imported from {display_path(file)}")


@glossary.command("export")
@click.argument("files", nargs=-1, type=_FILES)
@click.option(
    "--format", "fmt", type=click.Choice(["tbx", "csv"]), default="tbx", show_default=True
)
@click.option("-o", "--output", type=_FILES, help=_("File to write (default: stdout)."))
@click.pass_context
def export_cmd(ctx: click.Context, files: tuple[Path, ...], fmt: str, output: Path | None) -> None:
    """Write glossaries (CSV or TBX) as one TBX-Basic file, or as one merged CSV."""
    loaded = Glossary.load(_glossary_paths(files))
    text = dump_tbx(loaded) if fmt == "tbx" else dump_csv(loaded.entries, loaded.languages)
    _emit(text, output)
    note(ctx, f"{len(loaded)} entries exported ({fmt}, digest {loaded.digest})")
