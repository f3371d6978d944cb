"""What a reader saw in a file and what it assumed, said out loud (``fazhi-tasks check`` prints it first)."""

from __future__ import annotations

import datetime as dt

import attrs

__all__ = ["ReadSummary", "UpdatesSummary"]


#: Kinds of skipped rows as the summary names them.
_KINDS = {"heading": "小标题行", "footer": "表尾行（合计、注、填表人等）",
          "cancelled": "已取消且未读作任务的行（编号重复或内容不全）"}


@attrs.frozen
class ReadSummary:
    """The read summary of one plan file.

    Attributes:
        path: The file.
        sheet: The sheet the tasks came from (``None`` for CSV, TOML, JSON).
        header_row: The 1-based row of the (last) header row; 0 for TOML/JSON.
        columns: (column, header, field) of each column read, column as Excel shows it (``F``).
        rows_read: Task rows read.
        blank_rows: Blank rows skipped.
        section_rows: Section rows (一、…) read as headings.
        title: The title rows above the header.
        hidden_columns: (column, header) of hidden columns, and whether each was read.
        ignored_columns: (column, header) of columns no field has (their text went into the note).
        progress_columns: (column, header) of progress columns (状态, 完成情况, 完成进度…) in the plan sheet.
        assumptions: Every assumption made, one Chinese sentence each (stage from a section row, year inferred, ...).
        assumptions_en: The same in English.
        sheets: The sheets the tasks came from (one plan may span a sheet per stage or per division).
        sheets_skipped: (sheet, why) of each sheet not read as tasks.
        skipped_rows: (kind, row numbers) of rows that are no task: ``heading``, ``footer``, ``cancelled``
            (``sheet!row`` when several sheets were read).
        divisions: (division, tasks it leads) of every division, to confirm the names.
        stages: (number, name, start, end, inferred) of every stage; inferred windows were worked out from deadlines.
        no_deadline: Ids of tasks without a deadline (ongoing).
        hidden_rows: Hidden rows under the header (read like the others: a hidden task is a task).
        filtered_sheets: Sheets with an AutoFilter (every row is read, not only those the filter shows).
        cancelled: (task id, row) of each task the sheet marks cancelled (struck through, 状态 已取消, 备注
            该项任务已取消): read as a task and reported as 已取消 (``PlanRead.cancelled``), never open or overdue.
    """

    path: str
    sheet: str | None
    header_row: int
    columns: tuple[tuple[str, str, str], ...] = ()
    rows_read: int = 0
    blank_rows: int = 0
    section_rows: int = 0
    title: tuple[str, ...] = ()
    hidden_columns: tuple[tuple[str, str, bool], ...] = ()
    ignored_columns: tuple[tuple[str, str], ...] = ()
    progress_columns: tuple[tuple[str, str], ...] = ()
    assumptions: tuple[str, ...] = ()
    assumptions_en: tuple[str, ...] = ()
    sheets: tuple[str, ...] = ()
    sheets_skipped: tuple[tuple[str, str], ...] = ()
    skipped_rows: tuple[tuple[str, tuple[str, ...]], ...] = ()
    divisions: tuple[tuple[str, int], ...] = ()
    stages: tuple[tuple[int, str, dt.date, dt.date, bool], ...] = ()
    no_deadline: tuple[str, ...] = ()
    hidden_rows: tuple[str, ...] = ()
    filtered_sheets: tuple[str, ...] = ()
    cancelled: tuple[tuple[str, str], ...] = ()

    def lines(self) -> tuple[str, ...]:
        """The summary as Chinese sentences, one a line, for ``check`` to print before its findings.

        >>> ReadSummary("计划.xlsx", "任务", 3, (("A", "序号", "id"),), rows_read=2).lines()[:2]
        ('读取 计划.xlsx，工作表“任务”，表头在第 3 行，读取任务 2 行', '列：A 序号 → id')
        """
        where = f"读取 {self.path.rsplit('/', 1)[-1]}"
        if self.sheet:
            where += f"，工作表“{self.sheet}”"
        if self.header_row:
            where += f"，表头在第 {self.header_row} 行"
        where += f"，读取任务 {self.rows_read} 行"
        if self.blank_rows:
            where += f"，跳过空行 {self.blank_rows} 行"
        if self.section_rows:
            where += f"，分节标题 {self.section_rows} 行"
        out = [where]
        if len(self.sheets) > 1:
            out.append("读取的工作表：" + "、".join(self.sheets))
        for sheet, why in self.sheets_skipped:
            out.append(f"未读取工作表“{sheet}”：{why}")
        for kind, rows in self.skipped_rows:
            shown = "、".join(rows[:20]) + ("等" if len(rows) > 20 else "")
            out.append(f"跳过{_KINDS.get(kind, kind)} {len(rows)} 行（第 {shown} 行）")
        if self.hidden_rows:
            shown = "、".join(self.hidden_rows[:20]) + ("等" if len(self.hidden_rows) > 20 else "")
            out.append(f"隐藏行 {len(self.hidden_rows)} 行（第 {shown} 行）：已照常读取")
        out += [f"工作表“{sheet}”设有筛选：已读取全部行，而不只是筛选后显示的行" for sheet in self.filtered_sheets]
        if self.cancelled:
            shown = "、".join(f"{i}（第 {row} 行）" for i, row in self.cancelled[:20]) + (
                "等" if len(self.cancelled) > 20 else "")
            out.append(f"标注已取消的任务 {len(self.cancelled)} 项：{shown}；已读入计划，各报告列为已取消，不计逾期")
        if self.title:
            out.append("表头上方的标题：" + " / ".join(self.title))
        if self.columns:
            out.append("列：" + "；".join(f"{c} {h} → {f}" for c, h, f in self.columns))
        for column, header, used in self.hidden_columns:
            out.append(f"隐藏列 {column}（{header}）" + ("已读取（没有同一含义的可见列）" if used
                                                      else "未读取：以同一含义的可见列为准"))
        if self.ignored_columns:
            out.append("未识别的列（内容并入备注）：" + "、".join(f"{c}（{h}）" for c, h in self.ignored_columns))
        if self.progress_columns:
            out.append("计划表中含进展列 " + "、".join(f"{c}（{h}）" for c, h in self.progress_columns)
                       + "：未作为计划内容读取；用 fazhi-tasks import 计划表 --on 日期 导入为进展")
        if self.divisions:
            out.append("处室及牵头任务数：" + "、".join(f"{n} {k}" for n, k in self.divisions))
        if self.stages:
            out.append("阶段：" + "；".join(f"{no} {name} {start.isoformat()}—{end.isoformat()}"
                                           + ("（按时限推算）" if inferred else "")
                                           for no, name, start, end, inferred in self.stages))
        if self.no_deadline:
            shown = "、".join(self.no_deadline[:20]) + ("等" if len(self.no_deadline) > 20 else "")
            out.append(f"没有完成时限的任务 {len(self.no_deadline)} 项：{shown}")
        out.extend(self.assumptions)
        return tuple(out)

    def rows(self) -> tuple[tuple[str, str], ...]:
        """The summary as (item, value) rows, for a table renderer."""
        items = [("文件", self.path), ("工作表", self.sheet or ""), ("表头行", str(self.header_row)),
                 ("任务行", str(self.rows_read)), ("空行", str(self.blank_rows)),
                 ("分节标题行", str(self.section_rows))]
        if len(self.sheets) > 1:
            items.append(("读取的工作表", "、".join(self.sheets)))
        items += [(f"未读取工作表“{sheet}”", why) for sheet, why in self.sheets_skipped]
        items += [(f"跳过{_KINDS.get(kind, kind)}", f"{len(rows)} 行：第 " + "、".join(rows[:20])
                   + ("等" if len(rows) > 20 else "") + " 行") for kind, rows in self.skipped_rows]
        if self.hidden_rows:
            more = "等" if len(self.hidden_rows) > 20 else ""
            items.append(("隐藏行（已读取）", "、".join(self.hidden_rows[:20]) + more))
        items += [(f"工作表“{sheet}”设有筛选", "已读取全部行") for sheet in self.filtered_sheets]
        if self.cancelled:
            shown = "、".join(f"{i}（第 {row} 行）" for i, row in self.cancelled[:20])
            items.append(("标注已取消的任务（列为已取消）", shown + ("等" if len(self.cancelled) > 20 else "")))
        items += [(f"列 {c}", f"{h} → {f}") for c, h, f in self.columns]
        items += [("未识别的列", f"{c}（{h}），内容并入备注") for c, h in self.ignored_columns]
        if self.divisions:
            items.append(("处室（牵头任务数）", "、".join(f"{n} {k}" for n, k in self.divisions)))
        items += [(f"阶段 {no}", f"{name} {start.isoformat()}—{end.isoformat()}"
                   + ("（按时限推算）" if inferred else "")) for no, name, start, end, inferred in self.stages]
        if self.no_deadline:
            items.append(("没有完成时限的任务", f"{len(self.no_deadline)} 项：" + "、".join(self.no_deadline[:20])
                          + ("等" if len(self.no_deadline) > 20 else "")))
        items += [("假设", a) for a in self.assumptions]
        return tuple(items)


