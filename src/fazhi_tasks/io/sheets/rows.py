"""The task rows of a plan sheet: each cell converted, every problem of the file noted at its cell."""

from __future__ import annotations

import datetime as dt
import difflib
import operator
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from fazhi_tasks.core.errors import PlanError, PlanFileError, Said
from fazhi_tasks.core.files import split_names
from fazhi_tasks.io.sheets.cells import FORMULA_HINT, CellError, as_deadline, as_id, as_text, is_blank
from fazhi_tasks.io.sheets.headers import Table, lookup
from fazhi_tasks.io.sheets.section_rows import StageText, deadline_in_window, parse_section, parse_stage_cell
from fazhi_tasks.io.sheets.summary import ReadSummary
from fazhi_tasks.io.sheets.tabular import Problems, at, normalise_header
from fazhi_tasks.io.sheets.workbook import column_letter
from fazhi_tasks.io.sheets.world import (
    CANCELLED_STATUS,
    abbreviation_of,
    cancelled_note,
    division_phrase,
    footer_kind,
    is_heading,
    looks_like,
    month_end,
    normalise_name,
)
from fazhi_tasks.model.values import Division, Stage, Task

__all__ = ["EVERY_DIVISION", "PlanRows", "read_rows"]

#: Words in 配合处室 meaning every division but the leads.
EVERY_DIVISION = frozenset({"各处室", "局各处室", "各相关处室", "相关处室", "全局各处室", "局属各处室", "各科室",
                            "各部门", "各相关部门", "相关部门", "局各科室", "各相关科室", "全局各科室", "各股室"})
_PROGRESS = ("progress_status", "progress_percent", "progress_note")
#: With an adjusted deadline column the fields become what the task keeps them as.
_SHOWN_FIELD = {"deadline": "original_deadline", "deadline_adjusted": "deadline"}
#: A column with no header (or beyond the header) holding a value.
STRAY = Said.of("sheets.stray_column")
_EVERY_AS_LEAD = Said.of("sheets.every_as_lead")
_NO_STAGE = Said.of("sheets.no_stage")
_KNOWN = frozenset({"id", "title", "division", "supporting", "stage", "deadline", "deadline_adjusted",
                    "original_deadline", "prerequisites", "indicator", "effort", "deliverable", "note", "owner",
                    "measure", *_PROGRESS})
#: What an unmapped column that looks like a field should be headed.
_LOOKS = {"date": ("完成时限", "a deadline", "完成时限"), "status": ("状态", "a status", "状态"),
          "percent": ("完成进度", "a percent complete", "完成进度"),
          "division": ("配合处室", "divisions", "配合处室")}


@attrs.define
class PlanRows:
    """What the rows gave: tasks, stages, divisions, the row of each task, progress cells, the summary."""

    tasks: list[Task]
    stages: list[Stage]
    divisions: list[Division]
    row_of: dict[str, int]
    progress: list[tuple[str, object, object, str | None]]
    summary: ReadSummary
    #: (task id, row as the summary names it, why) of each task the sheet marks cancelled (read as a task).
    cancelled: list[tuple[str, str, Said]] = attrs.field(factory=list)


def _effort(value: object) -> int | None:
    if value.__class__ is float and value.is_integer() and 0 <= value < 1_000_000:
        return int(value)
    if is_blank(value):
        return None
    text = as_text(value) or ""
    if not text.isdigit() or len(text) > 6:
        raise CellError(*Said.of("sheets.effort"))
    return int(text)


