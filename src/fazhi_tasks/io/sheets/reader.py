"""The clerk's plan sheet (任务分解表) read as clerks keep it: XLSX, XLS, XLSB, ODS and CSV.

Header found under title rows, two-row headers flattened, section rows starting stages,
joint leads, every-division words, adjusted deadlines, yearless deadlines placed in the
stage's window, progress columns kept apart. Every bad cell of the file is reported at once
(up to ``MAX_PROBLEMS``), each naming sheet, row, column letter and header, and the value as
typed. What was read and assumed is kept in a :class:`~fazhi_tasks.ReadSummary`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from fazhi_tasks.core.errors import PlanError, PlanFileError, Said, UpdateFileError
from fazhi_tasks.core.files import split_names
from fazhi_tasks.core.i18n import text
from fazhi_tasks.io.sheets.cells import CellError, as_deadline, as_text, is_blank
from fazhi_tasks.io.sheets.headers import Table, build_table, lookup
from fazhi_tasks.io.sheets.rows import PlanRows, read_rows
from fazhi_tasks.io.sheets.section_rows import parse_stage_cell
from fazhi_tasks.io.sheets.summary import ReadSummary
from fazhi_tasks.io.sheets.tabular import at, place, read_csv_rows
from fazhi_tasks.io.sheets.workbook import Grid, read_workbook
from fazhi_tasks.io.sheets.world import division_sheet_name
from fazhi_tasks.model.plan import Plan
from fazhi_tasks.model.values import Division, Indicator, Stage, Status, Update

__all__ = ["PLAN_ALIASES", "PlanRead", "live_plan", "progress_updates", "read_plan_sheet", "read_sheet"]

#: Accepted headers (as written; matching ignores spaces, width, case and a bracketed unit suffix) → field.
PLAN_ALIASES: dict[str, str] = {
    "编号": "id", "序号": "id", "任务编号": "id", "id": "id",
    "任务名称": "title", "任务内容": "title", "工作任务": "title", "任务": "title", "主要任务": "title",
    "具体任务": "title", "title": "title",
    "牵头处室": "division", "责任处室": "division", "责任单位": "division", "牵头单位": "division",
    "牵头部门": "division", "责任部门": "division", "division": "division",
    "牵头科室": "division", "责任科室": "division", "主要责任处室": "division", "主要责任单位": "division",
    "配合处室": "supporting", "配合单位": "supporting", "协办处室": "supporting", "配合部门": "supporting",
    "配合科室": "supporting", "协同处室": "supporting", "协同单位": "supporting", "supporting": "supporting",
    "具体措施": "measure", "工作措施": "measure", "主要措施": "measure", "具体工作措施": "measure",
    "工作举措": "measure", "具体举措": "measure", "measure": "measure",
    "阶段": "stage", "所属阶段": "stage", "stage": "stage",
    "完成时限": "deadline", "时间节点": "deadline", "完成时间": "deadline", "截止日期": "deadline",
    "截止时间": "deadline", "完成期限": "deadline", "时限": "deadline", "deadline": "deadline",
    "计划完成日期": "deadline", "时限要求": "deadline", "完成日期": "deadline", "计划完成时间": "deadline",
    "完成时间节点": "deadline", "办结时限": "deadline", "时间安排": "deadline", "推进时限": "deadline",
    "时间要求": "deadline", "完成时限要求": "deadline", "计划完成时限": "deadline", "完成节点": "deadline",
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
    from fazhi_tasks.io.sheets.tabular import normalise_header

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
        cancelled: One ``Update(task_id, Status.CANCELLED, on=<the first stage's start>, note="计划表标注已取消…")``
            per task the sheet marks cancelled (struck through, 状态 已取消, 备注 该项任务已取消). The task is in
            ``plan``; give these updates with the progress (after it, so they win) and every report lists the
            task once as 已取消, never open or overdue. The report commands do so.
    """

    plan: Plan
    summary: ReadSummary
    progress: tuple[tuple[str, object, object, str | None], ...] = ()
    cancelled: tuple[Update, ...] = ()


def _sheet_named(names: Sequence[str], wanted: Sequence[str]) -> str | None:
    from fazhi_tasks.io.sheets.tabular import normalise_header

    folded = {normalise_header(n): n for n in names}
    return next((folded[normalise_header(w)] for w in wanted if normalise_header(w) in folded), None)


