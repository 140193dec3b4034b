"""The ``l10nflow`` command line: a thin shell over the library.

Each command parses its arguments, calls library functions and formats their
results. User-facing errors (:class:`l10nflow.errors.L10nError`) become one
line on stderr and an exit code here, in one place.

Start-up stays fast: a command's module is imported only when that command
runs (``--help`` lists them from the table below without importing any), and
nothing imports torch or transformers until a command needs a model.
"""

from __future__ import annotations

import importlib
import sys

import click

from l10nflow import __version__
from l10nflow.errors import L10nError

# name -> (module, attribute, one-line help shown by `l10nflow --help`), in display order.
COMMANDS: dict[str, tuple[str, str, str]] = {
    "init": ("workflow_cmds", "init", "Write a commented l10nflow.toml, glossaries/, locales/."),
    "segment": ("workflow_cmds", "segment", "Print the segments of an article (or JSON)."),
    "extract": ("workflow_cmds", "extract", "Create or update PO catalogs; keep translations."),
    "translate": ("translate_cmd", "translate", "Extract, reuse, machine-translate into PO."),
    "assemble": ("workflow_cmds", "assemble", "Rebuild translated articles from PO catalogs."),
    "status": ("workflow_cmds", "status", "Reviewed / fuzzy / untranslated per catalog."),
    "check": ("check_cmd", "check", "QA for CI: glossary, consistency, numbers, catalogs."),
    "glossary": ("glossary_cmd", "glossary", "Glossary tools: lint, lookup, import, export."),
    "tm": ("tm_cmd", "tm", "Translation memory: TMX export and import, lookup."),
    "models": ("models_cmd", "models", "Models per language pair: list, pull, verify, convert."),
}


class L10nGroup(click.Group):
    """Lazily loaded commands; :class:`L10nError` becomes one line and an exit code."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module, attribute, _ = COMMANDS[name]
        return getattr(importlib.import_module(f"l10nflow.cli.{module}"), attribute)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, short) for name, (_, _, short) in COMMANDS.items()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except L10nError as error:
            click.echo(f"l10nflow: error: {error}", err=True)
            ctx.exit(error.exit_code)
        except KeyboardInterrupt:
            click.echo("l10nflow: interrupted", err=True)
            ctx.exit(130)


@click.group(cls=L10nGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="l10nflow")
@click.option("-q", "--quiet", is_flag=True, help="No progress or summaries on stderr.")
@click.pass_context
def main(ctx: click.Context, quiet: bool) -> None:
    """Arabic<->English translation workflow: segment, translate, review in PO, assemble, check."""
    ctx.ensure_object(dict)
    ctx.obj["quiet"] = quiet
    ctx.obj["progress"] = not quiet and sys.stderr.isatty()
