"""``fazhi-tasks account add NAME --division 处室 | --office | --director`` and ``account list``: the web front's
accounts, kept in the ``--ledger``.

The password is asked twice on a terminal (not echoed); when standard input is not a terminal, its first line is
the password (``echo … | fazhi-tasks account add …`` in a setup script). Passwords shorter than 8 characters are
refused. Only the argon2id hash is stored.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any, TextIO

from fazhi_tasks.cli.options import UsageError, add_command
from fazhi_tasks.cli.review import open_ledger
from fazhi_tasks.core.errors import ArgumentError, LedgerError
from fazhi_tasks.core.i18n import text, word

__all__ = ["read_password", "register", "run"]

HELP = ("网页端账户：add 新建（--division 处室 | --office 法治办 | --director 局领导），password 重设密码，list 列出 / "
        "web accounts")
EXAMPLE = "fazhi-tasks account add 张三 --division 政策法规处 --ledger progress.db"


def register(sub: Any) -> None:
    """Add the ``account`` command to the subparsers ``sub``."""
    p = add_command(sub, "account", HELP, EXAMPLE)
    p.set_defaults(func=run)
    p.add_argument("action", choices=("add", "password", "list"),
                   help="add: create an account; password: set a new password (a forgotten one); list: show them")
    p.add_argument("name", nargs="?", metavar="NAME", help="add, password: the login name")
    role = p.add_mutually_exclusive_group()
    role.add_argument("--division", metavar="DIVISION", help="a division's account (处室): reports its own tasks")
    role.add_argument("--office", action="store_true", help="the office's account (法治办): sees all, reviews")
    role.add_argument("--director", action="store_true", help="the director's account (局领导): reads")


def read_password(lang: Any, stdin: TextIO | None = None) -> str:
    """The new password: asked twice on a terminal, else the first line of standard input."""
    stream = stdin or sys.stdin
    if stream.isatty():
        first = getpass.getpass(text("cli.password_prompt", lang))
        if first != getpass.getpass(text("cli.password_again", lang)):
            raise ArgumentError(key="cli.password_mismatch", field="password", code="account.password_mismatch")
        return first
    line = stream.readline().rstrip("\r\n")
    if not line:
        raise ArgumentError(key="cli.password_missing", field="password", code="account.password_missing")
    return line


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Add an account, set its password, or list them."""
    from fazhi_tasks.model.review import Role

    if args.action == "list":
        with open_ledger(args, must_exist=True) as ledger:
            accounts = ledger.accounts()
        if not accounts:
            out.write(text("cli.no_accounts", args.lang) + "\n")
            return 0
        from tabulate import tabulate

        headers = [text("name", args.lang), text("role", args.lang), text("division_h", args.lang)]
        rows = [(a.name, word(a.role, args.lang), a.division or "") for a in accounts]
        out.write(tabulate(rows, headers=headers, tablefmt="simple") + "\n")
        return 0
    if not args.name:
        raise UsageError(key="err.account_needs_name", option="NAME")
    if args.action == "password":
        with open_ledger(args, must_exist=True) as ledger:
            if ledger.account(args.name.strip()) is None:  # refused before a password is asked for
                raise LedgerError(key="err.account_unknown", params={"name": args.name.strip()},
                                  code="account.unknown", status=404)
            ledger.set_password(args.name.strip(), read_password(args.lang))
        out.write(text("cli.password_set", args.lang, name=args.name.strip()) + "\n")
        return 0
    role = Role.OFFICE if args.office else Role.DIRECTOR if args.director else Role.DIVISION
    if role is Role.DIVISION and not args.division:
        raise UsageError(key="err.account_needs_division", option="--division")
    with open_ledger(args, must_exist=False) as ledger:
        if ledger.account(args.name.strip()) is not None:  # refused before a password is asked for
            raise LedgerError(key="err.account_exists", params={"name": args.name.strip()}, code="account.exists",
                              status=409)
        account = ledger.add_account(args.name, role, division=args.division, password=read_password(args.lang))
    division = f"，{account.division}" if account.division and args.lang == "zh" else (
        f", {account.division}" if account.division else "")
    out.write(text("cli.account_done", args.lang, name=account.name, role=word(account.role, args.lang),
                   division=division) + "\n")
    return 0
