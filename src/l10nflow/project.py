"""A project: the folder of ``l10nflow.toml`` and the paths derived from it.

Commands work on the project found by walking up from the current folder, or
on files named on the command line, in which case the current folder serves
as an implicit project with default settings.
"""

from __future__ import annotations

import glob
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from l10nflow.catalog import catalog_path
from l10nflow.config import CONFIG_NAME, LANGUAGES, ProjectConfig, find_config, load_config
from l10nflow.document import Document, read_document
from l10nflow.errors import UsageError


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
        """Glossary files named on the command line, else those of the project file."""
        return [Path(p) for p in given] or [self.root / name for name in self.config.glossaries]

    def load_glossary(self, given: Sequence[str | Path] = ()):
        """The glossary of :meth:`glossary_paths` loaded as one, or None when there is none."""
        paths = self.glossary_paths(given)
        if not paths:
            return None
        from l10nflow.glossary import Glossary

        return Glossary.load(paths)

    def documents(self, files: Sequence[str | Path] = ()) -> list[Path]:
        """Files named by the user, else the project's document globs (sorted)."""
        if files:
            return [Path(f).resolve() for f in files]
        if not self.has_file:
            raise UsageError(
                f"no {CONFIG_NAME} found here or in any parent folder; "
                "run `l10nflow init` or name the files"
            )
        found: set[Path] = set()
        for pattern in self.config.documents:
            found.update(
                Path(p).resolve()
                for p in glob.glob(str(self.root / pattern), recursive=True)
                if Path(p).is_file()
            )
        if not found:
            patterns = ", ".join(self.config.documents)
            raise UsageError(f"no documents match {patterns} in {self.root}")
        return sorted(found)

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