class _Reader:
    def __init__(self, table: Table, fields: dict[str, int], stages: list[Stage] | None,
                 shared: _Reader | None = None) -> None:
        self.table, self.f = table, fields
        self.keys = tuple(fields)
        self.pick = operator.itemgetter(*fields.values())  # id, title and division at least: gives a tuple
        self.progress_fields = not fields.keys().isdisjoint(_PROGRESS)
        self.problems: Problems = shared.problems if shared else Problems(table.path, PlanFileError, sheet=table.sheet)
        self.windows: dict[object, tuple[dt.date, dt.date]] = {}
        for s in stages or ():
            self.windows[s.number] = self.windows[s.name] = (s.start, s.end)
        self.assumptions: dict[Said, int] = shared.assumptions if shared else {}
        self.aliases: dict[str, str] = shared.aliases if shared else {}
        #: Whether the file shows the cells' number formats (.xlsx and CSV do; .xls and .ods do not here).
        self.formats_known = True
        self.stages: dict[tuple[type, object], StageText | Said] = {}
        self.names: dict[tuple[type, object], list[str]] = {}
        self.phrases: dict[tuple[type, object], tuple[list[str], list[str], str | None, bool]] = {}
        #: Why the row ``_row_kind`` last called cancelled is (struck through, 状态 已取消, a 备注 saying so).
        self.why_cancelled = Said("", "")

    def split(self, value: object) -> list[str]:
        """The names in a cell (a fresh list); division cells repeat, so each text is split once."""
        if value is None:
            return []
        key = (value.__class__, value)
        found = self.names.get(key)
        if found is None:
            leads, supporting, _, _ = division_phrase(value)
            found = self.names[key] = [self.aliases.get(n, n) for n in (*leads, *supporting)]
        return found.copy()

    def phrase(self, row: int, value: object) -> tuple[list[str], list[str], str | None]:
        """A lead-division cell in words (牵头/配合 marks, a person in brackets): leads, supporting, owner."""
        if value is None:
            return [], [], None
        key = (value.__class__, value)
        found = self.phrases.get(key)  # division cells repeat: each text is read once
        if found is None:
            leads, supporting, owner, marked = division_phrase(value)
            found = self.phrases[key] = ([self.aliases.get(n, n) for n in leads],
                                         [self.aliases.get(n, n) for n in supporting], owner, marked)
        leads, supporting, owner, marked = found[0].copy(), found[1].copy(), found[2], found[3]
        if marked:
            self.assume(Said.of("sheets.assume_lead_marked"))
        return leads, supporting, owner

    def bad(self, row: int, field: str | int, value: object, why: Said | CellError) -> None:
        """Note a bad cell: its place (sheet, row, column letter, header), the value as typed, why (both languages)."""
        if len(self.problems.found) >= self.problems.limit:
            self.problems.total += 1  # counted, not spelled out: the message lists the first ones
            return
        col = field if isinstance(field, int) else self.f.get(field)
        header = (self.table.header[col] if col < len(self.table.header) else "") if col is not None else str(field)
        if col is not None:
            where = self.table.where(row, col)
        else:
            row_place = self.table.where(row or None)
            where = Said.of("sheets.row_field", row=row_place, field=field)
        self.problems.add(at(where, why.said if isinstance(why, CellError) else why, value), row, header, value,
                          letter=column_letter(col) if col is not None else None)

    def assume(self, said: Said) -> None:
        self.assumptions[said] = self.assumptions.get(said, 0) + 1

    def deadline(self, row: int, field: str, value: object, window: tuple[dt.date, dt.date] | None) -> dt.date | None:
        if value is None:
            return None
        if self.table.marks and isinstance(value, dt.date) and field in self.f:
            kind = self.table.marks.get((row, self.f[field]))
            if kind in ("month", "year"):
                self.assume(Said.of("sheets.assume_month_cell"))
                return month_end(value.date() if isinstance(value, dt.datetime) else value, kind)
        if not self.formats_known and isinstance(value, dt.date) and value.day == 1:
            self.bad(row, field, value, Said.of("sheets.first_of_month"))
            return None
        if value.__class__ is dt.date and value >= dt.date(1900, 3, 1):
            return value
        try:
            return as_deadline(value)
        except CellError as exc:
            if window is None or "没有写年份" not in str(exc):
                self.bad(row, field, value, exc)
                return None
        try:
            day = deadline_in_window(str(value).strip(), *window)
        except CellError as exc:
            self.bad(row, field, value, exc)
            return None
        self.assume(Said.of("sheets.assume_stage_year"))
        return day

    def task_row(self, row: int, cells: Sequence[Any], section: StageText | None,
                 unknown: Sequence[int]) -> dict[str, Any]:
        """One task row's fields converted; each bad cell noted."""
        v = dict(zip(self.keys, self.pick(cells), strict=True))
        item: dict[str, Any] = {"row": row, "r": self}
        if isinstance(v["id"], dt.date):
            self.bad(row, "id", v["id"], Said.of("sheets.id_as_date"))
        else:
            try:
                item["id"] = as_id(v["id"])
            except CellError as exc:
                self.bad(row, "id", v["id"], exc)
        item["title"] = as_text(v["title"])
        group = None
        if "measure" in v:
            group, item["title"] = item["title"], as_text(v["measure"])
            if item["title"] is None:
                self.bad(row, "measure", None, Said.of("sheets.missing", header=self.table.header[self.f["measure"]]))
        for key in ("id", "title", "division"):
            if v[key] is None:
                header = self.table.header[self.f[key]]
                self.bad(row, key, None, Said.of("sheets.missing", header=header))
        stage = item["stage"] = self.stage(row, v.get("stage"), section)
        self.deadlines(item, v, stage)
        leads, also, owner = self.phrase(row, v["division"])
        if not EVERY_DIVISION.isdisjoint(leads):
            self.bad(row, "division", v["division"], _EVERY_AS_LEAD)
        item["leads"] = leads
        item["supporting"] = list(dict.fromkeys([*also, *self.split(v.get("supporting"))]))
        item["prerequisites"] = []
        for text in split_names(v.get("prerequisites")) if v.get("prerequisites") is not None else ():
            try:
                item["prerequisites"].append(as_id(text))
            except CellError as exc:
                self.bad(row, "prerequisites", text, exc)
        try:
            item["effort"] = _effort(v.get("effort"))
        except CellError as exc:
            self.bad(row, "effort", v.get("effort"), exc)
        note = as_text(v.get("note"))
        if group is not None:
            note = "；".join(filter(None, [f"所属任务：{group}", note]))
        if unknown:
            extra = [f"{self.table.header[c]}：{t}" for c in unknown if (t := as_text(cells[c]))]
            note = "；".join(filter(None, [note, *extra])) or None
        item["note"] = note
        for key in ("indicator", "deliverable", "owner"):
            item[key] = as_text(v.get(key))
        if owner is not None and item["owner"] is None:
            item["owner"] = owner
        if self.progress_fields and any(v.get(k) is not None for k in _PROGRESS):
            percent_format = "progress_percent" in self.f and (row, self.f["progress_percent"]) in self.table.percent
            item["progress"] = (v.get("progress_status"), v.get("progress_percent"), percent_format,
                                as_text(v.get("progress_note")))
        return item

    def stage(self, row: int, value: object, section: StageText | None) -> StageText | None:
        """The row's stage: its stage cell, else the section row above it (cells repeat: each read once)."""
        if value is not None:
            key = (value.__class__, value)
            found = self.stages.get(key)
            if found is None:
                try:
                    found = parse_stage_cell(value)
                except CellError as exc:
                    found = Said.of("sheets.stage_cell", why=exc.said)
                self.stages[key] = found
            if isinstance(found, Said):
                self.bad(row, "stage", value, found)
                return None
            return found
        if section is not None:
            self.assume(Said.of("sheets.assume_section_stage"))
            return section
        self.bad(row, "stage" if "stage" in self.f else "id", None, _NO_STAGE)
        return None

    def deadlines(self, item: dict[str, Any], v: dict[str, Any], stage: StageText | None) -> None:
        """The deadline (an adjusted one wins) and the original deadline, yearless ones placed in the stage."""
        row = item["row"]
        window = None
        if stage is not None:
            window = (stage.start, stage.end) if stage.start and stage.end else (
                self.windows.get(stage.number) or self.windows.get(stage.name))
        base = self.deadline(row, "deadline", v.get("deadline"), window)
        adjusted = self.deadline(row, "deadline_adjusted", v.get("deadline_adjusted"), window)
        original = self.deadline(row, "original_deadline", v.get("original_deadline"), window)
        if v.get("deadline_adjusted") is not None:
            item["deadline"], item["original_deadline"] = adjusted, base or original
            if base is not None:
                header = self.table.header[self.f["deadline_adjusted"]]
                self.assume(Said.of("sheets.assume_adjusted", header=header))
        elif base is None and "deadline" not in self.f and "deadline_adjusted" in self.f:
            item["deadline"], item["original_deadline"] = original, None  # 原定 | 调整后 with no adjustment made
        else:
            item["deadline"], item["original_deadline"] = base, original


