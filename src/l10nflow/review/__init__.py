"""The review desk: PO catalogs side by side with their documents, in the browser.

:mod:`~l10nflow.review.desk` finds the project's catalogs and builds what a
page shows (entries in document order, states, notes, glossary spans,
findings); :mod:`~l10nflow.review.edit` saves one entry (atomic, under the
project lock, refused when the file changed since the page loaded);
:mod:`~l10nflow.review.render` holds the templates (Jinja2, autoescaping on);
:mod:`~l10nflow.review.server` is the local web app and
:mod:`~l10nflow.review.export` its static, read-only copy.
"""

from l10nflow.review.desk import CatalogRef, Desk, DocumentView, EntryView
from l10nflow.review.edit import EditResult, apply_edit

__all__ = ["CatalogRef", "Desk", "DocumentView", "EditResult", "EntryView", "apply_edit"]
