"""Workbook cells as Excel shows them: values, percent formats, hidden columns, merges, formulas.

Values and merged ranges come from python-calamine (Rust; ``.xlsx``, ``.xls``, ``.xlsb``,
``.ods``), measured at 15× openpyxl's speed, run in a child process under a memory and CPU limit
(``io/sheets/sandbox.py``): a panic or an abort on a damaged file ends the child, never the caller. For
``.xlsx`` the limits, percent formats, uncomputed formulas and hidden columns are read first from
the XML (``io/sheets/xlsx_scan.py``), for ``.ods`` the limits, merges, percent cells, uncomputed formulas
and hidden columns from ``content.xml`` (``io/sheets/ods_scan.py``), so calamine only ever sees a workbook
within the limits; ``.xls`` and ``.xlsb`` rely on the child's limits alone (the percent cells of an
``.xls`` are read from its BIFF records, ``io/sheets/xls_scan.py``, and so are its struck-through cells).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import attrs

from fazhi_tasks.core.errors import Said, TooLarge
from fazhi_tasks.io.sheets.sandbox import MEMORY_LIMIT, TIME_LIMIT, ChildFailed, calamine_site, read_in_child
from fazhi_tasks.io.sheets.tabular import (
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    MAX_ROWS,
    MAX_XLSX_BYTES,
    MAX_XLSX_UNPACKED,
    ErrorType,
    column_letter,
    place,
    read_bytes,
    too_long,
)

__all__ = ["Grid", "column_letter", "read_workbook"]


@attrs.frozen
class Grid:
    """The used cells of one worksheet.

    Attributes:
        name: The sheet's name.
        rows: (1-based row number, cell values from column A) for each row that holds a value;
            a merged range's value is in its top-left cell only.
        percent: (row, 0-based column) of numeric cells with a percent number format.
        uncached: (row, column) of formula cells saved without a computed value.
        hidden: 0-based indices of hidden columns.
        merged: (first row, first column, last row, last column) of each merged range (rows 1-based,
            columns 0-based).
        hidden_sheet: Whether the sheet itself is hidden.
        struck: (row, column) of cells struck through, for ``.xls`` and ``.ods`` (an ``.xlsx``'s are read by
            ``world.cell_marks``).
        struck_read: Whether ``struck`` was read (``.xls`` and ``.ods``; not when the ``.xls`` scanner gave up,
            nor for ``.xlsb``/``.et``, whose formatting calamine does not give).
    """

    name: str
    rows: tuple[tuple[int, tuple[Any, ...]], ...]
    percent: frozenset[tuple[int, int]] = frozenset()
    uncached: frozenset[tuple[int, int]] = frozenset()
    hidden: frozenset[int] = frozenset()
    merged: tuple[tuple[int, int, int, int], ...] = ()
    hidden_sheet: bool = False
    struck: frozenset[tuple[int, int]] = frozenset()
    struck_read: bool = False


def _fail(error: ErrorType, path: Path, why: Said, **kw: Any) -> Exception:
    return error(type(why)(f"{path.name}：{why.zh}", f"{path.name}: {why.en}"), path=str(path), **kw)


_RESAVE = Said("请用 Excel/WPS 打开后另存为 .xlsx", "open it in Excel or WPS and save it as .xlsx")


def read_workbook(path: Path, error: ErrorType) -> list[Grid]:
    """Every worksheet of a workbook, by suffix: ``.xlsx``/``.xlsm`` here, ``.xls``/``.xlsb``/``.ods`` via calamine.

    Raises:
        ``error``: The file is too big, is no workbook of its kind, has no worksheet, or a
            sheet is beyond the limits (rows, columns, cell length).
    """
    suffix = path.suffix.lower()
    data = read_bytes(path, error, MAX_XLSX_BYTES)
    if suffix == ".et":  # WPS: often an .xls inside; read it when calamine can, else say how to save it
        try:
            grids = _read_calamine(path, data, error)
        except error:
            why = Said("WPS 表格的 .et 文件无法直接读取：请在 WPS 中“另存为” Excel 工作簿（.xlsx）后再导入",
                       "a WPS .et file cannot be read as it is: in WPS, 'Save as' an Excel workbook (.xlsx) first")
            raise _fail(error, path, why, value=path.suffix) from None
    elif suffix in (".xlsx", ".xlsm"):
        grids = _read_xlsx(path, data, error)
    elif suffix == ".ods":
        grids = _read_ods(path, data, error)
    elif suffix == ".xls":
        grids = _read_xls(path, data, error)
    else:
        grids = _read_calamine(path, data, error)
    if not grids:
        raise _fail(error, path, Said("工作簿中没有工作表", "the workbook has no worksheet"))
    return grids


# -- xlsx ---------------------------------------------------------------------------------------------------


def _read_xlsx(path: Path, data: bytes, error: ErrorType) -> list[Grid]:
    from fazhi_tasks.io.sheets.xlsx_scan import scan_xlsx

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError, NotImplementedError):
        raise _fail(error, path, Said(f"不是 Excel .xlsx 工作簿（不是 zip 压缩包）；{_RESAVE.zh}",
                                      f"not an Excel .xlsx workbook (not a zip archive); {_RESAVE.en}")) from None
    with archive:
        unpacked = sum(i.file_size for i in archive.infolist())
        if unpacked > MAX_XLSX_UNPACKED:
            raise _fail(error, path, TooLarge(f"解压后有 {unpacked} 字节，超过上限 {MAX_XLSX_UNPACKED} 字节",
                                          f"unpacks to {unpacked} bytes, over the limit of {MAX_XLSX_UNPACKED}"),
                        value=unpacked)
        try:
            facts = scan_xlsx(path, archive, error)
        except NotImplementedError:  # a compression method or zip version the standard library does not read
            raise _fail(error, path, Said(f"工作簿使用了不支持的压缩方式；{_RESAVE.zh}",
                                          "the workbook uses a compression this reader does not support; "
                                          f"{_RESAVE.en}")) from None
    grids = _read_calamine(path, data, error)
    return [attrs.evolve(g, percent=f.percent, uncached=f.uncached, hidden=f.hidden)
            if (f := facts.get(g.name)) is not None else g for g in grids]


# -- ods ------------------------------------------------------------------------------------------------------


def _read_ods(path: Path, data: bytes, error: ErrorType) -> list[Grid]:
    """An ``.ods``: its structure checked and read first (``_ods_scan``), so it reads as its ``.xlsx`` twin does."""
    from fazhi_tasks.io.sheets.ods_scan import scan_ods

    facts = scan_ods(path, data, error)
    grids = _read_calamine(path, data, error)
    return [attrs.evolve(g, merged=g.merged or f.merged, percent=f.percent, uncached=f.uncached, hidden=f.hidden,
                         struck=f.struck, struck_read=True) if (f := facts.get(g.name)) is not None
            else attrs.evolve(g, struck_read=True) for g in grids]


# -- xls ------------------------------------------------------------------------------------------------------


def _read_xls(path: Path, data: bytes, error: ErrorType) -> list[Grid]:
    """An ``.xls``: the cells from the child, the percent and struck cells from the BIFF records (``_xls_scan``)."""
    from fazhi_tasks.io.sheets.xls_scan import xls_facts

    grids = _read_calamine(path, data, error)
    facts = xls_facts(data)
    if facts is None:  # the scanner gave up: no percent nor struck cells known (the reader says so)
        return grids
    return [attrs.evolve(g, percent=f.percent, struck=f.struck, struck_read=True)
            if (f := facts.get(g.name)) is not None else attrs.evolve(g, struck_read=True) for g in grids]


# -- xls, xlsb, ods ---------------------------------------------------------------------------------------


def _grid(name: str, hidden: bool, first_column: int, rows: list[tuple[int, tuple[Any, ...]]],
          merged: tuple[tuple[int, int, int, int], ...]) -> Grid:
    if first_column:
        rows = [(n, (None,) * first_column + cells) for n, cells in rows]
    return Grid(name, tuple(rows), merged=merged, hidden_sheet=hidden)


def damaged(path: Path, error: ErrorType, detail: Said | None = None) -> Exception:
    """The file made the reader fail outright (a panic, an abort, the memory or time limit): say so, naming it."""
    extra = Said(f"（{detail.zh}）", f" ({detail.en})") if detail else Said("", "")
    return _fail(error, path, Said(f"文件已损坏或格式异常，无法读取{extra.zh}；{_RESAVE.zh}",
                                   f"the file is damaged or malformed and cannot be read{extra.en}; {_RESAVE.en}"))


_LIMITS = {"timeout": Said(f"读取超过 {TIME_LIMIT} 秒 CPU 时间或 {TIME_LIMIT * 3} 秒",
                           f"reading took over {TIME_LIMIT} s of CPU or {TIME_LIMIT * 3} s"),
           "memory": Said(f"读取所需内存超过上限 {MEMORY_LIMIT >> 20} MB",
                          f"reading needs more than the limit of {MEMORY_LIMIT >> 20} MB")}


def _read_calamine(path: Path, data: bytes, error: ErrorType) -> list[Grid]:
    """The sheets of a workbook as python-calamine reads them, in a child process under limits (``_sandbox``)."""
    site = calamine_site()
    if site is None:  # pragma: no cover - a dependency
        raise _fail(error, path, Said(f"读取 {path.suffix} 需要 python-calamine；请另存为 .xlsx",
                                      f"reading {path.suffix} needs python-calamine; save the file as .xlsx"))
    try:
        answer = read_in_child(data, site, (MAX_ROWS, MAX_COLUMNS, MAX_CELL_CHARS))
    except ChildFailed as exc:
        if exc.why == "start":
            raise _fail(error, path, Said(f"无法启动读取工作簿的子进程（{exc.detail}）；请另存为 CSV 后再导入",
                                          f"cannot start the process that reads workbooks ({exc.detail}); save the "
                                          "file as CSV and import that")) from None
        raise damaged(path, error, _LIMITS.get(exc.why)) from None
    kind = answer[0]
    if kind == "rows":
        _, name, height = answer
        raise _fail(error, path, TooLarge(f"工作表“{name}”有 {height} 行，超过上限 {MAX_ROWS} 行",
                                      f"sheet {name}: {height} rows, over the limit of {MAX_ROWS}"), sheet=name)
    if kind == "columns":
        _, name, number = answer
        where = place(path.name, name, number)
        last = column_letter(MAX_COLUMNS - 1)
        raise error(Said(f"{where.zh}：{last} 列之后还有内容（最多 {MAX_COLUMNS} 列）",
                         f"{where.en}: a value beyond column {last}"), path=str(path), sheet=name)
    if kind == "long":
        _, name, number, length, start = answer
        raise error(too_long(place(path.name, name, number), length), path=str(path), sheet=name, value=start)
    if kind == "error":
        _, name, message = answer
        if name == "PanicException":
            raise damaged(path, error)
        why = Said(f"无法读取工作簿（{name}: {message}）；{_RESAVE.zh}",
                   f"cannot read the workbook ({name}: {message}); {_RESAVE.en}")
        raise _fail(error, path, why)
    return [_grid(name, hidden, first_column, rows, merged) for name, hidden, first_column, rows, merged in answer[1]]
