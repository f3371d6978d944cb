"""The clerk's plan sheet (任务分解表) read as clerks keep it: XLSX, XLS, XLSB, ODS and CSV.

Header found under title rows, two-row headers flattened, section rows starting stages,
joint leads, every-division words, adjusted deadlines, yearless deadlines placed in the
stage's window, progress columns kept apart. Every bad cell of the file is reported at once
(up to ``MAX_PROBLEMS``), each naming sheet, row, column letter and header, and the value as
typed. What was read and assumed is kept in a :class:`~fazhi_tasks.ReadSummary`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from ._bulk import paused_gc
from ._cells import CellError, as_deadline, as_text, is_blank
from ._errors import PlanError, PlanFileError, Said, UpdateFileError
from ._files import split_names
from ._headers import Table, build_table
from ._model import Division, Indicator, Stage, Status, Update
from ._plan import Plan
from ._sections_rows import parse_stage_cell
from ._sheet_rows import PlanRows, read_rows
from ._summary import ReadSummary
from ._tabular import at, place, read_csv_rows
from ._workbook import Grid, read_workbook

__all__ = ["PLAN_ALIASES", "PlanRead", "progress_updates", "read_plan_sheet", "read_sheet"]

#: Accepted headers (as written; matching ignores spaces, width, case and a bracketed unit suffix) → field.
PLAN_ALIASES: dict[str, str] = {
    "编号": "id", "序号": "id", "任务编号": "id", "id": "id",
    "任务名称": "title", "任务内容": "title", "工作任务": "title", "任务": "title", "主要任务": "title",
    "具体任务": "title", "title": "title",
    "牵头处室": "division", "责任处室": "division", "责任单位": "division", "牵头单位": "division",
    "牵头部门": "division", "责任部门": "division", "division": "division",
    "配合处室": "supporting", "配合单位": "supporting", "协办处室": "supporting", "配合部门": "supporting",
    "supporting": "supporting",
    "阶段": "stage", "所属阶段": "stage", "stage": "stage",
    "完成时限": "deadline", "时间节点": "deadline", "完成时间": "deadline", "截止日期": "deadline",
    "截止时间": "deadline", "完成期限": "deadline", "时限": "deadline", "deadline": "deadline",
    "原完成时限": "original_deadline", "原定完成时限": "original_deadline", "原时限": "original_deadline",
    "original_deadline": "original_deadline",
    "前置任务": "prerequisites", "依赖任务": "prerequisites", "prerequisites": "prerequisites",
    "对应指标": "indicator", "指标": "indicator", "指标编号": "indicator", "indicator": "indicator",
    "工作量（工作日）": "effort", "工作量": "effort", "工作日": "effort", "effort": "effort",
    "佐证材料": "deliverable", "成果形式": "deliverable", "deliverable": "deliverable",
    "备注": "note", "note": "note",
    "责任人": "owner", "负责人": "owner", "owner": "owner",
    "状态": "progress_status", "完成状态": "progress_status", "完成情况": "progress_status",
    "status": "progress_status",
    "进展情况": "progress_note", "工作进展": "progress_note", "进展": "progress_note",
    "完成进度": "progress_percent", "完成百分比": "progress_percent", "进度": "progress_percent",
    "完成比例": "progress_percent",
}
_TASK_SHEETS = ("任务", "任务清单", "任务表", "任务分解表", "tasks")
_EXPECTED = "编号、任务名称、牵头处室、完成时限（及阶段）"


def _aliases() -> dict[str, str]:
    from ._tabular import normalise_header

    return {normalise_header(k): v for k, v in PLAN_ALIASES.items()}


_ALIASES = _aliases()
_STAGE_ALIASES = dict({
    "编号": "number", "序号": "number", "阶段编号": "number", "number": "number",
    "阶段": "name", "阶段名称": "name", "名称": "name", "name": "name",
    "开始日期": "start", "开始": "start", "start": "start", "结束日期": "end", "结束": "end", "end": "end"}.items())


@attrs.frozen
class PlanRead:
    """A plan read from a file, with what the reader saw and assumed.

    Attributes:
        plan: The plan.
        summary: The read summary (sheet, header row, columns, assumptions).
        progress: Progress cells found in the plan sheet: (task id, status, percent, note) per row
            that has any; ``fazhi-tasks import PLAN.xlsx --on DATE`` imports them.
    """

    plan: Plan
    summary: ReadSummary
    progress: tuple[tuple[str, object, object, str | None], ...] = ()


def _sheet_named(names: Sequence[str], wanted: Sequence[str]) -> str | None:
    from ._tabular import normalise_header

    folded = {normalise_header(n): n for n in names}
    return next((folded[normalise_header(w)] for w in wanted if normalise_header(w) in folded), None)


def _date_cell(value: object, table: Table, row: int, col: int) -> dt.date:
    try:
        day = as_deadline(value)
    except CellError as exc:
        raise PlanFileError(at(table.where(row, col), exc.said, value), path=str(table.path), sheet=table.sheet,
                            line=row, column=table.header[col], value=value) from None
    if day is None:
        raise PlanFileError(at(table.where(row, col), Said("缺少日期", "no date given")), path=str(table.path),
                            sheet=table.sheet, line=row, column=table.header[col])
    return day


def _stages_from_sheet(path: Path, grid: Grid) -> list[Stage]:
    from ._tabular import normalise_header

    aliases = {normalise_header(k): v for k, v in _STAGE_ALIASES.items()}
    table = build_table(path, grid, aliases, PlanFileError, "编号、阶段名称、开始日期、结束日期")
    columns = table.map(aliases, PlanFileError).fields
    for field in ("name", "start", "end"):
        if field not in columns:
            header = {"name": "阶段名称", "start": "开始日期", "end": "结束日期"}[field]
            why = Said(f"阶段表缺少“{header}”列；表头应包含 编号、阶段名称、开始日期、结束日期",
                       f"the stage sheet has no {header} column; its header should name 编号, 阶段名称, 开始日期, "
                       "结束日期")
            raise PlanFileError(at(table.where(table.header_row), why), path=str(path), sheet=table.sheet,
                                line=table.header_row)
    stages = []
    for k, (row, cells) in enumerate(table.rows, start=1):
        number: Any = k
        if "number" in columns:
            try:
                number = parse_stage_cell(cells[columns["number"]]).number or k
            except CellError as exc:
                raise PlanFileError(at(table.where(row, columns["number"]), exc.said, cells[columns["number"]]),
                                    path=str(path), sheet=table.sheet, line=row,
                                    value=cells[columns["number"]]) from None
        start = _date_cell(cells[columns["start"]], table, row, columns["start"])
        end = _date_cell(cells[columns["end"]], table, row, columns["end"])
        try:
            stages.append(Stage(number, as_text(cells[columns["name"]]) or "", start, end))
        except PlanError as exc:
            raise PlanFileError(at(table.where(row), Said(exc.reason(), exc.reason("en"))), path=str(path),
                                sheet=table.sheet, line=row) from None
    return stages


def _divisions_from_sheet(path: Path, grid: Grid) -> list[Division]:
    from ._tabular import normalise_header

    aliases = {normalise_header(k): v for k, v in {"处室": "name", "名称": "name", "处室名称": "name",
                                                    "name": "name", "负责人": "head", "处室负责人": "head",
                                                    "head": "head"}.items()}
    rows = grid.rows
    if rows and {a for c in rows[0][1] if isinstance(c, str) and (a := aliases.get(normalise_header(c)))} == {"name"}:
        name_col = next(i for i, c in enumerate(rows[0][1]) if aliases.get(normalise_header(c)) == "name")
        return [Division(str(c[name_col]).strip()) for _, c in rows[1:] if len(c) > name_col
                and not is_blank(c[name_col])]
    table = build_table(path, grid, aliases, PlanFileError, "处室、负责人")
    columns = table.map(aliases, PlanFileError).fields
    name = columns.get("name", 0)
    head = columns.get("head")
    return [Division(str(c[name]).strip(), head=as_text(c[head]) if head is not None else None)
            for _, c in table.rows if not is_blank(c[name])]


def _computed(path: Path, grid: Grid) -> None:
    """Refuse a side sheet (阶段, 处室, 指标, 计划) holding a formula saved without its value: it would read blank."""
    if grid.uncached:
        from ._cells import FORMULA_HINT
        from ._tabular import at, place
        from ._workbook import column_letter

        row, col = min(grid.uncached)
        message = at(place(path.name, grid.name, row, column_letter(col)), FORMULA_HINT)
        raise PlanFileError(message, path=str(path), sheet=grid.name, line=row, column=column_letter(col))


def _meta(grid: Grid) -> dict[str, str]:
    from ._tabular import normalise_header

    return {normalise_header(c[0]): "" if len(c) < 2 or c[1] is None else str(c[1])
            for _, c in grid.rows if c and not is_blank(c[0])}


def _task_grid(path: Path, grids: Sequence[Grid]) -> tuple[Grid, Table]:
    names = [g.name for g in grids]
    named = _sheet_named(names, _TASK_SHEETS)
    if named is not None:
        grid = grids[names.index(named)]
        return grid, build_table(path, grid, _ALIASES, PlanFileError, _EXPECTED)
    first_error: PlanFileError | None = None
    for grid in grids:
        if grid.hidden_sheet or grid.name in ("阶段", "处室", "指标", "计划", "stages", "divisions", "indicators",
                                                "plan"):
            continue
        try:
            return grid, build_table(path, grid, _ALIASES, PlanFileError, _EXPECTED)
        except PlanFileError as exc:
            first_error = first_error or exc
    if first_error is not None:
        raise first_error
    raise PlanFileError(Said(f"{path.name}：工作簿中没有任务表", f"{path.name}: the workbook has no task sheet"),
                        path=str(path))


def read_sheet(path: str | Path) -> PlanRead:
    """Read a plan from a sheet (``.xlsx``, ``.xls``, ``.xlsb``, ``.ods``, ``.csv``) with its read summary.

    TOML and JSON plans are read too (their summary says only the format).

    Raises:
        PlanFileError: Every bad cell of the file at once (up to ``MAX_PROBLEMS``), each named by
            sheet, row, column letter and header, with the value as typed.
        PlanError: A plan rule (cycle, stage order) the rows break.
    """
    path = Path(path)
    with paused_gc():  # many small objects, no cycles: the collector's passes are wasted work
        return _read_sheet(path)


def _read_sheet(path: Path) -> PlanRead:
    meta: dict[str, str] = {}
    stages: list[Stage] | None = None
    divisions: list[Division] = []
    indicators: list[Indicator] = []
    if path.suffix.lower() == ".csv":
        table = build_table(path, read_csv_rows(path, PlanFileError), _ALIASES, PlanFileError, _EXPECTED)
    else:
        grids = read_workbook(path, PlanFileError)
        names = [g.name for g in grids]
        task_grid, table = _task_grid(path, grids)
        for side in ("阶段", "stages", "处室", "divisions", "指标", "indicators", "计划", "plan"):
            if (found := _sheet_named(names, (side,))) and grids[names.index(found)] is not task_grid:
                _computed(path, grids[names.index(found)])
        if found := _sheet_named(names, ("阶段", "stages")):
            stages = _stages_from_sheet(path, grids[names.index(found)])
        if found := _sheet_named(names, ("处室", "divisions")):
            divisions = _divisions_from_sheet(path, grids[names.index(found)])
        if found := _sheet_named(names, ("指标", "indicators")):
            indicators = [Indicator(str(c[0]), as_text(c[1]) or "" if len(c) > 1 else "")
                          for _, c in grids[names.index(found)].rows[1:] if c and not is_blank(c[0])]
        if found := _sheet_named(names, ("计划", "plan")):
            meta = _meta(grids[names.index(found)])
    rows = read_rows(table, _ALIASES, stages, divisions)
    return _finish(table, rows, indicators, meta)


def read_plan_sheet(path: Path) -> Plan:
    """Read a plan from a sheet (the plan of :func:`read_plan`)."""
    return read_sheet(path).plan


def _finish(table: Table, rows: PlanRows, indicators: list[Indicator], meta: dict[str, str]) -> PlanRead:
    def days(*keys: str) -> list[dt.date]:
        try:
            return [dt.date.fromisoformat(d) for d in split_names(next((meta[k] for k in keys if meta.get(k)), None))]
        except ValueError as exc:
            where = place(table.path.name, "计划")
            raise PlanFileError(Said(f"{where.zh}：{exc}；日期请写成 2021-06-30", f"{where.en}: {exc}; write dates as "
                                     "2021-06-30"), path=str(table.path), sheet="计划") from None

    name = meta.get("name") or meta.get("计划名称") or (table.title[0] if table.title else table.path.stem)
    try:
        plan = Plan(name=name, stages=rows.stages, divisions=rows.divisions, tasks=rows.tasks,
                    indicators=indicators, holidays=days("holidays", "节假日"), workdays=days("workdays", "调休工作日"),
                    description=meta.get("description") or meta.get("说明") or "")
    except PlanError as exc:
        line = rows.row_of.get(exc.task_id or "")
        exc.locate(path=table.path.name, sheet=table.sheet, line=line)
        raise
    return PlanRead(plan, rows.summary, tuple(rows.progress))



def progress_updates(read: PlanRead, on: dt.date) -> list[Update]:
    """The progress cells of a plan sheet (完成情况, 状态, 完成进度, 进展情况) as updates dated ``on``.

    The status is the status cell when it holds a status word (a longer text there is the note);
    else it follows the percent (100 → 已完成, 1–99 → 推进中, 0 → 未启动). A row with neither is refused.

    Raises:
        UpdateFileError: Every row whose status or percent cannot be read (up to ``MAX_PROBLEMS``).
    """
    from ._tabular import Problems

    problems = Problems(Path(read.summary.path), UpdateFileError, sheet=read.summary.sheet)
    updates: list[Update] = []
    row_of = {t.id: n for n, t in enumerate(read.plan, start=1)}
    name = Path(read.summary.path).name
    for task_id, status_cell, percent, written in read.progress:
        status: Status | None = None
        note = written
        text = as_text(status_cell)
        if text is not None:
            try:
                status = Status.parse(text)
            except ValueError:
                note = "；".join(filter(None, [text, written]))
        if percent is not None and not isinstance(percent, int):
            where = Said(f"{name}，任务 {task_id}", f"{name}, task {task_id}")
            problems.add(at(where, Said("完成进度请填 0–100 的整数，如 60 或 60%",
                                        "write the percent complete as a whole number 0–100, e.g. 60 or 60%"), percent),
                         row_of.get(task_id), "完成进度", percent)
            continue
        if status is None and isinstance(percent, int):
            status = Status.DONE if percent == 100 else Status.IN_PROGRESS if percent else Status.NOT_STARTED
        if status is None:
            where = Said(f"{name}，任务 {task_id}", f"{name}, task {task_id}")
            problems.add(at(where, Said("只有进展文字，没有状态；请在状态列填写 未启动/推进中/已完成/已暂缓",
                                        "progress text but no status; write 未启动/推进中/已完成/已暂缓 in the status "
                                        "column")), row_of.get(task_id), "状态", text)
            continue
        updates.append(Update(task_id, status, on, percent=percent, note=note))
    problems.raise_if_any(("，未导入任何进展", ": no update was imported"))
    return updates
