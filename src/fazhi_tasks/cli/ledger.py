"""``fazhi-tasks ledger``: create or migrate a ledger, grant and revoke roles on the shared one, verify the
hash chains."""

from __future__ import annotations

import argparse
from typing import TextIO

from fazhi_tasks.cli.commands import _existing_ledger
from fazhi_tasks.cli.options import Subparsers, UsageError, add_command
from fazhi_tasks.core.i18n import text

__all__ = ["register", "run"]

HELP = "账本：init 建表升级，grant/revoke/grants 授权，verify 校验哈希链 / set up, verify"
EXAMPLE = "fazhi-tasks ledger grant --url postgresql://fzb@db/fazhi --bureau 金华市应急管理局 --role jh_yjj"


def register(sub: Subparsers[argparse.ArgumentParser]) -> None:
    """Add ``ledger`` with its options."""
    p = add_command(sub, "ledger", HELP, EXAMPLE)
    p.add_argument("action", choices=("init", "grant", "revoke", "grants", "verify"),
                   help="init: create an SQLite ledger file, or create or migrate the shared one (the DBA); "
                   "grant / revoke: a bureau's or a reader's role (the admin); grants: list them; "
                   "verify: check every readable bureau's hash chain (exit 1 when broken)")
    p.add_argument("--url", metavar="URL", help="the shared ledger: postgresql://role@host/db (or --ledger)")
    p.add_argument("--role", metavar="ROLE", help="the login role to grant or revoke")
    p.add_argument("--reader", action="store_true", help="grant reading every bureau (no writing)")
    p.add_argument("--admin", metavar="ROLE",
                   help="init: the login role that may grant and revoke (the 法治办's), made the ledger's admin")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """The ``init``, ``grant``, ``revoke``, ``grants`` or ``verify`` action; exit 1 when verify finds a break."""
    from fazhi_tasks.ledger.front import init_ledger, is_postgres_url

    url = args.url or args.ledger
    if not url:
        raise UsageError(key="err.ledger_needs_url", option="--ledger")
    if args.action == "verify":
        return _verify(args, url, out)
    if args.action == "init":
        if args.admin and not is_postgres_url(url):
            raise UsageError(key="err.admin_needs_url", option="--admin")
        if is_postgres_url(url):
            from fazhi_tasks.ledger.admin import init_ledger as init_shared

            before, after = init_shared(url, admin=args.admin, timeout=args.timeout)
            key = "cli.ledger_migrated" if before != after else "cli.ledger_current"
        else:
            before, after = init_ledger(url, timeout=args.timeout)
            key = "cli.ledger_created" if before == 0 else "cli.ledger_exists"
        out.write(text(key, args.lang, before=before, after=after, path=url) + "\n")
        if args.admin:
            out.write(text("cli.admin_granted", args.lang, role=args.admin) + "\n")
        return 0
    return _grants(args, url, out)


def _grants(args: argparse.Namespace, url: str, out: TextIO) -> int:
    """``ledger grant``, ``revoke`` and ``grants`` on the shared ledger."""
    from fazhi_tasks.ledger.admin import grant_bureau, grant_reader, list_grants, revoke_role
    from fazhi_tasks.ledger.front import is_postgres_url

    if not is_postgres_url(url):
        raise UsageError(key="err.grant_needs_url", params={"action": args.action}, option="--url")
    if args.action == "grants":
        rows = [(role, text(f"grant.{kind}", args.lang), bureau)
                for role, kind, bureau in list_grants(url, timeout=args.timeout)]
        headers = [text("grant.role", args.lang), text("grant.kind", args.lang), text("bureau", args.lang)]
        from tabulate import tabulate

        out.write(tabulate(rows, headers=headers, tablefmt="simple") + "\n")
        return 0
    if not args.role:
        raise UsageError(key="err.grant_needs", option="--role")
    if args.action == "revoke":
        had = revoke_role(url, args.role, timeout=args.timeout)
        out.write(text("cli.revoked" if had else "cli.revoked_none", args.lang, role=args.role) + "\n")
        return 0
    if not (args.bureau or args.reader):
        raise UsageError(key="err.grant_needs", option="--role")
    created = grant_reader(url, args.role, timeout=args.timeout) if args.reader else \
        grant_bureau(url, args.bureau, args.role, timeout=args.timeout)
    key = "cli.granted_reader" if args.reader else "cli.granted_bureau"
    out.write(text(key, args.lang, role=args.role, bureau=args.bureau or "")
              + (text("cli.new_role", args.lang) if created else "") + "\n")
    return 0


def _verify(args: argparse.Namespace, url: str, out: TextIO) -> int:
    """``ledger verify``: each bureau's rows and chain head; exit 1 naming the first broken row of each."""
    from fazhi_tasks.ledger.front import Ledger

    _existing_ledger(url)
    with Ledger(url, bureau=args.bureau, timeout=args.timeout) as ledger:
        report = ledger.verify()
    lang = args.lang
    for bureau, (count, head) in sorted(report.heads.items()):
        out.write(text("cli.chain_head", lang, bureau=bureau or text("chain.no_bureau", lang), count=count,
                       head=head) + "\n")
    for b in report.breaks:
        out.write(text("cli.chain_broken", lang, bureau=b.bureau or text("chain.no_bureau", lang),
                       chain_no=b.chain_no, seq=b.seq, reason=text(f"chain.{b.reason}", lang)) + "\n")
    if not report.ok:
        return 1
    out.write(text("cli.chain_ok", lang, rows=report.rows) + "\n")
    return 0
