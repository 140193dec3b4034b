"""What the review desk shows: the project's catalogs, and each as a page of entries.

:class:`Desk` lists the catalogs of the documents asked for (document order,
then target language) once, at start; a request names a catalog by its place
in that list, so no request path ever reaches the file system. Each page is
built fresh from the bytes on disk (:meth:`Desk.view`): entries in document
order with their block kind, neighbouring sentences, state, notes, previous
source as a diff, glossary spans and ``check`` findings. The digest of those
bytes travels with the page so that a save can tell whether the file changed.
"""

from __future__ import annotations

import copy
import hashlib
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import polib

from l10nflow.catalog import source_language, target_language
from l10nflow.catalog_entry import (
    NoteKind,
    comment_lines,
    entry_state,
    note_texts,
    shows_changed_source,
)
from l10nflow.check import Finding, run_checks
from l10nflow.errors import InputError, UsageError
from l10nflow.glossary import Glossary
from l10nflow.pofile import parse_po, po_bytes
from l10nflow.project import Project
from l10nflow.review.spans import Span, TermCards, TermInfo, glossary_spans, terms_of, word_diff
from l10nflow.textnorm import is_arabic_lang

# Display states: the catalog's EntryState, with fuzzy entries whose source changed apart.
CHANGED = "changed"
STATES = ("empty", "machine", "memory", CHANGED, "reviewed")
STATE_LABELS = {
    "empty": "empty",
    "machine": "machine",
    "memory": "memory",
    CHANGED: "changed since review",
    "reviewed": "reviewed",
}


def direction(lang: str) -> str:
    """``rtl`` for Arabic-script languages, else ``ltr``."""
    return "rtl" if is_arabic_lang(lang) else "ltr"


def digest(data: bytes) -> str:
    """A short content hash of a file, sent with a page and checked on save."""
    return hashlib.sha256(data).hexdigest()[:32]


def entry_token(entry: polib.POEntry) -> str:
    """A hash of what a save may change in an entry: text, flags, previous source, notes."""
    parts = [
        entry.msgctxt or "",
        entry.msgid,
        entry.msgstr,
        repr(sorted(entry.msgstr_plural.items())),
        ",".join(entry.flags),
        entry.previous_msgid or "",
        entry.comment or "",
        entry.tcomment or "",
    ]
    return hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()[:24]


def display_state(entry: polib.POEntry) -> str:
    """One of :data:`STATES`; a fuzzy entry whose source changed (``#| msgid``) is "changed"."""
    return CHANGED if shows_changed_source(entry) else entry_state(entry).value


@dataclass(frozen=True)
class CatalogRef:
    """One catalog on the desk: its document, languages and PO file."""

    number: int
    document: Path
    reference: str
    source_lang: str
    target_lang: str
    po_path: Path

    @property
    def name(self) -> str:
        return f"{self.reference} → {self.target_lang}"

    @property
    def export_name(self) -> str:
        """The file name of this catalog's page in a static export (never from a request)."""
        return f"{self.number + 1:03d}-{self.po_path.stem}.{self.target_lang}.html"


@dataclass
class EntryView:
    """One entry as a page shows it."""

    index: int
    msgid: str
    msgctxt: str | None
    msgstr: str
    state: str
    kind: str
    token: str
    source: list[Span]
    target: list[Span]
    notes: list[tuple[str, str]]
    mt: str | None
    comment: str
    previous: list[tuple[str, str]] | None
    findings: list[Finding]
    before: str
    after: str
    occurrences: int
    plural: bool

    @property
    def terms(self) -> list[TermInfo]:
        return terms_of(self.source, self.target)

    @property
    def open(self) -> bool:
        return self.state != "reviewed"

    @property
    def fuzzy(self) -> bool:
        return self.state in ("machine", "memory", CHANGED)

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def worst(self) -> str | None:
        """The highest severity among the findings, for the entry's marker."""
        if not self.findings:
            return None
        return max(self.findings, key=lambda f: f.severity.rank).severity.value


