"""The app factory: :func:`create_app` builds the Starlette app a bureau runs alone or mounts in its own tool."""

from __future__ import annotations

import datetime as dt
import functools
import os
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.responses import Response
from starlette.routing import Route

from fazhi_tasks.web.api import api_routes
from fazhi_tasks.web.html import report_style
from fazhi_tasks.web.pages import page_routes
from fazhi_tasks.web.security import BodyLimit, SecurityHeaders
from fazhi_tasks.web.state import Identity, WebState, beijing_today

if TYPE_CHECKING:
    from starlette.requests import Request

    from fazhi_tasks.io.settings import ReportSettings
    from fazhi_tasks.ledger.front import Ledger
    from fazhi_tasks.model.plan import Plan
    from fazhi_tasks.model.values import Update

__all__ = ["create_app", "secret_key_for"]

SESSION_COOKIE = "fazhi_session"
SESSION_HOURS = 12


def secret_key_for(ledger: Ledger) -> str:
    """The session-signing key kept beside an SQLite ledger file (``<ledger>.secret``, mode 0600), made on first
    use, so sessions survive a restart; a random key for ``:memory:`` and PostgreSQL (sessions end with the
    process: pass ``secret_key=`` to keep them)."""
    path = str(getattr(ledger, "path", ":memory:"))
    if path == ":memory:" or "://" in path:
        return secrets.token_urlsafe(48)
    keyfile = Path(f"{path}.secret")
    try:
        return keyfile.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        pass
    keyfile.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    try:
        descriptor = os.open(keyfile, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first
        return keyfile.read_text(encoding="ascii").strip()
    with os.fdopen(descriptor, "w", encoding="ascii") as file:
        file.write(key + "\n")
    return key


@functools.cache
def _web_css() -> bytes:
    return (Path(__file__).parent / "static" / "web.css").read_bytes()


def _static_routes(state: WebState) -> list[Route]:
    report_css: list[bytes] = []

    async def web_css(request: Request) -> Response:
        return Response(_web_css(), media_type="text/css; charset=utf-8",
                        headers={"cache-control": "public, max-age=3600"})

    async def report_css_file(request: Request) -> Response:
        if not report_css:  # the CSS every HTML report carries inline, rendered once from an empty list
            from fazhi_tasks.analysis.rectify import rectification_list
            from fazhi_tasks.report.present import render

            empty = render(rectification_list(state.plan, {}, dt.date(2000, 1, 1)), "html")
            report_css.append(report_style(str(empty)).encode())
        return Response(report_css[0], media_type="text/css; charset=utf-8",
                        headers={"cache-control": "public, max-age=3600"})

    return [Route("/static/web.css", web_css), Route("/static/report.css", report_css_file)]


def create_app(*, plan: Plan | str | os.PathLike[str] | None = None,
               ledger: Ledger | str | os.PathLike[str] | None = None, settings: ReportSettings | None = None,
               secret_key: str | None = None, identity: Identity | None = None, max_upload: int = 10 * 1024 * 1024,
               today: dt.date | Callable[[], dt.date] | None = None, https_only: bool = False,
               frame_ancestors: str = "'self'") -> Starlette:
    """The web front as a Starlette (ASGI) app: pages for divisions, the office and the director, and a JSON API.

    Args:
        plan: The plan, or its file (default the bundled sample). With a file, the 通报 settings it carries
            are used unless ``settings`` is given.
        ledger: The ledger, or its SQLite file or ``postgresql://`` URL (default ``:memory:``); accounts,
            reviews and evidence live in it.
        settings: The 通报 settings (issuer, contact …) for the Word downloads.
        secret_key: Signs the session cookie. Default: a random key kept beside the ledger file in
            ``<ledger>.secret`` (mode 0600), so sessions survive a restart.
        identity: A host with its own login: ``identity(request)`` returns the :class:`Account` behind the
            request (or ``None``, then this app's own login applies).
        max_upload: The largest request body in bytes; a bigger one gets 413 before it is parsed.
        today: The app's "today" (a date, or a function giving one); default the date in Beijing.
        https_only: Send the session cookie over HTTPS only (set it behind TLS).
        frame_ancestors: Who may frame the pages (CSP ``frame-ancestors``), e.g. a host's origin.

    Returns:
        The app; mount it with ``Mount("/tasks", app=create_app(...))`` or run it with uvicorn.
    """
    from fazhi_tasks.ledger.front import Ledger

    the_plan, cancelled = _plan(plan)
    if settings is None and plan is not None and not hasattr(plan, "tasks"):
        from fazhi_tasks.io.settings import read_report_settings

        settings = read_report_settings(Path(str(plan)))
    the_ledger = ledger if isinstance(ledger, Ledger) else Ledger(ledger or ":memory:", plan=the_plan)
    if today is None:
        source: Callable[[], dt.date] = beijing_today
    elif isinstance(today, dt.date):
        fixed = today
        source = lambda: fixed  # noqa: E731
    else:
        source = today
    state = WebState(plan=the_plan, ledger=the_ledger, settings=settings, identity=identity,
                     max_upload=max_upload, today_source=source, cancelled=cancelled)
    key = secret_key or secret_key_for(the_ledger)
    middleware = [Middleware(SecurityHeaders, frame_ancestors=frame_ancestors),
                  Middleware(BodyLimit, limit=max_upload),
                  Middleware(SessionMiddleware, secret_key=key, session_cookie=SESSION_COOKIE,
                             max_age=SESSION_HOURS * 3600, same_site="lax", https_only=https_only)]
    app = Starlette(routes=[*_static_routes(state), *api_routes(state), *page_routes(state)], middleware=middleware)
    app.state.fazhi = state
    return app


def _plan(plan: Plan | str | os.PathLike[str] | None) -> tuple[Plan, tuple[Update, ...]]:
    """The plan, and one 已取消 update per task a plan sheet marks cancelled (kept in the plan, listed 已取消)."""
    if plan is None:
        from fazhi_tasks.io.sample import sample_plan

        return sample_plan(), ()
    if hasattr(plan, "tasks"):
        return plan, ()  # type: ignore[return-value]
    path = Path(str(plan))
    if path.suffix.lower() in (".toml", ".json"):
        from fazhi_tasks.io.planfile import load_plan

        return load_plan(path), ()
    from fazhi_tasks.io.planfile import read_plan

    read = read_plan(path)
    return read.plan, read.cancelled
