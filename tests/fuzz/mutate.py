"""Seeded mutations of a file's bytes: what a damaged, hand-edited or hostile file looks like.

Every mutator takes the file's bytes and a ``random.Random`` and returns new bytes; the same seed
gives the same input, so a failure is replayed by its (format, index, seed).
"""

from __future__ import annotations

import io
import json
import random
import zipfile
from collections.abc import Callable

Mutator = Callable[[bytes, random.Random], bytes]

#: Values that have broken readers before, as the text a file would hold.
HOSTILE = ["NaN", "nan", "inf", "-inf", "Infinity", "1e400", "-0.4", "99.5", "100.5", "1.7", "-1", "0", "true",
           "9" * 5000, "-" + "9" * 4400, "1" * 4301, "0x10", "1_000", "２０２１年６月３０日", "2021年2月30日",
           "2021-02-29", "9999-12-31", "0001-01-01", "2021-06-30T10:00:00", "60", "-5", "2021年底", "2021-W09-1",
           "\u202e反转", "\u200b", "\x00", "\x1b[31m", "\x07", "\ud800", "𠀀𠀁", "'=1+1", "=HYPERLINK(\"x\")",
           "@SUM(1)", "", " ", "长期坚持", "T001、T002", "{}", "[]", "[[[[[[[[", "整改提升（第一批）", "a" * 3000]


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True) or [b""]


def flip(data: bytes, rng: random.Random) -> bytes:
    """A few random bytes changed."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if out:
            out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def truncate(data: bytes, rng: random.Random) -> bytes:
    """The file cut short."""
    return data[:rng.randrange(len(data) + 1)]


def duplicate_line(data: bytes, rng: random.Random) -> bytes:
    """A line (row) repeated, once or many times."""
    lines = _lines(data)
    i = rng.randrange(len(lines))
    lines[i:i] = [lines[i]] * rng.choice([1, 1, 2, 50])
    return b"".join(lines)


def drop_line(data: bytes, rng: random.Random) -> bytes:
    """A line (row) deleted."""
    lines = _lines(data)
    del lines[rng.randrange(len(lines))]
    return b"".join(lines)


def swap_lines(data: bytes, rng: random.Random) -> bytes:
    """Two lines exchanged."""
    lines = _lines(data)
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[i], lines[j] = lines[j], lines[i]
    return b"".join(lines)


def splice(data: bytes, rng: random.Random) -> bytes:
    """The file's own bytes cut and joined at two random places."""
    if not data:
        return data
    a, b = sorted((rng.randrange(len(data)), rng.randrange(len(data))))
    return data[:a] + data[b:] + data[a:b] if rng.random() < 0.5 else data[:b] + data[a:]


def hostile_value(data: bytes, rng: random.Random) -> bytes:
    """A value (a number, date, quoted text or cell) replaced by a hostile one."""
    text = data.decode("utf-8", "replace")
    value = rng.choice(HOSTILE)
    import re

    spots = [m.span() for m in re.finditer(r'"[^"\n]*"|\b\d[\d.:\-T]*\b|(?<=,)[^,\n]*(?=,)', text)]
    if not spots:
        return data
    a, b = rng.choice(spots)
    quoted = text[a:a + 1] == '"' and rng.random() < 0.7
    new = json.dumps(value, ensure_ascii=rng.random() < 0.5) if quoted else value
    return (text[:a] + new + text[b:]).encode("utf-8", "surrogatepass")