@dataclass
class DocumentView:
    """A catalog as a page: its entries in document order, progress and file-level findings."""

    ref: CatalogRef
    digest: str
    entries: list[EntryView]
    findings: list[Finding]
    warnings: list[str]

    @property
    def terms(self) -> list[TermInfo]:
        """Every glossary term shown on the page, once (the page's term cards)."""
        return terms_of(*(e.source for e in self.entries), *(e.target for e in self.entries))

    @property
    def source_dir(self) -> str:
        return direction(self.ref.source_lang)

    @property
    def target_dir(self) -> str:
        return direction(self.ref.target_lang)

    @property
    def summary(self) -> Summary:
        rows = [(e.state, len(e.msgid.split()), len(e.findings)) for e in self.entries]
        return Summary.of(self.ref, rows, len(self.findings))

    @property
    def counts(self) -> dict[str, int]:
        return self.summary.counts

    @property
    def progress(self) -> dict[str, int]:
        return self.summary.progress


@dataclass
class Summary:
    """What the index shows of a catalog: entries per state, progress, findings."""

    ref: CatalogRef
    counts: dict[str, int]
    progress: dict[str, int]
    error: str | None = None

    @classmethod
    def of(
        cls, ref: CatalogRef, rows: Sequence[tuple[str, int, int]], file_findings: int = 0
    ) -> Summary:
        """From (state, words, findings) per entry and the findings about the whole file."""
        found = Counter(state for state, _, _ in rows)
        reviewed = [row for row in rows if row[0] == "reviewed"]
        progress = {
            "reviewed": len(reviewed),
            "total": len(rows),
            "words_reviewed": sum(words for _, words, _ in reviewed),
            "words": sum(words for _, words, _ in rows),
            "findings": sum(n for _, _, n in rows) + file_findings,
            "with_findings": sum(1 for _, _, n in rows if n),
        }
        return cls(ref, {state: found[state] for state in STATES}, progress)


