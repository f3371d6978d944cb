"""Reported done versus closed: the statuses reports use once the office reviews (审核 → 销号 / 退回).

A division's 已完成 counts as done only once the 法治办 has passed it (销号). Until then it is 待审核
(awaiting review); a return (退回) opens it again. Both count as 推进中 in every report.

>>> import datetime as dt
>>> import fazhi_tasks as ft
>>> day = dt.date(2021, 3, 10)
>>> statuses = {"T1": ft.Update("T1", "已完成", dt.date(2021, 3, 1), percent=100),
...             "T2": ft.Update("T2", "已完成", dt.date(2021, 3, 2)),
...             "T3": ft.Update("T3", "推进中", dt.date(2021, 3, 2), percent=40)}
>>> closed = closed_statuses(statuses, [ft.Review("T1", "pass", dt.date(2021, 3, 5))], day)
>>> closed["T1"].status, closed["T2"].status, closed["T2"].note, closed["T3"].percent
(<Status.DONE: '已完成'>, <Status.IN_PROGRESS: '推进中'>, '待审核', 40)
>>> sorted(closed.pending), closed.returned
(['T2'], {})

The rule lives with the model (:mod:`fazhi_tasks.model.review`), so the ledger's
:meth:`~fazhi_tasks.Ledger.closed_as_of` applies it without reaching up into the analysis; this module is
its home for the reports.
"""

from fazhi_tasks.model.review import ReviewedStatuses, closed_statuses

__all__ = ["ReviewedStatuses", "closed_statuses"]
