"""The weekly report laid out as titled tables, once, for every renderer to format.

Renderers only format these sections; none recomputes what the report holds.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Literal

import attrs

if TYPE_CHECKING:
    from ._weekly import WeeklyReport

__all__ = ["Cell", "Section", "headline", "label", "sections", "title"]

Lang = Literal["zh", "en"]
Cell = str | int | float | dt.date | None

_LABELS: dict[str, tuple[str, str]] = {
    "report": ("法治政府建设示范创建任务周报", "Weekly overdue report"),
    "week": ("第{week}周（{start} 至 {end}）", "week {week} ({start} to {end})"),
    "none": ("（无）", "(none)"),
    "summary": ("总体情况", "Summary"),
    "overdue": ("逾期事项", "Overdue"),
    "resolved": ("本周办结的逾期事项", "Overdue resolved this week"),
    "completed": ("本周完成", "Completed this week"),
    "blocked": ("受阻任务", "Blocked"),
    "due": ("下周到期", "Due next week"),
    "divisions": ("处室情况", "By division"),
    "rectification": ("问题和责任清单（限时整改）", "Rectification list"),
    "suspended": ("已暂缓任务", "Suspended"),
    "coverage": ("指标覆盖", "Indicator coverage"),
    "notes": ("说明", "Notes"),
    "stage": ("阶段", "Stage"),
    "total": ("任务数", "Tasks"),
    "done": ("已完成", "Done"),
    "in_progress": ("推进中", "In progress"),
    "not_started": ("未启动", "Not started"),
    "suspended_n": ("已暂缓", "Suspended"),
    "overdue_n": ("逾期", "Overdue"),
    "blocked_n": ("受阻", "Blocked"),
    "due_n": ("下周到期", "Due next week"),
    "rate": ("完成率", "Done %"),
    "id": ("编号", "ID"),
    "title": ("任务名称", "Task"),
    "division": ("牵头处室", "Lead division"),
    "deadline": ("完成时限", "Deadline"),
    "days": ("逾期天数", "Days late"),
    "workdays": ("逾期工作日", "Working days late"),
    "weeks": ("逾期周数", "Weeks late"),
    "holds_up": ("影响任务", "Holds up"),
    "root_causes": ("根源任务", "Root causes"),
    "new": ("本周新增", "New"),
    "yes": ("是", "yes"),
    "no_": ("", ""),
    "status": ("状态", "Status"),
    "date": ("日期", "Date"),
    "late": ("逾期完成", "Done late"),
    "left": ("剩余工作日", "Working days left"),
    "no": ("序号", "No."),
    "problem": ("问题", "Problem"),
    "resp": ("责任处室", "Responsible"),
    "supporting": ("配合处室", "Supporting"),
    "measure": ("整改措施", "Measure"),
    "limit": ("整改时限", "Time limit"),
    "level": ("督办等级", "Level"),
    "progress": ("完成情况", "Progress"),
    "indicator": ("指标", "Indicator"),
    "name": ("名称", "Name"),
    "division_h": ("处室", "Division"),
    "series": ("每周累计完成任务数", "Tasks done by week"),
    "has_overdue": ("有逾期事项", "has overdue tasks"),
}
_NUMERALS = "一二三四五六七八九十"


def label(key: str, lang: Lang) -> str:
    """A label in Chinese or English."""
    zh, en = _LABELS[key]
    return zh if lang == "zh" else en


@attrs.frozen
class Section:
    """One titled table of the report."""

    key: str
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    wide: tuple[int, ...] = ()  # indexes of long-text columns, wrapped in text output


def title(report: WeeklyReport, lang: Lang) -> tuple[str, str]:
    """The report's title line and its week line."""
    _, week = report.iso_week
    when = label("week", lang).format(week=week, start=report.week_start, end=report.week_ending)
    return f"{report.plan_name}", f"{label('report', lang)} · {when}"


def headline(report: WeeklyReport, lang: Lang = "zh") -> str:
    """The one-sentence summary in the style of a 督办通报."""
    s = report.summary
    new = len(report.overdue_new)
    day = report.week_ending
    if lang == "zh":
        return (f"共{s.total}项任务，截至{day.month}月{day.day}日，已完成{s.done}项，占{s.rate:.1%}；"
                f"推进中{s.in_progress}项，未启动{s.not_started}项，已暂缓{s.suspended}项；"
                f"逾期{s.overdue}项（本周新增{new}项），受阻{s.blocked}项；"
                f"本周完成{len(report.completed)}项，逾期事项办结{len(report.resolved)}项；"
                f"下周到期{len(report.due_next_week)}项。")
    return (f"{s.total} tasks; as of {day}, {s.done} done ({s.rate:.1%}), {s.in_progress} in progress, "
            f"{s.not_started} not started, {s.suspended} suspended; {s.overdue} overdue ({new} new this week), "
            f"{s.blocked} blocked; this week {len(report.completed)} completed and {len(report.resolved)} "
            f"overdue resolved; {len(report.due_next_week)} due next week.")