class Desk:
    """The catalogs of a project under review, and the pages built from them."""

    def __init__(
        self,
        project: Project,
        documents: Sequence[str | Path] = (),
        glossary: Glossary | None = None,
    ):
        self.project = project
        self.glossary = glossary
        self._term_cards: dict[tuple[str, str], TermCards] = {}
        self._segment_cache: dict[int, tuple[tuple[int, int, int], tuple[dict, dict]]] = {}
        self.catalogs: list[CatalogRef] = []
        for path in project.documents(documents):
            document = project.read(path)
            for target in project.target_languages(document.lang):
                po_path = project.catalog_path(path, target)
                if po_path.is_file():
                    ref = CatalogRef(
                        len(self.catalogs),
                        path,
                        project.reference(path),
                        document.lang,
                        target,
                        po_path,
                    )
                    self.catalogs.append(ref)
        if not self.catalogs:
            raise UsageError(
                "no catalogs to review for these documents: run `l10nflow translate` "
                "(or `l10nflow extract`) first"
            )

    @classmethod
    def open(cls, project: Project, documents: Sequence[str | Path] = ()) -> Desk:
        """The desk over ``documents`` (default: all of the project's) with its glossary."""
        return cls(project, documents, project.load_glossary())

    def catalog(self, number: int) -> CatalogRef:
        """The catalog at ``number`` in the list; :class:`InputError` when there is none."""
        if not 0 <= number < len(self.catalogs):
            raise InputError(f"no catalog number {number}")
        return self.catalogs[number]

    def summaries(self) -> list[Summary]:
        """Every catalog's summary, with one ``check`` run over all of them (the index)."""
        paths = [ref.po_path for ref in self.catalogs]
        report = run_checks(paths, self.glossary, self.project.config.check)
        per_line: dict[str, Counter] = {str(path): Counter() for path in paths}
        whole: Counter = Counter()
        for finding in report.findings:
            if finding.msgid is not None and finding.line:
                per_line.setdefault(finding.path, Counter())[finding.line] += 1
            else:
                whole[finding.path] += 1
        summaries = []
        for ref in self.catalogs:
            key = str(ref.po_path)
            try:
                catalog = parse_po(ref.po_path.read_bytes(), ref.po_path)
            except (InputError, OSError) as error:
                empty = Summary.of(ref, [], whole[key])
                empty.error = str(error)
                summaries.append(empty)
                continue
            rows = [
                (display_state(e), len(e.msgid.split()), per_line[key][e.linenum])
                for e in catalog
                if not e.obsolete
            ]
            summaries.append(Summary.of(ref, rows, whole[key]))
        return summaries

    def view(self, ref: CatalogRef) -> DocumentView:
        """The page of one catalog, from the bytes on disk now."""
        data = ref.po_path.read_bytes()
        catalog = parse_po(data, ref.po_path)
        return self.build(ref, catalog, digest(data))

    def build(self, ref: CatalogRef, catalog: polib.POFile, file_digest: str) -> DocumentView:
        """The page of a parsed catalog (its entries' line numbers match the file's)."""
        source_lang = source_language(catalog) or ref.source_lang
        target_lang = target_language(catalog) or ref.target_lang
        warnings: list[str] = []
        if (source_lang, target_lang) != (ref.source_lang, ref.target_lang):
            warnings.append(
                f"the catalog says {source_lang} → {target_lang}, the project "
                f"{ref.source_lang} → {ref.target_lang}"
            )
        by_line, file_findings = self.findings(ref)
        entries = [e for e in catalog if not e.obsolete]
        kinds, neighbours = self._context(ref, entries, warnings)
        views = []
        for index, entry in enumerate(entries):
            views.append(
                self._entry(index, entry, ref, kinds, neighbours, by_line.get(entry.linenum, []))
            )
        return DocumentView(ref, file_digest, views, file_findings, warnings)

    def entry_view(self, ref: CatalogRef, catalog: polib.POFile, entry: polib.POEntry) -> EntryView:
        """One entry of a catalog in memory, with its own findings (see :meth:`entry_findings`)."""
        entries = [e for e in catalog if not e.obsolete]
        index = next(i for i, e in enumerate(entries) if e is entry)
        kinds, neighbours = self._context(ref, entries, [])
        findings = self.entry_findings(ref, catalog, entry)
        return self._entry(index, entry, ref, kinds, neighbours, findings)

    def entry_findings(
        self, ref: CatalogRef, catalog: polib.POFile, entry: polib.POEntry
    ) -> list[Finding]:
        """``check``'s findings for one entry alone (a save re-checks only what it changed).

        The entry is checked in a one-entry copy of its catalog, so findings that
        compare entries (consistency) appear when the page is loaded again.
        """
        single = polib.POFile(wrapwidth=0)
        single.metadata = dict(catalog.metadata)
        single.header = catalog.header
        single.append(copy.deepcopy(entry))
        with tempfile.TemporaryDirectory(prefix="l10nflow-review-") as folder:
            path = Path(folder) / ref.target_lang / "LC_MESSAGES" / ref.po_path.name
            path.parent.mkdir(parents=True)
            path.write_bytes(po_bytes(single))
            report = run_checks([path], self.glossary, self.project.config.check, jobs=1)
        return [f for f in report.findings if f.msgid is not None]

    def findings(self, ref: CatalogRef) -> tuple[dict[int, list[Finding]], list[Finding]]:
        """``check``'s findings for one catalog: per entry line, and about the whole file."""
        report = run_checks([ref.po_path], self.glossary, self.project.config.check, jobs=1)
        header_end = _header_end(ref.po_path)
        by_line: dict[int, list[Finding]] = {}
        whole: list[Finding] = []
        for finding in report.findings:
            if finding.msgid is not None and finding.line and finding.line > header_end:
                by_line.setdefault(finding.line, []).append(finding)
            else:
                whole.append(finding)
        return by_line, whole

    def _context(
        self, ref: CatalogRef, entries: list[polib.POEntry], warnings: list[str]
    ) -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
        """Block kind and neighbouring sentences of each msgid, from the document."""
        try:
            found_kinds, neighbours = self._document_context(ref)
        except (InputError, OSError) as error:
            warnings.append(f"{ref.reference}: cannot read the document ({error})")
            found_kinds, neighbours = {}, {}
        kinds = dict(found_kinds)
        for entry in entries:
            if entry.msgid not in kinds:
                block = note_texts(entry, NoteKind.BLOCK)
                kinds[entry.msgid] = block[0] if block else ""
        return kinds, neighbours

    def _document_context(
        self, ref: CatalogRef
    ) -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
        """Kinds and neighbours of a document's segments, read again only when it changes."""
        stat = ref.document.stat()
        key = (ref.number, stat.st_mtime_ns, stat.st_size)
        cached = self._segment_cache.get(ref.number)
        if cached is not None and cached[0] == key:
            return cached[1]
        segments = self.project.read(ref.document, lang=ref.source_lang).segments
        texts = [segment.text for segment in segments]
        kinds: dict[str, str] = {}
        neighbours: dict[str, tuple[str, str]] = {}
        for i, segment in enumerate(segments):
            if segment.text in kinds:
                continue
            kinds[segment.text] = segment.kind.value
            before = texts[i - 1] if i > 0 else ""
            after = texts[i + 1] if i + 1 < len(texts) else ""
            neighbours[segment.text] = (before, after)
        self._segment_cache[ref.number] = (key, (kinds, neighbours))
        return kinds, neighbours

    def neighbours(self, ref: CatalogRef, msgid: str) -> tuple[str, str]:
        """The sentences before and after ``msgid``'s first place in the document."""
        try:
            return self._document_context(ref)[1].get(msgid, ("", ""))
        except (InputError, OSError):
            return "", ""

    def _entry(
        self,
        index: int,
        entry: polib.POEntry,
        ref: CatalogRef,
        kinds: dict[str, str],
        neighbours: dict[str, tuple[str, str]],
        findings: list[Finding],
    ) -> EntryView:
        notes = []
        mt = None
        for note in comment_lines(entry):
            kind = NoteKind.of(note)
            label, _, text = note.partition(": ")
            if kind is NoteKind.BLOCK:
                continue
            if kind is NoteKind.MT:
                mt = text
                continue
            notes.append((label if text else "note", text or note))
        source, target = glossary_spans(self._cards(ref), entry.msgid, entry.msgstr, findings)
        previous = None
        if entry.previous_msgid and entry.previous_msgid != entry.msgid:
            previous = word_diff(entry.previous_msgid, entry.msgid)
        before, after = neighbours.get(entry.msgid, ("", ""))
        return EntryView(
            index=index,
            msgid=entry.msgid,
            msgctxt=entry.msgctxt,
            msgstr=entry.msgstr,
            state=display_state(entry),
            kind=kinds.get(entry.msgid, ""),
            token=entry_token(entry),
            source=source,
            target=target,
            notes=notes,
            mt=mt,
            comment=entry.tcomment or "",
            previous=previous,
            findings=findings,
            before=before,
            after=after,
            occurrences=len(entry.occurrences),
            plural=bool(entry.msgid_plural),
        )

    def _cards(self, ref: CatalogRef) -> TermCards | None:
        if self.glossary is None:
            return None
        key = (ref.source_lang, ref.target_lang)
        cards = self._term_cards.get(key)
        if cards is None:
            cards = self._term_cards[key] = TermCards(self.glossary, *key)
        return cards


def _header_end(path: Path) -> int:
    """The last line of the header entry (findings at or above it are about the file)."""
    try:
        with path.open("rb") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    return number
    except OSError:
        pass
    return 0
