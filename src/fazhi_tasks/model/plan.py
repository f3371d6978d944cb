"""The :class:`Plan`: the whole task list, validated, in topological order, with its graph built once on demand."""

from __future__ import annotations

import datetime as dt
import difflib
import functools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import attrs

from fazhi_tasks.core.errors import DependencyCycleError, PlanError, StageOrderError, UnknownReferenceError
from fazhi_tasks.core.i18n import Lang, text
from fazhi_tasks.model.schedule import YearSchedule
from fazhi_tasks.model.values import Division, Indicator, Stage, Task, id_sort_key

if TYPE_CHECKING:  # networkx loads when a graph is first asked for: `import fazhi_tasks` stays light
    import networkx as nx

__all__ = ["Plan", "suggest"]


def suggest(value: str, choices: Iterable[str]) -> Callable[[Lang], str] | str:
    """A "did you mean" suffix, shown in the language of the message: ``""`` when nothing is close.

    >>> suggest("政策法规科", ["办公室", "政策法规处"])("zh")
    '；是否应为“政策法规处”？'
    """
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    if not close:
        return ""
    return functools.partial(text, "hint.did_you_mean", name=close[0])


def _divisions(value: Iterable[Division | str]) -> tuple[Division, ...]:
    return tuple(d if isinstance(d, Division) else Division(str(d)) for d in value)


def _indicators(value: Iterable[Indicator | tuple[str, str]] | dict[str, str] | None) -> tuple[Indicator, ...]:
    if value is None:
        return ()
    if isinstance(value, dict):
        value = list(value.items())
    return tuple(i if isinstance(i, Indicator) else Indicator(*i) for i in value)


def _stages(value: Iterable[Stage]) -> tuple[Stage, ...]:
    return tuple(sorted(value, key=lambda s: s.number))


def _tasks(value: Iterable[Task]) -> tuple[Task, ...]:
    return tuple(value)


def _name(value: object) -> str:
    return str(value).strip()


def _description(value: object) -> str:
    return "" if value is None else str(value)


def _dates(value: Iterable[dt.date] | None) -> tuple[dt.date, ...]:
    return tuple(sorted(set(value or ())))


def _years(value: Iterable[YearSchedule] | None) -> tuple[YearSchedule, ...]:
    years = tuple(sorted(value or (), key=lambda y: y.year))
    for y in years:
        if not isinstance(y, YearSchedule):
            message = f"plan calendar_years must be YearSchedule objects, got {y!r}"
            raise PlanError(message, field="calendar", value=y)
    return years


