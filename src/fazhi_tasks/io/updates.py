"""Progress-updates files (进展报送表): ``import_updates`` and ``export_updates`` for CSV, XLSX and JSON."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

import attrs

from fazhi_tasks.core.errors import PlanError, Said, UpdateFileError
from fazhi_tasks.core.files import atomic_write
from fazhi_tasks.core.i18n import Lang, text
from fazhi_tasks.io.sheets.cells import FORMULA_HINT, CellError, as_id, as_percent, as_report_date, as_text, is_blank
from fazhi_tasks.io.sheets.headers import Table, build_table, lookup
from fazhi_tasks.io.sheets.rows import STRAY
from fazhi_tasks.io.sheets.summary import UpdatesSummary
from fazhi_tasks.io.sheets.tabular import (
    MAX_TEXT_BYTES,
    Problems,
    at,
    neutralise,
    normalise_header,
    read_csv_rows,
    read_json,
    safe_cell,
)
from fazhi_tasks.io.sheets.workbook import Grid, column_letter, read_workbook
from fazhi_tasks.io.source import Source, local_file
from fazhi_tasks.model.plan import Plan
from fazhi_tasks.model.values import Status, Update

__all__ = ["UPDATE_HEADERS", "Overruled", "UpdatesRead", "export_updates", "import_updates", "read_updates"]

#: The headers written, in order (field → Chinese header).
UPDATE_HEADERS = {"task_id": "任务编号", "status": "状态", "percent": "完成进度", "note": "进展情况",
                  "on": "报送日期", "by": "报送人"}

_ALIASES: dict[str, str] = {normalise_header(k): v for k, v in {
    "任务编号": "task_id", "编号": "task_id", "任务id": "task_id", "task_id": "task_id",
    "task": "task_id", "id": "task_id", "taskid": "task_id",
    "序号": "row_no", "任务名称": "title", "任务内容": "title", "工作任务": "title", "title": "title",
    "牵头处室": "division", "责任处室": "division", "完成时限": "deadline", "当前状态": "current",
    "状态": "status", "完成状态": "status", "任务状态": "status", "完成情况": "status", "status": "status",
    "完成进度": "percent", "进度": "percent", "完成比例": "percent", "百分比": "percent", "完成百分比": "percent",
    "percent": "percent",
    "进展情况": "note", "进展": "note", "工作进展": "note", "备注": "note", "说明": "note", "note": "note",
    "报送日期": "on", "日期": "on", "更新日期": "on", "填报日期": "on", "进展日期": "on", "on": "on", "date": "on",
    "报送人": "by", "填报人": "by", "联系人": "by", "by": "by", "reporter": "by",
    "报送处室": "sender", "填报处室": "sender", "报送单位": "sender", "填报单位": "sender", "报送科室": "sender",
    "填报科室": "sender", "报送部门": "sender", "sender": "sender",
}.items()}
_JSON_FIELDS = ("task_id", "status", "percent", "note", "on", "by", "title", "sender")
#: The fields that say something; a row with none of them reports nothing.
_REPORTED = ("status", "percent", "note", "on", "by")
_EXPECTED = "任务编号、状态、完成百分比、进展情况、报送日期"
_NONE_IMPORTED = Said.of("io.upd_none_imported")
_PUNCT = re.compile(r"[\s\W_]+")
#: A title line that starts with the sending division: [某某局]政策法规处…进展情况.
_TITLE_SENDER = re.compile(r"^(?:[\u4e00-\u9fff]*?局)?([\u4e00-\u9fff]{1,10}?(?:处|科|室|股|大队|支队|中队|中心))"
                           r"(?=.*(?:进展|报送|落实|完成情况))")


def _norm_title(text: str) -> str:
    return _PUNCT.sub("", unicodedata.normalize("NFKC", text)).lower()


class _Checker:
    """Ids and titles of a plan, to check (and, for a sheet with only 序号, find) each row's task."""

    def __init__(self, plan: Plan | None) -> None:
        self.plan = plan
        self.ids: dict[str, str] = {}
        self.folded: dict[str, list[str]] = {}
        self.titles: dict[str, str] = {}
        self.normed: dict[str, str] = {}
        self.first_day = min((st.start for st in plan.stages), default=None) if plan is not None else None
        #: The plan's divisions by their name without invisible characters or spaces.
        self.divisions: dict[str, str] = {}
        if plan is not None:
            from fazhi_tasks.io.sheets.world import normalise_name

            self.divisions = {normalise_name(d.name): d.name for d in plan.divisions}
            for task in plan:
                self.ids[task.id] = task.title
                self.folded.setdefault(task.id.casefold(), []).append(task.id)
                normed = self.normed[task.id] = _norm_title(task.title)
                self.titles.setdefault(normed, task.id)

    def task_id(self, raw: str | None, title: str | None) -> str:
        if raw is None:
            if title is None:
                raise _FieldError("task_id", None, Said.of("io.upd_no_id"))
            if self.plan is None:
                why = Said.of("io.upd_no_id_column")
                raise _FieldError("title", title, why)
            found = self.titles.get(_norm_title(title))
            if found is None:
                raise _FieldError("title", title, Said.of("io.upd_unknown_title"))
            return found
        if self.plan is None or raw in self.ids:
            return raw
        same = self.folded.get(raw.casefold(), [])
        if len(same) == 1:
            return same[0]
        raise _FieldError("task_id", raw, Said.of("io.upd_unknown_id"))

    def division(self, text: str) -> str | None:
        """The plan's division this name is (spaces and invisible characters aside), or ``None``."""
        from fazhi_tasks.io.sheets.world import normalise_name

        return self.divisions.get(normalise_name(text))

    def role(self, task_id: str, sender: str | None) -> str | None:
        """``"lead"`` or ``"supporting"`` when the sender leads or supports the task in the plan, else ``None``."""
        if self.plan is None or sender is None or task_id not in self.ids:
            return None
        task = self.plan[task_id]
        if sender == task.division or sender in task.co_leads:
            return "lead"
        return "supporting" if sender in task.supporting else None

    def check_title(self, task_id: str, title: str | None) -> None:
        if self.plan is None or title is None:
            return
        planned = self.ids[task_id]
        a, b = _norm_title(title), self.normed[task_id]
        other = self.titles.get(a)
        if other is not None and other != task_id and a != b:
            raise _FieldError("title", title, Said.of("io.upd_title_of_other", other=other, task=task_id,
                                                      planned=planned))
        if a and b and (a in b or b in a):
            return
        raise _FieldError("title", title, Said.of("io.upd_title_differs", task=task_id, planned=planned))


