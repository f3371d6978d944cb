"""Progress-updates files (进展报送表): ``import_updates`` and ``export_updates`` for CSV, XLSX and JSON."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ._bulk import paused_gc
from ._deadline import parse_deadline
from ._errors import DeadlineParseError, PlanError, UpdateFileError
from ._model import Update
from ._planfile import atomic_write
from ._tabular import (
    MAX_TEXT_BYTES,
    Problems,
    Table,
    map_header,
    neutralise,
    normalise_header,
    read_json,
    read_table,
)

__all__ = ["UPDATE_HEADERS", "export_updates", "import_updates"]

#: The headers written, in order (field → Chinese header).
UPDATE_HEADERS = {"task_id": "任务编号", "status": "状态", "percent": "完成进度", "note": "进展情况",
                  "on": "报送日期", "by": "报送人"}

_ALIASES: dict[str, str] = {normalise_header(k): v for k, v in {
    "任务编号": "task_id", "编号": "task_id", "任务id": "task_id", "序号": "task_id", "task_id": "task_id",
    "task": "task_id", "id": "task_id", "taskid": "task_id",
    "状态": "status", "完成状态": "status", "任务状态": "status", "status": "status",
    "完成进度": "percent", "进度": "percent", "完成比例": "percent", "百分比": "percent", "percent": "percent",
    "进展情况": "note", "进展": "note", "工作进展": "note", "备注": "note", "说明": "note", "note": "note",
    "报送日期": "on", "日期": "on", "更新日期": "on", "填报日期": "on", "进展日期": "on", "on": "on", "date": "on",
    "报送人": "by", "填报人": "by", "报送单位": "by", "联系人": "by", "by": "by", "reporter": "by",
}.items()}
_REQUIRED = ("task_id", "status", "on")
#: Bad rows listed in one error before the rest are summarised.
MAX_PROBLEMS = 20


def _date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        if value.time() != dt.time():
            message = f"{value!r} has a time of day; dates only"
            raise ValueError(message)
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        day = parse_deadline(text)
    except DeadlineParseError:
        day = None
    if day is None or not text[:1].isdigit():
        message = f"{value!r} is not a date"
        raise ValueError(message)
    return day


def _update(fields: Mapping[str, object]) -> Update:
    """One update from raw fields; raises ValueError naming the field."""
    for key in _REQUIRED:
        if fields.get(key) in (None, ""):
            raise _FieldError(key, fields.get(key), "is missing")
    try:
        on = _date(fields["on"])
    except ValueError as exc:
        raise _FieldError("on", fields["on"], str(exc)) from None
    try:
        return Update(task_id=fields["task_id"], status=fields["status"], on=on, percent=fields.get("percent"),
                      note=fields.get("note"), by=fields.get("by"))
    except PlanError as exc:
        field = exc.field or "task_id"
        raise _FieldError(field, fields.get(field), exc.reason()) from None


class _FieldError(ValueError):
    def __init__(self, field: str, value: object, why: str) -> None:
        super().__init__(why)
        self.field, self.value, self.why = field, value, why


def _from_table(table: Table) -> list[Update]:
    columns, _unknown = map_header(table, _ALIASES, UpdateFileError, _REQUIRED)
    updates: list[Update] = []
    problems = Problems(table.path, UpdateFileError, sheet=table.sheet, limit=MAX_PROBLEMS)
    for number, cells in table.rows:
        fields = {f: cells[i] for f, i in columns.items()}
        try:
            updates.append(_update(fields))
        except _FieldError as exc:
            header = table.header[columns[exc.field]] if exc.field in columns else exc.field
            problems.add(f"{table.where(number, header)}: {exc.why}", number, header, exc.value)
    problems.raise_if_any(", nothing imported")
    return updates


def _from_json(path: Path) -> list[Update]:
    _, doc = read_json(path, UpdateFileError, MAX_TEXT_BYTES)
    items = doc.get("updates") if isinstance(doc, dict) else doc
    if not isinstance(items, list):
        message = f"{path.name}: expected a list of updates (or an object with 'updates')"
        raise UpdateFileError(message, path=str(path))
    updates: list[Update] = []
    problems = Problems(path, UpdateFileError, limit=MAX_PROBLEMS)
    field_of: dict[str, str] = {}  # every object repeats the same few keys: fold each one once
    for index, item in enumerate(items, start=1):
        try:
            if not isinstance(item, dict):
                raise _FieldError("update", item, f"{item!r} is not an object")
            fields = {field_of.get(k) or _field(field_of, k): v for k, v in item.items()}
            updates.append(_update(fields))
        except _FieldError as exc:
            problems.add(f"{path.name}, update #{index}, field {exc.field}: {exc.why}", index, exc.field, exc.value)
    problems.raise_if_any(", nothing imported")
    return updates


def _field(cache: dict[str, str], key: object) -> str:
    """The field a JSON key names (through the header aliases), remembered in ``cache``."""
    field = cache[str(key)] = _ALIASES.get(normalise_header(key), str(key))
    return field


def import_updates(path: str | os.PathLike[str]) -> list[Update]:
    """The progress updates in a file, all validated before any is returned.

    Reads CSV (UTF-8, UTF-8 with BOM, GBK/GB18030), XLSX (the first sheet, or one named
    进展/进展报送/updates) and JSON. Headers may be Chinese (任务编号, 状态, 完成进度,
    进展情况, 报送日期, 报送人) or English (task_id, status, percent, note, on, by);
    statuses Chinese or English.

    Raises:
        UpdateFileError: A bad row rejects the whole file; the message names the file, the
            row, the column and the value of every bad row (up to 20).
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".json":
        with paused_gc():
            return _from_json(path)
    if suffix in (".csv", ".xlsx"):
        with paused_gc():
            table = read_table(path, UpdateFileError, sheet=lambda names: next(
                (n for n in names if n in ("进展", "进展报送", "进展情况", "updates", "Updates")), None))
            return _from_table(table)
    message = f"{path.name}: unknown updates file type {path.suffix!r} (known: .csv, .xlsx, .json)"
    raise UpdateFileError(message, path=str(path), value=path.suffix)


