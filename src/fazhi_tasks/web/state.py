"""What one app holds: the plan, the ledger, the 通报 settings, the login throttle, and how it finds "today"."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

import attrs

from fazhi_tasks.web.security import LoginThrottle

if TYPE_CHECKING:
    from starlette.requests import Request

    from fazhi_tasks.analysis.cancelled import CancelledHistory
    from fazhi_tasks.io.settings import ReportSettings
    from fazhi_tasks.ledger.front import Ledger
    from fazhi_tasks.model.plan import Plan
    from fazhi_tasks.model.review import Account
    from fazhi_tasks.model.values import Update

__all__ = ["Identity", "Revoked", "WebState", "beijing_today"]

#: A host's own login: the account behind a request, or ``None`` when nobody is logged in there.
Identity = Callable[["Request"], "Account | None"]


def beijing_today() -> dt.date:
    """Today's date in Beijing (Asia/Shanghai), whatever zone the server runs in."""
    from zoneinfo import ZoneInfo

    return dt.datetime.now(ZoneInfo("Asia/Shanghai")).date()


class Revoked:
    """The ids of sessions ended by a logout, each kept until its cookie could no longer be valid; thread-safe."""

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self._until: dict[str, float] = {}
        self._clock = clock
        self._lock = threading.Lock()

    def add(self, sid: str, seconds: float) -> None:
        """Refuse this session id for ``seconds``."""
        with self._lock:
            now = self._clock()
            self._until = {k: v for k, v in self._until.items() if v > now}
            self._until[sid] = now + seconds

    def has(self, sid: str) -> bool:
        """Whether the session was ended."""
        with self._lock:
            return self._until.get(sid, 0.0) > self._clock()


@attrs.define
class WebState:
    """The app's plan, ledger and options, shared by every request (the ledger is safe across threads)."""

    plan: Plan
    ledger: Ledger
    settings: ReportSettings | None = None
    identity: Identity | None = None
    max_upload: int = 10 * 1024 * 1024
    today_source: Callable[[], dt.date] = beijing_today
    throttle: LoginThrottle = attrs.Factory(LoginThrottle)
    revoked: Revoked = attrs.Factory(Revoked)
    #: One 已取消 update per task the plan sheet marks cancelled (``PlanRead.cancelled``); the pages read them.
    cancelled: tuple[Update, ...] = ()

    @property
    def history(self) -> Ledger | CancelledHistory:
        """What every page, API answer and download reads: the ledger, with the plan sheet's cancelled tasks
        已取消 throughout (their ledger rows left out, not deleted). Writes go to :attr:`ledger`."""
        if not self.cancelled:
            return self.ledger
        from fazhi_tasks.analysis.cancelled import CancelledHistory

        return CancelledHistory(self.ledger, self.cancelled)

    def today(self) -> dt.date:
        """The app's "today" (Beijing date unless the app was given one)."""
        return self.today_source()
