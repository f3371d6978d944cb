"""Workbook cells as Excel shows them: values, percent and date formats, hidden columns, merges, formulas.

``.xlsx`` is read here, streaming the sheet XML through defusedxml (no DTDs, so no entity
expansion), with every limit checked while reading: the file and unpacked sizes, the sheet's
declared dimension, the number of ``<row>`` elements, the columns holding values and the
length of each cell. ``.xls``, ``.xlsb`` and ``.ods`` are read through python-calamine
(values and merged ranges; no number formats or hidden columns there).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import attrs

from ._tabular import (
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    MAX_ROWS,
    MAX_XLSX_BYTES,
    MAX_XLSX_UNPACKED,
    ErrorType,
    read_bytes,
    unescape_cell,
)

__all__ = ["Grid", "column_letter", "read_workbook"]

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_BUILTIN_DATES = frozenset({14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46,
                            47, 50, 51, 52, 53, 54, 55, 56, 57, 58})
_BUILTIN_PERCENT = frozenset({9, 10})
_QUOTED = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')
_EPOCH = dt.datetime(1899, 12, 30)  # noqa: DTZ001 - Excel serials are local, naive times
#: Blank ``<row>`` elements tolerated beyond the row limit (formatting-only rows).
_ROW_ELEMENTS = MAX_ROWS * 2
#: Uncompressed size of the small parts (workbook, styles, relationships) read whole.
_SMALL_PART = 16 << 20


def column_letter(index: int) -> str:
    """The letter of a 0-based column index, as Excel shows it.

    >>> column_letter(0), column_letter(25), column_letter(26), column_letter(16383)
    ('A', 'Z', 'AA', 'XFD')
    """
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _column_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


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
    """

    name: str
    rows: tuple[tuple[int, tuple[Any, ...]], ...]
    percent: frozenset[tuple[int, int]] = frozenset()
    uncached: frozenset[tuple[int, int]] = frozenset()
    hidden: frozenset[int] = frozenset()
    merged: tuple[tuple[int, int, int, int], ...] = ()
    hidden_sheet: bool = False


@attrs.frozen
class _Book:
    """What every sheet of an xlsx shares: the string table, each style's kind, the date system."""

    strings: list[str]
    kinds: list[str]
    date1904: bool


def _fail(error: ErrorType, path: Path, why: str, **kw: Any) -> Exception:
    return error(f"{path.name}: {why}", path=str(path), **kw)


def read_workbook(path: Path, error: ErrorType) -> list[Grid]:
    """Every worksheet of a workbook, by suffix: ``.xlsx``/``.xlsm`` here, ``.xls``/``.xlsb``/``.ods`` via calamine.

    Raises:
        ``error``: The file is too big, is no workbook of its kind, has no worksheet, or a
            sheet is beyond the limits (rows, columns, cell length).
    """
    suffix = path.suffix.lower()
    if suffix == ".et":
        raise _fail(error, path, "WPS 表格的 .et 文件无法直接读取：请在 WPS 中“另存为” Excel 工作簿（.xlsx）后再导入",
                    value=path.suffix)
    data = read_bytes(path, error, MAX_XLSX_BYTES)
    grids = _read_xlsx(path, data, error) if suffix in (".xlsx", ".xlsm") else _read_calamine(path, data, error)
    if not grids:
        raise _fail(error, path, "工作簿中没有工作表（no worksheet）")
    return grids


# -- xlsx ---------------------------------------------------------------------------------------------------


def _read_xlsx(path: Path, data: bytes, error: ErrorType) -> list[Grid]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise _fail(error, path, "不是 Excel .xlsx 工作簿（not a zip archive）；请用 Excel/WPS 另存为 .xlsx") from None
    with archive:
        infos = {i.filename: i for i in archive.infolist()}
        unpacked = sum(i.file_size for i in infos.values())
        if unpacked > MAX_XLSX_UNPACKED:
            raise _fail(error, path, f"unpacks to {unpacked} bytes, over the limit of {MAX_XLSX_UNPACKED}",
                        value=unpacked)
        try:
            return _xlsx_sheets(path, archive, infos, error)
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError, zlib.error, EOFError, KeyError) as exc:
            raise _fail(error, path, f"工作簿已损坏或使用了不支持的压缩方式（{type(exc).__name__}: {exc}）；"
                        "请用 Excel/WPS 打开后另存为 .xlsx") from None
        except SyntaxError as exc:  # ElementTree.ParseError and defusedxml's refusals
            raise _fail(error, path, f"工作簿的 XML 无法读取（{type(exc).__name__}: {exc}）") from None
        except ValueError as exc:
            if isinstance(exc, error):
                raise
            raise _fail(error, path, f"工作簿的内容无法读取（{exc}）") from None


