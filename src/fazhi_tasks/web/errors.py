"""The web front's own refusals: no session, no right, a stale form, too many login attempts.

Each is a :class:`~fazhi_tasks.core.errors.FazhiTasksError` with its ``code`` and HTTP ``status``, so a page
and the JSON API answer them the same way as the library's own errors.
"""

from __future__ import annotations

from fazhi_tasks.core.errors import FazhiTasksError, Said

__all__ = ["ForbiddenError", "LoginFailedError", "LoginRequiredError", "MissingError", "ThrottledError"]


class LoginRequiredError(FazhiTasksError, PermissionError):
    """No session (or the account behind it is gone): log in first (401)."""

    default_code = "web.login_required"
    default_status = 401

    def __init__(self) -> None:
        super().__init__(Said.of("web.log_in_first"))


class LoginFailedError(FazhiTasksError, PermissionError):
    """A wrong name or password (401); the failure counts towards the throttle."""

    default_code = "web.login_failed"
    default_status = 401

    def __init__(self) -> None:
        super().__init__(Said.of("web.wrong_login"))


class ForbiddenError(FazhiTasksError, PermissionError):
    """The account may not do this (403); nothing was written."""

    default_code = "web.forbidden"
    default_status = 403


class ThrottledError(FazhiTasksError, PermissionError):
    """Too many failed logins for this name from this address (429)."""

    default_code = "web.throttled"
    default_status = 429


class MissingError(FazhiTasksError, LookupError):
    """No such task, file or page (404)."""

    default_code = "web.not_found"
    default_status = 404
