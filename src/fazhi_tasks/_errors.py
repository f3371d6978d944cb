"""The package's exceptions: one root, one subclass per kind of problem.

Every subclass also inherits the matching built-in exception, so code that only
knows ``ValueError`` or ``LookupError`` still catches it. The parts of each
message (file, row, column, value, task id, ...) are kept as attributes so other
tools can show them their own way.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from ._i18n import Lang


_LOCATION = ("path", "sheet", "line", "column", "task_id", "field", "option")


class Said(NamedTuple):
    """A message written in both languages where it is made (the file readers know the place there).

    >>> Said("第 2 行：缺少状态", "row 2: no status").en
    'row 2: no status'
    """

    zh: str
    en: str

    def __str__(self) -> str:
        return self.zh


def said(zh: str, en: str | None = None) -> Said:
    """Both languages of a message (English falls back to the Chinese when none is written)."""
    return Said(zh, zh if en is None else en)


class FazhiTasksError(Exception):
    """The root of every error fazhi_tasks raises on purpose.

    An error keeps its reason and where it happened as fields, and formats them once, in the
    language asked for (:meth:`describe`; ``str()`` gives Chinese). A reason is either a key of the
    language table with its parameters (``key``, ``params``), or a message already written
    (the first argument), shown after the location fields set by :meth:`locate`.

    Attributes:
        path: The file, if any.
        sheet: The worksheet, if any.
        line: The line (TOML, JSON, CSV) or row (sheets), 1-based, if known.
        column: The column (letter and header for sheets) or key, if known.
        task_id: The task, if any.
        field: The field of the task or record, if any.
        option: The command-line option, if any.
        value: The bad value as given, if any.

    >>> err = ArgumentError(key="err.at_least", params={"least": 0}, option="--time-limit", value="-1")
    >>> str(err)
    '选项 --time-limit，值 -1：应为不小于0的整数'
    >>> err.describe("en")
    'option --time-limit, value -1: must be a whole number ≥ 0'
    """

    def __init__(self, message: str | Said = "", *, reason: str | Said | None = None, key: str | None = None,
                 params: Mapping[str, object] | None = None, path: str | None = None, sheet: str | None = None,
                 line: int | None = None, column: str | None = None, task_id: str | None = None,
                 field: str | None = None, option: str | None = None, value: object = None) -> None:
        self._english = message.en if isinstance(message, Said) else reason.en if isinstance(reason, Said) else None
        message = str(message)
        reason = None if reason is None else str(reason)
        super().__init__(message or reason or key or "")
        self.message = message or reason or ""
        self.key = key
        self._reason = reason
        self.params = dict(params or {})
        self.path, self.sheet, self.line, self.column = path, sheet, line, column
        self.task_id, self.field, self.option, self.value = task_id, field, option, value
        # A message written by the raiser already names its own place; only context added later is shown.
        self._shown = frozenset() if key is not None or reason is not None else frozenset(
            name for name in _LOCATION if getattr(self, name) is not None)

    def locate(self, **where: object) -> None:
        """Add where the error happened (``path=``, ``line=``, ...), keeping what is already known."""
        for name, value in where.items():
            if name not in (*_LOCATION, "value"):
                message = f"unknown location field {name!r}"
                raise TypeError(message)
            if getattr(self, name) is None and value is not None:
                setattr(self, name, value)

    def reason(self, lang: Lang = "zh") -> str:
        """Why, without where."""
        if self.key is None:
            if lang == "en" and self._english is not None:
                return self._english
            return self._reason if self._reason is not None else self.message
        from ._i18n import text

        return text(self.key, lang, **self.params)

    def where(self, lang: Lang = "zh") -> str:
        """Where, as people read it: file, sheet, row, column, task, field, option (and the value)."""
        from ._i18n import text

        parts = []
        for name in _LOCATION:
            value = getattr(self, name)
            if value is None or name in self._shown or (name == "column" and value == self.field):
                continue
            if name == "path":
                parts.append(str(value))
            else:
                key = "at.row" if name == "line" and self.sheet is not None else f"at.{name.removesuffix('_id')}"
                parts.append(text(key, lang, **{name.removesuffix("_id"): value}))
        if self.option is not None and self.value is not None:
            parts.append(text("at.value", lang, value=self.value))
        return ("，" if lang == "zh" else ", ").join(parts)

    def describe(self, lang: Lang = "zh") -> str:
        """The whole message in ``lang``: where, then why."""
        where, why = self.where(lang), self.reason(lang)
        if not where:
            return why
        return f"{where}{'：' if lang == 'zh' else ': '}{why}"

    def __str__(self) -> str:
        return self.describe("zh")


class ArgumentError(FazhiTasksError, ValueError):
    """An argument given to a function or a command-line option is not allowed (it names which, and the value)."""


class PlanError(FazhiTasksError, ValueError):
    """A plan violates a rule checked when it is built.

    Attributes:
        task_id: The task the problem is about, if any.
        field: The field that holds the bad value, if any.
        value: The bad value, if any.
    """

    def __init__(
        self, message: str | Said = "", *, task_id: str | None = None, field: str | None = None, value: object = None,
        key: str | None = None, params: Mapping[str, object] | None = None, reason: str | Said | None = None,
    ) -> None:
        super().__init__(message, reason=reason, key=key, params=params, task_id=task_id, field=field, value=value)


class UnknownReferenceError(PlanError, LookupError):
    """A task names a prerequisite, division, stage or task id that does not exist."""


class DependencyCycleError(PlanError):
    """The prerequisites contain a cycle.

    Attributes:
        cycle: The task ids around the cycle in order, the first repeated at the end.
    """

    def __init__(self, cycle: Sequence[str]) -> None:
        self.cycle = tuple(cycle)
        super().__init__(key="err.cycle", params={"cycle": " → ".join(self.cycle)}, task_id=self.cycle[0],
                         field="prerequisites")


class StageOrderError(PlanError):
    """A task depends on a task placed in a later stage.

    Attributes:
        prerequisite: The id of the task in the later stage.
    """

    def __init__(self, message: str = "", *, task_id: str, prerequisite: str, key: str | None = None,
                 params: Mapping[str, object] | None = None) -> None:
        super().__init__(message, task_id=task_id, field="prerequisites", value=prerequisite, key=key, params=params)
        self.prerequisite = prerequisite


class DataFileError(FazhiTasksError, ValueError):
    """A plan or updates file cannot be read or written.

    The message names the file and, where the format gives them, the sheet,
    row or line, column and bad value. When several rows are bad, ``problems``
    holds one message per row (up to a limit) and the message lists them all;
    ``describe("en")`` gives the same in English.

    Attributes:
        path: The file.
        line: The line (TOML, JSON) or row (CSV, XLSX) number, 1-based, if known.
        column: The column header or field name, if known.
        value: The bad value, if any.
        sheet: The worksheet name for XLSX files.
        problems: Every problem found, each a one-line message (Chinese).
        problems_en: The same in English.
    """

    def __init__(
        self,
        message: str | Said = "",
        *,
        path: str | None = None,
        line: int | None = None,
        column: str | None = None,
        value: object = None,
        sheet: str | None = None,
        problems: Sequence[str | Said] = (),
        reason: str | Said | None = None,
        key: str | None = None,
        params: Mapping[str, object] | None = None,
        task_id: str | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message, reason=reason, key=key, params=params, path=path, line=line, column=column,
                         value=value, sheet=sheet, task_id=task_id, field=field)
        self.problems = tuple(str(p) for p in problems) or (str(self),)
        self.problems_en = tuple(p.en if isinstance(p, Said) else p for p in problems) or (self.describe("en"),)


class PlanFileError(DataFileError):
    """A plan file is malformed or holds a value that is not allowed."""


class UpdateFileError(DataFileError):
    """A progress-updates file is malformed or holds a value that is not allowed."""


class CalendarFileError(DataFileError):
    """A holiday-schedule file (``[calendar.2027]`` tables) is malformed or holds a bad day."""


class DeadlineParseError(FazhiTasksError, ValueError):
    """A deadline text is in no form :func:`parse_deadline` reads.

    Attributes:
        text: The text received.
        why: What is wrong with it, without the text (Chinese).
        why_en: The same in English.
        needs_year: The text is a deadline form that names no year (``6月底前``): a year or a stage window places it.
    """

    def __init__(self, message: str | Said = "", *, text: str, why: str | Said | None = None,
                 needs_year: bool = False) -> None:
        super().__init__(message or Said(f"{text!r}：{why}", f"{text!r}: {why.en if isinstance(why, Said) else why}"))
        self.text = text
        self.why = str(why) if why is not None else str(message)
        self.why_en = why.en if isinstance(why, Said) else self.why
        self.needs_year = needs_year


class CalendarCoverageError(FazhiTasksError, LookupError):
    """A date lies outside the official holiday data the calendar has.

    Attributes:
        date: The date asked about (``None`` only past the range of dates Python has).
        first: The first covered date.
        last: The last covered date.
        year: The first year whose schedule would have to be supplied (the year after the data, or the
            date's own year when it lies before the data).
    """

    def __init__(self, message: str = "", *, date: object, first: object, last: object, key: str | None = None,
                 n: int | None = None) -> None:
        first_year, last_year = getattr(first, "year", None), getattr(last, "year", None)
        before = date is not None and first is not None and type(date) is type(first) and date < first  # type: ignore[operator]
        year = getattr(date, "year", None) if before else (last_year + 1 if last_year else None)
        self.year = year if year is not None else first_year
        self._year = self.year or "YYYY"
        hint = functools.partial(_hint, "hint.beyond_library", year=self._year)
        super().__init__(message, key=key, params={"date": date, "first": first, "last": last, "n": n, "hint": hint,
                                                   "year": self._year, "date_year": getattr(date, "year", None)})
        self.date = date
        self.first = first
        self.last = last

    def hint_for_command_line(self) -> None:
        """Say how to count past the data on the command line (``--beyond weekdays``) instead of in Python."""
        self.params["hint"] = functools.partial(_hint, "hint.beyond", year=self._year)


def _hint(key: str, lang: Lang, **params: object) -> str:
    from ._i18n import text

    return text(key, lang, **params)


class LedgerError(FazhiTasksError, RuntimeError):
    """A ledger file is not a ledger, is corrupt, has a newer schema, or refused an update."""


class UnknownTaskError(LedgerError, LookupError):
    """An update names a task id that the plan bound to the ledger does not have."""


class LedgerCorruptError(LedgerError):
    """The ledger file is damaged (or not an SQLite file at all); restore it from a backup."""


class LedgerReadOnlyError(LedgerError, PermissionError):
    """The ledger was opened read-only (a write-protected file, or a role that may only read): reports run, writes
    are refused."""


class LedgerLockedError(LedgerError):
    """Another program held the ledger locked for longer than the timeout."""


class LedgerFullError(LedgerError):
    """The disk (or the database's quota) is full; nothing of the write was recorded."""


class LedgerAccessError(LedgerError, PermissionError):
    """The shared ledger refused this role: a bureau writing or reading another bureau's rows, or a missing grant."""
