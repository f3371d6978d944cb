"""The domain nouns: statuses, divisions, stages, tasks, indicators and progress updates.

All are frozen ``attrs`` classes that validate what they are given, so a value
that exists is a value that is valid. The :class:`~fazhi_tasks.Plan` that ties
them together lives in ``model/plan.py``.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import re
import sys
from collections.abc import Iterable
from typing import Any

import attrs

from fazhi_tasks.core.errors import PlanError

__all__ = ["Division", "Indicator", "Stage", "Status", "Task", "Update", "id_sort_key"]


class Status(enum.StrEnum):
    """A task's status (状态). The values are the Chinese words the bureau uses.

    >>> Status.DONE == "已完成"
    True
    >>> Status.parse("in progress")
    <Status.IN_PROGRESS: '推进中'>
    """

    NOT_STARTED = "未启动"
    IN_PROGRESS = "推进中"
    DONE = "已完成"
    SUSPENDED = "已暂缓"
    #: Cancelled by the bureau (已取消): never open, never overdue, holds nothing up; every report lists it once.
    CANCELLED = "已取消"

    @property
    def english(self) -> str:
        """The English label, e.g. ``"done"``."""
        return _ENGLISH[self]

    @classmethod
    def parse(cls, text: object) -> Status:
        """Read a status written in Chinese or English, as people type them in sheets.

        Args:
            text: ``"已完成"``, ``"完成"``, ``"done"``, ``"DONE"``, ``"in_progress"``, ...

        Returns:
            The status.

        Raises:
            PlanError: The text is no status (a ``ValueError``); the message lists the accepted words.
        """
        if isinstance(text, Status):
            return text
        found = _ALIASES.get(text) if isinstance(text, str) else None  # the common case: the word itself
        if found is not None:
            return found
        key = re.sub(r"[\s_\-]+", " ", str(text)).strip().lower()
        try:
            return _ALIASES[key]
        except KeyError:
            raise PlanError(key="err.status", params={"value": text, "accepted": _ACCEPTED}, field="status",
                            value=text) from None


_ENGLISH = {
    Status.NOT_STARTED: "not started",
    Status.IN_PROGRESS: "in progress",
    Status.DONE: "done",
    Status.SUSPENDED: "suspended",
    Status.CANCELLED: "cancelled",
}
_ALIASES: dict[str, Status] = {
    **{s.value: s for s in Status},
    **{s.name.lower().replace("_", " "): s for s in Status},
    **{e: s for s, e in _ENGLISH.items()},
    "未开始": Status.NOT_STARTED,
    "尚未启动": Status.NOT_STARTED,
    "未开展": Status.NOT_STARTED,
    "尚未开展": Status.NOT_STARTED,
    "todo": Status.NOT_STARTED,
    "进行中": Status.IN_PROGRESS,
    "推进": Status.IN_PROGRESS,
    "正在推进": Status.IN_PROGRESS,
    "正在办理": Status.IN_PROGRESS,
    "in-progress": Status.IN_PROGRESS,
    "started": Status.IN_PROGRESS,
    "完成": Status.DONE,
    "已办结": Status.DONE,
    "办结": Status.DONE,
    "已销号": Status.DONE,
    "completed": Status.DONE,
    "complete": Status.DONE,
    "取消": Status.CANCELLED,
    "已撤销": Status.CANCELLED,
    "撤销": Status.CANCELLED,
    "已作废": Status.CANCELLED,
    "作废": Status.CANCELLED,
    "canceled": Status.CANCELLED,
    "暂缓": Status.SUSPENDED,
    "因疫情暂缓": Status.SUSPENDED,
    "已暂停": Status.SUSPENDED,
    "暂停": Status.SUSPENDED,
    "paused": Status.SUSPENDED,
    "on hold": Status.SUSPENDED,
}

_ACCEPTED = "、".join(s.value for s in Status) + " / " + ", ".join(_ENGLISH.values())
_DIGITS = re.compile(r"(\d+)")


def id_sort_key(task_id: str) -> tuple[Any, ...]:
    """Sort key for task ids that orders the numbers in them by value.

    >>> sorted(["T10", "T9", "T100"], key=id_sort_key)
    ['T9', 'T10', 'T100']
    """
    parts: list[Any] = _DIGITS.split(task_id)
    try:
        parts[1::2] = map(int, parts[1::2])
    except ValueError:  # a run of digits past Python's limit for int(): order it without converting
        parts[1::2] = map(_number, parts[1::2])
    return tuple(parts)


def _number(digits: str) -> int | _LongNumber:
    significant = digits.lstrip("0")
    return int(significant or "0") if len(significant) <= 4000 else _LongNumber(significant)


@functools.total_ordering
class _LongNumber:
    """A number too long for ``int()`` in an id: above every int, ordered by length, then digits."""

    __slots__ = ("digits",)

    def __init__(self, digits: str) -> None:
        self.digits = digits

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _LongNumber) and self.digits == other.digits

    def __lt__(self, other: object) -> bool:
        if isinstance(other, _LongNumber):
            return (len(self.digits), self.digits) < (len(other.digits), other.digits)
        return False

    def __hash__(self) -> int:
        return hash(self.digits)


def _nonempty_text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value.__class__ is str and value:  # converters have stripped it: the common case, checked fast
        return
    if not isinstance(value, str) or not value.strip():
        owner = getattr(instance, "id", None) or getattr(instance, "task_id", None)
        raise PlanError(key="err.empty_text", params={"value": value},
                        task_id=owner if isinstance(owner, str) and owner.strip() else None,
                        field=attribute.name, value=value)


def _strip(value: object) -> object:
    return value.strip() if isinstance(value, str) else value


def _is_date(value: object) -> bool:
    return value.__class__ is dt.date or (isinstance(value, dt.date) and not isinstance(value, dt.datetime))


#: The first and last days a plan, an update or a report may name: 1900 to 9998, so that a week, a month or a year
#: can be added to or taken from any of them (0001-01-01 and 9999-12-31 made date arithmetic overflow).
FIRST_DAY, LAST_DAY = dt.date(1900, 1, 1), dt.date(9998, 12, 31)


def check_day(value: dt.date, field: str, task_id: str | None = None) -> None:
    """Refuse a day outside :data:`FIRST_DAY` … :data:`LAST_DAY`, naming the field.

    Raises:
        PlanError: The day is out of that range.
    """
    if not FIRST_DAY <= value <= LAST_DAY:
        raise PlanError(key="err.date_range", params={"value": value, "first": FIRST_DAY, "last": LAST_DAY},
                        task_id=task_id, field=field, value=value)


def _date_or_none(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None or (value.__class__ is dt.date and FIRST_DAY <= value <= LAST_DAY):
        return
    owner = getattr(instance, "id", None)
    if not _is_date(value):
        raise PlanError(key="err.not_date_value", params={"value": value},
                        task_id=owner if isinstance(owner, str) else None,
                        field=attribute.name, value=value)
    check_day(value, attribute.name, owner if isinstance(owner, str) else None)  # type: ignore[arg-type]


def _text_tuple(value: object) -> tuple[str, ...]:
    """Accept one id or any iterable of ids; strip, drop blanks and duplicates, keep order."""
    if not value:
        return ()
    items: Iterable[object] = (value,) if isinstance(value, str | int) else value  # type: ignore[assignment]
    texts = [item.strip() if item.__class__ is str else str(item).strip() for item in items]
    return tuple(dict.fromkeys([sys.intern(text) for text in texts if text]))


def _stripped(value: object) -> str:
    return str(value).strip()


def _name(value: object) -> object:
    """Ids and division names recur across a plan and its history: one shared string each."""
    return sys.intern(value.strip()) if isinstance(value, str) else value


def _interned_key(value: object) -> str:
    return sys.intern(value.strip() if value.__class__ is str else str(value).strip())


def _text_or_empty(value: object) -> str:
    return "" if value is None else str(value).strip()


def _optional_text(value: object) -> str | None:
    if value is None:
        return None
    return (value.strip() if value.__class__ is str else str(value).strip()) or None


def _optional_name(value: object) -> str | None:
    text = _optional_text(value)
    return sys.intern(text) if text else None


def _stage_ref(value: object) -> int | str:
    if value.__class__ is int:
        return value
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return value
    text = str(value).strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) < 10 else text


@attrs.frozen
class Division:
    """A division (处室 / 责任单位) that leads or supports tasks.

    Args:
        name: The division's name, e.g. ``"政策法规处"``.
        head: Its head (处室负责人), named in notices, if known.

    >>> Division("政策法规处")
    Division(name='政策法规处', head=None)
    """

    name: str = attrs.field(converter=_strip, validator=_nonempty_text)
    head: str | None = attrs.field(default=None, converter=_optional_text, kw_only=True)

    def __str__(self) -> str:
        return self.name


@attrs.frozen(order=True)
class Stage:
    """An ordered campaign phase (阶段) with its date window, both ends inclusive.

    >>> Stage(1, "部署启动", dt.date(2020, 9, 1), dt.date(2020, 10, 31)).name
    '部署启动'
    """

    number: int = attrs.field()
    name: str = attrs.field(converter=_strip, validator=_nonempty_text)
    start: dt.date = attrs.field()
    end: dt.date = attrs.field()

    @number.validator
    def _check_number(self, attribute: attrs.Attribute[int], value: object) -> None:
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise PlanError(key="err.stage_number", params={"value": value}, field="stages.number", value=value)

    @start.validator
    def _check_start(self, attribute: attrs.Attribute[dt.date], value: object) -> None:
        if not _is_date(value):
            raise PlanError(key="err.not_date_value", params={"value": value}, field=f"stages[{self.number}].start",
                            value=value)
        check_day(value, f"stages[{self.number}].start")  # type: ignore[arg-type]

    @end.validator
    def _check_end(self, attribute: attrs.Attribute[dt.date], value: object) -> None:
        if not _is_date(value):
            raise PlanError(key="err.not_date_value", params={"value": value}, field=f"stages[{self.number}].end",
                            value=value)
        check_day(value, f"stages[{self.number}].end")  # type: ignore[arg-type]
        if value < self.start:  # type: ignore[operator]
            raise PlanError(key="err.stage_end", params={"end": value, "start": self.start},
                            field=f"stages[{self.number}].end", value=value)

    def __contains__(self, day: object) -> bool:
        return _is_date(day) and self.start <= day <= self.end  # type: ignore[operator]


@attrs.frozen
class Indicator:
    """A demonstration-indicator item (指标) a plan's tasks serve, e.g. ``4.2.3``.

    >>> Indicator("4.2.3", "行政执法案卷评查").number
    '4.2.3'
    """

    number: str = attrs.field(converter=_stripped, validator=_nonempty_text)
    title: str = attrs.field(default="", converter=_text_or_empty)


@attrs.frozen
class Task:
    """One unit of work (任务) of the plan.

    Args:
        id: The task id, e.g. ``"T012"``.
        title: One line, as in the bureau's own list.
        division: The lead division (牵头处室).
        stage: The stage number (or name; a :class:`Plan` resolves names to numbers).
        deadline: Due date, inclusive; ``None`` for ongoing work (长期坚持), never overdue.
        prerequisites: Ids of tasks that must be finished first.
        supporting: Supporting divisions (配合处室).
        indicator: The indicator number the task serves.
        deliverable: The evidence to hand in (佐证材料).
        effort: Working days of work, for the deadline feasibility pass.
        note: Free text (备注).
        co_leads: Further lead divisions of a jointly led task (the first-named lead is ``division``).
        original_deadline: The deadline before an adjustment, when an adjusted deadline replaced it.
        owner: The person responsible (责任人), if named.

    >>> t = Task("T001", "制定示范创建实施方案", "政策法规处", 1, dt.date(2020, 9, 30))
    >>> t.prerequisites, t.deadline
    ((), datetime.date(2020, 9, 30))
    """

    id: str = attrs.field(converter=_interned_key, validator=_nonempty_text)
    title: str = attrs.field(converter=_strip, validator=_nonempty_text)
    division: str = attrs.field(converter=_name, validator=_nonempty_text)
    stage: int | str = attrs.field(converter=_stage_ref)
    deadline: dt.date | None = attrs.field(validator=_date_or_none)
    prerequisites: tuple[str, ...] = attrs.field(default=(), converter=_text_tuple)
    supporting: tuple[str, ...] = attrs.field(default=(), converter=_text_tuple)
    indicator: str | None = attrs.field(default=None, converter=_optional_name)
    deliverable: str | None = attrs.field(default=None, converter=_optional_text)
    effort: int | None = attrs.field(default=None)
    note: str | None = attrs.field(default=None, converter=_optional_text)
    co_leads: tuple[str, ...] = attrs.field(default=(), converter=_text_tuple, kw_only=True)
    original_deadline: dt.date | None = attrs.field(default=None, validator=_date_or_none, kw_only=True)
    owner: str | None = attrs.field(default=None, converter=_optional_text, kw_only=True)

    @property
    def leads(self) -> tuple[str, ...]:
        """Every lead division: ``division`` first, then ``co_leads``."""
        return (self.division, *self.co_leads) if self.co_leads else (self.division,)

    @co_leads.validator
    def _check_co_leads(self, attribute: attrs.Attribute[tuple[str, ...]], value: tuple[str, ...]) -> None:
        if not value:
            return
        if self.division in value:
            raise PlanError(key="err.already_lead", params={"name": self.division}, task_id=self.id,
                            field="co_leads", value=self.division)
        both = set(value) & set(self.supporting)
        if both:
            name = sorted(both)[0]
            raise PlanError(key="err.already_lead", params={"name": name}, task_id=self.id, field="supporting",
                            value=name)

    @prerequisites.validator
    def _check_prerequisites(self, attribute: attrs.Attribute[tuple[str, ...]], value: tuple[str, ...]) -> None:
        if self.id in value:
            raise PlanError(key="err.self_dependency", params={"id": self.id}, task_id=self.id,
                            field="prerequisites", value=self.id)

    @supporting.validator
    def _check_supporting(self, attribute: attrs.Attribute[tuple[str, ...]], value: tuple[str, ...]) -> None:
        if self.division in value:
            raise PlanError(key="err.already_lead", params={"name": self.division}, task_id=self.id,
                            field="supporting", value=self.division)

    @effort.validator
    def _check_effort(self, attribute: attrs.Attribute[int | None], value: object) -> None:
        if value is None:
            return
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise PlanError(key="err.effort", params={"value": value}, task_id=self.id, field="effort", value=value)

    @stage.validator
    def _check_stage(self, attribute: attrs.Attribute[int | str], value: int | str) -> None:
        if (isinstance(value, int) and value < 1) or value == "":
            raise PlanError(key="err.stage_ref", params={"value": value}, task_id=self.id, field="stage", value=value)


def _percent(value: object) -> int | None:
    """Percent as given: a whole number (``80``, ``80.0``, ``"80%"``); anything else is left for the
    validator to refuse, so 99.5 never becomes 100 and −0.4 never becomes 0."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        text = value.strip().rstrip("%％").strip()
        try:
            number = float(text)
        except ValueError:
            return value  # type: ignore[return-value]  # the validator names it
        value = int(number) if number.is_integer() and len(text) < 20 else value
    elif isinstance(value, float) and value.is_integer():
        value = int(value)
    return value  # type: ignore[return-value]


