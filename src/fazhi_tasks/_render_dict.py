"""The weekly report as plain JSON-serialisable data (dates as ISO text)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._i18n import Lang
from ._views import headline

if TYPE_CHECKING:
    from ._rectify import RectificationItem
    from ._shortfalls import Shortfall
    from ._weekly import ChangeEntry, GroupSummary, WeeklyReport

__all__ = ["item_record", "render_dict", "shortfall_record"]


def _group(g: GroupSummary) -> dict[str, Any]:
    return {"name": g.name, "total": g.total, "done": g.done, "in_progress": g.in_progress,
            "not_started": g.not_started, "suspended": g.suspended, "overdue": g.overdue, "blocked": g.blocked,
            "due_next_week": g.due_next_week, "rate": round(g.rate, 4)}


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
