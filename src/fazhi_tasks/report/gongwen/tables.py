"""Tables in GB/T 9704 documents: data tables with repeated header rows, the 版记, and titled tables as a .docx.

:func:`tables_docx` is how any report command's tables become a Word document (the rectification list, the
shortfalls, the plan check as a 计划检查意见).
"""

from __future__ import annotations

import datetime as dt
import math
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

from fazhi_tasks.io.settings import ReportSettings, chinese_date
from fazhi_tasks.report.gongwen.page import FANGSONG, HEITI, LINE, SI, XIAOSI, GovDocument, clean_text, oxml, text_width

if TYPE_CHECKING:
    from docx.table import Table, _Cell
    from docx.text.paragraph import Paragraph

__all__ = ["TitledTable", "add_colophon", "add_table", "column_widths", "tables_docx"]


class TitledTable(Protocol):
    """Anything with a title, headers and rows, e.g. a report section."""

    @property
    def title(self) -> str: ...  # pragma: no cover - a protocol

    @property
    def headers(self) -> Sequence[str]: ...  # pragma: no cover - a protocol

    @property
    def rows(self) -> Sequence[Sequence[object]]: ...  # pragma: no cover - a protocol



#: The order of ``w:tblPr``'s children in the schema (Word refuses other orders).
_TBLPR_ORDER = ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize",
                "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook")


def _insert(parent: Any, child: Any) -> None:
    """Insert ``child`` into a ``w:tblPr`` at its place in the schema order."""
    from docx.oxml.ns import qn

    later = _TBLPR_ORDER[_TBLPR_ORDER.index(child.tag.split("}")[1]) + 1:]
    successor = next((c for c in parent if c.tag in {qn(f"w:{n}") for n in later}), None)
    if successor is None:
        parent.append(child)
    else:
        successor.addprevious(child)


def add_table(doc: GovDocument, headers: Sequence[str], rows: Sequence[Sequence[object]], widths: Sequence[float], *,
          size: float = XIAOSI, centre: Sequence[int] = (), fills: dict[int, dict[str, str]] | None = None
          ) -> Table:
    """A table whose header row repeats on every page; ``widths`` are shares of the text width.

    Args:
        headers: The header texts (黑体).
        rows: The rows (仿宋); a cell's text is cleaned, dates print in Chinese.
        widths: Relative column widths.
        size: Font size of the cells.
        centre: Columns centred (short values).
        fills: Column → cell text → fill colour (hex), e.g. the 督办等级 colours.
    """
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
    from docx.shared import Pt

    table: Table = doc.doc.add_table(rows=1, cols=len(headers))
    table.style = doc.doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    margins = oxml("w:tblCellMar")
    for side in ("left", "right"):
        margins.append(oxml(f"w:{side}", w="57", type="dxa"))  # 1 mm: narrow columns keep their words
    _insert(table._tbl.tblPr, margins)
    total = sum(widths)
    points = [Pt(doc.width * w / total) for w in widths]
    for column, width in zip(table.columns, points, strict=True):
        column.width = width
    header = table.rows[0]
    trpr = header._tr.get_or_add_trPr()
    trpr.append(oxml("w:tblHeader"))
    trpr.append(oxml("w:cantSplit"))
    for cell, text, width in zip(header.cells, headers, points, strict=True):
        _cell(doc, cell, text, font=HEITI, size=size, width=width, align="center")
    for values in rows:
        row = table.add_row()  # type: ignore[no-untyped-call]  # python-docx leaves it unannotated
        row._tr.get_or_add_trPr().append(oxml("w:cantSplit"))
        for index, (cell, value, width) in enumerate(zip(row.cells, values, points, strict=True)):
            text = _shown(value)
            _cell(doc, cell, text, font=FANGSONG, size=size, width=width, align="center" if index in centre else "left")
            fill = (fills or {}).get(index, {}).get(text)
            if fill:
                cell._tc.get_or_add_tcPr().append(oxml("w:shd", val="clear", color="auto", fill=fill))
    for row in table.rows:
        for cell in row.cells:
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    return table

