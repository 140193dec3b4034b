"""The project file ``l10nflow.toml``: schema, defaults, validation, discovery.

A project is the folder holding ``l10nflow.toml``; commands find it by walking
up from the current folder, like git. Unknown keys and wrong types are errors
that name the file and line. Command-line flags override what is read here.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path, PurePosixPath
from typing import Any

from l10nflow.conventions import LocaleSettings, parse_locale_table
from l10nflow.engines import engine_choices
from l10nflow.errors import ConfigError, InputError
from l10nflow.languages import LANGUAGES

CONFIG_NAME = "l10nflow.toml"
DEFAULT_MODELS = {
    "ar-en": "Helsinki-NLP/opus-mt-ar-en",
    "en-ar": "Helsinki-NLP/opus-mt-en-ar",
}


@dataclass(frozen=True)
class TranslateSettings:
    """Options of the MT engine (``[translate]``)."""

    engine: str = "auto"  # ctranslate2 (int8) when installed, else transformers
    device: str = "auto"
    num_beams: int = 4
    num_hypotheses: int = 4
    max_batch_tokens: int = 2048
    quantize: str = "none"
    threads: int = 0  # CPU threads for the engine; 0: the engine's default
    target_punctuation: str = "latin"
    memory_threshold: float = 0.75
    prefer_memory: bool = True
    backend: str = "local"  # "ray": MT on a Ray actor pool (l10nflow.mt.ray_backend)
    ray_address: str = ""  # a running Ray cluster to join; empty: start a local instance
    ray_workers: int = 2  # actors, one model each
    ray_cpus_per_worker: int = 1
    ray_gpus_per_worker: int = 0


@dataclass(frozen=True)
class CatalogSettings:
    """How PO files are written (``[catalog]``)."""

    wrap: int = 79  # wrap strings as GNU gettext does at this width; 0: unwrapped


SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class CheckSettings:
    """Options of ``l10nflow check`` (``[check]``); unset review gates are None or False."""

    ignore: tuple[str, ...] = ()  # finding codes silenced project-wide
    fuzzy_severity: str = "warning"  # at most this severity for unreviewed (fuzzy) entries
    fail_on: str = "error"  # exit 1 on findings of this severity or above
    max_obsolete: int = 50  # warn when a catalog holds more obsolete entries
    max_fuzzy: int | None = None  # fail when a catalog holds more fuzzy entries
    require_reviewed: bool = False  # fail on every entry that is not reviewed
    min_reviewed: float | None = None  # fail below this percentage of reviewed entries


@dataclass(frozen=True)
class DocumentGroup:
    """A ``[[documents]]`` table: globs whose articles share a source language and targets.

    ``source`` None: guessed from each document's script (and reported); ``targets``
    empty: the project's ``target_languages``. A document's own language is never one
    of its targets.
    """

    paths: tuple[str, ...]
    source: str | None = None
    targets: tuple[str, ...] = ()


@dataclass(frozen=True)
class ProjectConfig:
    """Everything ``l10nflow.toml`` can say, with defaults for what it does not."""

    source_language: str | None = None
    target_languages: tuple[str, ...] = ()
    documents: tuple[str, ...] = ("articles/*",)  # files of every registered format
    document_groups: tuple[DocumentGroup, ...] = ()  # [[documents]] tables, in order
    glossaries: tuple[str, ...] = ()
    locales_dir: str = "locales"
    output_dir: str = "build"
    encoding: str | None = None  # None: UTF-8, and an HTML page's declared charset
    segmentation: str = "sentence"
    abbreviations: dict[str, tuple[str, ...]] = field(default_factory=dict)
    models: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_MODELS))
    translate: TranslateSettings = field(default_factory=TranslateSettings)
    catalog: CatalogSettings = field(default_factory=CatalogSettings)
    check: CheckSettings = field(default_factory=CheckSettings)
    locale: dict[str, LocaleSettings] = field(default_factory=dict)  # [locale]: per target

    def model_for(self, source: str, target: str) -> str:
        """The model id or folder configured for a language pair."""
        pair = f"{source}-{target}"
        return self.models.get(pair) or DEFAULT_MODELS.get(pair) or ""


_CHOICES: dict[str, tuple[str, ...]] = {
    "source_language": LANGUAGES,
    "segmentation": ("sentence", "paragraph"),
    "engine": engine_choices(),
    "device": ("auto", "cpu", "cuda"),
    "quantize": ("none", "int8"),
    "target_punctuation": ("latin", "native"),
    "backend": ("local", "ray"),
    "fuzzy_severity": SEVERITIES,
    "fail_on": SEVERITIES,
}


# [translate] integers that may be 0 (the others: >= 1)
_TRANSLATE_MINIMUM = {"threads": 0, "ray_gpus_per_worker": 0}
# Upper bounds of [translate] integers: beyond them a run exhausts memory or threads.
TRANSLATE_MAXIMUM = {
    "threads": 256,
    "num_beams": 64,
    "num_hypotheses": 64,
    "max_batch_tokens": 1_000_000,
    "ray_workers": 4096,
}
# Keys naming paths that must stay inside the project (unless TRUST_PATHS_ENV is set).
_PROJECT_PATHS = ("locales_dir", "output_dir", "documents", "glossaries")
TRUST_PATHS_ENV = "L10NFLOW_TRUST_PATHS"


def load_config(path: Path) -> ProjectConfig:
    """Read and validate a project file; raise :class:`ConfigError` naming file and line."""
    from l10nflow.fsutil import read_input

    try:
        raw_text = read_input(path, "project file", ConfigError, limit="project").decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigError("project file is not UTF-8", path=path) from None
    try:
        data = tomllib.loads(raw_text)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"line (\d+)", str(error))
        line = int(match.group(1)) if match else None
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(error))
        raise ConfigError(f"invalid TOML: {message}", path=path, line=line) from None
    return _ConfigReader(path, raw_text).read(data)


class _ConfigReader:
    """Turns parsed TOML into a :class:`ProjectConfig`, reporting errors with lines."""

    def __init__(self, path: Path, raw_text: str):
        self.path = path
        self.lines = raw_text.splitlines()

    def error(self, key: str, message: str) -> ConfigError:
        return ConfigError(message, path=self.path, line=self._line_of(key))

    def _line_of(self, key: str) -> int | None:
        """The line of a dotted key (``translate.engine``): inside its table, else anywhere."""
        *table, name = key.split(".")
        assignment = re.compile(rf"^\s*[\"']?{re.escape(name)}[\"']?\s*=")
        header = re.compile(r"^\s*\[+\s*([^\]]*?)\s*\]+")
        current: list[str] = []
        fallback = None
        for number, line in enumerate(self.lines, start=1):
            opened = header.match(line)
            if opened:
                current = [part.strip().strip("\"'") for part in opened.group(1).split(".")]
                if current == [*table, name]:
                    return number  # the key is a table itself
                continue
            if assignment.match(line):
                if current == table:
                    return number
                fallback = fallback or number
        return fallback

    def read(self, data: dict[str, Any]) -> ProjectConfig:
        tables = {"abbreviations", "models", "translate", "catalog", "check", "locale"}
        top = {f.name for f in fields(ProjectConfig)} - tables
        values: dict[str, Any] = {}
        for key, value in data.items():
            if (
                key == "documents"
                and isinstance(value, list)
                and value
                and all(isinstance(v, dict) for v in value)
            ):
                groups = tuple(self._document_group(number, v) for number, v in enumerate(value))
                values["document_groups"] = groups
                values["documents"] = tuple(g for group in groups for g in group.paths)
            elif key in top:
                values[key] = self._scalar_or_list(key, value)
            elif key == "segmenter":
                values["abbreviations"] = self._segmenter(value)
            elif key == "models":
                values["models"] = {**DEFAULT_MODELS, **self._models(value)}
            elif key == "translate":
                values["translate"] = self._translate(value)
            elif key == "check":
                values["check"] = self._check(value)
            elif key == "catalog":
                values["catalog"] = self._catalog(value)
            elif key == "locale":
                values["locale"] = parse_locale_table(value, self.error)
            else:
                raise self.error(key, f"unknown key '{key}'")
        config = ProjectConfig(**values)
        for language in config.target_languages:
            if language not in LANGUAGES:
                raise self.error("target_languages", f"unsupported target language '{language}'")
        if config.source_language and config.source_language in config.target_languages:
            raise self.error("target_languages", "a target language equals the source language")
        if "encoding" in values:
            self._encoding(values["encoding"])
        if not os.environ.get(TRUST_PATHS_ENV):
            for key in _PROJECT_PATHS:
                self._inside_project(key, getattr(config, key))
        return config

    def _document_group(self, number: int, table: dict[str, Any]) -> DocumentGroup:
        """One ``[[documents]]`` table: ``paths`` (required), ``source``, ``targets``."""
        where = f"documents[{number}]"
        for key in table:
            if key not in ("paths", "source", "targets"):
                raise self.error(f"documents.{key}", f"unknown key '{key}' in [[documents]]")
        paths = table.get("paths")
        if isinstance(paths, str):
            paths = [paths]
        if not isinstance(paths, list) or not paths or not all(isinstance(p, str) for p in paths):
            raise self.error("documents", f"{where}: 'paths' must be a list of globs")
        source = table.get("source")
        if source is not None and source not in LANGUAGES:
            raise self.error("documents.source", f"{where}: source must be one of ar, en")
        targets = table.get("targets", [])
        if isinstance(targets, str):
            targets = [targets]
        if not isinstance(targets, list) or not all(t in LANGUAGES for t in targets):
            raise self.error("documents.targets", f"{where}: targets must be a list of ar, en")
        if source is not None and source in targets:
            raise self.error("documents.targets", f"{where}: a target equals the source '{source}'")
        return DocumentGroup(tuple(paths), source, tuple(targets))

    def _encoding(self, encoding: str) -> None:
        from l10nflow.textio import check_encoding

        try:
            check_encoding(encoding)
        except InputError as error:
            raise self.error("encoding", error.message) from None

    def _inside_project(self, key: str, value: str | tuple[str, ...]) -> None:
        """Refuse a path (or glob) that is absolute or climbs out of the project with ``..``."""
        for item in (value,) if isinstance(value, str) else value:
            if key == "glossaries" and is_shipped_glossary(item):
                continue
            parts = PurePosixPath(item.replace("\\", "/")).parts
            if item.startswith(("/", "~", "\\")) or re.match(r"[A-Za-z]:", item) or ".." in parts:
                raise self.error(
                    key,
                    f"'{key}' names {item!r}, outside the project: paths in {CONFIG_NAME} stay "
                    f"inside its folder (set {TRUST_PATHS_ENV}=1 to allow it)",
                )

    def _scalar_or_list(self, key: str, value: Any) -> Any:
        default = getattr(ProjectConfig(), key)
        if isinstance(default, tuple):
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise self.error(key, f"'{key}' must be a list of strings")
            return tuple(value)
        if not isinstance(value, str):
            raise self.error(key, f"'{key}' must be a string")
        self._check_choice(key, value)
        return value

    def _check_choice(self, key: str, value: str, where: str | None = None) -> None:
        choices = _CHOICES.get(key)
        if choices and value not in choices:
            raise self.error(
                where or key, f"'{key}' must be one of {', '.join(choices)} (got '{value}')"
            )

    def _segmenter(self, value: Any) -> dict[str, tuple[str, ...]]:
        if not isinstance(value, dict):
            raise self.error("segmenter", "[segmenter] must be a table")
        result: dict[str, tuple[str, ...]] = {}
        for key, sub in value.items():
            if key != "abbreviations":
                raise self.error(f"segmenter.{key}", f"unknown key 'segmenter.{key}'")
            if not isinstance(sub, dict):
                raise self.error(
                    "segmenter.abbreviations", "segmenter.abbreviations must be a table of lists"
                )
            for language, items in sub.items():
                where = f"segmenter.abbreviations.{language}"
                if language not in LANGUAGES:
                    raise self.error(where, f"unsupported language '{language}'")
                if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
                    raise self.error(where, "abbreviations must be a list of strings")
                result[language] = tuple(items)
        return result

    def _models(self, value: Any) -> dict[str, str]:
        if not isinstance(value, dict):
            raise self.error("models", "[models] must be a table")
        for pair, model in value.items():
            if pair not in DEFAULT_MODELS:
                raise self.error(
                    f"models.{pair}", f"unknown language pair '{pair}' (use ar-en or en-ar)"
                )
            if not isinstance(model, str) or not model:
                raise self.error(f"models.{pair}", f"model for '{pair}' must be a non-empty string")
        return dict(value)

    def _translate(self, value: Any) -> TranslateSettings:
        if not isinstance(value, dict):
            raise self.error("translate", "[translate] must be a table")
        defaults = TranslateSettings()
        known = {f.name: type(getattr(defaults, f.name)) for f in fields(TranslateSettings)}
        for key, item in value.items():
            where = f"translate.{key}"
            if key not in known:
                raise self.error(where, f"unknown key 'translate.{key}'")
            expected = known[key]
            if type(item) is not expected:
                raise self.error(where, f"'translate.{key}' must be {expected.__name__}")
            least = _TRANSLATE_MINIMUM.get(key, 1)
            if expected is int and item < least:
                raise self.error(where, f"'translate.{key}' must be at least {least}")
            most = TRANSLATE_MAXIMUM.get(key)
            if expected is int and most is not None and item > most:
                raise self.error(where, f"'translate.{key}' must be at most {most}")
            if expected is float and not 0.0 < item <= 1.0:
                raise self.error(where, f"'translate.{key}' must be between 0 and 1")
            if expected is str:
                self._check_choice(key, item, where)
        return TranslateSettings(**value)

    def _catalog(self, value: Any) -> CatalogSettings:
        if not isinstance(value, dict):
            raise self.error("catalog", "[catalog] must be a table")
        for key, item in value.items():
            if key != "wrap":
                raise self.error(f"catalog.{key}", f"unknown key 'catalog.{key}'")
            if type(item) is not int or not 0 <= item <= 10_000:
                raise self.error("catalog.wrap", "'catalog.wrap' must be an integer from 0")
        return CatalogSettings(**value)

    def _check(self, value: Any) -> CheckSettings:
        if not isinstance(value, dict):
            raise self.error("check", "[check] must be a table")
        for key, item in value.items():
            where = f"check.{key}"
            kind = _CHECK_TYPES.get(key)
            if kind is None:
                raise self.error(where, f"unknown key 'check.{key}'")
            if type(item) not in kind[0]:
                raise self.error(where, f"'check.{key}' must be {kind[1]}")
            if isinstance(item, str):
                self._check_choice(key, item, where)
            elif type(item) in (int, float) and not 0 <= item <= kind[2]:
                limits = "at least 0" if kind[2] == float("inf") else f"between 0 and {kind[2]:g}"
                raise self.error(where, f"'check.{key}' must be {limits}")
        if "ignore" in value:
            value = {**value, "ignore": self._check_codes(value["ignore"])}
        return CheckSettings(**value)

    def _check_codes(self, codes: list[Any]) -> tuple[str, ...]:
        from l10nflow.check.findings import CODES

        for code in codes:
            if not isinstance(code, str):
                raise self.error("check.ignore", "'check.ignore' must be a list of strings")
            if code not in CODES:
                raise self.error("check.ignore", f"unknown finding code '{code}' in 'check.ignore'")
        return tuple(codes)


# [check] keys: accepted TOML types, how to say them, upper bound of numbers.
_CHECK_TYPES: dict[str, tuple[tuple[type, ...], str, float]] = {
    "ignore": ((list,), "a list of finding codes", 0),
    "fuzzy_severity": ((str,), "a string", 0),
    "fail_on": ((str,), "a string", 0),
    "max_obsolete": ((int,), "an integer", float("inf")),
    "max_fuzzy": ((int,), "an integer", float("inf")),
    "require_reviewed": ((bool,), "true or false", 0),
    "min_reviewed": ((int, float), "a number", 100),
}


def find_config(start: Path) -> Path | None:
    """The nearest ``l10nflow.toml`` in ``start`` or its parents, like git's discovery."""
    folder = start.resolve()
    for candidate in (folder, *folder.parents):
        path = candidate / CONFIG_NAME
        if path.is_file():
            return path
    return None


