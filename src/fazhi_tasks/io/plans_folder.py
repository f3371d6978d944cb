"""A city's plans folder: one plan file per bureau, named after the bureau; and the rollup read from files.

``plans/金华市应急管理局.xlsx`` is the plan of the bureau ``金华市应急管理局``, spelled exactly as
``fazhi-tasks ledger grant --bureau`` gave it. :func:`rollup` here is the public one: it takes the folder (or a
mapping) and the ledger (or its URL) and hands the plans to the analysis.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from fazhi_tasks.core.errors import PlanFileError
from fazhi_tasks.io.planfile import load_plan

if TYPE_CHECKING:
    from fazhi_tasks.analysis.rollup import Rollup
    from fazhi_tasks.ledger.front import Ledger
    from fazhi_tasks.model.calendar import Beyond, WorkCalendar
    from fazhi_tasks.model.plan import Plan
    from fazhi_tasks.model.schedule import YearSchedule
    from fazhi_tasks.model.values import Update

__all__ = ["PLAN_SUFFIXES", "plans_by_bureau", "read_plans_folder", "rollup"]

#: Plan files a plans folder may hold, by suffix.
PLAN_SUFFIXES = (".toml", ".json", ".csv", ".xlsx")


def plans_by_bureau(folder: str | os.PathLike[str]) -> dict[str, Plan]:
    """Every plan file in ``folder`` (not its subfolders), keyed by bureau: the file name without its suffix.

    A sheet's tasks marked cancelled are left out (as ``load_plan`` leaves them: a plan alone has no status to
    say they are cancelled); :func:`read_plans_folder` keeps them with their 已取消.

    Raises:
        PlanFileError: The folder is missing or has no plan files, two files name one bureau, or a
            plan file is bad (the error names the file).
    """
    return {bureau: load_plan(path) for bureau, path in _plan_files(folder).items()}


def read_plans_folder(folder: str | os.PathLike[str]) -> tuple[dict[str, Plan], dict[str, tuple[Update, ...]]]:
    """Every plan file in ``folder`` read as ``read_plan`` reads it: bureau → plan (the tasks a sheet marks
    cancelled kept), and bureau → one ``Update(task_id, Status.CANCELLED, …)`` per such task (``PlanRead.cancelled``).

    Raises:
        PlanFileError: As :func:`plans_by_bureau`.
    """
    from fazhi_tasks.io.planfile import read_plan

    plans: dict[str, Plan] = {}
    cancelled: dict[str, tuple[Update, ...]] = {}
    for bureau, path in _plan_files(folder).items():
        read = read_plan(path)
        plans[bureau] = read.plan
        if read.cancelled:
            cancelled[bureau] = read.cancelled
    return plans, cancelled


def _plan_files(folder: str | os.PathLike[str]) -> dict[str, Path]:
    """Bureau → its plan file in ``folder``."""
    root = Path(folder)
    if not root.is_dir():
        message = f"{root}：找不到存放各单位计划的文件夹"
        raise PlanFileError(message, path=str(root))
    files = sorted(p for p in root.iterdir() if p.suffix.lower() in PLAN_SUFFIXES and p.is_file()
                   and not p.name.startswith((".", "~$")))
    if not files:
        message = f"{root}：文件夹中没有计划文件（{'、'.join(PLAN_SUFFIXES)}），每个单位一个文件，文件名即单位名称"
        raise PlanFileError(message, path=str(root))
    seen: dict[str, Path] = {}
    for path in files:
        bureau = path.stem.strip()
        if bureau in seen:
            message = f"{root}：{seen[bureau].name} 和 {path.name} 是同一单位“{bureau}”的计划，请只保留一个"
            raise PlanFileError(message, path=str(path), value=path.name)
        seen[bureau] = path
    return seen


def rollup(ledger_or_url: Ledger | str | os.PathLike[str], plans: Mapping[str, Plan] | str | os.PathLike[str],
           as_of: dt.date, *, oldest: int = 3, calendar: WorkCalendar | None = None,
           beyond: Beyond = "weekdays", years: Sequence[YearSchedule] = ()) -> Rollup:
    """Each bureau's tasks, done, overdue, blocked and completion rate as of ``as_of``, from one ledger.

    ``plans`` is bureau → plan, or a folder of plan files named after their bureaus (:func:`read_plans_folder`: the
    tasks a sheet marks cancelled are counted 已取消, never open or overdue, and left out of the rate);
    the rest is :func:`fazhi_tasks.analysis.rollup.rollup`'s: ``ledger_or_url`` a ledger or its URL (or SQLite path),
    ``oldest`` how many longest-overdue tasks to list, ``calendar``/``beyond``/``years`` the working days.
    """
    from fazhi_tasks.analysis.rollup import rollup as rollup_of

    cancelled: dict[str, tuple[Update, ...]] = {}
    if not isinstance(plans, Mapping):
        plans, cancelled = read_plans_folder(plans)
    return rollup_of(ledger_or_url, plans, as_of, oldest=oldest, calendar=calendar, beyond=beyond, years=years,
                     cancelled=cancelled)