def _date_cell(value: object, table: Table, row: int, col: int) -> dt.date:
    try:
        day = as_deadline(value)
    except CellError as exc:
        raise PlanFileError(at(table.where(row, col), exc.said, value), path=str(table.path), sheet=table.sheet,
                            line=row, column=table.header[col], value=value) from None
    if day is None:
        raise PlanFileError(at(table.where(row, col), Said.of("sheets.no_date")), path=str(table.path),
                            sheet=table.sheet, line=row, column=table.header[col])
    return day


def _stages_from_sheet(path: Path, grid: Grid) -> list[Stage]:
    from fazhi_tasks.io.sheets.tabular import normalise_header

    aliases = {normalise_header(k): v for k, v in _STAGE_ALIASES.items()}
    table = build_table(path, grid, aliases, PlanFileError, "编号、阶段名称、开始日期、结束日期")
    columns = table.map(aliases, PlanFileError).fields
    for field in ("name", "start", "end"):
        if field not in columns:
            header = {"name": "阶段名称", "start": "开始日期", "end": "结束日期"}[field]
            why = Said.of("sheets.stage_sheet_column", header=header)
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


def _divisions_from_sheet(path: Path, grid: Grid) -> tuple[list[Division], dict[str, str]]:
    """The 处室 sheet's divisions, and its 简称 column's short names → the full name."""
    from fazhi_tasks.io.sheets.tabular import normalise_header

    aliases = {normalise_header(k): v for k, v in {"处室": "name", "名称": "name", "处室名称": "name",
                                                    "name": "name", "负责人": "head", "处室负责人": "head",
                                                    "head": "head", "简称": "short", "别名": "short",
                                                    "short": "short"}.items()}
    rows = grid.rows
    if rows and {a for c in rows[0][1] if isinstance(c, str) and (a := aliases.get(normalise_header(c)))} == {"name"}:
        name_col = next(i for i, c in enumerate(rows[0][1]) if aliases.get(normalise_header(c)) == "name")
        return [Division(str(c[name_col]).strip()) for _, c in rows[1:] if len(c) > name_col
                and not is_blank(c[name_col])], {}
    table = build_table(path, grid, aliases, PlanFileError, "处室、负责人")
    columns = table.map(aliases, PlanFileError).fields
    name = columns.get("name", 0)
    head = columns.get("head")
    short = columns.get("short")
    divisions = [Division(str(c[name]).strip(), head=as_text(c[head]) if head is not None else None)
                 for _, c in table.rows if not is_blank(c[name])]
    shorts = {s: str(c[name]).strip() for _, c in table.rows if short is not None and not is_blank(c[name])
              for s in split_names(c[short])}
    return divisions, shorts


def _computed(path: Path, grid: Grid) -> None:
    """Refuse a side sheet (阶段, 处室, 指标, 计划) holding a formula saved without its value: it would read blank."""
    if grid.uncached:
        from fazhi_tasks.io.sheets.cells import FORMULA_HINT
        from fazhi_tasks.io.sheets.tabular import at, place
        from fazhi_tasks.io.sheets.workbook import column_letter

        row, col = min(grid.uncached)
        message = at(place(path.name, grid.name, row, column_letter(col)), FORMULA_HINT)
        raise PlanFileError(message, path=str(path), sheet=grid.name, line=row, column=column_letter(col))


def _meta(grid: Grid) -> dict[str, str]:
    from fazhi_tasks.io.sheets.tabular import normalise_header

    return {normalise_header(c[0]): "" if len(c) < 2 or c[1] is None else str(c[1])
            for _, c in grid.rows if c and not is_blank(c[0])}


_META_SHEETS = ("阶段", "处室", "指标", "计划", "设置", "列映射", "stages", "divisions", "indicators", "plan",
                "settings")
_LETTERS = re.compile(r"[A-Z]{1,3}")
_KNOWN_NAMES = ("编号、任务名称、具体措施、牵头处室、配合处室、阶段、完成时限、原完成时限、前置任务、对应指标、工作量、"
                "佐证材料、备注、责任人、状态、进展情况、完成进度")


@attrs.frozen
class _Mapping:
    """A clerk's column mapping: header aliases added, and column letter → the header it stands for."""

    aliases: dict[str, str]
    letters: dict[int, str] = attrs.field(factory=dict)

    def apply(self, table: Table) -> Table:
        """The table with each mapped letter's header replaced by the header it stands for."""
        if not self.letters:
            return table
        header = list(table.header) + [""] * (max(self.letters) + 1 - len(table.header))
        for column, target in self.letters.items():
            header[column] = target
        return attrs.evolve(table, header=tuple(header))


