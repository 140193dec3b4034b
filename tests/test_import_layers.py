"""Imports point one way (issue 14): no module imports a higher layer, no import cycle.

The modules of ``src/l10nflow`` are read with :mod:`ast` (nothing is imported): every
``import`` and ``from … import`` counts, inside functions too; only imports under
``if TYPE_CHECKING:`` (types, not code the module runs) are left out. Layers, top to
bottom (a module may import its own layer or any lower one):

cli → workflow → services (mt, check, tm) → data (catalog, document, glossary, config)
→ text (segment, textnorm, languages, errors, file and XML helpers).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"

LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("cli", ("l10nflow.cli", "l10nflow.__main__")),
    (
        "workflow",
        (
            "l10nflow.workflow",
            "l10nflow.project",
            "l10nflow.extract",
            "l10nflow.translate",
            "l10nflow.assemble",
            "l10nflow.status",
            "l10nflow.analyze",
            "l10nflow.catalog_updates",
            "l10nflow.exchange",
            "l10nflow.review",
            "l10nflow.mt.ray_backend",
        ),
    ),
    ("services", ("l10nflow.mt", "l10nflow.check", "l10nflow.tm")),
    (
        "data",
        (
            "l10nflow.catalog",
            "l10nflow.catalog_entry",
            "l10nflow.pofile",
            "l10nflow.powrap",
            "l10nflow.document",
            "l10nflow.glossary",
            "l10nflow.config",
            "l10nflow.lock",
            "l10nflow.check.findings",  # the registry of finding codes: data config validates with
        ),
    ),
    (
        "text",
        (
            "l10nflow.segment",
            "l10nflow.textnorm",
            "l10nflow.similarity",
            "l10nflow.languages",
            "l10nflow.conventions",
            "l10nflow.textio",
            "l10nflow.fsutil",
            "l10nflow.xmlsafe",
            "l10nflow.errors",
            "l10nflow.i18n",
            "l10nflow",
        ),
    ),
]


def _modules() -> dict[str, Path]:
    found = {}
    for path in (SRC / "l10nflow").rglob("*.py"):
        name = ".".join(path.relative_to(SRC).with_suffix("").parts)
        found[name.removesuffix(".__init__")] = path
    return found


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(path: Path, modules: dict[str, Path]) -> set[str]:
    """The l10nflow modules ``path`` imports at run time (in functions too)."""
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.startswith("l10nflow"):
                found.add(node.module)
                found.update(
                    f"{node.module}.{alias.name}"
                    for alias in node.names
                    if f"{node.module}.{alias.name}" in modules
                )
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("l10nflow"))
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return {name for name in found if name in modules}


def layer_of(module: str) -> int:
    """The index of a module's layer (0: top); the longest matching prefix decides."""
    best = (-1, len(LAYERS))
    for index, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best[0]:
                best = (len(prefix), index)
    return best[1]


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(path, modules) - {name} for name, path in modules.items()}


def test_every_module_has_a_layer(graph) -> None:
    assert all(layer_of(module) < len(LAYERS) for module in graph)


def test_no_module_imports_a_higher_layer(graph) -> None:
    upward = [
        f"{module} ({LAYERS[layer_of(module)][0]}) imports {target} ({LAYERS[layer_of(target)][0]})"
        for module, targets in sorted(graph.items())
        for target in sorted(targets)
        if layer_of(target) < layer_of(module)
    ]
    assert upward == []


def test_no_import_cycle(graph) -> None:
    cycles = _cycles(graph)
    assert cycles == []


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_the_checker_sees_a_cycle_and_an_upward_import() -> None:
    assert _cycles({"a": {"b"}, "b": {"a"}, "c": set()}) == [["a", "b"]]
    assert layer_of("l10nflow.cli.check_cmd") < layer_of("l10nflow.check.runner")
    assert layer_of("l10nflow.check.findings") > layer_of("l10nflow.check.runner")


def test_only_the_command_line_imports_click() -> None:
    """The library formats its reports itself: click is the CLI's (and its message
    catalog's, ``l10nflow.i18n``, which only the CLI imports)."""
    users = set()
    for name, path in _modules().items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                modules = [node.module or ""]
            else:
                continue
            if any(m == "click" or m.startswith("click.") for m in modules):
                users.add(name)
    assert {u for u in users if layer_of(u) != 0} == {"l10nflow.i18n"}