def _check_header(table: Table, f: Mapping[str, int]) -> None:
    """The header names the three columns every plan needs, or an error says which are missing."""
    missing = [h for field, h in (("id", "编号"), ("title", "任务名称"), ("division", "牵头处室")) if field not in f]
    if missing:
        raise table.missing(missing, "编号、任务名称、牵头处室、完成时限（及阶段）", PlanFileError)


def _unknown_columns(r: _Reader, table: Table, unknown: Sequence[int]) -> list[int]:
    """The unmapped columns whose text goes into the note; one that looks like a deadline, status or percent is an
    error (a deadline column under an unknown name would leave every task without a deadline)."""
    kept = []
    for c in unknown:
        header = table.header[c]
        if normalise_header(header) == "序号":
            continue  # 序号 beside 编号: a running number, not read
        kind = looks_like([cells[c] for row, cells in table.rows[:200] if row not in table.single])  # no headings
        if kind is not None:
            field, what_en, _ = _LOOKS[kind]
            where = table.where(table.header_row, c)
            r.problems.add(Said.of("sheets.looks_like", where=where, letter=column_letter(c), header=header,
                                   field=field, what=what_en), table.header_row, header, header)
            continue
        kept.append(c)
    return kept


def _sheet_section(table: Table, f: Mapping[str, int]) -> StageText | None:
    """The stage a sheet's name gives (第一阶段, 一、部署启动阶段) when the sheet has no stage column."""
    if "stage" in f or not table.sheet:
        return None
    found, _ = parse_section(table.sheet, None)
    if found is None and table.sheet.strip().endswith("阶段"):
        try:
            found = parse_stage_cell(table.sheet)
        except CellError:
            return None
    return found