def _rows(updates: Iterable[Update]) -> list[list[Any]]:
    return [[u.task_id, u.status.value, u.percent, u.note, u.on, u.by] for u in updates]


def export_updates(updates: Sequence[Update], path: str | os.PathLike[str]) -> None:
    """Write updates to a CSV (UTF-8 with BOM, for Excel), XLSX or JSON file that ``import_updates`` reads.

    Text that a spreadsheet would run as a formula is neutralised in CSV and XLSX.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    headers = list(UPDATE_HEADERS.values())
    if suffix == ".json":
        data = [{"task_id": u.task_id, "status": u.status.value, "percent": u.percent, "note": u.note,
                 "on": u.on.isoformat(), "by": u.by} for u in updates]
        with atomic_write(path) as out:
            out.write(json.dumps({"updates": data}, ensure_ascii=False, indent=1).encode() + b"\n")
    elif suffix == ".csv":
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer)
        writer.writerow(headers)
        for row in _rows(updates):
            writer.writerow([neutralise(v.isoformat() if isinstance(v, dt.date) else v) for v in row])
        with atomic_write(path) as out:
            out.write(buffer.getvalue().encode("utf-8-sig"))
    elif suffix == ".xlsx":
        from openpyxl import Workbook

        workbook = Workbook()
        sheet = workbook.active
        assert sheet is not None
        sheet.title = "进展报送"
        sheet.append(headers)
        for row in _rows(updates):
            sheet.append([neutralise(v) for v in row])
        for cell in sheet["E"][1:]:
            cell.number_format = "yyyy-mm-dd"
        sheet.freeze_panes = "A2"
        with atomic_write(path) as out:
            workbook.save(out)
    else:
        message = f"{path.name}: unknown updates file type {path.suffix!r} (known: .csv, .xlsx, .json)"
        raise UpdateFileError(message, path=str(path), value=path.suffix)
