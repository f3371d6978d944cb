"""The domain model: every validation rule names the task, the field and the value."""

from __future__ import annotations

import datetime as dt

import pytest

import fazhi_tasks as ft

from .conftest import small_plan

D = dt.date


class TestStatus:
    def test_values_are_the_chinese_words(self) -> None:
        """Status is a str enum whose values are the bureau's words."""
        assert ["未启动", "推进中", "已完成", "已暂缓", "已取消"] == [s.value for s in ft.Status]
        assert "已完成" == str(ft.Status.DONE)

    @pytest.mark.parametrize(("text", "expected"), [
        ("已完成", ft.Status.DONE), ("完成", ft.Status.DONE), ("Done", ft.Status.DONE),
        ("in_progress", ft.Status.IN_PROGRESS), ("进行中", ft.Status.IN_PROGRESS),
        ("not started", ft.Status.NOT_STARTED), ("暂缓", ft.Status.SUSPENDED)])
    def test_parse_accepts_chinese_and_english(self, text: str, expected: ft.Status) -> None:
        """People type statuses in either language."""
        assert expected == ft.Status.parse(text)

    def test_parse_rejects_other_words(self) -> None:
        """An unknown status lists the accepted words."""
        with pytest.raises(ValueError, match="未启动"):
            ft.Status.parse("差不多")


class TestTask:
    def test_defaults(self) -> None:
        """Optional fields default to empty tuples and None."""
        t = ft.Task("T1", "制定方案", "政策法规处", 1, D(2021, 3, 1))
        assert ((), (), None, None, None, None) == (
            t.prerequisites, t.supporting, t.indicator, t.deliverable, t.effort, t.note)

    def test_collections_become_tuples(self) -> None:
        """Lists passed in are stored as tuples, and a single id is one prerequisite."""
        t = ft.Task("T2", "印发方案", "办公室", 1, None, prerequisites="T1", supporting=["政策法规处"])
        assert (("T1",), ("政策法规处",)) == (t.prerequisites, t.supporting)

    def test_self_dependency_is_refused(self) -> None:
        """A task cannot be its own prerequisite."""
        with pytest.raises(ft.PlanError, match=r"T1.*prerequisites.*不能以自身为前置任务") as info:
            ft.Task("T1", "x", "办公室", 1, None, prerequisites=["T1"])
        assert ("T1", "prerequisites") == (info.value.task_id, info.value.field)

    @pytest.mark.parametrize(("field", "value"), [("title", ""), ("division", "  "), ("id", "")])
    def test_empty_text_is_refused(self, field: str, value: str) -> None:
        """Id, title and division must be non-empty."""
        fields = {"id": "T1", "title": "x", "division": "办公室", "stage": 1, "deadline": None, field: value}
        with pytest.raises(ft.PlanError, match=field):
            ft.Task(**fields)  # type: ignore[arg-type]

    def test_deadline_must_be_a_date(self) -> None:
        """A datetime or text deadline is refused with the value in the message."""
        with pytest.raises(ft.PlanError, match=r"deadline.*2021-06-30"):
            ft.Task("T1", "x", "办公室", 1, "2021-06-30")  # type: ignore[arg-type]
        with pytest.raises(ft.PlanError, match="deadline"):
            ft.Task("T1", "x", "办公室", 1, dt.datetime(2021, 6, 30))

    def test_effort_must_be_whole_working_days(self) -> None:
        """Effort is a whole number ≥ 0."""
        with pytest.raises(ft.PlanError, match="effort"):
            ft.Task("T1", "x", "办公室", 1, None, effort=-1)

    def test_lead_division_is_not_also_supporting(self) -> None:
        """A division cannot both lead and support a task."""
        with pytest.raises(ft.PlanError, match="supporting"):
            ft.Task("T1", "x", "办公室", 1, None, supporting=["办公室"])


class TestUpdate:
    def test_status_text_is_parsed(self) -> None:
        """Update accepts a status word and keeps a Status."""
        u = ft.Update("T1", "done", D(2021, 3, 1), percent="80%")
        assert (ft.Status.DONE, 80) == (u.status, u.percent)

    def test_percent_range(self) -> None:
        """Percent is 0–100."""
        with pytest.raises(ft.PlanError, match="percent"):
            ft.Update("T1", "推进中", D(2021, 3, 1), percent=120)

    @pytest.mark.parametrize("percent", [99.5, "99.5", -0.4, "-0.4%", float("nan"), "nan", float("inf"), "1e400",
                                         "9" * 5000, True])
    def test_percent_must_be_whole(self, percent: object) -> None:
        """99.5 never becomes 100 (looking done), −0.4 never 0, NaN/inf never a traceback: all refused."""
        with pytest.raises(ft.PlanError, match="不是0–100的整数"):
            ft.Update("T1", "推进中", D(2021, 3, 1), percent=percent)

    @pytest.mark.parametrize(("percent", "expected"), [(80.0, 80), ("80.0", 80), ("80 %", 80), ("-0", 0)])
    def test_whole_percent_written_as_decimal(self, percent: object, expected: int) -> None:
        """A whole number written with a decimal point or a percent sign is that number."""
        assert expected == ft.Update("T1", "推进中", D(2021, 3, 1), percent=percent).percent

    def test_bad_status(self) -> None:
        """An unknown status raises a PlanError naming the field."""
        with pytest.raises(ft.PlanError, match="status"):
            ft.Update("T1", "maybe", D(2021, 3, 1))


class TestStage:
    def test_end_before_start(self) -> None:
        """A stage window must not end before it starts."""
        with pytest.raises(ft.PlanError, match="end"):
            ft.Stage(1, "x", D(2021, 3, 1), D(2021, 2, 1))

    def test_contains(self) -> None:
        """Both ends of a stage window are inside it."""
        s = ft.Stage(1, "x", D(2021, 3, 1), D(2021, 3, 31))
        assert (True, True, False) == (D(2021, 3, 1) in s, D(2021, 3, 31) in s, D(2021, 4, 1) in s)


