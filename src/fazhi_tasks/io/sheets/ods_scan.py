"""What python-calamine does not say about an ``.ods``, read from its ``content.xml``: limits first, then structure.

Before the reader sees the file, every XML part is decompressed as a stream with the total and
each part's size checked as the bytes arrive (a zip bomb stops at the limit), and a part that
declares a DTD is refused. Then one linear pass over the table elements (byte patterns, no DOM)
expands ``number-rows-repeated`` and ``number-columns-repeated`` arithmetically, never cell by
cell: a value that would land beyond the last row or column allowed, or more cells holding
values than :data:`~fazhi_tasks.io.sheets.xlsx_scan.MAX_CELLS`, is refused with the place it would land.

The same pass reads what calamine leaves out for ``.ods`` so that a sheet reads as its ``.xlsx``
twin does: merged cells (``number-rows-spanned``/``number-columns-spanned``), percent cells
(``office:value-type="percent"``), formulas saved without a value, and hidden (collapsed) columns.
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
_FAR = 1 << 40  # a repeat count beyond any grid, kept as a plain int
#: Most percent or value-less formula cells noted in one table (each is a (row, column) pair in memory).
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
    """

    merged: tuple[tuple[int, int, int, int], ...] = ()
    percent: frozenset[tuple[int, int]] = frozenset()
    uncached: frozenset[tuple[int, int]] = frozenset()
    hidden: frozenset[int] = frozenset()


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

    def facts(self) -> OdsFacts:
        return OdsFacts(tuple(self.merged), frozenset(self.percent), frozenset(self.uncached), frozenset(self.hidden))


def _too_far(path: Path, error: ErrorType, table: _Table, row: int, column: int) -> Exception:
    name = table.name
    if row > MAX_ROWS + 1_000:
        return _fail(error, path, TooLarge.of("sheets.ods_row_limit", name=name, row=row,
                                              max_rows=MAX_ROWS), sheet=name, value=row)
    return _fail(error, path, Said.of("sheets.ods_beyond_iv", name=name, row=row, column=column,
                                      max_columns=MAX_COLUMNS), sheet=name, value=column)


def _cell(tag: bytes, table: _Table, path: Path, error: ErrorType) -> None:
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
    marks = table.percent if kind is not None and kind[1] == b"percent" else (
        table.uncached if formula and kind is None else None)
    if marks is not None:
        if len(marks) + repeat * table.row_repeat > MAX_MARKS:
            name = table.name
            raise _fail(error, path, TooLarge.of("sheets.ods_too_many_marks", name=name,
                                                 max_marks=MAX_MARKS), sheet=name)
        marks.update((r + 1, c) for r in range(table.row, last_row) for c in range(first, last_column))
    rows, columns = _count(_ROWS_SPANNED, tag), _count(_COLUMNS_SPANNED, tag)
    if rows > 1 or columns > 1:
        top = table.row + 1
        table.merged.append((top, first, min(top + rows - 1, MAX_ROWS + 1_001), min(first + columns - 1, MAX_COLUMNS)))


def _tables(xml: bytes, path: Path, error: ErrorType) -> dict[str, OdsFacts]:
    facts: dict[str, OdsFacts] = {}
    table: _Table | None = None
    for m in _TOKEN.finditer(xml):
        tag = m[0]
        if tag.startswith(b"<table:table-row"):
            if table is not None:
                table.row += table.row_repeat
                table.row_repeat, table.column = _count(_ROWS_REPEATED, tag), 0
        elif tag.startswith((b"<table:table-cell", b"<table:covered-table-cell")):
            if table is not None:
                _cell(tag, table, path, error)
        elif tag.startswith(b"<table:table-column"):
            if table is not None:
                repeat = _count(_COLUMNS_REPEATED, tag)
                if _COLLAPSED.search(tag):
                    table.hidden.update(range(table.defined_columns, min(table.defined_columns + repeat, MAX_COLUMNS)))
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
            content = b""
            for info in infos:
                if info.filename == "content.xml":
                    content = _read_part(archive, info, MAX_SHEET_XML, budget, path, error)
                elif info.filename.endswith((".xml", ".rdf")):
                    _read_part(archive, info, _SMALL_PART, budget, path, error)
    except DataFileError:
        raise
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, zlib.error, EOFError, KeyError, ValueError,
            OSError, struct.error) as exc:
        raise _fail(error, path, Said.of("sheets.ods_damaged", kind=type(exc).__name__, error=exc)) from None
    return _tables(content, path, error)
