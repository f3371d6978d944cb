"""The package's rooms and their one direction, checked on the real tree with every import counted.

core ← model ← {ledger | analysis | io} ← report ← {cli | web}. Every import counts: at the top, inside functions
(deferred) and under ``if TYPE_CHECKING:``. The package front (``fazhi_tasks/__init__.py``) re-exports
everything lazily and is the one place above them all; a result's ``to_*`` shortcuts reach rendering through
it (``import fazhi_tasks``), as any caller would.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "fazhi_tasks"
#: Room → rank: a module may import its own room and the rooms of a lower rank (siblings share a rank).
RANKS = {"core": 0, "model": 1, "ledger": 2, "analysis": 2, "io": 2, "report": 3, "cli": 4, "web": 4}
#: Rooms a room never imports, even where the ranks would allow it.
NEVER = {"analysis": {"io", "report", "cli", "web"}, "ledger": {"analysis", "io", "report", "cli", "web"},
         "web": {"cli"}}
MAX_MODULES = 20


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(p for p in parts if p != "__init__") or "__init__"


def _imports(path: Path) -> set[str]:
    """Modules of the package that ``path`` imports anywhere in its text (TYPE_CHECKING and deferred included)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".") if package else []
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, *(node.module or "").split(".")]).strip(".")
            elif (node.module or "").startswith("fazhi_tasks."):
                target = node.module.removeprefix("fazhi_tasks.")  # type: ignore[union-attr]
            elif node.module == "fazhi_tasks":
                target = "__init__"
            else:
                continue
            found.add(target)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "fazhi_tasks":
                    found.add("__init__")
                elif alias.name.startswith("fazhi_tasks."):
                    found.add(alias.name.removeprefix("fazhi_tasks."))
    return found


def import_graph() -> nx.DiGraph[str]:
    """Module → the package modules it imports (a package's name stands for its ``__init__``)."""
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: nx.DiGraph[str] = nx.DiGraph()
    for name, path in modules.items():
        graph.add_node(name)
        for imported in _imports(path):
            target = imported
            while target not in modules and "." in target:  # `from fazhi_tasks.io import x`: x may be a module
                target = target.rpartition(".")[0]
            if target != name and target in modules:
                graph.add_edge(name, target)
    return graph


def room(module: str) -> str:
    return module.split(".", 1)[0]


class TestLayers:
    def test_no_import_cycle(self) -> None:
        """No module imports, directly or through others, a module that imports it back (every import counted)."""
        graph = import_graph()
        graph.remove_node("__init__")  # the package front re-exports everything, lazily
        cycles = list(nx.simple_cycles(graph))
        assert [] == sorted(cycles, key=len)[:5]

    def test_rooms_import_only_downwards(self) -> None:
        """A module imports its own room or lower ones: core ← model ← {ledger | analysis | io} ← report ← cli."""
        graph = import_graph()
        upward = sorted((a, b) for a, b in graph.edges if b != "__init__" and a != "__init__"
                        and room(a) in RANKS and room(b) in RANKS and RANKS[room(b)] > RANKS[room(a)])
        assert [] == upward

    @pytest.mark.parametrize("low", sorted(NEVER))
    def test_rooms_that_never_meet(self, low: str) -> None:
        """The analysis never imports io, report or cli; the ledger knows none of the rooms above the model."""
        graph = import_graph()
        bad = sorted((a, b) for a, b in graph.edges if room(a) == low and room(b) in NEVER[low])
        assert [] == bad

    def test_every_module_lives_in_a_room(self) -> None:
        """Only the front, ``__main__`` and the rooms sit at the top of the package."""
        graph = import_graph()
        assert {room(m) for m in graph} <= {*RANKS, "__init__", "__main__"}

    def test_no_room_is_crowded(self) -> None:
        """No folder holds more than ~20 modules."""
        for folder in {p.parent for p in PACKAGE.rglob("*.py")}:
            assert len(list(folder.glob("*.py"))) <= MAX_MODULES + 1, folder  # + its __init__

    def test_the_graph_sees_every_kind_of_import(self) -> None:
        """Deferred imports inside functions and TYPE_CHECKING imports are both edges."""
        graph = import_graph()
        assert graph.has_edge("cli.weekly", "analysis.weekly")  # imported inside weekly.run
        assert graph.has_edge("report.present", "report.views")  # imported inside document_of

    def test_low_rooms_import_nothing_above_them(self) -> None:
        """The language table, errors and file helpers sit at the bottom."""
        graph = import_graph()
        assert set(graph.successors("core.i18n")) <= {"core.wording"}  # the rooms' messages, merged in
        assert set(graph.successors("core.wording")) == set()
        assert set(graph.successors("core.errors")) <= {"core.i18n"}
        assert set(graph.successors("core.files")) <= {"core.errors"}
