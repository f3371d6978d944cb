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
    ArgumentError,
    CalendarCoverageError,
    CalendarFileError,
    DataFileError,
    DeadlineParseError,
    DependencyCycleError,
    FazhiTasksError,
    LedgerAccessError,
    LedgerCorruptError,
    LedgerError,
    LedgerFullError,
    LedgerLockedError,
    LedgerReadOnlyError,
    PlanError,
    PlanFileError,
    Problem,
    StageOrderError,
    UnknownReferenceError,
    UnknownTaskError,
    UpdateFileError,
)
from ._i18n import Lang
from ._model import Division, Indicator, Stage, Status, Task, Update
from ._plan import Plan

if TYPE_CHECKING:  # the rest is imported on first use, so `import fazhi_tasks` stays fast
    from ._bulk import paused_gc
    from ._calendar import CalendarFallback, CalendarYear, WorkCalendar
    from ._calendar_file import load_calendar
    from ._coverage import IndicatorCoverage, indicator_coverage
    from ._deadline import parse_deadline
    from ._docx_notices import notices_docx
    from ._docx_report import weekly_docx
    from ._docx_tables import tables_docx
    from ._forecast import Commitment, Forecast, ForecastEntry, StageOutlook, forecast
    from ._graph import (
        CriticalPath,
        Finding,
        FindingKind,
        Findings,
        PathStep,
        Phase,
        check_plan,
        critical_path,
        latest_finish,
        phased_order,
    )
    from ._ledger import Ledger
    from ._ledger_chain import ChainBreak, ChainReport
    from ._planfile import load_plan, read_plan, save_plan
    from ._plans_folder import rollup
    from ._present import document_of, render, to_dict
    from ._progress import statuses_as_of
    from ._rectify import (
        EscalationLevels,
        Level,
        RectificationItem,
        RectificationList,
        rectification_list,
    )
    from ._rollup import BureauRollup, Rollup
    from ._sample import sample_plan, sample_updates
    from ._schedule import YearSchedule
    from ._settings import ReportSettings, read_report_settings
    from ._sheet import PlanRead, progress_updates
    from ._sheet_write import write_progress_template
    from ._shortfalls import Shortfall, ShortfallKind, Shortfalls, find_shortfalls
    from ._summary import ReadSummary
    from ._updates_file import export_updates, import_updates
    from ._weekly import ChangeEntry, DueEntry, GroupSummary, OverdueEntry, WeeklyReport, WeekPoint, weekly_report

#: Public names whose modules load on first use (PEP 562), name → module.
_LAZY = {
    "ChangeEntry": "._weekly",
    "DueEntry": "._weekly",
    "GroupSummary": "._weekly",
    "OverdueEntry": "._weekly",
    "WeekPoint": "._weekly",
    "statuses_as_of": "._progress",
    "BureauRollup": "._rollup",
    "Commitment": "._forecast",
    "CalendarFallback": "._calendar",
    "ChainBreak": "._ledger_chain",
    "ChainReport": "._ledger_chain",
    "CalendarYear": "._calendar",
    "CriticalPath": "._graph",
    "EscalationLevels": "._rectify",
    "Finding": "._graph",
    "FindingKind": "._graph",
    "Findings": "._graph",
    "document_of": "._present",
    "paused_gc": "._bulk",
    "render": "._present",
    "to_dict": "._present",
    "Forecast": "._forecast",
    "ForecastEntry": "._forecast",
    "IndicatorCoverage": "._coverage",
    "Ledger": "._ledger",
    "Level": "._rectify",
    "PathStep": "._graph",
    "Phase": "._graph",
    "PlanRead": "._sheet",
    "ReadSummary": "._summary",
    "RectificationItem": "._rectify",
    "RectificationList": "._rectify",
    "Rollup": "._rollup",
    "ReportSettings": "._settings",
    "Shortfall": "._shortfalls",
    "ShortfallKind": "._shortfalls",
    "Shortfalls": "._shortfalls",
    "StageOutlook": "._forecast",
    "WeeklyReport": "._weekly",
    "WorkCalendar": "._calendar",
    "YearSchedule": "._schedule",
    "check_plan": "._graph",
    "critical_path": "._graph",
    "export_updates": "._updates_file",
    "find_shortfalls": "._shortfalls",
    "forecast": "._forecast",
    "import_updates": "._updates_file",
    "indicator_coverage": "._coverage",
    "latest_finish": "._graph",
    "notices_docx": "._docx_notices",
    "load_calendar": "._calendar_file",
    "load_plan": "._planfile",
    "parse_deadline": "._deadline",
    "phased_order": "._graph",
    "read_report_settings": "._settings",
    "progress_updates": "._sheet",
    "read_plan": "._planfile",
    "rectification_list": "._rectify",
    "rollup": "._plans_folder",
    "sample_plan": "._sample",
    "sample_updates": "._sample",
    "save_plan": "._planfile",
    "tables_docx": "._docx_tables",
    "weekly_docx": "._docx_report",
    "weekly_report": "._weekly",
    "write_progress_template": "._sheet_write",
}

__all__ = [
    "ArgumentError",
    "BureauRollup",
    "CalendarCoverageError",
    "CalendarFallback",
    "CalendarFileError",
    "CalendarYear",
    "ChainBreak",
    "ChainReport",
    "ChangeEntry",
    "Commitment",
    "CriticalPath",
    "DataFileError",
    "DeadlineParseError",
    "DependencyCycleError",
    "Division",
    "DueEntry",
    "EscalationLevels",
    "FazhiTasksError",
    "Finding",
    "FindingKind",
    "Findings",
    "Forecast",
    "ForecastEntry",
    "GroupSummary",
    "Indicator",
    "IndicatorCoverage",
    "Lang",
    "Ledger",
    "LedgerAccessError",
    "LedgerCorruptError",
    "LedgerError",
    "LedgerFullError",
    "LedgerLockedError",
    "LedgerReadOnlyError",
    "Level",
    "OverdueEntry",
    "PathStep",
    "Phase",
    "Plan",
    "PlanError",
    "PlanFileError",
    "PlanRead",
    "Problem",
    "ReadSummary",
    "RectificationItem",
    "RectificationList",
    "ReportSettings",
    "Rollup",
    "Shortfall",
    "ShortfallKind",
    "Shortfalls",
    "Stage",
    "StageOrderError",
    "StageOutlook",
    "Status",
    "Task",
    "UnknownReferenceError",
    "UnknownTaskError",
    "Update",
    "UpdateFileError",
    "WeekPoint",
    "WeeklyReport",
    "WorkCalendar",
    "YearSchedule",
    "check_plan",
    "critical_path",
    "document_of",
    "export_updates",
    "find_shortfalls",
    "forecast",
    "import_updates",
    "indicator_coverage",
    "latest_finish",
    "load_calendar",
    "load_plan",
    "notices_docx",
    "parse_deadline",
    "paused_gc",
    "phased_order",
    "progress_updates",
    "read_plan",
    "read_report_settings",
    "rectification_list",
    "render",
    "rollup",
    "sample_plan",
    "sample_updates",
    "save_plan",
    "statuses_as_of",
    "tables_docx",
    "to_dict",
    "weekly_docx",
    "weekly_report",
    "write_progress_template",
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