def column_mapping(path: Path, columns: Mapping[str, str] | None) -> _Mapping:
    """The reader's aliases with a clerk's mapping (``{"计划完成日期": "完成时限", "A": "编号"}``) added.

    Raises:
        PlanFileError: A target that names no column the reader knows, or an empty key.
    """
    from fazhi_tasks.io.sheets.tabular import normalise_header
    from fazhi_tasks.io.sheets.workbook import column_letter

    if not columns:
        return _Mapping(_ALIASES)
    aliases = dict(_ALIASES)
    letters: dict[int, str] = {}
    for key, target in columns.items():
        field = lookup(_ALIASES, target)
        if field is None or not str(key).strip():
            known = _KNOWN_NAMES
            message = Said.of("sheets.bad_column_mapping", name=path.name, key_name=key, target=target, known=known)
            raise PlanFileError(message, path=str(path), column=str(key), value=target)
        name = str(key).strip()
        if _LETTERS.fullmatch(name):
            index = next(i for i in range(16384) if column_letter(i) == name)
            letters[index] = str(target)
        else:
            aliases[normalise_header(name)] = field
    return _Mapping(aliases, letters)


def _settings_mapping(grids: Sequence[Grid]) -> dict[str, str]:
    """The 列映射 sheet's column mapping: rows of 表头 | 含义 (a known column name)."""
    found = _sheet_named([g.name for g in grids], ("列映射",))  # 设置 holds the 通报 settings (io/settings.py)
    if found is None:
        return {}
    grid = next(g for g in grids if g.name == found)
    return {str(c[0]).strip(): str(c[1]).strip() for _, c in grid.rows[1:]
            if len(c) > 1 and not is_blank(c[0]) and not is_blank(c[1])}


def _task_tables(path: Path, grids: Sequence[Grid], marks: Mapping[str, Mapping[tuple[int, int], str]],
                 mapping: _Mapping) -> tuple[list[Table], list[tuple[str, str]]]:
    """Every task table of a workbook, and (sheet, why) of each sheet not read as tasks.

    A sheet named as the task sheet (任务, 任务清单, …) is the one read. Otherwise every visible sheet
    whose header names 编号, 任务名称 and 牵头处室 is read (one sheet per stage or per division is one
    plan); the others are named with the reason: hidden, a settings sheet, no header, a header
    without the task columns.
    """
    names = [g.name for g in grids]
    named = _sheet_named(names, _TASK_SHEETS)
    skipped: list[tuple[str, str]] = []
    if named is not None:
        grid = grids[names.index(named)]
        for other in grids:
            if other is not grid and other.name not in _META_SHEETS and other.rows:
                skipped.append((other.name, f"已按名称读取任务表“{named}”"))
        table = build_table(path, grid, mapping.aliases, PlanFileError, _EXPECTED)
        return [_marked(mapping.apply(table), marks.get(grid.name))], skipped
    tables: list[Table] = []
    first_error: PlanFileError | None = None
    partial: Table | None = None
    for grid in grids:
        if grid.name in _META_SHEETS:
            continue
        if not grid.rows:
            skipped.append((grid.name, "空表"))
            continue
        if grid.hidden_sheet:
            skipped.append((grid.name, "隐藏的工作表（如旧版本）"))
            continue
        try:
            table = mapping.apply(build_table(path, grid, mapping.aliases, PlanFileError, _EXPECTED))
        except PlanFileError as exc:
            first_error = first_error or exc
            skipped.append((grid.name, "没有可识别的表头（如说明页）"))
            continue
        fields = {lookup(mapping.aliases, h) for h in table.header if h}
        if {"id", "title"} <= fields and "division" not in fields and (
                (division := division_sheet_name(grid.name)) is not None):
            ids = next(i for i, h in enumerate(table.header) if h and lookup(mapping.aliases, h) == "id")
            table = _division_from_name(table, division, ids)  # one sheet per division, no 牵头处室 column
        elif not {"id", "title", "division"} <= fields:
            skipped.append((grid.name, "表头不含编号、任务名称、牵头处室"))
            partial = partial or table
            continue
        tables.append(_marked(table, marks.get(grid.name)))
    if not tables and partial is not None:
        return [partial], []  # its header lacks task columns: reading it names the missing ones
    if not tables:
        if first_error is not None:
            raise first_error
        raise PlanFileError(Said.of("sheets.no_task_sheet", name=path.name),
                            path=str(path))
    return tables, skipped


