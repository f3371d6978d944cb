"""Who may read and write what: a division its own tasks, the office everything, the director reading only.

- a division (处室) account reads the tasks it leads or supports and reports only those it leads;
- the office (法治办) reads and reports every task, reviews (销号 / 退回) and makes the 通报;
- the director (局领导) reads everything and writes nothing.

Every check raises :class:`~fazhi_tasks.web.errors.ForbiddenError` (403) before anything is written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fazhi_tasks.core.errors import Said
from fazhi_tasks.web.errors import ForbiddenError

if TYPE_CHECKING:
    from collections.abc import Iterable

    from fazhi_tasks.model.plan import Plan
    from fazhi_tasks.model.review import Account
    from fazhi_tasks.model.values import Task

__all__ = ["can_read", "can_report", "is_director", "is_office", "leads", "need_office", "need_read",
           "need_reader", "need_report", "need_writer", "readable", "reportable"]


def _role(account: Account) -> str:
    role = account.role
    return str(getattr(role, "value", role))


def is_office(account: Account) -> bool:
    """The 法治办's account."""
    return _role(account) == "office"


def is_director(account: Account) -> bool:
    """The director's (read-only) account."""
    return _role(account) == "director"


def leads(account: Account, task: Task) -> bool:
    """Whether the account's division leads the task (first-named or a co-lead)."""
    return account.division is not None and (task.division == account.division or account.division in task.co_leads)


def can_read(account: Account, task: Task) -> bool:
    """Office and director read all; a division the tasks it leads or supports."""
    if is_office(account) or is_director(account):
        return True
    return leads(account, task) or (account.division is not None and account.division in task.supporting)


def can_report(account: Account, task: Task) -> bool:
    """The office reports any task; a division those it leads; the director none."""
    return is_office(account) or (_role(account) == "division" and leads(account, task))


def readable(account: Account, plan: Plan) -> list[Task]:
    """The tasks the account may read, in id order."""
    return [t for t in plan if can_read(account, t)]


def reportable(account: Account, plan: Plan) -> list[Task]:
    """The tasks the account may report, in id order."""
    return [t for t in plan if can_report(account, t)]


def need_read(account: Account, task: Task) -> None:
    """Raise unless the account may read the task.

    Raises:
        ForbiddenError: It may not (403).
    """
    if not can_read(account, task):
        raise ForbiddenError(Said.of("web.no_read", task=task.id,
                                     division=account.division or Said.of("web.this_account")),
                             task_id=task.id)


def need_report(account: Account, tasks: Iterable[Task]) -> None:
    """Raise unless the account may report every one of the tasks (nothing is written otherwise).

    Raises:
        ForbiddenError: One is not the account's (403); the message names them.
    """
    refused = [t.id for t in tasks if not can_report(account, t)]
    if refused:
        sep, more = Said.of("sep.list"), Said.of("web.and_more") if len(refused) > 10 else Said("", "")
        listed = Said(sep.zh.join(refused[:10]) + more.zh, sep.en.join(refused[:10]))
        who = account.division or (Said.of("web.director_reads_only") if is_director(account) else account.name)
        raise ForbiddenError(Said.of("web.no_report", tasks=listed, who=who), task_id=refused[0])


def need_writer(account: Account) -> None:
    """Raise for the director's read-only account.

    Raises:
        ForbiddenError: The director's account (403).
    """
    if is_director(account):
        raise ForbiddenError(Said.of("web.director_reads"))


def need_office(account: Account) -> None:
    """Raise unless this is the office's account (reviews).

    Raises:
        ForbiddenError: It is not (403).
    """
    if not is_office(account):
        raise ForbiddenError(Said.of("web.office_reviews"))


def need_reader(account: Account) -> None:
    """Raise unless the account reads the whole report (office or director): the 通报 and its downloads.

    Raises:
        ForbiddenError: A division's account (403).
    """
    if not (is_office(account) or is_director(account)):
        raise ForbiddenError(Said.of("web.report_readers"))