def _row_kind(r: _Reader, row: int, cells: Sequence[Any]) -> str | None:
    """``"heading"``, ``"footer"`` or ``"cancelled"`` for a row that is no task, else ``None``."""
    f, table = r.f, r.table
    id_value = cells[f["id"]]
    if (id_value is None or (isinstance(id_value, str) and not id_value.isascii())) and footer_kind(cells) and (
            id_value is None or footer_kind([id_value])):
        return "footer"
    own = table.sparse.get(row)
    if own is not None:
        rest = [c for c in own if c != f.get("stage") and not ("measure" in f and c == f["title"])]
        deadline_col = f.get("deadline", f.get("deadline_adjusted"))
        if len(rest) == 1 and rest[0] != deadline_col:
            text = cells[rest[0]]
            if row in table.banner or is_heading(text) or (id_value is None and cells[f["division"]] is None):
                return "heading"
    status = cells[f["progress_status"]] if "progress_status" in f else None
    if isinstance(status, str) and status.strip() in CANCELLED_STATUS:
        header = table.header[f["progress_status"]]
        r.why_cancelled = Said.of("sheets.cancelled_by", header=header, value=status.strip())
        return "cancelled"
    if table.marks and any(table.marks.get((row, f[k])) == "struck" for k in ("id", "title", "measure") if k in f):
        r.why_cancelled = Said.of("sheets.struck_through")
        return "cancelled"
    for key in ("note", "progress_note"):
        if key in f and (said := cancelled_note(as_text(cells[f[key]]))) is not False:
            if said:
                header, note = table.header[f[key]], as_text(cells[f[key]])
                r.why_cancelled = Said.of("sheets.cancelled_by", header=header, value=note)
                return "cancelled"
            r.bad(row, key, cells[f[key]], Said.of("sheets.note_cancelled"))
    return None


