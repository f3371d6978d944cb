"""What python-calamine does not say about an ``.ods``, read from its ``content.xml``: limits first, then structure.

Before the reader sees the file, every XML part is decompressed as a stream with the total and
each part's size checked as the bytes arrive (a zip bomb stops at the limit), and a part that
declares a DTD is refused. Then one linear pass over the table elements (byte patterns, no DOM)
expands ``number-rows-repeated`` and ``number-columns-repeated`` arithmetically, never cell by
cell: a value that would land beyond the last row or column allowed, or more cells holding
values than :data:`~fazhi_tasks.io.sheets.xlsx_scan.MAX_CELLS`, is refused with the place it would land.

The same pass reads what calamine leaves out for ``.ods`` so that a sheet reads as its ``.xlsx``
twin does: merged cells (``number-rows-spanned``/``number-columns-spanned``), percent cells
(``office:value-type="percentage"``), formulas saved without a value, hidden (collapsed) columns, and
struck-through cells: a cell whose style (its own ``table:style-name``, else its row's or column's
``table:default-cell-style-name``; parent styles followed, in ``content.xml`` and ``styles.xml``) has a
``style:text-line-through-style`` other than ``none``, or whose text is all in struck text spans (``<text:span>``).
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from pathlib import Path
from xml.sax.saxutils import unescape

import attrs

from fazhi_tasks.core.errors import DataFileError, Said, TooLarge
from fazhi_tasks.core.i18n import text
from fazhi_tasks.io.sheets.tabular import MAX_COLUMNS, MAX_ROWS, MAX_XLSX_UNPACKED, ErrorType
from fazhi_tasks.io.sheets.xlsx_scan import _SMALL_PART, MAX_CELLS, MAX_SHEET_XML, _fail, _read_part

__all__ = ["OdsFacts", "scan_ods"]

_TOKEN = re.compile(rb"<table:table\b[^>]*>|</table:table>|<table:table-column\b[^>]*>|<table:table-row\b[^>]*>"
                    rb"|<table:(?:covered-)?table-cell\b[^>]*>")
_NAME = re.compile(rb'\btable:name="([^"]*)"')
_ROWS_REPEATED = re.compile(rb'\btable:number-rows-repeated="(\d*)"')
_COLUMNS_REPEATED = re.compile(rb'\btable:number-columns-repeated="(\d*)"')
_ROWS_SPANNED = re.compile(rb'\btable:number-rows-spanned="(\d*)"')
_COLUMNS_SPANNED = re.compile(rb'\btable:number-columns-spanned="(\d*)"')
_VALUE_TYPE = re.compile(rb'\boffice:value-type="([^"]*)"')
_FORMULA = re.compile(rb"\btable:formula=")
_COLLAPSED = re.compile(rb'\btable:visibility="(?:collapse|filter)"')
_CELL_STYLE = re.compile(rb'\btable:style-name="([^"]*)"')
_DEFAULT_STYLE = re.compile(rb'\btable:default-cell-style-name="([^"]*)"')
_STYLE = re.compile(rb"<style:style\b([^>]*?)(/?)>")
_STYLE_NAME = re.compile(rb'\bstyle:name="([^"]*)"')
_STYLE_FAMILY = re.compile(rb'\bstyle:family="([^"]*)"')
_STYLE_PARENT = re.compile(rb'\bstyle:parent-style-name="([^"]*)"')
_TEXT_PROPERTIES = re.compile(rb"<style:text-properties\b[^>]*>")
_LINE_STYLE = re.compile(rb'\bstyle:text-line-through-style="([^"]*)"')
_LINE_TYPE = re.compile(rb'\bstyle:text-line-through-type="([^"]*)"')
_SPAN = re.compile(rb'<text:span\b[^>]*?\btext:style-name="([^"]*)"[^>]*>(.*?)</text:span>', re.DOTALL)
_TAG = re.compile(rb"<[^>]*>")
_FAR = 1 << 40  # a repeat count beyond any grid, kept as a plain int
#: Most percent or value-less formula cells noted in one table (each is a (row, column) pair in memory), and
#: most struck cells.
MAX_MARKS = 1_000_000


@attrs.frozen
class OdsFacts:
    """What the XML says about one table besides its values.

    Attributes:
        merged: (first row, first column, last row, last column) of each merged range (rows 1-based,
            columns 0-based), as :class:`~fazhi_tasks.io.sheets.workbook.Grid` keeps them.
        percent: (row, 0-based column) of cells whose value type is a percentage.
        uncached: (row, column) of formula cells saved without a value.
        hidden: 0-based collapsed columns.
        struck: (row, column) of cells holding a value whose text is struck through.
    """

    merged: tuple[tuple[int, int, int, int], ...] = ()
    percent: frozenset[tuple[int, int]] = frozenset()
    uncached: frozenset[tuple[int, int]] = frozenset()
    hidden: frozenset[int] = frozenset()
    struck: frozenset[tuple[int, int]] = frozenset()


def _count(pattern: re.Pattern[bytes], tag: bytes) -> int:
    m = pattern.search(tag)
    if not m or not m[1]:
        return 1
    return int(m[1]) if len(m[1]) < 13 else _FAR


@attrs.define
class _Table:
    name: str
    row: int = 0  # 0-based index of the next row
    column: int = 0  # 0-based index of the next cell in the current row
    row_repeat: int = 1
    defined_columns: int = 0
    values: int = 0
    merged: list[tuple[int, int, int, int]] = attrs.Factory(list)
    percent: set[tuple[int, int]] = attrs.Factory(set)
    uncached: set[tuple[int, int]] = attrs.Factory(set)
    hidden: set[int] = attrs.Factory(set)
    struck: set[tuple[int, int]] = attrs.Factory(set)
    struck_columns: set[int] = attrs.Factory(set)  # 0-based columns whose default cell style is struck
    row_style: bytes | None = None  # the current row's default cell style

    def facts(self) -> OdsFacts:
        return OdsFacts(tuple(self.merged), frozenset(self.percent), frozenset(self.uncached), frozenset(self.hidden),
                        frozenset(self.struck))


@attrs.frozen
class _Styles:
    """The struck styles: cell styles (family ``table-cell``) and text styles (family ``text``) by name."""

    cells: frozenset[bytes] = frozenset()
    text: frozenset[bytes] = frozenset()


def _styles(*parts: bytes) -> _Styles:
    """Which cell and text styles of ``parts`` strike their text through, parents followed."""
    own: dict[tuple[bytes, bytes], bool | None] = {}
    parent: dict[tuple[bytes, bytes], bytes] = {}
    for part in parts:
        for m in _STYLE.finditer(part):
            name, family = _STYLE_NAME.search(m[1]), _STYLE_FAMILY.search(m[1])
            if not name or not family or family[1] not in (b"table-cell", b"text"):
                continue
            key = (family[1], name[1])
            if up := _STYLE_PARENT.search(m[1]):
                parent[key] = up[1]
            line: bool | None = None
            if not m[2]:
                end = part.find(b"</style:style>", m.end())
                for props in _TEXT_PROPERTIES.finditer(part, m.end(), end if end >= 0 else len(part)):
                    if kind := _LINE_STYLE.search(props[0]):
                        line = kind[1] != b"none"
                    if (kind := _LINE_TYPE.search(props[0])) and kind[1] == b"none":
                        line = False
            own[key] = line

    def struck(key: tuple[bytes, bytes]) -> bool:
        for _ in range(32):  # a parent chain is short; a loop ends here
            line = own.get(key)
            if line is not None:
                return line
            if key not in parent:
                return False
            key = (key[0], parent[key])
        return False

    return _Styles(frozenset(n for f, n in own if f == b"table-cell" and struck((f, n))),
                   frozenset(n for f, n in own if f == b"text" and struck((f, n))))


def _all_struck_text(xml: bytes, start: int, styles: _Styles) -> bool:
    """Whether the cell whose start tag ends at ``start`` has text, all of it in struck text spans."""
    end = xml.find(b"</table:table-cell>", start)
    body = xml[start:end if end >= 0 else start]
    if b"<text:span" not in body:
        return False
    struck = False

    def drop(m: re.Match[bytes]) -> bytes:
        nonlocal struck
        if m[1] in styles.text and _TAG.sub(b"", m[2]).strip():
            struck = True
            return b""
        return m[0]

    rest = _SPAN.sub(drop, body)
    return struck and not _TAG.sub(b"", rest).strip()


def _too_far(path: Path, error: ErrorType, table: _Table, row: int, column: int) -> Exception:
    name = table.name
    if row > MAX_ROWS + 1_000:
        return _fail(error, path, TooLarge.of("sheets.ods_row_limit", name=name, row=row,
                                              max_rows=MAX_ROWS), sheet=name, value=row)
    return _fail(error, path, Said.of("sheets.ods_beyond_iv", name=name, row=row, column=column,
                                      max_columns=MAX_COLUMNS), sheet=name, value=column)


def _cell(tag: bytes, table: _Table, path: Path, error: ErrorType, styles: _Styles,  # noqa: PLR0917
          xml: bytes, end: int) -> None:
    repeat = _count(_COLUMNS_REPEATED, tag)
    first, table.column = table.column, min(table.column + repeat, _FAR)
    kind = _VALUE_TYPE.search(tag)
    formula = _FORMULA.search(tag) is not None
    if tag.endswith(b"/>") and kind is None and not formula:
        return
    last_row, last_column = table.row + table.row_repeat, first + repeat
    if last_row > MAX_ROWS + 1_000 or last_column > MAX_COLUMNS:
        raise _too_far(path, error, table, last_row, last_column)
    table.values += repeat * table.row_repeat
    if table.values > MAX_CELLS:
        name = table.name
        raise _fail(error, path, TooLarge.of("sheets.ods_too_many_cells", name=name,
                                             max_cells=MAX_CELLS), sheet=name, value=table.values)
    if tag.startswith(b"<table:covered"):
        return
    marks = table.percent if kind is not None and kind[1] in (b"percentage", b"percent") else (  # ODF: "percentage"
        table.uncached if formula and kind is None else None)
    if marks is not None:
        if len(marks) + repeat * table.row_repeat > MAX_MARKS:
            name = table.name
            raise _fail(error, path, TooLarge.of("sheets.ods_too_many_marks", name=name,
                                                 max_marks=MAX_MARKS), sheet=name)
        marks.update((r + 1, c) for r in range(table.row, last_row) for c in range(first, last_column))
    if styles.cells or styles.text:
        _strike(tag, table, styles, xml, end, (first, last_column, last_row), path, error)
    rows, columns = _count(_ROWS_SPANNED, tag), _count(_COLUMNS_SPANNED, tag)
    if rows > 1 or columns > 1:
        top = table.row + 1
        table.merged.append((top, first, min(top + rows - 1, MAX_ROWS + 1_001), min(first + columns - 1, MAX_COLUMNS)))


def _strike(tag: bytes, table: _Table, styles: _Styles, xml: bytes, end: int,  # noqa: PLR0917
            span: tuple[int, int, int], path: Path, error: ErrorType) -> None:
    """Note the cell (``span``: first column, past its last column, past its last 0-based row) if struck.

    Raises:
        TooLarge: (as :func:`_fail` gives it) more than :data:`MAX_MARKS` struck cells in the table.
    """
    first, last_column, last_row = span
    columns = range(first, min(last_column, MAX_COLUMNS))
    own = _CELL_STYLE.search(tag)
    if own is not None:  # the cell's own style, else its row's default, else its column's
        struck = list(columns) if own[1] in styles.cells else []
    elif table.row_style is not None:
        struck = list(columns) if table.row_style in styles.cells else []
    else:
        struck = [c for c in columns if c in table.struck_columns]
    if not struck and styles.text and not tag.endswith(b"/>") and _all_struck_text(xml, end, styles):
        struck = list(columns)
    if not struck:
        return
    if len(table.struck) + len(struck) * (last_row - table.row) > MAX_MARKS:
        name = table.name
        raise _fail(error, path, TooLarge(text("read.struck_too_many", "zh", sheet=name, limit=MAX_MARKS),
                                          text("read.struck_too_many", "en", sheet=name, limit=MAX_MARKS)),
                    sheet=name)
    table.struck.update((r + 1, c) for r in range(table.row, last_row) for c in struck)


def _tables(xml: bytes, path: Path, error: ErrorType, styles: _Styles) -> dict[str, OdsFacts]:
    facts: dict[str, OdsFacts] = {}
    table: _Table | None = None
    for m in _TOKEN.finditer(xml):
        tag = m[0]
        if tag.startswith(b"<table:table-row"):
            if table is not None:
                table.row += table.row_repeat
                table.row_repeat, table.column = _count(_ROWS_REPEATED, tag), 0
                table.row_style = default[1] if (default := _DEFAULT_STYLE.search(tag)) else None
        elif tag.startswith((b"<table:table-cell", b"<table:covered-table-cell")):
            if table is not None:
                _cell(tag, table, path, error, styles, xml, m.end())
        elif tag.startswith(b"<table:table-column"):
            if table is not None:
                repeat = _count(_COLUMNS_REPEATED, tag)
                if _COLLAPSED.search(tag):
                    table.hidden.update(range(table.defined_columns, min(table.defined_columns + repeat, MAX_COLUMNS)))
                if (default := _DEFAULT_STYLE.search(tag)) and default[1] in styles.cells:
                    table.struck_columns.update(range(table.defined_columns,
                                                      min(table.defined_columns + repeat, MAX_COLUMNS)))
                table.defined_columns = min(table.defined_columns + repeat, _FAR)
        elif tag == b"</table:table>":
            if table is not None:
                facts.setdefault(table.name, table.facts())
            table = None
        else:  # <table:table ...>
            name = _NAME.search(tag)
            table = _Table(unescape(name[1].decode("utf-8", "replace"), {"&quot;": '"', "&apos;": "'"})
                           if name else "?", row=0, row_repeat=0)
    return facts


def scan_ods(path: Path, data: bytes, error: ErrorType) -> dict[str, OdsFacts]:
    """Check an ``.ods`` against the limits before it is read; each table's structure by name.

    Raises:
        ``error``: Not a zip, too big unpacked, a DTD, a value beyond the rows or columns allowed,
            too many cells holding values, or a damaged zip entry.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError, NotImplementedError, struct.error):
        raise _fail(error, path, Said.of("sheets.ods_not_zip")) from None
    try:
        with archive:
            infos = archive.infolist()
            unpacked = sum(i.file_size for i in infos)
            if unpacked > MAX_XLSX_UNPACKED:
                raise _fail(error, path, TooLarge.of("sheets.xlsx_unpacks_big", unpacked=unpacked,
                                                     limit=MAX_XLSX_UNPACKED),
                            value=unpacked)
            budget = [0]
            content = common = b""
            for info in infos:
                if info.filename == "content.xml":
                    content = _read_part(archive, info, MAX_SHEET_XML, budget, path, error)
                elif info.filename == "styles.xml":
                    common = _read_part(archive, info, _SMALL_PART, budget, path, error)
                elif info.filename.endswith((".xml", ".rdf")):
                    _read_part(archive, info, _SMALL_PART, budget, path, error)
    except DataFileError:
        raise
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, zlib.error, EOFError, KeyError, ValueError,
            OSError, struct.error) as exc:
        raise _fail(error, path, Said.of("sheets.ods_damaged", kind=type(exc).__name__, error=exc)) from None
    body = content.find(b"<office:body")
    return _tables(content, path, error, _styles(common, content[:body if body >= 0 else len(content)]))
