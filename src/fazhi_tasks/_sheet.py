"""The clerk's spreadsheet: plans in XLSX and CSV, read as clerks keep them and written for them to keep.

Reading: header aliases (编号/序号 → id, 牵头处室/责任单位 → division, ...), merged cells
carried down, blank rows skipped, deadlines as Excel dates or text (``2021年6月底前``),
lists split on 、，,；;／/ and spaces, stages and divisions from their own sheets when
present. Every bad row is reported at once (up to 20), each naming sheet, row, column
and value. Writing: bold frozen header, widths, dates as dates, drop-downs, formulas
neutralised; CSV as UTF-8 with BOM so Excel opens it right.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ._deadline import parse_deadline
from ._errors import DeadlineParseError, PlanError, PlanFileError
from ._files import add_file_context, atomic_write, split_names
from ._model import Division, Indicator, Stage, Status, Task
from ._plan import Plan
from ._tabular import (
    Problems,
    Table,
    map_header,
    neutralise,
    normalise_header,
    open_workbook,
    read_csv,
    sheet_table,
)

__all__ = ["PLAN_ALIASES", "PLAN_HEADERS", "read_plan_sheet", "write_plan_sheet", "write_template"]

#: The headers written, in order: field → header.
PLAN_HEADERS = {"id": "编号", "title": "任务名称", "division": "牵头处室", "supporting": "配合处室", "stage": "阶段",
                "deadline": "完成时限", "prerequisites": "前置任务", "indicator": "对应指标",
                "effort": "工作量（工作日）", "deliverable": "佐证材料", "note": "备注"}

#: Accepted headers (as written; matching ignores spaces, width and case) → field.
PLAN_ALIASES: dict[str, str] = {
    "编号": "id", "序号": "id", "任务编号": "id", "id": "id",
    "任务名称": "title", "任务内容": "title", "工作任务": "title", "任务": "title", "title": "title",
    "牵头处室": "division", "责任处室": "division", "责任单位": "division", "牵头单位": "division",
    "division": "division",
    "配合处室": "supporting", "配合单位": "supporting", "协办处室": "supporting", "supporting": "supporting",
    "阶段": "stage", "所属阶段": "stage", "stage": "stage",
    "完成时限": "deadline", "时间节点": "deadline", "完成时间": "deadline", "deadline": "deadline",
    "前置任务": "prerequisites", "依赖任务": "prerequisites", "prerequisites": "prerequisites",
    "对应指标": "indicator", "指标": "indicator", "指标编号": "indicator", "indicator": "indicator",
    "工作量（工作日）": "effort", "工作量": "effort", "工作日": "effort", "effort": "effort",
    "佐证材料": "deliverable", "成果形式": "deliverable", "deliverable": "deliverable",
    "备注": "note", "note": "note",
    "状态": "status", "status": "status",
}
_ALIASES = {normalise_header(k): v for k, v in PLAN_ALIASES.items()}
_STAGE_ALIASES = {normalise_header(k): v for k, v in {
    "编号": "number", "序号": "number", "阶段编号": "number", "number": "number",
    "阶段": "name", "阶段名称": "name", "名称": "name", "name": "name",
    "开始日期": "start", "开始": "start", "start": "start", "结束日期": "end", "结束": "end", "end": "end"}.items()}
_TASK_SHEETS = ("任务", "任务清单", "任务表", "tasks")
_STAGE_CELL = re.compile(r"(?:第\s*(?P<ordinal>\d+)\s*阶段|(?P<number>\d+)(?=\s|$|[（(]))?\s*(?P<name>[^（(]*?)\s*"
                         r"(?:[（(]\s*(?P<start>[^\s至~—～]+)\s*[至~—～]\s*(?P<end>[^\s）)]+)\s*[）)])?")
MAX_PROBLEMS = 20


class _RowError(ValueError):
    def __init__(self, field: str, value: object, why: str) -> None:
        super().__init__(why)
        self.field, self.value, self.why = field, value, why


def _as_date(value: object, field: str, year: int | None) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return parse_deadline(str(value), year=year)
    except DeadlineParseError as exc:
        raise _RowError(field, value, f"{value!r}：{exc.why}") from None


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def _effort(value: object) -> int | None:
    if value is None or value == "":
        return None
    try:
        number = float(str(value).strip())
    except ValueError:
        raise _RowError("effort", value, f"{value!r} is not a whole number of working days") from None
    if not number.is_integer() or number < 0:
        raise _RowError("effort", value, f"{value!r} is not a whole number of working days ≥ 0")
    return int(number)


def _stage_cell(value: object) -> tuple[int | None, str, dt.date | None, dt.date | None]:
    """``3``, ``整改提升``, ``3 整改提升`` or ``第3阶段 整改提升（2021-03-01至2021-09-30）``."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return int(value), "", None, None
    text = str(value).strip()
    m = _STAGE_CELL.fullmatch(text)
    number = m["ordinal"] or m["number"] if m else None
    if not m or not (number or m["name"]):
        raise _RowError("stage", value, f"{value!r} is not a stage number or name")
    start = end = None
    if m["start"]:
        try:
            start, end = dt.date.fromisoformat(m["start"]), dt.date.fromisoformat(m["end"])
        except ValueError:
            raise _RowError("stage", value, f"{value!r} has a stage window that is not two ISO dates") from None
    return (int(number) if number else None), m["name"] or "", start, end


