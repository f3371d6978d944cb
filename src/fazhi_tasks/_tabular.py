"""Reading and writing the tables people keep: CSV in the encodings Excel writes, and XLSX safely.

Shared by the plan sheet (``_sheet.py``) and the progress-updates files
(``_updates_file.py``): decoding, size limits, XML-bomb protection, merged cells,
header aliases and neutralising cells that a spreadsheet would run as formulas.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from ._errors import DataFileError

__all__ = ["MAX_ROWS", "MAX_TEXT_BYTES", "MAX_XLSX_BYTES", "Problems", "Table", "decode_csv", "neutralise",
           "read_table", "unneutralise"]

#: Largest CSV or XLSX file read, in bytes.
MAX_XLSX_BYTES = 64 << 20
#: Largest CSV or JSON file read, in bytes (a province's million tasks fit well within it).
MAX_TEXT_BYTES = 1 << 30
#: Largest total of an XLSX's unpacked parts, in bytes (a zip bomb is refused before parsing).
MAX_XLSX_UNPACKED = 512 << 20
#: Most data rows read from one sheet or CSV file.
MAX_ROWS = 1_100_000

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

ErrorType = type[DataFileError]


def _formula_like(text: str) -> bool:
    """Starts a formula, perhaps behind apostrophes (so that neutralising can always be undone)."""
    return text.lstrip("'").startswith(_FORMULA_START)


def neutralise(value: object) -> object:
    """Make a text cell inert for spreadsheets: one that starts a formula gets a leading ``'``.

    A text that already starts with ``'`` before a formula character gets one more, so that
    :func:`unneutralise` gives back exactly the original.

    >>> neutralise("=SUM(A1:A3)"), neutralise("政策法规处"), neutralise(-3)
    ("'=SUM(A1:A3)", '政策法规处', -3)
    """
    if isinstance(value, str) and value[:1] in ("'", *_FORMULA_START) and _formula_like(value):
        return "'" + value
    return value


def unneutralise(value: object) -> object:
    """Undo :func:`neutralise` when reading back a file this package wrote.

    >>> unneutralise("'=1+1"), unneutralise("'plain"), unneutralise("''=1")
    ('=1+1', "'plain", "'=1")
    """
    if isinstance(value, str) and value.startswith("'") and _formula_like(value):
        return value[1:]
    return value


def decode_csv(data: bytes, path: Path, error: ErrorType) -> tuple[str, str]:
    """Decode CSV bytes as Excel on Chinese Windows saves them.

    A UTF-8 BOM means UTF-8; otherwise strict UTF-8 is tried, then GB18030 (a superset
    of GBK). Bytes that are neither raise ``error`` naming the byte offset.

    Returns:
        The text and the encoding used.
    """
    candidates = ["utf-8-sig"] if data.startswith(b"\xef\xbb\xbf") else ["utf-8", "gb18030"]
    offset = 0
    for encoding in candidates:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError as exc:
            offset = exc.start
    message = (f"{path.name}: byte offset {offset}: the file is neither UTF-8 nor GBK/GB18030 text "
               f"(bytes {data[offset:offset + 4]!r}); save it from Excel as 'CSV UTF-8'")
    raise error(message, path=str(path), value=data[offset:offset + 4])


@attrs.frozen
class Table:
    """Rows of cells read from one sheet or CSV file.

    Attributes:
        path: The file.
        sheet: The worksheet name (XLSX) or ``None`` (CSV).
        header: The header row's texts.
        header_row: The 1-based row number of the header.
        rows: (row number, cells) for each non-blank data row; merged cells carry their value down.
    """

    path: Path
    sheet: str | None
    header: tuple[str, ...]
    header_row: int
    rows: tuple[tuple[int, tuple[Any, ...]], ...]

    def where(self, row: int | None = None, column: str | None = None) -> str:
        """``plan.xlsx, sheet 任务, row 17, column 完成时限`` — the place for an error message."""
        parts = [self.path.name]
        if self.sheet:
            parts.append(f"sheet {self.sheet}")
        if row is not None:
            parts.append(f"row {row}")
        if column is not None:
            parts.append(f"column {column}")
        return ", ".join(parts)


class Problems:
    """Bad rows of one file, collected so that one error can name them all (up to ``limit``)."""

    def __init__(self, path: Path, error: ErrorType, *, sheet: str | None = None, limit: int = 20) -> None:
        self.path, self.error, self.sheet, self.limit = path, error, sheet, limit
        self.found: list[tuple[str, int | None, str | None, object]] = []
        self.total = 0

    def add(self, message: str, line: int | None, column: str | None, value: object) -> None:
        """Note one bad row: its full message and the parts the error keeps as attributes."""
        self.total += 1
        if len(self.found) < self.limit:
            self.found.append((message, line, column, value))

    def raise_if_any(self, action: str = "") -> None:
        """Raise ``error`` naming every bad row noted, the first one's parts as attributes."""
        if not self.found:
            return
        first, line, column, value = self.found[0]
        lines = [p[0] for p in self.found]
        if self.total > len(lines):
            lines.append(f"… and {self.total - len(lines)} more bad rows")
        message = first if len(lines) == 1 else (
            f"{self.path.name}: {self.total} bad rows{action}:\n  " + "\n  ".join(lines))
        raise self.error(message, path=str(self.path), line=line, column=column, value=value, sheet=self.sheet,
                         problems=lines)


