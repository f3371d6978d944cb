"""Plan files: ``load_plan`` / ``save_plan``, one reader and writer per format, chosen by suffix.

TOML and JSON share one document shape (``io/plandoc.py``, ``docs/plan-format.md``); CSV and XLSX,
the clerk's sheet, live in ``io/sheets/reader.py``. Writes go to a temporary file that
replaces the target only when complete, so a failed write leaves the old file.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from fazhi_tasks.core.errors import PlanFileError, Said
from fazhi_tasks.core.files import atomic_write, split_names
from fazhi_tasks.io.documents import parse_json, parse_toml
from fazhi_tasks.io.plandoc import _Locator, plan_from_document, plan_to_document
from fazhi_tasks.io.sheets.tabular import read_text
from fazhi_tasks.io.source import Source, local_file
from fazhi_tasks.model.plan import Plan

if TYPE_CHECKING:
    from fazhi_tasks.io.settings import ReportSettings
    from fazhi_tasks.io.sheets.reader import PlanRead

__all__ = ["atomic_write", "load_plan", "plan_from_document", "plan_to_document", "read_plan", "save_plan",
           "split_names"]

#: Largest plan file read, in bytes (a plan of 10⁶ tasks in JSON is about 300 MB).
MAX_FILE_BYTES = 1 << 30

def _read_toml(path: Path) -> Plan:
    doc = parse_toml(read_text(path, PlanFileError, MAX_FILE_BYTES), path, PlanFileError)
    return plan_from_document(doc, _Locator(path, "toml"), consume=True)


def _read_json(path: Path) -> Plan:
    doc = parse_json(read_text(path, PlanFileError, MAX_FILE_BYTES), path, PlanFileError)
    return plan_from_document(doc, _Locator(path, "json"), consume=True)


def _write_toml(plan: Plan, path: Path, settings: ReportSettings | None) -> None:
    import tomli_w

    doc = plan_to_document(plan, dates_as_text=False)
    if settings is not None and (report := settings.to_mapping()):
        doc["report"] = report
    with atomic_write(path) as out:
        out.write(tomli_w.dumps(doc, multiline_strings=False).encode())


def _write_json(plan: Plan, path: Path, settings: ReportSettings | None) -> None:
    doc = plan_to_document(plan, dates_as_text=True)
    if settings is not None and (report := settings.to_mapping()):
        doc["report"] = {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in report.items()}
    text = json.dumps(doc, ensure_ascii=False, indent=2)
    with atomic_write(path) as out:
        out.write(text.encode() + b"\n")


def read_plan(path: Source, *, name: str | None = None, columns: Mapping[str, str] | None = None,
              no_deadlines: bool = False) -> PlanRead:
    """Read a plan with its read summary: for a sheet (``.xlsx``, ``.xls``, ``.xlsb``, ``.ods``, ``.csv``) what was
    read and assumed, the progress columns it carries; for TOML and JSON the summary says only the file.

    ``path`` may be a path, the file's ``bytes`` or a binary file object (an upload); then ``name`` gives the
    file's name, whose suffix picks the format and which the messages name.

    ``columns`` maps a sheet's own header (or a column letter) to a column name the reader knows,
    ``{"计划完成日期": "完成时限", "A": "编号"}``, so an unknown header never forces editing the bureau's file.
    A sheet with no deadline column is refused unless ``no_deadlines`` says the plan has none.

    Raises:
        PlanFileError: Every bad cell of the file at once (up to ``MAX_PROBLEMS``), each named by
            sheet, row, column letter and header, with the value as typed.
        PlanError: A plan rule (cycle, stage order) the rows break.
    """
    from fazhi_tasks.io.sheets.reader import PlanRead, read_sheet
    from fazhi_tasks.io.sheets.summary import ReadSummary

    with local_file(path, name, PlanFileError) as file:
        if file.suffix.lower() in (".toml", ".json"):
            plan = load_plan(file)
            shown = name or str(file)
            return PlanRead(plan, ReadSummary(path=shown, sheet=None, header_row=0, rows_read=len(plan)))
        read = read_sheet(file, columns=columns, no_deadlines=no_deadlines)
        if name is not None:
            read = attrs.evolve(read, summary=attrs.evolve(read.summary, path=name))
        return read


def _sheet_reader(path: Path) -> Plan:
    from fazhi_tasks.io.sheets.reader import read_plan_sheet

    return read_plan_sheet(path)


def _sheet_writer(plan: Plan, path: Path, settings: ReportSettings | None) -> None:
    from fazhi_tasks.io.sheets.writer import write_plan_sheet

    if plan.calendar_years:
        years = "、".join(str(y.year) for y in plan.calendar_years)
        message = Said.of("io.plan_no_calendar", name=path.name, years=years)
        raise PlanFileError(message, path=str(path), column="calendar", value=years)

    if settings is not None and settings.to_mapping() and path.suffix.lower() == ".csv":
        message = Said.of("io.plan_csv_no_settings", name=path.name)
        raise PlanFileError(message, path=str(path), column="report")
    write_plan_sheet(plan, path, settings=settings)


_Writer = Callable[[Plan, Path, "ReportSettings | None"], None]
_FORMATS: dict[str, tuple[Callable[[Path], Plan], _Writer]] = {
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


def _format(path: Path) -> tuple[Callable[[Path], Plan], _Writer]:
    try:
        return _FORMATS[path.suffix.lower()]
    except KeyError:
        known = ", ".join(_FORMATS)
        message = Said.of("io.plan_file_type", name=path.name, suffix=repr(path.suffix), known=known)
        raise PlanFileError(message, path=str(path), value=path.suffix) from None


def load_plan(path: Source, *, name: str | None = None) -> Plan:
    r"""Read a plan file; the format follows the suffix: ``.toml``, ``.json``, ``.csv``, ``.xlsx``, ``.xls``, ``.ods``.

    ``path`` may be a path, the file's ``bytes`` or a binary file object (an upload); then ``name`` gives the
    file's name, whose suffix picks the format and which the messages name.

    >>> import fazhi_tasks as ft
    >>> plan = ft.load_plan(b'name = "p"\n[[stages]]\nnumber = 1\nname = "s"\nstart = 2021-03-01\nend = 2021-03-31\n'
    ...                     b'[[tasks]]\nid = "T1"\ntitle = "a"\ndivision = "d"\nstage = 1\ndeadline = 2021-03-20\n',
    ...                     name="plan.toml")
    >>> plan["T1"].deadline
    datetime.date(2021, 3, 20)

    Raises:
        PlanFileError: The file cannot be read or holds a bad value; the message names the
            file, the line or row, the field or column, and the value.
        PlanError: The plan breaks a rule (a cycle, an unknown prerequisite, ...); the message
            is prefixed with the file and, where found, the line.
    """
    with local_file(path, name, PlanFileError) as file:
        reader, _ = _format(file)
        return reader(file)


def save_plan(plan: Plan, path: str | os.PathLike[str], *, settings: ReportSettings | None = None) -> None:
    """Write a plan file; the format follows the suffix. The old file stays if writing fails.

    ``settings`` (the 通报 settings :func:`read_report_settings` read) are written with the plan: a ``[report]``
    table in TOML, a ``report`` object in JSON, a 设置 sheet in XLSX; only those that differ from the defaults.
    A CSV cannot hold them (:class:`PlanFileError`).

    >>> import tempfile, pathlib, fazhi_tasks as ft
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "plan.toml"
    >>> ft.save_plan(ft.sample_plan(), target)
    >>> ft.load_plan(target) == ft.sample_plan()
    True
    """
    path = Path(path)
    _, writer = _format(path)
    if path.suffix.lower() not in (".toml", ".json"):
        _notes_read_back(plan, path)
    writer(plan, path, settings)


def _notes_read_back(plan: Plan, path: Path) -> None:
    """Refuse a sheet whose 备注 would read back as a cancellation mark (or as a question): a clerk's
    "该项任务已取消" cancels the task, "已取消3项…" is asked about; the plan's own note must mean neither."""
    from fazhi_tasks.io.sheets.world import cancelled_note

    for task in plan:
        if cancelled_note(task.note) is not False:
            raise PlanFileError(key="err.note_reads_as_cancelled", params={"id": task.id, "note": task.note},
                                path=str(path), task_id=task.id, column="备注", value=task.note,
                                code="plan_file.note_cancelled")
