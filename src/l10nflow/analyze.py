"""Leverage analysis for quoting: words and segments per match band, per document and in total.

The bands are those of a Trados Studio analysis report, which agencies quote
by: **repetitions**, **100 %**, **95–99 %**, **85–94 %**, **75–84 %**,
**50–74 %** and **new**. Every segment of the analysed documents (in file
order, one target language at a time) falls into exactly one band:

1. *repetitions*: a segment whose match key (:func:`l10nflow.tm.match_key`:
   whitespace, case and Arabic spelling variants folded) already occurred
   earlier in the analysed set, in the same or another document (Trados's
   repetitions and cross-file repetitions together); the first occurrence is
   analysed against the project, the later ones are repetitions whatever
   their match;
2. *100 %*: a reviewed entry of the document's own catalog, or an exact match
   of a reviewed translation in the project's translation memory;
3. the best fuzzy match of the memory (:meth:`TranslationMemory.fuzzy`, the
   Levenshtein similarity of the match keys), floored to a whole percent:
   95–99, 85–94, 75–84 or 50–74;
4. *new*: everything else.

Words are counted the way Trados Studio counts them (:func:`analysis_words`):
markup and inline tags are not words, punctuation is never a word, a number
with separators is one word (``12,500``, ``3.5``, ``٣٫٥``), hyphen- and
apostrophe-joined words are one (``F-16``, ``2024-07-30``), a slash separates
(``أيار/مايو`` is two), a URL, an e-mail address or a dotted abbreviation
(``U.S.``, ``e.g.``) is one, and an Arabic word
with its clitics is one word (``وبالحرس``): CAT tools split at spaces and
punctuation, never inside a word.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import polib

from l10nflow.catalog_entry import EntryState, entry_state
from l10nflow.document import PLAIN_TEXT, Document, DocumentFormat
from l10nflow.pofile import read_po
from l10nflow.project import Project
from l10nflow.status import count_words
from l10nflow.tm import TranslationMemory, match_key

__all__ = [
    "BANDS",
    "Analysis",
    "BandCounts",
    "DocumentAnalysis",
    "analysis_words",
    "analyze_documents",
    "analyze_project",
    "band_of",
]

REPETITIONS, EXACT, NEW = "repetitions", "100%", "new"
# (band, lowest whole percent it takes), best first; below the last: new.
FUZZY_BANDS = (("95-99%", 95), ("85-94%", 85), ("75-84%", 75), ("50-74%", 50))
BANDS = (REPETITIONS, EXACT, *(band for band, _ in FUZZY_BANDS), NEW)
FUZZY_FLOOR = FUZZY_BANDS[-1][1] / 100

_DOTTED = re.compile(r"\b(?:[^\W\d_]\.){2,}")  # U.S.  e.g.  a.m.: one word, as in Trados's lists
_URL = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_DIGIT_GROUP = re.compile(r"(?<=\d)[.,\u066b\u066c](?=\d)")  # 12,500  3.5  ١٬٢٠٠  ٣٫٥
_ARABIC_PUNCTUATION = re.compile("[\u060c\u061b\u061f\u066a\u066d\u06d4]")  # ، ؛ ؟ ٪ ٭ ۔


def analysis_words(text: str, fmt: DocumentFormat = PLAIN_TEXT) -> int:
    """The words of a segment of format ``fmt`` as a CAT tool counts them (see the module doc)."""
    plain = fmt.inline.words(text)
    plain = _URL.sub(" url ", plain)
    plain = _DOTTED.sub(" abbr ", plain)
    plain = _DIGIT_GROUP.sub("", plain)
    plain = _ARABIC_PUNCTUATION.sub(" ", plain)
    return count_words(plain)


def band_of(score: float) -> str:
    """The band of a memory match scoring ``score`` (0..1; 1.0 is an exact match)."""
    if score >= 1.0:
        return EXACT
    percent = int(score * 100 + 1e-9)
    for band, lowest in FUZZY_BANDS:
        if percent >= lowest:
            return band
    return NEW


@dataclass
class BandCounts:
    """Segments and words per band."""

    segments: dict[str, int] = field(default_factory=lambda: dict.fromkeys(BANDS, 0))
    words: dict[str, int] = field(default_factory=lambda: dict.fromkeys(BANDS, 0))

    def add(self, band: str, words: int) -> None:
        self.segments[band] += 1
        self.words[band] += words

    def merge(self, other: BandCounts) -> None:
        for band in BANDS:
            self.segments[band] += other.segments[band]
            self.words[band] += other.words[band]

    @property
    def total_segments(self) -> int:
        return sum(self.segments.values())

    @property
    def total_words(self) -> int:
        return sum(self.words.values())

    def as_dict(self) -> dict:
        return {
            "segments": {**self.segments, "total": self.total_segments},
            "words": {**self.words, "total": self.total_words},
        }


@dataclass
class DocumentAnalysis:
    """The counts of one document for one target language."""

    document: str
    source: str
    target: str
    counts: BandCounts = field(default_factory=BandCounts)

    def as_dict(self) -> dict:
        return {
            "document": self.document,
            "source": self.source,
            "target": self.target,
            **self.counts.as_dict(),
        }


@dataclass
class Analysis:
    """Per document and target, and the total over all of them."""

    documents: list[DocumentAnalysis]
    total: BandCounts
    memory_units: int = 0

    def as_dict(self) -> dict:
        return {
            "bands": list(BANDS),
            "convention": "Trados Studio bands and word count; repetitions across the set",
            "memory_units": self.memory_units,
            "documents": [row.as_dict() for row in self.documents],
            "total": self.total.as_dict(),
        }


def analyze_documents(
    jobs: Iterable[tuple[Document, str, str, polib.POFile | None]],
    memory: TranslationMemory | None = None,
) -> Analysis:
    """Analyse (document, reference, target, its catalog or None) jobs in order."""
    seen: dict[tuple[str, str], set[str]] = {}  # per language pair: match keys met so far
    key_of, words_of = cache(match_key), cache(analysis_words)  # archives repeat a lot
    rows = []
    total = BandCounts()
    for document, reference, target, catalog in jobs:
        source = document.lang
        row = DocumentAnalysis(reference, source, target)
        reviewed = _reviewed_sources(catalog)
        keys = seen.setdefault((source, target), set())
        fmt = document.file_format
        for segment in document.segments:
            key = key_of(segment.text, source)
            if key in keys:
                band = REPETITIONS
            else:
                keys.add(key)
                band = _match_band(segment.text, source, target, reviewed, memory)
            row.counts.add(band, words_of(segment.text, fmt))
        total.merge(row.counts)
        rows.append(row)
    return Analysis(rows, total, len(memory) if memory is not None else 0)


def _reviewed_sources(catalog: polib.POFile | None) -> set[str]:
    if catalog is None:
        return set()
    return {e.msgid for e in catalog if e.msgctxt is None and entry_state(e) is EntryState.REVIEWED}


def _match_band(
    text: str, source: str, target: str, reviewed: set[str], memory: TranslationMemory | None
) -> str:
    if text in reviewed:
        return EXACT
    if memory is None:
        return NEW
    if memory.exact(text, source, target) is not None:
        return EXACT
    matches = memory.fuzzy(text, source, target, threshold=FUZZY_FLOOR, limit=1)
    return band_of(matches[0].score) if matches else NEW


def analyze_project(
    project: Project,
    files: Sequence[str] = (),
    *,
    targets: Sequence[str] = (),
    memory: TranslationMemory | None = None,
    progress: Callable[[list[Path]], Iterable[Path]] = iter,
) -> Analysis:
    """Analyse the project's documents (or ``files``) against its catalogs and ``memory``.

    Documents are read and segmented as ``extract`` would. The project's
    memory holds every reviewed entry of its catalogs, so with a memory the
    catalogs are not read again; without one (no project file) each document's
    catalog gives its reviewed entries. ``progress`` wraps the list of document
    paths (a progress bar). Nothing is written.
    """

    def jobs() -> Iterator[tuple[Document, str, str, polib.POFile | None]]:
        for document, target in project.pairs(files, targets=targets, progress=progress):
            po_path = project.catalog_path(document.path, target)
            read = memory is None and po_path.is_file()
            catalog = read_po(po_path) if read else None
            yield document, project.reference(document.path), target, catalog

    return analyze_documents(jobs(), memory)


@contextmanager
def analysis_memory(project: Project) -> Iterator[TranslationMemory | None]:
    """The project's memory, synced (None without a project file); closed afterwards."""
    if not project.has_file:
        yield None
        return
    from l10nflow.tm import project_memory

    memory = project_memory(project)
    try:
        yield memory
    finally:
        memory.close()