#: The header of the lead-division column a sheet's name supplies (after the sheet's own columns).
SHEET_DIVISION = "牵头处室（取自工作表名）"


def _division_from_name(table: Table, division: str, ids: int) -> Table:
    """The table with a lead-division column after its own, holding the sheet's name on every row with an id (in
    column ``ids``). Rows without an id (headings, footers, section rows) are left without it, so they still read as
    what they are."""
    rows = tuple((n, (*cells, division if not is_blank(cells[ids]) else None)) for n, cells in table.rows)
    return attrs.evolve(table, header=(*table.header, SHEET_DIVISION), rows=rows)


def _marked(table: Table, marks: Mapping[tuple[int, int], str] | None) -> Table:
    return attrs.evolve(table, marks=marks) if marks else table


def read_sheet(path: str | Path, *, columns: Mapping[str, str] | None = None, no_deadlines: bool = False) -> PlanRead:
    """Read a plan from a sheet (``.xlsx``, ``.xls``, ``.xlsb``, ``.ods``, ``.csv``) with its read summary.

    TOML and JSON plans are read too (their summary says only the format).

    Args:
        path: The file.
        columns: A clerk's column mapping, header or column letter → a column name the reader knows
            (``{"计划完成日期": "完成时限", "A": "编号"}``); a workbook's 列映射 sheet gives one too
            (two columns: 表头, 含义). The argument wins over the sheet.
        no_deadlines: Accept a plan with no deadline column (every task ongoing); without it that is refused.

    Raises:
        PlanFileError: Every bad cell of the file at once (up to ``MAX_PROBLEMS``), each named by
            sheet, row, column letter and header, with the value as typed.
        PlanError: A plan rule (cycle, stage order) the rows break.
    """
    path = Path(path)
    return _read_sheet(path, columns, no_deadlines=no_deadlines)


def _read_sheet(path: Path, columns: Mapping[str, str] | None = None, *, no_deadlines: bool = False) -> PlanRead:
    meta: dict[str, str] = {}
    stages: list[Stage] | None = None
    divisions: list[Division] = []
    indicators: list[Indicator] = []
    skipped: list[tuple[str, str]] = []
    short_names: dict[str, str] = {}
    mapping = column_mapping(path, columns)
    if path.suffix.lower() == ".csv":
        tables = [mapping.apply(build_table(path, read_csv_rows(path, PlanFileError), mapping.aliases, PlanFileError,
                                            _EXPECTED))]
    else:
        grids = read_workbook(path, PlanFileError)
        if sheet_columns := _settings_mapping(grids):
            mapping = column_mapping(path, {**sheet_columns, **(columns or {})})
        names = [g.name for g in grids]
        marks: Mapping[str, Mapping[tuple[int, int], str]] = {}
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            from fazhi_tasks.io.sheets.world import cell_marks

            marks = cell_marks(path.read_bytes())  # month-only date formats, struck-through rows
        elif path.suffix.lower() in (".xls", ".ods"):  # struck-through rows, from the side scanners
            marks = {g.name: dict.fromkeys(g.struck, "struck") for g in grids if g.struck}
        tables, skipped = _task_tables(path, grids, marks, mapping)
        task_sheets = {t.sheet for t in tables}
        for side in ("阶段", "stages", "处室", "divisions", "指标", "indicators", "计划", "plan"):
            if (found := _sheet_named(names, (side,))) and found not in task_sheets:
                _computed(path, grids[names.index(found)])
        if found := _sheet_named(names, ("阶段", "stages")):
            stages = _stages_from_sheet(path, grids[names.index(found)])
        if found := _sheet_named(names, ("处室", "divisions")):
            divisions, short_names = _divisions_from_sheet(path, grids[names.index(found)])
        if found := _sheet_named(names, ("指标", "indicators")):
            indicators = [Indicator(str(c[0]), as_text(c[1]) or "" if len(c) > 1 else "")
                          for _, c in grids[names.index(found)].rows[1:] if c and not is_blank(c[0])]
        if found := _sheet_named(names, ("计划", "plan")):
            meta = _meta(grids[names.index(found)])
    rows = read_rows(tables, mapping.aliases, stages, divisions, skipped_sheets=skipped, short_names=short_names,
                     no_deadlines=no_deadlines, formats_known=path.suffix.lower() in (".xlsx", ".xlsm", ".csv"))
    if path.suffix.lower() not in (".xlsx", ".xlsm", ".csv") and not all(g.struck_read for g in grids):
        # .xlsb, .et, or an .xls the scanner could not follow: a struck (cancelled) row cannot be told from a live one
        kind = path.suffix.lower()
        s = rows.summary
        rows.summary = attrs.evolve(s, assumptions=(*s.assumptions, text("read.strike_unseen", "zh", kind=kind)),
                                    assumptions_en=(*s.assumptions_en, text("read.strike_unseen", "en", kind=kind)))
    return _finish(tables[0], rows, indicators, meta)


