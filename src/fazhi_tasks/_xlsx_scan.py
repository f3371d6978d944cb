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
import zipfile
import zlib
from pathlib import Path
from typing import Any

import attrs

from ._errors import Said, TooLarge
from ._tabular import MAX_COLUMNS, MAX_ROWS, MAX_XLSX_UNPACKED, ErrorType

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

_DIMENSION = re.compile(rb'<dimension\s+ref="([A-Z]{1,3})?(\d{1,9})?(?::([A-Z]{1,3})(\d{1,9}))?"')
_FAR_COLUMN = re.compile(rb' r="((?:[A-Z]{3}|I[W-Z]|[J-Z][A-Z])\d{1,9})"')  # a literal start: fast scans
_FAR_ROW = re.compile(rb' r="[A-Z]{1,3}(\d{6,9})"')
_REF = re.compile(rb'\br="([A-Z]{1,3})(\d{1,9})"')
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
                raise _fail(error, path, TooLarge(f"部件 {info.filename} 解压后超过 {most} 字节，超过上限",
                                              f"part {info.filename} unpacks to more than {most} bytes, over the "
                                              "limit"),
                            value=info.filename)
            if rows:
                count += chunk.count(b"<row")
                if count > MAX_ROW_ELEMENTS:
                    raise _fail(error, path, TooLarge(f"工作表部件 {info.filename} 超过 {MAX_ROW_ELEMENTS} 行"
                                                      "（含空行），超过上限",
                                                  f"sheet part {info.filename}: more than {MAX_ROW_ELEMENTS} rows "
                                                  "(even blank), over the limit"), value=info.filename)
            chunks.append(chunk)
    data = b"".join(chunks)
    head = data[:4096]
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        raise _fail(error, path, Said(f"部件 {info.filename} 声明了 DTD（实体一律拒绝读取：DTDForbidden）",
                                      f"part {info.filename} declares a DTD (entities are refused: DTDForbidden)"),
                    value=info.filename)
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


def _sheet_facts(xml: bytes, name: str, percent_styles: set[int], path: Path, error: ErrorType) -> SheetFacts:
    dim = _DIMENSION.search(xml, 0, 8192)
    if dim and dim[4] and int(dim[4]) > MAX_ROWS + 1_000:
        ref = dim[0].split(b'"')[1].decode()
        raise _fail(error, path, TooLarge(f"工作表“{name}”声明有 {int(dim[4])} 行（{ref}），超过上限 {MAX_ROWS} 行",
                                      f"sheet {name}: declares {int(dim[4])} rows ({ref}), over the limit of "
                                      f"{MAX_ROWS}"),
                    sheet=name, value=ref)
    for far in _FAR_COLUMN.finditer(xml):
        if _has_value(xml, far.end()):
            ref = far[1].decode()
            raise _fail(error, path, Said(f"工作表“{name}”，单元格 {ref}：超出 IV 列（最多 {MAX_COLUMNS} 列）",
                                          f"sheet {name}, cell {ref}: a value beyond column IV (the limit is "
                                          f"{MAX_COLUMNS} columns)"), sheet=name, value=ref)
    for far in _FAR_ROW.finditer(xml):
        if int(far[1]) > MAX_ROWS + 1_000 and _has_value(xml, far.end()):
            raise _fail(error, path, TooLarge(f"工作表“{name}”第 {int(far[1])} 行有内容，超过上限 {MAX_ROWS} 行",
                                          f"sheet {name}: a value in row {int(far[1])}, beyond the limit of "
                                          f"{MAX_ROWS} rows"), sheet=name, value=int(far[1]))
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
            raise _fail(error, path, Said("不是 Excel .xlsx 工作簿（缺少 xl/workbook.xml）；"
                                          "请用 Excel/WPS 另存为 .xlsx",
                                          "not an Excel .xlsx workbook (no xl/workbook.xml); save it from Excel or "
                                          "WPS as .xlsx"))
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
                _read_part(archive, info, limit, budget, path, error)
        return facts
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, zlib.error, EOFError, KeyError) as exc:
        raise _fail(error, path, Said(f"工作簿已损坏或使用了不支持的压缩方式（{type(exc).__name__}: {exc}）；"
                                      "请用 Excel/WPS 打开后另存为 .xlsx",
                                      f"the workbook is damaged or uses an unsupported compression "
                                      f"({type(exc).__name__}: {exc}); open it in Excel or WPS and save it as .xlsx")
                    ) from None
    except SyntaxError as exc:  # ElementTree.ParseError and defusedxml's refusals
        raise _fail(error, path, Said(f"工作簿的 XML 无法读取（{type(exc).__name__}: {exc}）",
                                      f"the workbook's XML cannot be read ({type(exc).__name__}: {exc})")) from None
