"""A document as an Excel workbook: a sheet per section, ready to print, every cell safe.

Numbers stay numbers (rates as percentages), dates stay dates, 督办等级 cells are filled in their
colour; each sheet is set up for A4 landscape, one page wide, its header row repeated on every page.
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING

from fazhi_tasks.core.files import atomic_write
from fazhi_tasks.core.i18n import Lang, table_keys, text
from fazhi_tasks.io.sheets.xlsx_style import (
    LEVEL_FILLS,
    column_width,
    fit_widths,
    page_setup,
    print_ready,
    safe_cell,
    style_sheet,
)
from fazhi_tasks.report.renderers.registry import cell
from fazhi_tasks.report.views import section_title, title_line

if TYPE_CHECKING:
    from fazhi_tasks.report.document import Column, Document, Section

__all__ = ["render_xlsx"]

_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")


def _value(value: object, column: Column, lang: Lang) -> object:
    """What goes into the cell: numbers and dates as they are, everything else as shown text."""
    if value is None:
        return None
    if column.kind in ("int", "percent") and isinstance(value, int | float) and not isinstance(value, bool):
        return value
    if column.kind == "date":
        return value
    return cell(value, column, lang)


def _clip(title: str, most: int = 31) -> str:
    """A sheet name of at most ``most`` characters, cut at a word's end when the title has spaces.

    >>> _clip("Forecast - tasks projected late, with proposed deadlines")
    'Forecast - tasks projected'
    >>> _clip("进度预测：预计逾期任务及建议时限")
    '进度预测：预计逾期任务及建议时限'
    """
    title = " ".join(_SHEET_NAME_BAD.sub(" - ", title).split()).strip("' ")
    if len(title) <= most:
        return title
    cut = title[:most + 1]
    if " " in cut:
        cut = cut[:cut.rindex(" ")]
    return cut[:most].rstrip(" ,;-·") or title[:most]


def _sheet_name(title: str, taken: set[str]) -> str:
    name = _clip(title) or "Sheet"
    base, n = name, 2
    while name.lower() in taken:
        suffix = f"({n})"
        name, n = base[:31 - len(suffix)] + suffix, n + 1
    taken.add(name.lower())
    return name


def _write_section(workbook: object, doc: Document, index: int, section: Section, *, lang: Lang,
                   taken: set[str]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    title = section_title(doc, index, section, lang)
    name = section.title.show(lang)
    short_name = f"sheet.{section.title.key}"  # a title too long for a sheet's name has a shorter one
    if len(name) > 31 and short_name in table_keys():
        name = text(short_name, lang)
    sheet = workbook.create_sheet(_sheet_name(name, taken))  # type: ignore[attr-defined]
    first = index == 0
    top = [title_line(doc, lang), *([doc.lead.show(lang)] if doc.lead and first else []),
           *([n.show(lang) for n in doc.notes] if first else []), title]
    for line in top:
        sheet.append([safe_cell(line)])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([])
    header_row = len(top) + 2
    columns = section.columns
    sheet.append([c.label(lang) for c in columns])
    for row in section.rows:
        sheet.append([safe_cell(_value(v, c, lang)) for v, c in zip(row, columns, strict=True)])
    widths = [column_width([c.label(lang), *(cell(r[i], c, lang) for r in section.rows[:2000])])
              for i, c in enumerate(columns)]
    wide = {i for i, c in enumerate(columns) if c.kind in ("long", "phrase")}
    for i in wide:
        widths[i] = min(widths[i], 40.0)
    names = {i for i, c in enumerate(columns) if c.kind in ("text", "ids")} - wide  # divisions, ids: wrap at 12
    if len(columns) > 6:
        for i in names:
            widths[i] = min(widths[i], 12.0)
    widths = fit_widths(widths, wide)
    style_sheet(sheet, header_row, widths, {i for i, c in enumerate(columns) if c.kind == "date"}, wide)
    short = {i for i, c in enumerate(columns) if c.kind in ("int", "percent", "date", "level", "flag", "word")}
    print_ready(sheet, header_row, widths, wrap_columns=wide | names, centre_columns=short)
    for i, c in enumerate(columns, start=1):
        if c.kind == "percent":
            for (cell_,) in sheet.iter_rows(min_row=header_row + 1, min_col=i, max_col=i):
                cell_.number_format = "0.0%"
        if c.kind == "level":
            for (cell_,) in sheet.iter_rows(min_row=header_row + 1, min_col=i, max_col=i):
                fill = LEVEL_FILLS.get(str(section.rows[cell_.row - header_row - 1][i - 1]))
                if fill:
                    cell_.fill = PatternFill("solid", fgColor=fill)
                    cell_.alignment = Alignment(horizontal="center", vertical="center")
    if section.note is not None:
        sheet.append([])
        sheet.append([safe_cell(section.note.show(lang))])
    page_setup(sheet, header_row, title_line(doc, lang))


def render_xlsx(doc: Document, path: str | os.PathLike[str], lang: Lang = "zh") -> None:
    """Write the document's workbook to ``path`` (replaced only when the whole file is written)."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    taken: set[str] = set()
    for index, section in enumerate(doc.sections):
        _write_section(workbook, doc, index, section, lang=lang, taken=taken)
    if not doc.sections:
        sheet = workbook.create_sheet(_sheet_name(doc.title.show(lang), taken))
        sheet.append([safe_cell(title_line(doc, lang))])
    with atomic_write(path) as out:
        workbook.save(out)
