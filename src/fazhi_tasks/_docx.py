"""Word documents laid out after GB/T 9704-2012 (党政机关公文格式), on python-docx.

:class:`GovDocument` is the page: A4, top margin 37 mm, left 28 mm, type area 156 × 225 mm, 22 lines
of 28 characters in 仿宋_GB2312 三号; the red masthead (版头), the title in 方正小标宋简体 二号, headings
in 黑体 and 楷体_GB2312, page numbers "— 1 —" in the footer, the signature and date (落款), the note
(附注), attachments (附件) whose tables repeat their header row, and the colophon (版记). Every run
names its East Asian font (``w:eastAsia``), which python-docx does not do by itself; Word and WPS
then use the named fonts where installed, LibreOffice substitutes a CJK font where not.

:func:`tables_docx` writes any list of titled tables as such a document.
"""

from __future__ import annotations

import datetime as dt
import os
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from ._settings import ReportSettings, chinese_date

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import Table, _Cell
    from docx.text.paragraph import Paragraph

__all__ = ["FANGSONG", "HEITI", "KAITI", "XIAOBIAOSONG", "GovDocument", "TitledTable", "clean_text", "tables_docx"]

FANGSONG = "仿宋_GB2312"
HEITI = "黑体"
KAITI = "楷体_GB2312"
XIAOBIAOSONG = "方正小标宋简体"
SONGTI = "宋体"
WESTERN = "Times New Roman"
RED = "FF0000"
#: 三号, 二号, 四号, 小四, 五号 in points.
SAN, ER, SI, XIAOSI, WU = 16.0, 22.0, 14.0, 12.0, 10.5
#: 22 lines in the 225 mm type area.
LINE = 28.95
#: Text width in points (156 mm) and 28 characters of 三号 in it: each run is condensed by 0.25 pt.
WIDTH = 156 / 25.4 * 72
_CONDENSE = -5  # twentieths of a point
#: 督办等级 fills: 蓝 / 黄 / 红.
LEVEL_FILLS = {"蓝": "9DC3E6", "黄": "FFE699", "红": "FF8080"}


def clean_text(value: object) -> str:
    """Text safe for a Word document: control characters (not allowed in XML) become spaces or go.

    Markup and formula-like text stay as typed: Word shows them as text.

    >>> clean_text("<script>x</script>\\x07=cmd|' /C calc'!A0\\n")
    "<script>x</script> =cmd|' /C calc'!A0"
    """
    if value is None:
        return ""
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    if text.isprintable():
        return text
    out = []
    for ch in text:
        kind = unicodedata.category(ch)
        if kind == "Cc":
            out.append(" " if ch in "\t\n\r\x0b\x0c\x07" else "")
        elif kind == "Cs" or ch in "\ufffe\uffff":
            out.append("\ufffd")
        else:
            out.append(ch)
    return "".join(out).strip()


