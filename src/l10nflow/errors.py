"""Typed, user-facing errors.

Every failure a user can cause (bad input, bad usage, missing model) is one of
these. The CLI turns them into one line on stderr and an exit code, in one
place; a traceback reaching a user is a bug.
"""

from __future__ import annotations

from pathlib import Path


class L10nError(Exception):
    """Base of all user-facing errors: a message, optionally a file and line."""

    exit_code = 2

    def __init__(self, message: str, *, path: str | Path | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return f"{where}{self.message}"


class UsageError(L10nError):
    """The command was called wrongly (unknown option value, no files, ...)."""


class InputError(L10nError):
    """An input file is unreadable, empty, mis-encoded or malformed."""


class ConfigError(InputError):
    """``l10nflow.toml`` is malformed (unknown key, wrong type, bad value)."""


class CatalogError(InputError):
    """A PO file cannot be parsed at msgfmt strictness."""


class GlossaryError(InputError):
    """A glossary file (CSV or TBX) is malformed."""


class OutputError(L10nError):
    """An output cannot be written (read-only, a folder, disk full, ...)."""


class UnsafeOutput(L10nError):
    """An assembled document would carry markup its source does not have (refused)."""


class ModelError(L10nError):
    """A translation model cannot be found, loaded or used for the pair."""


class Incomplete(L10nError):
    """A job could not be completed as asked (e.g. ``--fallback fail`` with missing entries)."""

    exit_code = 1