def _open(archive: zipfile.ZipFile, name: str) -> IO[bytes]:
    return archive.open(name)


def _iterparse(stream: IO[bytes]) -> Iterator[Any]:
    from defusedxml.ElementTree import iterparse

    for _, elem in iterparse(stream, events=("end",), forbid_dtd=True):
        yield elem


def _small(archive: zipfile.ZipFile, infos: dict[str, zipfile.ZipInfo], name: str) -> Any:
    from defusedxml.ElementTree import fromstring

    info = infos.get(name)
    if info is None:
        return None
    if info.file_size > _SMALL_PART:
        msg = f"part {name} is {info.file_size} bytes"
        raise ValueError(msg)
    return fromstring(archive.read(name), forbid_dtd=True)


def _target(base: str, target: str) -> str:
    if target.startswith("/"):
        return target[1:]
    parts = base.split("/")[:-1]
    for piece in target.split("/"):
        if piece == "..":
            parts = parts[:-1]
        elif piece and piece != ".":
            parts.append(piece)
    return "/".join(parts)


def _xlsx_sheets(path: Path, archive: zipfile.ZipFile, infos: dict[str, zipfile.ZipInfo],
                 error: ErrorType) -> list[Grid]:
    book = _small(archive, infos, "xl/workbook.xml")
    if book is None:
        raise _fail(error, path, "不是 Excel .xlsx 工作簿（no xl/workbook.xml）；请用 Excel/WPS 另存为 .xlsx")
    rels = _small(archive, infos, "xl/_rels/workbook.xml.rels")
    targets = {r.get("Id"): _target("xl/workbook.xml", r.get("Target", ""))
               for r in (rels.iter(f"{_PKG_REL}Relationship") if rels is not None else ())}
    shared = _Book(_shared_strings(archive, infos, path, error), _styles(_small(archive, infos, "xl/styles.xml")),
                   any(p.get("date1904") in ("1", "true") for p in book.iter(f"{_NS}workbookPr")))
    grids = []
    for sheet in book.iter(f"{_NS}sheet"):
        name = sheet.get("name") or "?"
        target = targets.get(sheet.get(f"{_REL}id"))
        if target is None or target not in infos:
            continue  # a chart sheet or a dangling entry: no cells to read
        with _open(archive, target) as stream:
            grids.append(_SheetReader(path, name, shared, error).read(
                stream, hidden=sheet.get("state") in ("hidden", "veryHidden")))
    return grids


def _shared_strings(archive: zipfile.ZipFile, infos: dict[str, zipfile.ZipInfo], path: Path,
                    error: ErrorType) -> list[str]:
    name = "xl/sharedStrings.xml"
    if name not in infos:
        return []
    strings: list[str] = []
    si, t, r = f"{_NS}si", f"{_NS}t", f"{_NS}r"
    with _open(archive, name) as stream:
        for elem in _iterparse(stream):
            if elem.tag == si:
                text = "".join([c.text or "" for c in elem if c.tag == t]
                               + [g.text or "" for c in elem if c.tag == r for g in c if g.tag == t])
                strings.append(unescape_cell(text))
                elem.clear()
                if len(strings) > MAX_ROWS * MAX_COLUMNS:
                    raise _fail(error, path, "too many shared strings")
    return strings


def _format_kind(code: str) -> str:
    bare = _QUOTED.sub("", code).lower().split(";")[0]
    if "%" in bare:
        return "percent"
    if any(ch in bare for ch in "ymdhs") and "general" not in bare:
        return "date"
    return ""


def _styles(root: Any) -> list[str]:
    """The kind of each cell style: ``"percent"``, ``"date"`` or ``""``."""
    if root is None:
        return []
    custom = {int(f.get("numFmtId", "0")): _format_kind(f.get("formatCode", "")) for f in root.iter(f"{_NS}numFmt")}
    kinds = []
    xfs = root.find(f"{_NS}cellXfs")
    for xf in (xfs if xfs is not None else ()):
        fid = int(xf.get("numFmtId", "0") or 0)
        kinds.append(custom.get(fid) or ("percent" if fid in _BUILTIN_PERCENT else
                                         "date" if fid in _BUILTIN_DATES else ""))
    return kinds


