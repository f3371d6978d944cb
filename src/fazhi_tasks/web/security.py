"""What every request passes through: security headers, the upload limit, CSRF tokens and the login throttle.

- :class:`SecurityHeaders` adds a Content-Security-Policy without inline script (``default-src 'self'``; the
  styles are files under ``/static``), ``X-Content-Type-Options: nosniff``, ``Referrer-Policy``,
  ``X-Frame-Options`` and ``frame-ancestors``, and ``Cache-Control: no-store`` on everything but the static
  files (pages hold one account's data).
- :class:`BodyLimit` answers 413 before the application sees a body over the limit: at once when
  ``Content-Length`` says so, else while counting the body as it streams in. Nothing is parsed.
- CSRF: every form carries the session's token in a hidden field, checked on every POST
  (:func:`check_form_token`). The JSON API takes the session cookie (``SameSite=Lax``: a cross-site POST does
  not carry it) and also refuses a request whose ``Origin`` is another site or whose ``Sec-Fetch-Site`` says
  ``cross-site`` (:func:`check_api_origin`); JSON bodies must say ``application/json``, which a cross-site form
  cannot send. A client may send the token as ``X-CSRF-Token`` too; a wrong one is refused.
- :class:`LoginThrottle`: 5 failures per name and address within 15 minutes → 429 until the oldest expires.
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from fazhi_tasks.core.errors import Said
from fazhi_tasks.web.errors import ForbiddenError, ThrottledError

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["BodyLimit", "LoginThrottle", "SecurityHeaders", "check_api_origin", "check_form_token", "csrf_token"]

_BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def content_security_policy(frame_ancestors: str) -> str:
    """The policy: everything from this origin only, no inline script, no plugins, forms post here only."""
    return ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
            f"base-uri 'none'; form-action 'self'; frame-ancestors {frame_ancestors}")


class SecurityHeaders:
    """ASGI middleware: the security headers on every response (pages, API, files, errors).

    Args:
        app: The wrapped application.
        frame_ancestors: Who may frame the pages (CSP ``frame-ancestors``): ``'self'`` (default), ``'none'``,
            or a host app's origin.
    """

    def __init__(self, app: ASGIApp, *, frame_ancestors: str = "'self'") -> None:
        self.app = app
        frame = "DENY" if frame_ancestors.strip() == "'none'" else "SAMEORIGIN"
        self.headers = [(b"content-security-policy", content_security_policy(frame_ancestors).encode()),
                        (b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"same-origin"),
                        (b"x-frame-options", frame.encode()), (b"cross-origin-opener-policy", b"same-origin")]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        static = str(scope.get("path", "")).startswith(f"{scope.get('root_path', '')}/static/")
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                names = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in self.headers if k not in names]
                if not static and b"cache-control" not in names:
                    extra.append((b"cache-control", b"no-store"))
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            if not started:  # a failure answers 500 with the headers too (the server still logs the exception)
                from starlette.responses import PlainTextResponse

                await PlainTextResponse("500 服务器内部错误", status_code=500)(scope, receive, send_with_headers)
            raise


class BodyLimit:
    """ASGI middleware: a request body over ``limit`` bytes gets 413 before anything reads or parses it.

    The body is taken in whole (at most ``limit`` bytes) and handed on once it is known to fit, so a form
    parser never starts on an upload that will be refused.
    """

    def __init__(self, app: ASGIApp, *, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") not in _BODY_METHODS:
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers", []))
        declared = headers.get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await self._too_large(scope, send)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.limit:
                await self._too_large(scope, send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _too_large(self, scope: Scope, send: Send) -> None:
        from starlette.responses import HTMLResponse, JSONResponse, Response

        mb = self.limit / (1024 * 1024)
        message = Said.of("web.upload_too_big", mb=mb)
        path = str(scope.get("path", ""))
        response: Response
        if path.startswith(f"{scope.get('root_path', '')}/api/"):
            response = JSONResponse({"code": "file.too_large", "status": 413, "message": message.zh, "problems": []},
                                    status_code=413)
        else:
            from html import escape

            response = HTMLResponse(f'<!DOCTYPE html><html lang="zh-CN"><meta charset="utf-8"><title>413</title>'
                                    f"<p>{escape(message.zh)}</p></html>", status_code=413)
        response.headers["connection"] = "close"

        async def no_body() -> Message:
            return {"type": "http.disconnect"}

        await response(scope, no_body, send)


# -- CSRF -------------------------------------------------------------------------------------

def csrf_token(session: dict[str, Any]) -> str:
    """The session's CSRF token, made on first use."""
    token = session.get("csrf")
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        session["csrf"] = token
    return token


