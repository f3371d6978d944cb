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


_RESAVE = Said.of("sheets.save_as_xlsx")


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
            why = Said.of("sheets.wps_et")
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
        raise _fail(error, path, Said.of("sheets.no_worksheet"))
    return grids


# -- xlsx ---------------------------------------------------------------------------------------------------


def _read_xlsx(path: Path, data: bytes, error: ErrorType) -> list[Grid]:
    from fazhi_tasks.io.sheets.xlsx_scan import scan_xlsx

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError, NotImplementedError):
        raise _fail(error, path, Said.of("sheets.xlsx_not_zip", resave=_RESAVE)) from None
    with archive:
        unpacked = sum(i.file_size for i in archive.infolist())
        if unpacked > MAX_XLSX_UNPACKED:
            raise _fail(error, path, TooLarge.of("sheets.xlsx_unpacks_big", unpacked=unpacked,
                                                 limit=MAX_XLSX_UNPACKED),
                        value=unpacked)
        try:
            facts = scan_xlsx(path, archive, error)
        except NotImplementedError:  # a compression method or zip version the standard library does not read
            raise _fail(error, path, Said.of("sheets.xlsx_compression", resave=_RESAVE)) from None
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
    extra = Said.of("sheets.damaged_detail", detail=detail) if detail else Said("", "")
    return _fail(error, path, Said.of("sheets.damaged", extra=extra, resave=_RESAVE))


_LIMITS = {"timeout": Said.of("sheets.read_too_slow", time_limit=TIME_LIMIT, wall=TIME_LIMIT * 3),
           "memory": Said.of("sheets.read_too_much_memory", memory_limit=MEMORY_LIMIT >> 20)}


def _read_calamine(path: Path, data: bytes, error: ErrorType) -> list[Grid]:
    """The sheets of a workbook as python-calamine reads them, in a child process under limits (``_sandbox``)."""
    site = calamine_site()
    if site is None:  # pragma: no cover - a dependency
        raise _fail(error, path, Said.of("sheets.needs_calamine", suffix=path.suffix))
    try:
        answer = read_in_child(data, site, (MAX_ROWS, MAX_COLUMNS, MAX_CELL_CHARS))
    except ChildFailed as exc:
        if exc.why == "start":
            raise _fail(error, path, Said.of("sheets.no_subprocess", detail=exc.detail)) from None
        raise damaged(path, error, _LIMITS.get(exc.why)) from None
    kind = answer[0]
    if kind == "rows":
        _, name, height = answer
        raise _fail(error, path, TooLarge.of("sheets.too_many_sheet_rows", name=name, height=height,
                                             max_rows=MAX_ROWS), sheet=name)
    if kind == "columns":
        _, name, number = answer
        where = place(path.name, name, number)
        last = column_letter(MAX_COLUMNS - 1)
        raise error(Said.of("sheets.beyond_last_column", where=where, last=last, limit=MAX_COLUMNS), path=str(path),
                    sheet=name)
    if kind == "long":
        _, name, number, length, start = answer
        raise error(too_long(place(path.name, name, number), length), path=str(path), sheet=name, value=start)
    if kind == "error":
        _, name, message = answer
        if name == "PanicException":
            raise damaged(path, error)
        why = Said.of("sheets.workbook_unreadable", name=name, message=message, resave=_RESAVE)
        raise _fail(error, path, why)
    return [_grid(name, hidden, first_column, rows, merged) for name, hidden, first_column, rows, merged in answer[1]]
