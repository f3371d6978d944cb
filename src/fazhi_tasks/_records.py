"""Shortfalls and rectification items as plain JSON-serialisable records, shared by every JSON output."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._i18n import Lang
    from ._rectify import RectificationItem
    from ._shortfalls import Shortfall

__all__ = ["item_record", "shortfall_record"]


def shortfall_record(s: Shortfall) -> dict[str, Any]:
    """One shortfall as plain data."""
    return {"task_id": s.task_id, "title": s.task.title, "division": s.task.division, "owner": s.task.owner,
            "deadline": s.task.deadline.isoformat() if s.task.deadline else None, "kind": s.kind.value,
            "status": s.status.value, "days_overdue": s.days_overdue, "workdays_overdue": s.workdays_overdue,
            "root_causes": list(s.root_causes), "holds_up": s.holds_up, "workdays_left": s.workdays_left}


def item_record(i: RectificationItem, lang: Lang = "zh") -> dict[str, Any]:
    """One rectification item as plain data (its sentences in ``lang``)."""
    return {"no": i.no, "task_id": i.task_id, "problem": i.problem_text(lang), "division": i.division,
            "co_leads": list(i.co_leads), "supporting": list(i.supporting), "owner": i.owner,
            "measure": i.measure_text(lang), "time_limit": i.time_limit.isoformat(), "level": i.level.value,
            "progress": i.progress_text(lang)}
