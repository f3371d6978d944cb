"""Plan files: ``load_plan`` / ``save_plan``, one reader and writer per format, chosen by suffix.

TOML and JSON share one document shape (see ``docs/plan-format.md``); CSV and XLSX,
the clerk's sheet, live in ``_sheet.py``. Writes go to a temporary file that
replaces the target only when complete, so a failed write leaves the old file.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import tomllib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._bulk import paused_gc
from ._deadline import parse_deadline
from ._errors import DeadlineParseError, PlanError, PlanFileError
from ._files import add_file_context, atomic_write, split_names
from ._model import Division, Indicator, Stage, Task
from ._plan import Plan
from ._tabular import read_json, read_text

if TYPE_CHECKING:
    from ._sheet import PlanRead

__all__ = ["atomic_write", "load_plan", "plan_from_document", "plan_to_document", "read_plan", "save_plan",
           "split_names"]

#: Largest plan file read, in bytes (a plan of 10⁶ tasks in JSON is about 300 MB).
MAX_FILE_BYTES = 1 << 30

_TASK_KEYS = ("id", "title", "division", "stage", "deadline", "prerequisites", "supporting",
              "indicator", "deliverable", "effort", "note", "co_leads", "original_deadline", "owner")
_TASK_KEY_SET = frozenset(_TASK_KEYS)


class _Locator:
    """Finds the line of a task's field in the file, for error messages (reading the text again only then)."""

    def __init__(self, path: Path, fmt: str) -> None:
        self.path, self.fmt = path, fmt
        self._lines: list[str] | None = None

    def line_of(self, index: int, task_id: object, key: str | None) -> int | None:
        if self._lines is None:
            try:
                self._lines = self.path.read_text(encoding="utf-8-sig").splitlines()
            except (OSError, UnicodeDecodeError):
                self._lines = []
        lines = self._lines
        start = None
        if self.fmt == "toml":
            seen = -1
            for n, line in enumerate(lines):
                if line.strip().startswith("[[tasks]]"):
                    seen += 1
                    if seen == index:
                        start = n
                        break
        elif task_id is not None:
            needle = re.compile(r'"id"\s*:\s*' + re.escape(json.dumps(str(task_id), ensure_ascii=False)))
            start = next((n for n, line in enumerate(lines) if needle.search(line)), None)
            if start is not None:
                while start > 0 and "{" not in lines[start]:
                    start -= 1
        if start is None:
            return None
        if key is None:
            return start + 1
        pattern = re.compile(r'^\s*"?' + re.escape(key) + r'"?\s*[=:]')
        for n in range(start, min(len(lines), start + 60)):
            if n > start and lines[n].strip().startswith("[[") and self.fmt == "toml":
                break
            if pattern.search(lines[n]):
                return n + 1
        return start + 1

    def error(self, message: str, *, index: int | None = None, task_id: object = None,
              key: str | None = None, value: object = None) -> PlanFileError:
        """An error about ``message`` located in this file: its line, task and field as fields, formatted once."""
        line = self.line_of(index, task_id, key) if index is not None else None
        return PlanFileError(reason=message, path=self.path.name, line=line, column=key, field=key, value=value,
                             task_id=None if task_id is None else str(task_id))

    def plan_error(self, exc: PlanError, *, index: int, task_id: object) -> PlanFileError:
        """A task-rule error located in this file, keeping its reason, field and value."""
        line = self.line_of(index, task_id, exc.field)
        err = PlanFileError(reason=exc.message, key=exc.key, params=exc.params, path=self.path.name, line=line,
                            column=exc.field, field=exc.field, value=exc.value,
                            task_id=None if task_id is None else str(task_id))
        err.__cause__ = exc
        return err


def _iso_date(value: object) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        return dt.date.fromisoformat(value.strip())
    message = f"{value!r} is not a date"
    raise ValueError(message)


