"""Messy plan sheets with known truth, laid out as county and city clerks keep them (issue 23).

:func:`plan_sheets` draws a :class:`Layout`: the truth (the tasks the sheet means) and the rows,
merges, number formats and struck cells of one or more worksheets that say it — title rows,
header synonyms, one- and two-row headers, vertical and horizontal merges, section rows,
sub-headings, group + measure columns, footers, blank rows, one sheet per stage, month-only date
cells, division-cell phrases, cancelled rows. :func:`write_xlsx` saves it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs
from hypothesis import strategies as st

D = dt.date
NUMERALS = "一二三四五六七八九十"
STAGES = ((1, "部署启动", D(2021, 1, 1), D(2021, 3, 31)), (2, "对标自查", D(2021, 4, 1), D(2021, 6, 30)),
          (3, "整改提升", D(2021, 7, 1), D(2021, 9, 30)))
DIVISIONS = ("政策法规处", "办公室", "执法监督处", "应急指挥中心", "危化科", "防汛抗旱科", "执法大队")
TITLES = ("制定实施方案", "召开动员部署会", "梳理权责清单", "开展案卷评查", "修订执法制度", "开展普法宣传",
          "组织执法培训", "完善法律顾问制度", "规范行政复议", "开展自查评估", "建立协调机制", "公开执法信息")
GROUPS = ("加强组织领导", "完善制度体系", "规范执法行为", "强化监督考核")
#: Sub-headings: skipped as heading rows (一、… with no stage window would be a section row, counted as such).
HEADINGS = ("（一）加强组织领导", "（二）完善制度体系", "第三部分 保障措施", "（四）强化监督考核")
HEADERS = {
    "id": ("编号", "任务编号"),
    "title": ("任务名称", "任务内容", "具体任务"),
    "division": ("牵头处室", "责任处室", "牵头单位", "牵头科室", "责任科室", "主要责任处室"),
    "supporting": ("配合处室", "配合单位", "协同处室", "配合科室"),
    "stage": ("阶段", "所属阶段"),
    "deadline": ("完成时限", "时间节点", "截止日期", "计划完成日期", "时限要求", "完成日期", "计划完成时间",
                 "完成时间节点", "办结时限", "时间安排", "推进时限", "时间要求", "完成时限要求"),
    "note": ("备注",),
    "status": ("状态", "完成情况"),
}
FOOTERS = (("合计", "{n}项"), ("注：本表时限以局党委会审定为准",), ("填表人：张三", None, "审核人：李四"))


@attrs.frozen
class Truth:
    """One task as the sheet means it: the fields ``read_plan`` must give back."""

    id: str
    title: str
    division: str
    co_leads: tuple[str, ...]
    supporting: tuple[str, ...]
    stage: int
    deadline: dt.date
    note: str | None


@attrs.define
class Sheet:
    """One worksheet: rows from A1, merged ranges, number formats and struck cells by address."""

    name: str
    rows: list[list[Any]] = attrs.field(factory=list)
    merges: list[str] = attrs.field(factory=list)
    formats: dict[str, str] = attrs.field(factory=dict)
    struck: list[str] = attrs.field(factory=list)


@attrs.define
class Layout:
    """A workbook and what it means: the tasks, and the rows that are no task by kind."""

    sheets: list[Sheet]
    truth: list[Truth]
    skipped: dict[str, int]
    knobs: dict[str, object]
    must_refuse: str | None = None
    #: Ids of the tasks the sheet marks cancelled (struck through, 状态 已取消, 备注 该项任务已取消).
    cancelled: list[str] = attrs.field(factory=list)


def _letter(index: int) -> str:
    return chr(65 + index)


def _runs(rows: Sequence[int], keys: Sequence[object]) -> list[tuple[int, int]]:
    """(first, last) sheet rows of each run of consecutive rows with the same key (two rows or more)."""
    out = []
    start = 0
    for k in range(1, len(rows) + 1):
        if k == len(rows) or keys[k] != keys[start] or rows[k] != rows[k - 1] + 1:
            if k - start > 1:
                out.append((rows[start], rows[k - 1]))
            start = k
    return out


@st.composite
def plan_sheets(draw: st.DrawFn) -> Layout:  # noqa: PLR0915 - one layout, drawn knob by knob
    """A messy plan workbook with its truth."""
    n_stages = draw(st.integers(1, 3))
    count = draw(st.integers(1, 8))
    stage_mode = draw(st.sampled_from(["column", "sections", "sheets"] if n_stages > 1 else ["column", "sections"]))
    grouped = draw(st.booleans())
    with_supporting = draw(st.booleans())
    two_row = with_supporting and draw(st.booleans())
    phrases = not with_supporting and draw(st.booleans())
    with_note = draw(st.booleans())
    with_status = draw(st.booleans())
    merge_stage = stage_mode == "column" and draw(st.booleans())
    numeric_ids = draw(st.booleans())
    trap = draw(st.sampled_from([None] * 6 + ["unknown date column", "abbreviation", "cancelled in passing"]))
    knobs: dict[str, object] = {"trap": trap, "stage_mode": stage_mode, "grouped": grouped,
                                "supporting": with_supporting, "two_row": two_row, "phrases": phrases}

    # the truth
    tasks: list[Truth] = []
    deadline_kinds: list[str] = []
    groups: list[str] = []
    notes: list[str | None] = []
    stage_style = draw(st.sampled_from(["number", "number and name"]))
    group = draw(st.sampled_from(GROUPS))
    for i in range(count):
        stage = min(n_stages, 1 + i * n_stages // count)
        _, _, start, end = STAGES[stage - 1]
        month = draw(st.integers(start.month, end.month))
        kind = draw(st.sampled_from(["date", "text", "month", "month_text"]))
        following = D(2021 + month // 12, month % 12 + 1, 1)
        last = following - dt.timedelta(days=1)
        day = last if kind in ("month", "month_text") else D(2021, month, draw(st.integers(1, last.day)))
        lead = draw(st.sampled_from(DIVISIONS))
        others = [d for d in DIVISIONS if d != lead]
        co_leads: tuple[str, ...] = ()
        supporting: tuple[str, ...] = ()
        if with_supporting:
            supporting = tuple(draw(st.lists(st.sampled_from(others), max_size=2, unique=True)))
            if draw(st.booleans()) and (rest := [d for d in others if d not in supporting]):
                co_leads = (draw(st.sampled_from(rest)),)
        elif phrases and draw(st.booleans()):
            supporting = tuple(draw(st.lists(st.sampled_from(others), min_size=1, max_size=2, unique=True)))
        if grouped and i and draw(st.booleans()):
            group = draw(st.sampled_from(GROUPS))
        note_text = draw(st.sampled_from([None, "重点任务", "按季度报送"])) if with_note else None
        note = "；".join(filter(None, [f"所属任务：{group}" if grouped else None, note_text])) or None
        task_id = str(i + 1) if numeric_ids else f"T{i + 1}"
        tasks.append(Truth(task_id, TITLES[i % len(TITLES)], lead, co_leads, supporting, stage, day, note))
        deadline_kinds.append(kind)
        groups.append(group)
        notes.append(note_text)

    # the header
    fields = ["id"] + (["title", "measure"] if grouped else ["title"]) + ["division"]
    fields += ["supporting"] if with_supporting else []
    fields += ["stage"] if stage_mode == "column" else []
    fields += ["deadline"] + (["note"] if with_note or trap == "cancelled in passing" else [])
    fields += ["status"] if with_status else []
    fields += ["extra"] if trap == "unknown date column" else []
    names = {f: draw(st.sampled_from(HEADERS[f])) for f in HEADERS}
    names["title"] = "工作任务" if grouped else names["title"]
    names["measure"] = draw(st.sampled_from(("具体措施", "工作措施", "主要措施")))
    names["extra"] = draw(st.sampled_from(("预计办完", "实际完成", "调度时间")))
    col = {f: k for k, f in enumerate(fields)}
    width = len(fields)
    skipped = {"heading": 0, "footer": 0}
    cancelled_ids: list[str] = []

    def new_sheet(name: str) -> Sheet:
        sheet = Sheet(name)
        for _ in range(draw(st.integers(0, 2))):
            sheet.rows.append([draw(st.sampled_from(["某某市应急管理局法治政府建设示范创建任务分解表",
                                                     "（2021年1月）"]))])
        if two_row:
            top = [names[f] if f not in ("division", "supporting") else None for f in fields]
            top[col["division"]] = "责任分工"
            child: list[str | None] = [None] * width
            child[col["division"]], child[col["supporting"]] = names["division"], names["supporting"]
            sheet.rows += [top, child]
            first = len(sheet.rows) - 1
            for f in fields:
                if f not in ("division", "supporting"):
                    sheet.merges.append(f"{_letter(col[f])}{first}:{_letter(col[f])}{first + 1}")
            sheet.merges.append(f"{_letter(col['division'])}{first}:{_letter(col['supporting'])}{first}")
        else:
            sheet.rows.append([names[f] for f in fields])
        return sheet

    sheets: list[Sheet] = []
    sheet = new_sheet(f"第{NUMERALS[0]}阶段" if stage_mode == "sheets" else "Sheet1")
    sheets.append(sheet)
    task_rows: list[int] = []
    task_stage: list[int] = []
    task_group: list[str] = []
    current = 0
    for i, task in enumerate(tasks):
        if task.stage != current:
            if stage_mode == "sheets" and current:
                sheet = new_sheet(f"第{NUMERALS[task.stage - 1]}阶段")
                sheets.append(sheet)
            if stage_mode == "sections":
                number, name, start, end = STAGES[task.stage - 1]
                window = f"{start.year}年{start.month}月—{end.month}月"
                sheet.rows.append([f"{NUMERALS[number - 1]}、{name}阶段（{window}）"])
            current = task.stage
        if draw(st.integers(0, 5)) == 0:
            sheet.rows.append([draw(st.sampled_from(HEADINGS))] + [None] * (width - 1))
            r = len(sheet.rows)
            if draw(st.booleans()):
                sheet.merges.append(f"A{r}:{_letter(width - 1)}{r}")
            skipped["heading"] += 1
        if draw(st.integers(0, 6)) == 0:
            sheet.rows.append([])  # a blank row
        row: list[Any] = [None] * width
        row[col["id"]] = int(task.id) if numeric_ids and draw(st.booleans()) else task.id
        row[col["title"]] = groups[i] if grouped else task.title
        if grouped:
            row[col["measure"]] = task.title
        leads = [task.division, *task.co_leads]
        if phrases and task.supporting:
            lead_text = draw(st.sampled_from(["{lead}（牵头）、{rest}", "{lead}牵头，{rest}配合"]))
            row[col["division"]] = lead_text.format(lead=task.division, rest="、".join(task.supporting))
        else:
            row[col["division"]] = draw(st.sampled_from(["、", "，", "/"])).join(leads)
        if with_supporting:
            row[col["supporting"]] = "、".join(task.supporting) or None
        if stage_mode == "column":
            row[col["stage"]] = task.stage if stage_style == "number" else f"{task.stage} {STAGES[task.stage - 1][1]}"
        kind = deadline_kinds[i]
        r = len(sheet.rows) + 1
        address = f"{_letter(col['deadline'])}{r}"
        if kind == "date":
            row[col["deadline"]] = task.deadline
            sheet.formats[address] = draw(st.sampled_from(["yyyy-mm-dd", "yyyy/m/d", 'yyyy"年"m"月"d"日"']))
        elif kind == "text":
            row[col["deadline"]] = f"{task.deadline.year}年{task.deadline.month}月{task.deadline.day}日"
        elif kind == "month":
            row[col["deadline"]] = task.deadline.replace(day=1)
            sheet.formats[address] = draw(st.sampled_from(['yyyy"年"m"月"', "yyyy/m", "mmm-yy", "yyyy-mm",
                                                            '[DBNum1]yyyy"年"m"月"']))
        else:
            row[col["deadline"]] = f"{task.deadline.year}年{task.deadline.month}月底前"
        if with_note:
            row[col["note"]] = notes[i]
        if trap == "unknown date column":
            row[col["extra"]] = task.deadline
        if trap == "cancelled in passing" and i == count - 1:
            row[col["note"]] = "已取消3项审批事项"
        if trap == "abbreviation" and i == count - 1 and not phrases:
            short = {"政策法规处": "法规处", "应急指挥中心": "指挥中心", "防汛抗旱科": "防汛科", "执法监督处": "监督处",
                     "办公室": None, "危化科": None, "执法大队": None}[task.division]
            if short is not None and any(t.division == task.division for t in tasks[:-1]):
                row[col["division"]] = short
                knobs["abbreviated"] = short
        if with_status:
            row[col["status"]] = None
        sheet.rows.append(row)
        task_rows.append(len(sheet.rows) + 1000 * len(sheets))
        task_stage.append(task.stage)
        task_group.append(groups[i])
        if draw(st.integers(0, 5)) == 0:  # a cancelled task: in the plan, reported as 已取消, never live
            cancelled = list(row)
            cancelled[col["id"]] = f"X{i + 1}"
            how = draw(st.sampled_from(["struck"] + (["status"] if with_status else [])
                                       + (["note"] if with_note else [])))
            if how == "status":
                cancelled[col["status"]] = "已取消"
            elif how == "note":
                cancelled[col["note"]] = "该项任务已取消"
            if grouped:
                cancelled[col["title"]] = groups[i]
            sheet.rows.append(cancelled)
            if how == "struck":
                sheet.struck += [f"{_letter(col['id'])}{len(sheet.rows)}", f"{_letter(col['title'])}{len(sheet.rows)}"]
            cancelled_ids.append(f"X{i + 1}")
    for footer in draw(st.lists(st.sampled_from(FOOTERS), max_size=2, unique=True)):
        sheets[-1].rows.append([c.format(n=count) if isinstance(c, str) else c for c in footer])
        skipped["footer"] += 1

    # vertical merges over runs of task rows (stage cells, group cells): the value stays in the top cell only
    for field, keys, wanted in (("stage", task_stage, merge_stage), ("title", task_group, grouped)):
        if not wanted:
            continue
        for run_start, run_end in _runs(task_rows, keys):
            sheet_number, top = divmod(run_start, 1000)
            target = sheets[sheet_number - 1]
            bottom = run_end % 1000
            letter = _letter(col[field])
            target.merges.append(f"{letter}{top}:{letter}{bottom}")
            for r in range(top + 1, bottom + 1):
                target.rows[r - 1][col[field]] = None
    must = trap if trap != "abbreviation" else ("abbreviation" if "abbreviated" in knobs else None)
    return Layout(sheets, tasks, skipped, knobs, must, cancelled_ids)


def write_xlsx(layout: Layout, path: Path) -> Path:
    """Save ``layout`` as an ``.xlsx`` with openpyxl."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for spec in layout.sheets:
        ws = book.create_sheet(spec.name)
        for row in spec.rows:
            ws.append(row)
        for ref in spec.merges:
            ws.merge_cells(ref)
        for ref, code in spec.formats.items():
            ws[ref].number_format = code
        for ref in spec.struck:
            ws[ref].font = Font(strike=True)
    book.save(path)
    return path