def read_rows(tables: Sequence[Table], aliases: Mapping[str, str], stages: list[Stage] | None,  # noqa: PLR0915
              divisions: list[Division], *, skipped_sheets: Sequence[tuple[str, str]] = (),
              short_names: Mapping[str, str] | None = None, no_deadlines: bool = False,
              formats_known: bool = True) -> PlanRows:
    """Convert every row of the plan tables (one per sheet read), noting every problem at its cell, then raise them
    all at once; every row that is no task is named by its kind in the summary."""
    r: _Reader | None = None
    raw: list[dict[str, Any]] = []
    skipped: dict[str, list[str]] = {}
    sections = blank_rows = 0
    section_no = 0
    all_columns: list[tuple[str, str, str]] = []
    hidden: list[tuple[str, str, bool]] = []
    ignored: list[tuple[str, str]] = []
    progress_columns: list[tuple[str, str]] = []
    progress: list[tuple[str, object, object, str | None]] = []
    hidden_rows: list[str] = []
    filtered: list[str] = []
    for table in tables:
        columns = table.map(aliases, PlanFileError)
        f = columns.fields
        _check_header(table, f)
        r = _Reader(table, f, stages, r)
        r.formats_known = formats_known
        if short_names:
            r.aliases.update(short_names)
            r.assume(Said.of("sheets.assume_short_names"))
        for d in divisions:  # a declared name matches its spelling with invisible characters or spaces
            if (bare := normalise_name(d.name)) != d.name:
                r.aliases.setdefault(bare, d.name)
        for row, col, value in table.stray:
            r.bad(row, col, value, STRAY)
        unknown = _unknown_columns(r, table, [c for c, _ in columns.unknown])
        read_cols = set(f.values()) | set(unknown)
        if table.header[f["division"]] == "牵头处室（取自工作表名）":
            r.assume(Said.of("sheets.assume_sheet_division"))
        section = _sheet_section(table, f)
        if section is not None:
            r.assume(Said.of("sheets.assume_sheet_stage"))
        carry_year: int | None = None
        prefix = f"{table.sheet}!" if len(tables) > 1 else ""
        for row, cells in table.rows:
            if r.problems.enough:
                r.problems.stopped_at = row - 1
                break
            if row in table.single:
                text = next((c for c in cells if not is_blank(c)), None)
                stage_text, is_section = parse_section(text, carry_year)
                if is_section:
                    sections += 1
                    section_no += 1
                    if stage_text is not None:
                        section = stage_text
                        if stage_text.end is not None:
                            carry_year = stage_text.end.year
                    continue
            kind = _row_kind(r, row, cells)
            if kind == "cancelled":
                item = _cancelled_row(r, row, cells, section, unknown=unknown, read_cols=read_cols)
                if item is not None:  # a task the bureau cancelled: read, and reported as 已取消
                    item["section"], item["label"], item["cancelled"] = section_no, f"{prefix}{row}", r.why_cancelled
                    raw.append(item)
                    continue
            if kind is not None:
                skipped.setdefault(kind, []).append(f"{prefix}{row}")
                continue
            if table.uncached:
                for col in read_cols:
                    if (row, col) in table.uncached:
                        r.bad(row, col, None, FORMULA_HINT)
            item = r.task_row(row, cells, section, unknown)
            item["section"] = section_no
            raw.append(item)
        if "measure" in f:
            r.assume(Said.of("sheets.assume_measure", measure=table.header[f["measure"]],
                             title=table.header[f["title"]]))
        blank_rows += table.blank_rows
        if table.marks:
            hidden_rows += [f"{prefix}{row}" for (row, col), kind in sorted(table.marks.items())
                            if col == -1 and kind == "hidden" and row > table.header_row]
            if table.marks.get((0, -1)) == "filter":
                filtered.append(table.sheet or "")
        shown = {"deadline_adjusted": "deadline", "deadline": "original_deadline"} if "deadline_adjusted" in f else {}
        shown |= {"title": "group", "measure": "title"} if "measure" in f else {}
        all_columns += [(f"{prefix}{column_letter(c)}", table.header[c], shown.get(field, field))
                        for field, c in sorted(f.items(), key=lambda x: x[1]) if field not in _PROGRESS]
        hidden += [(column_letter(c), h, False) for c, h in columns.hidden_ignored]
        hidden += [(column_letter(c), h, True) for c, h in columns.hidden_used]
        ignored += [(f"{prefix}{column_letter(c)}", h) for c, h in columns.unknown]
        progress_columns += [(column_letter(f[k]), table.header[f[k]]) for k in _PROGRESS
                             if k in f and any(cells[f[k]] is not None for _, cells in table.rows)]
    assert r is not None  # at least one table
    if not no_deadlines and not any(
            {"deadline", "deadline_adjusted", "original_deadline"} & {lookup(aliases, h) for h in t.header if h}
            for t in tables):
        table = tables[0]
        where = table.where(table.header_row)
        r.problems.add(Said.of("sheets.no_deadline_column", where=where), table.header_row, "完成时限", None)
    for item in _ids(r, raw, sections):
        skipped.setdefault("cancelled", []).append(item["label"])
    for item in raw:
        st = item.get("stage")
        if st is not None:
            item["stage_ref"] = st.number if st.number is not None else st.name
    stage_list = stages if stages is not None else _infer_stages(r, raw)
    division_list = _divisions(r, raw, divisions)
    tasks, row_of = _tasks(r, raw, division_list)
    r.problems.raise_if_any(Said.of("sheets.plan_not_read"))
    cancelled = [(item["id"], item["label"], item["cancelled"]) for item in raw
                 if "cancelled" in item and item.get("id") in row_of]
    for item in raw:
        if "progress" in item and item.get("id") and "cancelled" not in item:
            status, percent, fmt, note = item["progress"]
            progress.append((item["id"], status, _percent_or_raw(percent, fmt), note))
    counts: dict[str, int] = {}
    for task in tasks:
        for name in (task.division, *task.co_leads):
            counts[name] = counts.get(name, 0) + 1
    written = {(st.number, st.name) for item in raw if (st := item.get("stage")) is not None and st.start}
    table = tables[0]
    summary = ReadSummary(
        path=str(table.path), sheet=table.sheet, header_row=table.header_row,
        columns=tuple(all_columns), rows_read=len(tasks), blank_rows=blank_rows, section_rows=sections,
        title=table.title, hidden_columns=tuple(hidden), ignored_columns=tuple(ignored),
        progress_columns=tuple(dict.fromkeys(progress_columns)),
        assumptions=tuple(f"{said.zh}（{n} 处）" for said, n in r.assumptions.items()),
        assumptions_en=tuple(f"{said.en} ({n} {'place' if n == 1 else 'places'})"
                             for said, n in r.assumptions.items()),
        sheets=tuple(t.sheet for t in tables if t.sheet), sheets_skipped=tuple(skipped_sheets),
        skipped_rows=tuple((kind, tuple(rows)) for kind, rows in skipped.items()),
        divisions=tuple((d.name, counts.get(d.name, 0)) for d in division_list),
        stages=tuple((s.number, s.name, s.start, s.end, stages is None and (s.number, s.name) not in written)
                     for s in stage_list),
        no_deadline=tuple(t.id for t in tasks if t.deadline is None), hidden_rows=tuple(hidden_rows),
        filtered_sheets=tuple(filtered), cancelled=tuple((task_id, label) for task_id, label, _ in cancelled))
    return PlanRows(tasks, stage_list, division_list, row_of, progress, summary, cancelled)


