"""``make demo``: the whole flow on an example project, every stage, start to finish.

    python examples/demo.py [PROJECT]      (default: examples/partnership)

Machine translation needs the project's model (about 300 MB from the Hugging Face hub). Where
it is at hand (pulled, cached, or downloadable now) the demo translates, and a failing
``translate`` fails the demo. Where it is not (no network, ``HF_HUB_OFFLINE``, no model stack
installed) one line says that machine translation was skipped and how to get the model; the
entries stay empty for translators and status, check and assemble still run. ``l10nflow
translate`` itself still exits 2 when asked for a model it cannot get: only the demo goes on.

Exit status: 0 when every stage ran; otherwise the first failing stage's.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from l10nflow.errors import L10nError
from l10nflow.project import Project

EXAMPLE = Path(__file__).resolve().parent / "partnership"
FINDINGS = 1  # `check` found something: the demo shows it and goes on


def stage(args: list[str], project: Path, allowed: tuple[int, ...] = (0,)) -> None:
    """Run ``l10nflow ARGS`` in the project, under a heading; stop the demo if it fails."""
    print(f"\n== l10nflow {' '.join(args)}", flush=True)
    code = subprocess.call([sys.executable, "-m", "l10nflow", *args], cwd=project)
    if code not in allowed:
        print(f"demo: `l10nflow {' '.join(args)}` failed (exit {code})", file=sys.stderr)
        raise SystemExit(code)


def unavailable_models(project: Path) -> list[str]:
    """Why the project's models cannot be had here (empty when every pair has its model).

    Resolving a model downloads it when the machine can reach the hub, as ``translate`` would.
    """
    from l10nflow.mt.models import resolve_model

    config = Project.discover(project).config
    if not config.source_language:  # per-document languages: translate decides for itself
        return []
    reasons = []
    for target in config.target_languages:
        pair = f"{config.source_language}-{target}"
        try:
            reference = config.model_for(config.source_language, target)
            resolve_model(reference, pair, progress=sys.stderr.isatty())
        except L10nError as error:
            reasons.append(str(error))
    return reasons


def main(argv: list[str]) -> int:
    project = Path(argv[0]).resolve() if argv else EXAMPLE
    stage(["extract"], project)
    reasons = unavailable_models(project)
    if reasons:
        print("\n== l10nflow translate", flush=True)
        for reason in reasons:
            print(f"demo: machine translation skipped, entries left for translators: {reason}")
    else:
        stage(["translate"], project)
    stage(["status"], project)
    stage(["check"], project, allowed=(0, FINDINGS))
    stage(["assemble", "--fallback", "mt"], project)
    print("\ndemo: done", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
