"""The command line's shape: one module per command, each registering its parser with the common options."""

from __future__ import annotations

import argparse

import pytest

from fazhi_tasks.cli import COMMANDS, MODULES, build_parser
from fazhi_tasks.cli.options import common_options

#: What every command takes, added by ``options.common_options``.
COMMON = ("--plan", "--ledger", "--timeout", "--bureau", "--columns", "--no-deadlines", "--lang", "--today", "-o",
          "--output")


def subparsers() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    (action,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


class TestCommandModules:
    def test_the_commands_are_the_registered_parsers(self) -> None:
        """COMMANDS names each module's parser, in the order --help lists them."""
        assert list(COMMANDS) == list(subparsers())

    @pytest.mark.parametrize("name", sorted(COMMANDS))
    def test_each_command_runs_its_own_module(self, name: str) -> None:
        """A command's parser runs the ``run`` of the module that registered it."""
        assert COMMANDS[name].run is subparsers()[name].get_default("func")

    @pytest.mark.parametrize("name", sorted(COMMANDS))
    def test_every_command_takes_the_common_options(self, name: str) -> None:
        """--plan, --ledger … -o are on every command, as common_options adds them."""
        options = {s for a in subparsers()[name]._actions for s in a.option_strings}
        assert set(COMMON) <= options

    def test_common_options_alone(self) -> None:
        """A parser made outside add_command gets the same common options from common_options."""
        parser = argparse.ArgumentParser()
        common_options(parser)
        args = parser.parse_args(["--timeout", "5", "--lang", "en", "-o", "x.html"])
        assert (5.0, "en", "x.html", None) == (args.timeout, args.lang, args.output, args.plan)

    def test_one_module_per_command(self) -> None:
        """Each module registers exactly one command and has a run."""
        assert len(MODULES) == len(COMMANDS)
        assert all(callable(m.register) and callable(m.run) for m in MODULES)
