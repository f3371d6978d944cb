"""What python-calamine does not say about an ``.xls``: which number cells have a percent format, which struck.

An ``.xls`` (BIFF8) is a compound file (OLE2/CFB) holding a ``Workbook`` stream of records. This
reads the stream (every sector chain bounded and checked for loops), then the records: the number
formats (``FORMAT``), the cell styles (``XF``), the sheets (``BOUNDSHEET8``) and, in each sheet, the
number cells (``NUMBER``, ``RK``, ``MULRK``, ``FORMULA``) whose style's format is a percentage, so
that a 60% saved by Excel, WPS or LibreOffice reads as 60 as it does from ``.xlsx``. The same pass
reads the fonts (``FONT``, bit ``fStrikeOut``) and notes every cell (``LABELSST``, ``LABEL``,
``RSTRING``, number, ``BLANK``/``MULBLANK``, ``FORMULA``, ``BOOLERR``) whose style's font is struck
through, so that a struck row reads as cancelled as it does from ``.xlsx``. Strikethrough given only
to part of a cell's text (a rich-text run) is not seen.

It never raises: a file this cannot follow, or one past the record or cell budget, yields no facts
(neither percent nor struck cells; short of a damaged file, that is a workbook past 2.5 million
records or 500,000 such cells): the plan reader then says in its summary that struck rows were not
seen (a struck row reads as live there, as in an ``.xlsb``), and the child process that
reads the cells (``io/sheets/sandbox.py``) decides whether the file is readable at all.
"""

from __future__ import annotations

import array
import struct
from collections.abc import Iterator

import attrs

__all__ = ["XlsFacts", "xls_facts", "xls_percent"]

_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
_END = 0xFFFFFFFE
_FREE = 0xFFFFFFFF
_BUILTIN_PERCENT = frozenset({9, 10})
#: Most records followed in one workbook (about a second of Python; a sheet of 100,000 rows × 15 cells has 1.6
#: million): past it no percent cells are given, and percent-formatted fractions are refused as bare fractions.
_MAX_RECORDS = 2_500_000
_HEAD = struct.Struct("<HH")
#: Most percent and struck cells noted in one workbook (each a (row, column) pair in memory); past it none are.
_MAX_CELLS = 500_000
#: The records of cells that carry a style index (row, column, XF index at offsets 0, 2, 4): LABELSST, LABEL,
#: RSTRING, NUMBER, RK, BLANK, FORMULA, BOOLERR.
_ONE_CELL = frozenset({0x00FD, 0x0204, 0x00D6, 0x0203, 0x027E, 0x0201, 0x0006, 0x0205})
_NUMBER_CELL = frozenset({0x0203, 0x027E, 0x0006})  # NUMBER, RK, FORMULA


@attrs.frozen
class XlsFacts:
    """What the BIFF records say about one sheet besides its values.

    Attributes:
        percent: (1-based row, 0-based column) of number cells with a percent format.
        struck: (row, column) of cells whose font is struck through.
    """

    percent: frozenset[tuple[int, int]] = frozenset()
    struck: frozenset[tuple[int, int]] = frozenset()


class _BrokenError(Exception):
    """The compound file or a record is not what it claims."""


def _chain(fat: array.array[int], start: int, limit: int) -> list[int]:
    out: list[int] = []
    seen: set[int] = set()
    sector = start
    while sector not in (_END, _FREE):
        if sector in seen or sector >= limit or len(out) > limit:
            raise _BrokenError
        seen.add(sector)
        out.append(sector)
        sector = fat[sector] if sector < len(fat) else _END
    return out