CONFIG_TEMPLATE = """\
# l10nflow project file. Commands find it by walking up from the current folder.
# Command-line flags override every setting here.

{languages}# Glossaries (CSV; see glossaries/README.md): files relative to this file, or "defense",
# the defense glossary that ships with l10nflow. Later files override earlier ones.
glossaries = [{glossaries}]
# Where PO catalogs live: <locales_dir>/<lang>/LC_MESSAGES/<document>.po
locales_dir = "locales"
# Where `l10nflow assemble` writes translated articles: <output_dir>/<lang>/<file name>
output_dir = "build"
# Encoding of the articles (default: UTF-8; an HTML page's own <meta charset> is honoured).
# encoding = "utf-8"
# "sentence" (one PO entry per sentence) or "paragraph" (one per block, as po4a does).
segmentation = "sentence"

[segmenter.abbreviations]
# Extra abbreviations that do not end a sentence, per language.
ar = []
en = []

[models]
# Model per language pair: a Hugging Face hub id or a local folder.
"ar-en" = "Helsinki-NLP/opus-mt-ar-en"
"en-ar" = "Helsinki-NLP/opus-mt-en-ar"

[translate]
engine = "auto"              # ctranslate2 int8 if installed (l10nflow[fast]), else transformers
device = "auto"              # auto, cpu or cuda
num_beams = 4                # beam size (1 = greedy)
num_hypotheses = 4           # n-best list size used for glossary reranking
max_batch_tokens = 2048      # batch size as a token budget
quantize = "none"            # "int8": dynamic int8 on CPU (transformers engine)
threads = 0                  # CPU threads; 0: the engine's default (physical cores)
target_punctuation = "latin" # "native": Arabic output uses ، ؛ ؟
memory_threshold = 0.75      # fuzzy memory matches from this similarity up are offered
prefer_memory = true         # true: insert such a match instead of MT; false: MT, match as a note

[catalog]
wrap = 79                    # wrap PO strings as GNU gettext and Poedit do; 0: unwrapped

[locale]
# ar = "ar-QA"               # CLDR locale of a target: dates and numbers of MT output
# digits = "arabic"          # or "latin"; default: the locale's own
# months = "dual"            # «تموز/يوليو»; default "locale"

[check]
# Finding codes silenced in the whole project (see docs/check.md). One entry is
# silenced with a flag in its PO file: "#, l10nflow-ignore:numbers".
ignore = []
fuzzy_severity = "warning"   # severity cap for unreviewed (fuzzy) entries: error, warning, info
fail_on = "error"            # exit 1 on findings of this severity or above
max_obsolete = 50            # warn when a catalog holds more obsolete entries
# max_fuzzy = 0              # fail when a catalog holds more fuzzy entries
# require_reviewed = true    # fail on every entry that is not reviewed
# min_reviewed = 90          # fail when fewer than this % of a catalog's entries are reviewed
"""


