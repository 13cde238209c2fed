"""The package layout: subpackages follow the pipeline, imports flow one way, modules stay small.

Imports are read from the source with `ast` (including those inside functions, which run
later but still tie two modules together); imports under ``if TYPE_CHECKING:`` are left out.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "geo_deconflict"

# Each subpackage and the subpackages it may import: a lower layer never imports a higher one.
ALLOWED = {
    "errors": set(),
    "geo": {"errors"},
    "gazetteer": {"errors", "geo"},
    "geoparse": {"errors", "geo", "gazetteer"},
    "zones": {"errors", "geo"},
    "incidents": {"errors", "geo", "gazetteer", "geoparse", "zones"},
    "extract": {"errors", "geo", "gazetteer", "geoparse", "zones", "incidents"},
    "check": {"errors", "geo", "gazetteer", "zones", "incidents"},
    "breaches": {"errors", "geo", "zones", "incidents", "check"},
    "maps": {"errors", "geo", "gazetteer", "zones", "incidents", "check", "breaches"},
    "cli": {"errors", "geo", "gazetteer", "geoparse", "zones", "incidents", "extract", "check",
            "breaches", "maps"},
}
MAX_LINES = 600


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def _type_checking_lines(tree: ast.AST) -> set[int]:
    lines = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                lines.update(range(child.lineno, child.end_lineno + 1))
    return lines


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The package modules that `name` imports (a `from pkg import module` counts as module)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _type_checking_lines(tree)
    found = set()
    for node in ast.walk(tree):
        if getattr(node, "lineno", None) in skip:
            continue
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name in modules)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module not in modules:
                continue
            subs = [f"{node.module}.{a.name}" for a in node.names]
            hits = [s for s in subs if s in modules]
            found.update(hits)
            if len(hits) < len(subs):
                found.add(node.module)
    found.discard(name)
    return found


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(name, path, modules) for name, path in modules.items()}


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def test_no_import_cycles(graph):
    # The subpackages' __init__ files only re-export, so an edge into one is an edge into the
    # package's modules; cycles are looked for between modules.
    state: dict[str, int] = {}
    stack: list[str] = []
    cycles = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    assert not cycles, "import cycles: " + "; ".join(" -> ".join(c) for c in cycles)


def test_imports_flow_down_the_pipeline(graph):
    bad = []
    for module, deps in graph.items():
        layer = _layer(module)
        if layer in ("__init__", "__main__"):
            continue
        for dep in deps:
            target = _layer(dep)
            if target != layer and target not in ALLOWED[layer]:
                bad.append(f"{module} imports {dep}")
    assert not bad, "\n".join(sorted(bad))


def test_top_level_holds_only_the_entry_points_and_subpackages():
    loose = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert loose == ["__init__.py", "__main__.py", "errors.py"]
    subpackages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert subpackages == set(ALLOWED) - {"errors"}


def test_modules_stay_small():
    sizes = {str(p.relative_to(PACKAGE)): len(p.read_text(encoding="utf-8").splitlines())
             for p in PACKAGE.rglob("*.py")}
    big = {name: n for name, n in sizes.items() if n > MAX_LINES}
    assert not big, f"modules over {MAX_LINES} lines: {big}"


def test_each_subpackage_declares_its_public_names():
    import importlib

    for name in ALLOWED:
        if name in ("errors", "geo", "cli"):
            continue
        module = importlib.import_module(f"geo_deconflict.{name}")
        assert module.__all__, name
        for public in module.__all__:
            assert hasattr(module, public), f"geo_deconflict.{name}.{public}"


def test_old_module_paths_warn_and_forward():
    import importlib
    import sys

    sys.modules.pop("geo_deconflict.render", None)
    with pytest.warns(DeprecationWarning, match="geo_deconflict.maps.render"):
        old = importlib.import_module("geo_deconflict.render")
    from geo_deconflict.maps.render import render_map

    assert old.render_map is render_map


def test_public_api_at_the_top():
    import geo_deconflict

    for name in geo_deconflict.__all__:
        assert callable(getattr(geo_deconflict, name)), name


def test_no_merge_conflict_markers_left_in_the_sources():
    root = PACKAGE.parent
    files = [*PACKAGE.rglob("*.py"), *PACKAGE.rglob("*.js"), *(root / "layers").glob("*.py"),
             *(root / "tests").rglob("*.py"), *(root / "benchmarks").glob("*.py")]
    marked = [str(p.relative_to(root)) for p in files
              if any(line.startswith(("<<<<<<< ", ">>>>>>> "))
                     for line in p.read_text(encoding="utf-8").splitlines())]
    assert not marked, marked