def _cancelled_row(r: _Reader, row: int, cells: Sequence[Any], section: StageText | None, *,
                   unknown: Sequence[int], read_cols: set[int]) -> dict[str, Any] | None:
    """A cancelled row read as a task, or ``None`` when one of its cells cannot be read (it is then skipped and
    named as a cancelled row: a struck-out row often keeps a stale cell, which is no reason to refuse the plan)."""
    shared, r.problems = r.problems, Problems(r.table.path, PlanFileError, sheet=r.table.sheet)
    try:
        item = r.task_row(row, cells, section, unknown)
        if any((row, col) in r.table.uncached for col in read_cols):
            return None
        return None if r.problems.total else item
    finally:
        r.problems = shared


def _percent_or_raw(value: object, percent_format: bool) -> object:
    from fazhi_tasks.io.sheets.cells import as_percent

    try:
        return as_percent(value, percent_format=percent_format)
    except CellError:
        return value


def _ids(r: _Reader, raw: list[dict[str, Any]], sections: int) -> list[dict[str, Any]]:
    """Ids unique: 序号 restarting in every section becomes section-序号; any other repeat names both rows.

    A cancelled row with the id of a live row (the old wording struck out, the new one written beside it) is
    taken out of ``raw`` and returned: the live row is the task.
    """
    seen: dict[str, int] = {}
    repeats = False
    first: set[str] = set()
    for item in raw:
        if item.get("id") in first:
            repeats = True
        first.add(item.get("id") or "")
    if repeats and sections and raw and normalise_header(raw[0]["r"].table.header[raw[0]["r"].f["id"]]) == "序号":
        for item in raw:
            if item.get("id"):
                item["id"] = f"{item['section']}-{item['id']}"
        r.assume(Said.of("sheets.assume_section_ids"))
    live = {item.get("id") for item in raw if "cancelled" not in item}
    replaced = [item for item in raw if "cancelled" in item and item.get("id") in live]
    for item in replaced:
        raw.remove(item)
    for item in raw:
        task_id = item.get("id")
        if not task_id:
            continue
        if task_id in seen:
            earlier = seen[task_id]
            item["r"].bad(item["row"], "id", task_id, Said.of("sheets.duplicate_id", earlier=earlier))
        else:
            seen[task_id] = item["row"]
    return replaced


