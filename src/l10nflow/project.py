"""A project: the folder of ``l10nflow.toml`` and the paths derived from it.

Commands work on the project found by walking up from the current folder, or
on files named on the command line, in which case the current folder serves
as an implicit project with default settings.
"""

from __future__ import annotations

import glob
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from l10nflow.catalog import catalog_path
from l10nflow.config import (
    CONFIG_NAME,
    LANGUAGES,
    TRUST_PATHS_ENV,
    ProjectConfig,
    find_config,
    is_shipped_glossary,
    load_config,
    shipped_glossary_path,
)
from l10nflow.document import DOCUMENT_SUFFIXES, Document, read_document
from l10nflow.errors import InputError, UsageError

# A file name l10nflow refuses: control characters (line breaks break ``#:`` references).
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


@dataclass(frozen=True)
class Project:
    """Settings plus the folder they are relative to."""

    root: Path
    config: ProjectConfig
    config_path: Path | None = None

    @classmethod
    def discover(cls, start: Path | None = None) -> Project:
        """The project around ``start`` (default: the current folder), or an implicit one."""
        start = (start or Path.cwd()).resolve()
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
        for pattern in self.config.documents:
            for name in glob.glob(glob.escape(str(self.root)) + "/" + pattern, recursive=True):
                path = Path(name)
                if path.suffix.lower() not in DOCUMENT_SUFFIXES or not path.is_file():
                    continue
                found.add(self._inside(path, "document").resolve())
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

    def read(
        self, document: Path, lang: str | None = None, encoding: str | None = None
    ) -> Document:
        """Read and segment one document with the project's settings."""
        return read_document(
            document,
            lang=lang or self.config.source_language,
            encoding=encoding or self.config.encoding,
            segmentation=self.config.segmentation,
            abbreviations=self.config.abbreviations,
        )

    def catalog_path(self, document: Path, lang: str) -> Path:
        return catalog_path(self.locales_dir, lang, document)

    def output_path(self, document: Path, lang: str) -> Path:
        return self.output_dir / lang / document.name

    def target_languages(self, source_lang: str, requested: Sequence[str] = ()) -> list[str]:
        """``--to`` if given, else the project's targets, else the other supported language."""
        targets = list(requested) or list(self.config.target_languages)
        if not targets:
            targets = [lang for lang in LANGUAGES if lang != source_lang]
        for lang in targets:
            if lang not in LANGUAGES:
                raise UsageError(f"unsupported target language '{lang}' (use ar or en)")
            if lang == source_lang:
                raise UsageError(f"target language '{lang}' is the document's own language")
        return targets


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