SHIPPED_GLOSSARIES = ("defense",)


def is_shipped_glossary(name: str) -> bool:
    """Whether ``name`` names a glossary that ships with l10nflow (``"defense"``)."""
    return name in SHIPPED_GLOSSARIES


def shipped_glossary_path(name: str) -> Path:
    """The installed file of a shipped glossary (package data)."""
    from importlib.resources import files

    return Path(str(files("l10nflow").joinpath("data", "glossaries", f"{name}.csv")))


ONE_WAY = """\
# Language of the articles ("ar" or "en"). Leave it out to guess from the script.
source_language = "{source}"
# Languages to translate into.
target_languages = ["{target}"]
# Articles of the project, as globs relative to this file; a glob finds the files of every
# supported format (.txt, .md, .html, …) and skips others.
documents = ["articles/*"]
"""
TWO_WAY = """\
# Languages to translate into. Each article goes into the ones that are not its own:
# the [[documents]] tables at the end of this file say which articles are in which language.
target_languages = ["ar", "en"]
"""
TWO_WAY_GROUPS = """
# Articles per source language (globs relative to this file). A document whose script
# contradicts its table's language is an error naming it; leave out `source` to guess it.
[[documents]]
paths = ["articles/ar/*"]
source = "ar"
targets = ["en"]

[[documents]]
paths = ["articles/en/*"]
source = "en"
targets = ["ar"]
"""


def render_template(
    source: str, target: str, glossaries: list[str], *, two_way: bool = False
) -> str:
    """The commented ``l10nflow.toml`` that ``l10nflow init`` writes (``two_way``: Arabic
    articles in articles/ar into English, English ones in articles/en into Arabic)."""
    listed = ", ".join(f'"{g}"' for g in glossaries)
    languages = TWO_WAY if two_way else ONE_WAY.format(source=source, target=target)
    text = CONFIG_TEMPLATE.format(languages=languages, glossaries=listed)
    return text + TWO_WAY_GROUPS if two_way else text
