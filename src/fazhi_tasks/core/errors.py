"""The package's exceptions: one root, one subclass per kind of problem.

Every subclass also inherits the matching built-in exception, so code that only
knows ``ValueError`` or ``LookupError`` still catches it. The parts of each
message (file, row, column, value, task id, ...) are kept as attributes so other
tools can show them their own way.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple, Self

if TYPE_CHECKING:
    from fazhi_tasks.core.i18n import Lang


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

    @classmethod
    def of(cls, key: str, /, **params: object) -> Self:
        """The entry ``key`` of the language table in both languages, its ``{names}`` filled from ``params``.

        A parameter that is itself a :class:`Said` is shown in each language.

        >>> Said.of("at.row", line=2)
        Said(zh='第2行', en='row 2')
        """
        from fazhi_tasks.core.i18n import text

        zh = {k: v.zh if isinstance(v, Said) else v for k, v in params.items()}
        en = {k: v.en if isinstance(v, Said) else v for k, v in params.items()}
        return cls(text(key, "zh", **zh), text(key, "en", **en))


class TooLarge(Said):
    """A message saying an input is over one of the package's size limits (the error's ``status`` is 413)."""

    __slots__ = ()


class NotFound(Said):
    """A message saying a file the caller named does not exist (the error's ``status`` is 404)."""

    __slots__ = ()


#: The messages that decide an error's code and status themselves.
_MARKED: dict[type, tuple[str, int]] = {TooLarge: ("file.too_large", 413), NotFound: ("file.not_found", 404)}


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
        code: A stable dotted English key naming the kind of problem (``"plan.cycle"``, ``"file.too_large"``),
            for programs: the messages may be reworded, the codes are not.
        status: The HTTP status a web host should answer with (400 bad input, 404 no such file, 413 over a
            size limit, 403 refused, 503 locked, 500 a damaged ledger …).

    >>> err = ArgumentError(key="err.at_least", params={"least": 0}, option="--time-limit", value="-1")
    >>> str(err)
    '选项 --time-limit，值 -1：应为不小于0的整数'
    >>> err.describe("en")
    'option --time-limit, value -1: must be a whole number ≥ 0'
    >>> err.code, err.status
    ('argument.at_least', 400)
    """

    #: The code of this kind of error when the raiser gives none more precise.
    default_code: ClassVar[str] = "error"
    #: The HTTP status of this kind of error.
    default_status: ClassVar[int] = 400

    def __init__(self, message: str | Said = "", *, reason: str | Said | None = None, key: str | None = None,
                 params: Mapping[str, object] | None = None, path: str | None = None, sheet: str | None = None,
                 line: int | None = None, column: str | None = None, task_id: str | None = None,
                 field: str | None = None, option: str | None = None, value: object = None,
                 code: str | None = None, status: int | None = None) -> None:
        marked = _MARKED.get(type(message)) or _MARKED.get(type(reason))
        self.code = code or (marked[0] if marked else _code_of(type(self).default_code, key))
        self.status = status or (marked[1] if marked else type(self).default_status)
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
        from fazhi_tasks.core.i18n import text

        return text(self.key, lang, **self.params)

    def where(self, lang: Lang = "zh", *, paths: bool = False) -> str:
        """Where, as people read it: file, sheet, row, column, task, field, option (and the value).

        The file is named by its name alone unless ``paths`` asks for the path as given (a web host must not
        show its server's folders; the command line shows what the user typed).
        """
        from fazhi_tasks.core.i18n import text

        parts = []
        for name in _LOCATION:
            value = getattr(self, name)
            if value is None or name in self._shown or (name == "column" and value == self.field):
                continue
            if name == "path":
                parts.append(str(value) if paths else os.path.basename(str(value)) or str(value))
            else:
                key = "at.row" if name == "line" and self.sheet is not None else f"at.{name.removesuffix('_id')}"
                parts.append(text(key, lang, **{name.removesuffix("_id"): value}))
        if self.option is not None and self.value is not None:
            parts.append(text("at.value", lang, value=self.value))
        return ("，" if lang == "zh" else ", ").join(parts)

    def describe(self, lang: str = "zh", *, paths: bool = False) -> str:
        """The whole message in ``lang`` (``zh``, ``zh-CN``, ``en``, ``en-US`` …): where, then why.

        Files are named without their folders unless ``paths`` is true.
        """
        language = lang_of(lang)
        where, why = self.where(language, paths=paths), self.reason(language)
        if not paths and self.path is not None:
            folder = os.path.dirname(str(self.path))
            if folder:
                why = why.replace(str(self.path), os.path.basename(str(self.path)))
        if not where:
            return why
        return f"{where}{'：' if language == 'zh' else ': '}{why}"

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        """The error as JSON data for a web host: code, status, message, the place and each problem.

        >>> ArgumentError(key="err.at_least", params={"least": 0}, option="--time-limit", value="-1").to_dict()["code"]
        'argument.at_least'
        """
        language = lang_of(lang)
        problems = getattr(self, "problems", ())
        return {"code": self.code, "status": self.status, "message": self.describe(language),
                "file": os.path.basename(self.path) if self.path else None, "sheet": self.sheet, "row": self.line,
                "column": self.column, "task_id": self.task_id, "field": self.field,
                "value": None if self.value is None else str(self.value),
                "problems": [p.to_dict(language) for p in problems if isinstance(p, Problem)]}

    def __str__(self) -> str:
        return self.describe("zh")


class ArgumentError(FazhiTasksError, ValueError):
    """An argument given to a function or a command-line option is not allowed (it names which, and the value)."""

    default_code = "argument"
    default_status = 400


class PlanError(FazhiTasksError, ValueError):
    """A plan violates a rule checked when it is built.

    Attributes:
        task_id: The task the problem is about, if any.
        field: The field that holds the bad value, if any.
        value: The bad value, if any.
    """

    default_code = "plan.invalid"
    default_status = 400

    def __init__(
        self, message: str | Said = "", *, task_id: str | None = None, field: str | None = None, value: object = None,
        key: str | None = None, params: Mapping[str, object] | None = None, reason: str | Said | None = None,
    ) -> None:
        super().__init__(message, reason=reason, key=key, params=params, task_id=task_id, field=field, value=value)


class UnknownReferenceError(PlanError, LookupError):
    """A task names a prerequisite, division, stage or task id that does not exist."""

    default_code = "plan.unknown_reference"
    default_status = 400


class DependencyCycleError(PlanError):
    """The prerequisites contain a cycle.

    Attributes:
        cycle: The task ids around the cycle in order, the first repeated at the end.
    """

    default_code = "plan.cycle"
    default_status = 400

    def __init__(self, cycle: Sequence[str]) -> None:
        self.cycle = tuple(cycle)
        super().__init__(key="err.cycle", params={"cycle": " → ".join(self.cycle)}, task_id=self.cycle[0],
                         field="prerequisites")


class StageOrderError(PlanError):
    """A task depends on a task placed in a later stage.

    Attributes:
        prerequisite: The id of the task in the later stage.
    """

    default_code = "plan.stage_order"
    default_status = 400

    def __init__(self, message: str = "", *, task_id: str, prerequisite: str, key: str | None = None,
                 params: Mapping[str, object] | None = None) -> None:
        super().__init__(message, task_id=task_id, field="prerequisites", value=prerequisite, key=key, params=params)
        self.prerequisite = prerequisite


class Problem(str):
    """One bad row or cell of a file: it *is* its one-line message (Chinese), and keeps its parts.

    Attributes:
        sheet: The worksheet, if any.
        row: The row or line, 1-based, if known.
        column: The column letter (sheets) or key, if known.
        header: The column's header as written in the file, if known.
        value: The bad value as given, if any.
        code: A stable key for the kind of problem.
        en: The message in English.

    >>> p = Problem(Said("第 3 行：缺少状态", "row 3: no status"), row=3, header="状态")
    >>> p == "第 3 行：缺少状态", p.describe("en"), p.row
    (True, 'row 3: no status', 3)
    """

    sheet: str | None
    row: int | None
    column: str | None
    header: str | None
    value: object
    code: str
    en: str

    def __new__(cls, message: str | Said, *, sheet: str | None = None, row: int | None = None,
                column: str | None = None, header: str | None = None, value: object = None,
                code: str = "file.bad_value") -> Problem:
        self = super().__new__(cls, str(message))
        self.en = message.en if isinstance(message, Said) else str(message)
        self.sheet, self.row, self.column, self.header, self.value, self.code = sheet, row, column, header, value, code
        return self

    @property
    def message(self) -> str:
        """The message in Chinese."""
        return str.__str__(self)

    def describe(self, lang: str = "zh") -> str:
        """The message in ``lang``."""
        return self.en if lang_of(lang) == "en" else self.message

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        """The problem as JSON data."""
        return {"code": self.code, "sheet": self.sheet, "row": self.row, "column": self.column,
                "header": self.header, "value": None if self.value is None else str(self.value),
                "message": self.describe(lang)}


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
        problems: Every problem found, each a :class:`Problem`: a one-line message (Chinese) that keeps its
            sheet, row, column, header, value and code.
        problems_en: The same messages in English.
    """

    default_code = "file.invalid"

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
        code: str | None = None,
        status: int | None = None,
    ) -> None:
        super().__init__(message, reason=reason, key=key, params=params, path=path, line=line, column=column,
                         value=value, sheet=sheet, task_id=task_id, field=field, code=code, status=status)
        if not problems:
            problems = (Problem(Said(self.describe("zh", paths=True), self.describe("en", paths=True)), sheet=sheet,
                                row=line, column=column, value=value, code=self.code),)
        self.problems = tuple(p if isinstance(p, Problem) else Problem(p, sheet=sheet, code=self.code)
                              for p in problems)
        self.problems_en = tuple(p.en for p in self.problems)


class PlanFileError(DataFileError):
    """A plan file is malformed or holds a value that is not allowed."""

    default_code = "plan_file.invalid"
    default_status = 400


class UpdateFileError(DataFileError):
    """A progress-updates file is malformed or holds a value that is not allowed."""

    default_code = "updates_file.invalid"
    default_status = 400


class CalendarFileError(DataFileError):
    """A holiday-schedule file (``[calendar.2027]`` tables) is malformed or holds a bad day."""

    default_code = "calendar_file.invalid"
    default_status = 400


class DeadlineParseError(FazhiTasksError, ValueError):
    """A deadline text is in no form :func:`parse_deadline` reads.

    Attributes:
        text: The text received.
        why: What is wrong with it, without the text (Chinese).
        why_en: The same in English.
        needs_year: The text is a deadline form that names no year (``6月底前``): a year or a stage window places it.
    """

    default_code = "deadline.unreadable"
    default_status = 400

    def __init__(self, message: str | Said = "", *, text: str, why: str | Said | None = None,
                 needs_year: bool = False) -> None:
        super().__init__(message or Said.of("core.about", what=repr(text),
                                            why=why if isinstance(why, Said) else Said(str(why), str(why))))
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

    default_code = "calendar.beyond_data"
    default_status = 422

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


def lang_of(value: object) -> Lang:
    """The language a tag names: ``zh``, ``zh-CN``, ``zh-Hans`` → ``zh``; ``en``, ``en-US`` → ``en`` (any case).

    Anything else is an :class:`ArgumentError` naming the value, never a silent fallback.

    >>> lang_of("zh-CN"), lang_of("EN-us")
    ('zh', 'en')
    """
    from fazhi_tasks.core.i18n import language

    found = language(value)
    if found is None:
        raise ArgumentError(key="err.lang", params={"value": value}, field="lang", value=value)
    return found


def _code_of(base: str, key: str | None) -> str:
    """The code of an error raised with a table key: the class's area, then the key's name."""
    if key is None:
        return base
    area = base.split(".", 1)[0]
    return f"{area}.{key.removeprefix('err.').removeprefix(area + '_')}"


def _hint(key: str, lang: Lang, **params: object) -> str:
    from fazhi_tasks.core.i18n import text

    return text(key, lang, **params)


class LedgerError(FazhiTasksError, RuntimeError):
    """A ledger file is not a ledger, is corrupt, has a newer schema, or refused an update."""

    default_code = "ledger.error"
    default_status = 500


class UnknownTaskError(LedgerError, LookupError):
    """An update names a task id that the plan bound to the ledger does not have."""

    default_code = "ledger.unknown_task"
    default_status = 400


class LedgerCorruptError(LedgerError):
    """The ledger file is damaged (or not an SQLite file at all); restore it from a backup."""

    default_code = "ledger.corrupt"
    default_status = 500


class LedgerReadOnlyError(LedgerError, PermissionError):
    """The ledger was opened read-only (a write-protected file, or a role that may only read): reports run, writes
    are refused."""

    default_code = "ledger.read_only"
    default_status = 403


class LedgerLockedError(LedgerError):
    """Another program held the ledger locked for longer than the timeout."""

    default_code = "ledger.locked"
    default_status = 503


class LedgerFullError(LedgerError):
    """The disk (or the database's quota) is full; nothing of the write was recorded."""

    default_code = "ledger.full"
    default_status = 507


class LedgerAccessError(LedgerError, PermissionError):
    """The shared ledger refused this role: a bureau writing or reading another bureau's rows, or a missing grant."""

    default_code = "ledger.access"
    default_status = 403
