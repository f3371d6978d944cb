"""One wording table: every sentence the package shows is a key of the language table, each key defined once.

Messages are not written inline: ``Said("…", "…")`` with Chinese text, ``said("…")``, ``CellError("…", "…")``,
``TooLarge``/``NotFound`` …, or a helper handed both languages (``at(where, "…", "…")``) are refused anywhere in
the package but at the places listed in ``ALLOWED``, each with its reason. A message is built from the table with
``Said.of(key, **params)`` (``at(where, *Said.of(key, **params))`` for a helper taking the two languages).
"""

from __future__ import annotations

import ast
import itertools
import re
import string
from pathlib import Path

import pytest

from fazhi_tasks.core import wording
from fazhi_tasks.core.errors import Said
from fazhi_tasks.core.i18n import table_keys, text

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "fazhi_tasks"
#: CJK ideographs, CJK punctuation and full-width forms (``：``, ``（``): a literal holding any is a message.
CJK = re.compile("[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
#: The calls that write a message in both languages where it is made.
MAKERS = frozenset({"Said", "said", "TooLarge", "NotFound", "CellError"})
#: (module, function) → why an inline message stays there.
ALLOWED: dict[tuple[str, str], str] = {
    ("io/updates.py", "_update"): ("the percent/status contradiction is being reworded on the web front's branch "
                                   "(issue 25); it moves to the table once that lands, so the branches do not clash"),
}


def _text_of(node: ast.expr) -> str | None:
    """The literal text of a string or f-string argument (``{}`` for each value), else ``None``."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(str(v.value) if isinstance(v, ast.Constant) else "{}" for v in node.values)
    return None


def _inline_messages() -> list[tuple[str, str, int, str]]:
    """(module, enclosing function or class, line, call) for every maker call given a literal with CJK text, and
    every call given a Chinese literal followed by an English one."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = path.relative_to(PACKAGE).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        scopes: list[tuple[ast.AST, str]] = []
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                scopes.extend((child, node.name) for child in ast.walk(node) if child is not node)
        owner = {id(child): name for child, name in reversed(scopes)}  # the innermost scope wins
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else (
                node.func.attr if isinstance(node.func, ast.Attribute) else "")
            if name in MAKERS:
                literals = [c.value for arg in (*node.args, *(k.value for k in node.keywords)) for c in ast.walk(arg)
                            if isinstance(c, ast.Constant) and isinstance(c.value, str)]
                inline = any(CJK.search(s) for s in literals)
            else:  # a helper handed the message in both languages: at(where, "…中文…", "… English …")
                texts = [_text_of(arg) for arg in node.args]
                inline = any(a is not None and b is not None and CJK.search(a) and re.search("[a-z]{3}", b)
                             for a, b in itertools.pairwise(texts))
            if inline:
                found.append((module, owner.get(id(node), "<module>"), node.lineno, ast.unparse(node)[:100]))
    # docstrings' doctests (``Said("第 2 行：缺少状态", …)`` in core/errors.py) are text, not calls: never listed
    return found


class TestWording:
    def test_no_message_is_written_inline(self) -> None:
        """Every Chinese message comes from the language table, but at the listed places."""
        found = [f for f in _inline_messages() if (f[0], f[1]) not in ALLOWED]
        assert [] == [f"{m}:{line} in {scope}: {call}" for m, scope, line, call in found]

    def test_every_allowed_place_still_needs_it(self) -> None:
        """An exception that is no longer used is taken off the list."""
        used = {(m, scope) for m, scope, _, _ in _inline_messages()}
        assert [] == sorted(set(ALLOWED) - used)

    def test_every_key_is_defined_once(self) -> None:
        """No key appears twice in the table's own literal or across the rooms' modules."""
        keys: dict[str, list[str]] = {}
        for path in [PACKAGE / "core" / "i18n.py", *sorted((PACKAGE / "core" / "wording").glob("*.py"))]:
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Dict):
                    for k in node.keys:
                        if isinstance(k, ast.Constant) and isinstance(k.value, str) and isinstance(
                                node.values[node.keys.index(k)], ast.Tuple):
                            keys.setdefault(k.value, []).append(path.name)
        assert {} == {k: v for k, v in keys.items() if len(v) > 1}

    def test_a_key_defined_twice_is_refused(self) -> None:
        with pytest.raises(ValueError, match=r"'x\.y' is defined in both a and b"):
            wording.merge(("a", {"x.y": ("甲", "a")}), ("b", {"x.y": ("乙", "b")}))

    def test_every_room_is_in_the_table(self) -> None:
        """Each room's keys are named after it and reach the one table."""
        table = table_keys()
        for room, entries in wording.ROOMS:
            for key, entry in entries.items():
                assert key.startswith(f"{room}."), key
                assert table[key] == entry
                assert entry[0] and all(isinstance(s, str) for s in entry), key  # English may drop a word (等)

    def test_every_said_of_names_a_key_and_fills_it(self) -> None:
        """``Said.of("key", **params)`` in the package: the key exists and the params are its template's fields."""
        table, bad = table_keys(), []
        for path in sorted(PACKAGE.rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "of"
                        and node.args and isinstance(node.args[0], ast.Constant)
                        and isinstance(node.args[0].value, str)):
                    continue
                key, where = node.args[0].value, f"{path.relative_to(PACKAGE)}:{node.lineno}"
                if key not in table:
                    bad.append(f"{where}: no key {key!r}")
                    continue
                if any(k.arg is None for k in node.keywords):
                    continue  # **params: not checked here
                given = {k.arg or "" for k in node.keywords}
                wanted = {name.split("|")[0].split(".")[0].split("[")[0]
                          for template in table[key] for _, name, _, _ in string.Formatter().parse(template)
                          if name is not None}
                if given != wanted:
                    bad.append(f"{where}: {key} takes {sorted(wanted)}, given {sorted(given)}")
        assert [] == bad

    def test_said_of_shows_each_language(self) -> None:
        why = Said("不是日期", "not a date")
        assert Said.of("core.about", what="'x'", why=why) == Said("'x'：不是日期", "'x': not a date")
        assert text("core.about", "en", what="a", why="b") == "a: b"
