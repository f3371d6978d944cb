"""Writing the clerk's sheets: the plan (XLSX, CSV), the empty plan template and the progress template.

Bold frozen header, widths, dates as dates, drop-downs; every text cell goes through
:func:`~fazhi_tasks.io.sheets.tabular.safe_cell` (formulas neutralised, control characters shown as
``\\xNN``) so that every file written loads back. CSV is UTF-8 with BOM so Excel opens it right.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from fazhi_tasks.core.errors import PlanFileError, Said
from fazhi_tasks.core.files import atomic_write
from fazhi_tasks.io.sheets.tabular import neutralise, safe_cell
from fazhi_tasks.model.plan import Plan
from fazhi_tasks.model.values import Stage, Status, Task, Update

if TYPE_CHECKING:
    from fazhi_tasks.io.settings import ReportSettings

__all__ = ["PLAN_HEADERS", "write_plan_sheet", "write_progress_template", "write_template"]

#: The headers written, in order: field → header.
PLAN_HEADERS = {"id": "编号", "title": "任务名称", "division": "牵头处室", "supporting": "配合处室", "stage": "阶段",
                "deadline": "完成时限", "prerequisites": "前置任务", "indicator": "对应指标",
                "effort": "工作量（工作日）", "deliverable": "佐证材料", "note": "备注", "owner": "责任人",
                "original_deadline": "原定完成时限"}


def _stage_text(stage: Stage) -> str:
    return f"第{stage.number}阶段 {stage.name}（{stage.start}至{stage.end}）"


def _names_survive(plan: Plan, path: Path) -> None:
    """Refuse a division name that reading the sheet back would split (``执法 监督处`` → 执法 + 监督处)."""
    from fazhi_tasks.core.files import split_names

    seen: set[str] = set()
    for task in plan:
        for name in (*task.leads, *task.supporting):
            if name in seen:
                continue
            seen.add(name)
            if split_names(name) != [name]:
                message = Said.of("sheets.division_separator", file=path.name, id=task.id,
                                  division=Said(name, repr(name)))
                raise PlanFileError(message, path=str(path), task_id=task.id, value=name)


def _task_row(task: Task, stages: Mapping[int, Stage]) -> list[Any]:
    stage = stages.get(task.stage) if isinstance(task.stage, int) else None
    return [task.id, task.title, "、".join(task.leads), "、".join(task.supporting),
            _stage_text(stage) if stage else task.stage, task.deadline, "、".join(task.prerequisites),
            task.indicator, task.effort, task.deliverable, task.note, task.owner, task.original_deadline]


def _csv_cell(value: object) -> object:
    value = value.isoformat() if isinstance(value, dt.date) else value
    return neutralise(value)  # CSV holds any character: only formulas are made inert


def write_plan_sheet(plan: Plan, path: Path, *, settings: ReportSettings | None = None) -> None:
    """Write a plan as ``.xlsx`` (every sheet, lossless; a 设置 sheet for ``settings`` that differ from the
    defaults) or ``.csv`` (the task table, UTF-8 with BOM)."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        message = f"{path.name}: 只能写出 .xlsx 或 .csv（cannot write {path.suffix}）"
        raise PlanFileError(message, path=str(path), value=path.suffix)
    _names_survive(plan, path)
    stages = {s.number: s for s in plan.stages}
    rows = [_task_row(t, stages) for t in plan]
    if suffix == ".csv":
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer)
        writer.writerow(PLAN_HEADERS.values())
        for row in rows:
            writer.writerow([_csv_cell(v) for v in row])
        with atomic_write(path) as out:
            out.write(buffer.getvalue().encode("utf-8-sig"))
        return
    _write_workbook(plan, path, rows, settings)


