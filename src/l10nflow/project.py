"""A project: the folder of ``l10nflow.toml`` and the paths derived from it.

Commands work on the project found by walking up from the current folder, or
on files named on the command line, in which case the current folder serves
as an implicit project with default settings.
"""

from __future__ import annotations

import glob
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from l10nflow.catalog import catalog_path
from l10nflow.config import (
    CONFIG_NAME,
    LANGUAGES,
    TRUST_PATHS_ENV,
    DocumentGroup,
    ProjectConfig,
    find_config,
    is_shipped_glossary,
    load_config,
    shipped_glossary_path,
)
from l10nflow.document import Document, read_document
from l10nflow.document.formats import document_suffixes
from l10nflow.errors import InputError, UsageError
from l10nflow.languages import name as language_name
from l10nflow.languages import other_languages, primary

# A file name l10nflow refuses: control characters (line breaks break ``#:`` references).
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


@dataclass(frozen=True)
class Project:
    """Settings plus the folder they are relative to."""

    root: Path
    config: ProjectConfig
    config_path: Path | None = None
    _groups: dict[Path, DocumentGroup] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def discover(cls, start: str | Path | None = None) -> Project:
        """The project around ``start`` (default: the current folder), or an implicit one."""
        start = Path(start or Path.cwd()).resolve()
        path = find_config(start)
        if path is None:
            return cls(root=start, config=ProjectConfig())
        return cls(root=path.parent, config=load_config(path), config_path=path)

    @property
    def has_file(self) -> bool:
        return self.config_path is not None

    @property
    def locales_dir(self) -> Path:
        return self.root / self.config.locales_dir

    @property
    def output_dir(self) -> Path:
        return self.root / self.config.output_dir

    def catalogs(self) -> list[Path]:
        """Every PO catalog of the project (``<locales>/<lang>/LC_MESSAGES/*.po``), sorted."""
        return sorted(self.locales_dir.glob("*/LC_MESSAGES/*.po"))

    def glossary_paths(self, given: Sequence[str | Path] = ()) -> list[Path]:
        """Glossary files named on the command line, else those of the project file.

        The project file may name a glossary that ships with l10nflow (``"defense"``)
        or a file inside the project (a symbolic link leading out of it is refused).
        """
        if given:
            return [Path(p) for p in given]
        paths = []
        for name in self.config.glossaries:
            if is_shipped_glossary(name):
                paths.append(shipped_glossary_path(name))
            else:
                paths.append(self._inside(self.root / name, "glossary"))
        return paths

    def _inside(self, path: Path, what: str) -> Path:
        """``path`` if it resolves inside the project, else :class:`InputError`."""
        if os.environ.get(TRUST_PATHS_ENV):
            return path
        resolved = path.resolve()
        if not resolved.is_relative_to(self.root.resolve()):
            raise InputError(
                f"the {what} leads outside the project (to {resolved}); paths named in "
                f"{CONFIG_NAME} stay inside its folder (set {TRUST_PATHS_ENV}=1 to allow it)",
                path=path,
            )
        return path

    def load_glossary(self, given: Sequence[str | Path] = ()):
        """The glossary of :meth:`glossary_paths` loaded as one, or None when there is none."""
        paths = self.glossary_paths(given)
        if not paths:
            return None
        from l10nflow.glossary import Glossary

        return Glossary.load(paths)

    def documents(self, files: Sequence[str | Path] = ()) -> list[Path]:
        """Files named by the user, else the project's document globs (sorted).

        Globs match only files of a supported format inside the project: a
        symbolic link leading out of it is refused. Two documents that would
        share one catalog are refused, naming both.
        """
        if files:
            documents = [Path(f).resolve() for f in files]
        elif not self.has_file:
            raise UsageError(
                f"no {CONFIG_NAME} found here or in any parent folder; "
                "run `l10nflow init` or name the files"
            )
        else:
            documents = sorted(self._matching_documents())
        for document in documents:
            check_file_name(document)
        self._refuse_shared_catalogs(documents)
        return documents

    def _matching_documents(self) -> set[Path]:
        found: set[Path] = set()
        suffixes = document_suffixes()  # of every registered format, now
        groups = self.config.document_groups or (
            DocumentGroup(
                self.config.documents,
                self.config.source_language,
                self.config.target_languages,
            ),
        )
        for group in groups:
            for pattern in group.paths:
                base = glob.escape(str(self.root)) + "/"
                for name in glob.glob(base + pattern, recursive=True):
                    path = Path(name)
                    if path.suffix.lower() not in suffixes or not path.is_file():
                        continue
                    resolved = self._inside(path, "document").resolve()
                    found.add(resolved)
                    self._groups.setdefault(resolved, group)
        if not found:
            patterns = ", ".join(self.config.documents)
            raise UsageError(f"no documents match {patterns} in {self.root}")
        return found

    def _refuse_shared_catalogs(self, documents: Sequence[Path]) -> None:
        owners: dict[Path, Path] = {}
        for document in documents:
            key = self.catalog_path(document, "xx")
            other = owners.setdefault(key, document)
            if other != document:
                raise UsageError(
                    f"{self.reference(other)} and {self.reference(document)} would share the "
                    f"catalog {key.name}; rename one of them (catalogs are named after the "
                    "file name without its suffix)"
                )

    def reference(self, document: Path) -> str:
        """How PO references name a document: relative to the project, with / separators."""
        try:
            return document.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return document.resolve().as_posix()

    def source_language(self, document: Path) -> str | None:
        """The language the project file declares for ``document`` (None: guess it)."""
        group = self._groups.get(document.resolve())
        if group is not None and self.config.document_groups:
            return group.source
        return self.config.source_language

    def read(
        self, document: Path, lang: str | None = None, encoding: str | None = None
    ) -> Document:
        """Read and segment one document with the project's settings.

        A declared language (``lang``, else the project file's for this document)
        that the document's script contradicts is an error naming the document:
        an English article is never machine-translated as if it were Arabic.
        """
        declared = lang or self.source_language(document)
        result = read_document(
            document,
            lang=declared,
            encoding=encoding or self.config.encoding,
            segmentation=self.config.segmentation,
            abbreviations=self.config.abbreviations,
        )
        if declared:
            check_declared_language(result, declared)
        return result

    def pairs(
        self,
        files: Sequence[str | Path] = (),
        *,
        source_lang: str | None = None,
        targets: Sequence[str] = (),
        encoding: str | None = None,
        progress: Callable[[list[Path]], Iterable[Path]] = iter,
    ) -> Iterator[tuple[Document, str]]:
        """Each document read (as :meth:`read` does) with each of its target languages.

        In a project whose ``[[documents]]`` tables declare languages, ``--from`` and
        ``--to`` (``source_lang``, ``targets``) choose among the declared pairs: a
        document declared in another language than ``source_lang``, or whose own
        language is all ``targets`` names, is left out (a usage error when that leaves
        none). Elsewhere they override, as :meth:`read` and :meth:`target_languages` say.
        ``progress`` wraps the list of document paths (a progress bar).
        """
        found = False
        for path in progress(self.documents(files)):
            declared = self.source_language(path) if self.config.document_groups else None
            if declared and source_lang and primary(declared) != primary(source_lang):
                continue
            document = self.read(path, lang=source_lang, encoding=encoding)
            if declared and targets and {primary(t) for t in targets} <= {primary(declared)}:
                continue
            for target in self.target_languages(document.lang, targets, path):
                found = True
                yield document, target
        if not found and self.config.document_groups and (source_lang or targets):
            asked = " → ".join(filter(None, (source_lang, ", ".join(targets))))
            raise UsageError(f"no document of the project is in the pair asked for ({asked})")

    def catalog_path(self, document: Path, lang: str) -> Path:
        return catalog_path(self.locales_dir, lang, document)

    def output_path(self, document: Path, lang: str) -> Path:
        return self.output_dir / lang / document.name

    def target_languages(
        self, source_lang: str, requested: Sequence[str] = (), document: Path | None = None
    ) -> list[str]:
        """A document's targets: ``--to`` if given, else its ``[[documents]]`` table's, else
        the project's, else the other supported language; its own language never counts."""
        group = self._groups.get(document.resolve()) if document is not None else None
        targets = (
            list(requested)
            or list(group.targets if group is not None else ())
            or list(self.config.target_languages)
            or list(LANGUAGES)
        )
        for lang in targets:
            if lang not in LANGUAGES:
                raise UsageError(f"unsupported target language '{lang}' (use ar or en)")
        chosen = [lang for lang in dict.fromkeys(targets) if lang != source_lang]
        if not chosen:
            where = f"{self.reference(document)}: " if document is not None else ""
            raise UsageError(
                f"{where}nothing to translate into: the document is '{source_lang}', the only "
                "target language asked for (add the other language to target_languages, or "
                "declare the document's language in a [[documents]] table)"
            )
        return chosen


