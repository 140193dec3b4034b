"""The translation memory: reviewed source/target pairs in SQLite, with exact and fuzzy lookup.

The PO files stay the source of truth; the memory is a cache of their reviewed
pairs (translated, not fuzzy; obsolete reviewed entries included, so their
translations stay available), plus units added from TMX files.

- **Sync.** :meth:`TranslationMemory.sync_catalogs` remembers each PO file's
  size, ``mtime_ns`` and SHA-256. A file whose size and mtime are unchanged is
  skipped without being read; one whose content hash is unchanged is not parsed;
  a changed file's units are replaced; a file no longer listed is dropped. A
  file modified less than two seconds before it was read is hashed again on the
  next sync (an edit within the file system's timestamp granularity would
  otherwise go unseen).
- **Languages.** Codes are stored as BCP 47 tags (``en_US`` → ``en-US``) and
  matched on their primary subtag (a lookup for ``ar`` finds ``ar-EG`` units).
- **Exact lookup** compares match keys (:func:`l10nflow.similarity.match_key`)
  through an SQLite index; the most recently changed unit wins.
- **Fuzzy lookup** never scans the memory: an inverted index of the words of
  every distinct match key of a language pair is built in memory on the first
  fuzzy lookup for that pair (and dropped on any write). A lookup reads the
  postings of the query's rarest words (at least three, then within a budget of
  5,000 postings), keeps the keys whose length allows the threshold (``min/max``
  length ≥ threshold is necessary), ranks them by shared words, and scores the
  best 200 with the Levenshtein similarity. A key sharing none of those words
  with the query is not found: the filter trades that for speed
  (``bench/bench_tm.py`` measures its recall against a full scan).
- **Storage.** One connection, writes in one transaction, schema version in
  ``PRAGMA user_version``. A file that is not a readable memory of this schema
  version is set aside as ``<name>.old`` and a new one is built
  (:attr:`TranslationMemory.rebuilt` says why); units that came from TMX files
  are then lost until imported again.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import wraps
from pathlib import Path
from typing import ParamSpec, Protocol, TypeVar

import polib

from l10nflow.catalog import source_language, target_language
from l10nflow.catalog_entry import EntryState, entry_state
from l10nflow.errors import CatalogError, InputError, UsageError
from l10nflow.pofile import parse_po
from l10nflow.similarity import DEFAULT_THRESHOLD, FuzzyIndex, match_key
from l10nflow.textnorm import primary_lang


class MemoryProject(Protocol):
    """What the memory needs of a project (the workflow's Project is one): where it lives,
    whether it has a project file, and its PO catalogs."""

    root: Path

    @property
    def has_file(self) -> bool: ...

    def catalogs(self) -> list[Path]: ...


__all__ = [
    "MEMORY_PATH",
    "TMMatch",
    "TMUnit",
    "TranslationMemory",
    "iso_time",
    "language_tag",
    "project_memory",
]

MEMORY_PATH = Path(".l10nflow") / "tm.sqlite"  # under the project root
SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE files (
    path TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,  -- -1: hash the file on the next sync
    sha256 TEXT NOT NULL
);
CREATE TABLE units (
    id INTEGER PRIMARY KEY,
    origin TEXT NOT NULL,  -- the PO file a unit was synced from; '' for added units
    source_lang TEXT NOT NULL,
    target_lang TEXT NOT NULL,
    source_primary TEXT NOT NULL,
    target_primary TEXT NOT NULL,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    source_key TEXT NOT NULL,
    key_hash INTEGER NOT NULL,  -- of (languages, source_key): the exact-match index
    document TEXT NOT NULL,
    changed TEXT NOT NULL,
    digest BLOB NOT NULL UNIQUE  -- identical units (changed aside) are stored once
);
CREATE INDEX units_by_key ON units (key_hash);
CREATE INDEX units_by_origin ON units (origin);
"""
_UNIT_COLUMNS = "source_lang, target_lang, source, target, document, changed"
_RACY_NS = 2_000_000_000  # files modified this recently are hashed again next time


P = ParamSpec("P")
R = TypeVar("R")


@dataclass(frozen=True)
class TMUnit:
    """One source/target pair: BCP 47 languages, texts, the document it came from, ISO time."""

    source_lang: str
    target_lang: str
    source: str
    target: str
    document: str = ""
    changed: str = ""  # ISO 8601 UTC, e.g. 2024-05-01T12:00:00Z


@dataclass(frozen=True)
class TMMatch:
    """A unit found for a lookup and its similarity (1.0 = exact)."""

    unit: TMUnit
    score: float


def language_tag(code: str) -> str:
    """A language code as a BCP 47 tag: ``en_US`` → ``en-US``, ``AR`` → ``ar``."""
    parts = [part for part in code.strip().replace("_", "-").split("-") if part]
    if not parts:
        return ""
    tag = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 2 or (len(part) == 3 and part.isdigit()):
            tag.append(part.upper())  # region
        elif len(part) == 4 and part.isalpha():
            tag.append(part.title())  # script
        else:
            tag.append(part.lower())
    return "-".join(tag)


def iso_time(moment: datetime) -> str:
    """``moment`` as the ISO 8601 UTC text units carry (seconds precision)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _guarded(method: Callable[P, R]) -> Callable[P, R]:
    """Turn SQLite failures (corrupt file, lock held too long) into a user-facing error."""

    @wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(*args, **kwargs)
        except (sqlite3.ProgrammingError, sqlite3.IntegrityError, sqlite3.InterfaceError):
            raise  # a bug, not a bad file
        except sqlite3.DatabaseError as error:
            memory = args[0]
            assert isinstance(memory, TranslationMemory)
            raise InputError(
                f"translation memory unusable ({error}); delete it to rebuild it",
                path=memory.path,
            ) from None

    return wrapper


class TranslationMemory:
    """A translation memory stored in one SQLite file. Use :meth:`open`."""

    def __init__(self, connection: sqlite3.Connection, path: Path, rebuilt: str | None = None):
        self._db = connection
        self.path = path
        self.rebuilt = rebuilt  # why an unusable file was set aside, or None
        self._indexes: dict[tuple[str, str], FuzzyIndex] = {}

    # --- life cycle ---------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path) -> TranslationMemory:
        """Open the memory at ``path``, creating the file and schema when missing.

        A file that is not an SQLite database, fails SQLite's quick check, or has
        another schema version is renamed to ``<name>.old`` and replaced.
        """
        path = Path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            try:
                return cls(_connect(path), path)
            except (sqlite3.DatabaseError, _Unusable) as error:
                if isinstance(error, sqlite3.OperationalError):  # locked, unreadable, disk error
                    raise
                reason = str(error)  # not a database, corrupt, or another schema version
            _set_aside(path)
            return cls(_connect(path), path, rebuilt=reason)
        except OSError as error:
            message = f"cannot create translation memory: {error.strerror}"
            raise InputError(message, path=path) from None
        except sqlite3.DatabaseError as error:
            raise InputError(f"cannot open translation memory: {error}", path=path) from None

    def close(self) -> None:
        self._db.close()
        self._indexes.clear()

    def __enter__(self) -> TranslationMemory:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if self._db.in_transaction:  # SQLite may have rolled back already
                self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")
        self._indexes.clear()

    # --- writing ------------------------------------------------------------------------

    @_guarded
    def sync_catalogs(self, paths: Sequence[Path]) -> int:
        """(Re)load the reviewed pairs of these PO files; drop files no longer listed.

        Returns the number of units (re)loaded: 0 when no file changed.
        """
        wanted = {str(Path(p).resolve()): Path(p) for p in paths}
        loaded = 0
        with self._transaction():
            known = {
                row[0]: (row[1], row[2], row[3])
                for row in self._db.execute("SELECT path, size, mtime_ns, sha256 FROM files")
            }
            for gone in sorted(known.keys() - wanted.keys()):
                self._db.execute("DELETE FROM units WHERE origin = ?", (gone,))
                self._db.execute("DELETE FROM files WHERE path = ?", (gone,))
            for key in sorted(wanted):
                loaded += self._sync_file(key, wanted[key], known.get(key))
        return loaded

    def _sync_file(self, key: str, path: Path, known: tuple[int, int, str] | None) -> int:
        try:
            stat = path.stat()
        except FileNotFoundError:
            raise CatalogError("catalog not found", path=path) from None
        if known and known[0] == stat.st_size and known[1] == stat.st_mtime_ns:
            return 0
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CatalogError(f"cannot read catalog: {error.strerror}", path=path) from None
        digest = hashlib.sha256(data).hexdigest()
        mtime_ns = stat.st_mtime_ns if time.time_ns() - stat.st_mtime_ns > _RACY_NS else -1
        self._db.execute(
            "INSERT OR REPLACE INTO files (path, size, mtime_ns, sha256) VALUES (?, ?, ?, ?)",
            (key, stat.st_size, mtime_ns, digest),
        )
        if known and known[2] == digest:
            return 0
        units = _catalog_units(parse_po(data, path), path, stat.st_mtime)
        self._db.execute("DELETE FROM units WHERE origin = ?", (key,))
        return self._insert(units, origin=key)

    @_guarded
    def add(self, units: Iterable[TMUnit]) -> int:
        """Add units (from TMX files); returns how many were new.

        A unit identical to one already added (same languages, texts and
        document) is not stored twice. Units without a time get the current one.
        """
        with self._transaction():
            return self._insert(units, origin="")

    def _insert(self, units: Iterable[TMUnit], *, origin: str) -> int:
        now = iso_time(datetime.now(UTC))
        before = self._db.total_changes
        self._db.executemany(
            "INSERT OR IGNORE INTO units (origin, source_lang, target_lang, source_primary, "
            "target_primary, source, target, source_key, key_hash, document, changed, digest) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (_row(unit, origin, now) for unit in units if unit.source.strip()),
        )
        return self._db.total_changes - before

    # --- reading ------------------------------------------------------------------------

    @_guarded
    def holds(self, source_lang: str, target_lang: str) -> bool:
        """Whether the memory has any unit of this language pair (lookups are pointless if not)."""
        row = self._db.execute(
            "SELECT 1 FROM units WHERE source_primary = ? AND target_primary = ? LIMIT 1",
            (primary_lang(source_lang), primary_lang(target_lang)),
        ).fetchone()
        return row is not None

    @_guarded
    def exact(self, source: str, source_lang: str, target_lang: str) -> TMMatch | None:
        """The most recent unit whose source has the match key of ``source``, or None."""
        key = match_key(source, source_lang)
        if not key:
            return None
        units = self._units_with_key(key, source_lang, target_lang)
        return TMMatch(units[0], 1.0) if units else None

    @_guarded
    def fuzzy(
        self,
        source: str,
        source_lang: str,
        target_lang: str,
        *,
        threshold: float = DEFAULT_THRESHOLD,
        limit: int = 3,
    ) -> list[TMMatch]:
        """Units whose source is similar to ``source`` (≥ ``threshold``), best first.

        Exact matches are excluded; of units with the same source key and
        target, only the most recent is listed.
        """
        key = match_key(source, source_lang)
        if not key or limit <= 0:
            return []
        index = self._index(source_lang, target_lang)
        found: list[TMMatch] = []
        for other, score in index.search(key, threshold):
            seen: set[str] = set()
            for unit in self._units_with_key(other, source_lang, target_lang):
                if unit.target not in seen:
                    seen.add(unit.target)
                    found.append(TMMatch(unit, score))
            if len(found) >= limit:
                break
        return found[:limit]

    def _units_with_key(self, key: str, source_lang: str, target_lang: str) -> list[TMUnit]:
        pair = (primary_lang(source_lang), primary_lang(target_lang))
        rows = self._db.execute(
            f"SELECT {_UNIT_COLUMNS} FROM units WHERE key_hash = ? AND source_primary = ? "
            "AND target_primary = ? AND source_key = ? ORDER BY changed DESC, id DESC",
            (_key_hash(*pair, key), *pair, key),
        )
        return [TMUnit(*row) for row in rows]

    def _index(self, source_lang: str, target_lang: str) -> FuzzyIndex:
        pair = (primary_lang(source_lang), primary_lang(target_lang))
        index = self._indexes.get(pair)
        if index is None:
            rows = self._db.execute(
                "SELECT DISTINCT source_key FROM units "
                "WHERE source_primary = ? AND target_primary = ?",
                pair,
            )
            index = self._indexes[pair] = FuzzyIndex([row[0] for row in rows])
        return index

    @_guarded
    def units(
        self, source_lang: str | None = None, target_lang: str | None = None
    ) -> Iterator[TMUnit]:
        """Every unit (of the given languages, on their primary subtag), oldest first."""
        where, args = [], []
        for column, lang in (("source_primary", source_lang), ("target_primary", target_lang)):
            if lang:
                where.append(f"{column} = ?")
                args.append(primary_lang(lang))
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        rows = self._db.execute(f"SELECT {_UNIT_COLUMNS} FROM units{clause} ORDER BY id", args)
        return (TMUnit(*row) for row in rows.fetchall())

    @_guarded
    def __len__(self) -> int:
        return self._db.execute("SELECT count(*) FROM units").fetchone()[0]


# --- PO files --------------------------------------------------------------------------


def _catalog_units(catalog: polib.POFile, path: Path, mtime: float) -> list[TMUnit]:
    """The reviewed pairs of a catalog (obsolete reviewed entries too)."""
    source = language_tag(source_language(catalog))
    target = language_tag(target_language(catalog) or _language_from_path(path))
    if not target:
        raise CatalogError("no Language header: the target language is unknown", path=path)
    changed = _revision_date(catalog) or iso_time(datetime.fromtimestamp(mtime, UTC))
    return [
        TMUnit(source, target, entry.msgid, entry.msgstr, path.stem, changed)
        for entry in catalog
        if _reviewed(entry)
    ]


def _reviewed(entry: polib.POEntry) -> bool:
    """Reviewed work, obsolete entries included (their translations stay available)."""
    return entry_state(entry) is EntryState.REVIEWED


def _language_from_path(path: Path) -> str:
    """``<lang>`` of ``<locales>/<lang>/LC_MESSAGES/<name>.po``, else ""."""
    return path.parent.parent.name if path.parent.name == "LC_MESSAGES" else ""


def _revision_date(catalog: polib.POFile) -> str | None:
    value = catalog.metadata.get("PO-Revision-Date", "").strip()
    try:
        return iso_time(datetime.strptime(value, "%Y-%m-%d %H:%M%z"))
    except ValueError:
        return None


def _key_hash(source_primary: str, target_primary: str, key: str) -> int:
    """A signed 64-bit hash of a language pair and match key (SQLite's INTEGER)."""
    data = "\0".join((source_primary, target_primary, key)).encode("utf-8")
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "big", signed=True)


def _row(unit: TMUnit, origin: str, now: str) -> tuple:
    source_lang, target_lang = language_tag(unit.source_lang), language_tag(unit.target_lang)
    pair = (primary_lang(source_lang), primary_lang(target_lang))
    key = match_key(unit.source, source_lang)
    identity = "\0".join(
        (origin, source_lang, target_lang, unit.source, unit.target, unit.document)
    )
    return (
        origin,
        source_lang,
        target_lang,
        *pair,
        unit.source,
        unit.target,
        key,
        _key_hash(*pair, key),
        unit.document,
        unit.changed or now,
        hashlib.sha256(identity.encode("utf-8")).digest()[:16],
    )


# --- the SQLite file -------------------------------------------------------------------


class _Unusable(Exception):
    """The file is a database, but not a translation memory of this schema version."""


def _connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, isolation_level=None, timeout=30)
    try:
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        if version == 0 and not tables:
            connection.executescript(
                f"BEGIN; {_SCHEMA} PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;"
            )
        elif version != SCHEMA_VERSION:
            raise _Unusable(f"schema version {version}, expected {SCHEMA_VERSION}")
        elif not {"files", "units"} <= tables:
            raise _Unusable("tables missing")
        else:
            check = connection.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                raise _Unusable(f"quick check failed: {check}")
    except BaseException:
        connection.close()
        raise
    return connection


def _set_aside(path: Path) -> None:
    """Move an unusable memory (and its journal files) to ``<name>.old``."""
    for suffix in ("", "-journal", "-wal", "-shm"):
        current = path.with_name(path.name + suffix)
        if current.exists():
            os.replace(current, path.with_name(path.name + ".old" + suffix))


def require_project(project: MemoryProject) -> None:
    """:class:`UsageError` unless there is a project file (the memory belongs to a project)."""
    if not project.has_file:
        raise UsageError(
            "no l10nflow.toml found here or in any parent folder: the translation memory "
            "belongs to a project (run `l10nflow init`)"
        )


def project_memory(project: MemoryProject) -> TranslationMemory:
    """The project's memory (``.l10nflow/tm.sqlite``), synced with its PO files.

    The file is created when missing and rebuilt when unusable; every
    ``<locales>/*/LC_MESSAGES/*.po`` of the project is synced (changed files
    reloaded, removed ones dropped). Raises :class:`UsageError` without a
    project file.
    """
    require_project(project)
    memory = TranslationMemory.open(project.root / MEMORY_PATH)
    try:
        memory.sync_catalogs(project.catalogs())
    except BaseException:
        memory.close()
        raise
    return memory
