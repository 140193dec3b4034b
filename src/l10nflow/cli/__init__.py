"""The ``l10nflow`` command line: a thin shell over the library.

Each command parses its arguments, calls library functions and formats their
results. User-facing errors (:class:`l10nflow.errors.L10nError`) become one
line on stderr and an exit code here, in one place. Nothing in this package
imports torch or transformers at import time: only commands that run a model
load them.
"""

from __future__ import annotations

import sys

import click

from l10nflow import __version__
from l10nflow.errors import L10nError


class L10nGroup(click.Group):
    """A click group that turns :class:`L10nError` into one line and an exit code."""

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


def _register_commands() -> None:
    from l10nflow.cli import (
        check_cmd,
        glossary_cmd,
        models_cmd,
        tm_cmd,
        translate_cmd,
        workflow_cmds,
    )

    for command in (
        workflow_cmds.init,
        workflow_cmds.segment,
        workflow_cmds.extract,
        translate_cmd.translate,
        workflow_cmds.assemble,
        workflow_cmds.status,
        check_cmd.check,
        glossary_cmd.glossary,
        tm_cmd.tm,
        models_cmd.models,
    ):
        main.add_command(command)


_register_commands()
