"""Word documents laid out after GB/T 9704-2012 (党政机关公文格式), on python-docx.

:class:`GovDocument` is the page: A4, top margin 37 mm, left 28 mm, type area 156 × 225 mm, 22 lines
of 28 characters in 仿宋_GB2312 三号; the red masthead (版头), the title in 方正小标宋简体 二号, headings
in 黑体 and 楷体_GB2312, page numbers "— 1 —" in the footer, the signature and date (落款), the note
(附注), attachments (附件) whose tables repeat their header row, and the colophon (版记). Every run
names its East Asian font (``w:eastAsia``), which python-docx does not do by itself; Word and WPS
then use the named fonts where installed, LibreOffice substitutes a CJK font where not.

Tables, the 版记 and :func:`tables_docx` (any titled tables as such a document) are in ``report/gongwen/tables.py``.
"""

from __future__ import annotations

import datetime as dt
import os
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from fazhi_tasks.core.colours import LEVEL_FILLS
from fazhi_tasks.io.settings import chinese_date

if TYPE_CHECKING:
    from docx.document import Document
    from docx.text.paragraph import Paragraph

__all__ = ["FANGSONG", "HEITI", "KAITI", "LEVEL_FILLS", "XIAOBIAOSONG", "GovDocument", "clean_text", "set_fonts",
           "text_width"]

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
#: Space between the red rule and the title: two body lines, less the title line's own lead.
MASTHEAD_GAP = 2 * LINE - 4



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


def oxml(tag: str, **attributes: str) -> Any:
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
        fonts = oxml("w:rFonts")
        rpr.insert(0, fonts)
    for key, value in (("ascii", west), ("hAnsi", west), ("eastAsia", east), ("cs", west), ("hint", "eastAsia")):
        fonts.set(qn(f"w:{key}"), value)


