"""Installs that fit each user, and CI recipes that cannot rot.

* the core (``pip install l10nflow``) declares every library the core imports, and none of the
  model stack; ``[mt]`` and ``[fast]`` hold it; ``[dev]`` holds both;
* the pre-commit hook installs the core only;
* the documented GitHub Actions workflow runs only the shared script, whose stages work (and
  whose exit codes keep findings, bad input and bugs apart) on the example project.
"""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest
import yaml

from tests.helpers import write_project

REPO = Path(__file__).resolve().parent.parent
SOURCE = REPO / "src" / "l10nflow"
SCRIPT = REPO / "docs" / "ci" / "l10nflow-ci.sh"
WORKFLOW = REPO / "docs" / "ci" / "translations.yml"
MODEL_STACK = {"transformers", "sentencepiece", "torch", "safetensors", "huggingface-hub"}
# Packages whose modules may import an extra's libraries (lazily, behind a one-line error).
EXTRA_PACKAGES = {"mt": "mt", "review": "review"}


def project() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def names(requirements: list[str]) -> set[str]:
    """Distribution names of requirement strings, normalised (PEP 503)."""
    found = set()
    for requirement in requirements:
        name = re.match(r"[A-Za-z0-9._-]+", requirement).group(0)
        found.add(re.sub(r"[-_.]+", "-", name).lower())
    return found


def test_the_core_holds_no_model_stack_and_the_extras_do():
    extras = project()["optional-dependencies"]
    assert not names(project()["dependencies"]) & MODEL_STACK
    assert names(extras["mt"]) == MODEL_STACK
    assert names(extras["fast"]) == {"ctranslate2", "sentencepiece"}
    dev = " ".join(extras["dev"])
    assert re.search(r"l10nflow\[[^\]]*\bmt\b", dev) and re.search(r"l10nflow\[[^\]]*\bfast\b", dev)