def text_width(text: str) -> float:
    """Width in em: a CJK or full-width character counts 1, others one half."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in text)


class TitledTable(Protocol):
    """Anything with a title, headers and rows, e.g. a report section."""

    @property
    def title(self) -> str: ...  # pragma: no cover - a protocol

    @property
    def headers(self) -> Sequence[str]: ...  # pragma: no cover - a protocol

    @property
    def rows(self) -> Sequence[Sequence[object]]: ...  # pragma: no cover - a protocol


def _oxml(tag: str, **attributes: str) -> Any:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = OxmlElement(tag)
    for key, value in attributes.items():
        element.set(qn(f"w:{key}"), value)
    return element


def set_fonts(rpr: Any, east: str, west: str = WESTERN) -> None:
    """Name the fonts of a run (or style) properties element: Western, East Asian and complex script."""
    from docx.oxml.ns import qn

    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = _oxml("w:rFonts")
        rpr.insert(0, fonts)
    for key, value in (("ascii", west), ("hAnsi", west), ("eastAsia", east), ("cs", west), ("hint", "eastAsia")):
        fonts.set(qn(f"w:{key}"), value)


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


class GovDocument:
    """A 公文 page built paragraph by paragraph; :meth:`save` writes the .docx.

    >>> import tempfile, pathlib
    >>> doc = GovDocument()
    >>> doc.title("关于示范创建任务推进情况的通报")
    >>> _ = doc.body("现将有关情况通报如下。")
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "a.docx"
    >>> doc.save(path)
    >>> path.stat().st_size > 5000
    True
    """

    def __init__(self) -> None:
        import docx
        from docx.shared import Mm, Pt

        self.doc: Document = docx.Document()
        section = self.doc.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
        section.header_distance, section.footer_distance = Mm(15), Mm(22)
        self.doc.settings.odd_and_even_pages_header_footer = True
        self._styles()
        self._page_numbers(section)
        self.Pt = Pt

    # -- set-up ------------------------------------------------------------------------------------

    def _styles(self) -> None:
        from docx.oxml.ns import qn
        from docx.shared import Pt

        styles = self.doc.styles
        element = styles.element
        defaults = element.find(qn("w:docDefaults"))
        rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        set_fonts(rpr, FANGSONG)
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = _oxml("w:lang")
            rpr.append(lang)
        lang.set(qn("w:eastAsia"), "zh-CN")
        normal = styles["Normal"]
        normal.font.size = Pt(SAN)
        set_fonts(normal.element.get_or_add_rPr(), FANGSONG)
        for name in ("Table Grid", "Footer", "Header"):
            set_fonts(styles[name].element.get_or_add_rPr(), FANGSONG)

    def _page_numbers(self, section: Any) -> None:
        """"— 1 —" in 宋体 四号: odd pages right (右空一字), even pages left (左空一字)."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
                              (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
            footer.is_linked_to_previous = False
            p = footer.paragraphs[0]
            p.alignment = align
            fmt = p.paragraph_format
            fmt.right_indent = Pt(SI) if align == WD_ALIGN_PARAGRAPH.RIGHT else None
            fmt.left_indent = Pt(SI) if align == WD_ALIGN_PARAGRAPH.LEFT else None
            self.run(p, "— ", SONGTI, SI, west=SONGTI)
            self._field(p, "PAGE", "1")
            self.run(p, " —", SONGTI, SI, west=SONGTI)

    def _field(self, p: Paragraph, code: str, shown: str) -> None:
        parts = [_oxml("w:fldChar", fldCharType="begin"), _oxml("w:instrText"), _oxml("w:fldChar",
                 fldCharType="separate"), None, _oxml("w:fldChar", fldCharType="end")]
        parts[1].text = f" {code} "
        parts[1].set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        for part in parts:
            run = self.run(p, shown if part is None else "", SONGTI, SI, west=SONGTI)
            if part is not None:
                run._r.append(part)

    # -- runs and paragraphs -----------------------------------------------------------------------

    def run(self, p: Paragraph, text: object, font: str = FANGSONG, size: float = SAN, *, bold: bool = False,
            color: str | None = None, west: str = WESTERN, condense: bool = False, tabs: bool = False) -> Any:
        """Add a run with its fonts (East Asian included), size and colour; the text is cleaned.

        With ``tabs`` a tab character in ``text`` is a tab (to a tab stop), otherwise it becomes a space.
        """
        from docx.shared import Pt, RGBColor

        pieces = str(text).split("\t") if tabs else [text]
        run = p.add_run(clean_text(pieces[0]))
        for piece in pieces[1:]:
            run.add_tab()
            run.add_text(clean_text(piece))
        run.font.size = Pt(size)
        run.font.bold = bold or None
        if color:
            run.font.color.rgb = RGBColor.from_string(color)
        rpr = run._r.get_or_add_rPr()
        set_fonts(rpr, font, west)
        if condense:
            rpr.append(_oxml("w:spacing", val=str(_CONDENSE)))
        return run

    def paragraph(self, *, align: str = "justify", indent: float = 0.0, line: float | None = LINE,
                  before: float = 0.0, after: float = 0.0, left: float = 0.0, right: float = 0.0,
                  keep_next: bool = False) -> Paragraph:
        """A new paragraph: alignment, first-line indent (in characters of 三号), exact line height."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
        from docx.shared import Pt

        p = self.doc.add_paragraph()
        fmt = p.paragraph_format
        p.alignment = {"justify": WD_ALIGN_PARAGRAPH.JUSTIFY, "center": WD_ALIGN_PARAGRAPH.CENTER,
                       "left": WD_ALIGN_PARAGRAPH.LEFT, "right": WD_ALIGN_PARAGRAPH.RIGHT}[align]
        fmt.space_before, fmt.space_after = Pt(before), Pt(after)
        if line is not None:
            fmt.line_spacing, fmt.line_spacing_rule = Pt(line), WD_LINE_SPACING.EXACTLY
        fmt.first_line_indent = Pt(indent * SAN) if indent >= 0 else None
        if indent < 0:
            fmt.first_line_indent = Pt(indent * SAN)
        fmt.left_indent = Pt(left * SAN) if left else None
        fmt.right_indent = Pt(right * SAN) if right else None
        fmt.widow_control = False
        fmt.keep_with_next = keep_next or None
        return p

    def body(self, *parts: object | tuple[object, str]) -> Paragraph:
        """A body paragraph in 仿宋 三号, indented two characters; a part ``(text, font)`` changes the font."""
        p = self.paragraph(indent=2)
        for part in parts:
            text, font = part if isinstance(part, tuple) else (part, FANGSONG)
            self.run(p, text, font, condense=True)
        return p

    def blank(self) -> Paragraph:
        """An empty line of the body grid."""
        return self.paragraph()

    def heading(self, text: str) -> Paragraph:
        """A first-level heading ("一、…") in 黑体 三号."""
        p = self.paragraph(indent=2, keep_next=True)
        self.run(p, text, HEITI, condense=True)
        return p

    def title(self, text: str, subtitle: str = "") -> None:
        """The title in 方正小标宋简体 二号, centred, and an optional subtitle in 楷体 三号."""
        p = self.paragraph(align="center", line=LINE + 4)
        self.run(p, text, XIAOBIAOSONG, ER)
        if subtitle:
            p = self.paragraph(align="center")
            self.run(p, subtitle, KAITI, condense=True)

    def masthead(self, name: str, issue: str, issuer: str, date: dt.date | None, signer: str = "") -> None:
        """The red 版头: the name of the series, the 期号 (and 签发人), the issuer and date, the red rule.

        Without a ``date`` the issuer line is left out (a notice signs at its foot instead).
        """
        from docx.enum.text import WD_TAB_ALIGNMENT
        from docx.shared import Pt

        size = max(SAN, min(36.0, int(WIDTH * 0.9 / max(text_width(name), 1.0))))
        p = self.paragraph(align="center", line=size * 1.3)
        self.run(p, name, XIAOBIAOSONG, size, color=RED, condense=False)
        if signer:
            p = self.paragraph(align="left", left=1, before=6)
            p.paragraph_format.tab_stops.add_tab_stop(Pt(WIDTH - SAN), WD_TAB_ALIGNMENT.RIGHT)
            self.run(p, f"{clean_text(issue)}\t签发人：", tabs=True)
            self.run(p, signer, KAITI)
        else:
            p = self.paragraph(align="center", before=6)
            self.run(p, issue)
        if date is None:
            self._border(p, "bottom", RED, 18, space=6)
            self.paragraph(line=LINE / 2)
            return
        day = chinese_date(date)
        if text_width(issuer) + text_width(day) + 2 <= WIDTH / SI:
            p = self.paragraph(align="left", line=LINE)
            p.paragraph_format.tab_stops.add_tab_stop(Pt(WIDTH - 2), WD_TAB_ALIGNMENT.RIGHT)
            self.run(p, f"{clean_text(issuer)}\t{day}", size=SI, tabs=True)
        else:
            self.run(self.paragraph(align="left", line=SI + 8), issuer, size=SI)
            p = self.paragraph(align="right", line=SI + 8)
            self.run(p, day, size=SI)
        self._border(p, "bottom", RED, 18, space=4)
        self.paragraph(line=LINE / 2)

    def _border(self, p: Paragraph, side: str, color: str, eighths: int, space: int = 1) -> None:
        from docx.oxml.ns import qn

        ppr = p._p.get_or_add_pPr()
        borders = ppr.find(qn("w:pBdr"))
        if borders is None:
            borders = _oxml("w:pBdr")
            ppr.append(borders)
            # pBdr must precede the spacing and indentation elements in pPr
            ppr.remove(borders)
            anchor = next((c for c in ppr if c.tag in {qn("w:spacing"), qn("w:ind"), qn("w:jc"),
                                                       qn("w:tabs"), qn("w:shd")}), None)
            if anchor is not None:
                anchor.addprevious(borders)
            else:
                ppr.append(borders)
        borders.append(_oxml(f"w:{side}", val="single", sz=str(eighths), space=str(space), color=color))

    def signature(self, issuer: str, date: dt.date, note: str = "", *, gap: bool = True) -> None:
        """落款: the issuer right-aligned two characters in, the date below it, then the 附注."""
        day = chinese_date(date)
        line = WIDTH / (SAN + _CONDENSE / 20)
        wi, wd = text_width(issuer), text_width(day)
        if gap:
            self.blank()
        if wi + 2 > line:
            self.run(self.paragraph(align="right"), issuer, condense=True)
            self.run(self.paragraph(align="right", right=4), day, condense=True)
        elif wi >= wd + 2:
            self.run(self.paragraph(align="right", right=2), issuer, condense=True)
            self.run(self.paragraph(align="left", left=line - wi), day, condense=True)
        else:
            self.run(self.paragraph(align="left", left=max(0.0, line - 4 - wd + (wd - wi) / 2)), issuer,
                     condense=True)
            self.run(self.paragraph(align="right", right=4), day, condense=True)
        if note:
            self.run(self.paragraph(indent=2), note, condense=True)

    def attachment_list(self, names: Sequence[str]) -> None:
        """附件说明: "附件：1. …" under the body, later names aligned under the first."""
        self.blank()
        for n, name in enumerate(names, start=1):
            if len(names) == 1:
                self.body(f"附件：{name}")
                break
            p = self.paragraph(indent=2 if n == 1 else 0, left=0 if n == 1 else 5)
            self.run(p, f"{'附件：' if n == 1 else ''}{n}. {name}", condense=True)

    def page_break(self, *, landscape: bool | None = None) -> None:
        """Start a new page; ``landscape`` True/False starts a new section turned that way."""
        from docx.enum.section import WD_ORIENT, WD_SECTION
        from docx.shared import Mm

        if landscape is None:
            from docx.enum.text import WD_BREAK

            self.run(self.paragraph(), "").add_break(WD_BREAK.PAGE)
            return
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        if landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = Mm(297), Mm(210)
            section.top_margin, section.bottom_margin = Mm(28), Mm(26)
            section.left_margin, section.right_margin = Mm(37), Mm(35)
            section.footer_distance = Mm(12)
        else:
            section.orientation = WD_ORIENT.PORTRAIT
            section.page_width, section.page_height = Mm(210), Mm(297)
            section.top_margin, section.bottom_margin = Mm(37), Mm(35)
            section.left_margin, section.right_margin = Mm(28), Mm(26)
            section.footer_distance = Mm(22)

    @property
    def width(self) -> float:
        """The current section's text width in points."""
        section = self.doc.sections[-1]
        used = int(section.left_margin or 0) + int(section.right_margin or 0)
        return (int(section.page_width or 0) - used) / 12700

    def attachment(self, number: int | None, title: str) -> None:
        """An attachment's first lines: "附件1" in 黑体 at the top left, its title centred in 小标宋."""
        p = self.paragraph(align="left")
        self.run(p, "附件" if number is None else f"附件{number}", HEITI)
        p = self.paragraph(align="center", line=LINE + 4, before=6, after=8)
        self.run(p, title, XIAOBIAOSONG, ER - 4)

    def table(self, headers: Sequence[str], rows: Sequence[Sequence[object]], widths: Sequence[float], *,
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

        table: Table = self.doc.add_table(rows=1, cols=len(headers))
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        margins = _oxml("w:tblCellMar")
        for side in ("left", "right"):
            margins.append(_oxml(f"w:{side}", w="57", type="dxa"))  # 1 mm: narrow columns keep their words
        _insert(table._tbl.tblPr, margins)
        total = sum(widths)
        points = [Pt(self.width * w / total) for w in widths]
        for column, width in zip(table.columns, points, strict=True):
            column.width = width
        header = table.rows[0]
        trpr = header._tr.get_or_add_trPr()
        trpr.append(_oxml("w:tblHeader"))
        trpr.append(_oxml("w:cantSplit"))
        for cell, text, width in zip(header.cells, headers, points, strict=True):
            self._cell(cell, text, HEITI, size, width, align="center")
        for values in rows:
            row = table.add_row()  # type: ignore[no-untyped-call]  # python-docx leaves it unannotated
            row._tr.get_or_add_trPr().append(_oxml("w:cantSplit"))
            for index, (cell, value, width) in enumerate(zip(row.cells, values, points, strict=True)):
                text = chinese_date(value) if isinstance(value, dt.date) else clean_text(value)
                self._cell(cell, text, FANGSONG, size, width, align="center" if index in centre else "left")
                fill = (fills or {}).get(index, {}).get(text)
                if fill:
                    cell._tc.get_or_add_tcPr().append(_oxml("w:shd", val="clear", color="auto", fill=fill))
        for row in table.rows:
            for cell in row.cells:
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        return table

    def _cell(self, cell: _Cell, text: str, font: str, size: float, width: Any, *, align: str) -> None:
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
        if text:
            self.run(p, text, font, size)

    def colophon(self, cc: str, printer: str, date: dt.date, *, own_page: bool = False) -> None:
        """版记 after the last text: 抄送, 印发单位 and 印发日期 between black rules (四号 仿宋).

        GB/T 9704 puts it at the foot of the last page. With ``own_page`` it gets a last portrait page and
        sits at its foot (after landscape attachments, say); otherwise it follows the text a line below
        (a table positioned on the page would be placed inline by LibreOffice anyway).
        """
        import math

        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        rows = 2 if cc else 1
        if own_page:
            self.page_break(landscape=False)
        right = min(self.width / 2, (text_width(chinese_date(date)) + 3.5) * SI)
        lines = math.ceil(text_width(clean_text(printer)) * SI / (self.width - right - 2 * SI)) or 1
        if cc:
            lines += math.ceil((text_width(clean_text(cc)) + 4) * SI / (self.width - 3 * SI))
        self.paragraph(line=225 / 25.4 * 72 - lines * LINE - 8 if own_page else LINE)
        table = self.doc.add_table(rows=rows, cols=2)
        table.autofit = False
        for row in table.rows:
            for cell, width in zip(row.cells, (self.width - right, right), strict=True):
                cell.width = Pt(width)
        cells: list[tuple[_Cell, str, Any]] = []
        if cc:
            merged = table.cell(0, 0).merge(table.cell(0, 1))
            text = cc if cc.endswith("。") else cc.rstrip("，,;；、 ") + "。"
            cells.append((merged, f"抄送：{text}", WD_ALIGN_PARAGRAPH.LEFT))
        last = table.rows[-1].cells
        cells += [(last[0], printer, WD_ALIGN_PARAGRAPH.LEFT),
                  (last[1], f"{chinese_date(date)}印发", WD_ALIGN_PARAGRAPH.RIGHT)]
        for cell, text, align in cells:
            p = cell.paragraphs[0]
            p.alignment = align
            fmt = p.paragraph_format
            fmt.line_spacing, fmt.space_before, fmt.space_after = Pt(LINE), Pt(0), Pt(0)
            fmt.left_indent = Pt(SI) if align == WD_ALIGN_PARAGRAPH.LEFT else None
            fmt.right_indent = Pt(SI) if align == WD_ALIGN_PARAGRAPH.RIGHT else None
            fmt.widow_control = False
            self.run(p, text, size=SI)
        thick, thin = (8, "000000"), (4, "000000")
        for r, row in enumerate(table.rows):
            for cell in row.cells:
                first, final = r == 0, r == rows - 1
                self._cell_borders(cell, top=thick if first else thin, bottom=thick if final else thin)
        self._no_table_borders(table)
        self.paragraph(line=1)  # a table may not end the body

    def _cell_borders(self, cell: _Cell, **sides: tuple[int, str]) -> None:
        tcpr = cell._tc.get_or_add_tcPr()
        borders = _oxml("w:tcBorders")
        for side in ("top", "left", "bottom", "right"):
            size, color = sides.get(side, (0, "auto"))
            borders.append(_oxml(f"w:{side}", val="single" if size else "nil", sz=str(size), space="0",
                                 color=color))
        tcpr.append(borders)

    def _no_table_borders(self, table: Table) -> None:
        from docx.oxml.ns import qn

        tblpr = table._tbl.tblPr
        old = tblpr.find(qn("w:tblBorders"))
        if old is not None:
            tblpr.remove(old)
        borders = _oxml("w:tblBorders")
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            borders.append(_oxml(f"w:{side}", val="nil"))
        _insert(tblpr, borders)

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the document; the old file stays if writing fails."""
        from ._planfile import atomic_write

        with atomic_write(Path(path)) as out:
            self.doc.save(out)


def tables_docx(path: str | os.PathLike[str], tables: Sequence[TitledTable], *, title: str,
                date: dt.date, settings: ReportSettings | None = None, subtitle: str = "",
                landscape: bool = False, size: float = XIAOSI) -> None:
    """Write titled tables as one GB/T 9704-styled document: title, then each table under its heading.

    This is how any report command's tables become a .docx (e.g. the rectification list, the shortfalls,
    the plan check as a 计划检查意见): the first column and short ones are centred, long text wraps.

    Args:
        path: The .docx to write.
        tables: Titled tables (``title``, ``headers``, ``rows``); a date cell prints as 2021年6月25日.
        title: The document's title.
        date: The date signed under the tables (成文日期), unless the settings give one.
        settings: Issuer settings (issuer, 联系人, 抄送, 印发); default :class:`ReportSettings`.
        subtitle: A line under the title, e.g. "（截至2021年6月25日）".
        landscape: Turn the pages for wide tables.
        size: Font size of the table text in points.

    >>> import tempfile, pathlib, datetime as dt
    >>> from fazhi_tasks._sections import Section
    >>> t = Section("x", "一、逾期事项", ("编号", "任务名称"), (("T1", "<b>修订制度</b>"),))
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "t.docx"
    >>> tables_docx(out, [t], title="计划检查意见", date=dt.date(2021, 6, 25))
    >>> out.exists()
    True
    """
    settings = settings or ReportSettings()
    doc = GovDocument()
    if landscape:
        section = doc.doc.sections[0]
        from docx.enum.section import WD_ORIENT
        from docx.shared import Mm

        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        section.top_margin, section.bottom_margin = Mm(28), Mm(26)
        section.left_margin, section.right_margin = Mm(37), Mm(35)
        section.footer_distance = Mm(12)
    doc.title(title, subtitle)
    for table in tables:
        doc.blank()
        doc.heading(clean_text(table.title))
        widths = [max(2.0, min(14.0, max([text_width(clean_text(h)) for h in table.headers[i:i + 1]]
                                        + [text_width(clean_text(r[i])) for r in table.rows[:200]])))
                  for i in range(len(table.headers))]
        centre = [i for i, w in enumerate(widths) if w <= 6]
        if not table.rows:
            doc.body("（无）")
            continue
        doc.table(table.headers, table.rows, widths, size=size, centre=centre)
    day = settings.date or date
    contact = "，".join(x for x in (f"联系人：{settings.contact}" if settings.contact else "",
                                     f"联系电话：{settings.phone}" if settings.phone else "") if x)
    doc.signature(settings.issuer, day, f"（{contact}）" if contact else "")
    doc.colophon(settings.cc, settings.printer_name, day)
    doc.save(path)