def _update(fields: Mapping[str, object], checker: _Checker, as_of: dt.date | None,  # noqa: PLR0917
            percent_format: bool = False, sender: str | None = None,
            readings: dict[tuple[str, str], int] | None = None) -> Update:
    """One update from raw fields; raises _FieldError naming the field.

    ``sender`` is the division that sent the row (``by`` when no person is named); a status word that is not the
    status's own (未开展, 因疫情暂缓) is counted in ``readings`` as (written, read as).
    """
    try:
        raw_id = as_id(fields.get("task_id"))
        title = as_text(fields.get("title"))
    except CellError as exc:
        raise _FieldError("task_id", fields.get("task_id"), exc.said) from None
    task_id = checker.task_id(raw_id, title)
    checker.check_title(task_id, title)
    for key, name in (("status", "状态"), ("on", "报送日期")):
        if is_blank(fields.get(key)):
            raise _FieldError(key, fields.get(key), Said.of("io.upd_missing", name=name))
    try:
        status = Status.parse(str(fields["status"]).strip())
    except ValueError:
        why = Said.of("io.upd_bad_status")
        raise _FieldError("status", fields["status"], why) from None
    written = str(fields["status"]).strip()
    if readings is not None and written != status.value:
        readings[written, status.value] = readings.get((written, status.value), 0) + 1
    try:
        on = as_report_date(fields["on"])
    except CellError as exc:
        raise _FieldError("on", fields["on"], exc.said) from None
    if as_of is not None and on > as_of:
        raise _FieldError("on", fields["on"], _after_run_date(on, as_of))
    try:
        percent = as_percent(fields.get("percent"), percent_format=percent_format)
    except CellError as exc:
        raise _FieldError("percent", fields.get("percent"), exc.said) from None
    if percent is not None and ((status is Status.DONE and percent < 100) or (
            status is Status.NOT_STARTED and percent > 0)):
        raise _FieldError("percent", fields.get("percent"), Said(
            f"与状态“{status.value}”矛盾（{percent}%）；已完成请填 100，未启动请填 0 或留空，否则请改状态为推进中",
            f"contradicts the status {status.value} ({percent}%); 已完成 means 100, 未启动 0 or blank; otherwise "
            "the status is 推进中"))
    if checker.first_day is not None and on < checker.first_day:
        raise _FieldError("on", fields["on"], Said.of("io.upd_before_plan", first=checker.first_day.isoformat()))
    try:
        return Update(task_id=task_id, status=status, on=on, percent=percent,
                      note=as_text(fields.get("note")), by=as_text(fields.get("by")) or sender or "")
    except PlanError as exc:
        field = exc.field or "task_id"
        raise _FieldError(field, fields.get(field), Said(exc.reason(), exc.reason("en"))) from None