def _infer_stages(r: _Reader, raw: list[dict[str, Any]]) -> list[Stage]:
    """Stages from the stage cells and section rows; windows as written, else from the deadlines."""
    seen: dict[tuple[int | None, str], tuple[dt.date | None, dt.date | None]] = {}
    deadlines: dict[tuple[int | None, str], list[dt.date]] = {}
    for item in raw:
        st = item.get("stage")
        if st is None:
            continue
        key = (st.number, st.name)
        if key not in seen or st.start is not None:
            seen[key] = (st.start, st.end)
        if item.get("deadline") is not None:
            deadlines.setdefault(key, []).append(item["deadline"])
    keys = sorted(seen, key=lambda k: (k[0] is None, k[0] or 0))
    stages: list[Stage] = []
    previous_end: dt.date | None = None
    for k, key in enumerate(keys, start=1):
        number, name = key
        start, end = seen[key]
        try:
            if start is None or end is None:
                days = deadlines.get(key, [])
                first = min(days, default=previous_end or dt.date(2000, 1, 1))
                start = previous_end + dt.timedelta(days=1) if previous_end else first.replace(day=1)
                end = max([*days, start, previous_end or start])
            stages.append(Stage(number or k, name or f"第{number or k}阶段", start, end))
        except (OverflowError, PlanError):
            r.bad(0, "stage", name or number, Said.of("sheets.stage_window_range"))
            break
        previous_end = end
    return stages


