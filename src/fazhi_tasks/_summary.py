"""What a reader saw in a file and what it assumed, said out loud (``fazhi-tasks check`` prints it first)."""

from __future__ import annotations

import attrs

__all__ = ["ReadSummary"]


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
        out.extend(self.assumptions)
        return tuple(out)

    def rows(self) -> tuple[tuple[str, str], ...]:
        """The summary as (item, value) rows, for a table renderer."""
        items = [("文件", self.path), ("工作表", self.sheet or ""), ("表头行", str(self.header_row)),
                 ("任务行", str(self.rows_read)), ("空行", str(self.blank_rows)),
                 ("分节标题行", str(self.section_rows))]
        items += [(f"列 {c}", f"{h} → {f}") for c, h, f in self.columns]
        items += [("假设", a) for a in self.assumptions]
        return tuple(items)