def _sheet_named(names: Sequence[str], wanted: Sequence[str]) -> str | None:
    folded = {normalise_header(n): n for n in names}
    return next((folded[normalise_header(w)] for w in wanted if normalise_header(w) in folded), None)


def _stages_from_sheet(table: Table) -> list[Stage]:
    columns, _ = map_header(table, _STAGE_ALIASES, PlanFileError, ("name", "start", "end"))
    stages = []
    for k, (row, cells) in enumerate(table.rows, start=1):
        try:
            number = int(cells[columns["number"]]) if "number" in columns else k
            start = _as_date(cells[columns["start"]], "start", None)
            end = _as_date(cells[columns["end"]], "end", None)
            if start is None or end is None:
                raise _RowError("start", None, "a stage needs a start and an end date")
            stages.append(Stage(number, str(cells[columns["name"]]), start, end))
        except (_RowError, PlanError, ValueError, TypeError) as exc:
            message = f"{table.where(row)}: {exc}"
            raise PlanFileError(message, path=str(table.path), sheet=table.sheet, line=row) from None
    return stages


def _column(table: Table, names: Sequence[str]) -> list[str]:
    """The non-empty values of the first column whose header is one of ``names`` (else the first column)."""
    index = next((i for i, h in enumerate(table.header) if normalise_header(h) in {normalise_header(n)
                                                                                    for n in names}), 0)
    return [str(cells[index]).strip() for _, cells in table.rows if cells[index] not in (None, "")]


def _infer_stages(raw: list[tuple[int | None, str, dt.date | None, dt.date | None]],
                  deadlines: Mapping[tuple[int | None, str], list[dt.date]]) -> list[Stage]:
    """Stages from the values in the stage column, windows from the cells or else from the deadlines."""
    seen: dict[tuple[int | None, str], tuple[dt.date | None, dt.date | None]] = {}
    for number, name, start, end in raw:
        if (number, name) not in seen or start is not None:
            seen[number, name] = (start, end)
    keys = sorted(seen, key=lambda k: (k[0] is None, k[0] or 0))
    stages: list[Stage] = []
    previous_end: dt.date | None = None
    for k, key in enumerate(keys, start=1):
        number, name = key
        start, end = seen[key]
        if start is None or end is None:
            days = deadlines.get(key, [])
            first = min(days, default=previous_end or dt.date(2000, 1, 1))
            start = previous_end + dt.timedelta(days=1) if previous_end else first.replace(day=1)
            end = max([*days, start, previous_end or start])
        stages.append(Stage(number or k, name or f"第{number or k}阶段", start, end))
        previous_end = end
    return stages


def read_plan_sheet(path: Path) -> Plan:
    """Read a plan from an ``.xlsx`` workbook or a ``.csv`` file."""
    meta: dict[str, str] = {}
    stages: list[Stage] | None = None
    divisions: list[str] = []
    indicators: list[Indicator] = []
    if path.suffix.lower() == ".csv":
        table = read_csv(path, PlanFileError)
    else:
        workbook = open_workbook(path, PlanFileError)
        names = workbook.sheetnames
        name = _sheet_named(names, _TASK_SHEETS) or names[0]
        table = sheet_table(path, workbook[name], PlanFileError)
        if found := _sheet_named(names, ("阶段", "stages")):
            stages = _stages_from_sheet(sheet_table(path, workbook[found], PlanFileError))
        if found := _sheet_named(names, ("处室", "divisions")):
            divisions = _column(sheet_table(path, workbook[found], PlanFileError), ("处室", "名称", "name"))
        if found := _sheet_named(names, ("指标", "indicators")):
            ind = sheet_table(path, workbook[found], PlanFileError)
            indicators = [Indicator(c[0], c[1] if len(c) > 1 else "") for _, c in ind.rows if c[0] not in (None, "")]
        if found := _sheet_named(names, ("计划", "plan")):
            info = sheet_table(path, workbook[found], PlanFileError)
            meta = {normalise_header(info.header[0]): str(info.header[1] or "") if len(info.header) > 1 else ""}
            meta.update({normalise_header(c[0]): "" if len(c) < 2 or c[1] is None else str(c[1])
                         for _, c in info.rows if c[0] not in (None, "")})
    return _plan_from_table(table, stages, divisions, indicators, meta)