def _write_workbook(plan: Plan | None, path: Path, rows: list[list[Any]],
                    settings: ReportSettings | None = None) -> None:
    from openpyxl import Workbook
    from openpyxl.worksheet.datavalidation import DataValidation

    from fazhi_tasks.io.sheets.xlsx_style import column_width, style_sheet

    workbook = Workbook()
    tasks = workbook.active
    assert tasks is not None
    tasks.title = "任务"
    headers = [*PLAN_HEADERS.values(), "状态"]
    tasks.append(headers)
    for row in rows:
        tasks.append([safe_cell(v) for v in row] + [None])
    columns = list(zip(headers, *rows, strict=False)) if rows else [(h,) for h in headers]
    widths = [min(column_width(list(c)), 40.0) for c in columns]
    style_sheet(tasks, 1, widths, {5, 12}, {1, 9})

    stage_sheet = workbook.create_sheet("阶段")
    stage_sheet.append(["编号", "阶段名称", "开始日期", "结束日期"])
    for s in plan.stages if plan else ():
        stage_sheet.append([s.number, safe_cell(s.name), s.start, s.end])
    style_sheet(stage_sheet, 1, [8, 16, 12, 12], {2, 3})
    division_sheet = workbook.create_sheet("处室")
    division_sheet.append(["处室", "负责人"])
    for d in plan.divisions if plan else ():
        division_sheet.append([safe_cell(d.name), safe_cell(d.head)])
    style_sheet(division_sheet, 1, [28, 12], set())
    indicator_sheet = workbook.create_sheet("指标")
    indicator_sheet.append(["指标编号", "指标名称"])
    for i in plan.indicators if plan else ():
        indicator_sheet.append([safe_cell(i.number), safe_cell(i.title)])
    style_sheet(indicator_sheet, 1, [10, 48], set())
    info = workbook.create_sheet("计划")
    info.append(["name", safe_cell(plan.name) if plan else ""])
    if plan:
        info.append(["description", safe_cell(plan.description)])
        info.append(["holidays", "、".join(d.isoformat() for d in plan.holidays)])
        info.append(["workdays", "、".join(d.isoformat() for d in plan.workdays)])
    style_sheet(info, 1, [14, 80], set(), {1})
    if settings is not None:
        _settings_sheet(workbook, settings)

    last = max(len(rows) + 1, 500)
    n_div = max(len(plan.divisions) if plan else 0, 1) + 1
    stage_items = [str(safe_cell(_stage_text(s))) for s in plan.stages] if plan else []
    lists = [("C", f"=处室!$A$2:$A${n_div}", "从“处室”表选择牵头处室（联合牵头用“、”隔开）"),
             ("E", _inline_list(stage_items), "阶段：编号、名称，可带时间窗口，如“3 整改提升”"),
             ("N", _inline_list([s.value for s in Status]), "状态（仅供登记，进展以进展报送为准）")]
    for letter, formula, prompt in lists:
        if not formula:
            continue
        validation = DataValidation(type="list", formula1=formula, allow_blank=True, showDropDown=False)
        validation.promptTitle, validation.prompt = "提示", prompt
        validation.showInputMessage = True
        validation.showErrorMessage = letter != "C"
        validation.add(f"{letter}2:{letter}{last}")
        tasks.add_data_validation(validation)
    with atomic_write(path) as out:
        workbook.save(out)


def _settings_sheet(workbook: Any, settings: ReportSettings) -> None:
    """The 设置 sheet (项目 | 内容) :func:`read_report_settings` reads: the settings that differ from the defaults."""
    from fazhi_tasks.io.settings import SETTING_NAMES
    from fazhi_tasks.io.sheets.xlsx_style import style_sheet

    report = settings.to_mapping()
    if not report:
        return
    sheet = workbook.create_sheet("设置")
    sheet.append(["项目", "内容"])
    for name, value in report.items():
        sheet.append([SETTING_NAMES[name], value if isinstance(value, dt.date) else safe_cell(value)])
    style_sheet(sheet, 1, [12, 60], {1})


def _inline_list(items: Sequence[str]) -> str:
    """An inline drop-down list, or "" when Excel cannot hold it (over 255 characters, commas or quotes)."""
    if not items or any("," in i or '"' in i for i in items):
        return ""
    formula = '"' + ",".join(items) + '"'
    return formula if len(formula) <= 255 else ""


def write_template(path: Path, plan: Plan | None = None) -> None:
    """An empty plan sheet (``.xlsx``) with the headers and drop-downs; a given plan's stages and divisions.

    Without a plan the lists are empty and the plan has no name: a clerk fills in their own.
    """
    if path.suffix.lower() != ".xlsx":
        message = f"{path.name}: 模板只能是 .xlsx 工作簿（a template is an .xlsx workbook）"
        raise PlanFileError(message, path=str(path), value=path.suffix)
    _write_workbook(plan, path, [])


