"""The child side of :mod:`fazhi_tasks.io.sheets.sandbox`: read one workbook with python-calamine under hard limits.

Run as a script (``python -I io/sheets/sandbox_child.py SITE MEMORY SECONDS ROWS COLUMNS CHARS``), never imported by
the package: it imports nothing of it, so starting it costs an interpreter and python-calamine only.
The workbook's bytes arrive on stdin; the answer leaves on stdout as one pickle of plain values
(tuples, strings, numbers, dates), which the parent loads with an unpickler that admits nothing else:

- ``("ok", [(name, hidden, first_column, rows, merged), ...])``
- ``("rows", sheet, height)`` — a sheet taller than the limit, found before its cells are read;
- ``("columns", sheet, row)`` — a value beyond the last column allowed;
- ``("long", sheet, row, length, start)`` — a cell longer than allowed (checked where the sheet is wide);
- ``("error", type name, message)`` — python-calamine refused the file, or panicked (a Rust
  ``PanicException`` derives from ``BaseException``), or Python ran out of the memory allowed.

An abort (a Rust allocation that fails aborts the process), a signal or the CPU limit ends the
process with no answer; the parent reports the file as damaged.
"""

from __future__ import annotations

import io
import pickle
import sys
from typing import Any


def _limit(memory: int, seconds: int) -> None:
    try:
        import resource
    except ImportError:  # pragma: no cover - not POSIX: the parent's timeout still holds
        return
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _sheets(data: bytes, max_rows: int, max_columns: int, max_chars: int) -> tuple[Any, ...]:
    from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    grids = []
    for meta in book.sheets_metadata:
        if meta.typ != SheetTypeEnum.WorkSheet:
            continue
        sheet = book.get_sheet_by_name(meta.name)
        if sheet.total_height > max_rows + 1_000 or sheet.total_width > 16_384:
            return ("rows", meta.name, sheet.total_height)
        first_row = sheet.start[0] + 1 if sheet.start else 1
        first_column = sheet.start[1] if sheet.start else 0
        rows: list[tuple[int, tuple[Any, ...]]] = []
        if sheet.width <= max_columns:  # the common case: cells as calamine gives them ("" is blank)
            rows = [(n, tuple(c)) for n, c in enumerate(sheet.iter_rows(), start=first_row)]
        else:
            for number, cells in enumerate(sheet.iter_rows(), start=first_row):
                values = [None if c == "" else c for c in cells]
                while values and values[-1] is None:
                    values.pop()
                if len(values) > max_columns:
                    return ("columns", meta.name, number)
                for v in values:
                    if isinstance(v, str) and len(v) > max_chars:
                        return ("long", meta.name, number, len(v), v[:40])
                if values:
                    rows.append((number, tuple(values)))
        merged = tuple((a[0] + 1, a[1], b[0] + 1, b[1]) for a, b in (sheet.merged_cell_ranges or ()))
        grids.append((meta.name, meta.visible != SheetVisibleEnum.Visible, first_column, rows, merged))
    return ("ok", grids)


def main(argv: list[str]) -> None:
    """Limit this process, read the workbook on stdin, write the answer on stdout."""
    site, memory, seconds, max_rows, max_columns, max_chars = argv[0], *map(int, argv[1:6])
    _limit(memory, seconds)
    data = sys.stdin.buffer.read()
    sys.path.insert(0, site)
    try:
        answer = _sheets(data, max_rows, max_columns, max_chars)
    except BaseException as exc:  # a Rust panic is a BaseException; every kind is an answer
        answer = ("error", type(exc).__name__, str(exc)[:300])
    del data
    sys.stdout.buffer.write(pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL))
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    main(sys.argv[1:])