class TestPlan:
    def test_access(self) -> None:
        """len, iteration in id order, lookup by id, and the graph."""
        plan = small_plan()
        assert 5 == len(plan)
        assert ["A", "B", "C", "D", "E"] == [t.id for t in plan]
        assert "印发方案" == plan["B"].title
        assert {("A", "B"), ("B", "C"), ("C", "E")} == set(plan.graph.edges)

    def test_iteration_orders_numbers_by_value(self) -> None:
        """T9 comes before T10."""
        stage = ft.Stage(1, "s", D(2021, 1, 1), D(2021, 2, 1))
        tasks = [ft.Task(f"T{i}", "x", "办公室", 1, None) for i in (10, 9, 100)]
        assert ["T9", "T10", "T100"] == [t.id for t in ft.Plan(name="p", stages=[stage], divisions=[], tasks=tasks)]

    def test_graph_is_read_only(self) -> None:
        """The graph cannot be changed behind the plan's back."""
        import networkx as nx

        with pytest.raises(nx.NetworkXError):
            small_plan().graph.add_edge("A", "D")

    def test_equal_plans(self) -> None:
        """Plans with the same content are equal."""
        assert small_plan() == small_plan()

    def test_duplicate_id(self) -> None:
        """Two tasks with one id are refused."""
        plan = small_plan()
        with pytest.raises(ft.PlanError, match=r"B.*被多个任务使用"):
            plan.replace(tasks=[*plan.tasks, ft.Task("B", "again", "办公室", 1, None)])

    def test_unknown_prerequisite_with_suggestion(self) -> None:
        """An unknown prerequisite names task, field, value and a near miss."""
        plan = small_plan()
        bad = ft.Task("F", "x", "办公室", 1, None, prerequisites=["T-A"])
        with pytest.raises(ft.UnknownReferenceError, match=r"任务 F，字段 prerequisites：'T-A' 不是计划中的任务"
                           ) as info:
            plan.replace(tasks=[*plan.tasks, bad])
        assert ("F", "prerequisites", "T-A") == (info.value.task_id, info.value.field, info.value.value)

    def test_unknown_division_did_you_mean(self) -> None:
        """政策法规科 is a near miss for 政策法规处."""
        plan = small_plan()
        bad = ft.Task("F", "x", "政策法规科", 1, None)
        with pytest.raises(ft.UnknownReferenceError, match="是否应为“政策法规处”"):
            plan.replace(tasks=[*plan.tasks, bad])

    def test_unknown_supporting_division(self) -> None:
        """Supporting divisions must be known too."""
        plan = small_plan()
        with pytest.raises(ft.UnknownReferenceError, match="supporting"):
            plan.replace(tasks=[*plan.tasks, ft.Task("F", "x", "办公室", 1, None, supporting=["财务处"])])

    def test_unknown_stage(self) -> None:
        """A stage number the plan lacks is refused."""
        plan = small_plan()
        with pytest.raises(ft.UnknownReferenceError, match="stage"):
            plan.replace(tasks=[*plan.tasks, ft.Task("F", "x", "办公室", 7, None)])

    def test_stage_name_resolves(self) -> None:
        """A task may name its stage; the plan stores the number."""
        plan = small_plan()
        plan = plan.replace(tasks=[*plan.tasks, ft.Task("F", "x", "办公室", "整改提升", None)])
        assert 2 == plan["F"].stage

    def test_cycle_names_itself(self) -> None:
        """A cycle raises DependencyCycleError listing the ids around it."""
        plan = small_plan()
        tasks = [t if t.id != "A" else ft.Task("A", "制定方案", "政策法规处", 1, None, prerequisites=["C"])
                 for t in plan.tasks]
        with pytest.raises(ft.DependencyCycleError) as info:
            plan.replace(tasks=tasks)
        cycle = info.value.cycle
        assert cycle[0] == cycle[-1]
        assert {"A", "B", "C"} == set(cycle)
        assert " → ".join(cycle) in str(info.value)

    def test_later_stage_prerequisite(self) -> None:
        """Depending on a task of a later stage names both tasks and stages."""
        plan = small_plan()
        tasks = [*plan.tasks, ft.Task("F", "x", "办公室", 1, None, prerequisites=["E"])]
        with pytest.raises(ft.StageOrderError, match=r"F（第1阶段）依赖后续阶段的任务 E（第2阶段）") as info:
            plan.replace(tasks=tasks)
        assert ("F", "E") == (info.value.task_id, info.value.prerequisite)

    def test_stage_windows_in_order(self) -> None:
        """A stage whose window comes before the previous one is refused."""
        with pytest.raises(ft.PlanError, match="须按顺序排列"):
            small_plan(stages=[ft.Stage(1, "a", D(2021, 5, 1), D(2021, 6, 30)),
                               ft.Stage(2, "b", D(2021, 3, 1), D(2021, 4, 30))])

    def test_errors_share_the_root(self) -> None:
        """Every plan error is a FazhiTasksError and a ValueError."""
        assert issubclass(ft.DependencyCycleError, ft.FazhiTasksError)
        assert issubclass(ft.PlanFileError, ValueError)
        assert issubclass(ft.UnknownReferenceError, LookupError)

    def test_divisions_default_to_the_tasks(self) -> None:
        """Without a division list the plan takes the tasks' divisions."""
        plan = small_plan(divisions=[])
        assert ["政策法规处", "办公室", "执法监督处", "宣传教育处"] == [d.name for d in plan.divisions]
