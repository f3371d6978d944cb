"""fazhi_tasks: track a rule-of-law demonstration-creation plan (法治政府建设示范创建任务).

Model the plan's tasks, build their dependency graph, compute the phased completion
order and the overdue shortfalls, and turn them into rectification lists and weekly
overdue reports.

>>> import datetime as dt
>>> import fazhi_tasks as ft
>>> plan = ft.sample_plan()
>>> report = ft.weekly_report(plan, ft.sample_updates(), dt.date(2021, 6, 25))
>>> report.summary.total, report.summary.overdue
(97, 11)
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._errors import (
    CalendarCoverageError,
    CalendarFileError,
    DataFileError,
    DeadlineParseError,
    DependencyCycleError,
    FazhiTasksError,
    LedgerError,
    PlanError,
    PlanFileError,
    StageOrderError,
    UnknownReferenceError,
    UnknownTaskError,
    UpdateFileError,
)
from ._model import Division, Indicator, Stage, Status, Task, Update
from ._plan import Plan

if TYPE_CHECKING:  # the rest is imported on first use, so `import fazhi_tasks` stays fast
    from ._calendar import CalendarYear, WorkCalendar
    from ._calendar_file import YearSchedule, load_calendar
    from ._coverage import IndicatorCoverage, indicator_coverage
    from ._deadline import parse_deadline
    from ._graph import (
        CriticalPath,
        Finding,
        FindingKind,
        PathStep,
        Phase,
        check_plan,
        critical_path,
        latest_finish,
        phased_order,
    )
    from ._ledger import Ledger
    from ._planfile import load_plan, save_plan
    from ._rectify import (
        EscalationLevels,
        Level,
        RectificationItem,
        RectificationList,
        rectification_list,
    )
    from ._sample import sample_plan, sample_updates
    from ._shortfalls import Shortfall, ShortfallKind, Shortfalls, find_shortfalls
    from ._updates_file import export_updates, import_updates
    from ._weekly import WeeklyReport, weekly_report

#: Public names whose modules load on first use (PEP 562), name → module.
_LAZY = {
    "CalendarYear": "._calendar",
    "CriticalPath": "._graph",
    "EscalationLevels": "._rectify",
    "Finding": "._graph",
    "FindingKind": "._graph",
    "IndicatorCoverage": "._coverage",
    "Ledger": "._ledger",
    "Level": "._rectify",
    "PathStep": "._graph",
    "Phase": "._graph",
    "RectificationItem": "._rectify",
    "RectificationList": "._rectify",
    "Shortfall": "._shortfalls",
    "ShortfallKind": "._shortfalls",
    "Shortfalls": "._shortfalls",
    "WeeklyReport": "._weekly",
    "WorkCalendar": "._calendar",
    "YearSchedule": "._calendar_file",
    "check_plan": "._graph",
    "critical_path": "._graph",
    "export_updates": "._updates_file",
    "find_shortfalls": "._shortfalls",
    "import_updates": "._updates_file",
    "indicator_coverage": "._coverage",
    "latest_finish": "._graph",
    "load_calendar": "._calendar_file",
    "load_plan": "._planfile",
    "parse_deadline": "._deadline",
    "phased_order": "._graph",
    "rectification_list": "._rectify",
    "sample_plan": "._sample",
    "sample_updates": "._sample",
    "save_plan": "._planfile",
    "weekly_report": "._weekly",
}

__all__ = [
    "CalendarCoverageError",
    "CalendarFileError",
    "CalendarYear",
    "CriticalPath",
    "DataFileError",
    "DeadlineParseError",
    "DependencyCycleError",
    "Division",
    "EscalationLevels",
    "FazhiTasksError",
    "Finding",
    "FindingKind",
    "Indicator",
    "IndicatorCoverage",
    "Ledger",
    "LedgerError",
    "Level",
    "PathStep",
    "Phase",
    "Plan",
    "PlanError",
    "PlanFileError",
    "RectificationItem",
    "RectificationList",
    "Shortfall",
    "ShortfallKind",
    "Shortfalls",
    "Stage",
    "StageOrderError",
    "Status",
    "Task",
    "UnknownReferenceError",
    "UnknownTaskError",
    "Update",
    "UpdateFileError",
    "WeeklyReport",
    "WorkCalendar",
    "YearSchedule",
    "check_plan",
    "critical_path",
    "export_updates",
    "find_shortfalls",
    "import_updates",
    "indicator_coverage",
    "latest_finish",
    "load_calendar",
    "load_plan",
    "parse_deadline",
    "phased_order",
    "rectification_list",
    "sample_plan",
    "sample_updates",
    "save_plan",
    "weekly_report",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        message = f"module 'fazhi_tasks' has no attribute {name!r}"
        raise AttributeError(message)
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
