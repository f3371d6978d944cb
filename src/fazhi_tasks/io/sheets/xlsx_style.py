"""Excel styling shared by the plan sheet and the reports: header, widths, dates, page setup, safe cells.

openpyxl is imported inside each function, so importing this module costs nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from fazhi_tasks.core.colours import LEVEL_FILLS  # the same 蓝 / 黄 / 红 as the Word documents and the HTML page
from fazhi_tasks.io.sheets.tabular import safe_cell

__all__ = ["LEVEL_FILLS", "column_width", "fit_widths", "page_setup", "print_ready", "safe_cell", "style_sheet"]


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
    """A4 landscape, one page wide, the header row repeated, 第 N 页 共 M 页 at the foot.

    The title is printed once, in the sheet's first row, not again in the page header (``title`` is kept for
    callers); the columns are sized to fit the page at 100 %, so fitting to one page wide does not shrink it.
    """
    del title
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.oddFooter.center.text = "第 &P 页 共 &N 页"
    sheet.print_options.horizontalCentered = True


#: Column widths (Excel units) that fit A4 landscape at 100 % with 12.7 mm margins (271 mm): a unit is about
#: 1.9 mm in Excel and up to 2.5 mm in LibreOffice (its width follows the default font it has).
PRINT_WIDTH = 105.0
#: Font and row height of a report's cells (五号 宋体) and the height of one wrapped line, in points.
CELL_FONT, CELL_SIZE, LINE_HEIGHT = "宋体", 10.5, 14.0


def fit_widths(widths: list[float], wide: set[int], budget: float = PRINT_WIDTH) -> list[float]:
    """The widths with the long-text columns narrowed (never below 12) so all fit ``budget`` units.

    >>> fit_widths([6, 40, 40, 10], {1, 2}, 60)
    [6, 22.0, 22.0, 10]
    """
    fixed = sum(w for i, w in enumerate(widths) if i not in wide)
    flexible = sum(widths[i] for i in wide)
    if fixed + flexible <= budget or not flexible:
        return widths
    scale = max(0.0, budget - fixed) / flexible
    return [max(12.0, round(w * scale, 1)) if i in wide else w for i, w in enumerate(widths)]


def print_ready(sheet: Any, header_row: int, widths: list[float], *, wrap_columns: set[int],
                centre_columns: set[int]) -> None:
    """A report sheet as it prints: 宋体 五号, thin borders round every cell of the table, short values centred
    (numbers never run into the next column), and each row as tall as its longest wrapped text."""
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.styles.cell_style import StyleArray
    from wcwidth import wcswidth

    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    total = sum(widths)
    for r in range(1, header_row):  # the title, lead and notes: wrapped across the table's width, not beyond it
        cell = sheet.cell(r, 1)
        size = 14 if r == 1 else CELL_SIZE
        cell.font = Font(name=CELL_FONT, size=size, bold=r == 1)
        if cell.value is None:
            continue
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        if len(widths) > 1:
            sheet.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(widths))
        text = str(cell.value)
        width = (wcswidth(text) if text.isprintable() else len(text)) * size / CELL_SIZE
        sheet.row_dimensions[r].height = -(-width // max(1.0, total - 2)) * (size + 4) + 2
    # One font, border and alignment per (header?, column): openpyxl hashes every Font/Alignment assigned into the
    # workbook's lists, which took 20 of 23 s for 10⁴ rows when done per cell. The first cell of each kind is
    # styled; the others take its three style ids, keeping their own number format and fill (dates, 督办等级).
    fonts = {header: Font(name=CELL_FONT, size=CELL_SIZE, bold=header) for header in (False, True)}
    styled: dict[tuple[bool, int], tuple[int, int, int]] = {}

    def style(cell: Any, header: bool, index: int) -> None:
        ids = styled.get((header, index))
        if ids is None:
            cell.font = fonts[header]
            cell.border = border
            horizontal = "center" if header or index in centre_columns else "left"
            cell.alignment = Alignment(horizontal=horizontal, vertical="center",
                                       wrap_text=index in wrap_columns or header)
            own = cell._style
            styled[header, index] = (own.fontId, own.borderId, own.alignmentId)
        else:
            if cell._style is None:  # a cell never styled has no style array yet
                cell._style = StyleArray()
            own = cell._style
            own.fontId, own.borderId, own.alignmentId = ids

    last = sheet.max_row
    for row in sheet.iter_rows(min_row=header_row, max_row=last):
        lines = 1
        for cell in row:
            if cell.column > len(widths):
                continue
            index = cell.column - 1
            header = cell.row == header_row
            style(cell, header, index)
            wrap = index in wrap_columns or header
            if wrap and cell.value is not None:
                text = str(cell.value)
                width = wcswidth(text) if text.isprintable() else len(text)
                lines = max(lines, -(-width // max(1, int(widths[index]) - 1)))
        sheet.row_dimensions[row[0].row].height = lines * LINE_HEIGHT + 2