@st.composite
def division_plan_sheets(draw: st.DrawFn) -> Layout:
    """A plan kept as one sheet per division, each named after it, with no 牵头处室 column (the name is the lead)."""
    leads = draw(st.lists(st.sampled_from(DIVISIONS), min_size=1, max_size=3, unique=True))
    with_supporting = draw(st.booleans())
    fields = ["id", "title", *(["supporting"] if with_supporting else []), "stage", "deadline"]
    names = {f: draw(st.sampled_from(HEADERS[f])) for f in fields}
    tasks: list[Truth] = []
    sheets: list[Sheet] = []
    skipped = {"heading": 0, "footer": 0}
    number = 0
    for lead in leads:
        sheet = Sheet(lead)
        if draw(st.booleans()):
            sheet.rows.append([f"{lead}法治政府建设示范创建任务分解表"])
        sheet.rows.append([names[f] for f in fields])
        for _ in range(draw(st.integers(1, 4))):
            number += 1
            if draw(st.integers(0, 4)) == 0:
                sheet.rows.append([draw(st.sampled_from(HEADINGS))])
                skipped["heading"] += 1
            stage = draw(st.integers(1, 3))
            _, _, start, end = STAGES[stage - 1]
            day = D(2021, draw(st.integers(start.month, end.month)), draw(st.integers(1, 28)))
            others = [d for d in DIVISIONS if d != lead]
            supporting = tuple(draw(st.lists(st.sampled_from(others), max_size=2, unique=True))) \
                if with_supporting else ()
            task = Truth(f"T{number}", TITLES[number % len(TITLES)], lead, (), supporting, stage, day, None)
            tasks.append(task)
            row = {"id": task.id, "title": task.title, "supporting": "、".join(supporting) or None, "stage": stage,
                   "deadline": day}
            sheet.rows.append([row[f] for f in fields])
            sheet.formats[f"{_letter(fields.index('deadline'))}{len(sheet.rows)}"] = "yyyy-mm-dd"
        if draw(st.booleans()):
            sheet.rows.append(["合计", f"{len(sheet.rows)}项"])
            skipped["footer"] += 1
        sheets.append(sheet)
    tasks.sort(key=lambda t: int(t.id[1:]))
    return Layout(sheets, tasks, skipped, {"division_sheets": leads})