def _stream(data: bytes) -> bytes:
    """The ``Workbook`` (or ``Book``) stream of a compound file."""
    if not data.startswith(_MAGIC) or len(data) < 512:
        raise _BrokenError
    shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
    if shift not in (9, 12) or mini_shift != 6:
        raise _BrokenError
    size = 1 << shift
    sectors = (len(data) - 512) // size + 1

    def sector(n: int) -> bytes:
        at = 512 + n * size
        if at + size > len(data) + size:
            raise _BrokenError
        return data[at:at + size]

    n_fat, first_dir = struct.unpack_from("<I", data, 0x2C)[0], struct.unpack_from("<I", data, 0x30)[0]
    cutoff, first_mini_fat, n_mini_fat, first_difat, n_difat = struct.unpack_from("<IIIII", data, 0x38)
    difat = list(struct.unpack_from("<109I", data, 0x4C))
    seen_difat = 0
    while first_difat not in (_END, _FREE) and seen_difat <= n_difat and seen_difat < sectors:
        block = sector(first_difat)
        values = struct.unpack(f"<{size // 4}I", block)
        difat.extend(values[:-1])
        first_difat, seen_difat = values[-1], seen_difat + 1
    fat = array.array("I")  # 4 bytes an entry, as many entries as the file has sectors (and no more)
    for n in difat[:min(n_fat, sectors // (size // 4) + 1)]:
        if n in (_END, _FREE) or n >= sectors:
            continue
        fat.frombytes(sector(n).ljust(size, b"\xff"))
    directory = b"".join(sector(n) for n in _chain(fat, first_dir, sectors))
    entries = [directory[i:i + 128] for i in range(0, len(directory) - 127, 128)]
    if not entries:
        raise _BrokenError
    root = entries[0]
    wanted = None
    for entry in entries:
        length = struct.unpack_from("<H", entry, 64)[0]
        name = entry[:max(0, min(length, 64) - 2)].decode("utf-16-le", "replace")
        if entry[66] == 2 and name in ("Workbook", "Book"):
            wanted = entry
            break
    if wanted is None:
        raise _BrokenError
    start, length = struct.unpack_from("<II", wanted, 116)
    if length >= cutoff:
        body = b"".join(sector(n) for n in _chain(fat, start, sectors))
        return body[:length]
    mini_fat = array.array("I")
    for n in _chain(fat, first_mini_fat, sectors)[:max(n_mini_fat, 0)]:
        mini_fat.frombytes(sector(n).ljust(size, b"\xff"))
    mini = b"".join(sector(n) for n in _chain(fat, struct.unpack_from("<I", root, 116)[0], sectors))
    parts = _chain(mini_fat, start, len(mini) // 64 + 1)
    return b"".join(mini[n * 64:(n + 1) * 64] for n in parts)[:length]


def _text(data: bytes, at: int, wide_count: bool) -> str:
    """An XLUnicodeString (``wide_count``: a 2-byte count) or ShortXLUnicodeString at ``at``."""
    count = struct.unpack_from("<H" if wide_count else "<B", data, at)[0]
    at += 2 if wide_count else 1
    flags = data[at]
    at += 1
    if flags & 0x01:
        return data[at:at + 2 * count].decode("utf-16-le", "replace")
    return data[at:at + count].decode("latin-1")


def _records(stream: bytes, start: int, budget: list[int]) -> Iterator[tuple[int, int, int]]:
    """(kind, offset of the body, length) from ``start`` to the substream's EOF (each record once: linear), at
    most ``budget[0]`` records in all."""
    at, end, head = start, len(stream), _HEAD.unpack_from
    while 0 <= at and at + 4 <= end:
        budget[0] -= 1
        if budget[0] < 0:
            raise _BrokenError
        kind, length = head(stream, at)
        yield kind, at + 4, min(length, end - at - 4)
        at += 4 + length
        if kind == 0x000A:  # EOF
            break


def _is_percent(code: str) -> bool:
    from fazhi_tasks.io.sheets.xlsx_scan import _format_kind

    return _format_kind(code) == "percent"


def xls_percent(data: bytes) -> dict[str, frozenset[tuple[int, int]]]:
    """Each sheet's (1-based row, 0-based column) of number cells with a percent format; ``{}`` when unreadable."""
    return {name: f.percent for name, f in (xls_facts(data) or {}).items() if f.percent}


def xls_facts(data: bytes) -> dict[str, XlsFacts] | None:
    """Each sheet's percent and struck cells; ``None`` when unreadable or past the budget (never raises)."""
    try:
        return _cells(_stream(data))
    except (_BrokenError, struct.error, IndexError, ValueError):
        return None


def _cells(stream: bytes) -> dict[str, XlsFacts]:
    formats: dict[int, bool] = {}
    styles: list[tuple[int, int]] = []  # (font index, format index) of each XF
    struck_fonts: list[bool] = []  # each FONT record in order (BIFF font index 4 does not exist)
    sheets: list[tuple[str, int]] = []
    budget = [_MAX_RECORDS]
    for kind, at, length in _records(stream, 0, budget):
        if kind == 0x041E and length >= 5:  # FORMAT
            formats[struct.unpack_from("<H", stream, at)[0]] = _is_percent(_text(stream, at + 2, True))
        elif kind == 0x0031 and length >= 4:  # FONT: height, grbit (bit 3 fStrikeOut), ...
            struck_fonts.append(bool(struct.unpack_from("<H", stream, at + 2)[0] & 0x0008))
        elif kind == 0x00E0 and length >= 4:  # XF: font index, format index, ...
            styles.append(struct.unpack_from("<HH", stream, at))
        elif kind == 0x0085 and length >= 8:  # BOUNDSHEET8
            offset = struct.unpack_from("<I", stream, at)[0]
            if stream[at + 5] == 0:  # a worksheet
                sheets.append((_text(stream, at + 6, False), offset))

    def font_struck(index: int) -> bool:
        n = index if index < 4 else index - 1
        return index != 4 and n < len(struck_fonts) and struck_fonts[n]

    percent_xf = {i for i, (_, f) in enumerate(styles) if f in _BUILTIN_PERCENT or formats.get(f, False)}
    struck_xf = {i for i, (font, _) in enumerate(styles) if font_struck(font)}
    found: dict[str, XlsFacts] = {}
    if not percent_xf and not struck_xf:
        return found
    total = 0
    unpack3, unpack2, unpack1 = struct.Struct("<HHH").unpack_from, struct.Struct("<HH").unpack_from, \
        struct.Struct("<H").unpack_from
    for name, offset in sheets:
        percent: set[tuple[int, int]] = set()
        struck: set[tuple[int, int]] = set()
        for kind, at, length in _records(stream, offset, budget):
            if kind in _ONE_CELL and length >= 6:
                row, col, xf = unpack3(stream, at)
                if xf in percent_xf and kind in _NUMBER_CELL:
                    percent.add((row + 1, col))
                if xf in struck_xf:
                    struck.add((row + 1, col))
            elif kind == 0x00BD and length >= 6:  # MULRK: row, first column, (xf, RK) × n, last column
                row, first = unpack2(stream, at)
                for k in range((length - 6) // 6):
                    xf = unpack1(stream, at + 4 + 6 * k)[0]
                    if xf in percent_xf:
                        percent.add((row + 1, first + k))
                    if xf in struck_xf:
                        struck.add((row + 1, first + k))
            elif kind == 0x00BE and length >= 6:  # MULBLANK: row, first column, xf × n, last column
                row, first = unpack2(stream, at)
                for k in range((length - 6) // 2):
                    if unpack1(stream, at + 4 + 2 * k)[0] in struck_xf:
                        struck.add((row + 1, first + k))
            if total + len(percent) + len(struck) > _MAX_CELLS:
                raise _BrokenError
        total += len(percent) + len(struck)
        found[name] = XlsFacts(frozenset(percent), frozenset(struck))
    return found