def _after_run_date(on: dt.date, as_of: dt.date) -> Said:
    """Why a report date after the run's date is refused; "check the year" only when the year is what differs.

    >>> _after_run_date(dt.date(2027, 3, 1), dt.date(2026, 12, 3)).zh
    '报送日期晚于统计日期（2026-12-03）；请核对年份'
    >>> _after_run_date(dt.date(2026, 12, 4), dt.date(2026, 12, 3)).zh
    '报送日期晚于统计日期（2026-12-03）'
    """
    try:
        year_typo = on.year != as_of.year and on.replace(year=as_of.year) <= as_of
    except ValueError:  # 2月29日 in a year without one
        year_typo = False
    day = as_of.isoformat()
    if year_typo:
        return Said.of("io.upd_after_run_year", day=day)
    return Said.of("io.upd_after_run", day=day)


class _FieldError(ValueError):
    def __init__(self, field: str, value: object, why: Said) -> None:
        super().__init__(why.zh)
        self.field, self.value, self.why = field, value, why


@attrs.define
class _Seen:
    """The first row that reported a task on a day: where, what, who sent it, and its place in the updates."""

    sheet: str | None
    row: int
    status: Status
    sender: str | None
    index: int


@attrs.define
class _Collector:
    """What one file's reading gathers across its sheets: the updates and everything its summary says."""

    checker: _Checker
    as_of: dt.date | None
    updates: list[Update | None] = attrs.field(factory=list)
    #: (sheet, row, sender) of each entry of ``updates``.
    origin: list[tuple[str | None, int, str | None]] = attrs.field(factory=list)
    seen: dict[tuple[str, dt.date], _Seen] = attrs.field(factory=dict)
    sheets: list[str] = attrs.field(factory=list)
    sheets_skipped: list[tuple[str, str]] = attrs.field(factory=list)
    skipped: dict[str, list[tuple[str | None, int]]] = attrs.field(factory=dict)
    superseded: list[tuple[str | None, int, str | None, int, str]] = attrs.field(factory=list)
    readings: dict[tuple[str, str], int] = attrs.field(factory=dict)
    senders: list[tuple[str | None, str, str]] = attrs.field(factory=list)
    ignored: list[tuple[str | None, str, str]] = attrs.field(factory=list)
    blank_rows: int = 0
    header_rows: list[tuple[str | None, int]] = attrs.field(factory=list)

    def skip(self, kind: str, sheet: str | None, row: int) -> None:
        self.skipped.setdefault(kind, []).append((sheet, row))

    def add(self, update: Update, sheet: str | None, row: int, sender: str | None) -> Said | None:
        """Keep ``update`` unless the task has another status that day; then the lead's report counts, a supporting
        division's is set aside (named in the summary), and any other pair is refused: the reason is returned."""
        key = (update.task_id, update.on)
        earlier = self.seen.get(key)
        if earlier is None or earlier.status == update.status:
            if earlier is None:
                self.seen[key] = _Seen(sheet, row, update.status, sender, len(self.updates))
            self.updates.append(update)
            self.origin.append((sheet, row, sender))
            return None
        roles = (self.checker.role(update.task_id, earlier.sender), self.checker.role(update.task_id, sender))
        if roles == ("lead", "supporting"):
            self.superseded.append((sheet, row, earlier.sheet, earlier.row, sender or ""))
            return None
        if roles == ("supporting", "lead"):
            self.updates[earlier.index] = None
            self.superseded.append((earlier.sheet, earlier.row, sheet, row, earlier.sender or ""))
            self.seen[key] = _Seen(sheet, row, update.status, sender, len(self.updates))
            self.updates.append(update)
            self.origin.append((sheet, row, sender))
            return None
        other = Said.of("io.upd_row", row=earlier.row) if earlier.sheet == sheet else Said.of(
            "io.upd_sheet_row", sheet=earlier.sheet, row=earlier.row)
        if roles == ("lead", "lead"):
            who = Said.of("io.upd_both_leads")
        elif earlier.sender is None or sender is None:
            who = Said.of("io.upd_sender_unknown")
        else:
            who = Said.of("io.upd_senders_not_supporting", earlier=earlier.sender, sender=sender)
        return Said.of("io.upd_two_statuses", other=other, status=earlier.status.value, who=who)