_REF = re.compile(r"([A-Z]{1,3})(\d{1,7})")


def _dimension_rows(ref: str) -> int:
    last = ref.rsplit(":", maxsplit=1)[-1]
    m = _REF.fullmatch(last)
    return int(m[2]) if m else 0


def _excel_date(serial: float, date1904: bool) -> dt.datetime | float:
    if date1904:
        serial += 1462
    if not 61 <= serial < 2958466:  # 60 is the 1900 leap-year bug; before March 1900 is ambiguous
        return serial
    value = _EPOCH + dt.timedelta(days=serial)
    return value.replace(microsecond=0) if value.microsecond < 1000 else value


_C, _V, _F, _IS, _T = (f"{_NS}{x}" for x in ("c", "v", "f", "is", "t"))
_ROW, _COL, _MERGE, _DIM = f"{_NS}row", f"{_NS}col", f"{_NS}mergeCell", f"{_NS}dimension"


class _SheetReader:
    """One worksheet's XML streamed into a :class:`Grid`, each limit checked as the elements arrive."""

    def __init__(self, path: Path, name: str, book: _Book, error: ErrorType) -> None:
        self.path, self.name, self.book, self.error = path, name, book, error
        self.rows: list[tuple[int, tuple[Any, ...]]] = []
        self.percent: set[tuple[int, int]] = set()
        self.uncached: set[tuple[int, int]] = set()
        self.hidden: set[int] = set()
        self.merged: list[tuple[int, int, int, int]] = []
        self.current: dict[int, Any] = {}
        self.elements = 0
        self.last_row = 0

    def fail(self, why: str, value: object = None) -> Exception:
        return _fail(self.error, self.path, f"sheet {self.name}{why}", sheet=self.name, value=value)

    def read(self, stream: IO[bytes], *, hidden: bool) -> Grid:
        handlers = {_C: self.cell, _ROW: self.row, _DIM: self.dimension, _COL: self.column, _MERGE: self.merge}
        for elem in _iterparse(stream):
            handler = handlers.get(elem.tag)
            if handler is not None:
                handler(elem)
        return Grid(self.name, tuple(self.rows), frozenset(self.percent), frozenset(self.uncached),
                    frozenset(self.hidden), tuple(self.merged), hidden)

    def cell(self, elem: Any) -> None:
        ref = elem.get("r") or ""
        m = _REF.fullmatch(ref)
        col = _column_index(m[1]) if m else len(self.current)
        here = int(m[2]) if m else self.last_row + 1
        kind, style = elem.get("t", "n"), elem.get("s")
        v = elem.find(_V)
        text = v.text if v is not None else None
        if kind == "inlineStr":
            node = elem.find(_IS)
            text = "".join(x.text or "" for x in node.iter(_T)) if node is not None else None
        formula = elem.find(_F) is not None
        elem.clear()
        if text is None and formula:
            self.uncached.add((here, col))
            self.current[col] = ""
            return
        if not text:
            return
        if col >= MAX_COLUMNS:
            raise self.fail(f", cell {ref}: a value beyond column {column_letter(MAX_COLUMNS - 1)} "
                            f"(the limit is {MAX_COLUMNS} columns)", ref)
        self.current[col] = self.value(ref, here, col, kind, style, text)

    def value(self, ref: str, here: int, col: int, kind: str, style: str | None, text: str) -> Any:  # noqa: PLR0917
        value: Any = text
        if kind == "s":
            try:
                value = self.book.strings[int(text)]
            except (ValueError, IndexError):
                raise self.fail(f", cell {ref}: shared string {text!r} does not exist") from None
        if len(value) > MAX_CELL_CHARS:
            raise self.fail(f", cell {ref}: {len(value)} characters, over the limit of {MAX_CELL_CHARS} a cell",
                            value[:40])
        if kind in ("s", "str", "inlineStr"):
            return unescape_cell(value) if kind != "s" else value
        if kind == "e":
            self.uncached.add((here, col))
            return ""
        if kind == "b":
            return text.strip() in ("1", "true")
        if kind == "d":
            try:
                return dt.datetime.fromisoformat(text.strip())
            except ValueError:
                return text
        number = _number(text)
        index = int(style) if style and style.isdigit() and len(style) < 7 else 0
        fmt = self.book.kinds[index] if index < len(self.book.kinds) else ""
        if fmt == "percent" and isinstance(number, int | float):
            self.percent.add((here, col))
        elif fmt == "date" and isinstance(number, int | float):
            return _excel_date(float(number), self.book.date1904)
        return number

    def row(self, elem: Any) -> None:
        self.elements += 1
        r = elem.get("r") or ""
        number = int(r) if r.isdigit() and len(r) < 8 else self.last_row + 1
        if self.current:
            width = max(self.current) + 1
            self.rows.append((number, tuple(self.current.get(c) for c in range(width))))
            self.current = {}
            if len(self.rows) > MAX_ROWS:
                raise self.fail(f": more than {MAX_ROWS} rows, over the limit")
        if self.elements > _ROW_ELEMENTS:
            raise self.fail(f": more than {_ROW_ELEMENTS} rows (even blank), over the limit")
        self.last_row = number
        elem.clear()

    def dimension(self, elem: Any) -> None:
        declared = _dimension_rows(elem.get("ref") or "")
        if declared > MAX_ROWS + 1_000:
            raise self.fail(f": declares {declared} rows ({elem.get('ref')}), over the limit of {MAX_ROWS}",
                            elem.get("ref"))

    def column(self, elem: Any) -> None:
        low, high = elem.get("min", "1"), elem.get("max", "1")
        if elem.get("hidden") in ("1", "true") and low.isdigit() and high.isdigit() and len(low + high) < 12:
            self.hidden.update(range(int(low) - 1, min(int(high), MAX_COLUMNS)))

    def merge(self, elem: Any) -> None:
        top, _, bottom = (elem.get("ref") or "").partition(":")
        a, b = _REF.fullmatch(top), _REF.fullmatch(bottom or top)
        if a and b:
            self.merged.append((int(a[2]), _column_index(a[1]), int(b[2]), _column_index(b[1])))
        if len(self.merged) > MAX_ROWS:
            raise self.fail(": too many merged ranges")


