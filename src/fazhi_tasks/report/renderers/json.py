"""Each result as plain JSON-serialisable data: the one place that decides the JSON shape of every kind.

Every JSON document is an object with ``"schema_version": 1`` and ``"kind"`` (``weekly``, ``shortfalls``,
``rectification``, ``forecast``, ``rollup``, ``check``, ``order``, ``calendar``); codes are stable English keys
with their label in the language asked for beside them; stages are objects; dates are ISO text. The JSON
Schema of each kind ships in the package (``fazhi_tasks/data/schemas/<kind>.schema.json``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from fazhi_tasks.analysis.weekly import headline_phrase
from fazhi_tasks.core.i18n import Lang
from fazhi_tasks.report.records import SCHEMA_VERSION, coded, item_record, shortfall_record, stage_record

if TYPE_CHECKING:
    from fazhi_tasks.analysis.forecast import Forecast
    from fazhi_tasks.analysis.graph import Finding
    from fazhi_tasks.analysis.rectify import RectificationList
    from fazhi_tasks.analysis.rollup import BureauRollup, Rollup
    from fazhi_tasks.analysis.shortfalls import Shortfalls
    from fazhi_tasks.analysis.weekly import ChangeEntry, GroupSummary, TimeLimit, WeeklyReport
    from fazhi_tasks.model.values import Stage

__all__ = ["KINDS", "check_dict", "envelope", "forecast_dict", "rectification_dict", "render_dict", "rollup_dict",
           "shortfalls_dict"]

#: A document's key → the ``kind`` of its JSON form.
KINDS = {"weekly": "weekly", "shortfalls": "shortfalls", "rectify": "rectification", "forecast": "forecast",
         "rollup": "rollup", "check": "check", "order": "order", "calendar": "calendar"}


def envelope(kind: str, payload: Mapping[str, Any] | Sequence[Any]) -> dict[str, Any]:
    """``{"schema_version": 1, "kind": kind, ...payload}`` (a list payload goes under ``"items"``)."""
    body = dict(payload) if isinstance(payload, Mapping) else {"items": list(payload)}
    return {"schema_version": SCHEMA_VERSION, "kind": kind, **body}


def _counts(g: GroupSummary) -> dict[str, Any]:
    return {"total": g.total, "done": g.done, "in_progress": g.in_progress, "not_started": g.not_started,
            "suspended": g.suspended, "overdue": g.overdue, "blocked": g.blocked, "due_next_week": g.due_next_week,
            "cancelled": g.cancelled,
            "rate": round(g.rate, 4)}


def _stage_counts(g: GroupSummary, stage: Stage | None) -> dict[str, Any]:
    if stage is not None:
        return {"stage": stage_record(stage), **_counts(g)}
    number, _, name = g.name.partition(" ")
    return {"stage": {"number": int(number) if number.isdigit() else number, "name": name, "start": None,
                      "end": None}, **_counts(g)}


def _change(e: ChangeEntry, lang: Lang) -> dict[str, Any]:
    return {"task_id": e.task.id, "title": e.task.title, "division": e.task.division,
            "deadline": e.task.deadline.isoformat() if e.task.deadline else None, **coded("status", e.status, lang),
            "on": e.on.isoformat() if e.on else None}


def _proposed(limit: TimeLimit | None) -> str | None:
    """The forecast's time limit where the list's own cannot hold (ISO), else ``None``."""
    return limit.time_limit.isoformat() if limit is not None and limit.adjusted else None


def _notes(result: Any, lang: Lang) -> list[str]:
    from fazhi_tasks.model.calendar import calendar_note, first_fallback

    fallback = first_fallback(getattr(result, "calendar_fallback", None))
    return [calendar_note(fallback).show(lang)] if fallback is not None else []


def render_dict(report: WeeklyReport, lang: Lang = "zh") -> dict[str, Any]:
    """The weekly report (with its forecast when it has one)."""
    year, week = report.iso_week
    limits = report.time_limits()
    stages: Sequence[Stage | None] = report.plan.stages if report.plan is not None else ()
    if len(stages) != len(report.stages):
        stages = [None] * len(report.stages)
    return envelope("weekly", {
        "plan": report.plan_name,
        "week_start": report.week_start.isoformat(),
        "week_ending": report.week_ending.isoformat(),
        "iso_year": year,
        "iso_week": week,
        "headline": headline_phrase(report).show(lang),
        "summary": _counts(report.summary),
        "stages": [_stage_counts(g, s) for g, s in zip(report.stages, stages, strict=True)],
        "divisions": [{"name": g.name, **_counts(g)} for g in report.divisions],
        "overdue": [{**shortfall_record(e.shortfall, lang), "new": e.new, "weeks_overdue": e.weeks_overdue}
                    for e in report.overdue],
        "resolved": [_change(e, lang) for e in report.resolved],
        "completed": [_change(e, lang) for e in report.completed],
        "blocked": [shortfall_record(s, lang) for s in report.blocked],
        "due_next_week": [{"task_id": e.task.id, "title": e.task.title, "division": e.task.division,
                           "deadline": e.task.deadline.isoformat() if e.task.deadline else None,
                           **coded("status", e.status, lang), "workdays_left": e.workdays_left,
                           "root_causes": list(e.root_causes)} for e in report.due_next_week],
        "suspended": [{"task_id": t.id, "title": t.title, "division": t.division} for t in report.suspended],
        "cancelled": [{"task_id": t.id, "title": t.title, "division": t.division} for t in report.cancelled],
        "pending": [{"task_id": e.task.id, "title": e.task.title, "division": e.division,
                     "reported": e.reported.isoformat()} for e in report.pending],
        "done_late": [shortfall_record(s, lang) for s in report.done_late],
        "rectification": [{**item_record(i, lang), "proposed_time_limit": _proposed(limits.get(i.task_id))}
                          for i in report.rectification],
        "coverage": [{"indicator": c.number, "title": c.title, "task_ids": list(c.task_ids), "done": c.done,
                      "overdue": list(c.overdue), "blocked": list(c.blocked)} for c in report.coverage],
        "series": [{"week_ending": p.week_ending.isoformat(), "done": p.done, "done_in_week": p.done_in_week}
                   for p in report.series],
        "forecast": _forecast_body(report.forecast, lang) if report.forecast is not None else None,
        "notes": [n.show(lang) for n in report.notes],
    })


def shortfalls_dict(found: Shortfalls, lang: Lang = "zh") -> dict[str, Any]:
    """Every shortfall as of a date, and the suspended tasks."""
    plan = found.plan
    return envelope("shortfalls", {
        "plan": plan.name if plan is not None else None, "as_of": found.as_of.isoformat(),
        "counts": {"overdue": len(found.overdue), "blocked": len(found.blocked), "due_soon": len(found.due_soon),
                   "done_late": len(found.done_late), "suspended": len(found.suspended),
                   "cancelled": len(found.cancelled)},
        "shortfalls": [shortfall_record(s, lang) for s in found],
        "suspended": [t.id for t in found.suspended],
        "cancelled": [t.id for t in found.cancelled],
        "notes": _notes(found, lang)})


def rectification_dict(items: RectificationList, lang: Lang = "zh", *, plan_name: str | None = None
                       ) -> dict[str, Any]:
    """The problem and responsibility list (问题清单、责任清单): its items, root causes first."""
    return envelope("rectification", {
        "plan": plan_name, "as_of": items.as_of.isoformat(), "items": [item_record(i, lang) for i in items],
        "notes": _notes(items, lang)})


def _forecast_body(fc: Forecast, lang: Lang) -> dict[str, Any]:
    return {
        "as_of": fc.as_of.isoformat(),
        "entries": [{"task_id": e.task_id, "title": e.task.title, "division": e.task.division,
                     "deadline": e.task.deadline.isoformat() if e.task.deadline else None, "window": e.window,
                     "remaining": e.remaining, "projected_finish": e.projected_finish.isoformat(),
                     "slip_workdays": e.slip_workdays, "holds": e.holds,
                     "proposed_deadline": e.proposed_deadline.isoformat(),
                     "depends_on_unforecast": list(e.depends_on_unforecast)} for e in fc],
        "stages": [{"stage": stage_record(o.stage), "latest_finish": o.latest_finish.isoformat(),
                    "stage_end": o.stage_end.isoformat(), "slip_workdays": o.slip_workdays, "tasks": o.tasks,
                    "slipping": o.slipping} for o in fc.by_stage()],
        "commitments": [{"no": c.no, "task_id": c.task_id, "time_limit": c.time_limit.isoformat(),
                         "projected_finish": c.projected_finish.isoformat() if c.projected_finish else None,
                         "holds": c.holds, "slip_workdays": c.slip_workdays} for c in fc.commitments],
        "notes": _notes(fc, lang)}


def forecast_dict(fc: Forecast, lang: Lang = "zh", *, plan_name: str | None = None) -> dict[str, Any]:
    """The recovery forecast: projected finishes, the stage outlook, the time limits at risk."""
    return envelope("forecast", {"plan": plan_name, **_forecast_body(fc, lang)})


def _bureau(b: BureauRollup) -> dict[str, Any]:
    return {"bureau": b.bureau, "plan": b.plan_name, "tasks": b.tasks, "done": b.done, "overdue": b.overdue,
            "blocked": b.blocked, "suspended": b.suspended, "rate": round(b.rate, 4),
            "oldest_overdue": [{"task_id": s.task_id, "title": s.task.title, "division": s.division,
                                "deadline": s.deadline.isoformat() if s.deadline else None,
                                "days_overdue": s.days_overdue, "workdays_overdue": s.workdays_overdue}
                               for s in b.oldest_overdue],
            "unknown_ids": list(b.unknown_ids), "cancelled": b.cancelled, "cancelled_ids": list(b.cancelled_ids)}


def rollup_dict(city: Rollup, lang: Lang = "zh") -> dict[str, Any]:
    """The city rollup: one line per bureau and the total."""
    return envelope("rollup", {"as_of": city.as_of.isoformat(), "bureaus": [_bureau(b) for b in city.items],
                               "total": _bureau(city.total), "without_plan": list(city.without_plan),
                               "without_updates": list(city.without_updates),
                               "notes": _notes(city, lang)})


def check_dict(findings: Sequence[Finding], lang: Lang = "zh", *, plan_name: str | None = None) -> dict[str, Any]:
    """The plan check's findings."""
    return envelope("check", {
        "plan": plan_name,
        "findings": [{**coded("kind", f.kind, lang), "task_ids": list(f.task_ids), "message": f.describe(lang)}
                     for f in findings]})
