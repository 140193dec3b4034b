"""Helpers several test modules share: a project written from a few files, the one-line
refusal contract, and an engine factory for a fixed test model."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from .conftest import snapshot


def write_project(
    root: Path,
    files: Mapping[str, str] | None = None,
    config: str = "",
    *,
    source: str = "en",
    targets: Sequence[str] = ("ar",),
) -> Path:
    """A project in ``root``: ``files`` (relative path -> UTF-8 text) and an ``l10nflow.toml``
    translating ``source`` into ``targets``, then ``config``'s lines; returns ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    for name, text in (files or {}).items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    languages = ", ".join(f'"{target}"' for target in targets)
    (root / "l10nflow.toml").write_text(
        f'source_language = "{source}"\ntarget_languages = [{languages}]\n{config}',
        encoding="utf-8",
    )
    return root


def one_line_error(result, *needles: str) -> str:
    """The one ``l10nflow: error:`` line a CLI result exits 2 with, holding every needle, no
    traceback; returns that line."""
    assert result.exit_code == 2, (result.exit_code, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("l10nflow: error: "), lines[0]
    assert "Traceback" not in result.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


def assert_refused(cli, cwd: Path, args: list[str], *needles: str) -> str:
    """``l10nflow ARGS`` in ``cwd`` fails with :func:`one_line_error` (every needle in its
    line) and no file changed; returns that line."""
    before = snapshot(cwd)
    line = one_line_error(cli(args, cwd=cwd), *needles)
    assert snapshot(cwd) == before, "a refused command changed files"
    return line


def model_factory(model: Path, calls: list | None = None):
    """An engine factory loading the test model ``model`` (its calls kept in ``calls``)."""
    from l10nflow.mt import create_engine, resolve_model

    def make(source: str, target: str):
        if calls is not None:
            calls.append((source, target))
        return create_engine(resolve_model(str(model), f"{source}-{target}"), source, target)

    return make
