"""Reading and writing the tables people keep: CSV in the encodings Excel writes, and XLSX safely.

Shared by the plan sheet (``io/sheets/reader.py``) and the progress-updates files
(``io/updates.py``): decoding, size limits, XML-bomb protection, merged cells,
header aliases and neutralising cells that a spreadsheet would run as formulas.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
import stat
import unicodedata
from pathlib import Path
from typing import Any

from fazhi_tasks.core.errors import DataFileError, NotFound, Problem, Said, TooLarge

__all__ = [
    "MAX_CELL_CHARS", "MAX_COLUMNS", "MAX_PROBLEMS", "MAX_ROWS", "MAX_TEXT_BYTES", "MAX_XLSX_BYTES", "Problems", "at",
    "column_letter", "decode_csv", "neutralise", "normalise_header", "place", "read_csv_rows", "safe_cell", "shown",
    "unescape_cell", "unneutralise",
]

#: Largest CSV or XLSX file read, in bytes.
MAX_XLSX_BYTES = 64 << 20
#: Largest CSV or JSON file read, in bytes (a province's million tasks fit well within it).
MAX_TEXT_BYTES = 1 << 30
#: Largest total of an XLSX's unpacked parts, in bytes (a zip bomb is refused before parsing).
MAX_XLSX_UNPACKED = 512 << 20
#: Most data rows read from one CSV file (counted while streaming).
MAX_CSV_ROWS = 1_100_000
#: Most lines in a CSV file, blank ones and line breaks inside cells included (counted before parsing).
MAX_CSV_LINES = 1_650_000
#: Most rows holding a value read from one worksheet (counted while streaming); a bureau's sheet has
#: hundreds, a province's roll-up belongs in CSV or JSON. Keeps any workbook within seconds and 500 MB.
MAX_ROWS = 100_000
#: Most columns a sheet may hold values in.
MAX_COLUMNS = 256
#: Longest cell text read (Excel's own limit), checked before any pattern looks at it.
MAX_CELL_CHARS = 32_767
#: Longest line of a CSV file, in bytes: the most columns of the longest cells, 4 UTF-8 bytes a character
#: (checked while counting lines, so a one-line file of 900 MB is refused having held 4 MB at a time).
MAX_LINE_BYTES = MAX_COLUMNS * (MAX_CELL_CHARS * 4 + 3)
#: Problems listed in one error before the rest are counted (every reader of the package).
MAX_PROBLEMS = 20
#: Problems after which a reader stops checking the rest of a file (it is not the file meant).
STOP_PROBLEMS = 1_000

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

ErrorType = type[DataFileError]

#: Nothing to show after the place (``at(..., value=NO_VALUE)``).
NO_VALUE: Any = object()


def place(name: str, sheet: str | None = None, row: int | None = None, letter: str | None = None,
          header: str | None = None) -> Said:
    """Where a problem is, as Excel shows it, in both languages.

    >>> place("计划.xlsx", "任务", 17, "F", "完成时限")
    Said(zh='计划.xlsx，工作表“任务”，第17行，F列（完成时限）', en='计划.xlsx, sheet 任务, row 17, column F (完成时限)')
    """
    parts = [Said(name, name)]
    if sheet:
        parts.append(Said.of("at.sheet", sheet=sheet))
    if row is not None:
        parts.append(Said.of("at.row", line=row))
    if letter is not None:
        parts.append(Said.of("sheets.at_column_header", letter=letter, header=header) if header else
                     Said.of("sheets.at_column", letter=letter))
    sep = Said.of("sep.place")
    return Said(sep.zh.join(p.zh for p in parts), sep.en.join(p.en for p in parts))


def shown(value: object, lang: str = "zh") -> str:
    """A value as the clerk typed it, for a message (long texts cut at 80 characters)."""
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        cut = value[:80] + ("…" if len(value) > 80 else "")
        return f"“{cut}”" if lang == "zh" else f'"{cut}"'
    return repr(value)


def at(where: Said, why: Said | str, value: object = NO_VALUE) -> Said:
    """One problem: the place, the value as typed (unless blank or not given), and why with what to write.

    >>> at(place("进展.csv", row=2, letter="C", header="报送日期"), Said("不是日期", "no date"), "2021年13月1日").en
    '进展.csv, row 2, column C (报送日期): "2021年13月1日": no date'
    """
    why = why if isinstance(why, Said) else Said(why, why)
    blank = value is NO_VALUE or value is None or (isinstance(value, str) and not value.strip())
    if blank:
        return Said.of("core.about", what=where, why=why)
    return Said.of("sheets.at_value", where=where, value=Said(shown(value), shown(value, "en")), why=why)


def unreadable(path: Path, exc: OSError) -> Said:
    """A file that cannot be opened or read: why, in both languages."""
    reason = exc.strerror or str(exc)
    if isinstance(exc, FileNotFoundError):
        return NotFound.of("sheets.no_such_file", path=str(path))
    if isinstance(exc, PermissionError):
        return Said.of("sheets.read_denied", path=str(path))
    if isinstance(exc, IsADirectoryError):
        return Said.of("sheets.read_folder", path=str(path))
    return Said.of("sheets.read_failed", path=str(path), reason=reason)


def too_long(where: Said, length: int) -> Said:
    """A cell over Excel's length limit."""
    return TooLarge.of("sheets.cell_too_long", where=where, length=length, limit=MAX_CELL_CHARS)


