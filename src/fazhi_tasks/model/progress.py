"""Statuses as of a date from a plain list of progress updates (what a ledger answers, without one)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from fazhi_tasks.core.errors import ArgumentError
from fazhi_tasks.model.values import Update

__all__ = ["statuses_as_of"]


def statuses_as_of(updates: Iterable[Update], day: dt.date) -> dict[str, Update]:
    """Each task's latest update dated on or before ``day``; among one day's updates the later one in the list wins.

    The same answer as :meth:`fazhi_tasks.Ledger.status_as_of` over a ledger that recorded ``updates`` in
    that order. A task with no such update is absent (it counts as 未启动).

    Args:
        updates: Progress updates, in the order they were recorded.
        day: The date.

    >>> import fazhi_tasks as ft
    >>> ups = [ft.Update("T1", "推进中", dt.date(2021, 3, 1)), ft.Update("T1", "已完成", dt.date(2021, 3, 9)),
    ...        ft.Update("T1", "推进中", dt.date(2021, 3, 9), note="补报")]
    >>> statuses_as_of(ups, dt.date(2021, 3, 9))["T1"].note
    '补报'
    >>> statuses_as_of(ups, dt.date(2021, 3, 5))["T1"].status
    <Status.IN_PROGRESS: '推进中'>
    """
    if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
        raise ArgumentError(key="err.not_date_value", params={"value": day}, field="day", value=day)
    latest: dict[str, Update] = {}
    for u in updates:
        if u.on <= day:
            old = latest.get(u.task_id)
            if old is None or u.on >= old.on:
                latest[u.task_id] = u
    return latest
