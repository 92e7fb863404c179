"""The package's folders follow the pipeline, and imports point one way.

read → check → assess → write → publish, over base modules that every layer
may use (periods, numerals, findings, exceptions, …). A module imports from
its own layer, a lower layer, or the base; the entry points (``cli``,
``scaffold``, the package's ``__init__``) may import anything. No import
cycle between modules, even one that only type checkers follow.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from dxanalysis.config import PACKAGE_DIR

LAYERS = ("read", "check", "assess", "write", "publish")
ENTRY_POINTS = {"dxanalysis", "dxanalysis.cli", "dxanalysis.__main__", "dxanalysis.scaffold"}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every dxanalysis module ``path`` imports, at any depth (functions and TYPE_CHECKING included)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("dxanalysis"):
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("dxanalysis")}
    return found


MODULES = {_module_name(p): p for p in sorted(PACKAGE_DIR.rglob("*.py"))}
GRAPH = {name: {m for m in _imports(path) if m in MODULES and m != name} for name, path in MODULES.items()}


def rank(module: str) -> int:
    """0 for base modules, 1–5 for the layers in pipeline order, 6 for entry points."""
    if module in ENTRY_POINTS:
        return 6
    parts = module.split(".")
    return LAYERS.index(parts[1]) + 1 if len(parts) > 2 or parts[-1] in LAYERS else 0


def test_every_module_is_in_a_layer_or_the_base():
    assert {m.split(".")[1] for m in MODULES if m.count(".") >= 2} <= set(LAYERS)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_point_down_the_pipeline(module):
    upward = sorted(m for m in GRAPH[module] if rank(m) > rank(module))
    assert not upward, f"{module} (layer {rank(module)}) imports {upward} from a later step"


def test_no_import_cycles():
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        path.append(module)
        for imported in sorted(GRAPH[module]):
            if state.get(imported) == 1:
                cycle = path[path.index(imported):] + [imported]
                pytest.fail("import cycle: " + " → ".join(cycle))
            if not state.get(imported):
                visit(imported)
        path.pop()
        state[module] = 2

    for module in sorted(MODULES):
        if module not in ENTRY_POINTS and not state.get(module):
            visit(module)