#: The progress template's headers, in order.
PROGRESS_HEADERS = ("任务编号", "任务名称", "牵头处室", "完成时限", "当前状态", "状态", "完成百分比", "进展情况",
                    "报送日期", "报送人")
#: The column a division's template adds, pre-filled with the division: the progress reader's sender.
SENDER_HEADER = "报送处室"


def write_progress_template(plan: Plan, path: str | os.PathLike[str] | IO[bytes], *, division: str | None = None,
                            latest: Mapping[str, Update] | None = None) -> int:
    """A 进展报送表 for staff to fill: one row per task, pre-filled, with a drop-down status.

    Args:
        plan: The plan whose tasks are listed.
        path: The ``.xlsx`` file to write, or a binary file object (a web response) to write the workbook to.
        division: Only the tasks this division leads (jointly included); all tasks when ``None``. A division's
            template adds a 报送处室 column pre-filled with it, which the progress reader reads back as the sender
            (``Update.by`` when no 报送人 is named; the lead's report counts over a supporting division's).
        latest: Each task's latest update, shown in 当前状态 (the new report goes in 状态 and what follows;
            a row left blank there reports nothing and is skipped on import).

    Returns:
        The number of task rows written.

    Raises:
        PlanFileError: The path is not ``.xlsx`` or the division leads no task.
    """
    from openpyxl import Workbook
    from openpyxl.worksheet.datavalidation import DataValidation

    from fazhi_tasks.io.sheets.xlsx_style import style_sheet

    if not hasattr(path, "write"):
        path = Path(path)
        if path.suffix.lower() != ".xlsx":
            message = f"{path.name}: 进展报送模板只能是 .xlsx 工作簿"
            raise PlanFileError(message, path=str(path), value=path.suffix)
    tasks: Sequence[Task] = [t for t in plan if division is None or division in t.leads]
    if not tasks:
        names = "、".join(d.name for d in plan.divisions[:8])
        message = f"{division}：计划中没有该处室牵头的任务（处室：{names}）"
        raise PlanFileError(message, path=str(path), value=division)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "进展报送"
    sender = () if division is None else (safe_cell(division),)
    sheet.append([*PROGRESS_HEADERS, *((SENDER_HEADER,) if sender else ())])
    for task in tasks:
        update = (latest or {}).get(task.id)
        current = None
        if update is not None:
            current = update.status.value + (f" {update.percent}%" if update.percent is not None else "")
            current += f"（{update.on.isoformat()}）"
        sheet.append([safe_cell(task.id), safe_cell(task.title), safe_cell("、".join(task.leads)), task.deadline,
                      current, None, None, None, None, None, *sender])
    last = len(tasks) + 1
    style_sheet(sheet, 1, [10, 40, 16, 12, 22, 10, 10, 40, 12, 10, *((16,) if sender else ())], {3, 8}, {1, 7})
    for row in sheet.iter_rows(min_row=2, max_row=last, min_col=7, max_col=7):
        for cell in row:
            cell.number_format = "0%"
    for row in sheet.iter_rows(min_row=2, max_row=last, min_col=9, max_col=9):
        for cell in row:
            cell.number_format = "yyyy-mm-dd"
    status = DataValidation(type="list", formula1='"' + ",".join(s.value for s in Status) + '"', allow_blank=True)
    status.error, status.errorTitle = "请从下拉列表中选择状态", "状态"
    status.add(f"F2:F{last}")
    share = DataValidation(type="decimal", operator="between", formula1="0", formula2="1", allow_blank=True)
    share.error, share.errorTitle = "完成百分比请填 0%–100%", "完成百分比"
    share.add(f"G2:G{last}")
    day = DataValidation(type="date", operator="between", formula1="36526", formula2="73050", allow_blank=True)
    day.error, day.errorTitle = "报送日期请填日期，如 2021-06-30", "报送日期"
    day.add(f"I2:I{last}")
    for validation in (status, share, day):
        validation.showErrorMessage = True
        sheet.add_data_validation(validation)
    with atomic_write(path) as out:
        workbook.save(out)
    return len(tasks)