def _text_list(value: object) -> list[Any]:
    if value is None or isinstance(value, list):
        return value or []  # Task makes each item a stripped string
    if isinstance(value, str):
        return split_names(value)
    message = f"{value!r} is not a list of names"
    raise ValueError(message)


def plan_from_document(doc: Mapping[str, Any], where: _Locator, *, consume: bool = False) -> Plan:
    """Build a plan from the parsed TOML/JSON document shape.

    The document is left as it was, unless ``consume`` says it may be emptied as the tasks are built
    (what the file readers do with the document they parsed themselves: half the peak memory).
    """
    if not isinstance(doc, Mapping):
        raise where.error("the document must be a table/object with name, stages and tasks")
    unknown = sorted(set(doc) - {"name", "description", "divisions", "stages", "tasks", "indicators",
                                 "holidays", "workdays", "format", "report"})  # report: _settings.py
    if unknown:
        raise where.error(f"unknown top-level key {unknown[0]!r}", key=unknown[0], value=unknown[0])
    stages = []
    for i, raw in enumerate(doc.get("stages") or []):
        try:
            stages.append(Stage(int(raw["number"]), str(raw["name"]), _iso_date(raw["start"]), _iso_date(raw["end"])))
        except (KeyError, TypeError, ValueError) as exc:
            raise where.error(f"stage #{i + 1} is not a valid stage: {exc}", key="stages", value=raw) from None
    if not stages:
        raise where.error("the plan has no stages", key="stages")
    try:
        holidays = [_iso_date(d) for d in doc.get("holidays") or []]
        workdays = [_iso_date(d) for d in doc.get("workdays") or []]
    except ValueError as exc:
        raise where.error(str(exc), key="holidays") from None
    years = {s.number: s.end.year for s in stages}
    tasks = []
    raw_tasks = doc.get("tasks") or []
    if not isinstance(raw_tasks, list):
        raise where.error("tasks must be a list", key="tasks")
    for i, raw in enumerate(raw_tasks):
        tasks.append(_task(raw, i, years, where))
        if consume:
            raw_tasks[i] = None  # let the parsed document go as the tasks are built
    divisions = [_division(d, where) for d in doc.get("divisions") or []]
    indicators = doc.get("indicators") or {}
    try:
        return Plan(name=str(doc.get("name") or where.path.stem), stages=stages, divisions=divisions,
                    tasks=tasks, indicators=[Indicator(k, v) for k, v in dict(indicators).items()],
                    holidays=holidays, workdays=workdays, description=str(doc.get("description") or ""))
    except PlanError as exc:
        index = next((n for n, t in enumerate(tasks) if t.id == exc.task_id), None)
        line = where.line_of(index, exc.task_id, exc.field) if index is not None else None
        add_file_context(exc, where.path, line)
        raise


def _division(raw: object, where: _Locator) -> Division:
    """A division written as its name, or as a table with ``name`` and ``head`` (处室负责人)."""
    if isinstance(raw, Mapping):
        if not raw.keys() <= {"name", "head"} or not raw.get("name"):
            raise where.error("a division is a name or a table with name and head", key="divisions", value=raw)
        return Division(str(raw["name"]), head=raw.get("head"))
    return Division(str(raw))