def _too_many(path: Path, lines: int) -> Said:
    return TooLarge.of("sheets.too_many_lines", file=path.name, lines=lines)


def too_big(path: Path, size: int, limit: int) -> Said:
    """A file over the size limit."""
    return TooLarge.of("sheets.file_too_big", file=path.name, size=size, limit=limit)


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
    message = Said.of("sheets.not_utf8_gbk_bytes", file=path.name, offset=offset, raw=repr(data[offset:offset + 4]))
    raise error(message, path=str(path), value=data[offset:offset + 4])


class Problems:
    """Bad rows of one file, collected so that one error can name them all (up to ``limit``)."""

    def __init__(self, path: Path, error: ErrorType, *, sheet: str | None = None, limit: int = MAX_PROBLEMS) -> None:
        self.path, self.error, self.sheet, self.limit = path, error, sheet, limit
        self.found: list[tuple[Problem, int | None, str | None, object]] = []
        self.total = 0
        self.stopped_at: int | None = None

    @property
    def enough(self) -> bool:
        """Whether so many problems were found that checking the rest is pointless."""
        return self.total >= STOP_PROBLEMS

    def add(self, message: Said | str, line: int | None, column: str | None, value: object, *,
            letter: str | None = None) -> None:
        """Note one bad row: its full message (both languages) and the parts the error keeps as attributes.

        ``column`` is the header as written (or the field's key), ``letter`` the sheet column's letter if any.
        """
        self.total += 1
        if len(self.found) < self.limit:
            said = message if isinstance(message, Said) else Said(message, message)
            self.found.append((Problem(said, sheet=self.sheet, row=line, column=letter or column, header=column,
                                       value=value), line, column, value))

    def raise_if_any(self, action: tuple[str, str] = ("", "")) -> None:
        """Raise ``error`` naming every bad row noted, the first one's parts as attributes."""
        if not self.found:
            return
        self.found.sort(key=lambda p: (p[1] is None, p[1] or 0))
        first, line, column, value = self.found[0]
        lines = [p[0] for p in self.found]
        if self.total > len(lines):
            more = self.total - len(lines)
            lines.append(Problem(Said.of("sheets.more_problems", more=more), code="file.more_problems"))
        if self.stopped_at is not None:
            after = self.stopped_at
            lines.append(Problem(Said.of("sheets.stopped_checking", after=after), code="file.stopped_checking"))
        message = Said(first, first.en) if len(lines) == 1 else Said.of(
            "sheets.problems", file=self.path.name, total=self.total, action=Said(*action),
            lines=Said("\n  ".join(lines), "\n  ".join(p.en for p in lines)))
        raise self.error(message, path=str(self.path), line=line, column=column, value=value, sheet=self.sheet,
                         problems=lines)