def read_plan_sheet(path: Path) -> Plan:
    """Read a plan from a sheet: the plan of :func:`read_plan` without the tasks the sheet marks cancelled.

    ``load_plan`` has no progress to carry their 已取消 with, and a task left in with no status would count as
    live (overdue, in the rate): so they are left out, and so are prerequisite edges to them (a cancelled
    prerequisite holds nothing up). ``read_plan`` keeps them, with ``PlanRead.cancelled``.
    """
    return live_plan(read_sheet(path))


def live_plan(read: PlanRead) -> Plan:
    """The plan of ``read`` without the tasks its sheet marks cancelled, nor prerequisite edges to them."""
    gone = {u.task_id for u in read.cancelled}
    if not gone:
        return read.plan
    tasks = [t if gone.isdisjoint(t.prerequisites) else attrs.evolve(
        t, prerequisites=tuple(p for p in t.prerequisites if p not in gone)) for t in read.plan if t.id not in gone]
    return attrs.evolve(read.plan, tasks=tasks)


def _finish(table: Table, rows: PlanRows, indicators: list[Indicator], meta: dict[str, str]) -> PlanRead:
    def days(*keys: str) -> list[dt.date]:
        try:
            return [dt.date.fromisoformat(d) for d in split_names(next((meta[k] for k in keys if meta.get(k)), None))]
        except ValueError as exc:
            where = place(table.path.name, "计划")
            raise PlanFileError(Said.of("sheets.bad_stage_date", where=where,
                                        exc=exc), path=str(table.path), sheet="计划") from None

    name = meta.get("name") or meta.get("计划名称") or (table.title[0] if table.title else table.path.stem)
    try:
        plan = Plan(name=name, stages=rows.stages, divisions=rows.divisions, tasks=rows.tasks,
                    indicators=indicators, holidays=days("holidays", "节假日"), workdays=days("workdays", "调休工作日"),
                    description=meta.get("description") or meta.get("说明") or "")
    except PlanError as exc:
        line = rows.row_of.get(exc.task_id or "")
        exc.locate(path=table.path.name, sheet=table.sheet, line=line)
        raise
    first = min((s.start for s in plan.stages), default=None)
    cancelled = tuple(Update(task_id, Status.CANCELLED, first, note=f"计划表标注已取消（第 {label} 行，{why.zh}）")
                      for task_id, label, why in rows.cancelled) if first is not None else ()
    return PlanRead(plan, rows.summary, tuple(rows.progress), cancelled)



def progress_updates(read: PlanRead, on: dt.date) -> list[Update]:
    """The progress cells of a plan sheet (完成情况, 状态, 完成进度, 进展情况) as updates dated ``on``.

    The status is the status cell when it holds a status word (a longer text there is the note);
    else it follows the percent (100 → 已完成, 1–99 → 推进中, 0 → 未启动). A row with neither is refused.
    Each task the sheet marks cancelled gives one 已取消 update dated ``on`` (``read.cancelled``).

    Raises:
        UpdateFileError: Every row whose status or percent cannot be read (up to ``MAX_PROBLEMS``).
    """
    from fazhi_tasks.io.sheets.tabular import Problems

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
            where = Said.of("sheets.task_place", name=name, task_id=task_id)
            problems.add(at(where, Said.of("sheets.percent_hint_short"), percent),
                         row_of.get(task_id), "完成进度", percent)
            continue
        if status is None and isinstance(percent, int):
            status = Status.DONE if percent == 100 else Status.IN_PROGRESS if percent else Status.NOT_STARTED
        if status is None:
            where = Said.of("sheets.task_place", name=name, task_id=task_id)
            problems.add(at(where, Said.of("sheets.text_no_status")), row_of.get(task_id), "状态", text)
            continue
        updates.append(Update(task_id, status, on, percent=percent, note=note))
    problems.raise_if_any(Said.of("io.upd_none_imported"))
    return updates + [attrs.evolve(u, on=on) for u in read.cancelled]
