"""Helpers several test modules share: the one-line refusal contract, an engine factory for a
fixed test model, and the CLI-runner re-exports."""

from __future__ import annotations

from pathlib import Path

from .conftest import snapshot


def assert_refused(cli, cwd: Path, args: list[str], *needles: str) -> str:
    """``l10nflow ARGS`` in ``cwd`` exits 2 with one ``l10nflow: error:`` line holding every
    needle, no traceback, and no file changed; returns that line."""
    before = snapshot(cwd)
    result = cli(args, cwd=cwd)
    assert result.exit_code == 2, (result.exit_code, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("l10nflow: error: "), lines[0]
    assert "Traceback" not in result.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]
    assert snapshot(cwd) == before, "a refused command changed files"
    return lines[0]


def model_factory(model: Path, calls: list | None = None):
    """An engine factory loading the test model ``model`` (its calls kept in ``calls``)."""
    from l10nflow.mt import create_engine, resolve_model

    def make(source: str, target: str):
        if calls is not None:
            calls.append((source, target))
        return create_engine(resolve_model(str(model), f"{source}-{target}"), source, target)

    return make
