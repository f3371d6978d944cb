"""``fazhi-tasks serve``: run the web front alone with uvicorn (needs ``pip install fazhi-tasks[web]``)."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from fazhi_tasks.cli.options import UsageError, add_command
from fazhi_tasks.core.errors import Said

__all__ = ["register", "run"]

HELP = "网页端：处室报送、法治办审核销号、局领导查看 / run the web front (uvicorn)"
EXAMPLE = "fazhi-tasks serve --plan plan.xlsx --ledger progress.db --port 8000"


def register(sub: argparse._SubParsersAction[Any]) -> None:
    """Add the ``serve`` command to the subcommands (with the options every command takes)."""
    p = add_command(sub, "serve", HELP, EXAMPLE)
    p.set_defaults(func=run)
    p.add_argument("--host", default="127.0.0.1", help="the address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="the port (default 8000)")
    p.add_argument("--https-only", action="store_true", help="send the session cookie over HTTPS only (behind TLS)")
    p.add_argument("--max-upload", type=int, default=10, metavar="MB", help="the largest upload in MB (default 10)")


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Serve until stopped (Ctrl-C)."""
    try:
        import uvicorn

        from fazhi_tasks.web import create_app
    except ImportError as exc:
        message = Said.of("cli.web_needs_extra", name=exc.name)
        raise UsageError(reason=message) from None
    from fazhi_tasks.cli.commands import _plan
    from fazhi_tasks.io.settings import read_report_settings
    from fazhi_tasks.ledger.front import Ledger

    if not args.ledger:  # the accounts, reviews and files live there: no sample history to serve
        raise UsageError(key="err.needs_ledger", params={"command": "serve"}, option="--ledger")
    plan = _plan(args)
    settings = read_report_settings(args.plan) if args.plan else None  # the 通报 settings travel with the plan
    ledger = Ledger(args.ledger, plan=plan, bureau=args.bureau, timeout=args.timeout)
    app = create_app(plan=plan, ledger=ledger, settings=settings, today=args.today, https_only=args.https_only,
                     max_upload=args.max_upload * 1024 * 1024)
    out.write(f"fazhi-tasks serve: http://{args.host}:{args.port}/ （Ctrl-C 停止）\n")
    out.flush()
    try:
        uvicorn.run(app, host=args.host, port=args.port, log_level="info", proxy_headers=True)
    finally:
        ledger.close()
    return 0
