"""What python-calamine does not say about an ``.xlsx``, read from its XML: limits first, then formats.

Before any cell is parsed, every part is decompressed as a stream with the limits checked as
the bytes arrive (the total unpacked size, each part's size, the number of ``<row>`` elements);
the sheet's declared dimension and the cells holding values far right or far down are refused.
Then, with byte patterns (linear, no DOM): which cells have a percent number format, which
formula cells were saved without a computed value (or with an error), and which columns are
hidden. The small parts (workbook, relationships, styles) are parsed with defusedxml; a part
that declares a DTD is refused (no entity expansion anywhere).
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from pathlib import Path
from typing import Any

import attrs

from fazhi_tasks.core.errors import DataFileError, Said, TooLarge
from fazhi_tasks.io.sheets.tabular import MAX_COLUMNS, MAX_ROWS, MAX_XLSX_UNPACKED, ErrorType, column_letter

__all__ = ["SheetFacts", "scan_xlsx"]

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_BUILTIN_PERCENT = frozenset({9, 10})
_QUOTED = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')
#: Largest uncompressed part besides the worksheets and the shared strings.
_SMALL_PART = 16 << 20
#: Largest uncompressed worksheet or shared-string part.
MAX_SHEET_XML = 128 << 20
#: ``<row>`` elements allowed in a sheet, blank ones included.
MAX_ROW_ELEMENTS = MAX_ROWS * 2
_CHUNK = 1 << 20

_DIMENSION = re.compile(rb'<dimension\s+ref="([A-Za-z]*)(\d*)(?::([A-Za-z]*)(\d*))?"')
_FAR_COLUMN = re.compile(rb' r="((?:[A-Za-z]{3,}|[Ii][W-Zw-z]|[J-Zj-z][A-Za-z])\d*)"')  # a literal start: fast scans
_FAR_ROW = re.compile(rb' r="[A-Za-z]*(\d{6,})"')
_REF = re.compile(rb'\br="([A-Z]{1,3})(\d{1,9})"')
_LAST_ROW = re.compile(rb'<row\b[^>]*?\sr="(\d+)"')
_COLUMN_OF = re.compile(rb'<c\b[^>]*?\sr="([A-Za-z]+)\d')
_BAD_ENTITY = re.compile(rb"&(?!(?:amp|lt|gt|quot|apos|#[0-9]{1,7}|#x[0-9A-Fa-f]{1,6});)")
_SST_COUNT = re.compile(rb'<(?:\w+:)?sst\b[^>]*?\buniqueCount="(\d+)"')
#: Most cells in the used range of one sheet (last row × last column holding a value): the reader lays the
#: range out in full, about 32 bytes a cell, so a sparse far cell is refused before it is read.
MAX_CELLS = 4_000_000
_HIDDEN_COL = re.compile(rb'<col\b[^>]*>')
_ERROR_CELL = re.compile(rb' t="e"')


@attrs.frozen
class SheetFacts:
    """What the XML says about one worksheet besides its values.

    Attributes:
        percent: (row, 0-based column) of cells with a percent number format.
        uncached: (row, column) of formula cells saved without a value, or with an error value.
        hidden: 0-based hidden columns.
    """

    percent: frozenset[tuple[int, int]] = frozenset()
    uncached: frozenset[tuple[int, int]] = frozenset()
    hidden: frozenset[int] = frozenset()


def _column_index(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n - 1


def _fail(error: ErrorType, path: Path, why: Said, **kw: Any) -> Exception:
    return error(type(why)(f"{path.name}：{why.zh}", f"{path.name}: {why.en}"), path=str(path), **kw)


def _read_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, budget: list[int], path: Path,  # noqa: PLR0917
               error: ErrorType, *, rows: bool = False) -> bytes:
    """A part's bytes, decompressed as a stream: its size, the total and (for sheets) the rows checked on the way."""
    chunks: list[bytes] = []
    size = count = 0
    with archive.open(info) as stream:
        while chunk := stream.read(_CHUNK):
            size += len(chunk)
            budget[0] += len(chunk)
            if size > limit or budget[0] > MAX_XLSX_UNPACKED:
                most = min(limit, MAX_XLSX_UNPACKED)
                raise _fail(error, path, TooLarge.of("sheets.part_unpacks_big", filename=info.filename, most=most),
                            value=info.filename)
            if rows:
                count += chunk.count(b"<row")
                if count > MAX_ROW_ELEMENTS:
                    raise _fail(error, path, TooLarge.of("sheets.part_too_many_rows", filename=info.filename,
                                                         max_row_elements=MAX_ROW_ELEMENTS), value=info.filename)
            chunks.append(chunk)
    data = b"".join(chunks)
    head = data[:4096]
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        raise _fail(error, path, Said.of("sheets.part_dtd", filename=info.filename),
                    value=info.filename)
    if b"&" in data and (bad := _BAD_ENTITY.search(data)):  # the reader drops such a value silently
        shown = data[bad.start():bad.start() + 12].split(b"<")[0].decode("utf-8", "replace")
        raise _fail(error, path, Said.of("sheets.part_bad_entity", filename=info.filename, shown=shown), value=shown)
    return data