def _sheet_sender(table: Table, collector: _Collector) -> str | None:
    """The division that sent a sheet: its name, or its title line (政策法规处…进展情况); both given must agree.

    Raises:
        UpdateFileError: The sheet's name and its title name two different divisions.
    """
    from fazhi_tasks.io.sheets.world import division_sheet_name

    checker = collector.checker
    by_name = by_title = None
    if table.sheet:
        name = table.sheet.strip()
        by_name = checker.division(name) if checker.plan is not None else division_sheet_name(name)
    for line in table.title:
        if checker.plan is not None:
            from fazhi_tasks.io.sheets.world import normalise_name

            bare = normalise_name(line)
            named = {full for short, full in checker.divisions.items() if short in bare}
            named = {n for n in named if not any(n != m and n in m for m in named)}  # 法规处 inside 政策法规处
            if len(named) == 1:
                by_title = named.pop()
        elif (found := _TITLE_SENDER.match(line.strip())) and not found.group(1).startswith(("各", "全局", "局各")):
            by_title = found.group(1)
        if by_title is not None:
            break
    if by_name and by_title and by_name != by_title:
        where = table.where(1)
        message = Said.of("io.upd_two_senders", where=where, sheet=table.sheet, title=by_title)
        raise UpdateFileError(message, path=str(table.path), sheet=table.sheet, line=1, value=by_title)
    if by_name:
        collector.senders.append((table.sheet, by_name, "工作表名"))
    elif by_title:
        collector.senders.append((table.sheet, by_title, "标题"))
    return by_name or by_title


def _row_sender(value: object, sheet_sender: str | None, checker: _Checker) -> str | None:
    """The division a row's 报送处室 cell names (checked against the plan and the sheet's), else the sheet's.

    Raises:
        _FieldError: A name the plan lacks, or another division than the sheet's.
    """
    text = as_text(value)
    if text is None:
        return sheet_sender
    name = text
    if checker.plan is not None:
        found = checker.division(text)
        if found is None:
            import difflib

            near = difflib.get_close_matches(text, list(checker.divisions.values()), n=1)
            hint = Said.of("io.upd_did_you_mean", near=near[0]) if near else Said("", "")
            raise _FieldError("sender", value, Said.of("io.upd_unknown_sender", hint=hint))
        name = found
    if sheet_sender is not None and name != sheet_sender:
        raise _FieldError("sender", value, Said.of("io.upd_other_sender", sender=sheet_sender))
    return name


