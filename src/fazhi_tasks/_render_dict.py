"""The weekly report as plain JSON-serialisable data (dates as ISO text)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._i18n import Lang
from ._records import item_record, shortfall_record
from ._views import headline

if TYPE_CHECKING:
    from ._weekly import ChangeEntry, GroupSummary, WeeklyReport

__all__ = ["render_dict"]


def _group(g: GroupSummary) -> dict[str, Any]:
    return {"name": g.name, "total": g.total, "done": g.done, "in_progress": g.in_progress,
            "not_started": g.not_started, "suspended": g.suspended, "overdue": g.overdue, "blocked": g.blocked,
            "due_next_week": g.due_next_week, "rate": round(g.rate, 4)}


def _change(e: ChangeEntry) -> dict[str, Any]:
    return {"task_id": e.task.id, "title": e.task.title, "division": e.task.division,
            "deadline": e.task.deadline.isoformat() if e.task.deadline else None, "status": e.status.value,
            "on": e.on.isoformat() if e.on else None}


def render_dict(report: WeeklyReport, lang: Lang = "zh") -> dict[str, Any]:
    """The report as nested dicts and lists of str, int, float, bool and None (sentences in ``lang``)."""
    year, week = report.iso_week
    return {
        "plan": report.plan_name,
        "week_start": report.week_start.isoformat(),
        "week_ending": report.week_ending.isoformat(),
        "iso_year": year,
        "iso_week": week,
        "headline": headline(report).show(lang),
        "summary": _group(report.summary),
        "stages": [_group(g) for g in report.stages],
        "divisions": [_group(g) for g in report.divisions],
        "overdue": [{**shortfall_record(e.shortfall), "new": e.new, "weeks_overdue": e.weeks_overdue}
                    for e in report.overdue],
        "resolved": [_change(e) for e in report.resolved],
        "completed": [_change(e) for e in report.completed],
        "blocked": [shortfall_record(s) for s in report.blocked],
        "due_next_week": [{"task_id": e.task.id, "title": e.task.title, "division": e.task.division,
                           "deadline": e.task.deadline.isoformat() if e.task.deadline else None,
                           "status": e.status.value, "workdays_left": e.workdays_left,
                           "root_causes": list(e.root_causes)} for e in report.due_next_week],
        "suspended": [{"task_id": t.id, "title": t.title, "division": t.division} for t in report.suspended],
        "done_late": [shortfall_record(s) for s in report.done_late],
        "rectification": [item_record(i, lang) for i in report.rectification],
        "coverage": [{"indicator": c.number, "title": c.title, "task_ids": list(c.task_ids), "done": c.done,
                      "overdue": list(c.overdue), "blocked": list(c.blocked)} for c in report.coverage],
        "series": [{"week_ending": p.week_ending.isoformat(), "done": p.done, "done_in_week": p.done_in_week}
                   for p in report.series],
        "notes": [n.show(lang) for n in report.notes],
    }