def check_file_name(path: Path) -> None:
    """Refuse a document whose name cannot be written into a PO reference.

    Control characters (a line break would split the ``#:`` line) and bytes
    that are not UTF-8 are refused with one line.
    """
    name = str(path)
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        shown = name.encode("utf-8", "backslashreplace").decode("ascii", "backslashreplace")
        raise InputError("the file name is not valid UTF-8; rename the file", path=shown) from None
    if _CONTROL.search(name):
        shown = name.encode("unicode_escape").decode("ascii")
        raise InputError("the file name holds a control character; rename the file", path=shown)


# A declared language is contradicted when at least this share of a document's letters
# (and this many) are in the other script.
_CONTRADICTION_SHARE = 0.6
_CONTRADICTION_LETTERS = 20


def check_declared_language(document: Document, declared: str) -> None:
    """Refuse a document whose words are mostly in the script of another language."""
    from l10nflow.segment import language_shares

    words = document.words()
    shares = language_shares(words)
    letters = sum(char.isalpha() for char in words)
    others = other_languages(declared)
    other = max(others, key=lambda code: shares.get(code, 0.0)) if others else declared
    if letters >= _CONTRADICTION_LETTERS and shares.get(other, 0.0) >= _CONTRADICTION_SHARE:
        raise InputError(
            f"declared {language_name(declared)} ({declared}), but "
            f"{shares[other]:.0%} of its letters are {language_name(other)}; fix the source "
            "language (source_language, a [[documents]] table's source, or --from) or move it",
            path=document.path,
        )
