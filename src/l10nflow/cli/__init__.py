"""The ``l10nflow`` command line: a thin shell over the library.

Each command parses its arguments, calls library functions and formats their
results. User-facing errors (:class:`l10nflow.errors.L10nError`) become one
line on stderr and an exit code here, in one place; any other exception is a
bug and becomes one line too, with exit code 70 (``--debug`` shows its
traceback). Error lines are escaped so that no file name can garble them.

Start-up stays fast: a command's module is imported only when that command
runs (``--help`` lists them from the table below without importing any), and
nothing imports torch or transformers until a command needs a model.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
import traceback
import unicodedata

import click

from l10nflow import __version__
from l10nflow.errors import L10nError
from l10nflow.i18n import N_, _, install_click, localise_command, plain

install_click()  # click's own words (Usage:, Options) in the user's language too

# name -> (module, attribute, one-line help shown by `l10nflow --help`), in display order.
COMMANDS: dict[str, tuple[str, str, str]] = {
    "init": (
        "workflow_cmds",
        "init",
        N_("Write a commented l10nflow.toml, glossaries/, locales/."),
    ),
    "segment": ("workflow_cmds", "segment", N_("Print the segments of an article (or JSON).")),
    "extract": ("workflow_cmds", "extract", N_("Create or update PO catalogs; keep translations.")),
    "translate": ("translate_cmd", "translate", N_("Extract, reuse, machine-translate into PO.")),
    "assemble": ("workflow_cmds", "assemble", N_("Rebuild translated articles from PO catalogs.")),
    "status": ("workflow_cmds", "status", N_("Reviewed / fuzzy / untranslated per catalog.")),
    "check": ("check_cmd", "check", N_("QA for CI: glossary, consistency, numbers, catalogs.")),
    "glossary": ("glossary_cmd", "glossary", N_("Glossary tools: lint, lookup, import, export.")),
    "tm": ("tm_cmd", "tm", N_("Translation memory: TMX export and import, lookup.")),
    "models": (
        "models_cmd",
        "models",
        N_("Models per language pair: list, pull, verify, convert."),
    ),
    "export": ("exchange_cmd", "export_cmd", N_("Catalogs as XLIFF 1.2 for CAT tools.")),
    "import": (
        "exchange_cmd",
        "import_cmd",
        N_("Merge XLIFF back into the catalogs; reviewed kept."),
    ),
    "analyze": ("analyze_cmd", "analyze", N_("Words and segments per match band, for quoting.")),
    "review": ("review_cmd", "review", N_("Review desk in the browser (local), or its export.")),
}


class L10nGroup(click.Group):
    """Lazily loaded commands; :class:`L10nError` becomes one line and an exit code."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module, attribute, _ = COMMANDS[name]
        return localise_command(
            getattr(importlib.import_module(f"l10nflow.cli.{module}"), attribute)
        )

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, _(entry[2])) for name, entry in COMMANDS.items()]
        with formatter.section(_("Commands")):
            formatter.write_dl(rows)

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except L10nError as error:
            if _debug(ctx):
                traceback.print_exc()
            print_error(plain("l10nflow: error: {message}").format(message=error))
            ctx.exit(error.exit_code)
        except KeyboardInterrupt:
            print_error(plain("l10nflow: interrupted"))
            ctx.exit(130)
        except BrokenPipeError:  # `l10nflow segment FILE | head`: the reader left, not a bug
            _silence_stdout()
            ctx.exit(EXIT_BROKEN_PIPE)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as error:  # a bug: one line, its own exit code, traceback on request
            if _debug(ctx):
                traceback.print_exc()
            print_error(
                f"l10nflow: internal error: {type(error).__name__}: {error}; "
                "run with --debug for the traceback"
            )
            ctx.exit(EXIT_INTERNAL)


EXIT_INTERNAL = 70  # EX_SOFTWARE (sysexits.h): a bug, never a finding (1) or bad input (2)
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell reports for a killed pipe writer
# Bidirectional embeddings, overrides and isolates: printed raw, they reorder what a terminal
# shows (a file name could make an error line lie). Marks such as U+200F or U+061C stay.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _debug(ctx: click.Context) -> bool:
    return bool(ctx.params.get("debug")) or os.environ.get("L10NFLOW_DEBUG", "") not in ("", "0")


def printable(text: str) -> str:
    """``text`` safe for one terminal line: controls, bidi overrides and surrogates escaped.

    A surrogate-escaped byte of a non-UTF-8 file name shows as ``\\xNN``; ESC, CR, NUL,
    newlines (U+2028 and U+2029 included) and the bidi controls as ``\\x1b``, ``\\r``,
    ``\\u2028``, ``\\u202e``...
    """
    out = []
    for char in text:
        code = ord(char)
        if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
            out.append(f"\\x{code - 0xDC00:02x}")
        elif char == "\t":
            out.append(char)
        elif char in _BIDI_CONTROLS or unicodedata.category(char) in ("Cc", "Cs", "Zl", "Zp"):
            out.append(char.encode("unicode_escape", "backslashreplace").decode("ascii"))
        else:
            out.append(char)
    return "".join(out)


def print_error(message: str) -> None:
    """One line on stderr that never raises, whatever the message and the stream's encoding."""
    line = printable(message)
    stream = sys.stderr
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        line = line.encode(encoding, "backslashreplace").decode(encoding)
    except LookupError:
        line = line.encode("ascii", "backslashreplace").decode("ascii")
    with contextlib.suppress(OSError, ValueError):  # stderr closed or gone: nothing to tell
        click.echo(line, err=True)


def _silence_stdout() -> None:
    """After a broken pipe, point stdout at /dev/null so the interpreter's flush stays quiet."""
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


@click.group(cls=L10nGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="l10nflow")
@click.option("-q", "--quiet", is_flag=True, help=_("No progress or summaries on stderr."))
@click.option(
    "--debug",
    is_flag=True,
    help=_("Show the traceback of an error (also L10NFLOW_DEBUG=1); for bug reports."),
)
@click.pass_context
def main(ctx: click.Context, quiet: bool, debug: bool) -> None:
    """Arabic<->English translation workflow: segment, translate, review in PO, assemble, check."""
    ctx.ensure_object(dict)
    ctx.obj["quiet"] = quiet
    ctx.obj["debug"] = debug
    ctx.obj["progress"] = not quiet and sys.stderr.isatty()


localise_command(main)