def _task(raw: object, index: int, years: Mapping[int, int], where: _Locator) -> Task:
    if not isinstance(raw, Mapping):
        raise where.error(f"task #{index + 1} must be a table/object", index=index, value=raw)
    get = raw.get
    task_id, title, division, stage = get("id"), get("title"), get("division"), get("stage")
    if not raw.keys() <= _TASK_KEY_SET:
        extra = sorted(raw.keys() - _TASK_KEY_SET)
        raise where.error(f"unknown field {extra[0]!r} (fields: {', '.join(_TASK_KEYS)})",
                          index=index, task_id=task_id, key=extra[0], value=raw[extra[0]])
    for key, value in (("id", task_id), ("title", title), ("division", division), ("stage", stage)):
        if value is None or value == "":
            raise where.error("is missing", index=index, task_id=task_id, key=key)
    deadline = get("deadline")
    if deadline is None or isinstance(deadline, str):
        year = years.get(stage) if isinstance(stage, int) else None
        try:
            deadline = parse_deadline(deadline, year=year)
        except DeadlineParseError as exc:
            why = f"{deadline!r}：{exc.why}"
            raise where.error(why, index=index, task_id=task_id, key="deadline", value=deadline) from None
    effort = get("effort")
    if effort is not None and effort.__class__ is not int:
        raise where.error(f"{effort!r} is not a whole number of working days",
                          index=index, task_id=task_id, key="effort", value=effort)
    original = get("original_deadline")
    if original is not None and not isinstance(original, dt.date):
        try:
            original = parse_deadline(str(original), year=years.get(stage) if isinstance(stage, int) else None)
        except DeadlineParseError as exc:
            why = f"{original!r}：{exc.why}"
            raise where.error(why, index=index, task_id=task_id, key="original_deadline", value=original) from None
    try:
        return Task(task_id, title, division, stage, deadline, _text_list(get("prerequisites")),
                    _text_list(get("supporting")), get("indicator"), get("deliverable"), effort, get("note"),
                    co_leads=_text_list(get("co_leads")), original_deadline=original, owner=get("owner"))
    except PlanError as exc:
        raise where.plan_error(exc, index=index, task_id=task_id) from None
    except ValueError as exc:
        raise where.error(str(exc), index=index, task_id=task_id) from None


def plan_to_document(plan: Plan, *, dates_as_text: bool) -> dict[str, Any]:
    """The TOML/JSON document for a plan; ``dates_as_text`` writes ISO strings (for JSON)."""

    def d(day: dt.date) -> object:
        return day.isoformat() if dates_as_text else day

    doc: dict[str, Any] = {"name": plan.name}
    if plan.description:
        doc["description"] = plan.description
    doc["divisions"] = [{"name": x.name, "head": x.head} if x.head else x.name for x in plan.divisions]
    if plan.holidays:
        doc["holidays"] = [d(x) for x in plan.holidays]
    if plan.workdays:
        doc["workdays"] = [d(x) for x in plan.workdays]
    if plan.indicators:
        doc["indicators"] = {i.number: i.title for i in plan.indicators}
    doc["stages"] = [{"number": s.number, "name": s.name, "start": d(s.start), "end": d(s.end)}
                     for s in plan.stages]
    tasks = []
    for t in plan:
        row: dict[str, Any] = {"id": t.id, "title": t.title, "division": t.division, "stage": t.stage}
        if t.deadline is not None:
            row["deadline"] = d(t.deadline)
        elif dates_as_text:
            row["deadline"] = None
        for key in ("co_leads", "prerequisites", "supporting"):
            if getattr(t, key):
                row[key] = list(getattr(t, key))
        for key in ("indicator", "deliverable", "effort", "note", "owner"):
            if getattr(t, key) is not None:
                row[key] = getattr(t, key)
        if t.original_deadline is not None:
            row["original_deadline"] = d(t.original_deadline)
        tasks.append(row)
    doc["tasks"] = tasks
    return doc


def _read_toml(path: Path) -> Plan:
    text = read_text(path, PlanFileError, MAX_FILE_BYTES)
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"line (\d+)", str(exc))
        line = int(found.group(1)) if found else None
        message = f"{path.name}, line {line}: not valid TOML ({exc})" if line else f"{path.name}: {exc}"
        raise PlanFileError(message, path=str(path), line=line) from None
    del text
    return plan_from_document(doc, _Locator(path, "toml"), consume=True)


def _read_json(path: Path) -> Plan:
    _, doc = read_json(path, PlanFileError, MAX_FILE_BYTES)
    return plan_from_document(doc, _Locator(path, "json"), consume=True)