def read_bytes(path: Path, error: ErrorType, limit: int) -> bytes:
    """A file's bytes, refusing one over ``limit`` bytes before reading it, and anything but a regular file.

    The size is not taken on trust (``/dev/zero`` says 0): at most ``limit`` + 1 bytes are read. A FIFO
    is opened without waiting for a writer and refused, as are devices and sockets.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise error(unreadable(path, exc), path=str(path)) from None
    try:
        with os.fdopen(fd, "rb") as stream:
            info = os.fstat(stream.fileno())
            if stat.S_ISDIR(info.st_mode):
                raise error(unreadable(path, IsADirectoryError(21, "Is a directory")), path=str(path))
            if not stat.S_ISREG(info.st_mode):
                raise error(not_regular(path), path=str(path))
            if info.st_size > limit:
                raise error(too_big(path, info.st_size, limit), path=str(path), value=info.st_size)
            data = stream.read(limit + 1)
    except OSError as exc:
        raise error(unreadable(path, exc), path=str(path)) from None
    if len(data) > limit:
        raise error(too_big(path, len(data), limit), path=str(path), value=len(data))
    return data


def not_regular(path: Path) -> Said:
    """A path that is a device, a FIFO or a socket: nothing a reader should wait on or read without end."""
    return Said.of("sheets.not_regular", path=str(path))


def read_text(path: Path, error: ErrorType, limit: int) -> str:
    """A UTF-8 text file (with or without BOM); other bytes are an error naming the offset."""
    data = read_bytes(path, error, limit)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        message = Said.of("sheets.not_utf8", file=path.name, offset=exc.start)
        raise error(message, path=str(path), value=data[exc.start:exc.start + 4]) from None


def read_json(path: Path, error: ErrorType, limit: int) -> tuple[str, Any]:
    """A JSON file's text and parsed document; a syntax error names line and column."""
    from fazhi_tasks.io.documents import parse_json  # syntax, duplicate keys, deep nesting and huge integers, named

    text = read_text(path, error, limit)
    return text, parse_json(text, path, error)




_ILLEGAL = re.compile(r"[\x00-\x08\x0b-\x1f\ufffe\uffff]")
_LITERAL_ESCAPE = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def safe_cell(value: object) -> object:
    """A value made safe to write into a spreadsheet cell: formulas neutralised, every character kept.

    Characters XML 1.0 cannot hold (which make openpyxl refuse the whole file) and carriage
    returns (which XML turns into line feeds) are written as OOXML ``_xHHHH_`` escapes, as
    Excel writes them, so Excel shows them and :func:`unescape_cell` gives them back exactly;
    a literal ``_xHHHH_`` in the text has its underscore escaped. Used by every XLSX writer.

    >>> safe_cell("=HYPERLINK(1)"), safe_cell("a\\x07b"), safe_cell(3)
    ("'=HYPERLINK(1)", 'a_x0007_b', 3)
    """
    if isinstance(value, str):
        if "_x" in value:
            value = _LITERAL_ESCAPE.sub("_x005F_", value)
        if _ILLEGAL.search(value):
            value = _ILLEGAL.sub(lambda m: f"_x{ord(m[0]):04X}_", value)
        return neutralise(value)
    return value


def unescape_cell(text: str) -> str:
    """Undo the OOXML ``_xHHHH_`` escapes of a sheet's text.

    >>> unescape_cell("a_x0007_b_x005F_x0041_")
    'a\\x07b_x0041_'
    """
    return _ESCAPE.sub(lambda m: chr(int(m[1], 16)), text) if "_x" in text else text


_BRACKETED = re.compile(r"[（(【\[][^（()）【】\[\]]*[)）】\]]$")


def normalise_header(text: object) -> str:
    """A header cell folded for matching aliases: NFKC, no spaces, lower case, no trailing colon or ``*``.

    >>> normalise_header(" 完成时限： "), normalise_header("ＩＤ*")
    ('完成时限', 'id')
    """
    s = unicodedata.normalize("NFKC", "" if text is None else str(text)[:200])
    return "".join(s.split()).lower().rstrip(":*").lstrip("*")


def header_keys(text: object) -> list[str]:
    """The keys to look a header up by, most specific first: as is, then without a bracketed suffix or brackets.

    >>> header_keys("完成进度(%)"), header_keys("【任务名称】")
    (['完成进度(%)', '完成进度'], ['【任务名称】', '任务名称'])
    """
    key = normalise_header(text)
    keys = [key]
    bare = _BRACKETED.sub("", key)
    if bare and bare != key:
        keys.append(bare)
    if key[:1] in "【[(" and key[-1:] in "】])":
        keys.append(key[1:-1])
    return keys


def read_csv_rows(path: Path, error: ErrorType) -> list[tuple[int, tuple[str | None, ...]]]:
    """The non-blank rows of a CSV file (row number, cells), limits checked while streaming.

    A UTF-8 file with a bad byte part-way is read again as GB18030 (only rows up to it were read).
    """
    read_bytes_size = _size(path, error)
    if read_bytes_size > MAX_TEXT_BYTES:
        raise error(too_big(path, read_bytes_size, MAX_TEXT_BYTES), path=str(path), value=read_bytes_size)
    _count_lines(path, error)
    _not_utf16(path, error)
    for attempt in ("utf-8-sig", "gb18030"):
        try:
            return _csv_rows(path, error, attempt)
        except UnicodeDecodeError as exc:
            if attempt == "gb18030":
                message = Said.of("sheets.not_utf8_gbk", file=path.name, offset=exc.start)
                raise error(message, path=str(path)) from None
    raise AssertionError  # pragma: no cover


