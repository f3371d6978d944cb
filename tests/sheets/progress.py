"""Messy progress workbooks (进展报送表) against a plan, with known truth and planted traps (issue 23)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
from hypothesis import strategies as st

import fazhi_tasks as ft

from .layouts import Sheet

D = dt.date
PLAN = ft.Plan(name="p", stages=[ft.Stage(1, "部署", D(2021, 1, 1), D(2021, 12, 31))],
               divisions=[ft.Division("政策法规处"), ft.Division("办公室"), ft.Division("执法大队")],
               tasks=[ft.Task("T1", "制定实施方案", "政策法规处", 1, D(2021, 6, 30), supporting=["办公室"]),
                      ft.Task("T2", "制定实施方案细则", "办公室", 1, D(2021, 6, 30)),
                      ft.Task("T3", "开展案卷评查", "执法大队", 1, D(2021, 6, 30)),
                      ft.Task("T4", "组织执法培训", "政策法规处", 1, D(2021, 9, 30), supporting=["执法大队"]),
                      ft.Task("T5", "公开执法信息", "办公室", 1, D(2021, 9, 30))])
HEADERS = {"task_id": ("任务编号", "编号"), "title": ("任务名称", "工作任务"),
           "status": ("状态", "完成情况", "完成状态"), "percent": ("完成进度", "完成比例", "完成百分比"),
           "note": ("进展情况", "工作进展"), "on": ("报送日期", "填报日期", "更新日期"),
           "sender": ("报送处室", "填报处室", "报送单位")}
STATUS_WORDS = {ft.Status.NOT_STARTED: ("未启动", "未开展", "尚未启动"), ft.Status.IN_PROGRESS: ("推进中", "进行中"),
                ft.Status.DONE: ("已完成", "已办结"), ft.Status.SUSPENDED: ("已暂缓", "因疫情暂缓"),
                ft.Status.CANCELLED: ("已取消", "已撤销")}
TRAPS = ("another task's title", "done at 60%", "two statuses a day", "before the plan")


@attrs.define
class ProgressLayout:
    """A progress workbook, the updates it means, and the trap it must be refused for (if any)."""

    sheets: list[Sheet]
    truth: list[ft.Update]
    must_refuse: str | None


@st.composite
def progress_sheets(draw: st.DrawFn) -> ProgressLayout:  # noqa: PLR0915 - one workbook, drawn knob by knob
    """A messy progress workbook against :data:`PLAN`."""
    per_division = draw(st.booleans())
    with_title = draw(st.booleans())
    #: How the sending division is said: sheets named after it, a 报送处室 column, a title line, or not at all.
    said = "sheets" if per_division else draw(st.sampled_from(["column", "title", "none"]))
    titled = draw(st.sampled_from([d.name for d in PLAN.divisions])) if said == "title" else None
    fields = ["task_id", *(["title"] if with_title else []), "status", "percent", "note", "on",
              *(["sender"] if said == "column" else [])]
    names = {f: draw(st.sampled_from(HEADERS[f])) for f in fields}
    trap = draw(st.sampled_from([None, None, None, *TRAPS]))
    tasks = draw(st.lists(st.sampled_from(list(PLAN)), min_size=1, max_size=5, unique_by=lambda t: t.id))
    tasks.sort(key=lambda t: [d.name for d in PLAN.divisions].index(t.division) if per_division else 0)
    day = D(2021, 3, draw(st.integers(1, 28)))
    truth: list[ft.Update] = []
    sheets: list[Sheet] = []
    sheet: Sheet | None = None
    division = None
    for task in tasks:
        if sheet is None or (per_division and task.division != division):
            division = task.division
            sheet = Sheet(division if per_division else "Sheet1")
            if titled is not None:
                sheet.rows.append([f"{titled}2021年第一季度法治政府建设任务进展情况"])
            elif draw(st.booleans()):
                sheet.rows.append(["某某局法治政府建设任务进展报送表"])
            sheet.rows.append([names[f] for f in fields])
            if draw(st.booleans()):
                sheet.rows.append(["一、牵头任务"])
            sheets.append(sheet)
        status = draw(st.sampled_from(list(ft.Status)))
        percent = {ft.Status.DONE: 100, ft.Status.NOT_STARTED: draw(st.sampled_from([0, None]))}.get(
            status, draw(st.integers(1, 99)))
        note = draw(st.sampled_from(["", "按计划推进", "已起草初稿"]))
        row: dict[str, Any] = {"task_id": task.id, "title": task.title, "status": draw(st.sampled_from(
            STATUS_WORDS[status])), "percent": percent, "note": note or None, "on": day, "sender": task.division}
        sheet.rows.append([row[f] for f in fields])
        by = titled or (task.division if said in ("sheets", "column") else "")
        truth.append(ft.Update(task.id, status, day, percent=percent, note=note, by=by))
    assert sheet is not None
    must: str | None = None
    last = sheet.rows[-1]
    if trap == "another task's title" and with_title and last[0] in ("T1", "T2"):
        last[fields.index("title")] = PLAN["T2" if last[0] == "T1" else "T1"].title
        must = trap
    elif trap == "done at 60%":
        last[fields.index("status")], last[fields.index("percent")] = "已完成", 60
        must = trap
    elif trap == "two statuses a day":
        again = list(last)
        again[fields.index("status")] = "推进中" if last[fields.index("status")] in STATUS_WORDS[
            ft.Status.DONE] else "已完成"
        again[fields.index("percent")] = 100 if again[fields.index("status")] == "已完成" else 50
        sheet.rows.append(again)
        must = trap
    elif trap == "before the plan":
        last[fields.index("on")] = D(2012, 3, 5)
        must = trap
    supported = [u for u in truth if PLAN[u.task_id].supporting]
    if must is None and said in ("sheets", "column") and supported and draw(st.booleans()):
        # a supporting division reports the task otherwise on the same day: the lead's report counts
        lead = supported[0]
        helper = PLAN[lead.task_id].supporting[0]
        other = {"task_id": lead.task_id, "title": PLAN[lead.task_id].title, "note": None, "on": day,
                 "sender": helper, "status": "已完成" if lead.status is not ft.Status.DONE else "推进中",
                 "percent": 100 if lead.status is not ft.Status.DONE else 50}
        target = next((s for s in sheets if s.name == helper), None) if said == "sheets" else sheets[-1]
        if target is None:
            target = Sheet(helper)
            target.rows.append([names[f] for f in fields])
            sheets.append(target)
        target.rows.append([other[f] for f in fields])
    if draw(st.booleans()):
        sheets[-1].rows.append(["填表人：张三", None, "审核人：李四"])
    return ProgressLayout(sheets, truth, must)