def _write_toml(plan: Plan, path: Path) -> None:
    import tomli_w

    with atomic_write(path) as out:
        out.write(tomli_w.dumps(plan_to_document(plan, dates_as_text=False), multiline_strings=False).encode())


def _write_json(plan: Plan, path: Path) -> None:
    text = json.dumps(plan_to_document(plan, dates_as_text=True), ensure_ascii=False, indent=2)
    with atomic_write(path) as out:
        out.write(text.encode() + b"\n")


def read_plan(path: str | os.PathLike[str]) -> PlanRead:
    """Read a plan with its read summary: for a sheet (``.xlsx``, ``.xls``, ``.xlsb``, ``.ods``, ``.csv``) what was
    read and assumed, the progress columns it carries; for TOML and JSON the summary says only the file.

    Raises:
        PlanFileError: Every bad cell of the file at once (up to ``MAX_PROBLEMS``), each named by
            sheet, row, column letter and header, with the value as typed.
        PlanError: A plan rule (cycle, stage order) the rows break.
    """
    from ._sheet import PlanRead, read_sheet
    from ._summary import ReadSummary

    path = Path(path)
    if path.suffix.lower() in (".toml", ".json"):
        plan = load_plan(path)
        return PlanRead(plan, ReadSummary(path=str(path), sheet=None, header_row=0, rows_read=len(plan)))
    return read_sheet(path)


def _sheet_reader(path: Path) -> Plan:
    from ._sheet import read_plan_sheet

    return read_plan_sheet(path)


def _sheet_writer(plan: Plan, path: Path) -> None:
    from ._sheet_write import write_plan_sheet

    write_plan_sheet(plan, path)


_FORMATS: dict[str, tuple[Callable[[Path], Plan], Callable[[Plan, Path], None]]] = {
    ".toml": (_read_toml, _write_toml),
    ".json": (_read_json, _write_json),
    ".csv": (_sheet_reader, _sheet_writer),
    ".xlsx": (_sheet_reader, _sheet_writer),
    # read only (written as .xlsx): old Excel, binary Excel, OpenDocument, macro workbooks, WPS
    ".xls": (_sheet_reader, _sheet_writer),
    ".xlsb": (_sheet_reader, _sheet_writer),
    ".xlsm": (_sheet_reader, _sheet_writer),
    ".ods": (_sheet_reader, _sheet_writer),
    ".et": (_sheet_reader, _sheet_writer),
}


def _format(path: Path) -> tuple[Callable[[Path], Plan], Callable[[Plan, Path], None]]:
    try:
        return _FORMATS[path.suffix.lower()]
    except KeyError:
        message = f"{path.name}: unknown plan file type {path.suffix!r} (known: {', '.join(_FORMATS)})"
        raise PlanFileError(message, path=str(path), value=path.suffix) from None


def load_plan(path: str | os.PathLike[str]) -> Plan:
    """Read a plan file; the format follows the suffix: ``.toml``, ``.json``, ``.csv``, ``.xlsx``.

    Raises:
        PlanFileError: The file cannot be read or holds a bad value; the message names the
            file, the line or row, the field or column, and the value.
        PlanError: The plan breaks a rule (a cycle, an unknown prerequisite, ...); the message
            is prefixed with the file and, where found, the line.
    """
    path = Path(path)
    reader, _ = _format(path)
    with paused_gc():
        return reader(path)


def save_plan(plan: Plan, path: str | os.PathLike[str]) -> None:
    """Write a plan file; the format follows the suffix. The old file stays if writing fails.

    >>> import tempfile, pathlib, fazhi_tasks as ft
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "plan.toml"
    >>> ft.save_plan(ft.sample_plan(), target)
    >>> ft.load_plan(target) == ft.sample_plan()
    True
    """
    path = Path(path)
    _, writer = _format(path)
    writer(plan, path)