def _cell(doc: GovDocument, cell: _Cell, text: str, *, font: str, size: float, width: Any, align: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Pt

    cell.width = width
    p = cell.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER if align == "center" else WD_ALIGN_PARAGRAPH.LEFT
    fmt = p.paragraph_format
    fmt.line_spacing, fmt.line_spacing_rule = Pt(round(size * 1.35, 1)), WD_LINE_SPACING.EXACTLY
    fmt.space_before = fmt.space_after = Pt(1)
    fmt.first_line_indent = None
    fmt.widow_control = False
    _no_autospace(p)
    if text:
        doc.run(p, text, font, size)


def _no_autospace(p: Paragraph) -> None:
    """No extra space between CJK and Latin text or digits in a cell, so widths counted in characters hold
    (``2021年1月31日`` would otherwise grow by a character and wrap, and ``T034`` split after ``T03``)."""
    ppr = p._p.get_or_add_pPr()
    for tag in ("w:autoSpaceDE", "w:autoSpaceDN"):
        ppr.insert_element_before(oxml(tag, val="0"), *_AFTER_AUTOSPACE)


#: The children of ``w:pPr`` that follow ``w:autoSpaceDN`` in the schema (Word refuses other orders).
_AFTER_AUTOSPACE = ("w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
                    "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
                    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
                    "w:pPrChange")

def add_colophon(doc: GovDocument, cc: str, printer: str, date: dt.date, *, own_page: bool = False) -> None:
    """版记 after the last text: 抄送, 印发单位 and 印发日期 between black rules (四号 仿宋).

    GB/T 9704 puts it at the foot of the last page. With ``own_page`` it gets a last portrait page and
    sits at its foot (after landscape attachments, say); otherwise it follows the text a line below
    (a table positioned on the page would be placed inline by LibreOffice anyway).
    """

    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Pt

    rows = 2 if cc else 1
    if own_page:
        doc.page_break(landscape=False, even=True)
    cc_text = (cc if cc.endswith("。") else cc.rstrip("，,;；、 ") + "。") if cc else ""
    right = min(doc.width / 2, (text_width(f"{chinese_date(date)}印发") + 2.5) * SI)  # the date, its indent, a spare
    # No cell margins: each text has the cell's width less its one-character indent, so the lines are counted
    # right and the spacer above puts the last rule on the type area's foot (a line too few spills a page).
    from fazhi_tasks.report.gongwen.weekly_lists import wrap_name

    printer_lines = wrap_name(clean_text(printer), (doc.width - right - SI) / SI - 0.5)  # at a word, never in one
    lines = len(printer_lines)
    if cc:
        lines += _lines(f"抄送：{clean_text(cc_text)}", doc.width - SI)
    doc.paragraph(line=TYPE_AREA - lines * LINE - _COLOPHON_SLACK if own_page else LINE)
    table = doc.doc.add_table(rows=rows, cols=2)
    table.autofit = False
    margins = oxml("w:tblCellMar")
    for side in ("left", "right"):
        margins.append(oxml(f"w:{side}", w="0", type="dxa"))
    _insert(table._tbl.tblPr, margins)
    for column, width in zip(table.columns, (doc.width - right, right), strict=True):
        column.width = Pt(width)  # the grid decides in LibreOffice, the cells' widths in Word: both are set
    for row in table.rows:
        for cell, width in zip(row.cells, (doc.width - right, right), strict=True):
            cell.width = Pt(width)
    cells: list[tuple[_Cell, str, Any]] = []
    if cc:
        merged = table.cell(0, 0).merge(table.cell(0, 1))
        cells.append((merged, f"抄送：{cc_text}", WD_ALIGN_PARAGRAPH.LEFT))
    last = table.rows[-1].cells
    cells += [(last[0], "\n".join(printer_lines), WD_ALIGN_PARAGRAPH.LEFT),
              (last[1], f"{chinese_date(date)}印发", WD_ALIGN_PARAGRAPH.RIGHT)]
    for cell, text, align in cells:
        p = cell.paragraphs[0]
        p.alignment = align
        fmt = p.paragraph_format
        fmt.line_spacing, fmt.space_before, fmt.space_after = Pt(LINE), Pt(0), Pt(0)
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.left_indent = Pt(SI) if align == WD_ALIGN_PARAGRAPH.LEFT else None
        fmt.right_indent = Pt(SI) if align == WD_ALIGN_PARAGRAPH.RIGHT else None
        fmt.widow_control = False
        for k, line in enumerate(text.split("\n")):
            if k:
                p.runs[-1].add_break()
            doc.run(p, line, size=SI)
    thick, thin = (8, "000000"), (4, "000000")
    for r, row in enumerate(table.rows):
        for cell in row.cells:
            first, final = r == 0, r == rows - 1
            _cell_borders(cell, top=thick if first else thin, bottom=thick if final else thin)
    _no_table_borders(table)
    doc.paragraph(line=1)  # a table may not end the body

#: The type area's height (版心 225 mm), in points.
TYPE_AREA = 225 / 25.4 * 72
#: Points left free under the 版记 on its own page: its rules' widths, and a renderer's rounding.
_COLOPHON_SLACK = 8


def _lines(text: str, width: float) -> int:
    """Lines a 四号 text takes in ``width`` points (CJK breaks anywhere; a closing mark may carry one character)."""
    return max(1, math.ceil((text_width(text) * SI + 0.5 * SI) / width))


def _cell_borders(cell: _Cell, **sides: tuple[int, str]) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    borders = oxml("w:tcBorders")
    for side in ("top", "left", "bottom", "right"):
        size, color = sides.get(side, (0, "auto"))
        borders.append(oxml(f"w:{side}", val="single" if size else "nil", sz=str(size), space="0",
                             color=color))
    tcpr.append(borders)

def _no_table_borders(table: Table) -> None:
    from docx.oxml.ns import qn

    tblpr = table._tbl.tblPr
    old = tblpr.find(qn("w:tblBorders"))
    if old is not None:
        tblpr.remove(old)
    borders = oxml("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(oxml(f"w:{side}", val="nil"))
    _insert(tblpr, borders)


def _shown(value: object) -> str:
    """A cell's text as printed: dates as 2021年6月30日."""
    return chinese_date(value) if isinstance(value, dt.date) else clean_text(value)


def column_widths(headers: Sequence[str], rows: Sequence[Sequence[object]], available: float) -> list[float]:
    """Column widths in characters: short columns as wide as their longest text, long ones share the rest.

    A column is short when its longest cell (or header, two to a line) fits in 8 characters; each long
    column gets 8 characters (less when space is scarce), and the rest is shared in proportion to how much
    longer their longest cells are (up to 60 characters).

    >>> column_widths(("编号", "问题", "处室"), [("T1", "很长" * 30, "危险化学品安全监督管理处")], 40)
    [3.0, 27.16, 9.84]
    """
    natural = []
    for i, header in enumerate(headers):
        longest = max([text_width(_shown(r[i] if i < len(r) else "")) for r in rows[:500]] or [0.0])
        natural.append(max(2.0, text_width(clean_text(header)) / 2, longest) + 1.0)  # the cell margins, a spare
    if sum(natural) <= available:
        return natural
    short = {i: w for i, w in enumerate(natural) if w <= 8.5}
    long = [i for i in range(len(natural)) if i not in short]
    left = max(available - sum(short.values()), 4.0 * len(long))
    base = min(8.0, left / len(long))
    extra = {i: min(natural[i], 60.0) - base for i in long}
    total = sum(extra.values()) or 1.0
    share = left - base * len(long)
    return [short[i] if i in short else round(base + share * extra[i] / total, 2) for i in range(len(natural))]


def tables_docx(path: str | os.PathLike[str], tables: Sequence[TitledTable], *, title: str,
                date: dt.date | None, settings: ReportSettings | None = None, subtitle: str = "",
                landscape: bool = False, size: float = XIAOSI) -> None:
    """Write titled tables as one GB/T 9704-styled document: title, then each table under its heading.

    This is how any report command's tables become a .docx (e.g. the rectification list, the shortfalls,
    the plan check as a 计划检查意见): the first column and short ones are centred, long text wraps.

    Args:
        path: The .docx to write.
        tables: Titled tables (``title``, ``headers``, ``rows``); a date cell prints as 2021年6月25日.
        title: The document's title.
        date: The date signed under the tables (成文日期), unless the settings give one; with neither, the
            document ends with the tables.
        settings: Issuer settings (issuer, 联系人, 抄送, 印发); default :class:`ReportSettings`.
        subtitle: A line under the title, e.g. "（截至2021年6月25日）".
        landscape: Turn the pages for wide tables.
        size: Font size of the table text in points.

    >>> import tempfile, pathlib, datetime as dt
    >>> from fazhi_tasks.report.renderers.docx import _Table
    >>> t = _Table("一、逾期事项", ("编号", "任务名称"), (("T1", "<b>修订制度</b>"),))
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "t.docx"
    >>> tables_docx(out, [t], title="计划检查意见", date=dt.date(2021, 6, 25))
    >>> out.exists()
    True
    """
    settings = settings or ReportSettings()
    doc = GovDocument()
    if landscape:
        doc.turn(doc.doc.sections[0], landscape=True)
    doc.title(title, subtitle)
    for table in tables:
        doc.blank()
        doc.heading(clean_text(table.title))
        if not table.rows:
            doc.body("（无）")
            continue
        widths = column_widths(table.headers, table.rows, doc.width / size)
        centre = [i for i, w in enumerate(widths) if w <= 6]
        add_table(doc, table.headers, table.rows, widths, size=size, centre=centre)
    day = settings.date or date
    if day is None:
        doc.save(path)
        return
    contact = "，".join(x for x in (f"联系人：{settings.contact}" if settings.contact else "",
                                     f"联系电话：{settings.phone}" if settings.phone else "") if x)
    doc.signature(settings.issuer, day, f"（{contact}）" if contact else "")
    add_colophon(doc, settings.cc, settings.printer_name, day)
    doc.save(path)
