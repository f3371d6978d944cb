"""Until the ledger side of issue 25 lands: a stand-in for the review model and the Ledger's account, review and
evidence calls, with the lead's interface names, so the web tests run either way (a no-op once they exist)."""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import sys
import types
from collections.abc import Iterator, Mapping
from typing import Any

import attrs

import fazhi_tasks as ft
from fazhi_tasks.ledger.front import Ledger

try:
    import fazhi_tasks.model.review
except ImportError:
    class Decision(str, enum.Enum):  # noqa: UP042  (as the spec writes it)
        PASS = "pass"
        RETURN = "return"

    class Role(str, enum.Enum):  # noqa: UP042
        DIVISION = "division"
        OFFICE = "office"
        DIRECTOR = "director"

    @attrs.frozen
    class Review:
        task_id: str
        decision: Decision = attrs.field(converter=lambda v: Decision({"销号": "pass", "退回": "return"}.get(v, v)))
        on: dt.date
        reason: str = ""
        by: str = ""

        def __attrs_post_init__(self) -> None:
            if self.decision is Decision.RETURN and not self.reason:
                raise ft.ArgumentError("退回须写明理由")

    @attrs.frozen
    class Account:
        name: str
        role: Role = attrs.field(converter=Role)
        division: str | None = None

    @attrs.frozen
    class Evidence:
        sha256: str
        task_id: str
        filename: str
        content_type: str
        size: int
        by: str
        recorded_at: dt.datetime

    module = types.ModuleType("fazhi_tasks.model.review")
    for cls in (Decision, Role, Review, Account, Evidence):
        cls.__module__ = module.__name__
        setattr(module, cls.__name__, cls)
    sys.modules[module.__name__] = module

    class _Reviewed(Mapping[str, Any]):
        def __init__(self, base: dict[str, Any], pending: dict[str, Any], returned: dict[str, Any]) -> None:
            self._base, self.pending, self.returned = base, pending, returned

        def __getitem__(self, key: str) -> Any:
            return self._base[key]

        def __iter__(self) -> Iterator[str]:
            return iter(self._base)

        def __len__(self) -> int:
            return len(self._base)

    def _extra(self: Ledger) -> dict[str, Any]:
        return self.__dict__.setdefault("_web_fake", {"accounts": {}, "reviews": [], "evidence": [], "files": {}})

    def add_account(self: Ledger, name: str, role: Any, *, division: str | None = None, password: str) -> Account:
        account = Account(name, role, division)
        _extra(self)["accounts"][name] = (account, password)
        return account

    def check_login(self: Ledger, name: str, password: str) -> Account | None:
        found = _extra(self)["accounts"].get(name)
        return found[0] if found and found[1] == password else None

    def account(self: Ledger, name: str) -> Account | None:
        found = _extra(self)["accounts"].get(name)
        return found[0] if found else None

    def review(self: Ledger, review: Review) -> None:
        latest = self.status_as_of(review.on).get(review.task_id)
        if latest is None or latest.status.value != "已完成":
            raise ft.LedgerError(f"任务 {review.task_id} 未报送已完成", code="review.not_done", status=409)
        _extra(self)["reviews"].append(review)

    def reviews(self: Ledger, *, task_id: str | None = None) -> list[Review]:
        return [r for r in _extra(self)["reviews"] if task_id is None or r.task_id == task_id]

    def closed_as_of(self: Ledger, day: dt.date) -> _Reviewed:
        base = dict(self.status_as_of(day))
        pending: dict[str, Any] = {}
        returned: dict[str, Any] = {}
        if _extra(self)["reviews"] or any(a.role is Role.OFFICE for a, _ in _extra(self)["accounts"].values()):
            for task_id, update in list(base.items()):
                if update.status.value != "已完成":
                    continue
                last = [r for r in _extra(self)["reviews"] if r.task_id == task_id and update.on <= r.on <= day]
                if last and last[-1].decision is Decision.PASS:
                    continue
                base[task_id] = attrs.evolve(update, status="推进中")
                if last:
                    returned[task_id] = last[-1]
                else:
                    pending[task_id] = update
        return _Reviewed(base, pending, returned)

    def add_evidence(self: Ledger, task_id: str, data: bytes, *, filename: str, content_type: str,
                     by: str) -> Evidence:
        sha = hashlib.sha256(data).hexdigest()
        item = Evidence(sha, task_id, filename, content_type, len(data), by, dt.datetime.now(dt.UTC))
        _extra(self)["evidence"].append(item)
        _extra(self)["files"][sha] = data
        return item

    def evidence(self: Ledger, task_id: str) -> list[Evidence]:
        return [e for e in _extra(self)["evidence"] if e.task_id == task_id]

    def evidence_bytes(self: Ledger, sha256: str) -> bytes:
        return bytes(_extra(self)["files"][sha256])

    for function in (add_account, check_login, account, review, reviews, closed_as_of, add_evidence, evidence,
                     evidence_bytes):
        setattr(Ledger, function.__name__, function)