def normalise_header(text: object) -> str:
    """A header cell folded for matching aliases: NFKC, no spaces, lower case, no trailing colon."""
    s = unicodedata.normalize("NFKC", "" if text is None else str(text))
    return "".join(s.split()).lower().rstrip(":")


def map_header(table: Table, aliases: Mapping[str, str], error: ErrorType,
               required: Iterable[str]) -> tuple[dict[str, int], list[str]]:
    """Match header cells to field names through ``aliases`` (normalised header → field).

    Returns:
        Field → column index, and the headers that matched no field (kept for the caller to report).

    Raises:
        ``error``: A required field has no column, or two columns map to one field.
    """
    columns: dict[str, int] = {}
    unknown: list[str] = []
    for index, text in enumerate(table.header):
        key = normalise_header(text)
        if not key:
            continue
        field = aliases.get(key)
        if field is None:
            unknown.append(str(text))
            continue
        if field in columns:
            message = (f"{table.where(table.header_row, str(text))}: a second column for {field} "
                       f"(first: {table.header[columns[field]]})")
            raise error(message, path=str(table.path), sheet=table.sheet, line=table.header_row,
                        column=str(text), value=text)
        columns[field] = index
    missing = [f for f in required if f not in columns]
    if missing:
        names = {f: [a for a, g in aliases.items() if g == f][:3] for f in missing}
        wanted = "; ".join(f"{f} ({' / '.join(n)})" for f, n in names.items())
        message = f"{table.where(table.header_row)}: no column for {wanted}; header is {list(table.header)}"
        raise error(message, path=str(table.path), sheet=table.sheet, line=table.header_row)
    return columns, unknown


def read_bytes(path: Path, error: ErrorType, limit: int) -> bytes:
    """A file's bytes, refusing one over ``limit`` bytes before reading it."""
    try:
        size = path.stat().st_size
        if size > limit:
            message = f"{path.name}: {size} bytes is over the limit of {limit} bytes"
            raise error(message, path=str(path), value=size)
        return path.read_bytes()
    except OSError as exc:
        message = f"{path}: cannot read the file ({exc.strerror or exc})"
        raise error(message, path=str(path)) from None


def read_text(path: Path, error: ErrorType, limit: int) -> str:
    """A UTF-8 text file (with or without BOM); other bytes are an error naming the offset."""
    data = read_bytes(path, error, limit)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        message = f"{path.name}: byte offset {exc.start}: the file is not UTF-8 text"
        raise error(message, path=str(path), value=data[exc.start:exc.start + 4]) from None


def read_json(path: Path, error: ErrorType, limit: int) -> tuple[str, Any]:
    """A JSON file's text and parsed document; a syntax error names line and column."""
    text = read_text(path, error, limit)
    try:
        return text, json.loads(text)
    except json.JSONDecodeError as exc:
        message = f"{path.name}, line {exc.lineno}, column {exc.colno}: not valid JSON ({exc.msg})"
        raise error(message, path=str(path), line=exc.lineno) from None
    except RecursionError:
        message = f"{path.name}: the JSON is nested too deeply"
        raise error(message, path=str(path)) from None


