"""Saving one entry from the review desk, through the PO writer every command uses.

A save holds the project lock, reads the catalog, and goes ahead only when
the file is byte for byte the one the page was built from *and* the entry is
as the page showed it; otherwise it is refused and the caller gets the entry
as it is now. The catalog is then written atomically by
:func:`l10nflow.pofile.write_po_bytes` (comments, order and layout kept: only
the edited entry's lines change).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import polib

from l10nflow.catalog_entry import NoteKind, set_notes
from l10nflow.errors import L10nError
from l10nflow.lock import ProjectLocked, project_lock
from l10nflow.pofile import parse_po, po_bytes, write_po_bytes
from l10nflow.powrap import PAGE_WIDTH
from l10nflow.review.desk import digest, entry_token


class Action(StrEnum):
    """What a reviewer does to an entry."""

    SAVE = "save"  # keep the text as a draft: fuzzy, still to review
    APPROVE = "approve"  # the text is reviewed: fuzzy and the previous source cleared
    SEND_BACK = "send-back"  # reviewed or not, it needs work again: fuzzy
    RESTORE = "restore"  # undo: put back the entry a save replaced


class EditRefused(L10nError):
    """The save could not be done as asked (empty approval, entry gone, file changed)."""

    exit_code = 1


@dataclass
class EditResult:
    """What a save did: ``saved``, and the catalog and entry as they are now on disk."""

    saved: bool
    message: str
    catalog: polib.POFile | None
    entry: polib.POEntry | None
    digest: str
    before: polib.POEntry | None = None  # the entry as it was, for undo


def apply_edit(
    root: Path,
    po_path: Path,
    *,
    msgid: str,
    msgctxt: str | None,
    action: Action,
    msgstr: str = "",
    page_digest: str,
    token: str,
    restore: polib.POEntry | None = None,
    wrap: int = PAGE_WIDTH,
) -> EditResult:
    """Apply ``action`` to the entry ``(msgctxt, msgid)`` of ``po_path`` unless it changed.

    The catalog is written with strings wrapped at ``wrap`` columns (the project's
    ``[catalog] wrap``), as every command writes it.

    Raises :class:`EditRefused` for a request that cannot be met (approving an
    empty text, another run holding the lock); returns ``saved=False`` with the
    fresh entry when the file changed since the page (``page_digest``) or the
    entry is no longer the one shown (``token``).
    """
    try:
        with project_lock(root, wait=False):
            return _apply(
                po_path, msgid, msgctxt, action, msgstr, page_digest, token, restore, wrap
            )
    except ProjectLocked:
        raise EditRefused(
            "another l10nflow run (translate, extract, tm import) is writing this project; "
            "nothing was saved: try again when it ends",
            path=po_path,
        ) from None


def _apply(
    po_path: Path,
    msgid: str,
    msgctxt: str | None,
    action: Action,
    msgstr: str,
    page_digest: str,
    token: str,
    restore: polib.POEntry | None,
    wrap: int,
) -> EditResult:
    data = po_path.read_bytes()
    catalog = parse_po(data, po_path)
    now = digest(data)
    entry = next(
        (e for e in catalog if not e.obsolete and e.msgid == msgid and e.msgctxt == msgctxt),
        None,
    )
    if entry is None:
        return EditResult(
            False,
            f"{po_path.name} changed on disk: this entry is no longer in it "
            "(its source changed or was removed); nothing was saved. Reload the page.",
            catalog,
            None,
            now,
        )
    if now != page_digest or entry_token(entry) != token:
        return EditResult(
            False,
            f"{po_path.name} changed on disk since this page was loaded (another translator, "
            "Poedit or a translate run); your text was not saved. The entry as it is now is "
            "shown: check it and save again.",
            catalog,
            entry,
            now,
        )
    before = copy.deepcopy(entry)
    _change(entry, action, msgstr, restore, po_path)
    new = po_bytes(catalog, wrap)
    write_po_bytes(new, po_path)
    return EditResult(True, _done(action), catalog, entry, digest(new), before)


def _change(
    entry: polib.POEntry,
    action: Action,
    msgstr: str,
    restore: polib.POEntry | None,
    po_path: Path,
) -> None:
    if action is Action.RESTORE:
        if restore is None:
            raise EditRefused("nothing to undo", path=po_path)
        for name in ("msgstr", "flags", "previous_msgid", "previous_msgctxt", "comment"):
            setattr(entry, name, copy.deepcopy(getattr(restore, name)))
        entry.tcomment = restore.tcomment
        return
    if entry.msgid_plural:
        raise EditRefused("entries with plural forms are edited in a PO editor", path=po_path)
    if action is Action.SEND_BACK:
        if not entry.msgstr:
            raise EditRefused("an empty entry is already open: nothing to send back", path=po_path)
        _set_fuzzy(entry, True)
        return
    text = msgstr.replace("\r\n", "\n").replace("\r", "\n")
    if action is Action.APPROVE:
        if not text.strip():
            raise EditRefused("an empty translation cannot be approved", path=po_path)
        entry.msgstr = text
        _set_fuzzy(entry, False)
        entry.previous_msgid = None
        entry.previous_msgctxt = None
        set_notes(entry, NoteKind.CHANGED, ())
        return
    entry.msgstr = text
    _set_fuzzy(entry, bool(text))


def _set_fuzzy(entry: polib.POEntry, fuzzy: bool) -> None:
    if fuzzy and "fuzzy" not in entry.flags:
        entry.flags.insert(0, "fuzzy")
    elif not fuzzy and "fuzzy" in entry.flags:
        entry.flags.remove("fuzzy")


def _done(action: Action) -> str:
    return {
        Action.SAVE: "saved as a draft (fuzzy)",
        Action.APPROVE: "approved",
        Action.SEND_BACK: "sent back for review (fuzzy)",
        Action.RESTORE: "undone",
    }[action]