def _from_table(table: Table, collector: _Collector) -> None:
    checker, as_of = collector.checker, collector.as_of
    columns = table.map(_ALIASES, UpdateFileError)
    f = columns.fields
    missing = [name for key, name in (("status", "状态"), ("on", "报送日期")) if key not in f]
    if "task_id" not in f and "title" not in f:
        missing.insert(0, "任务编号")
    if missing:
        raise table.missing(missing, _EXPECTED, UpdateFileError)
    collector.sheets.append(table.sheet or "")
    collector.header_rows.append((table.sheet, table.header_row))
    collector.blank_rows += table.blank_rows
    problems = Problems(table.path, UpdateFileError, sheet=table.sheet)
    for row, stray, value in table.stray:
        problems.add(at(table.where(row, stray), STRAY, value), row, None, value)
    unknown = [c for c, _ in columns.unknown]
    collector.ignored += [(table.sheet, column_letter(c), h) for c, h in columns.unknown]
    used = set(f.values()) | set(unknown)
    sheet_sender = _sheet_sender(table, collector)
    by_column: dict[str | None, None] = {}  # the divisions a 报送处室 column names, in order (a division's template)
    for number, cells in table.rows:
        if problems.enough:
            problems.stopped_at = number - 1
            break
        kind = _not_a_report(table, number, cells, f)
        if kind is not None:
            collector.skip(kind, table.sheet, number)  # a section row (一、牵头任务), a heading or a footer
            continue
        if table.uncached:
            uncomputed = [c for c in used if (number, c) in table.uncached]
            for c in uncomputed:
                problems.add(at(table.where(number, c), FORMULA_HINT), number, table.header[c], None,
                             letter=column_letter(c))
            if uncomputed:
                continue
        fields = {k: cells[i] for k, i in f.items()}
        if all(fields.get(k) is None for k in _REPORTED) and not any(cells[c] is not None for c in unknown):
            collector.skip("blank", table.sheet, number)  # a listed task nobody reported on (a template row)
            continue
        extra = [f"{table.header[c]}：{t}" for c in unknown if (t := as_text(cells[c]))]
        if extra:
            fields["note"] = "；".join(filter(None, [as_text(fields.get("note")), *extra]))
        try:
            sender = _row_sender(fields.get("sender"), sheet_sender, checker)
            by_column[sender] = None
            update = _update(fields, checker, as_of, "percent" in f and (number, f["percent"]) in table.percent,
                             sender, collector.readings)
            refused = collector.add(update, table.sheet, number, sender)
            if refused is not None:
                raise _FieldError("status", fields.get("status"), refused)
        except _FieldError as exc:
            col = f.get(exc.field)
            where = table.where(number, col) if col is not None else table.where(number)
            problems.add(at(where, exc.why, exc.value), number, table.header[col] if col is not None else exc.field,
                         exc.value, letter=column_letter(col) if col is not None else None)
    problems.raise_if_any(_NONE_IMPORTED)
    collector.senders += [(table.sheet, name, f"{table.header[f['sender']]}列") for name in by_column
                          if name is not None and sheet_sender is None]


def _not_a_report(table: Table, number: int, cells: Sequence[Any], f: Mapping[str, int]) -> str | None:
    """``"section"``, ``"heading"`` or ``"footer"`` for a progress row with no task id of its own, else ``None``."""
    from fazhi_tasks.io.sheets.section_rows import parse_section
    from fazhi_tasks.io.sheets.world import footer_kind, is_heading

    raw_id = cells[f["task_id"]] if "task_id" in f else None
    if raw_id is not None and not (isinstance(raw_id, str) and not raw_id.isascii()):
        return None
    if number in table.single:
        text = next((c for c in cells if c is not None), None)
        if parse_section(text, None)[1]:
            return "section"
        if is_heading(text) or number in table.banner:
            return "heading"
    return "footer" if footer_kind(cells) else None


def _from_json(path: Path, collector: _Collector) -> None:
    checker, as_of = collector.checker, collector.as_of
    _, doc = read_json(path, UpdateFileError, MAX_TEXT_BYTES)
    items = doc.get("updates") if isinstance(doc, dict) else doc
    if not isinstance(items, list):
        message = f"{path.name}: expected a list of updates (or an object with 'updates')"
        raise UpdateFileError(message, path=str(path))
    problems = Problems(path, UpdateFileError)
    field_of: dict[str, str] = {}  # every object repeats the same few keys: fold each one once
    for index, item in enumerate(items, start=1):
        if problems.enough:
            problems.stopped_at = index - 1
            break
        try:
            if not isinstance(item, dict):
                raise _FieldError("update", item, Said.of("io.upd_not_object"))
            fields: dict[str, object] = {}
            for key, value in item.items():
                field = field_of.get(key) or _field(field_of, key)
                if field not in _JSON_FIELDS:
                    known = ", ".join(_JSON_FIELDS)
                    raise _FieldError(str(key), value, Said.of("io.upd_unknown_field", known=known))
                if field in fields:
                    raise _FieldError(str(key), value, Said.of("io.upd_same_field", field=field))
                if isinstance(value, dict | list):
                    raise _FieldError(str(key), value, Said.of("io.upd_not_scalar"))
                fields[field] = value
            sender = _row_sender(fields.get("sender"), None, checker)
            collector.updates.append(_update(fields, checker, as_of, sender=sender, readings=collector.readings))
            collector.origin.append((None, index, sender))
        except _FieldError as exc:
            where = Said.of("io.upd_json_place", file=path.name, index=index, field=exc.field)
            problems.add(at(where, exc.why, exc.value), index, exc.field, exc.value)
    problems.raise_if_any(_NONE_IMPORTED)