def _blank(cells: Sequence[object]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


def read_csv(path: Path, error: ErrorType) -> Table:
    """The rows of a CSV file (UTF-8, UTF-8 with BOM, or GBK/GB18030)."""
    text, _ = decode_csv(read_bytes(path, error, MAX_TEXT_BYTES), path, error)
    try:
        reader = csv.reader(io.StringIO(text, newline=""))
        numbered = list(enumerate(reader, start=1))
    except csv.Error as exc:
        message = f"{path.name}: not valid CSV ({exc})"
        raise error(message, path=str(path)) from None
    return _table(path, None, [(n, tuple(unneutralise(c.strip()) for c in cells)) for n, cells in numbered], error)


def _table(path: Path, sheet: str | None, rows: list[tuple[int, tuple[Any, ...]]], error: ErrorType) -> Table:
    rows = [(n, cells) for n, cells in rows if not _blank(cells)]
    if not rows:
        message = f"{path.name}{', sheet ' + sheet if sheet else ''}: no header row (the sheet is empty)"
        raise error(message, path=str(path), sheet=sheet)
    if len(rows) - 1 > MAX_ROWS:
        message = f"{path.name}: {len(rows) - 1} rows is over the limit of {MAX_ROWS}"
        raise error(message, path=str(path), sheet=sheet)
    header_row, header = rows[0]
    width = len(header)
    data = tuple((n, tuple(cells[:width]) + (None,) * (width - len(cells))) for n, cells in rows[1:])
    return Table(path, sheet, tuple("" if h is None else str(h).strip() for h in header), header_row, data)


def open_workbook(path: Path, error: ErrorType) -> Any:
    """Open an XLSX safely: size limits, zip-bomb check, defusedxml parsing, formulas not evaluated."""
    data = read_bytes(path, error, MAX_XLSX_BYTES)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        message = f"{path.name}: not an XLSX workbook (not a zip archive)"
        raise error(message, path=str(path)) from None
    if unpacked > MAX_XLSX_UNPACKED:
        message = f"{path.name}: unpacks to {unpacked} bytes, over the limit of {MAX_XLSX_UNPACKED}"
        raise error(message, path=str(path), value=unpacked)
    import openpyxl
    import openpyxl.xml

    if not openpyxl.xml.DEFUSEDXML:  # pragma: no cover - defusedxml is a dependency
        message = f"{path.name}: refusing to read XLSX without defusedxml installed"
        raise error(message, path=str(path))
    try:
        return openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken workbook
        message = f"{path.name}: cannot read the workbook ({type(exc).__name__}: {exc})"
        raise error(message, path=str(path)) from None


def sheet_table(path: Path, worksheet: Any, error: ErrorType) -> Table:
    """The rows of one worksheet, with merged ranges' values carried into every cell they cover."""
    fill: dict[tuple[int, int], object] = {}
    for merged in list(worksheet.merged_cells.ranges):
        value = worksheet.cell(merged.min_row, merged.min_col).value
        for r in range(merged.min_row, merged.max_row + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                fill[r, c] = value
    rows: list[tuple[int, tuple[Any, ...]]] = []
    for r, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
        cells = tuple(fill.get((r, c), v) for c, v in enumerate(values, start=1)) if fill else values
        rows.append((r, tuple(unneutralise(v.strip()) if isinstance(v, str) else v for v in cells)))
    return _table(path, worksheet.title, rows, error)


def read_table(path: Path, error: ErrorType, *, sheet: Callable[[Sequence[str]], str | None] | None = None) -> Table:
    """One table from a CSV file or from an XLSX workbook (the sheet ``sheet`` picks, else the first)."""
    if path.suffix.lower() == ".csv":
        return read_csv(path, error)
    workbook = open_workbook(path, error)
    name = sheet(workbook.sheetnames) if sheet else None
    return sheet_table(path, workbook[name] if name else workbook.worksheets[0], error)