Row = tuple[int, dict[str, Any]]


def _read_rows(table: Table, columns: Mapping[str, int], unknown: Sequence[str], stage_year: Mapping[object, int],
               problems: Problems) -> list[Row]:
    """Each data row's fields, converted (stage cell, deadline, effort, kept columns), or a problem noted."""
    rows: list[Row] = []
    for number, cells in table.rows:
        fields = {f: cells[i] for f, i in columns.items()}
        try:
            if fields["stage"] in (None, ""):
                raise _RowError("stage", fields["stage"], "is missing")
            stage = fields["stage"] = _stage_cell(fields["stage"])
            year = stage[3].year if stage[3] else stage_year.get(stage[0] or stage[1])
            fields["deadline"] = _as_date(fields.get("deadline"), "deadline", year)
            fields["effort"] = _effort(fields.get("effort"))
            extra = [f"{table.header[i]}：{_text(cells[i])}" for i, h in enumerate(table.header)
                     if h in unknown and _text(cells[i])]
            if extra:
                fields["note"] = "；".join(filter(None, [_text(fields.get("note")), *extra]))
            for key in ("id", "title", "division"):
                if _text(fields.get(key)) is None:
                    raise _RowError(key, fields.get(key), "is missing")
            rows.append((number, fields))
        except _RowError as exc:
            header = table.header[columns[exc.field]] if exc.field in columns else exc.field
            problems.add(f"{table.where(number, header)}: {exc.why}", number, header, exc.value)
    return rows


def _tasks(table: Table, rows: list[Row], columns: Mapping[str, int], stages: Sequence[Stage],
           problems: Problems) -> tuple[list[Task], dict[str, int]]:
    """The tasks of the rows, and the row each came from."""
    by_name = {s.name: s.number for s in stages}
    tasks: list[Task] = []
    row_of: dict[str, int] = {}
    for number, fields in rows:
        stage_number, stage_name = fields["stage"][:2]
        try:
            tasks.append(Task(
                id=_text(fields["id"]), title=_text(fields["title"]), division=_text(fields["division"]),
                stage=stage_number if stage_number is not None else by_name.get(stage_name, stage_name),
                deadline=fields["deadline"], prerequisites=split_names(fields.get("prerequisites")),
                supporting=split_names(fields.get("supporting")), indicator=_text(fields.get("indicator")),
                deliverable=_text(fields.get("deliverable")), effort=fields["effort"],
                note=_text(fields.get("note"))))
            row_of[tasks[-1].id] = number
        except PlanError as exc:
            field = exc.field or "id"
            header = table.header[columns[field]] if field in columns else field
            problems.add(f"{table.where(number, header)}: {str(exc).split(': ', 1)[-1]}", number, header, exc.value)
    return tasks, row_of


def _plan_from_table(table: Table, stages: list[Stage] | None, divisions: list[str], indicators: list[Indicator],
                     meta: Mapping[str, str]) -> Plan:
    columns, unknown = map_header(table, _ALIASES, PlanFileError, ("id", "title", "division", "stage"))
    stage_year: dict[object, int] = {s.number: s.end.year for s in stages or []}
    stage_year.update({s.name: s.end.year for s in stages or []})
    problems = Problems(table.path, PlanFileError, sheet=table.sheet, limit=MAX_PROBLEMS)
    rows = _read_rows(table, columns, unknown, stage_year, problems)
    if stages is None:
        deadlines: dict[tuple[int | None, str], list[dt.date]] = {}
        for _, fields in rows:
            if fields["deadline"] is not None:
                deadlines.setdefault(fields["stage"][:2], []).append(fields["deadline"])
        stages = _infer_stages([fields["stage"] for _, fields in rows], deadlines)
    tasks, row_of = _tasks(table, rows, columns, stages, problems)
    problems.raise_if_any()
    if not divisions:
        names: dict[str, None] = {}
        for t in tasks:
            names.update(dict.fromkeys((t.division, *t.supporting)))
        divisions = list(names)
    def days(*keys: str) -> list[dt.date]:
        return [dt.date.fromisoformat(d) for d in split_names(next((meta[k] for k in keys if meta.get(k)), None))]

    try:
        return Plan(name=meta.get("name") or meta.get("计划名称") or table.path.stem, stages=stages,
                    divisions=[Division(d) for d in divisions], tasks=tasks, indicators=indicators,
                    holidays=days("holidays", "节假日"), workdays=days("workdays", "调休工作日"),
                    description=meta.get("description") or meta.get("说明") or "")
    except PlanError as exc:
        line = row_of.get(exc.task_id or "")
        add_file_context(exc, table.path, line, table.where(line) if line is not None else None)
        raise


# -- writing ------------------------------------------------------------------------------------------------


