"""Results as plain JSON-serialisable records, shared by every JSON output.

Codes are stable English keys (``"status": "in_progress"``, ``"level": "red"``, ``"kind": "overdue"``), each
with its label in the language asked for beside it (``"status_label": "推进中"``); dates are ISO text.

>>> code(Status.IN_PROGRESS), coded("status", Status.DONE, "zh")
('in_progress', {'status': 'done', 'status_label': '已完成'})
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Any

from fazhi_tasks.core.i18n import word
from fazhi_tasks.model.values import Status

if TYPE_CHECKING:
    from fazhi_tasks.analysis.rectify import RectificationItem
    from fazhi_tasks.analysis.shortfalls import Shortfall
    from fazhi_tasks.core.i18n import Lang
    from fazhi_tasks.model.values import Stage

__all__ = ["code", "coded", "item_record", "shortfall_record", "stage_record"]

#: The version of every JSON document's shape; a change that breaks a reader raises it.
SCHEMA_VERSION = 1


def code(value: enum.Enum | None) -> str | None:
    """The stable English code of a status, level or kind: its member name in lower case."""
    return None if value is None else value.name.lower()


def coded(key: str, value: enum.Enum | None, lang: Lang) -> dict[str, str | None]:
    """``{key: code, key_label: the word in lang}``."""
    return {key: code(value), f"{key}_label": None if value is None else word(value, lang)}


def stage_record(stage: Stage) -> dict[str, Any]:
    """A stage as an object: number, name, first and last day."""
    return {"number": stage.number, "name": stage.name, "start": stage.start.isoformat(),
            "end": stage.end.isoformat()}


def shortfall_record(s: Shortfall, lang: Lang = "zh") -> dict[str, Any]:
    """One shortfall as plain data."""
    return {"task_id": s.task_id, "title": s.task.title, "division": s.task.division, "owner": s.task.owner,
            "deadline": s.task.deadline.isoformat() if s.task.deadline else None, **coded("kind", s.kind, lang),
            **coded("status", s.status, lang), "days_overdue": s.days_overdue,
            "workdays_overdue": s.workdays_overdue, "root_causes": list(s.root_causes), "holds_up": s.holds_up,
            "workdays_left": s.workdays_left}


def item_record(i: RectificationItem, lang: Lang = "zh") -> dict[str, Any]:
    """One rectification item as plain data (its sentences in ``lang``)."""
    return {"no": i.no, "task_id": i.task_id, "title": i.title, "problem": i.problem_text(lang),
            "division": i.division, "co_leads": list(i.co_leads), "supporting": list(i.supporting), "owner": i.owner,
            "measure": i.measure_text(lang), "deadline": i.deadline.isoformat() if i.deadline else None,
            "time_limit": i.time_limit.isoformat(), **coded("level", i.level, lang),
            "days_overdue": i.days_overdue, "workdays_overdue": i.workdays_overdue,
            "root_causes": list(i.root_causes), "progress": i.progress_text(lang)}


def status_record(status: Status, lang: Lang) -> dict[str, str | None]:
    """A task's status as code and label."""
    return coded("status", status, lang)
