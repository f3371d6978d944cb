"""The office's review of a division's 已完成 (审核 → 销号 / 退回), the accounts of the web front, and evidence.

A division reports a task 已完成; the 法治办 then passes it (销号: the task is closed) or returns it with a
reason (退回: the task is open again). A :class:`Review` is a ledger event like an
:class:`~fazhi_tasks.Update`: append-only, dated, with who recorded it. :class:`Account` and
:class:`Evidence` are what the ledger keeps for the web front: who may log in with which rights, and the
files (佐证材料) attached to a task.

>>> Review("T043", "销号", dt.date(2021, 6, 25), by="法治办").decision
<Decision.PASS: 'pass'>
>>> Review("T043", "return", dt.date(2021, 6, 25))
Traceback (most recent call last):
...
fazhi_tasks.core.errors.PlanError: 任务 T043，字段 reason：退回须写明理由
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from fazhi_tasks.core.errors import PlanError
from fazhi_tasks.core.i18n import text
from fazhi_tasks.model.values import Status, Update, _interned_key, _is_date, _nonempty_text, _text_or_empty, check_day

__all__ = ["Account", "AuditEntry", "Decision", "Evidence", "Review", "ReviewedStatuses", "Role", "closed_statuses"]


class Decision(enum.StrEnum):
    """The office's decision on a reported 已完成: pass it (销号) or return it (退回).

    >>> Decision.parse("销号"), Decision.parse("RETURN")
    (<Decision.PASS: 'pass'>, <Decision.RETURN: 'return'>)
    """

    PASS = "pass"  # noqa: S105  # a decision, not a password
    RETURN = "return"

    @property
    def label(self) -> str:
        """The Chinese word: 销号 or 退回."""
        return "销号" if self is Decision.PASS else "退回"

    @classmethod
    def parse(cls, text: object) -> Decision:
        """A decision from its value or a word people use (``pass``, ``销号``, ``通过``, ``return``, ``退回``).

        Raises:
            PlanError: No decision has that name.
        """
        if isinstance(text, Decision):
            return text
        found = _DECISION_WORDS.get(str(text).strip().lower()) if isinstance(text, str) else None
        if found is None:
            raise PlanError(key="err.review_decision", params={"value": text}, field="decision", value=text)
        return found


_DECISION_WORDS = {"pass": Decision.PASS, "passed": Decision.PASS, "销号": Decision.PASS, "通过": Decision.PASS,
                   "return": Decision.RETURN, "returned": Decision.RETURN, "退回": Decision.RETURN}


class Role(enum.StrEnum):
    """What an account may do: a division (处室) reports its own tasks, the office (法治办) reviews and makes
    the 通报, the director (局领导) reads.

    >>> Role.parse("法治办"), Role.OFFICE.label
    (<Role.OFFICE: 'office'>, '法治办')
    """

    DIVISION = "division"
    OFFICE = "office"
    DIRECTOR = "director"

    @property
    def label(self) -> str:
        """The Chinese word: 处室, 法治办 or 局领导."""
        return _ROLE_LABELS[self]

    @classmethod
    def parse(cls, text: object) -> Role:
        """A role from its value or its Chinese word.

        Raises:
            PlanError: No role has that name.
        """
        if isinstance(text, Role):
            return text
        if isinstance(text, str):
            word = text.strip().lower()
            for role in Role:
                if word in (role.value, role.label):
                    return role
        raise PlanError(key="err.account_role", params={"value": text}, field="role", value=text)


_ROLE_LABELS = {Role.DIVISION: "处室", Role.OFFICE: "法治办", Role.DIRECTOR: "局领导"}


def _decision(value: object) -> Decision:
    return Decision.parse(value)


def _day(instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    task_id = getattr(instance, "task_id", None)
    if not _is_date(value):
        raise PlanError(key="err.not_date_value", params={"value": value}, task_id=task_id, field=attribute.name,
                        value=value)
    check_day(value, attribute.name, task_id)  # type: ignore[arg-type]


@attrs.frozen
class Review:
    """One office decision on a division's 已完成 report: an append-only ledger event.

    Args:
        task_id: The task reviewed.
        decision: :class:`Decision`, or ``"pass"``/``"return"``, ``"销号"``/``"退回"``.
        on: The day of the decision; it reviews the 已完成 reported on or before it.
        reason: Why it was returned; required for a RETURN.
        by: The account that decided.

    Raises:
        PlanError: An empty task id, an unknown decision, a date that is none, or a RETURN without a reason.

    >>> Review("T001", Decision.RETURN, dt.date(2021, 3, 5), reason=" 缺少佐证材料 ").reason
    '缺少佐证材料'
    """

    task_id: str = attrs.field(converter=_interned_key, validator=_nonempty_text)
    decision: Decision = attrs.field(converter=_decision)
    on: dt.date = attrs.field(validator=_day)
    reason: str = attrs.field(default="", converter=_text_or_empty)
    by: str = attrs.field(default="", converter=_text_or_empty)

    @reason.validator
    def _check_reason(self, attribute: attrs.Attribute[str], value: str) -> None:
        if self.decision is Decision.RETURN and not value:
            raise PlanError(key="err.review_reason", task_id=self.task_id, field="reason", value=value)


def _role(value: object) -> Role:
    return Role.parse(value)


def _optional_division(value: object) -> str | None:
    text = _text_or_empty(value)
    return text or None


@attrs.frozen
class Account:
    """Who may log in to the web front, and with which rights (the password hash stays in the ledger).

    Args:
        name: The login name.
        role: :class:`Role` (or its value or Chinese word).
        division: The division a DIVISION account reports for; required for that role, absent for the others.

    >>> Account("张三", "division", division="政策法规处")
    Account(name='张三', role=<Role.DIVISION: 'division'>, division='政策法规处')
    >>> Account("李四", "office", division="政策法规处")
    Traceback (most recent call last):
    ...
    fazhi_tasks.core.errors.PlanError: 字段 division：只有处室账户属于一个处室，法治办、局领导账户不填处室
    """

    name: str = attrs.field(converter=_text_or_empty, validator=_nonempty_text)
    role: Role = attrs.field(converter=_role)
    division: str | None = attrs.field(default=None, converter=_optional_division)

    @division.validator
    def _check_division(self, attribute: attrs.Attribute[str | None], value: str | None) -> None:
        if (self.role is Role.DIVISION) != (value is not None):
            key = "err.account_needs_division" if value is None else "err.account_no_division"
            raise PlanError(key=key, field="division", value=value)


@attrs.frozen
class Evidence:
    """The metadata of one file (佐证材料) attached to a task; the bytes are kept by their SHA-256.

    Args:
        sha256: The file's SHA-256, 64 lowercase hex digits (its name in the store).
        task_id: The task it supports.
        filename: The file's name as uploaded (no folders).
        content_type: The media type it is served with (one of the allowed types, never an executable one).
        size: Its size in bytes.
        by: The account that attached it.
        recorded_at: When it was attached (UTC).
    """

    sha256: str
    task_id: str
    filename: str
    content_type: str
    size: int
    by: str
    recorded_at: dt.datetime


@attrs.frozen
class AuditEntry:
    """One write recorded in the ledger, for the audit trail: when, by whom, what, on which task.

    Args:
        at: When it was recorded (UTC).
        account: Who wrote it (the update's 报送人, the review's or evidence's account, the new account's name).
        action: ``"update"``, ``"review.pass"``, ``"review.return"``, ``"evidence"`` or ``"account"``.
        task_id: The task, when the write concerns one.
        detail: A short description (the status and date, the reason, the file name, the role).
    """

    at: dt.datetime
    account: str
    action: str
    task_id: str | None
    detail: str


class ReviewedStatuses(dict[str, Update]):
    """Task id → the update reports use (a 已完成 not yet closed reads 推进中), with what awaits review.

    A plain ``dict`` (so every report takes it as it takes :meth:`~fazhi_tasks.Ledger.status_as_of`), with:

    Attributes:
        pending: 待审核: task id → the 已完成 update waiting for the office's decision.
        returned: 已退回: task id → the latest return (退回) still in force, its reason for the division.
    """

    pending: dict[str, Update]
    returned: dict[str, Review]

    def __init__(self, statuses: Mapping[str, Update] = {}, *,  # read only, never kept
                 pending: Mapping[str, Update] | None = None, returned: Mapping[str, Review] | None = None) -> None:
        super().__init__(statuses)
        self.pending = dict(pending or {})
        self.returned = dict(returned or {})


def closed_statuses(statuses: Mapping[str, Update], reviews: Iterable[Review], day: dt.date) -> ReviewedStatuses:
    """The statuses as the reports count them once the office reviews: 已完成 only once closed.

    A task whose latest update (as of ``day``) is 已完成 counts as done only when the last review of it dated
    from that update's date up to ``day`` is a pass (销号). With no such review it is 待审核 (in ``pending``);
    when that review is a return (退回) it is open again (in ``returned``). Either way it reads 推进中 with
    its percent kept and the note "待审核" or "已退回：<reason>". Every other status is left as it is.
    Reviews of one day take effect in the order given (the ledger's recording order).

    One pass over the reviews, one over the statuses: O(statuses + reviews).

    Args:
        statuses: Task id → latest update as of ``day`` (what :meth:`~fazhi_tasks.Ledger.status_as_of` gives).
        reviews: The reviews, in the order they were recorded (later dates may come first).
        day: The day the statuses are for; later reviews are ignored.

    Returns:
        The statuses reports use, with ``.pending`` and ``.returned``.

    >>> import fazhi_tasks as ft
    >>> done = {"T1": ft.Update("T1", "已完成", dt.date(2021, 3, 1))}
    >>> reviews = [ft.Review("T1", "pass", dt.date(2021, 3, 2)),
    ...            ft.Review("T1", "退回", dt.date(2021, 3, 4), reason="缺少佐证")]
    >>> closed_statuses(done, reviews, dt.date(2021, 3, 3))["T1"].status.value
    '已完成'
    >>> again = closed_statuses(done, reviews, dt.date(2021, 3, 4))
    >>> again["T1"].status.value, again["T1"].note, again.returned["T1"].reason
    ('推进中', '已退回：缺少佐证', '缺少佐证')
    """
    finished = Status.DONE
    by_task: dict[str, list[Review]] = {}
    for review in reviews:
        if review.on <= day:
            reported = statuses.get(review.task_id)
            if reported is not None and reported.status is finished and review.on >= reported.on:
                by_task.setdefault(review.task_id, []).append(review)
    result = ReviewedStatuses(statuses)
    pending, returned = result.pending, result.returned
    waiting = text("review.pending_note")
    for task_id, update in statuses.items():
        if update.status is not finished:
            continue
        found = by_task.get(task_id)
        last = max(reversed(found), key=_review_day) if found else None  # the latest day; its last recorded
        if last is not None and last.decision is Decision.PASS:
            continue
        if last is None:
            pending[task_id] = update
            note = waiting
        else:
            returned[task_id] = last
            note = text("review.returned_note", reason=last.reason)
        result[task_id] = Update(task_id, Status.IN_PROGRESS, update.on, percent=update.percent, note=note,
                                 by=update.by)
    return result


def _review_day(review: Review) -> dt.date:
    return review.on