def _field(cache: dict[str, str], key: object) -> str:
    """The field a JSON key names (through the header aliases), remembered in ``cache``."""
    field = cache[str(key)] = _ALIASES.get(normalise_header(key), str(key))
    return field


_SHEETS = ("进展", "进展报送", "进展情况", "进展报送表", "updates")


def _from_sheets(path: Path, grids: Sequence[Grid], collector: _Collector) -> None:
    """Every visible sheet with a progress header (one per division), in order; the first sheet's error when none."""
    first: Table | None = None
    for grid in grids:
        if grid.hidden_sheet:
            collector.sheets_skipped.append((grid.name, "隐藏的工作表（如旧版本）"))
            continue
        if not grid.rows:
            collector.sheets_skipped.append((grid.name, "空表"))
            continue
        try:
            table = build_table(path, grid, _ALIASES, UpdateFileError, _EXPECTED)
        except UpdateFileError:
            collector.sheets_skipped.append((grid.name, "没有可识别的表头（如说明页）"))
            continue
        first = first or table
        fields = {f for h in table.header if h and (f := lookup(_ALIASES, h))}
        if {"status", "on"} <= fields and fields & {"task_id", "title"}:
            _from_table(table, collector)
        else:
            collector.sheets_skipped.append((grid.name, "表头不含任务编号（或任务名称）、状态、报送日期"))
    if collector.sheets:
        return
    collector.sheets_skipped.clear()
    _from_table(first or build_table(path, grids[0], _ALIASES, UpdateFileError, _EXPECTED), collector)  # names
    # what its header lacks


@attrs.frozen
class UpdatesRead:
    """A progress file read: its updates and what the reader saw (:class:`~fazhi_tasks.UpdatesSummary`).

    Attributes:
        updates: The updates, in the file's order (a supporting division's report the lead's overruled left out).
        summary: The read summary (sheets read and not, rows skipped by kind, readings, senders).
        rows: Where each update was read: its row (``sheet!row`` when several sheets were read; the update's
            number in a JSON file), one per update.
        sent_by: The division that sent each update (a 报送处室 column, the sheet's name or title), or ``None``.
    """

    updates: tuple[Update, ...]
    summary: UpdatesSummary
    rows: tuple[str, ...] = ()
    sent_by: tuple[str | None, ...] = ()

    def overruled_by(self, held: Iterable[Update], plan: Plan) -> tuple[list[Update], list[Overruled]]:
        """The updates to record beside what a ledger already ``held``, and those the lead's record overrules.

        A supporting division's report of a task on a day the ledger holds its lead's report of another status
        (``by`` the lead division, as an imported file's row without a 报送人 records it) gives way, as it does to
        the lead's row in the same file: it is left out and returned, with its row and the ledger's record. Every
        other update is kept (a lead's report, a same-status one, an unknown sender, a ledger record by a person).

        Args:
            held: The ledger's updates of the days the file reports (``Ledger.updates(since=, until=)``).
            plan: The plan that says who leads and who supports each task.
        """
        leads: dict[tuple[str, dt.date], Update] = {}
        for u in held:
            task = plan.by_id.get(u.task_id)
            if task is not None and u.by in task.leads:
                leads[(u.task_id, u.on)] = u  # the latest recorded that day wins, as in the ledger
        checker = _Checker(plan)
        kept: list[Update] = []
        overruled: list[Overruled] = []
        senders = self.sent_by or (None,) * len(self.updates)
        rows = self.rows or tuple(str(i) for i in range(1, len(self.updates) + 1))
        for update, row, sender in zip(self.updates, rows, senders, strict=True):
            lead = leads.get((update.task_id, update.on))
            if (lead is not None and lead.status is not update.status
                    and checker.role(update.task_id, sender or update.by or None) == "supporting"):
                overruled.append(Overruled(update, row, sender or update.by, lead))
            else:
                kept.append(update)
        return kept, overruled


