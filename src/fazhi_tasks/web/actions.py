"""What the pages and the JSON API both do, each write checked against the account's rights first.

Every write carries the account: updates ``by=<account name>``, reviews ``by=``, evidence ``by=``; the
ledger stamps the time (its audit trail lists them). A refused write writes nothing.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import TYPE_CHECKING

import attrs

from fazhi_tasks.core.errors import ArgumentError, Said
from fazhi_tasks.web.errors import MissingError
from fazhi_tasks.web.rights import (
    can_read,
    is_director,
    is_office,
    need_office,
    need_read,
    need_reader,
    need_report,
    need_writer,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from fazhi_tasks.analysis.rectify import RectificationList
    from fazhi_tasks.analysis.shortfalls import Shortfalls
    from fazhi_tasks.analysis.weekly import WeeklyReport
    from fazhi_tasks.model.plan import Plan
    from fazhi_tasks.model.review import Account, Evidence, Review
    from fazhi_tasks.model.values import Task, Update
    from fazhi_tasks.web.state import WebState

__all__ = ["add_evidence", "cancelled_note", "find_task", "import_progress", "last_friday", "live_plan",
           "not_cancelled", "notices_docx_bytes", "parse_day", "pass_all_pending", "record_one", "rectification_for",
           "review_task", "shortfalls_for", "statuses", "template_xlsx", "weekly", "weekly_docx", "weekly_xlsx"]


def parse_day(value: str | None, default: dt.date, name: str) -> dt.date:
    """A ``YYYY-MM-DD`` query value, or ``default`` when absent.

    Raises:
        ArgumentError: Not a date (400), naming the parameter and the value.
    """
    if value is None or not value.strip():
        return default
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ArgumentError(Said.of("web.param_not_date", name=name, value=value[:40]),
                            option=name, value=value[:40], code="argument.date") from None


def last_friday(day: dt.date) -> dt.date:
    """The most recent Friday on or before ``day`` (a week's report ends on it)."""
    return day - dt.timedelta(days=(day.weekday() - 4) % 7)


def find_task(state: WebState, task_id: str) -> Task:
    """The plan's task.

    Raises:
        MissingError: No such task (404).
    """
    if task_id not in state.plan:
        raise MissingError(Said.of("web.no_task", task_id=task_id[:40]),
                           task_id=task_id[:40])
    return state.plan[task_id]


def statuses(state: WebState, day: dt.date) -> Mapping[str, Update]:
    """Each task's status as of ``day`` as the reports count it (已完成 once closed, when reviewing)."""
    return state.history.closed_as_of(day)


def cancelled_note(state: WebState, task_id: str) -> str:
    """The note the plan sheet gives a task it marks cancelled (row and mark); empty for a live task."""
    return next((u.note for u in state.cancelled if u.task_id == task_id), "")


def not_cancelled(state: WebState, task_ids: Iterable[str]) -> None:
    """Refuse progress on a task the plan sheet marks cancelled (409); nothing is recorded.

    Raises:
        ArgumentError: The first such task, with the sheet's mark (``web.task_cancelled``, 409).
    """
    if not state.cancelled:
        return
    gone = {u.task_id for u in state.cancelled}
    for task_id in task_ids:
        if task_id in gone:
            raise ArgumentError(key="web.task_cancelled", params={"task": task_id,
                                                                   "mark": cancelled_note(state, task_id)},
                                task_id=task_id, code="web.task_cancelled", status=409)


def live_plan(state: WebState) -> Plan:
    """The plan without the tasks the plan sheet marks cancelled (nor prerequisite edges to them)."""
    if not state.cancelled:
        return state.plan
    from fazhi_tasks.analysis.cancelled import live_tasks

    return live_tasks(state.plan, state.cancelled)


def _visible(state: WebState, account: Account) -> set[str] | None:
    """The task ids a division reads; ``None`` for all."""
    if is_office(account) or is_director(account):
        return None
    return {t.id for t in state.plan if can_read(account, t)}


def shortfalls_for(state: WebState, account: Account, as_of: dt.date) -> Shortfalls:
    """The shortfalls as of ``as_of``, a division's cut to the tasks it reads (computed on the whole plan)."""
    from fazhi_tasks.analysis.shortfalls import find_shortfalls

    found = find_shortfalls(state.plan, statuses(state, as_of), as_of)
    visible = _visible(state, account)
    if visible is None:
        return found
    return attrs.evolve(found, items=tuple(s for s in found.items if s.task_id in visible),
                        suspended=tuple(t for t in found.suspended if t.id in visible),
                        cancelled=tuple(t for t in found.cancelled if t.id in visible))


def rectification_for(state: WebState, account: Account, as_of: dt.date) -> RectificationList:
    """The rectification list as of ``as_of``, a division's cut to the tasks it reads."""
    from fazhi_tasks.analysis.rectify import rectification_list

    found = rectification_list(state.plan, statuses(state, as_of), as_of)
    visible = _visible(state, account)
    if visible is None:
        return found
    return attrs.evolve(found, items=tuple(i for i in found.items if i.task_id in visible))


def weekly(state: WebState, week_ending: dt.date) -> WeeklyReport:
    """The weekly report for the week ending on ``week_ending`` (the ledger's reviews counted)."""
    from fazhi_tasks.analysis.weekly import weekly_report

    return weekly_report(state.plan, state.history, week_ending)


def weekly_docx(state: WebState, account: Account, week_ending: dt.date) -> bytes:
    """The Word 督办通报 (office and director)."""
    from fazhi_tasks.report.present import render

    need_reader(account)
    data = render(weekly(state, week_ending), "docx", settings=state.settings)
    assert isinstance(data, bytes)
    return data


def weekly_xlsx(state: WebState, account: Account, week_ending: dt.date) -> bytes:
    """The Excel weekly report (office and director)."""
    from fazhi_tasks.report.present import render

    need_reader(account)
    data = render(weekly(state, week_ending), "xlsx", settings=state.settings)
    assert isinstance(data, bytes)
    return data


def notices_docx_bytes(state: WebState, account: Account, week_ending: dt.date) -> bytes:
    """The per-division 督办通知单 in one Word file (office and director), as ``fazhi-tasks notices`` writes it."""
    from fazhi_tasks.report.gongwen.notices import notices_docx

    need_reader(account)
    buffer = io.BytesIO()
    notices_docx(weekly(state, week_ending), buffer, settings=state.settings, plan=state.plan)
    return buffer.getvalue()


def template_xlsx(state: WebState, account: Account) -> bytes:
    """The 进展报送表 pre-filled with the tasks the account reports and their current status."""
    from fazhi_tasks.io.sheets.writer import write_progress_template

    need_writer(account)
    buffer = io.BytesIO()
    division = None if is_office(account) else account.division
    write_progress_template(live_plan(state), buffer, division=division,  # a cancelled task is not reported
                            latest=dict(state.history.status_as_of(state.today())))
    return buffer.getvalue()


def import_progress(state: WebState, account: Account, data: bytes, filename: str) -> tuple[int, int]:
    """Import an uploaded progress sheet: all rows or none; rows already recorded are skipped.

    Returns:
        (imported, skipped).

    Raises:
        UpdateFileError: A bad row (every problem with its row and column); nothing recorded.
        ForbiddenError: A row reports a task the account may not report (403); nothing recorded.
    """
    from fazhi_tasks.io.updates import import_updates

    updates = import_updates(data, name=filename or "upload.xlsx", plan=state.plan, as_of=state.today())
    need_report(account, {state.plan[u.task_id].id: state.plan[u.task_id] for u in updates}.values())
    not_cancelled(state, [u.task_id for u in updates])
    signed = [attrs.evolve(u, by=account.name) for u in updates]
    imported = state.ledger.record_many(signed, skip_existing=True)
    return imported, len(signed) - imported


def record_one(state: WebState, account: Account, task_id: str, *, status: str, on: str, percent: str,
               note: str) -> Update:
    """Record one update from the per-task form, with the checks an imported row gets.

    Raises:
        ForbiddenError: Not the account's task (403).
        ArgumentError: A bad date, percent or status (400); nothing recorded.
    """
    from fazhi_tasks.model.values import Update

    task = find_task(state, task_id)
    need_report(account, [task])
    not_cancelled(state, [task.id])
    today = state.today()
    day = parse_day(on, today, "on")
    if day > today:
        raise ArgumentError(Said.of("web.future_date", day=str(day), today=str(today)),
                            field="on", value=str(day), code="argument.future_date")
    number: int | None = None
    if percent.strip():
        try:
            number = int(percent.strip())
        except ValueError:
            raise ArgumentError(Said.of("web.bad_percent", percent=percent[:20]),
                                field="percent", value=percent[:20], code="argument.percent") from None
    from fazhi_tasks.ledger.front import _CONTROL_IN_NOTE, NOTE_CHARS

    bad = _CONTROL_IN_NOTE.search(note)
    if bad is not None or len(note.strip()) > NOTE_CHARS:  # the ledger's rule, answered 400 (not its 500)
        what = Said.of("web.note_control", char=repr(bad.group())) if bad else \
            Said.of("web.note_long", count=len(note.strip()), most=NOTE_CHARS)
        raise ArgumentError(Said.of("web.note_refused", what=what), field="note", code="argument.note")
    try:
        update = Update(task.id, status, day, percent=number, note=note.strip(), by=account.name)
    except (ValueError, TypeError) as exc:
        if isinstance(exc, ArgumentError):
            raise
        raise ArgumentError(Said.of("web.bad_update", exc=exc),
                            code="argument.update") from exc
    state.ledger.record(update)
    return update


def review_task(state: WebState, account: Account, task_id: str, decision: str, reason: str) -> Review:
    """The office passes (销号) or returns (退回, with a reason) a division's 已完成.

    Raises:
        ForbiddenError: Not the office (403).
        LedgerError: The task is not reported done (409, ``review.not_done``).
        ArgumentError: An unknown decision, or a return without a reason (400); the plan sheet marks the task
            cancelled (409, ``web.task_cancelled``).
    """
    from fazhi_tasks.model.review import Review

    need_office(account)
    task = find_task(state, task_id)
    not_cancelled(state, [task.id])
    if decision not in ("pass", "return"):
        raise ArgumentError(Said.of("web.bad_decision", decision=decision[:20]),
                            field="decision", value=decision[:20], code="argument.decision")
    try:
        review = Review(task.id, decision, state.today(), reason=reason.strip(), by=account.name)
    except (ValueError, TypeError) as exc:
        if isinstance(exc, ArgumentError):
            raise
        raise ArgumentError(Said.of("web.return_needs_reason", exc=exc),
                            field="reason", code="argument.reason") from exc
    state.ledger.review(review)
    return review


def pass_all_pending(state: WebState, account: Account, until: dt.date, *, division: str = "") -> list[str]:
    """The office passes (销号) every task awaiting review whose 已完成 report is dated on or before ``until``
    (of ``division`` when given: it leads the task): one review per task, dated today, ``by`` the account.

    Returns:
        The task ids passed, in id order.

    Raises:
        ForbiddenError: Not the office (403).
        ArgumentError: ``until`` is after today (400); nothing recorded.
    """
    from fazhi_tasks.model.review import Decision, Review

    need_office(account)
    today = state.today()
    if until > today:
        raise ArgumentError(Said.of("web.until_future", until=str(until), today=str(today)),
                            field="until", value=str(until), code="argument.future_date")
    pending = getattr(statuses(state, today), "pending", {})
    chosen = [task_id for task_id, update in sorted(pending.items()) if update.on <= until
              and (not division or division in (state.plan[task_id].division, *state.plan[task_id].co_leads))]
    for task_id in chosen:
        state.ledger.review(Review(task_id, Decision.PASS, today, by=account.name))
    return chosen


def add_evidence(state: WebState, account: Account, task_id: str, data: bytes, *, filename: str,
                 content_type: str) -> Evidence:
    """Attach a 佐证材料 to a task the account reports and that is reported 已完成.

    Raises:
        ForbiddenError: Not the account's task (403).
        ArgumentError: The task is not reported done, or the plan sheet marks it cancelled (409).
        LedgerError: The file's type or size is refused by the ledger.
    """
    task = find_task(state, task_id)
    need_report(account, [task])
    not_cancelled(state, [task.id])
    latest = state.history.status_as_of(state.today()).get(task.id)
    if latest is None or str(latest.status.value) != "已完成":
        raise ArgumentError(Said.of("web.evidence_not_done", id=task.id),
                            task_id=task.id, code="evidence.not_done", status=409)
    return state.ledger.add_evidence(task.id, data, filename=filename or "佐证材料", content_type=content_type,
                                     by=account.name)


def evidence_of(state: WebState, account: Account, task_id: str, sha256: str) -> tuple[Evidence, bytes]:
    """One 佐证材料 of a task the account reads, with its bytes.

    Raises:
        ForbiddenError: The account may not read the task (403).
        MissingError: The task has no such file (404).
    """
    task = find_task(state, task_id)
    need_read(account, task)
    for item in state.ledger.evidence(task.id):
        if item.sha256 == sha256:
            return item, state.ledger.evidence_bytes(sha256)
    raise MissingError(Said.of("web.no_evidence"), task_id=task.id)