#: Kinds of skipped progress rows as the summary names them.
_UPDATE_KINDS = {"section": "分节标题行（如“一、牵头任务”）", "heading": "小标题行",
                 "footer": "表尾行（合计、注、填表人等）", "blank": "无人填报的行（只有编号或名称）",
                 "superseded": "配合处室的同日报送（以牵头处室报送为准）"}


@attrs.frozen
class UpdatesSummary:
    """The read summary of one progress file (``fazhi-tasks import`` prints it).

    Attributes:
        path: The file.
        sheets: The sheets the updates came from (empty for CSV and JSON).
        sheets_skipped: (sheet, why) of each sheet not read.
        header_rows: (sheet, row) of each sheet's (last) header row.
        rows_read: Updates read.
        blank_rows: Blank rows skipped.
        skipped_rows: (kind, row numbers) of rows that report nothing: ``section`` (一、牵头任务), ``heading``,
            ``footer`` (合计, 注：…, 填表人), ``blank`` (a listed task nobody filled in), ``superseded`` (a supporting
            division's report of a task that its lead reported otherwise on the same day); ``sheet!row`` when
            several sheets were read.
        superseded: (row set aside, the lead's row that counts, the supporting division) of each such report.
        readings: (as written, read as, rows) of each status word that is not the status's own (未开展 → 未启动,
            因疫情暂缓 → 已暂缓).
        senders: (sheet, division, from what: 工作表名, 标题 or the column, e.g. 报送处室列) of each sheet whose sender
            is known from its name or title, and each division a sender column names on the rows read.
        ignored_columns: (column, header) of columns no field has (their text went into the note).
    """

    path: str
    sheets: tuple[str, ...] = ()
    sheets_skipped: tuple[tuple[str, str], ...] = ()
    header_rows: tuple[tuple[str | None, int], ...] = ()
    rows_read: int = 0
    blank_rows: int = 0
    skipped_rows: tuple[tuple[str, tuple[str, ...]], ...] = ()
    superseded: tuple[tuple[str, str, str], ...] = ()
    readings: tuple[tuple[str, str, int], ...] = ()
    senders: tuple[tuple[str, str, str], ...] = ()
    ignored_columns: tuple[tuple[str, str], ...] = ()

    def lines(self) -> tuple[str, ...]:
        """The summary as Chinese sentences, one a line.

        >>> UpdatesSummary("进展.xlsx", ("办公室",), rows_read=3, senders=(("办公室", "办公室", "工作表名"),)).lines()
        ('读取 进展.xlsx，读取进展 3 条', '读取的工作表：办公室', '工作表“办公室”的报送处室：办公室（取自工作表名）')
        """
        where = f"读取 {self.path.rsplit('/', 1)[-1]}，读取进展 {self.rows_read} 条"
        if self.blank_rows:
            where += f"，跳过空行 {self.blank_rows} 行"
        out = [where]
        if self.sheets:
            out.append("读取的工作表：" + "、".join(self.sheets))
        out += [f"未读取工作表“{sheet}”：{why}" for sheet, why in self.sheets_skipped]
        for kind, rows in self.skipped_rows:
            shown = "、".join(rows[:20]) + ("等" if len(rows) > 20 else "")
            out.append(f"跳过{_UPDATE_KINDS.get(kind, kind)} {len(rows)} 行（第 {shown} 行）")
        out += [f"第 {row} 行（{who}）与第 {lead} 行同一任务同一天状态不同：以牵头处室报送的第 {lead} 行为准"
                for row, lead, who in self.superseded]
        out += [f"状态“{written}”按“{read}”读取（{n} 行）" for written, read, n in self.readings]
        out += [f"工作表“{sheet}”的报送处室：{division}（取自{how}）" if sheet else f"报送处室：{division}（取自{how}）"
                for sheet, division, how in self.senders]
        if self.ignored_columns:
            out.append("未识别的列（内容并入进展情况）：" + "、".join(f"{c}（{h}）" for c, h in self.ignored_columns))
        return tuple(out)