def _not_utf16(path: Path, error: ErrorType) -> None:
    """Refuse UTF-16 text (Excel's "Unicode 文本" save): a byte-order mark, or a first 2 KB that reads as
    UTF-16 with commas and a line break in it (a CSV's own NUL characters do not)."""
    try:
        with path.open("rb") as stream:
            head = stream.read(2048)
    except OSError as exc:
        raise error(unreadable(path, exc), path=str(path)) from None
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or any(_reads_as_csv(head, c) for c in ("utf-16-le", "utf-16-be")):
        raise error(Said.of("sheets.utf16", file=path.name), path=str(path))


def _reads_as_csv(head: bytes, codec: str) -> bool:
    if b"\x00" not in head:
        return False
    try:
        text = head[:len(head) // 2 * 2].decode(codec)
    except UnicodeDecodeError:
        return False
    return "\x00" not in text and text.count(",") >= 2 and "\n" in text


def _count_lines(path: Path, error: ErrorType) -> None:
    """Refuse a file of more lines than any CSV within the row limit has, or a line longer than any row within the
    limits can be (:data:`MAX_LINE_BYTES`), counting at C speed before parsing (a line is never held whole here)."""
    lines = since = 0  # since: bytes after the last line break seen
    try:
        with path.open("rb") as stream:
            while chunk := stream.read(1 << 22):
                breaks = chunk.count(b"\n")
                lines += breaks
                if lines > MAX_CSV_LINES:
                    message = _too_many(path, MAX_CSV_LINES)
                    raise error(message, path=str(path), line=lines)
                if breaks:
                    longest = since + chunk.find(b"\n")
                    since = len(chunk) - chunk.rfind(b"\n") - 1
                else:
                    longest = since = since + len(chunk)
                if max(longest, since) > MAX_LINE_BYTES:
                    message = Said.of("sheets.line_too_long", file=path.name, line=lines + 1, limit=MAX_LINE_BYTES,
                                      columns=MAX_COLUMNS, chars=MAX_CELL_CHARS)
                    raise error(message, path=str(path), line=lines + 1)
    except OSError as exc:
        raise error(unreadable(path, exc), path=str(path)) from None


def _size(path: Path, error: ErrorType) -> int:
    try:
        info = path.stat()
    except OSError as exc:
        raise error(unreadable(path, exc), path=str(path)) from None
    if not stat.S_ISREG(info.st_mode) and not stat.S_ISDIR(info.st_mode):  # a folder gets its own message on open
        raise error(not_regular(path), path=str(path))
    return info.st_size


def _csv_rows(path: Path, error: ErrorType, encoding: str) -> list[tuple[int, tuple[str | None, ...]]]:
    rows: list[tuple[int, tuple[str | None, ...]]] = []
    seen = 0
    try:
        with path.open("r", encoding=encoding, newline="") as stream:
            reader = csv.reader(stream)
            for number, cells in enumerate(reader, start=1):
                seen = number
                if number > MAX_CSV_LINES:
                    message = _too_many(path, MAX_CSV_LINES)
                    raise error(message, path=str(path), line=number)
                if len(cells) > MAX_COLUMNS:
                    message = TooLarge.of("sheets.too_many_columns", file=path.name, row=number, count=len(cells),
                                          limit=MAX_COLUMNS)
                    raise error(message, path=str(path), line=number)
                if not any(cells) or not "".join(cells).strip():
                    continue
                if max(map(len, cells)) > MAX_CELL_CHARS:
                    longest = max(cells, key=len)
                    message = too_long(place(path.name, row=number), len(longest))
                    raise error(message, path=str(path), line=number, value=longest[:40])
                rows.append((number, tuple(c.strip() or None for c in cells)))  # build_table un-neutralises, once
                if len(rows) > MAX_CSV_ROWS:
                    message = TooLarge.of("sheets.too_many_rows", file=path.name, limit=MAX_CSV_ROWS)
                    raise error(message, path=str(path), line=number)
    except csv.Error as exc:
        message = Said.of("sheets.bad_csv", file=path.name, row=seen + 1, error=str(exc))
        raise error(message, path=str(path), line=seen + 1) from None
    except OSError as exc:
        raise error(unreadable(path, exc), path=str(path)) from None
    return rows


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