def _stage_text(stage: Stage) -> str:
    return f"第{stage.number}阶段 {stage.name}（{stage.start}至{stage.end}）"


def _task_row(task: Task, stages: Mapping[int, Stage]) -> list[Any]:
    return [task.id, task.title, task.division, "、".join(task.supporting), _stage_text(stages[task.stage]),  # type: ignore[index]
            task.deadline, "、".join(task.prerequisites), task.indicator, task.effort, task.deliverable, task.note]


def write_plan_sheet(plan: Plan, path: Path) -> None:
    """Write a plan as ``.xlsx`` (every sheet, lossless) or ``.csv`` (the task table, UTF-8 with BOM)."""
    stages = {s.number: s for s in plan.stages}
    rows = [_task_row(t, stages) for t in plan]
    if path.suffix.lower() == ".csv":
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer)
        writer.writerow(PLAN_HEADERS.values())
        for row in rows:
            writer.writerow([neutralise(v.isoformat() if isinstance(v, dt.date) else v) for v in row])
        with atomic_write(path) as out:
            out.write(buffer.getvalue().encode("utf-8-sig"))
        return
    _write_workbook(plan, path, rows)


def _write_workbook(plan: Plan | None, path: Path, rows: list[list[Any]]) -> None:
    from openpyxl import Workbook
    from openpyxl.worksheet.datavalidation import DataValidation

    from ._xlsx_style import column_width, style_sheet

    workbook = Workbook()
    tasks = workbook.active
    assert tasks is not None
    tasks.title = "任务"
    headers = [*PLAN_HEADERS.values(), "状态"]
    tasks.append(headers)
    for row in rows:
        tasks.append([neutralise(v) for v in row] + [None])
    columns = list(zip(headers, *rows, strict=False)) if rows else [(h,) for h in headers]
    widths = [min(column_width(list(c)), 40.0) for c in columns]
    style_sheet(tasks, 1, widths, {5}, {1, 9})

    stage_sheet = workbook.create_sheet("阶段")
    stage_sheet.append(["编号", "阶段名称", "开始日期", "结束日期"])
    for s in plan.stages if plan else ():
        stage_sheet.append([s.number, neutralise(s.name), s.start, s.end])
    style_sheet(stage_sheet, 1, [8, 16, 12, 12], {2, 3})
    division_sheet = workbook.create_sheet("处室")
    division_sheet.append(["处室"])
    for d in plan.divisions if plan else ():
        division_sheet.append([neutralise(d.name)])
    style_sheet(division_sheet, 1, [28], set())
    indicator_sheet = workbook.create_sheet("指标")
    indicator_sheet.append(["指标编号", "指标名称"])
    for i in plan.indicators if plan else ():
        indicator_sheet.append([neutralise(i.number), neutralise(i.title)])
    style_sheet(indicator_sheet, 1, [10, 48], set())
    info = workbook.create_sheet("计划")
    info.append(["name", neutralise(plan.name) if plan else ""])
    if plan:
        info.append(["description", neutralise(plan.description)])
        info.append(["holidays", "、".join(d.isoformat() for d in plan.holidays)])
        info.append(["workdays", "、".join(d.isoformat() for d in plan.workdays)])
    style_sheet(info, 1, [14, 80], set(), {1})

    last = max(len(rows) + 1, 500)
    n_div = max(len(plan.divisions) if plan else 0, 1) + 1
    stage_list = '"' + ",".join(_stage_text(s) for s in plan.stages) + '"' if plan and plan.stages else ""
    lists = [("C", f"=处室!$A$2:$A${n_div}", "从“处室”表选择牵头处室"),
             ("E", stage_list, "阶段：编号、名称，可带时间窗口，如“3 整改提升”"),
             ("L", '"' + ",".join(s.value for s in Status) + '"', "状态（仅供登记，进展以进展报送为准）")]
    for letter, formula, prompt in lists:
        if not formula or len(formula) > 255:  # Excel's limit for an inline list
            continue
        validation = DataValidation(type="list", formula1=formula, allow_blank=True, showDropDown=False)
        validation.promptTitle, validation.prompt = "提示", prompt
        validation.showInputMessage = True
        validation.add(f"{letter}2:{letter}{last}")
        tasks.add_data_validation(validation)
    with atomic_write(path) as out:
        workbook.save(out)


def write_template(path: Path, plan: Plan | None = None) -> None:
    """An empty plan sheet (``.xlsx``) with the headers, drop-downs and the plan's stages and divisions.

    Without a plan, the sample plan's stages and divisions fill the lists as an example to edit.
    """
    if path.suffix.lower() != ".xlsx":
        message = f"{path.name}: a template is an .xlsx workbook"
        raise PlanFileError(message, path=str(path), value=path.suffix)
    _write_workbook(plan, path, [])
