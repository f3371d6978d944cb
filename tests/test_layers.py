"""The package's layers: no import circle at run time, deferred imports inside functions included."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "fazhi_tasks"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(p for p in parts if p != "__init__") or "__init__"


def _runtime_imports(path: Path) -> set[str]:
    """Modules of the package that ``path`` imports when it runs (``if TYPE_CHECKING:`` blocks left out)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    type_only: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            type_only.update(id(n) for stmt in node.body for n in ast.walk(stmt))
    found: set[str] = set()
    package = _module_name(path).rsplit(".", 1)[0] if "." in _module_name(path) else ""
    for node in ast.walk(tree):
        if id(node) in type_only:
            continue
        if isinstance(node, ast.ImportFrom) and node.level >= 1:
            base = package if node.level == 1 else ""
            target = ".".join(p for p in (base, node.module or "") if p)
            if node.module is None:
                found.update(".".join(p for p in (base, a.name) if p) for a in node.names)
            else:
                found.add(target)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("fazhi_tasks."):
            found.add(node.module.removeprefix("fazhi_tasks."))  # type: ignore[union-attr]
    return found


def import_graph() -> nx.DiGraph[str]:
    """Module → the package modules it imports at run time."""
    graph: nx.DiGraph[str] = nx.DiGraph()
    for path in PACKAGE.rglob("*.py"):
        name = _module_name(path)
        graph.add_node(name)
        for target in _runtime_imports(path):
            if target != name:
                graph.add_edge(name, target)
    return graph


class TestLayers:
    def test_no_import_cycle(self) -> None:
        """No module imports, directly or through others, a module that imports it back."""
        graph = import_graph()
        graph.remove_node("__init__")  # the package front re-exports everything, lazily
        cycles = list(nx.simple_cycles(graph))
        assert [] == sorted(cycles, key=len)[:5]

    def test_the_graph_sees_deferred_imports(self) -> None:
        """The walk sees imports inside functions (a cycle there would go unseen otherwise)."""
        graph = import_graph()
        assert graph.has_edge("_commands", "_weekly")  # imported inside cmd_weekly
        assert graph.has_edge("_present", "_views")  # imported inside document_of

    def test_results_never_import_the_renderers(self) -> None:
        """Results are data: the analysis reaches rendering only through the package front (``fazhi_tasks.render``)."""
        graph = import_graph()
        analysis = ("_graph", "_shortfalls", "_rectify", "_forecast", "_weekly", "_rollup", "_result")
        renderers = {n for n in graph if n.startswith(("_render", "_docx", "_views", "_present"))}
        for module in analysis:
            reached = nx.descendants(graph, module) & renderers
            assert not reached, (module, sorted(reached))

    def test_low_rooms_import_nothing_above_them(self) -> None:
        """The language table, errors and file helpers sit at the bottom."""
        graph = import_graph()
        assert set(graph.successors("_i18n")) == set()
        assert set(graph.successors("_errors")) <= {"_i18n"}
        assert set(graph.successors("_files")) <= {"_errors"}
