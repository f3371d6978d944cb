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

from fazhi_tasks.core.errors import (
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
from fazhi_tasks.core.i18n import Lang
from fazhi_tasks.model.plan import Plan
from fazhi_tasks.model.values import Division, Indicator, Stage, Status, Task, Update

if TYPE_CHECKING:  # the rest is imported on first use, so `import fazhi_tasks` stays fast
    from fazhi_tasks.analysis.coverage import IndicatorCoverage, indicator_coverage
    from fazhi_tasks.analysis.forecast import Commitment, Forecast, ForecastEntry, StageOutlook, forecast
    from fazhi_tasks.analysis.graph import (
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
    from fazhi_tasks.analysis.rectify import (
        EscalationLevels,
        Level,
        RectificationItem,
        RectificationList,
        rectification_list,
    )
    from fazhi_tasks.analysis.review import ReviewedStatuses, closed_statuses
    from fazhi_tasks.analysis.rollup import BureauRollup, Rollup
    from fazhi_tasks.analysis.shortfalls import Shortfall, ShortfallKind, Shortfalls, find_shortfalls
    from fazhi_tasks.analysis.weekly import (
        ChangeEntry,
        DueEntry,
        GroupSummary,
        OverdueEntry,
        PendingEntry,
        WeeklyReport,
        WeekPoint,
        weekly_report,
    )
    from fazhi_tasks.core.bulk import paused_gc
    from fazhi_tasks.io.calendar_file import load_calendar
    from fazhi_tasks.io.planfile import load_plan, read_plan, save_plan
    from fazhi_tasks.io.plans_folder import rollup
    from fazhi_tasks.io.sample import sample_plan, sample_updates
    from fazhi_tasks.io.settings import ReportSettings, read_report_settings
    from fazhi_tasks.io.sheets.reader import PlanRead, progress_updates
    from fazhi_tasks.io.sheets.summary import ReadSummary, UpdatesSummary
    from fazhi_tasks.io.sheets.writer import write_progress_template
    from fazhi_tasks.io.updates import UpdatesRead, export_updates, import_updates, read_updates
    from fazhi_tasks.ledger.chain import ChainBreak, ChainReport
    from fazhi_tasks.ledger.front import Ledger
    from fazhi_tasks.model.calendar import CalendarFallback, CalendarYear, WorkCalendar
    from fazhi_tasks.model.deadline import parse_deadline
    from fazhi_tasks.model.progress import statuses_as_of
    from fazhi_tasks.model.review import Account, AuditEntry, Decision, Evidence, Review, Role
    from fazhi_tasks.model.schedule import YearSchedule
    from fazhi_tasks.report.gongwen.notices import notices_docx
    from fazhi_tasks.report.gongwen.report import weekly_docx
    from fazhi_tasks.report.gongwen.tables import tables_docx
    from fazhi_tasks.report.present import document_of, render, to_dict

#: Public names whose modules load on first use (PEP 562), name → module.
_LAZY = {
    "Account": "fazhi_tasks.model.review",
    "AuditEntry": "fazhi_tasks.model.review",
    "PendingEntry": "fazhi_tasks.analysis.weekly",
    "ReviewedStatuses": "fazhi_tasks.analysis.review",
    "Decision": "fazhi_tasks.model.review",
    "Evidence": "fazhi_tasks.model.review",
    "Review": "fazhi_tasks.model.review",
    "Role": "fazhi_tasks.model.review",
    "closed_statuses": "fazhi_tasks.analysis.review",
    "ChangeEntry": "fazhi_tasks.analysis.weekly",
    "DueEntry": "fazhi_tasks.analysis.weekly",
    "GroupSummary": "fazhi_tasks.analysis.weekly",
    "OverdueEntry": "fazhi_tasks.analysis.weekly",
    "WeekPoint": "fazhi_tasks.analysis.weekly",
    "statuses_as_of": "fazhi_tasks.model.progress",
    "BureauRollup": "fazhi_tasks.analysis.rollup",
    "Commitment": "fazhi_tasks.analysis.forecast",
    "CalendarFallback": "fazhi_tasks.model.calendar",
    "ChainBreak": "fazhi_tasks.ledger.chain",
    "ChainReport": "fazhi_tasks.ledger.chain",
    "CalendarYear": "fazhi_tasks.model.calendar",
    "CriticalPath": "fazhi_tasks.analysis.graph",
    "EscalationLevels": "fazhi_tasks.analysis.rectify",
    "Finding": "fazhi_tasks.analysis.graph",
    "FindingKind": "fazhi_tasks.analysis.graph",
    "Findings": "fazhi_tasks.analysis.graph",
    "document_of": "fazhi_tasks.report.present",
    "paused_gc": "fazhi_tasks.core.bulk",
    "render": "fazhi_tasks.report.present",
    "to_dict": "fazhi_tasks.report.present",
    "Forecast": "fazhi_tasks.analysis.forecast",
    "ForecastEntry": "fazhi_tasks.analysis.forecast",
    "IndicatorCoverage": "fazhi_tasks.analysis.coverage",
    "Ledger": "fazhi_tasks.ledger.front",
    "Level": "fazhi_tasks.analysis.rectify",
    "PathStep": "fazhi_tasks.analysis.graph",
    "Phase": "fazhi_tasks.analysis.graph",
    "PlanRead": "fazhi_tasks.io.sheets.reader",
    "ReadSummary": "fazhi_tasks.io.sheets.summary",
    "UpdatesRead": "fazhi_tasks.io.updates",
    "UpdatesSummary": "fazhi_tasks.io.sheets.summary",
    "read_updates": "fazhi_tasks.io.updates",
    "RectificationItem": "fazhi_tasks.analysis.rectify",
    "RectificationList": "fazhi_tasks.analysis.rectify",
    "Rollup": "fazhi_tasks.analysis.rollup",
    "ReportSettings": "fazhi_tasks.io.settings",
    "Shortfall": "fazhi_tasks.analysis.shortfalls",
    "ShortfallKind": "fazhi_tasks.analysis.shortfalls",
    "Shortfalls": "fazhi_tasks.analysis.shortfalls",
    "StageOutlook": "fazhi_tasks.analysis.forecast",
    "WeeklyReport": "fazhi_tasks.analysis.weekly",
    "WorkCalendar": "fazhi_tasks.model.calendar",
    "YearSchedule": "fazhi_tasks.model.schedule",
    "check_plan": "fazhi_tasks.analysis.graph",
    "critical_path": "fazhi_tasks.analysis.graph",
    "export_updates": "fazhi_tasks.io.updates",
    "find_shortfalls": "fazhi_tasks.analysis.shortfalls",
    "forecast": "fazhi_tasks.analysis.forecast",
    "import_updates": "fazhi_tasks.io.updates",
    "indicator_coverage": "fazhi_tasks.analysis.coverage",
    "latest_finish": "fazhi_tasks.analysis.graph",
    "notices_docx": "fazhi_tasks.report.gongwen.notices",
    "load_calendar": "fazhi_tasks.io.calendar_file",
    "load_plan": "fazhi_tasks.io.planfile",
    "parse_deadline": "fazhi_tasks.model.deadline",
    "phased_order": "fazhi_tasks.analysis.graph",
    "read_report_settings": "fazhi_tasks.io.settings",
    "progress_updates": "fazhi_tasks.io.sheets.reader",
    "read_plan": "fazhi_tasks.io.planfile",
    "rectification_list": "fazhi_tasks.analysis.rectify",
    "rollup": "fazhi_tasks.io.plans_folder",
    "sample_plan": "fazhi_tasks.io.sample",
    "sample_updates": "fazhi_tasks.io.sample",
    "save_plan": "fazhi_tasks.io.planfile",
    "tables_docx": "fazhi_tasks.report.gongwen.tables",
    "weekly_docx": "fazhi_tasks.report.gongwen.report",
    "weekly_report": "fazhi_tasks.analysis.weekly",
    "write_progress_template": "fazhi_tasks.io.sheets.writer",
}

__all__ = [
    "Account",
    "ArgumentError",
    "AuditEntry",
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
    "Decision",
    "DependencyCycleError",
    "Division",
    "DueEntry",
    "EscalationLevels",
    "Evidence",
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
    "PendingEntry",
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
    "Review",
    "ReviewedStatuses",
    "Role",
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
    "UpdatesRead",
    "UpdatesSummary",
    "WeekPoint",
    "WeeklyReport",
    "WorkCalendar",
    "YearSchedule",
    "check_plan",
    "closed_statuses",
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
    "read_updates",
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
