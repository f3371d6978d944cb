"""What the dependency graph tells: the phased completion order, plan findings, the critical path.

Every analysis is one pass over the plan's topological order (computed once when the
plan was built), never a graph search per task.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from typing import Any

import attrs

from fazhi_tasks.core.i18n import Lang, text
from fazhi_tasks.core.sequence import RecordSequence
from fazhi_tasks.model.calendar import CalendarFallback, WorkCalendar
from fazhi_tasks.model.plan import Plan
from fazhi_tasks.model.values import Stage, Task, id_sort_key

__all__ = ["CriticalPath", "Finding", "FindingKind", "Findings", "PathStep", "Phase", "check_plan", "critical_path",
           "latest_finish", "phased_order"]

_FAR = dt.date.max


@attrs.frozen
class Phase:
    """One wave of one stage in the phased completion order.

    Attributes:
        stage: The stage.
        wave: 1 for tasks with no prerequisite in the stage, else one more than the latest such prerequisite.
        tasks: The wave's tasks, by (deadline, id); ongoing tasks (no deadline) last.
    """

    stage: Stage
    wave: int
    tasks: tuple[Task, ...]


def phased_order(plan: Plan) -> list[Phase]:
    """The order to complete the plan in: stages in order, waves inside each stage.

    The waves of a stage are the topological generations of that stage's tasks, so
    every prerequisite comes before its dependents.

    >>> import fazhi_tasks as ft
    >>> phases = phased_order(ft.sample_plan())
    >>> [(p.stage.number, p.wave, len(p.tasks)) for p in phases][:3]
    [(1, 1, 1), (1, 2, 3), (1, 3, 5)]
    """
    wave: dict[str, int] = {}
    stage_of: dict[str, int | str] = {}
    groups: dict[tuple[int, int], list[Task]] = {}
    for task in plan.tasks_in_topological_order:
        stage = stage_of[task.id] = task.stage
        level = 1
        for p in task.prerequisites:
            if stage_of[p] == stage and wave[p] >= level:
                level = wave[p] + 1
        wave[task.id] = level
        group = groups.get((stage, level))  # type: ignore[arg-type]
        if group is None:
            group = groups[stage, level] = []  # type: ignore[index]
        group.append(task)
    stages = {s.number: s for s in plan.stages}
    rank = plan.rank
    return [Phase(stages[number], level, tuple(sorted(groups[number, level],
                                                      key=lambda t: (t.deadline or _FAR, rank[t.id]))))
            for number, level in sorted(groups)]


class FindingKind(enum.StrEnum):
    """What :func:`check_plan` found."""

    DUE_BEFORE_PREREQUISITE = "due_before_prerequisite"
    OUTSIDE_STAGE = "outside_stage"
    LATEST_FINISH_BEFORE_DEADLINE = "latest_finish_before_deadline"


@attrs.frozen(order=True)
class Finding:
    """A problem in the plan itself (not in progress). Sorts by task, then kind.

    It holds the facts; :meth:`describe` writes them as one line in Chinese or English
    (``str(finding)`` and ``message`` give the Chinese).

    Attributes:
        task_ids: The task the finding is about first, then the other task involved, if any.
        kind: What was found.
        latest_finish: For the backward pass, the latest day the task may finish.
        deadline: The task's deadline.
        other_deadline: The other task's deadline, if another task is involved.
        stage: The task's stage, for a deadline outside it.
        effort: The other task's effort in working days, for the backward pass.
    """

    task_ids: tuple[str, ...] = attrs.field(order=lambda ids: tuple(id_sort_key(i) for i in ids))
    kind: FindingKind
    latest_finish: dt.date | None = attrs.field(default=None, order=False)
    deadline: dt.date | None = attrs.field(default=None, order=False)
    other_deadline: dt.date | None = attrs.field(default=None, order=False)
    stage: Stage | None = attrs.field(default=None, order=False)
    effort: int | None = attrs.field(default=None, order=False)

    @property
    def task_id(self) -> str:
        """The task the finding is about."""
        return self.task_ids[0]

    def describe(self, lang: Lang = "zh") -> str:
        """The finding as one line in ``lang``."""
        other = self.task_ids[1] if len(self.task_ids) > 1 else ""
        common = {"id": self.task_id, "deadline": self.deadline, "other": other,
                  "other_deadline": self.other_deadline}
        if self.kind is FindingKind.OUTSIDE_STAGE and self.stage is not None:
            s = self.stage
            return text("finding.outside_stage", lang, **common, stage=s.number, stage_name=s.name, start=s.start,
                        end=s.end)
        if self.kind is FindingKind.DUE_BEFORE_PREREQUISITE:
            return text("finding.due_before_prerequisite", lang, **common)
        key = "finding.latest_finish" if self.other_deadline is not None else "finding.latest_finish_open"
        return text(key, lang, **common, latest=self.latest_finish, effort=self.effort or 0)

    @property
    def message(self) -> str:
        """The finding as one line in Chinese."""
        return self.describe("zh")

    def __str__(self) -> str:
        return self.message


def latest_finish(plan: Plan, *, calendar: WorkCalendar | None = None) -> dict[str, tuple[dt.date, str | None]]:
    """The backward pass: the latest day each task may finish so every dependent can still meet its deadline.

    A dependent with an effort of *n* working days must have its prerequisites done *n*
    working days before its own latest finish. Tasks with no deadline and no dependents
    with one are left out.

    Returns:
        Task id → (latest finish, the dependent that forces it or ``None`` when it is the task's own deadline).
    """
    cal = calendar or WorkCalendar.for_plan(plan)
    tasks, dependents_of = plan.by_id, plan.dependents_of
    result: dict[str, tuple[dt.date, str | None]] = {}
    number: dict[str, int] = {}  # latest finish as a working-day number, for the arithmetic
    for task_id in reversed(plan.topological_order):
        task = tasks[task_id]
        best: int | None = None
        forced_by: str | None = None
        if task.deadline is not None:
            best = cal.workday_number(task.deadline)
        for s in dependents_of(task_id):
            if s not in number:
                continue
            limit = number[s] - (tasks[s].effort or 0)
            if best is None or limit < best:
                best, forced_by = limit, s
        if best is not None:
            number[task_id] = best
            day = cal.from_workday_number(best)
            if forced_by is None and task.deadline is not None and task.deadline < day:
                day = task.deadline  # a deadline on a holiday: keep the date the plan gave
            result[task_id] = (day, forced_by)
    return result


class Findings(list[Finding]):
    """The plan check's findings, sorted by task: a list that also keeps the plan it is of.

    Attributes:
        plan: The plan checked.
        calendar_fallback: Set when working days were counted Monday to Friday past the official holiday data.
    """

    def __init__(self, findings: Iterable[Finding] = (), *, plan: Plan | None = None,
                 calendar_fallback: CalendarFallback | None = None) -> None:
        super().__init__(findings)
        self.plan = plan
        self.calendar_fallback = calendar_fallback

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        """Plain JSON data: ``{"schema_version": 1, "kind": "check", "findings": [...]}``."""
        import fazhi_tasks

        return fazhi_tasks.to_dict(self, lang=lang)


def check_plan(plan: Plan, *, calendar: WorkCalendar | None = None) -> Findings:
    """Problems in the plan's dates, sorted by task (a :class:`Findings` list).

    Finds: a task due before one of its prerequisites; a deadline outside its stage's
    window; and, when the plan gives efforts, a task whose latest finish (backward pass
    in working days) falls before its own deadline, with the dependent that forces it.

    >>> import fazhi_tasks as ft
    >>> s = ft.Stage(1, "部署启动", dt.date(2021, 3, 1), dt.date(2021, 3, 31))
    >>> a = ft.Task("A", "制定方案", "政策法规处", 1, dt.date(2021, 3, 20))
    >>> b = ft.Task("B", "印发方案", "政策法规处", 1, dt.date(2021, 3, 22), prerequisites=["A"], effort=5)
    >>> for f in check_plan(ft.Plan(name="p", stages=[s], divisions=[], tasks=[a, b])):
    ...     print(f.describe("en"))
    ...     print(f)
    A: must finish by 2021-03-15 so that B (5 working days) can meet its deadline 2021-03-22, but is due 2021-03-20
    A：须在2021年3月15日前完成，B（5个工作日）才能在2021年3月22日前完成，但其完成时限为2021年3月20日
    """
    cal = (calendar or WorkCalendar.for_plan(plan)).copy()
    findings: list[Finding] = []
    tasks = plan.by_id
    stages = {s.number: s for s in plan.stages}
    for task in plan:
        stage = stages[task.stage]  # type: ignore[index]
        if task.deadline is not None and task.deadline not in stage:
            findings.append(Finding((task.id,), FindingKind.OUTSIDE_STAGE, deadline=task.deadline, stage=stage))
        for p in task.prerequisites:
            pre = tasks[p]
            if task.deadline is not None and pre.deadline is not None and task.deadline < pre.deadline:
                findings.append(Finding((task.id, p), FindingKind.DUE_BEFORE_PREREQUISITE, deadline=task.deadline,
                                        other_deadline=pre.deadline))
    if any(t.effort for t in plan):
        for task_id, (day, forced_by) in latest_finish(plan, calendar=cal).items():
            task = tasks[task_id]
            if forced_by is None or task.deadline is None or day >= task.deadline:
                continue
            dep = tasks[forced_by]
            if not dep.effort and dep.deadline is not None and dep.deadline < task.deadline:
                continue  # the same fact as a due-before-prerequisite finding
            findings.append(Finding((task_id, forced_by), FindingKind.LATEST_FINISH_BEFORE_DEADLINE,
                                    latest_finish=day, deadline=task.deadline, other_deadline=dep.deadline,
                                    effort=dep.effort))
    findings.sort()
    return Findings(findings, plan=plan, calendar_fallback=cal.fallback())


@attrs.frozen
class PathStep:
    """One task on the critical path.

    Attributes:
        task: The task.
        slack: Working days between its earliest and its latest finish (negative: cannot be met).
        earliest_finish: Its earliest finish, from the first stage's start and the efforts.
        latest_finish: Its latest finish, from the deadlines and the efforts (backward pass).
    """

    task: Task
    slack: int
    earliest_finish: dt.date
    latest_finish: dt.date

    @property
    def task_id(self) -> str:
        """The task's id."""
        return self.task.id


@attrs.frozen
class CriticalPath(RecordSequence[PathStep]):
    """The chain of tasks with the least slack, first task first.

    Attributes:
        items: The tasks on the chain, each with its slack and finish dates (also ``steps``).
    """

    items: tuple[PathStep, ...]

    @property
    def steps(self) -> tuple[PathStep, ...]:
        """The tasks on the chain."""
        return self.items

    @property
    def slack(self) -> int | None:
        """The chain's least slack in working days, or ``None`` for an empty chain."""
        return min((s.slack for s in self.steps), default=None)

    @property
    def task_ids(self) -> tuple[str, ...]:
        """The ids along the chain."""
        return tuple(s.task.id for s in self.steps)



def critical_path(plan: Plan, *, calendar: WorkCalendar | None = None) -> CriticalPath:
    """The chain that decides the campaign's end: the tasks with the least slack.

    Earliest finishes run forward from the first stage's start through the efforts
    (a task with no effort takes none); latest finishes run backward from the deadlines.
    The chain runs through the task of least slack (of those, the latest to finish),
    back along the prerequisites of least slack to a task with none, and on along the
    dependents of least slack to a task nothing depends on.

    >>> import fazhi_tasks as ft
    >>> path = critical_path(ft.sample_plan())
    >>> path.task_ids[0], path.slack is not None
    ('T001', True)
    """
    if not len(plan):
        return CriticalPath(())
    cal = calendar or WorkCalendar.for_plan(plan)
    tasks = plan.by_id
    late = latest_finish(plan, calendar=cal)
    start = cal.workday_number(plan.stages[0].start) - (1 if cal.is_workday(plan.stages[0].start) else 0)
    early: dict[str, int] = {}
    for task_id in plan.topological_order:
        task = tasks[task_id]
        begin = max((early[p] for p in task.prerequisites), default=start)
        early[task_id] = begin + (task.effort or 0)
    slack = {t: cal.workday_number(late[t][0]) - early[t] for t in late}
    if not slack:
        return CriticalPath(())
    least = min(slack.values())
    tightest = min((t for t, s in slack.items() if s == least), key=lambda t: (-early[t], id_sort_key(t)))
    chain = [tightest]
    while True:  # back to a task with no prerequisite
        candidates = [p for p in tasks[chain[-1]].prerequisites if p in slack]
        if not candidates:
            break
        chain.append(min(candidates, key=lambda p: (slack[p], -early[p], id_sort_key(p))))
    chain.reverse()
    while True:  # on to a task nothing depends on
        following = [s for s in plan.dependents_of(chain[-1]) if s in slack]
        if not following:
            break
        chain.append(min(following, key=lambda s: (slack[s], early[s], id_sort_key(s))))
    steps = tuple(PathStep(tasks[t], slack[t], cal.from_workday_number(max(early[t], 1)), late[t][0])
                  for t in chain)
    return CriticalPath(steps)