def _status(value: object) -> Status:
    if value.__class__ is Status:
        return value
    try:
        return Status.parse(value)
    except ValueError:
        raise PlanError(key="err.status", params={"value": value, "accepted": _ACCEPTED}, field="status",
                        value=value) from None


@attrs.frozen
class Update:
    """A dated progress report (进展报送) for one task.

    Args:
        task_id: The task reported on.
        status: Its status on that day (a :class:`Status` or its Chinese/English word).
        on: The day the update speaks for.
        percent: Percent complete, 0–100, if given.
        note: What was done (进展情况).
        by: Who reported it (报送人).

    >>> Update("T001", "已完成", dt.date(2020, 9, 25), percent=100).status
    <Status.DONE: '已完成'>
    """

    task_id: str = attrs.field(converter=_interned_key, validator=_nonempty_text)
    status: Status = attrs.field(converter=_status)
    on: dt.date = attrs.field()
    percent: int | None = attrs.field(default=None, converter=_percent)
    note: str = attrs.field(default="", converter=_text_or_empty)
    by: str = attrs.field(default="", converter=_text_or_empty)

    @on.validator
    def _check_on(self, attribute: attrs.Attribute[dt.date], value: object) -> None:
        if not _is_date(value):
            raise PlanError(key="err.not_date_value", params={"value": value}, task_id=self.task_id, field="on",
                            value=value)
        check_day(value, "on", self.task_id)  # type: ignore[arg-type]

    @percent.validator
    def _check_percent(self, attribute: attrs.Attribute[int | None], value: object) -> None:
        if value is None:
            return
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 100:
            shown = repr(value) if len(repr(value)) <= 60 else repr(value)[:60] + "…"
            raise PlanError(key="err.percent", params={"value": shown}, task_id=self.task_id, field="percent",
                            value=value)
