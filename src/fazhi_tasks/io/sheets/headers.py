"""Finding the header of a sheet as clerks lay it out, and mapping its columns to fields.

The header is the first row that names at least two known columns (title and date lines
above it are kept as the sheet's title). A second header row under it (``责任分工`` over
``牵头处室 | 配合处室``) is flattened: the child's name decides. Headers match through
aliases, ignoring width, spaces, case, a trailing ``：``/``*`` and a bracketed unit suffix
(``完成进度(%)`` reads as ``完成进度``); a header that says 调整 is the adjusted version of
its field. Data rows get merged ranges' values carried into every cell they cover, but a
row that is blank apart from such carried values is blank.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from fazhi_tasks.core.errors import Said
from fazhi_tasks.io.sheets.tabular import MAX_CELL_CHARS, ErrorType, header_keys, place, too_long, unneutralise
from fazhi_tasks.io.sheets.workbook import Grid, column_letter

__all__ = ["Columns", "Table", "build_table", "lookup"]

#: Rows looked at for the header.
_HEADER_SCAN = 30
_ADJUSTED = ("（调整后）", "(调整后)", "调整后的", "调整后", "（调整）", "(调整)", "调整")
#: Words marking the original version of a deadline (完成时限 over 原定 | 调整后).
_ORIGINAL = ("原定", "原计划", "原")


def lookup(aliases: Mapping[str, str], text: object) -> str | None:
    """The field a header names, or ``None``; ``调整`` headers give ``<field>_adjusted``.

    >>> lookup({"完成时限": "deadline"}, "完成时限（调整后）"), lookup({"完成进度": "percent"}, "完成进度(%)")
    ('deadline_adjusted', 'percent')
    """
    keys = header_keys(text)
    if keys[0] in aliases:
        return aliases[keys[0]]
    key = keys[0]
    if "调整" in key:
        for word in _ADJUSTED:
            bare = key.replace(word, "")
            if bare != key and bare:
                field = lookup(aliases, bare)
                if field is not None and not field.endswith("_adjusted"):
                    return field + "_adjusted"
    found = next((aliases[k] for k in keys[1:] if k in aliases), None)
    if found is None:
        for word in _ORIGINAL:
            bare = key.removeprefix(word) if key.startswith(word) else key.removesuffix(word)
            if bare != key and bare and lookup(aliases, bare) == "deadline":
                return "original_deadline"
    return found


@attrs.frozen
class Columns:
    """The columns of a table matched to fields.

    Attributes:
        fields: Field → 0-based column.
        unknown: (column, header) of headers that name no field.
        hidden_ignored: (column, header) of hidden columns a visible column of the same meaning replaced.
        hidden_used: (column, header) of hidden columns read because no visible one has their meaning.
    """

    fields: dict[str, int]
    unknown: tuple[tuple[int, str], ...]
    hidden_ignored: tuple[tuple[int, str], ...]
    hidden_used: tuple[tuple[int, str], ...]


@attrs.frozen
class Table:
    """The data rows under a sheet's (or CSV file's) header.

    Attributes:
        path: The file.
        sheet: The worksheet's name, ``None`` for CSV.
        header: The (flattened) header text of each column, from column A.
        header_row: The 1-based row number of the (last) header row.
        rows: (row number, cells) of each non-blank data row, cells as wide as the header.
        single: Row numbers holding exactly one value before merged values were carried (section rows?).
        stray: (row, column, value) of values under no header or beyond the header's width.
        percent: (row, column) of cells with a percent number format.
        uncached: (row, column) of formula cells with no computed value.
        hidden: Hidden columns.
        title: Texts of the rows above the header.
        blank_rows: Blank rows skipped (inside merged ranges included).
        sparse: Row number → the columns holding the row's own values (merged values not carried), for rows
            with at most two own values (heading rows?).
        banner: Rows whose one value is a merged range spanning two columns or more (a sub-heading).
        marks: (row, column) → what the cell's format says: ``"month"``/``"year"`` for a date shown as a
            month or a year, ``"struck"`` for struck-through text (``.xlsx`` only).
    """

    path: Path
    sheet: str | None
    header: tuple[str, ...]
    header_row: int
    rows: tuple[tuple[int, tuple[Any, ...]], ...]
    single: frozenset[int] = frozenset()
    stray: tuple[tuple[int, int, object], ...] = ()
    percent: frozenset[tuple[int, int]] = frozenset()
    uncached: frozenset[tuple[int, int]] = frozenset()
    hidden: frozenset[int] = frozenset()
    title: tuple[str, ...] = ()
    blank_rows: int = 0
    sparse: Mapping[int, tuple[int, ...]] = attrs.field(factory=dict)
    banner: frozenset[int] = frozenset()
    marks: Mapping[tuple[int, int], str] = attrs.field(factory=dict)

    def column_name(self, column: int) -> str:
        """``F（完成时限）``: the letter Excel shows (a CSV opened in Excel too) and the header."""
        header = self.header[column] if column < len(self.header) else ""
        return f"{column_letter(column)}（{header}）" if header else column_letter(column)

    def where(self, row: int | None = None, column: int | None = None) -> Said:
        """``计划.xlsx，工作表“任务”，第17行，F列（完成时限）`` (and in English) — the place for an error message."""
        header = (self.header[column] if column < len(self.header) else "") if column is not None else None
        return place(self.path.name, self.sheet, row, column_letter(column) if column is not None else None, header)

    def missing(self, missing: Sequence[str], expected: str, error: ErrorType) -> Exception:
        """The error for a header that lacks ``missing`` columns: what it should name, and what it names now."""
        where, headers = self.where(self.header_row), [h for h in self.header if h]
        message = Said.of("sheets.header_lacks", where=where, missing=_listed(missing), expected=_expected(expected),
                          headers=_listed(headers))
        return error(message, path=str(self.path), sheet=self.sheet, line=self.header_row)

    def map(self, aliases: Mapping[str, str], error: ErrorType) -> Columns:
        """Match the header to fields; two visible columns of one meaning are an error naming both."""
        fields: dict[str, int] = {}
        unknown, ignored, used = [], [], []
        for index, text in enumerate(self.header):
            if not text:
                continue
            field = lookup(aliases, text)
            if field is None:
                unknown.append((index, text))
                continue
            if field in fields:
                first = fields[field]
                if field == "id" and "序号" in (header_keys(text)[0], header_keys(self.header[first])[0]):
                    serial = index if header_keys(text)[0] == "序号" else first
                    unknown.append((serial, self.header[serial]))  # 序号 beside 编号: 编号 is the id
                    fields[field] = first if serial == index else index
                    continue
                if (first in self.hidden) != (index in self.hidden):
                    hidden, visible = (first, index) if first in self.hidden else (index, first)
                    ignored.append((hidden, self.header[hidden]))
                    fields[field] = visible
                    continue
                where = self.where(self.header_row, index)
                message = Said.of("sheets.same_column", where=where, column=self.column_name(first),
                                  letter=column_letter(first), header=self.header[first])
                raise error(message, path=str(self.path), sheet=self.sheet, line=self.header_row,
                            column=text, value=text)
            fields[field] = index
        used = [(i, self.header[i]) for i in fields.values() if i in self.hidden]
        return Columns(fields, tuple(unknown), tuple(ignored), tuple(used))


def _listed(items: Sequence[str]) -> Said:
    """Names listed as each language lists them (``、`` or ``, `` between them)."""
    return Said(*(sep.join(items) for sep in Said.of("sep.list")))


def _expected(expected: str) -> Said:
    """The columns a header should name (written in Chinese) as each language lists them."""
    sep, stage = Said.of("sep.list"), Said.of("sheets.and_stage")
    return Said(expected, expected.replace(sep.zh, sep.en).replace(stage.zh, stage.en))


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class _TooLongError(ValueError):
    pass


def _clean(value: object) -> object:
    """A cell stripped, blank as ``None``, un-neutralised (``'=1`` written by this package reads ``=1``)."""
    if value.__class__ is str:
        text = value.strip()
        if not text:
            return None
        if len(text) > MAX_CELL_CHARS:
            raise _TooLongError(text)
        return unneutralise(text) if text[0] == "'" else text
    return value


def _cleaned(path: Path, sheet: str | None, raw: Sequence[tuple[int, tuple[Any, ...]]],
             error: ErrorType) -> tuple[tuple[int, tuple[Any, ...]], ...]:
    """The non-blank rows, each cell cleaned; a cell over the length limit is an error naming its row."""
    out = []
    for number, cells in raw:
        try:
            kept = tuple(map(_clean, cells))
        except _TooLongError as exc:
            text = exc.args[0]
            raise error(too_long(place(path.name, sheet, number), len(text)),
                        path=str(path), sheet=sheet, line=number, value=text[:40]) from None
        if kept.count(None) < len(kept):
            out.append((number, kept))
    return tuple(out)


def _hits(aliases: Mapping[str, str], cells: Sequence[object]) -> set[str]:
    return {f for c in cells if isinstance(c, str) and len(c) <= 60 and (f := lookup(aliases, c))}


def _fill(raw: Sequence[tuple[int, tuple[Any, ...]]], merged: Sequence[tuple[int, int, int, int]]) -> dict[
        tuple[int, int], object]:
    """(row, column) → the value a merged range carries into that cell (its top-left cell's value)."""
    fill: dict[tuple[int, int], object] = {}
    values = dict(raw)
    for r1, c1, r2, c2 in merged:
        top = values.get(r1, ())
        value = top[c1] if c1 < len(top) else None
        if value is None or (r2 - r1 + 1) * (c2 - c1 + 1) > 1_000_000:
            continue
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                if (r, c) != (r1, c1):
                    fill[r, c] = value
    return fill


def _joined(aliases: Mapping[str, str], parent: object, child: object) -> str | None:
    """The field of a child header read with its parent (完成时限 over 调整后), when the child alone names none."""
    if not isinstance(child, str) or lookup(aliases, child) is not None or not isinstance(parent, str):
        return None
    return lookup(aliases, parent + child)


def _child_header(aliases: Mapping[str, str], parent: Sequence[object], child: Sequence[object],
                  merged_columns: set[int]) -> bool:
    """Whether the row under a header is a second header row: known names, each under a blank or merged parent."""
    present = [c for c, v in enumerate(child) if not _blank(v)]
    joined = any(_joined(aliases, parent[c] if c < len(parent) else None, child[c]) for c in present)
    return bool(present and (_hits(aliases, child) or joined)) and all(
        c in merged_columns or c >= len(parent) or _blank(parent[c]) for c in present) and not any(
        isinstance(v, int | float | dt.date) and not isinstance(v, bool) for v in child)


def _header(aliases: Mapping[str, str], raw: Sequence[tuple[int, tuple[Any, ...]]], position: int,
            fill: dict[tuple[int, int], object], merged: Sequence[tuple[int, int, int, int]]) -> tuple[
        tuple[str, ...], int, int]:
    """The flattened header texts, the last header row and the position of the first data row."""
    header_row, cells = raw[position]
    header = [None if c is None else str(c) for c in cells]
    merged_columns = {c for r1, c1, r2, c2 in merged if r1 <= header_row <= r2 and (c2 > c1 or r2 > r1)
                      for c in range(c1, min(c2, 4096) + 1)}
    for c in range(len(header)):
        if header[c] is None and (header_row, c) in fill:
            header[c] = str(fill[header_row, c])
    data_start = position + 1
    if data_start < len(raw) and raw[data_start][0] == header_row + 1 and _child_header(
            aliases, header, raw[data_start][1], merged_columns):
        child_row, child = raw[data_start]
        header += [None] * (len(child) - len(header))
        for c, text in enumerate(child):
            if not _blank(text):
                parent = header[c]
                # the child name decides; one that names nothing alone is read with its parent (完成时限 / 调整后)
                header[c] = f"{parent}{text}" if parent and _joined(aliases, parent, text) else str(text)
        header_row, data_start = child_row, data_start + 1
    texts = tuple("" if h is None else unicodedata.normalize("NFC", h).strip() for h in header)
    return texts, header_row, data_start


def build_table(path: Path, source: Grid | Sequence[tuple[int, tuple[Any, ...]]], aliases: Mapping[str, str],
                error: ErrorType, expected: str) -> Table:
    """The table under the header of a sheet (a :class:`Grid`) or of CSV rows.

    Args:
        path: The file, for messages.
        source: The sheet, or the CSV's non-blank (row number, cells).
        aliases: Normalised header → field.
        error: The error class to raise.
        expected: The headers to suggest when none is found, e.g. ``"编号、任务名称、牵头处室"``.
    """
    if isinstance(source, Grid):
        sheet: str | None = source.name
        raw = source.rows
        merged, percent, uncached, hidden = source.merged, source.percent, source.uncached, source.hidden
    else:
        sheet, raw, merged, percent, uncached, hidden = None, tuple(source), (), frozenset(), frozenset(), frozenset()
    raw = _cleaned(path, sheet, raw, error)
    where = place(path.name, sheet)
    if not raw:
        raise error(Said.of("sheets.table_empty", where=where),
                    path=str(path), sheet=sheet)
    fill = _fill(raw, merged) if merged else {}
    position = next((k for k, (_, cells) in enumerate(raw[:_HEADER_SCAN]) if len(_hits(aliases, cells)) >= 2), None)
    if position is None:
        first_row, first = raw[0]
        shown = Said.of("sep.list").zh.join(str(c) for c in first if c is not None)[:120]
        scanned = min(len(raw), _HEADER_SCAN)
        sep = Said.of("sep.list")
        message = Said.of("sheets.no_header", where=where, scanned=scanned, first_row=first_row,
                          shown=Said(shown, shown.replace(sep.zh, sep.en)), expected=_expected(expected))
        raise error(message, path=str(path), sheet=sheet, line=first_row)
    texts, header_row, data_start = _header(aliases, raw, position, fill, merged)
    title = tuple(" ".join(str(c) for c in cells if c is not None) for _, cells in raw[:position])
    width = len(texts)
    rows: list[tuple[int, tuple[Any, ...]]] = []
    single: set[int] = set()
    stray: list[tuple[int, int, object]] = []
    blank_rows = 0
    previous = header_row
    sparse: dict[int, tuple[int, ...]] = {}
    wide = {(r1, c1) for r1, c1, r2, c2 in merged if c2 > c1} if merged else set()
    banner: set[int] = set()
    for number, cells in raw[data_start:]:
        blank_rows += number - previous - 1
        previous = number
        present = [c for c, v in enumerate(cells) if v is not None]
        if len(present) <= 2:
            sparse[number] = tuple(present)
        if len(present) == 1:
            single.add(number)
            if (number, present[0]) in wide:
                banner.add(number)
        stray += [(number, c, cells[c]) for c in present if c >= width or not texts[c]]
        filled = cells
        if fill:
            filled = tuple(fill.get((number, c)) if v is None else v for c, v in enumerate(cells))
            filled += tuple(fill.get((number, c)) for c in range(len(cells), width))
        rows.append((number, tuple(filled[:width]) + (None,) * (width - len(filled))))
    return Table(path, sheet, texts, header_row, tuple(rows), frozenset(single), tuple(stray), frozenset(percent),
                 frozenset(uncached), frozenset(hidden), title, blank_rows, sparse, frozenset(banner))