@attrs.frozen(eq=False)
class Plan:
    """The creation plan (创建方案): stages, divisions and tasks, validated when built.

    Building a plan checks every rule at once and raises the first violation as a
    :class:`~fazhi_tasks.PlanError` subclass naming the task, field and value:
    duplicate ids, unknown prerequisites, divisions and stages (with a "did you
    mean" for near misses), stage windows out of order, dependency cycles
    (:class:`~fazhi_tasks.DependencyCycleError`) and prerequisites in a later stage
    (:class:`~fazhi_tasks.StageOrderError`).

    Args:
        name: The plan's title.
        stages: The ordered campaign phases.
        divisions: The divisions; when empty, taken from the tasks in order of appearance.
        tasks: The tasks, in any order; the plan keeps them in id order.
        indicators: Optional indicator titles (a mapping number → title, or :class:`Indicator` s).
        holidays: Extra local non-working days (e.g. a provincial holiday).
        workdays: Extra local working days.
        description: Free text about the plan (its source, whether it is illustrative).
        calendar_years: Official holiday schedules (:class:`~fazhi_tasks.YearSchedule`) for years the
            ``chinese-calendar`` data does not have yet; :meth:`WorkCalendar.for_plan` uses them.

    >>> s = Stage(1, "部署启动", dt.date(2020, 9, 1), dt.date(2020, 10, 31))
    >>> a = Task("T1", "制定实施方案", "政策法规处", 1, dt.date(2020, 9, 30))
    >>> b = Task("T2", "召开动员部署会", "办公室", 1, dt.date(2020, 10, 15), prerequisites=["T1"])
    >>> plan = Plan(name="示例", stages=[s], divisions=["政策法规处", "办公室"], tasks=[b, a])
    >>> [t.id for t in plan], plan["T2"].prerequisites, list(plan.graph.edges)
    (['T1', 'T2'], ('T1',), [('T1', 'T2')])
    """

    name: str = attrs.field(converter=_name)
    stages: tuple[Stage, ...] = attrs.field(converter=_stages)
    divisions: tuple[Division, ...] = attrs.field(converter=_divisions)
    tasks: tuple[Task, ...] = attrs.field(converter=_tasks)
    indicators: tuple[Indicator, ...] = attrs.field(default=(), converter=_indicators)
    holidays: tuple[dt.date, ...] = attrs.field(default=(), converter=_dates)
    workdays: tuple[dt.date, ...] = attrs.field(default=(), converter=_dates)
    description: str = attrs.field(default="", converter=_description)
    calendar_years: tuple[YearSchedule, ...] = attrs.field(default=(), converter=_years, kw_only=True)
    _by_id: dict[str, Task] = attrs.field(init=False, repr=False)
    _graph: nx.DiGraph[str] | None = attrs.field(init=False, repr=False, default=None)
    _dependents: dict[str, list[str]] = attrs.field(init=False, repr=False)
    _topo: tuple[str, ...] = attrs.field(init=False, repr=False)
    _rank: dict[str, int] | None = attrs.field(init=False, repr=False, default=None)
    _topo_tasks: tuple[Task, ...] | None = attrs.field(init=False, repr=False, default=None)

    def __attrs_post_init__(self) -> None:
        set_ = object.__setattr__
        for t in self.tasks:
            if not isinstance(t, Task):
                raise PlanError(key="err.not_task", params={"value": t}, field="tasks", value=t)
        if not self.divisions:
            names = dict.fromkeys(name for t in self.tasks for name in t.leads)
            for t in self.tasks:
                names.update(dict.fromkeys(t.supporting))
            set_(self, "divisions", _divisions(names))
        self._check_stages()
        self._check_divisions()
        both = set(self.holidays) & set(self.workdays)
        if both:
            message = f"field workdays: {min(both)} 既是本地节假日（holidays）又是本地工作日（workdays）"
            raise PlanError(message, field="workdays", value=min(both))
        tasks = self._resolve_tasks()
        tasks.sort(key=lambda t: id_sort_key(t.id))
        by_id: dict[str, Task] = {}
        for t in tasks:
            if t.id in by_id:
                raise PlanError(key="err.duplicate_id", params={"id": t.id}, task_id=t.id, field="id", value=t.id)
            by_id[t.id] = t
        set_(self, "tasks", tuple(tasks))
        set_(self, "_by_id", by_id)
        dependents = self._check_prerequisites()
        set_(self, "_dependents", dependents)
        set_(self, "_topo", self._topological_order())

    # -- validation -------------------------------------------------------------------------

    def _check_stages(self) -> None:
        seen: set[int] = set()
        previous: Stage | None = None
        for stage in self.stages:
            if stage.number in seen:
                raise PlanError(key="err.duplicate_stage", params={"number": stage.number}, field="stages.number",
                                value=stage.number)
            seen.add(stage.number)
            if previous is not None and (stage.start < previous.start or stage.end < previous.end):
                raise PlanError(key="err.stage_order", params={
                    "number": stage.number, "name": stage.name, "start": stage.start, "end": stage.end,
                    "prev": previous.number, "prev_name": previous.name, "prev_start": previous.start,
                    "prev_end": previous.end}, field=f"stages[{stage.number}].start", value=stage.start)
            previous = stage

    def _check_divisions(self) -> None:
        seen: set[str] = set()
        for d in self.divisions:
            if d.name in seen:
                raise PlanError(key="err.duplicate_division", params={"name": d.name}, field="divisions",
                                value=d.name)
            seen.add(d.name)

    def _resolve_tasks(self) -> list[Task]:
        """Check each task's stage and divisions; turn stage names into numbers."""
        numbers = {s.number for s in self.stages}
        by_name = {s.name: s.number for s in self.stages}
        divisions = {d.name for d in self.divisions}
        resolved: list[Task] = []
        for given in self.tasks:
            t = given
            if isinstance(t.stage, str):
                if t.stage not in by_name:
                    hint = suggest(t.stage, by_name)
                    raise UnknownReferenceError(key="err.unknown_stage", params={"value": t.stage, "hint": hint},
                                                task_id=t.id, field="stage", value=t.stage)
                t = attrs.evolve(t, stage=by_name[t.stage])
            elif t.stage not in numbers:
                known = ", ".join(str(n) for n in sorted(numbers)) or "none"
                raise UnknownReferenceError(key="err.unknown_stage_number", params={"value": t.stage, "known": known},
                                            task_id=t.id, field="stage", value=t.stage)
            for field, names in (("division", (t.division,)), ("co_leads", t.co_leads), ("supporting", t.supporting)):
                for name in names:
                    if name not in divisions:
                        hint = suggest(name, divisions)
                        raise UnknownReferenceError(key="err.unknown_division", params={"value": name, "hint": hint},
                                                    task_id=t.id, field=field, value=name)
            resolved.append(t)
        return resolved

    def _check_prerequisites(self) -> dict[str, list[str]]:
        """Every prerequisite exists and is in the same or an earlier stage; returns who depends on whom."""
        by_id = self._by_id
        dependents: dict[str, list[str]] = {}
        for t in self.tasks:
            for p in t.prerequisites:
                pre = by_id.get(p)
                if pre is None:
                    hint = suggest(p, by_id) if len(by_id) < 20_000 else ""
                    raise UnknownReferenceError(key="err.unknown_task", params={"value": p, "hint": hint},
                                                task_id=t.id, field="prerequisites", value=p)
                if pre.stage > t.stage and not self._in_cycle(t.id, p):  # type: ignore[operator]
                    raise StageOrderError(task_id=t.id, prerequisite=p, key="err.later_stage",
                                          params={"id": t.id, "stage": t.stage, "other": p, "other_stage": pre.stage})
                following = dependents.get(p)
                if following is None:
                    dependents[p] = [t.id]
                else:
                    following.append(t.id)
        return dependents

    def _in_cycle(self, task_id: str, prerequisite: str) -> bool:
        """Whether the prerequisite also depends, through others, on the task (a cycle, reported as one)."""
        seen, stack = {prerequisite}, [prerequisite]
        while stack:
            for p in self._by_id[stack.pop()].prerequisites:
                if p == task_id:
                    return True
                if p not in seen and p in self._by_id:
                    seen.add(p)
                    stack.append(p)
        return False

    def _topological_order(self) -> tuple[str, ...]:
        """Kahn's algorithm over the prerequisites (prerequisites first, ties in id order); a cycle is named."""
        remaining = {t.id: len(t.prerequisites) for t in self.tasks}
        order = [task_id for task_id, count in remaining.items() if count == 0]
        dependents = self._dependents
        for task_id in order:  # the list grows while it is walked
            for d in dependents.get(task_id, ()):
                count = remaining[d] - 1
                remaining[d] = count
                if count == 0:
                    order.append(d)
        if len(order) < len(remaining):
            import networkx as nx

            done = set(order)
            stuck: nx.DiGraph[str] = nx.DiGraph(
                (p, t.id) for t in self.tasks if t.id not in done for p in t.prerequisites if p not in done)
            edges = nx.find_cycle(stuck)
            raise DependencyCycleError([u for u, _ in edges] + [edges[0][0]])
        return tuple(order)

    # -- access -----------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.tasks)

    def __iter__(self) -> Iterator[Task]:
        return iter(self.tasks)

    def __getitem__(self, task_id: str) -> Task:
        try:
            return self._by_id[task_id]
        except KeyError:
            hint = suggest(task_id, self._by_id) if len(self._by_id) < 20_000 else ""
            raise UnknownReferenceError(key="err.not_in_plan", params={"value": task_id, "plan": self.name,
                                                                       "hint": hint},
                                        value=task_id) from None

    def __contains__(self, task_id: object) -> bool:
        return task_id in self._by_id

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Plan):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash((self.name, len(self.tasks)))

    def _key(self) -> tuple[Any, ...]:
        return (self.name, self.stages, self.divisions, self.tasks, self.indicators,
                self.holidays, self.workdays, self.description, self.calendar_years)

    @property
    def by_id(self) -> Mapping[str, Task]:
        """The tasks by id (a read-only view)."""
        return MappingProxyType(self._by_id)

    @property
    def graph(self) -> nx.DiGraph[str]:
        """The dependency graph, prerequisite → dependent, one node per task id; frozen (read-only).

        Built on first use and kept: the library's own analyses walk the prerequisites and the
        topological order instead, so a plan that is only analysed never pays for it.
        """
        if self._graph is None:
            import networkx as nx

            graph: nx.DiGraph[str] = nx.DiGraph()
            graph.add_nodes_from(self._by_id)
            graph.add_edges_from((p, t.id) for t in self.tasks for p in t.prerequisites)
            object.__setattr__(self, "_graph", nx.freeze(graph))
        return self._graph  # type: ignore[return-value]

    def dependents_of(self, task_id: str) -> tuple[str, ...]:
        """The tasks that list ``task_id`` as a prerequisite, in id order."""
        return tuple(self._dependents.get(task_id, ()))

    @property
    def rank(self) -> Mapping[str, int]:
        """Each task id's position in id order (``T9`` before ``T10``), for sorting ids cheaply."""
        if self._rank is None:
            object.__setattr__(self, "_rank", {t.id: i for i, t in enumerate(self.tasks)})
        return self._rank  # type: ignore[return-value]

    @property
    def topological_order(self) -> tuple[str, ...]:
        """Task ids with every prerequisite before its dependents (computed once, when the plan was built)."""
        return self._topo

    @property
    def tasks_in_topological_order(self) -> tuple[Task, ...]:
        """The tasks with every prerequisite before its dependents (built on first use, then kept)."""
        if self._topo_tasks is None:
            by_id = self._by_id
            object.__setattr__(self, "_topo_tasks", tuple(by_id[i] for i in self._topo))
        return self._topo_tasks  # type: ignore[return-value]

    def stage(self, number: int) -> Stage:
        """The stage with this number.

        Raises:
            UnknownReferenceError: No such stage.
        """
        for s in self.stages:
            if s.number == number:
                return s
        raise UnknownReferenceError(key="err.no_stage", params={"plan": self.name, "value": number}, field="stage",
                                    value=number)

    def stage_of(self, task: Task) -> Stage:
        """The stage a task is placed in."""
        return self.stage(task.stage)  # type: ignore[arg-type]

    def indicator_title(self, number: str) -> str:
        """The plan's title for an indicator number, or ``""``."""
        for i in self.indicators:
            if i.number == number:
                return i.title
        return ""

    def replace(self, *, tasks: Sequence[Task] | None = None, name: str | None = None) -> Plan:
        """A new plan with other tasks or another name, everything else kept (and validated again)."""
        return Plan(name=self.name if name is None else name, stages=self.stages, divisions=self.divisions,
                    tasks=self.tasks if tasks is None else tasks, indicators=self.indicators,
                    holidays=self.holidays, workdays=self.workdays, description=self.description,
                    calendar_years=self.calendar_years)