def _imports(path: Path) -> dict[str, bool]:
    """Top-level names of the modules a file imports -> whether every import is lazy (inside a
    function)."""
    found: dict[str, bool] = {}

    def visit(node: ast.AST, lazy: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inner = lazy or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            modules = []
            if isinstance(child, ast.Import):
                modules = [alias.name for alias in child.names]
            elif isinstance(child, ast.ImportFrom) and child.level == 0 and child.module:
                modules = [child.module]
            for module in modules:
                name = module.split(".")[0]
                found[name] = found.get(name, True) and inner
            visit(child, inner)

    visit(ast.parse(path.read_text(encoding="utf-8")), False)
    return found


def test_every_library_the_core_imports_is_declared():
    """What the slim CI recipe lacked (markdown_it): caught here, not on a user's project.

    Outside the extras' own packages (mt/, review/), a module imported at module level must be
    a core dependency; one imported only inside functions (behind a one-line error naming the
    extra) may belong to an extra."""
    core = names(project()["dependencies"])
    extras = set().union(*(names(v) for k, v in project()["optional-dependencies"].items()))
    distributions = packages_distributions()
    problems = []
    for path in SOURCE.rglob("*.py"):
        if path.relative_to(SOURCE).parts[0] in EXTRA_PACKAGES:
            continue
        for module, lazy in _imports(path).items():
            if module in sys.stdlib_module_names or module in {"l10nflow", "__future__"}:
                continue
            dists = names(distributions.get(module, [module]))
            allowed = core | extras if lazy else core
            if not dists & allowed:
                where = "lazily" if lazy else "at module level"
                problems.append(f"{path.relative_to(REPO)} imports {module} {where}")
    assert not problems, "not declared as needed:\n" + "\n".join(problems)


def test_model_stack_imports_in_the_core_are_lazy():
    """A core module reaching the model stack does it inside a function, never on import."""
    stack = {"torch", "transformers", "sentencepiece", "huggingface_hub", "safetensors"}
    for path in SOURCE.rglob("*.py"):
        if path.relative_to(SOURCE).parts[0] in EXTRA_PACKAGES:
            continue
        eager = {m for m, lazy in _imports(path).items() if not lazy} & (stack | {"ctranslate2"})
        assert not eager, f"{path}: imports {eager} at module level"


def test_the_pre_commit_hooks_install_the_core_only():
    """pre-commit installs a python hook with ``pip install .`` plus additional_dependencies."""
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hooks
    for hook in hooks:
        assert hook["language"] == "python"
        assert hook["entry"].split()[0] == "l10nflow"
        extra = " ".join(hook.get("additional_dependencies", []))
        assert "l10nflow[" not in extra and not names(hook.get("additional_dependencies", [])) & (
            MODEL_STACK | {"ctranslate2"}
        )


def _script_stages() -> list[str]:
    return re.findall(r"^    ([a-z]+)\)$", SCRIPT.read_text(encoding="utf-8"), re.MULTILINE)


def test_the_workflow_runs_only_the_shared_script():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    steps = workflow["jobs"]["check"]["steps"]
    runs = [step["run"].strip() for step in steps if "run" in step]
    stages = [re.fullmatch(r"bash \.github/l10nflow-ci\.sh ([a-z]+)", run) for run in runs]
    assert all(stages), runs
    assert [m.group(1) for m in stages] == ["install", "check", "reports"]
    assert set(_script_stages()) == {"install", "check", "reports"}
    uploads = [step for step in steps if "uses" in step and "upload" in step["uses"]]
    paths = {json.dumps(step["with"]) for step in uploads}
    assert any("l10nflow.sarif" in p for p in paths) and any(
        "l10nflow-junit.xml" in p for p in paths
    )


def test_the_guide_shows_the_workflow_file_as_it_is():
    guide = (REPO / "docs" / "github-actions.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", guide, re.DOTALL)
    assert WORKFLOW.read_text(encoding="utf-8") in blocks


def run_stage(stage: str, cwd: Path, **env: str) -> subprocess.CompletedProcess:
    bin_dir = str(Path(sys.executable).parent)
    environment = {**os.environ, "PATH": bin_dir + os.pathsep + os.environ["PATH"], **env}
    return subprocess.run(
        ["bash", str(SCRIPT), stage],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def example(tmp_path: Path) -> Path:
    folder = tmp_path / "example"
    shutil.copytree(REPO / "examples" / "partnership", folder)
    return folder


def test_the_script_checks_and_reports_on_the_example(example):
    checked = run_stage("check", example)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    reported = run_stage("reports", example)
    assert reported.returncode == 0, reported.stderr
    sarif = json.loads((example / "l10nflow.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"
    assert (example / "l10nflow-junit.xml").read_text(encoding="utf-8").startswith("<?xml")


NUMBERS_WRONG = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: en\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"
"X-Source-Language: ar\\n"

msgid "وصل 25 جنديا إلى القاعدة."
msgstr "37 soldiers arrived at the base."
"""


def test_findings_fail_check_but_not_the_reports(tmp_path):
    files = {"locales/en/LC_MESSAGES/a.po": NUMBERS_WRONG}
    write_project(tmp_path, files, source="ar", targets=["en"])
    checked = run_stage("check", tmp_path)
    assert checked.returncode == 1
    assert "::error file=locales/en/LC_MESSAGES/a.po,line=" in checked.stdout
    reported = run_stage("reports", tmp_path)
    assert reported.returncode == 0, reported.stderr
    assert "numbers" in (tmp_path / "l10nflow.sarif").read_text(encoding="utf-8")


def test_bad_input_fails_the_reports_step(example):
    (example / "l10nflow.toml").write_text("source_language = 42\n", encoding="utf-8")
    reported = run_stage("reports", example)
    assert reported.returncode == 2
    assert "l10nflow-ci: 'l10nflow -q check --format sarif" in reported.stderr


@pytest.mark.slow
def test_pip_resolves_the_core_without_the_model_stack(tmp_path):
    """What ``pip install l10nflow`` (and so the pre-commit hook) would install: resolved."""
    report = tmp_path / "report.json"
    pip = [sys.executable, "-m", "pip", "install", "--dry-run", "--quiet", "--ignore-installed"]
    result = subprocess.run(
        [*pip, "--report", str(report), str(REPO)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode != 0 and "No matching distribution" in result.stderr:
        pytest.skip("no package index reachable")
    assert result.returncode == 0, result.stderr
    resolved = names(
        [item["metadata"]["name"] for item in json.loads(report.read_text())["install"]]
    )
    assert "l10nflow" in resolved
    assert not resolved & (MODEL_STACK | {"ctranslate2", "triton"})
    assert not any(name.startswith("nvidia-") for name in resolved)


# ---------------------------------------------------------------------------- missing extras


@pytest.fixture
def without(monkeypatch):
    """Make modules unimportable, as in an install without their extra."""

    def block(*modules: str) -> None:
        for module in modules:
            monkeypatch.setitem(sys.modules, module, None)

    return block


def test_pull_without_the_mt_extra_is_one_line(cli, tmp_path, without):
    without("huggingface_hub")
    result = cli(["models", "pull", "ar-en", "--to", str(tmp_path / "m")], cwd=tmp_path)
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "l10nflow: error: downloading a model needs the model stack (huggingface_hub is not "
        "installed): pip install 'l10nflow[mt]'"
    ]


def test_translate_without_the_mt_extra_names_it(tmp_path, without):
    from l10nflow.errors import ModelError
    from l10nflow.mt import ModelLocation, create_engine

    without("torch", "transformers", "sentencepiece", "safetensors")
    wanted = r"no torch, transformers, sentencepiece, safetensors\): pip install 'l10nflow\[mt\]'"
    with pytest.raises(ModelError, match=wanted):
        create_engine(ModelLocation(tmp_path, "m", "local"), "ar", "en")


def test_the_fast_engine_without_its_extra_names_it(tmp_path, without):
    from l10nflow.errors import ModelError
    from l10nflow.mt.ct2 import import_ctranslate2
    from l10nflow.mt.marian_vocab import MarianVocab

    without("ctranslate2", "sentencepiece")
    with pytest.raises(ModelError, match=r"pip install 'l10nflow\[fast\]'"):
        import_ctranslate2()
    with pytest.raises(ModelError, match=r"pip install 'l10nflow\[fast\]'"):
        MarianVocab(tmp_path)


def test_convert_needs_the_fast_extra_alone(marian_ar_en, tmp_path, without):
    """Conversion reads the weights with numpy: no model stack, and without ctranslate2 it
    names the fast extra."""
    from l10nflow.errors import ModelError
    from l10nflow.mt.ct2 import FAST_EXTRA
    from l10nflow.mt.hub import MODEL_STACK
    from l10nflow.mt.models import convert_model

    without(*MODEL_STACK)
    assert (convert_model(marian_ar_en, tmp_path / "made", "int8") / "model.bin").is_file()
    without("ctranslate2")
    with pytest.raises(ModelError, match=re.escape(FAST_EXTRA)):
        convert_model(marian_ar_en, tmp_path / "out", "int8")
    assert not (tmp_path / "out").exists()


def test_verifying_a_converted_model_without_the_fast_extra_names_it(cli, tmp_path, without):
    folder = tmp_path / "ct2"
    folder.mkdir()
    (folder / "model.bin").write_bytes(b"")
    without("ctranslate2")
    result = cli(["models", "verify", str(folder), "--pair", "ar-en"], cwd=tmp_path)
    assert result.exit_code == 2
    assert "pip install 'l10nflow[fast]'" in result.stderr