def _one_apart(a: str, b: str) -> bool:
    if len(a) != len(b) or len(a) < 3:
        return False
    diff = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    return len(diff) == 1 and not (diff[0][0].isascii() and diff[0][1].isascii())


def _divisions(r: _Reader, raw: list[dict[str, Any]], declared: list[Division]) -> list[Division]:
    counts: dict[str, int] = {}
    for item in raw:
        for name in (*item["leads"], *item["supporting"]):
            if name not in EVERY_DIVISION:
                counts[name] = counts.get(name, 0) + 1
    if declared:
        names = [d.name for d in declared]
        known = set(names)
        for item in raw:
            for key, values in (("division", item["leads"]), ("supporting", item["supporting"])):
                for name in values:
                    if name not in known and name not in EVERY_DIVISION:
                        near = difflib.get_close_matches(name, names, n=1)
                        hint = Said.of("sheets.did_you_mean", near=near[0]) if near else Said("", "")
                        item["r"].bad(item["row"], key, name, Said.of("sheets.not_a_division", hint=hint))
        result = list(declared)
    else:
        ordered = list(counts)
        if len(ordered) <= 500:
            for a in ordered:
                for b in ordered:
                    if a < b and _one_apart(a, b):
                        rare = a if counts[a] <= counts[b] else b
                        other = b if rare == a else a
                        _look_alike(raw, rare, Said.of("sheets.one_apart", other=other))
                    elif a != b and abbreviation_of(a, b):
                        _look_alike(raw, a, Said.of("sheets.abbreviation", full=b))
        result = [Division(n) for n in ordered]
    every = [d.name for d in result]
    for item in raw:
        if any(n in EVERY_DIVISION for n in item["supporting"]):
            named = [n for n in item["supporting"] if n not in EVERY_DIVISION]
            item["supporting"] = [n for n in (*named, *every) if n not in item["leads"]]
            r.assume(Said.of("sheets.assume_every_division"))
    return result


def _look_alike(raw: list[dict[str, Any]], name: str, why: Said) -> None:
    """Refuse a division name at the first row that uses it."""
    item = next(i for i in raw if name in i["leads"] or name in i["supporting"])
    item["r"].bad(item["row"], "division" if name in item["leads"] else "supporting", name, why)


def _tasks(r: _Reader, raw: list[dict[str, Any]], divisions: list[Division]) -> tuple[list[Task], dict[str, int]]:
    ids = {item["id"] for item in raw if item.get("id")}
    tasks: list[Task] = []
    row_of: dict[str, int] = {}
    for item in raw:
        row = item["row"]
        prerequisites, supporting = item["prerequisites"], item["supporting"]
        for prerequisite in prerequisites:
            if prerequisite and prerequisite not in ids:
                item["r"].bad(row, "prerequisites", prerequisite, Said.of("sheets.unknown_prerequisite"))
        if not (item.get("id") and item.get("title") and item["leads"] and "stage_ref" in item):
            continue
        leads = item["leads"] if len(item["leads"]) == 1 else list(dict.fromkeys(item["leads"]))
        try:
            task = Task(item["id"], item["title"], leads[0], item["stage_ref"], item.get("deadline"),
                        prerequisites=[p for p in prerequisites if p in ids] if prerequisites else (),
                        supporting=[s for s in supporting if s not in leads] if supporting else (),
                        indicator=item["indicator"], deliverable=item["deliverable"], effort=item.get("effort"),
                        note=item["note"], co_leads=leads[1:], original_deadline=item.get("original_deadline"),
                        owner=item["owner"])
        except PlanError as exc:
            field = {"co_leads": "division"}.get(exc.field or "id", exc.field or "id")
            ir = item["r"]
            ir.bad(row, field if field in ir.f else "id", exc.value, Said(exc.reason(), exc.reason("en")))
            continue
        tasks.append(task)
        row_of[task.id] = row
    return tasks, row_of