def _same(given: object, expected: object) -> bool:
    return isinstance(given, str) and isinstance(expected, str) and bool(expected) and hmac.compare_digest(
        given.encode(), expected.encode())


def check_form_token(session: Mapping[str, Any], form: Mapping[str, Any]) -> None:
    """Refuse a form whose hidden ``csrf`` field is not this session's token.

    Raises:
        ForbiddenError: The token is missing or wrong (a stale page, or a form posted from another site).
    """
    if not _same(form.get("csrf"), session.get("csrf")):
        message = Said.of("web.csrf_stale")
        raise ForbiddenError(message, code="web.csrf")


def check_api_origin(request: Request) -> None:
    """Refuse a cross-site API write: a foreign ``Origin``, ``Sec-Fetch-Site: cross-site``, or a wrong token.

    Raises:
        ForbiddenError: The request came from another site (code ``web.csrf``).
    """
    origin = request.headers.get("origin")
    site = request.headers.get("sec-fetch-site")
    token = request.headers.get("x-csrf-token")
    own = f"{request.url.scheme}://{request.url.netloc}"
    foreign = (origin is not None and origin != "null" and origin.rstrip("/") != own) or origin == "null" \
        or (site is not None and site not in ("same-origin", "none"))
    if foreign or (token is not None and not _same(token, request.session.get("csrf"))):
        message = Said.of("web.csrf_cross_site")
        raise ForbiddenError(message, code="web.csrf")


# -- login throttle ---------------------------------------------------------------------------

class LoginThrottle:
    """At most ``attempts`` failed logins per (name, address) within ``window`` seconds; thread-safe.

    >>> throttle = LoginThrottle(attempts=2, window=60, clock=lambda: 0.0)
    >>> throttle.failed("a", "1.2.3.4"); throttle.failed("a", "1.2.3.4")
    >>> throttle.blocked("a", "1.2.3.4"), throttle.blocked("b", "1.2.3.4")
    (True, False)
    """

    MAX_KEYS = 10_000

    def __init__(self, *, attempts: int = 5, window: float = 15 * 60,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.attempts = attempts
        self.window = window
        self._clock = clock
        self._failures: dict[tuple[str, str], deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: tuple[str, str]) -> deque[float]:
        failures = self._failures.setdefault(key, deque())
        horizon = self._clock() - self.window
        while failures and failures[0] <= horizon:
            failures.popleft()
        if not failures:
            del self._failures[key]
        return failures

    def blocked(self, name: str, address: str) -> bool:
        """Whether this name from this address must wait."""
        with self._lock:
            return len(self._recent((name, address))) >= self.attempts

    def failed(self, name: str, address: str) -> None:
        """Count a failed login (past ``MAX_KEYS`` names and addresses, the expired ones are dropped first, so a
        spray of made-up names cannot grow the table without end)."""
        with self._lock:
            if len(self._failures) >= self.MAX_KEYS:
                for key in list(self._failures):
                    self._recent(key)
            self._recent((name, address))
            self._failures.setdefault((name, address), deque()).append(self._clock())

    def succeeded(self, name: str, address: str) -> None:
        """Forget the failures of a name that logged in."""
        with self._lock:
            self._failures.pop((name, address), None)

    def check(self, name: str, address: str) -> None:
        """Raise when blocked.

        Raises:
            ThrottledError: Too many failures (429).
        """
        if self.blocked(name, address):
            minutes = round(self.window / 60)
            message = Said.of("web.too_many_logins", minutes=minutes)
            raise ThrottledError(message)
