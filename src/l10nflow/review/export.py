"""``review --export DIR``: the desk as static, read-only HTML (one page per catalog + index).

Pages have no script; the stylesheet is embedded under a hash-pinned
Content-Security-Policy, so a folder of them can be attached to a ticket or
published from CI as it is. File names come from the desk's catalog list.
"""

from __future__ import annotations

from pathlib import Path

from l10nflow.fsutil import atomic_write_text
from l10nflow.review.desk import Desk, DocumentView
from l10nflow.review.pages import document_page, index_page, memory_lookup


def export_desk(desk: Desk, folder: Path) -> list[Path]:
    """Write ``index.html`` and one page per catalog into ``folder``; return the pages written."""
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    views: list[DocumentView] = []
    with memory_lookup(desk.project) as lookup:
        for ref in desk.catalogs:
            view = desk.view(ref)
            views.append(view)
            suggested = {
                e.index: found
                for e in view.entries
                if e.open and (found := lookup(e.msgid, ref.source_lang, ref.target_lang, e.msgstr))
            }
            page = document_page(desk, ref, static=True, view=view, suggested=suggested)
            path = folder / ref.export_name
            atomic_write_text(path, page)
            written.append(path)
    index = folder / "index.html"
    atomic_write_text(
        index, index_page(desk, static=True, link=lambda ref: ref.export_name, views=views)
    )
    return [index, *written]