@attrs.frozen
class Overruled:
    """A supporting division's report a ledger's record from the task's lead overrules (same task, same day).

    Attributes:
        update: The file's update, not recorded.
        row: Its row in the file.
        sender: The supporting division that sent it.
        lead: The ledger's update from the lead division that counts.
    """

    update: Update
    row: str
    sender: str
    lead: Update

    def describe(self, lang: Lang = "zh") -> str:
        """The sentence the import prints for it: the file's row and the ledger's record."""
        u, lead = self.update, self.lead
        return text("import.overruled", lang, row=self.row, sender=self.sender, task=u.task_id,
                    status=u.status.value, day=u.on.isoformat(), lead=lead.by, held=lead.status.value)


def read_updates(path: Source, *, plan: Plan | None = None, as_of: dt.date | None = None,
                 name: str | None = None) -> UpdatesRead:
    """The progress updates in a file with its read summary, all validated before any is returned.

    What :func:`import_updates` reads, and what was read and skipped: the sheets read and not read (with the
    reason), rows skipped by kind (section rows such as 一、牵头任务, headings, footers such as 合计/注/填表人,
    rows nobody filled in) with their numbers, the status words read by a safe reading (未开展 → 未启动,
    因疫情暂缓 → 已暂缓), and the division that sent each sheet.

    **Which division sent a row**: a 报送处室 (填报处室, 报送单位) column, else the sheet's name when it is a
    division's (one sheet per division), else a title line above the header that starts with one
    (``政策法规处2021年第二季度进展情况``; with a plan, any one plan division named in it). ``Update.by`` is that
    division when no person (报送人, 填报人) is given. When a task has two statuses on one day, one row from its
    lead division and one from a supporting division (with a plan), the lead's report counts and the other is
    set aside, named in the summary; any other pair is refused naming both rows.

    Args:
        path: The file: a path, its ``bytes``, or a binary file object (an upload).
        plan: When given, rows are checked against it (see :func:`import_updates`), and senders must be its
            divisions.
        as_of: When given, a report date after it is refused.
        name: The file's name when ``path`` is bytes or a file object.

    Raises:
        UpdateFileError: As :func:`import_updates`.
    """
    if not isinstance(path, str | os.PathLike):  # bytes or a file object: read under its name
        with local_file(path, name, UpdateFileError) as file:
            read = read_updates(file, plan=plan, as_of=as_of)
            return attrs.evolve(read, summary=attrs.evolve(read.summary, path=name or read.summary.path))
    path = Path(path)
    suffix = path.suffix.lower()
    collector = _Collector(_Checker(plan), as_of)
    if suffix == ".json":
        _from_json(path, collector)
    elif suffix == ".csv":
        _from_table(build_table(path, read_csv_rows(path, UpdateFileError), _ALIASES, UpdateFileError, _EXPECTED),
                    collector)
    elif suffix in (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods", ".et"):
        grids = read_workbook(path, UpdateFileError)
        named = next((g for g in grids if normalise_header(g.name) in _SHEETS), None)
        if named is not None:
            collector.sheets_skipped += [(g.name, f"已按名称读取进展表“{named.name}”") for g in grids
                                         if g is not named and g.rows]
            _from_table(build_table(path, named, _ALIASES, UpdateFileError, _EXPECTED), collector)
        else:
            _from_sheets(path, grids, collector)
    else:
        known = ".csv, .xlsx, .xls, .ods, .json"
        message = Said.of("io.upd_unknown_type", file=path.name, suffix=path.suffix, known=known)
        raise UpdateFileError(message, path=str(path), value=path.suffix)
    return _finish(path, collector)


def _finish(path: Path, c: _Collector) -> UpdatesRead:
    several = len(c.sheets) > 1

    def label(sheet: str | None, row: int) -> str:
        return f"{sheet}!{row}" if several and sheet else str(row)

    skipped = {kind: tuple(label(s, r) for s, r in rows) for kind, rows in c.skipped.items()}
    if c.superseded:
        skipped["superseded"] = tuple(label(s, r) for s, r, *_ in c.superseded)
    kept = [(u, label(s, r), sender) for u, (s, r, sender) in zip(c.updates, c.origin, strict=True) if u is not None]
    updates = tuple(u for u, _, _ in kept)
    summary = UpdatesSummary(
        path=str(path), sheets=tuple(c.sheets) if c.sheets != [""] else (), sheets_skipped=tuple(c.sheets_skipped),
        header_rows=tuple(c.header_rows), rows_read=len(updates), blank_rows=c.blank_rows,
        skipped_rows=tuple(skipped.items()),
        superseded=tuple((label(s, r), label(ls, lr), who) for s, r, ls, lr, who in c.superseded),
        readings=tuple((w, v, n) for (w, v), n in c.readings.items()),
        senders=tuple((s or "", d, how) for s, d, how in c.senders),
        ignored_columns=tuple((f"{s}!{col}" if several and s else col, h) for s, col, h in c.ignored))
    return UpdatesRead(updates, summary, tuple(r for _, r, _ in kept), tuple(s for _, _, s in kept))


def import_updates(path: Source, *, plan: Plan | None = None, as_of: dt.date | None = None,
                   name: str | None = None) -> list[Update]:
    """The progress updates in a file, all validated before any is returned.

    Reads CSV (UTF-8, UTF-8 with BOM, GBK/GB18030), XLSX/XLS/XLSB/ODS (the sheet named
    进展/进展报送/updates, else every sheet with a progress header) and JSON. Headers may be Chinese (任务编号, 状态,
    完成百分比, 进展情况, 报送日期, 报送人, 报送处室) or English; a header is found under title rows.
    :func:`read_updates` reads the same and says what it read and skipped.

    Args:
        path: The file: a path, its ``bytes``, or a binary file object (an upload).
        name: The file's name when ``path`` is bytes or a file object: its suffix picks the format, the
            messages name it.
        plan: When given, each row's task must be in it (``t043`` matches ``T043`` when only one id
            folds to it), a 任务名称 must match the task's title, and a sheet with no 任务编号
            column finds each task by its title.
        as_of: When given, a report date after it is refused (a typo like 2031).

    Raises:
        UpdateFileError: A bad row rejects the whole file; the message names the file, the
            row, the column (letter and header) and the value of every bad row (up to ``MAX_PROBLEMS``).
    """
    return list(read_updates(path, plan=plan, as_of=as_of, name=name).updates)


def _rows(updates: Iterable[Update]) -> list[list[Any]]:
    return [[u.task_id, u.status.value, u.percent, u.note, u.on, u.by] for u in updates]


def export_updates(updates: Sequence[Update], path: str | os.PathLike[str] | IO[bytes], *,
                   fmt: str | None = None) -> None:
    """Write updates to a CSV (UTF-8 with BOM, for Excel), XLSX or JSON file that ``import_updates`` reads.

    ``path`` is a file (its suffix picks the format) or a binary file object (``fmt``: ``csv``, ``xlsx`` or
    ``json``; default ``xlsx``). Text that a spreadsheet would run as a formula is neutralised in CSV and XLSX.
    """
    target: Any = path
    if hasattr(path, "write"):
        suffix = f".{fmt or 'xlsx'}"
        path = Path(f"updates{suffix}")  # for messages only
    else:
        path = target = Path(path)
        suffix = f".{fmt}" if fmt else path.suffix.lower()
    headers = list(UPDATE_HEADERS.values())
    if suffix == ".json":
        data = [{"task_id": u.task_id, "status": u.status.value, "percent": u.percent, "note": u.note,
                 "on": u.on.isoformat(), "by": u.by} for u in updates]
        with atomic_write(target) as out:
            out.write(json.dumps({"updates": data}, ensure_ascii=False, indent=1).encode() + b"\n")
    elif suffix == ".csv":
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer)
        writer.writerow(headers)
        for row in _rows(updates):
            writer.writerow([neutralise(v.isoformat() if isinstance(v, dt.date) else v) for v in row])
        with atomic_write(target) as out:
            out.write(buffer.getvalue().encode("utf-8-sig"))
    elif suffix == ".xlsx":
        from openpyxl import Workbook

        workbook = Workbook()
        sheet = workbook.active
        assert sheet is not None
        sheet.title = "进展报送"
        sheet.append(headers)
        for row in _rows(updates):
            sheet.append([safe_cell(v) for v in row])
        for cell in sheet["E"][1:]:
            cell.number_format = "yyyy-mm-dd"
        sheet.freeze_panes = "A2"
        with atomic_write(target) as out:
            workbook.save(out)
    else:
        message = Said.of("io.upd_unwritable_type", file=path.name, suffix=path.suffix)
        raise UpdateFileError(message, path=str(path), value=path.suffix)