def control_chars(data: bytes, rng: random.Random) -> bytes:
    """Control characters, bidi overrides and odd Unicode inserted."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 5)):
        junk = rng.choice(["\x00", "\x1b[2J", "\r", "\t", "\u202e", "\ufeff", "\u3000", "\x85", "\u2028",
                           "\U0001f600", "\xad", "＂"]).encode()
        i = rng.randrange(len(out) + 1)
        out[i:i] = junk
    return bytes(out)


def deep_nesting(data: bytes, rng: random.Random) -> bytes:
    """A value nested thousands deep, or a dotted key of thousands of parts."""
    n = rng.choice([100, 1000, 50_000])
    shape = rng.choice(["array", "table", "dotted"])
    if shape == "array":
        value = "[" * n + "]" * n
    elif shape == "table":
        value = "{a=" * n + "1" + "}" * n
    else:
        value = "1\n" + "k" + ".k" * n + " = 1"
    lines = _lines(data)
    i = rng.randrange(len(lines) + 1)
    lines.insert(i, f"x = {value}\n".encode())
    return b"".join(lines)


TEXT_MUTATORS: tuple[Mutator, ...] = (flip, truncate, duplicate_line, drop_line, swap_lines, splice, hostile_value,
                                      hostile_value, control_chars, deep_nesting)


def json_node(data: bytes, rng: random.Random) -> bytes:
    """One value of the JSON document replaced by a value of another type (or a key added, renamed, doubled)."""
    try:
        doc = json.loads(data)
    except ValueError:
        return flip(data, rng)
    nodes: list[tuple[object, object]] = []
    stack: list[object] = [doc]
    while stack:
        node = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for key, value in items:
            nodes.append((node, key))
            stack.append(value)
    if not nodes:
        return data
    parent, key = rng.choice(nodes)
    choice = rng.randrange(6)
    replacement: object = rng.choice([None, True, 1.7, -0.4, 99.5, float("nan"), float("inf"), 10 ** 4000,
                                      -(10 ** 300), [], {}, [[["x"]]], {"a": 1}, "", rng.choice(HOSTILE)])
    if choice == 0 and isinstance(parent, dict):
        parent[rng.choice(["percnt", "完成时限", "deadlne", "编号", "id", "task_id", "__proto__"])] = replacement
    elif choice == 1 and isinstance(parent, dict):
        parent.pop(key, None)
    else:
        parent[key] = replacement  # type: ignore[index]
    text = json.dumps(doc, ensure_ascii=False, allow_nan=True)
    if choice == 2 and isinstance(parent, dict):  # the same key twice: the last would silently win
        first = json.dumps(str(key), ensure_ascii=False) + ":"
        text = text.replace(first, f"{first} 0, {first}", 1)
    return text.encode("utf-8", "surrogatepass")


def xlsx_cells(data: bytes, rng: random.Random) -> bytes:
    """Cells of the workbook changed through openpyxl: hostile values, far-away cells, formulas, merges."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data))
    except Exception:
        return flip(data, rng)
    sheet = rng.choice(book.worksheets)
    for _ in range(rng.randint(1, 4)):
        row, col = rng.randint(1, max(2, sheet.max_row)), rng.randint(1, max(2, sheet.max_column + 1))
        kind = rng.randrange(7)
        cell = sheet.cell(row, col)
        if type(cell).__name__ == "MergedCell":
            continue
        if kind == 0:
            cell.value = rng.choice([1.7, -0.4, 99.5, float("inf"), 10 ** 30, -5, 60, True, 2_958_466])
        elif kind == 1:
            cell.value = "=1/0" if rng.random() < 0.5 else "=A1"
        elif kind == 2:
            sheet.merge_cells(start_row=row, start_column=col, end_row=row + rng.randint(0, 3),
                              end_column=col + rng.randint(0, 2))
        elif kind == 3:
            sheet.cell(rng.choice([500, 5000]), rng.choice([30, 200])).value = "远处的单元格"
        elif kind == 4:
            cell.value = None
        else:
            cell.value = rng.choice(HOSTILE).replace("\x00", "").replace("\x1b", "").replace("\x07", "") \
                .replace("\ud800", "")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_xml(data: bytes, rng: random.Random) -> bytes:
    """Bytes of one part inside the zip changed (the XML damaged, not the zip)."""
    try:
        source = zipfile.ZipFile(io.BytesIO(data))
        names = source.namelist()
        parts = {n: source.read(n) for n in names}
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, ValueError):
        return flip(data, rng)
    name = rng.choice(names)
    parts[name] = rng.choice(TEXT_MUTATORS[:7])(parts[name], rng)
    if rng.random() < 0.05:
        del parts[name]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for n, body in parts.items():
            target.writestr(n, body)
    return out.getvalue()


def mutate(data: bytes, suffix: str, rng: random.Random) -> bytes:
    """One to three mutations suited to the format."""
    if suffix == ".xlsx":
        pool: tuple[Mutator, ...] = (xlsx_cells, xlsx_cells, xlsx_cells, xlsx_xml, xlsx_xml, flip, truncate)
        return rng.choice(pool)(data, rng)
    pool = (*TEXT_MUTATORS, json_node, json_node, json_node) if suffix == ".json" else TEXT_MUTATORS
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        data = rng.choice(pool)(data, rng)
    return data