def _masthead_size(name: str) -> float:
    """The 版头's size: as large as fits 90 % of the line, 三号 to 36 pt."""
    return max(SAN, min(36.0, int(WIDTH * 0.9 / max(text_width(name), 1.0))))


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
        self.turn(section, landscape=False)
        section.header_distance = Mm(15)
        self.doc.settings.odd_and_even_pages_header_footer = True
        self._annex_lines: list[Any] = []  # the 附件说明's paragraphs
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
            lang = oxml("w:lang")
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
        parts = [oxml("w:fldChar", fldCharType="begin"), oxml("w:instrText"), oxml("w:fldChar",
                 fldCharType="separate"), None, oxml("w:fldChar", fldCharType="end")]
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
            rpr.append(oxml("w:spacing", val=str(_CONDENSE)))
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
        """The title in 方正小标宋简体 二号, centred, and an optional subtitle in 楷体 三号.

        A line break (``\\n``) in ``text`` breaks the title there: at a word, never in one.
        """
        p = self.paragraph(align="center", line=LINE + 4)
        run: Any = None
        for k, line in enumerate(text.split("\n")):
            if k:
                run.add_break()
            run = self.run(p, line, XIAOBIAOSONG, ER)
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
        self._masthead_date(p, issuer, date)

    def _masthead_date(self, p: Paragraph, issuer: str, date: dt.date) -> None:
        from docx.enum.text import WD_TAB_ALIGNMENT
        from docx.shared import Pt

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
        self.paragraph(line=MASTHEAD_GAP)  # the title sits two lines below the red rule (GB/T 9704 §7.3.1)

    def properties(self, *, title: str, author: str, day: dt.date) -> None:
        """The file's properties (Word's 文件 → 属性): its title, the issuer as author, the date."""
        props = self.doc.core_properties
        props.title, props.author, props.last_modified_by = clean_text(title), clean_text(author), clean_text(author)
        props.created = props.modified = dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
        props.comments = props.keywords = props.subject = ""

    def masthead_number(self, name: str, number: str) -> None:
        """The 版头 of a 下行文 (GB/T 9704 §7.2): the red name, two blank lines, the 发文字号 centred (e.g.
        ``金应急〔2021〕12号`` or 第43期), the red rule under it, then two lines to the title. No 签发人 (only
        an 上行文 has one) and no issuer or date between the number and the rule (they sign the text)."""
        size = _masthead_size(name)
        p = self.paragraph(align="center", line=size * 1.3)
        self.run(p, name, XIAOBIAOSONG, size, color=RED, condense=False)
        self.paragraph(line=2 * LINE)
        p = self.paragraph(align="center")
        self.run(p, number)
        self._border(p, "bottom", RED, 18, space=11)  # the rule 4 mm under the number
        self.paragraph(line=MASTHEAD_GAP)

    def _border(self, p: Paragraph, side: str, color: str, eighths: int, space: int = 1) -> None:
        from docx.oxml.ns import qn

        ppr = p._p.get_or_add_pPr()
        borders = ppr.find(qn("w:pBdr"))
        if borders is None:
            borders = oxml("w:pBdr")
            ppr.append(borders)
            # pBdr must precede the spacing and indentation elements in pPr
            ppr.remove(borders)
            anchor = next((c for c in ppr if c.tag in {qn("w:spacing"), qn("w:ind"), qn("w:jc"),
                                                       qn("w:tabs"), qn("w:shd")}), None)
            if anchor is not None:
                anchor.addprevious(borders)
            else:
                ppr.append(borders)
        borders.append(oxml(f"w:{side}", val="single", sz=str(eighths), space=str(space), color=color))

    def signature(self, issuer: str, date: dt.date, note: str = "", *, gap: bool = True) -> None:
        """落款: the issuer right-aligned two characters in, the date below it, then the 附注."""
        day = chinese_date(date)
        line = self.width / (SAN + _CONDENSE / 20)  # this section's width: landscape pages are wider
        wi, wd = text_width(issuer), text_width(day)
        self.keep_with_next()  # a 署名 never starts a page of its own: the last text goes with it
        if gap:
            self.blank().paragraph_format.keep_with_next = True
        if wi + 2 > line:
            self.run(self.paragraph(align="right", keep_next=True), issuer, condense=True)
            self.run(self.paragraph(align="right", right=4, keep_next=bool(note)), day, condense=True)
        elif wi >= wd + 2:
            self.run(self.paragraph(align="right", right=2, keep_next=True), issuer, condense=True)
            self.run(self.paragraph(align="left", left=line - wi, keep_next=bool(note)), day, condense=True)
        else:
            self.run(self.paragraph(align="left", left=max(0.0, line - 4 - wd + (wd - wi) / 2), keep_next=True),
                     issuer, condense=True)
            self.run(self.paragraph(align="right", right=4, keep_next=bool(note)), day, condense=True)
        if note:
            self.run(self.paragraph(indent=2), note, condense=True)

    def keep_with_next(self) -> None:
        """Keep the text so far with what follows: the trailing empty lines and 附件说明, and the last line of
        text before them, move to the next page together with it."""
        for p in reversed(self.doc.paragraphs):
            p.paragraph_format.keep_with_next = True
            if p.text.strip() and p._p not in self._annex_lines:
                p.paragraph_format.widow_control = True  # its last two lines move, not the whole paragraph
                break

    def attachment_list(self, names: Sequence[str]) -> None:
        """附件说明: "附件：1. …" under the body, later names aligned under the first."""
        self.blank()
        for n, name in enumerate(names, start=1):
            if len(names) == 1:
                self._annex_lines.append(self.body(f"附件：{name}")._p)
                break
            p = self.paragraph(indent=2 if n == 1 else 0, left=0 if n == 1 else 5)
            self.run(p, f"{'附件：' if n == 1 else ''}{n}. {name}", condense=True)
            self._annex_lines.append(p._p)

    def page_break(self, *, landscape: bool | None = None, even: bool = False) -> None:
        """Start a new page; ``landscape`` True/False starts a new section turned that way.

        With ``even`` the new section starts on an even page: Word and LibreOffice put in a blank page when
        the text before it ends on an even one (a 版记 is printed on the back of a sheet, GB/T 9704 §7.3.1).
        """
        from docx.enum.section import WD_SECTION

        if landscape is None:
            from docx.enum.text import WD_BREAK

            self.run(self.paragraph(), "").add_break(WD_BREAK.PAGE)
            return
        self.turn(self.doc.add_section(WD_SECTION.EVEN_PAGE if even else WD_SECTION.NEW_PAGE), landscape=landscape)

    def turn(self, section: Any, *, landscape: bool) -> None:
        """Set a section's page: A4 portrait (type area 156 × 225 mm) or landscape (225 × 156 mm)."""
        from docx.enum.section import WD_ORIENT
        from docx.shared import Mm

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

    def attachment(self, number: int | None, title: str, *, new_page: bool = False) -> None:
        """An attachment's first lines: "附件1" in 黑体 at the top left, its title centred in 小标宋.

        With ``new_page`` it starts a page (page break before: a table that fills the page before it leaves
        no empty page behind, as a break paragraph after the table would).
        """
        p = self.paragraph(align="left")
        p.paragraph_format.page_break_before = new_page or None
        self.run(p, "附件" if number is None else f"附件{number}", HEITI)
        self.blank()
        p = self.paragraph(align="center", line=LINE + 4, after=8)
        self.run(p, title, XIAOBIAOSONG, ER)  # 二号 on the third line (GB/T 9704 §8)

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the document; the old file stays if writing fails."""
        from fazhi_tasks.core.files import atomic_write

        with atomic_write(path) as out:
            self.doc.save(out)