def _format_kind(code: str) -> str:
    bare = _QUOTED.sub("", code).lower().split(";")[0]
    return "percent" if "%" in bare else ""


def _percent_styles(root: Any) -> set[int]:
    """The indices of the cell styles whose number format is a percentage."""
    if root is None:
        return set()
    custom = {f.get("numFmtId", ""): _format_kind(f.get("formatCode", "")) for f in root.iter(f"{_NS}numFmt")}
    xfs = root.find(f"{_NS}cellXfs")
    found = set()
    for index, xf in enumerate(xfs if xfs is not None else ()):
        fid = xf.get("numFmtId", "0") or "0"
        if custom.get(fid) == "percent" or (fid.isdigit() and len(fid) < 6 and int(fid) in _BUILTIN_PERCENT):
            found.add(index)
    return found


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


def _has_value(xml: bytes, at: int) -> bool:
    """Whether the element whose attribute ends at ``at`` is a cell holding something (not ``<c .../>``)."""
    end = xml.find(b">", at)
    return end > 0 and xml[end - 1:end] != b"/" and not xml.startswith(b"</c>", end + 1)


def _ref(cell: bytes) -> tuple[int, int] | None:
    m = _REF.search(cell)
    return (int(m[2]), _column_index(m[1])) if m else None


def _number(digits: bytes) -> int:
    """A row number as written, capped (a run of 5,000 digits is simply too big, not an error of ``int``)."""
    return int(digits) if len(digits) <= 12 else 10**12


def _dimension(xml: bytes, name: str, path: Path, error: ErrorType) -> None:
    dim = _DIMENSION.search(xml, 0, 8192)
    if not dim:
        return
    ref = dim[0].split(b'"')[1].decode("ascii", "replace")[:40]
    rows = _number(dim[4] or dim[2] or b"0")
    if rows > MAX_ROWS + 1_000:
        raise _fail(error, path, TooLarge.of("sheets.declares_too_many_rows", name=name, rows=rows, ref=ref,
                                             max_rows=MAX_ROWS),
                    sheet=name, value=ref)
    letters = dim[3] or dim[1] or b"A"
    if len(letters) > 3 or _column_index(letters.upper()) >= 16_384:
        raise _fail(error, path, Said.of("sheets.declares_beyond_excel", name=name, ref=ref),
                    sheet=name, value=ref)


