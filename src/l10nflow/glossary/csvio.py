"""Glossary CSV files: decoding, header, rows → entries, and writing them back.

Format: UTF-8 (a BOM is tolerated), comma-separated, one header row. Columns:
a language code per language (``ar``, ``en``; two letters, optionally with a
region such as ``en-gb``), ``forbidden:xx`` for forms to flag in language
``xx``, ``note``, and any other column (``context``, ``category``, ``case``,
``pos``…), kept as :attr:`GlossaryEntry.extra`. Column names are read in lower
case. A cell holds one or more forms separated by ``|``, preferred first.

Reading never stops at the first problem: :func:`parse_csv` returns the entries
and every :class:`Problem`; :func:`read_csv` raises :class:`GlossaryError` for
the first *fatal* one (the file cannot be used as a glossary); lint reports all.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from l10nflow.errors import GlossaryError, InputError
from l10nflow.fsutil import atomic_write_text, read_input
from l10nflow.glossary.entry import NOTE_COLUMN, GlossaryEntry
from l10nflow.textio import guess_legacy_encoding

__all__ = [
    "FORBIDDEN_PREFIX",
    "FORM_SEPARATOR",
    "ParsedCsv",
    "Problem",
    "dump_csv",
    "parse_csv",
    "read_csv",
    "write_csv",
]

FORM_SEPARATOR = "|"
FORBIDDEN_PREFIX = "forbidden:"
_LANGUAGE = re.compile(r"[a-z]{2}(?:-[a-z0-9]{2,8})*")
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_LEGACY_NAMES = {
    "windows-1256": "CP1256 (Windows Arabic)",
    "windows-1252": "CP1252 (Windows Latin)",
}


@dataclass(frozen=True)
class Problem:
    """Something wrong in a glossary file; ``fatal`` problems make the file unusable."""

    path: str
    line: int | None
    code: str
    message: str
    fatal: bool

    def error(self) -> GlossaryError:
        return GlossaryError(f"{self.message} [{self.code}]", path=self.path, line=self.line)


@dataclass
class ParsedCsv:
    """What :func:`parse_csv` found: the file's languages, its entries, its problems."""

    path: str
    languages: list[str] = field(default_factory=list)
    entries: list[GlossaryEntry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def fatal(self) -> Problem | None:
        return next((p for p in self.problems if p.fatal), None)


@dataclass
class _Columns:
    languages: list[tuple[int, str]] = field(default_factory=list)
    forbidden: list[tuple[int, str]] = field(default_factory=list)
    note: int | None = None
    extras: list[tuple[int, str]] = field(default_factory=list)
    unnamed: list[int] = field(default_factory=list)


class _Fatal(Exception):
    def __init__(self, code: str, message: str, line: int | None = None):
        super().__init__(message)
        self.code, self.message, self.line = code, message, line


# --- decoding ---------------------------------------------------------------------------


def _decode(data: bytes) -> str:
    if data.startswith(_UTF16_BOMS):
        raise _Fatal("not-utf8", "not UTF-8 but UTF-16; save the glossary as UTF-8 CSV")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        guess = guess_legacy_encoding(data)
        raise _Fatal(
            "not-utf8",
            f"not UTF-8 (byte 0x{data[error.start]:02x}; it looks like {_LEGACY_NAMES[guess]}); "
            f"convert it with `iconv -f {guess} -t UTF-8`",
            line,
        ) from None
    if not text.strip():
        raise _Fatal("empty-file", "empty glossary file (expected a header row such as ar,en)")
    return text


# --- parsing ----------------------------------------------------------------------------


def read_csv(path: str | Path) -> list[GlossaryEntry]:
    """The entries of a glossary CSV; raise GlossaryError for the first fatal problem."""
    parsed = parse_csv(path)
    if parsed.fatal:
        raise parsed.fatal.error()
    return parsed.entries


def parse_csv(path: str | Path) -> ParsedCsv:
    """Read a glossary CSV, collecting every problem instead of raising."""
    parsed = ParsedCsv(path=str(path))
    try:
        records = _records(_read_text(Path(path)))
        first = next((i for i, (_, rec) in enumerate(records) if any(map(str.strip, rec))), None)
        if first is None:
            raise _Fatal("empty-file", "glossary file has no header row (expected e.g. ar,en)")
        header_line, header = records[first]
        columns = _parse_header(header, header_line, parsed)
        if parsed.fatal is None:
            for line, record in records[first + 1 :]:
                _parse_row(record, line, len(header), columns, parsed)
    except _Fatal as fatal:
        parsed.problems.append(Problem(str(path), fatal.line, fatal.code, fatal.message, True))
    return parsed


def _read_text(path: Path) -> str:
    try:
        data = read_input(path, "glossary file", limit="glossary")
    except InputError as error:
        raise _Fatal("unreadable-file", error.message) from None
    return _decode(data)


def _records(text: str) -> list[tuple[int, list[str]]]:
    """(first line, cells) of every CSV record; raise _Fatal for malformed CSV."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[tuple[int, list[str]]] = []
    line = 1
    try:
        for record in reader:
            records.append((line, [unguard_formula(cell) for cell in record]))
            line = reader.line_num + 1
    except csv.Error as error:
        raise _Fatal("malformed-csv", f"malformed CSV: {error}", reader.line_num) from None
    return records


def _parse_header(header: list[str], line: int, parsed: ParsedCsv) -> _Columns:
    columns = _Columns()
    names = [cell.strip().lower() for cell in header]
    seen: set[str] = set()

    def fatal(code: str, message: str) -> None:
        parsed.problems.append(Problem(parsed.path, line, code, message, True))

    for index, name in enumerate(names):
        if not name:
            columns.unnamed.append(index)
            continue
        if name in seen:
            fatal("duplicate-column", f"column '{name}' appears twice in the header")
        seen.add(name)
        if name.startswith(FORBIDDEN_PREFIX):
            columns.forbidden.append((index, name[len(FORBIDDEN_PREFIX) :].strip()))
        elif name == NOTE_COLUMN:
            columns.note = index
        elif _LANGUAGE.fullmatch(name):
            columns.languages.append((index, name))
        else:
            columns.extras.append((index, name))
    languages = [lang for _, lang in columns.languages]
    parsed.languages = languages
    if len(languages) < 2:
        other_separator = any(";" in n or "\t" in n for n in names)
        hint = " (the separator must be a comma)" if other_separator else ""
        fatal(
            "missing-language-column",
            "header needs a column per language, e.g. 'ar,en'; found "
            f"{_describe_header(header)}{hint}",
        )
    for _, lang in columns.forbidden:
        if lang not in languages:
            fatal(
                "unknown-forbidden-language",
                f"column 'forbidden:{lang}' names no language column of this file",
            )
    return columns


_COLUMN_NAME = re.compile(r"[A-Za-z][A-Za-z0-9:_-]{0,23}")


def _describe_header(header: list[str]) -> str:
    """What a bad header holds, without quoting the file: a file that is not a glossary
    (a credentials file named by mistake, or by a hostile project file) must not end up
    in a CI log. Only cells shaped like column names are shown."""
    names = [cell.strip() for cell in header if cell.strip()]
    shown = [name for name in names if _COLUMN_NAME.fullmatch(name)]
    if not names:
        return "no column names"
    if len(shown) == len(names):
        return ", ".join(repr(name.lower()) for name in shown)
    return f"{len(names)} cell(s), not column names"


def _split_cell(cell: str) -> tuple[str, ...] | None:
    """The forms of a cell (empty tuple for an empty cell), or None if a form is empty."""
    if not cell.strip():
        return ()
    forms = tuple(form.strip() for form in cell.split(FORM_SEPARATOR))
    return None if not all(forms) else forms


def _parse_row(
    record: list[str], line: int, width: int, columns: _Columns, parsed: ParsedCsv
) -> None:
    if not any(cell.strip() for cell in record):
        return

    def problem(code: str, message: str, fatal: bool) -> None:
        parsed.problems.append(Problem(parsed.path, line, code, message, fatal))

    if any(cell.strip() for cell in record[width:]):
        problem(
            "extra-cells",
            f"row has {len(record)} cells but the header has {width}; "
            "quote cells that contain commas",
            True,
        )
        return
    cells = record + [""] * (width - len(record))

    def forms_of(pairs: list[tuple[int, str]], label: str) -> dict[str, tuple[str, ...]]:
        found: dict[str, tuple[str, ...]] = {}
        for index, lang in pairs:
            forms = _split_cell(cells[index])
            if forms is None:
                problem(
                    "empty-form",
                    f"cell '{label}{lang}' holds an empty form: {cells[index]!r}",
                    True,
                )
            elif forms:
                found[lang] = forms
        return found

    forms = forms_of(columns.languages, "")
    forbidden = forms_of(columns.forbidden, FORBIDDEN_PREFIX)
    for index, lang in columns.languages:
        if not cells[index].strip():
            problem("empty-cell", f"no '{lang}' form in this row", False)
    if any(cells[index].strip() for index in columns.unnamed):
        problem("unnamed-column", "a cell under a column without a name is ignored", False)
    if not forms and not forbidden:
        return
    note = cells[columns.note].strip() if columns.note is not None else ""
    extra = {name: cells[index].strip() for index, name in columns.extras if cells[index].strip()}
    parsed.entries.append(
        GlossaryEntry(forms, forbidden, note, extra, source=parsed.path, row=line)
    )


# --- writing ----------------------------------------------------------------------------


def dump_csv(entries: Sequence[GlossaryEntry], languages: Sequence[str] | None = None) -> str:
    """The glossary as CSV text (UTF-8 without BOM, ``\\n`` line ends)."""
    langs = list(languages or dict.fromkeys(lang for e in entries for lang in e.forms))
    for entry in entries:
        langs += [lang for lang in entry.forbidden if lang not in langs]
    forbidden = [lang for lang in langs if any(lang in e.forbidden for e in entries)]
    has_note = any(e.note for e in entries)
    extras = list(dict.fromkeys(name for e in entries for name in e.extra))
    header = langs + [FORBIDDEN_PREFIX + lang for lang in forbidden]
    header += [NOTE_COLUMN] * has_note + extras
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for entry in entries:
        row = [_join(entry, entry.forms.get(lang, ())) for lang in langs]
        row += [_join(entry, entry.forbidden.get(lang, ())) for lang in forbidden]
        row += [entry.note] * has_note + [entry.extra.get(name, "") for name in extras]
        writer.writerow([_guard_formula(cell) for cell in row])
    return out.getvalue()


# A cell starting with one of these is run as a formula by spreadsheet programs.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _guard_formula(cell: str) -> str:
    """A cell a spreadsheet shows as text: a leading ``'`` before a formula character
    (removed again when l10nflow reads the file)."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def unguard_formula(cell: str) -> str:
    """A cell as written before :func:`_guard_formula`."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(_FORMULA_STARTS) else cell


def _join(entry: GlossaryEntry, forms: Sequence[str]) -> str:
    for form in forms:
        if FORM_SEPARATOR in form:
            raise GlossaryError(
                f"form {form!r} contains '|', which separates forms in a CSV cell",
                path=entry.source or None,
                line=entry.row or None,
            )
    return FORM_SEPARATOR.join(forms)


def write_csv(entries: Sequence[GlossaryEntry], path: str | Path) -> None:
    """Write entries as a glossary CSV, atomically."""
    atomic_write_text(path, dump_csv(entries))