def _number(text: str) -> int | float | str:
    s = text.strip()
    if len(s) > 40:
        return s  # no number is this long; the caller refuses it where a number is wanted
    try:
        if s.lstrip("-").isdigit():
            return int(s)
        return float(s)
    except ValueError:
        return s


# -- xls, xlsb, ods ---------------------------------------------------------------------------------------


def _read_calamine(path: Path, data: bytes, error: ErrorType) -> list[Grid]:
    try:
        from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum
    except ImportError:  # pragma: no cover - a dependency
        raise _fail(error, path, f"reading {path.suffix} needs python-calamine; save the file as .xlsx") from None
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        grids = []
        for meta in book.sheets_metadata:
            if meta.typ != SheetTypeEnum.WorkSheet:
                continue
            sheet = book.get_sheet_by_name(meta.name)
            if sheet.total_height > MAX_ROWS + 1_000 or sheet.total_width > 16_384:
                raise _fail(error, path, f"sheet {meta.name}: {sheet.total_height} rows, over the limit of "
                            f"{MAX_ROWS}", sheet=meta.name)
            rows = []
            for number, cells in enumerate(sheet.iter_rows(), start=sheet.start[0] + 1 if sheet.start else 1):
                values = [None if c == "" else c for c in cells]
                while values and values[-1] is None:
                    values.pop()
                if not values:
                    continue
                if len(values) > MAX_COLUMNS:
                    raise _fail(error, path, f"sheet {meta.name}, row {number}: a value beyond column "
                                f"{column_letter(MAX_COLUMNS - 1)}", sheet=meta.name)
                for v in values:
                    if isinstance(v, str) and len(v) > MAX_CELL_CHARS:
                        raise _fail(error, path, f"sheet {meta.name}, row {number}: a cell of {len(v)} characters, "
                                    f"over the limit of {MAX_CELL_CHARS}", sheet=meta.name, value=v[:40])
                rows.append((number, tuple(values)))
            start_col = sheet.start[1] if sheet.start else 0
            if start_col:
                rows = [(n, (None,) * start_col + cells) for n, cells in rows]
            merged = tuple((a[0] + 1, a[1], b[0] + 1, b[1]) for a, b in (sheet.merged_cell_ranges or ()))
            grids.append(Grid(meta.name, tuple(rows), merged=merged,
                              hidden_sheet=meta.visible != SheetVisibleEnum.Visible))
        return grids
    except Exception as exc:
        if isinstance(exc, error):
            raise
        why = f"无法读取工作簿（{type(exc).__name__}: {exc}）；请用 Excel/WPS 另存为 .xlsx"
        raise _fail(error, path, why) from None
