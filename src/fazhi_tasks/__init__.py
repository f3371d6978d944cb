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

from ._calendar import WorkCalendar
from ._coverage import IndicatorCoverage, indicator_coverage
from ._deadline import parse_deadline
from ._errors import (
    CalendarCoverageError,
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
from ._model import Division, Indicator, Stage, Status, Task, Update
from ._plan import Plan
from ._planfile import load_plan, save_plan
from ._rectify import EscalationLevels, Level, RectificationItem, RectificationList, rectification_list
from ._sample import sample_plan, sample_updates
from ._shortfalls import Shortfall, ShortfallKind, Shortfalls, find_shortfalls
from ._updates_file import export_updates, import_updates
from ._weekly import WeeklyReport, weekly_report

__all__ = [
    "CalendarCoverageError",
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
    "check_plan",
    "critical_path",
    "export_updates",
    "find_shortfalls",
    "import_updates",
    "indicator_coverage",
    "latest_finish",
    "load_plan",
    "parse_deadline",
    "phased_order",
    "rectification_list",
    "sample_plan",
    "sample_updates",
    "save_plan",
    "weekly_report",
]