def _cells_without_ref(xml: bytes, name: str, path: Path, error: ErrorType) -> int:
    """Cells written without ``r=`` take the next column: count them row by row (rows are bounded already).

    Returns:
        The most cells in one row.
    """
    most = 0
    for number, part in enumerate(xml.split(b"<row")[1:], start=1):
        end = part.find(b"</row>")
        cells = part[:end if end >= 0 else len(part)]
        count = cells.count(b"<c ") + cells.count(b"<c>") + cells.count(b"<c/>")
        if count > MAX_COLUMNS:
            raise _fail(error, path, TooLarge.of("sheets.row_too_many_cells", name=name, number=number, count=count,
                                                 max_columns=MAX_COLUMNS), sheet=name, value=count)
        most = max(most, count)
    return most


def _last_row(xml: bytes) -> int:
    """The row of the last cell holding a value (looking back over at most 1,000 cells), else of the last row."""
    end = len(xml)
    for _ in range(1_000):
        start = xml.rfind(b'<c r="', 0, end)
        if start < 0:
            break
        if _has_value(xml, start + 3) and (ref := _REF.match(xml, start + 3)):
            return _number(ref[2])
        end = start
    tail = xml.rfind(b"<row")
    m = _LAST_ROW.match(xml, tail) if tail >= 0 else None
    return _number(m[1]) if m else xml.count(b"<row")


def _used_range(xml: bytes, name: str, path: Path, error: ErrorType, unnamed: int) -> None:
    """Refuse a used range (last row × last column) of more than :data:`MAX_CELLS` cells, the sparse far cell.

    ``unnamed`` is the most cells a row holds when some have no ``r=`` (0 when all have one).
    """
    last_row = _last_row(xml)
    if last_row * MAX_COLUMNS <= MAX_CELLS:  # the common case: no need to look at the columns
        return
    widest = max((_column_index(m[1].upper()) + 1 for m in _COLUMN_OF.finditer(xml) if len(m[1]) <= 3),
                 default=unnamed)
    widest = max(widest, unnamed)
    if last_row * widest > MAX_CELLS:
        ref = f"A1:{column_letter(widest - 1)}{last_row}"
        raise _fail(error, path, TooLarge.of("sheets.used_range_too_big", name=name, ref=ref, widest=last_row * widest,
                                             max_cells=MAX_CELLS), sheet=name, value=ref)


def _sheet_facts(xml: bytes, name: str, percent_styles: set[int], path: Path, error: ErrorType) -> SheetFacts:
    _dimension(xml, name, path, error)
    unnamed = 0
    if xml.count(b"<c ") + xml.count(b"<c>") + xml.count(b"<c/>") != xml.count(b'<c r="'):
        unnamed = _cells_without_ref(xml, name, path, error)
    for far in _FAR_COLUMN.finditer(xml):
        if _has_value(xml, far.end()):
            ref = far[1].decode("ascii", "replace")[:40]
            raise _fail(error, path, Said.of("sheets.beyond_column_iv", name=name, ref=ref,
                                             max_columns=MAX_COLUMNS), sheet=name, value=ref)
    for far in _FAR_ROW.finditer(xml):
        if (row := _number(far[1])) > MAX_ROWS + 1_000 and _has_value(xml, far.end()):
            raise _fail(error, path, TooLarge.of("sheets.beyond_row_limit", name=name, row=row,
                                                 max_rows=MAX_ROWS), sheet=name, value=row)
    _used_range(xml, name, path, error, unnamed)
    percent: set[tuple[int, int]] = set()
    for style in percent_styles:
        for m in re.finditer(rb' s="%d"' % style, xml):
            start = xml.rfind(b"<", 0, m.start())
            if xml.startswith(b"<c ", start) and (at := _ref(xml[start:m.start()] + xml[m.end():xml.find(
                    b">", m.end())])) is not None:
                percent.add(at)
    uncached: set[tuple[int, int]] = set()
    for m in re.finditer(rb"<f\b", xml):
        start, end = xml.rfind(b"<c ", 0, m.start()), xml.find(b"</c>", m.start())
        cell = xml[start:end]
        if re.search(rb"<v>[^<]", cell) is None and b"<is>" not in cell and (at := _ref(cell)) is not None:
            uncached.add(at)
    for m in _ERROR_CELL.finditer(xml):
        start = xml.rfind(b"<", 0, m.start())
        if xml.startswith(b"<c ", start) and (at := _ref(xml[start:xml.find(b">", m.end())])) is not None:
            uncached.add(at)
    hidden: set[int] = set()
    for m in _HIDDEN_COL.finditer(xml):
        col = m[0]
        if re.search(rb'\bhidden="(?:1|true)"', col):
            low, high = re.search(rb'\bmin="(\d{1,5})"', col), re.search(rb'\bmax="(\d{1,5})"', col)
            if low and high:
                hidden.update(range(int(low[1]) - 1, min(int(high[1]), MAX_COLUMNS)))
    return SheetFacts(frozenset(percent), frozenset(uncached), frozenset(hidden))


