"""The TOML/JSON document shape of a plan: a parsed document to a :class:`Plan` and back.

Every value is type-checked before the model sees it (a wrong type is refused, never turned into
text), and each problem is located by :class:`_Locator` at its line, task and field, in both
languages. ``io/planfile.py`` reads and writes the files; this module only knows the shape
(see ``docs/plan-format.md``).
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from fazhi_tasks.core.errors import DeadlineParseError, FazhiTasksError, PlanError, PlanFileError, Said
from fazhi_tasks.core.files import add_file_context, split_names
from fazhi_tasks.io.documents import shown
from fazhi_tasks.io.sheets.cells import CellError
from fazhi_tasks.model.deadline import parse_deadline
from fazhi_tasks.model.plan import Plan
from fazhi_tasks.model.values import Division, Indicator, Stage, Task

__all__ = ["plan_from_document", "plan_to_document"]

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

    def error(self, message: Said, *, index: int | None = None, task_id: object = None,
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
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise CellError(*Said.of("io.doc_not_date", value=shown(value)))


def _text_list(value: object) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, str):
        return split_names(value)
    if value.__class__ is list:  # an item that is no id or name is refused by the plan as an unknown reference
        return value  # Task makes each item a stripped string
    raise CellError(*Said.of("io.doc_not_names", value=shown(value)))


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


#: What each task field may hold in TOML/JSON (a wrong type is refused, never turned into text).
_TEXT = Said.of("io.doc_text")
_LIST = Said.of("io.doc_list")
_DATES = Said.of("io.doc_dates")
_TASK_TYPES: dict[str, tuple[tuple[type, ...], Said]] = {  # (allowed classes, what to write)
    "id": ((str, int), Said.of("io.doc_id")),
    "title": ((str,), _TEXT),
    "division": ((str,), Said.of("io.doc_division")),
    "stage": ((str, int), Said.of("io.doc_stage")),
    "deadline": ((str, dt.date), Said.of("io.doc_deadline")),
    "indicator": ((str, int), Said.of("io.doc_indicator")),
    "deliverable": ((str,), _TEXT),
    "note": ((str,), _TEXT),
    "owner": ((str,), _TEXT),
    "effort": ((int,), Said.of("io.doc_effort")),
    "original_deadline": ((str, dt.date), Said.of("io.doc_original_deadline")),
}


def _not_a(value: object, what: Said) -> Said:
    return Said.of("io.doc_not_a", value=shown(value), what=what)

_NONE = type(None)
#: The classes each task field takes without a second look (the rest go through ``_TASK_TYPES``).
_PLAIN: dict[str, frozenset[type]] = {
    "id": frozenset({str, int}), "title": frozenset({str}), "division": frozenset({str}),
    "stage": frozenset({str, int}), "deadline": frozenset({str, dt.date, _NONE}),
    "prerequisites": frozenset({list, str, _NONE}),
    "supporting": frozenset({list, str, _NONE}), "co_leads": frozenset({list, str, _NONE}),
    "indicator": frozenset({str, _NONE}), "deliverable": frozenset({str, _NONE}), "note": frozenset({str, _NONE}),
    "owner": frozenset({str, _NONE}), "effort": frozenset({int, _NONE}),
    "original_deadline": frozenset({str, dt.date, _NONE}),
}

#: Top-level keys of a plan document.
_TOP_KEYS = ("name", "description", "divisions", "stages", "tasks", "indicators", "holidays", "workdays",
             "calendar", "format", "report")  # report: the 通报 settings, read by io/settings.py


def _unknown_key(key: object, known: tuple[str, ...]) -> Said:
    """The message for an unknown key, with the English key a Chinese header stands for, or a near miss."""
    from fazhi_tasks.io.sheets.reader import PLAN_ALIASES
    from fazhi_tasks.io.sheets.tabular import normalise_header

    aliases = {normalise_header(k): v for k, v in PLAN_ALIASES.items()}
    meant = aliases.get(normalise_header(key))
    if meant in known and meant != key:
        return Said.of("io.doc_key_english", name=shown(key), meant=meant)
    close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.6)
    if close:
        return Said.of("io.doc_key_close", name=shown(key), close=close[0])
    return Said.of("io.doc_key_unknown", name=shown(key), known=", ".join(known))


def plan_from_document(doc: Mapping[str, Any], where: _Locator, *, consume: bool = False) -> Plan:
    """Build a plan from the parsed TOML/JSON document shape.

    The document is left as it was, unless ``consume`` says it may be emptied as the tasks are built
    (what the file readers do with the document they parsed themselves: half the peak memory).
    """
    if not isinstance(doc, Mapping):
        raise where.error(Said.of("io.doc_shape"), value=doc)
    unknown = sorted(set(doc) - set(_TOP_KEYS), key=str)
    if unknown:
        raise where.error(_unknown_key(unknown[0], _TOP_KEYS), key=str(unknown[0]), value=unknown[0])
    for key, kind, what in (("name", str, _TEXT), ("description", str, _TEXT), ("divisions", list, _LIST),
                            ("stages", list, Said.of("io.doc_stages")), ("tasks", list, Said.of("io.doc_tasks")),
                            ("indicators", Mapping, Said.of("io.doc_indicators")),
                            ("holidays", list, _DATES), ("workdays", list, _DATES),
                            ("calendar", Mapping, Said.of("io.doc_calendar"))):
        value = doc.get(key)
        if value is not None and not isinstance(value, kind):
            raise where.error(_not_a(value, what), key=key, value=value)
    stages = [_stage(raw, i, where) for i, raw in enumerate(doc.get("stages") or [])]
    if not stages:
        raise where.error(Said.of("io.doc_no_stages"), key="stages")
    days = {}
    for key in ("holidays", "workdays"):
        try:
            days[key] = [_iso_date(d) for d in doc.get(key) or []]
        except CellError as exc:
            raise where.error(exc.said, key=key) from None
    calendar = doc.get("calendar")
    years = _calendar_years(calendar, where) if calendar else ()
    stage_years = {s.number: s.end.year for s in stages}
    tasks = []
    raw_tasks = doc.get("tasks") or []
    for i, raw in enumerate(raw_tasks):
        tasks.append(_task(raw, i, stage_years, where))
        if consume:
            raw_tasks[i] = None  # let the parsed document go as the tasks are built: half the peak memory
    divisions = [_division(d, where) for d in doc.get("divisions") or []]
    indicators = []
    for number, title in (doc.get("indicators") or {}).items():
        if not isinstance(title, str):
            raise where.error(Said.of("io.doc_indicator_name", number=str(number), title=shown(title)),
                              key="indicators", value=title)
        indicators.append(Indicator(number, title))
    try:
        return Plan(name=doc.get("name") or where.path.stem, stages=stages, divisions=divisions,
                    tasks=tasks, indicators=indicators, holidays=days["holidays"], workdays=days["workdays"],
                    description=doc.get("description") or "", calendar_years=years)
    except PlanError as exc:
        index = next((n for n, t in enumerate(tasks) if t.id == exc.task_id), None)
        line = where.line_of(index, exc.task_id, exc.field) if index is not None else None
        add_file_context(exc, where.path, line)
        raise


def _calendar_years(table: Mapping[str, Any], where: _Locator) -> tuple[Any, ...]:
    from fazhi_tasks.io.calendar_file import schedules_from_table

    try:
        return schedules_from_table(table, where.path)
    except ValueError as exc:
        said = getattr(exc, "said", None)
        why = said if isinstance(said, Said) else Said(str(exc), exc.describe("en") if isinstance(
            exc, FazhiTasksError) else str(exc))
        raise where.error(why, key="calendar", value=getattr(exc, "value", None)) from None


def _stage(raw: object, index: int, where: _Locator) -> Stage:
    """One ``[[stages]]`` entry: number (a whole number ≥ 1), name, start and end dates."""
    place = Said.of("io.doc_stage_place", n=index + 1)
    if not isinstance(raw, Mapping):
        raise where.error(Said.of("io.doc_stage_shape", place=place, raw=shown(raw)), key="stages", value=raw)
    extra = sorted(set(raw) - {"number", "name", "start", "end"}, key=str)
    if extra:
        unknown = _unknown_key(extra[0], ("number", "name", "start", "end"))
        raise where.error(Said.of("core.about", what=place, why=unknown), key="stages", value=extra[0])
    number, name = raw.get("number"), raw.get("name")
    if isinstance(number, str) and number.strip().isascii() and number.strip().isdigit() and len(number) < 10:
        number = int(number)
    if not isinstance(number, int) or isinstance(number, bool) or number < 1:
        raise where.error(Said.of("io.doc_stage_number", place=place, number=shown(number)), key="stages",
                          value=number)
    if not isinstance(name, str) or not name.strip():
        raise where.error(Said.of("io.doc_stage_name", place=place, name=shown(name)), key="stages", value=name)
    try:
        return Stage(number, name, _iso_date(raw.get("start")), _iso_date(raw.get("end")))
    except (PlanError, CellError) as exc:
        why = Said(exc.reason(), exc.reason("en")) if isinstance(exc, PlanError) else exc.said
        raise where.error(Said.of("io.doc_stage_reason", place=place, name=name, why=why), key="stages",
                          value=raw) from None


def _division(raw: object, where: _Locator) -> Division:
    """A division written as its name, or as a table with ``name`` and ``head`` (处室负责人)."""
    if isinstance(raw, Mapping):
        name, head = raw.get("name"), raw.get("head")
        if (not raw.keys() <= {"name", "head"} or not isinstance(name, str) or not name.strip()
                or not isinstance(head, str | None)):
            raise where.error(Said.of("io.doc_division_shape", raw=shown(raw)), key="divisions", value=raw)
        return Division(name, head=head)
    if not isinstance(raw, str) or not raw.strip():
        raise where.error(Said.of("io.doc_division_name", raw=shown(raw)), key="divisions", value=raw)
    return Division(raw)


def _task(raw: object, index: int, years: Mapping[int, int], where: _Locator) -> Task:
    if not isinstance(raw, Mapping):
        raise where.error(Said.of("io.doc_task_shape", n=index + 1, raw=shown(raw)), index=index, value=raw)
    get = raw.get
    task_id, title, division, stage = get("id"), get("title"), get("division"), get("stage")
    if not raw.keys() <= _TASK_KEY_SET:
        extra = sorted(raw.keys() - _TASK_KEY_SET, key=str)
        raise where.error(_unknown_key(extra[0], _TASK_KEYS), index=index, task_id=task_id, key=str(extra[0]),
                          value=raw[extra[0]])
    shown_id = task_id if isinstance(task_id, str) else None
    for key, value in (("id", task_id), ("title", title), ("division", division), ("stage", stage)):
        if value is None or value == "":
            raise where.error(Said.of("io.doc_missing"), index=index, task_id=shown_id, key=key)
    for key, value in raw.items():
        if value.__class__ not in _PLAIN[key]:  # the common types pass at once; the rest are checked
            kinds, what = _TASK_TYPES.get(key, ((), _TEXT))
            if kinds and ((value is not None and not isinstance(value, kinds)) or isinstance(value, bool)):
                raise where.error(_not_a(value, what), index=index, task_id=shown_id, key=key, value=value)
    deadline = get("deadline")
    if deadline is None or deadline.__class__ is str or isinstance(deadline, dt.datetime):
        year = years.get(stage) if isinstance(stage, int) else None
        try:
            deadline = parse_deadline(deadline, year=year)
        except DeadlineParseError as exc:
            why = Said.of("core.about", what=repr(deadline), why=Said(exc.why, exc.why_en))
            raise where.error(why, index=index, task_id=task_id, key="deadline", value=deadline) from None
    effort = get("effort")
    if effort.__class__ is str:
        raise where.error(_not_a(effort, _TASK_TYPES["effort"][1]), index=index, task_id=shown_id, key="effort",
                          value=effort)
    original = get("original_deadline")
    if original is not None and (not isinstance(original, dt.date) or isinstance(original, dt.datetime)):
        try:
            original = parse_deadline(original, year=years.get(stage) if isinstance(stage, int) else None)
        except DeadlineParseError as exc:
            why = Said.of("core.about", what=repr(original), why=Said(exc.why, exc.why_en))
            raise where.error(why, index=index, task_id=task_id, key="original_deadline", value=original) from None
    key = "prerequisites"
    try:
        prerequisites = _text_list(get(key))
        key = "supporting"
        supporting = _text_list(get(key))
        key = "co_leads"
        co_leads = _text_list(get(key))
    except CellError as exc:
        raise where.error(exc.said, index=index, task_id=shown_id, key=key, value=get(key)) from None
    try:
        return Task(task_id, title, division, stage, deadline, prerequisites, supporting, get("indicator"),
                    get("deliverable"), effort, get("note"), co_leads=co_leads, original_deadline=original,
                    owner=get("owner"))
    except PlanError as exc:
        raise where.plan_error(exc, index=index, task_id=shown_id) from None
    except ValueError as exc:
        raise where.error(Said(str(exc), str(exc)), index=index, task_id=shown_id) from None


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
    if plan.calendar_years:
        doc["calendar"] = {str(y.year): {"source": y.source, "holidays": [d(x) for x in y.holidays],
                                         "workdays": [d(x) for x in y.workdays]} for y in plan.calendar_years}
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
