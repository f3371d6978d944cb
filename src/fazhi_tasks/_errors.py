"""The package's exceptions: one root, one subclass per kind of problem.

Every subclass also inherits the matching built-in exception, so code that only
knows ``ValueError`` or ``LookupError`` still catches it. The parts of each
message (file, row, column, value, task id, ...) are kept as attributes so other
tools can show them their own way.
"""

from __future__ import annotations

from collections.abc import Sequence


class FazhiTasksError(Exception):
    """The root of every error fazhi_tasks raises on purpose."""


class PlanError(FazhiTasksError, ValueError):
    """A plan violates a rule checked when it is built.

    Attributes:
        task_id: The task the problem is about, if any.
        field: The field that holds the bad value, if any.
        value: The bad value, if any.
    """

    def __init__(
        self, message: str, *, task_id: str | None = None, field: str | None = None, value: object = None
    ) -> None:
        super().__init__(message)
        self.task_id = task_id
        self.field = field
        self.value = value


class UnknownReferenceError(PlanError, LookupError):
    """A task names a prerequisite, division, stage or task id that does not exist."""


class DependencyCycleError(PlanError):
    """The prerequisites contain a cycle.

    Attributes:
        cycle: The task ids around the cycle in order, the first repeated at the end.
    """

    def __init__(self, cycle: Sequence[str]) -> None:
        self.cycle = tuple(cycle)
        message = "dependency cycle: " + " → ".join(self.cycle)
        super().__init__(message, task_id=self.cycle[0], field="prerequisites")


class StageOrderError(PlanError):
    """A task depends on a task placed in a later stage.

    Attributes:
        prerequisite: The id of the task in the later stage.
    """

    def __init__(self, message: str, *, task_id: str, prerequisite: str) -> None:
        super().__init__(message, task_id=task_id, field="prerequisites", value=prerequisite)
        self.prerequisite = prerequisite


class DataFileError(FazhiTasksError, ValueError):
    """A plan or updates file cannot be read or written.

    The message names the file and, where the format gives them, the sheet,
    row or line, column and bad value. When several rows are bad, ``problems``
    holds one message per row (up to a limit) and the message lists them all.

    Attributes:
        path: The file.
        line: The line (TOML, JSON) or row (CSV, XLSX) number, 1-based, if known.
        column: The column header or field name, if known.
        value: The bad value, if any.
        sheet: The worksheet name for XLSX files.
        problems: Every problem found, each a one-line message.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str,
        line: int | None = None,
        column: str | None = None,
        value: object = None,
        sheet: str | None = None,
        problems: Sequence[str] = (),
    ) -> None:
        super().__init__(message)
        self.path = path
        self.line = line
        self.column = column
        self.value = value
        self.sheet = sheet
        self.problems = tuple(problems) or (message,)


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
    """

    def __init__(self, message: str, *, text: str) -> None:
        super().__init__(message)
        self.text = text


class CalendarCoverageError(FazhiTasksError, LookupError):
    """A date lies outside the official holiday data the calendar has.

    Attributes:
        date: The date asked about.
        first: The first covered date.
        last: The last covered date.
    """

    def __init__(self, message: str, *, date: object, first: object, last: object) -> None:
        super().__init__(message)
        self.date = date
        self.first = first
        self.last = last


class LedgerError(FazhiTasksError, RuntimeError):
    """A ledger file is not a ledger, is corrupt, has a newer schema, or refused an update."""


class UnknownTaskError(LedgerError, LookupError):
    """An update names a task id that the plan bound to the ledger does not have."""