def _status(value: object, lang: Lang) -> str:
    from ._model import Status

    if isinstance(value, Status):
        return value.value if lang == "zh" else value.english
    return str(value)


def sections(report: WeeklyReport, lang: Lang = "zh") -> list[Section]:
    """The report's tables in order, with numbered titles."""

    def L(key: str) -> str:  # noqa: N802 - a one-letter label helper keeps the table specs readable
        return label(key, lang)

    ids = "、" if lang == "zh" else ", "
    out: list[Section] = []

    def add(key: str, headers: list[str], rows: list[tuple[Cell, ...]], wide: tuple[int, ...] = ()) -> None:
        number = len(out) + 1
        heading = f"{_NUMERALS[number - 1]}、{L(key)}" if lang == "zh" else f"{number}. {L(key)}"
        out.append(Section(key, heading, tuple(headers), tuple(rows), wide))

    add("summary", [L("stage"), L("total"), L("done"), L("in_progress"), L("not_started"), L("suspended_n"),
                    L("overdue_n"), L("blocked_n"), L("rate")],
        [(g.name, g.total, g.done, g.in_progress, g.not_started, g.suspended, g.overdue, g.blocked,
          f"{g.rate:.1%}") for g in (*report.stages, attrs.evolve(report.summary, name="合计" if lang == "zh"
                                                                    else "Total"))])
    add("overdue", [L("id"), L("title"), L("division"), L("deadline"), L("days"), L("workdays"), L("weeks"),
                    L("holds_up"), L("root_causes"), L("new")],
        [(e.task.id, e.task.title, e.task.division, e.task.deadline, e.shortfall.days_overdue,
          e.shortfall.workdays_overdue, e.weeks_overdue, e.shortfall.holds_up, ids.join(e.shortfall.root_causes),
          L("yes") if e.new else "") for e in report.overdue], wide=(1,))
    add("resolved", [L("id"), L("title"), L("division"), L("deadline"), L("status"), L("date")],
        [(e.task.id, e.task.title, e.task.division, e.task.deadline, _status(e.status, lang), e.on)
         for e in report.resolved], wide=(1,))
    add("completed", [L("id"), L("title"), L("division"), L("deadline"), L("date"), L("late")],
        [(e.task.id, e.task.title, e.task.division, e.task.deadline, e.on,
          L("yes") if e.on and e.task.deadline and e.on > e.task.deadline else "") for e in report.completed],
        wide=(1,))
    add("blocked", [L("id"), L("title"), L("division"), L("deadline"), L("status"), L("root_causes")],
        [(s.task_id, s.task.title, s.task.division, s.task.deadline, _status(s.status, lang),
          ids.join(s.root_causes)) for s in report.blocked], wide=(1,))
    add("due", [L("id"), L("title"), L("division"), L("deadline"), L("left"), L("status"), L("root_causes")],
        [(e.task.id, e.task.title, e.task.division, e.task.deadline, e.workdays_left, _status(e.status, lang),
          ids.join(e.root_causes)) for e in report.due_next_week], wide=(1,))
    add("divisions", [L("division_h"), L("total"), L("done"), L("rate"), L("overdue_n"), L("blocked_n"),
                      L("due_n")],
        [(g.name, g.total, g.done, f"{g.rate:.1%}", g.overdue, g.blocked, g.due_next_week)
         for g in report.divisions])
    add("rectification", [L("no"), L("problem"), L("resp"), L("supporting"), L("measure"), L("limit"),
                          L("level"), L("progress")],
        [(i.no, i.problem if lang == "zh" else i.problem_en, i.division, ids.join(i.supporting), i.measure,
          i.time_limit, i.level.value if lang == "zh" else i.level.english, i.progress)
         for i in report.rectification], wide=(1, 4, 7))
    add("suspended", [L("id"), L("title"), L("division"), L("deadline")],
        [(t.id, t.title, t.division, t.deadline) for t in report.suspended], wide=(1,))
    add("coverage", [L("indicator"), L("name"), L("total"), L("done"), L("overdue_n"), L("blocked_n")],
        [(c.number, c.title, len(c.task_ids), c.done, ids.join(c.overdue), ids.join(c.blocked))
         for c in report.coverage], wide=(1,))
    return out
