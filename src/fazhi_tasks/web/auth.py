"""Logging in and out, and the account behind a request.

A login checks the password against the ledger's accounts (argon2, :meth:`Ledger.check_login`), counts
failures in the app's :class:`~fazhi_tasks.web.security.LoginThrottle`, and on success starts a fresh session
(a new CSRF token; the old session's contents are dropped). A session ends at logout (its id is refused
from then on) and 12 hours after its login whatever its use. The session cookie is signed, HttpOnly and
``SameSite=Lax``. A host with its own login passes ``identity=`` to :func:`~fazhi_tasks.web.create_app`: its
answer wins, and a request it does not recognise falls back to this app's own session.
"""

from __future__ import annotations

import secrets
import time
from typing import TYPE_CHECKING

from fazhi_tasks.web.errors import LoginFailedError, LoginRequiredError

if TYPE_CHECKING:
    from starlette.requests import Request

    from fazhi_tasks.model.review import Account
    from fazhi_tasks.web.state import WebState

__all__ = ["client_address", "current_account", "log_in", "log_out", "need_account"]

SESSION_KEY = "account"
#: A session ends this long after its login, however often it is used (the signed cookie alone would slide).
SESSION_SECONDS = 12 * 3600


def client_address(request: Request) -> str:
    """The client's address, as the server saw it (behind a proxy: run uvicorn with ``--proxy-headers``)."""
    return request.client.host if request.client else "-"


def current_account(state: WebState, request: Request) -> Account | None:
    """The account behind the request: the host's ``identity`` first, then this app's session."""
    if state.identity is not None:
        found = state.identity(request)
        if found is not None:
            return found
    name = request.session.get(SESSION_KEY)
    sid = request.session.get("sid")
    started = request.session.get("at")
    if not isinstance(name, str) or not isinstance(sid, str) or not isinstance(started, int | float) \
            or not 0 <= time.time() - started < SESSION_SECONDS or state.revoked.has(sid):
        return None  # no login, a session from before its end (logged out, or too old): a copy replayed
    return state.ledger.account(name)  # an account removed since logs out


def need_account(state: WebState, request: Request) -> Account:
    """The account behind the request.

    Raises:
        LoginRequiredError: Nobody is logged in (401; pages redirect to the login).
    """
    account = current_account(state, request)
    if account is None:
        raise LoginRequiredError
    return account


def log_in(state: WebState, request: Request, username: str, password: str) -> Account:
    """Check the password and start a session for the account.

    Raises:
        ThrottledError: Too many failures for this name from this address (429).
        LoginFailedError: The name or password is wrong (401); the failure is counted.
    """
    address = client_address(request)
    name = username.strip()[:200]
    state.throttle.check(name, address)
    account = state.ledger.check_login(name, password[:1024]) if name and password else None
    if account is None:
        state.throttle.failed(name, address)
        raise LoginFailedError
    state.throttle.succeeded(name, address)
    request.session.clear()
    request.session[SESSION_KEY] = account.name
    request.session["sid"] = secrets.token_urlsafe(16)
    request.session["at"] = int(time.time())
    request.session["csrf"] = secrets.token_urlsafe(32)
    return account


def log_out(state: WebState, request: Request) -> None:
    """End the session: a copy of its cookie kept elsewhere no longer logs in (while this app runs; each
    session ends :data:`SESSION_SECONDS` after its login in any case)."""
    sid = request.session.get("sid")
    if isinstance(sid, str):
        state.revoked.add(sid, SESSION_SECONDS)
    request.session.clear()
