"""The weekly report as an Excel workbook: one sheet per table, header frozen, dates as dates, formulas neutralised."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._planfile import atomic_write
from ._sections import Lang, headline, sections, title
from ._tabular import neutralise

if TYPE_CHECKING:
    from ._weekly import WeeklyReport

__all__ = ["column_width", "render_xlsx", "style_sheet"]

_SHEETS = {"summary", "overdue", "blocked", "due", "divisions", "rectification"}


def column_width(values: list[Any]) -> float:
    """A column width in Excel units that fits the widest value (wide characters count double)."""
    from wcwidth import wcswidth

    widest = 4
    for value in values:
        text = value.isoformat() if hasattr(value, "isoformat") else str("" if value is None else value)
        widest = max(widest, wcswidth(text) if text.isprintable() else len(text))
    return min(60.0, widest + 2.0)


def style_sheet(sheet: Any, header_row: int, widths: list[float], date_columns: set[int],
                wrap_columns: set[int] = frozenset()) -> None:  # type: ignore[assignment]
    """Bold frozen header, column widths, date formats and wrapping for a written sheet."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="F2F4F7")
    sheet.freeze_panes = f"A{header_row + 1}"
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for row in sheet.iter_rows(min_row=header_row + 1) if sheet.max_row > header_row else ():
        for cell in row:
            if cell.column - 1 in date_columns:
                cell.number_format = "yyyy-mm-dd"
            if cell.column - 1 in wrap_columns:
                cell.alignment = Alignment(wrap_text=True, vertical="top")


def render_xlsx(report: WeeklyReport, path: str | os.PathLike[str], lang: Lang = "zh") -> None:
    """Write the report's workbook to ``path`` (replaced only when the whole file is written)."""
    import datetime as dt

    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    name, week = title(report, lang)
    for section in sections(report, lang):
        if section.key not in _SHEETS:
            continue
        sheet = workbook.create_sheet(section.title.split("、")[-1].split(". ")[-1][:31])
        header_row = 1
        if section.key == "summary":
            sheet.append([neutralise(name)])
            sheet.append([neutralise(week)])
            sheet.append([neutralise(headline(report, lang))])
            sheet.append([])
            sheet["A1"].font = Font(bold=True, size=14)
            header_row = 5
        sheet.append(list(section.headers))
        for row in section.rows:
            sheet.append([neutralise(v) for v in row])
        columns = list(zip(section.headers, *section.rows, strict=False)) if section.rows else [
            (h,) for h in section.headers]
        widths = [column_width(list(col)) for col in columns]
        for i in section.wide:
            widths[i] = min(widths[i], 40.0)
        dates = {i for i, col in enumerate(columns) if any(isinstance(v, dt.date) for v in col[1:])}
        style_sheet(sheet, header_row, widths, dates, set(section.wide))
    with atomic_write(Path(path)) as out:
        workbook.save(out)
