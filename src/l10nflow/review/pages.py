"""Pages of the desk, live or static: the index, a document, an entry after a save, suggestions.

Functions of a :class:`~l10nflow.review.desk.Desk` that return HTML (or, for
a save, the JSON-ready dict the page script reads); the server and the export
share them, so both show the same view.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from l10nflow.errors import L10nError
from l10nflow.pofile import parse_po
from l10nflow.project import Project
from l10nflow.review.desk import STATE_LABELS, STATES, CatalogRef, Desk, DocumentView, display_state
from l10nflow.review.edit import EditResult
from l10nflow.review.render import render

SUGGESTIONS = 3  # memory matches shown per entry


def percent(done: int, total: int) -> str:
    return f"{(100 * done / total) if total else 100:.0f}%"


def live_link(ref: CatalogRef) -> str:
    return f"/doc/{ref.number}"


def index_page(
    desk: Desk,
    *,
    csrf: str = "",
    static: bool = False,
    link: Callable[[CatalogRef], str] = live_link,
    views: list[DocumentView] | None = None,
) -> str:
    """Every catalog with its progress, state counts and number of findings."""
    summaries = [view.summary for view in views] if views is not None else desk.summaries()
    return render(
        "index.html",
        documents=summaries,
        link=link,
        percent=percent,
        static=static,
        csrf=csrf,
        home="index.html" if static else "/",
    )


def document_page(
    desk: Desk,
    ref: CatalogRef,
    *,
    csrf: str = "",
    static: bool = False,
    view: DocumentView | None = None,
    suggested: dict[int, list] | None = None,
) -> str:
    """One catalog side by side with its document."""
    view = view or desk.view(ref)
    return render(
        "document.html",
        view=view,
        static=static,
        csrf=csrf,
        suggestions=suggested or {},
        states=STATES,
        labels=STATE_LABELS,
        percent=percent,
        home="index.html" if static else "/",
    )


def entry_update(desk: Desk, ref: CatalogRef, result: EditResult) -> dict[str, Any]:
    """What the page needs after a save (or a refused one): the entry, digest, progress."""
    reply: dict[str, Any] = {
        "saved": result.saved,
        "message": result.message,
        "digest": result.digest,
        "html": None,
    }
    if result.catalog is None:
        return reply
    active = [e for e in result.catalog if not e.obsolete]
    counts = Counter(display_state(e) for e in active)
    reply["counts"] = {state: counts[state] for state in STATES}
    reviewed = counts["reviewed"]
    reply["progress"] = {
        "reviewed": reviewed,
        "total": len(active),
        "text": f"{reviewed} of {len(active)} reviewed ({percent(reviewed, len(active))})",
    }
    if result.entry is not None:
        entry = desk.entry_view(ref, result.catalog, result.entry)
        view = DocumentView(ref, result.digest, [], [], [])
        reply["index"] = entry.index
        reply["html"] = render("entry_fragment.html", e=entry, view=view, static=False)
        reply["cards"] = render("cards_fragment.html", terms=entry.terms, view=view)
    return reply


@contextmanager
def memory_lookup(project: Project) -> Iterator[Callable[[str, str, str, str], list]]:
    """A function (source, source_lang, target_lang, current) -> memory matches, best first.

    Exact matches whose translation differs from the current one come first,
    then fuzzy ones. Without a project file (or a usable memory) it finds nothing.
    """
    memory = None
    if project.has_file:
        from l10nflow.tm import project_memory

        try:
            memory = project_memory(project)
        except L10nError:
            memory = None

    def lookup(source: str, source_lang: str, target_lang: str, current: str) -> list:
        if memory is None:
            return []
        found = []
        exact = memory.exact(source, source_lang, target_lang)
        if exact is not None and exact.unit.target != current:
            found.append(exact)
        found += memory.fuzzy(source, source_lang, target_lang, limit=SUGGESTIONS)
        return found[:SUGGESTIONS]

    try:
        yield lookup
    finally:
        if memory is not None:
            memory.close()


def suggestions(desk: Desk, ref: CatalogRef, index: int) -> str:
    """What the live page loads for the entry it moves to: neighbours and memory matches."""
    catalog = parse_po(ref.po_path.read_bytes(), ref.po_path)
    active = [e for e in catalog if not e.obsolete]
    items: list = []
    before = after = ""
    if 0 <= index < len(active):
        entry = active[index]
        before, after = desk.neighbours(ref, entry.msgid)
        if display_state(entry) != "reviewed":
            with memory_lookup(desk.project) as lookup:
                items = lookup(entry.msgid, ref.source_lang, ref.target_lang, entry.msgstr)
    view = DocumentView(ref, "", [], [], [])
    return render("suggestions_fragment.html", items=items, view=view, before=before, after=after)
