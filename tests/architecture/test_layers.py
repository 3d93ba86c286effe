"""The package layering written in ARCHITECTURE.md holds: no import cycles, no lower layer importing a higher one.

The layer order is read from ARCHITECTURE.md itself (the fenced block under "## Layers"), so the document and
the code cannot drift apart.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "drafter"


def layer_order() -> list[list[str]]:
    """Layers from ARCHITECTURE.md, lowest first: each line `N  name, name  — comment`."""
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    block = re.search(r"## Layers.*?```\n(.*?)```", text, re.S)
    assert block, "ARCHITECTURE.md has no '## Layers' block"
    layers = []
    for line in block.group(1).splitlines():
        match = re.match(r"\s*(\d+)\s+([\w, ]+?)\s+(?:—|$)", line + " ")
        if match:
            layers.append([name.strip() for name in match.group(2).split(",")])
    return layers


def unit_of(module: str) -> str:
    """`drafter.figures.derive` → `figures`; `drafter.pipeline` → `pipeline`; `drafter` → `drafter`."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Every drafter module imported anywhere in the file (function-level imports included)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}: relative import; use `from drafter.… import …`"
            if node.module and node.module.split(".")[0] == "drafter":
                found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "drafter")
    return found


def graph() -> dict[str, set[str]]:
    return {module_name(p): imports_of(p) for p in sorted(PACKAGE.rglob("*.py"))}


def test_every_package_has_a_layer():
    rank = {name for layer in layer_order() for name in layer}
    units = {unit_of(m) for m in graph()} - {"drafter"}
    assert units <= rank, f"packages missing from ARCHITECTURE.md's layers: {sorted(units - rank)}"


def test_no_lower_layer_imports_a_higher_one():
    rank = {name: i for i, layer in enumerate(layer_order()) for name in layer}
    wrong = []
    for module, imported in graph().items():
        here = unit_of(module)
        for target in imported:
            there = unit_of(target)
            if there in ("drafter", here):  # the package root (__version__) and a package's own modules
                continue
            if rank[there] >= rank[here]:
                wrong.append(f"{module} (layer {rank[here]}) imports {target} (layer {rank[there]})")
    assert not wrong, "\n".join(wrong)


def test_no_import_cycles():
    edges = {m: {t for t in targets if t != m} for m, targets in graph().items()}
    modules = set(edges)
    # an import of a package means its __init__ module
    edges = {m: {t for t in ts if t in modules} for m, ts in edges.items()}
    state: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges[node]):
            if state.get(nxt) == 1:
                cycles.append([*stack[stack.index(nxt):], nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for module in sorted(modules):
        if module not in state:
            visit(module)
    assert not cycles, "import cycles: " + "; ".join(" → ".join(c) for c in cycles)


def test_the_checker_sees_a_violation(tmp_path):
    """The walker itself works: a made-up upward import is found."""
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from drafter.cli import main\n", encoding="utf-8")
    assert imports_of(bad) == {"drafter.cli"}
    rank = {name: i for i, layer in enumerate(layer_order()) for name in layer}
    assert rank["cli"] > rank["model"]


def test_no_module_imports_another_modules_private_names():
    """Shared rules are public functions (figures.derive.score_groups, capped_total, execution_score…): no module
    reaches into another's private `_helpers`, so lint and check cannot drift apart silently."""
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("drafter"):
                offenders += [f"{path.relative_to(ROOT)}: {alias.name}" for alias in node.names
                              if alias.name.startswith("_") and not alias.name.startswith("__")]
    assert offenders == []