def _shared_strings(xml: bytes, path: Path, error: ErrorType) -> None:
    """Refuse a shared-string table that declares more strings than its bytes can hold (the reader reserves them)."""
    m = _SST_COUNT.search(xml, 0, 4096)
    if m and _number(m[1]) > len(xml) // 5 + 1:  # ``<si/>`` is the shortest entry
        declared = _number(m[1])
        raise _fail(error, path, Said.of("sheets.shared_strings_malformed", declared=declared,
                                         count=len(xml)), value=declared)


def scan_xlsx(path: Path, archive: zipfile.ZipFile, error: ErrorType) -> dict[str, SheetFacts]:
    """Check every part of an opened ``.xlsx`` against the limits; each worksheet's facts by sheet name.

    Raises:
        ``error``: Too big, too many rows, a value too far right or down, a DTD, a broken or
            unsupported zip entry, or no workbook part.
    """
    from defusedxml.ElementTree import fromstring

    try:
        infos = {i.filename: i for i in archive.infolist()}
        budget = [0]

        def small(name: str) -> Any:
            info = infos.get(name)
            return None if info is None else fromstring(_read_part(archive, info, _SMALL_PART, budget, path, error),
                                                        forbid_dtd=True)

        book = small("xl/workbook.xml")
        if book is None:
            raise _fail(error, path, Said.of("sheets.not_xlsx"))
        rels = small("xl/_rels/workbook.xml.rels")
        targets = {r.get("Id"): _target("xl/workbook.xml", r.get("Target", ""))
                   for r in (rels.iter(f"{_PKG_REL}Relationship") if rels is not None else ())}
        styles = _percent_styles(small("xl/styles.xml"))
        sheets = {targets.get(s.get(f"{_REL}id")): s.get("name") or "?" for s in book.iter(f"{_NS}sheet")}
        facts: dict[str, SheetFacts] = {}
        for name, info in infos.items():
            if name in sheets:
                xml = _read_part(archive, info, MAX_SHEET_XML, budget, path, error, rows=True)
                facts[sheets[name] or "?"] = _sheet_facts(xml, sheets[name] or "?", styles, path, error)
            elif name.endswith((".xml", ".rels")):
                limit = MAX_SHEET_XML if name == "xl/sharedStrings.xml" else _SMALL_PART
                part = _read_part(archive, info, limit, budget, path, error)
                if name.lower().endswith("sharedstrings.xml"):
                    _shared_strings(part, path, error)
        return facts
    except DataFileError:
        raise
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, zlib.error, EOFError, KeyError, ValueError,
            OSError, struct.error) as exc:  # a cut zip: "negative seek value", "Bad magic number" ...
        raise _fail(error, path, Said.of("sheets.xlsx_damaged", kind=type(exc).__name__, error=exc)
                    ) from None
    except SyntaxError as exc:  # ElementTree.ParseError and defusedxml's refusals
        raise _fail(error, path, Said.of("sheets.xlsx_bad_xml", kind=type(exc).__name__, error=exc)) from None
