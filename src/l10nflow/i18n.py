"""The tool's own messages in the user's language: gettext with the catalog shipped in the package.

The language comes from ``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES`` and ``LANG``
(gettext's order: ``LANG=ar_QA.UTF-8`` finds ``ar``); without a catalog for it,
messages stay English. Sources: ``locales/l10nflow.pot`` and
``locales/<lang>/LC_MESSAGES/l10nflow.po`` (``make messages``); the compiled
``.mo`` ships as package data under ``l10nflow/locale/``.

Mark a message with :func:`_` (or :func:`N_` where it is only registered, and
translated later with :func:`_`); command docstrings are translated by
:func:`localise_command` and extracted by :func:`extract_cli` (see ``babel.cfg``).
File names and numbers put into a right-to-left message go through
:func:`isolate`, so that the terminal's bidi algorithm cannot reorder them.
"""

from __future__ import annotations

import ast
import gettext
import inspect
import re
import sys
from collections.abc import Iterator
from functools import lru_cache
from io import BytesIO
from pathlib import Path
from typing import Any

import click

from l10nflow.languages import PROFILES

DOMAIN = "l10nflow"
LOCALE_DIR = Path(__file__).parent / "locale"
_RTL_LANGUAGES = ("ar", "fa", "he", "ur")
FSI, PDI = "\u2068", "\u2069"  # FIRST STRONG ISOLATE ... POP DIRECTIONAL ISOLATE


@lru_cache(maxsize=1)
def translation() -> gettext.NullTranslations:
    """The catalog for the user's language (a pass-through one when there is none, or when
    the terminal's encoding cannot show the language: English beats escapes)."""
    catalog = gettext.translation(DOMAIN, str(LOCALE_DIR), fallback=True)
    sample = catalog.gettext("Usage:")
    for stream in (sys.stdout, sys.stderr):
        try:
            sample.encode(getattr(stream, "encoding", None) or "utf-8")
        except (UnicodeEncodeError, LookupError):
            return gettext.NullTranslations()
    return catalog


def _(message: str) -> str:
    """``message`` in the user's language (its left-to-right runs isolated when it is RTL)."""
    translated = translation().gettext(message)
    return isolate_ltr(translated) if translated != message and is_rtl() else translated


def plain(message: str) -> str:
    """``message`` translated with no bidi isolates: for lines that are escaped before printing
    (error lines show every bidi control as an escape, so that no file name can garble them)."""
    return translation().gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a message for ``count`` (Arabic has six)."""
    translated = translation().ngettext(singular, plural, count)
    return (
        isolate_ltr(translated) if translated not in (singular, plural) and is_rtl() else translated
    )


# A left-to-right run inside a right-to-left message: words of Latin letters or digits (an option
# such as --fallback, a file name, a {placeholder}, "Translate Toolkit"), joined by spaces.
_ARABIC = PROFILES["ar"].script_ranges
_LTR_WORD = rf"[-{{<`'%#~./]*[A-Za-z0-9](?:[^\s{_ARABIC}]*[A-Za-z0-9}}>`'_*/%])?"
_LTR_RUN = re.compile(rf"{_LTR_WORD}(?: {_LTR_WORD})*")


def isolate_ltr(text: str) -> str:
    """``text`` with each left-to-right run between FSI and PDI, so a terminal's bidi algorithm
    keeps options, file names and numbers in their order inside right-to-left text."""
    return _LTR_RUN.sub(lambda m: f"{FSI}{m.group(0)}{PDI}", text)


def N_(message: str) -> str:
    """Marks ``message`` for extraction only; :func:`_` translates it where it is shown."""
    return message


def is_rtl() -> bool:
    """Whether messages are shown in a right-to-left language."""
    language = translation().info().get("language", "")
    return language.split("_")[0] in _RTL_LANGUAGES


def isolate(value: Any) -> str:
    """``value`` (a file name, a number) isolated from the surrounding right-to-left text."""
    return f"{FSI}{value}{PDI}" if is_rtl() else str(value)


def localise_command(command: click.Command) -> click.Command:
    """Translate a command's help (its docstring) and its subcommands', once."""
    if getattr(command, "_l10nflow_localised", False):
        return command
    if command.help:
        command.help = _(inspect.cleandoc(command.help))
    if command.short_help:
        command.short_help = _(command.short_help)
    command._l10nflow_localised = True  # type: ignore[attr-defined]
    for sub in getattr(command, "commands", {}).values():
        localise_command(sub)
    return command


def install_click() -> None:
    """Let click's own words (Usage:, Options, its errors) come from this catalog.

    click looks them up with :func:`gettext.gettext`, in the application's text
    domain; the command line is the application, so it names ours.
    """
    gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    gettext.textdomain(DOMAIN)


# click's messages that our users see, so that they are extracted into our catalog.
CLICK_MESSAGES = (
    N_("Usage:"),
    N_("Options"),
    N_("Commands"),
    N_("Show this message and exit."),
    N_("Show the version and exit."),
    N_("%(prog)s, version %(version)s"),
    N_("default: {default}"),
    N_("Error: {message}"),
    N_("Try '{command} {option}' for help."),
    N_("No such command {name!r}."),
    N_("No such option {name!r}."),
    N_("Missing argument"),
    N_("Missing option"),
    N_("Invalid value for {param_hint}: {message}"),
    N_("Missing command."),
    N_("Aborted!"),
)


def extract_cli(
    fileobj, keywords, comment_tags, options
) -> Iterator[tuple[int, str, Any, list[str]]]:
    """A babel extractor: ``_()``/``N_()`` calls as babel's Python extractor finds them, plus
    the docstrings of click commands and groups (their help, shown by ``--help``)."""
    from babel.messages.extract import extract_python

    source = fileobj.read()
    yield from extract_python(BytesIO(source), keywords, comment_tags, options)
    tree = ast.parse(source.decode(options.get("encoding", "utf-8")))
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and any(map(_is_command, node.decorator_list)):
            docstring = ast.get_docstring(node, clean=True)
            if docstring:
                yield node.body[0].lineno, "_", docstring, []


def _is_command(decorator: ast.expr) -> bool:
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
    return name in ("command", "group")
