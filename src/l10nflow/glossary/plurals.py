"""Plural forms a dictionary knows, proposed for a glossary's ``plural:ar`` column.

The matcher reads regular endings itself (dual, sound plurals, the nisba
feminine); broken plurals («جندي» → «جنود») are vocabulary, so a glossary
lists them in ``plural:ar``. :func:`suggest_plurals` looks up the head word of
each Arabic term in Arramooz, the noun dictionary of the Arabic morphology
packages on PyPI (``arramooz-pysqlite``: an SQLite file inside the package, no
download at run time, GPL; an optional extra, ``pip install 'l10nflow[arabic]'``),
and proposes its broken plurals, with the article where the term has one.
Only one-word terms, the head of a construct («نائب الأدميرال» → «نواب
الأدميرال») and the noun of a noun + adjectives term are inflected; an
adjective's agreement is left to the editor (the suggestion says so).
"""

from __future__ import annotations

import importlib.util
import re
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from l10nflow.errors import UsageError
from l10nflow.glossary.entry import PLURAL_PREFIX, GlossaryEntry
from l10nflow.glossary.matcher import form_key
from l10nflow.languages import PROFILES, class_body

__all__ = ["PluralSuggestion", "dictionary_path", "suggest_plurals"]

_AR = PROFILES["ar"]
_ARTICLE = _AR.article
_TASHKEEL = re.compile(f"[{class_body(_AR.word_marks)}]")
_ARABIC_WORD = re.compile("[\u0621-\u064a]{2,}")
RESOURCE = "arramooz-pysqlite"


@dataclass(frozen=True)
class PluralSuggestion:
    """A plural to add to an entry's ``plural:xx`` cell."""

    entry: GlossaryEntry
    lang: str
    form: str  # the glossary form it inflects
    plural: str
    multiword: bool  # only the head word was inflected: check the adjectives

    def __str__(self) -> str:
        where = f"{self.entry.source}:{self.entry.row}" if self.entry.source else "<glossary>"
        tail = " (head word only: check the adjectives' agreement)" if self.multiword else ""
        return (
            f"{where}: suggest-forms: add '{self.plural}' to '{PLURAL_PREFIX}{self.lang}' "
            f"for '{self.form}'{tail}"
        )


def dictionary_path() -> Path:
    """The Arramooz noun dictionary inside its installed package; UsageError when absent."""
    spec = importlib.util.find_spec("arramooz")
    if spec is None or not spec.submodule_search_locations:
        raise UsageError(
            f"--suggest-forms needs the Arabic noun dictionary: pip install {RESOURCE} "
            "(or l10nflow[arabic])"
        )
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "arabicdictionary.sqlite"
    if not path.is_file():
        raise UsageError(f"{RESOURCE} is installed without its dictionary ({path})")
    return path


@lru_cache(maxsize=4)
def _connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)


def broken_plurals(word: str, path: Path | None = None) -> list[str]:
    """Broken plurals of an Arabic noun or adjective (no article), unvocalised, in order."""
    connection = _connect(path or dictionary_path())
    rows = connection.execute(
        "SELECT broken_plural FROM nouns WHERE unvocalized = ?", (_TASHKEEL.sub("", word),)
    ).fetchall()
    plurals: dict[str, None] = {}
    for (cell,) in rows:
        for plural in (cell or "").split(";"):
            plural = _TASHKEEL.sub("", plural).strip()
            if _ARABIC_WORD.fullmatch(plural) and not plural.startswith("و"):  # «وحلفاء»: typo
                plurals.setdefault(plural)
    return list(plurals)


def _bare(form: str, lang: str) -> str:
    """A form's key without the article of its first word (listed with or without it)."""
    return _AR.without_article(form_key(form, lang), min_stem=0)


def suggest_plurals(
    entries: Iterable[GlossaryEntry], lang: str = "ar", path: Path | None = None
) -> list[PluralSuggestion]:
    """Broken plurals the dictionary knows for the preferred ``lang`` form of each entry,
    leaving out what the entry already lists (accepted forms or its plural column)."""
    path = path or dictionary_path()
    found: list[PluralSuggestion] = []
    for entry in entries:
        forms: Sequence[str] = entry.forms.get(lang, ())
        if not forms:
            continue
        known = {_bare(f, lang) for f in (*forms, *entry.plurals(lang))}
        form = forms[0]
        head, *rest = form.split(" ")
        article = _ARTICLE if head.startswith(_ARTICLE) and len(head) > 4 else ""
        if rest and article and not all(word.startswith(_ARTICLE) for word in rest):
            continue  # neither noun + adjectives nor a construct: «الفريق أول» is a rank
        for plural in broken_plurals(head[len(article) :], path):
            suggestion = " ".join([article + plural, *rest])
            if _bare(suggestion, lang) not in known:
                known.add(_bare(suggestion, lang))
                found.append(PluralSuggestion(entry, lang, form, suggestion, bool(rest)))
    return found
