"""The docs keep up with the code: every public name and command is documented, the README's promises hold."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import fazhi_tasks as ft
from fazhi_tasks.cli import COMMANDS

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = (ROOT / "docs" / "reference.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ft.__all__)
def test_every_public_name_is_in_the_reference(name: str) -> None:
    """A public name missing from docs/reference.md fails the build."""
    assert re.search(rf"`{re.escape(name)}[`(]", REFERENCE), f"{name} is not documented in docs/reference.md"


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_is_in_the_reference(command: str) -> None:
    """Each subcommand has its own heading and an example in the reference."""
    assert f"\n### {command}\n" in REFERENCE
    assert f"fazhi-tasks {command}" in REFERENCE


def test_all_is_sorted_and_complete() -> None:
    """__all__ is sorted and every name in it exists."""
    assert sorted(ft.__all__) == list(ft.__all__)
    assert all(hasattr(ft, name) for name in ft.__all__)


def test_readme_first_screen() -> None:
    """The README's first screen shows the two commands, both in the Makefile."""
    head = "\n".join((ROOT / "README.md").read_text(encoding="utf-8").splitlines()[:40])
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("demo", "test"):
        assert f"make {target}" in head
        assert f"\n{target}: " in makefile
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_readme_example_output() -> None:
    """The README's Python example prints what the README says it prints."""
    import contextlib
    import io

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    code = text.split("```python\n", 1)[1].split("```", 1)[0]
    shown = text.split("```text\n", 1)[1].split("```", 1)[0]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "README.md", "exec"), {})
    assert shown == out.getvalue()


def test_changelog_has_unreleased() -> None:
    """CHANGELOG.md keeps an Unreleased section."""
    assert "## Unreleased" in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
