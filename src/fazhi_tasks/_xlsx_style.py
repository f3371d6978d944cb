"""Excel styling shared by the plan sheet and the reports: header, widths, dates, page setup, safe cells.

openpyxl is imported inside each function, so importing this module costs nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from ._tabular import safe_cell

__all__ = ["LEVEL_FILLS", "column_width", "page_setup", "safe_cell", "style_sheet"]

#: 督办等级 → the fill colour of its cell (蓝 / 黄 / 红 supervision slips).
LEVEL_FILLS = {"蓝": "BDD7FF", "黄": "FFE699", "红": "F4B6B0"}

def column_width(values: Iterable[Any]) -> float:
    """A column width in Excel units that fits the widest value (wide characters count double), at most 60."""
    from wcwidth import wcswidth

    widest = 4
    for value in values:
        text = value.isoformat() if isinstance(value, dt.date) else str("" if value is None else value)
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


def page_setup(sheet: Any, header_row: int, title: str) -> None:
    """A4 landscape, one page wide, the header row repeated, the title at the top, 第 N 页 共 M 页 at the foot."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.oddHeader.center.text = title.replace("&", "&&")
    sheet.oddFooter.center.text = "第 &P 页 共 &N 页"
    sheet.print_options.horizontalCentered = True
