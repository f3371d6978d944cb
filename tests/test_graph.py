"""Phased order, plan findings and the critical path on hand-checked plans."""

from __future__ import annotations

import datetime as dt

import fazhi_tasks as ft

from .conftest import small_plan

D = dt.date


class TestPhasedOrder:
    def test_small_plan(self) -> None:
        """Waves are topological generations per stage, sorted by (deadline, id)."""
        phases = ft.phased_order(small_plan())
        assert [(1, 1, ["A", "D"]), (1, 2, ["B"]), (1, 3, ["C"]), (2, 1, ["E"])] == [
            (p.stage.number, p.wave, [t.id for t in p.tasks]) for p in phases]

    def test_cross_stage_prerequisite_does_not_push_the_wave(self) -> None:
        """E depends on C of stage 1 but has no prerequisite in stage 2, so it is in wave 1."""
        assert 1 == ft.phased_order(small_plan())[-1].wave

    def test_deadline_then_id_inside_a_wave(self) -> None:
        """Inside a wave the earlier deadline comes first, ongoing tasks last."""
        stage = ft.Stage(1, "s", D(2021, 1, 1), D(2021, 12, 31))
        tasks = [ft.Task("T3", "x", "办公室", 1, D(2021, 3, 1)), ft.Task("T1", "x", "办公室", 1, None),
                 ft.Task("T2", "x", "办公室", 1, D(2021, 3, 1)), ft.Task("T4", "x", "办公室", 1, D(2021, 2, 1))]
        phases = ft.phased_order(ft.Plan(name="p", stages=[stage], divisions=[], tasks=tasks))
        assert ["T4", "T2", "T3", "T1"] == [t.id for t in phases[0].tasks]

    def test_sample_every_prerequisite_first(self, sample: ft.Plan) -> None:
        """In the sample's phased order every prerequisite comes before its dependents."""
        position = {t.id: i for i, t in enumerate(t for p in ft.phased_order(sample) for t in p.tasks)}
        assert len(sample) == len(position)
        assert all(position[u] < position[v] for u, v in sample.graph.edges)


class TestCheckPlan:
    def test_clean_plan(self) -> None:
        """A consistent plan has no findings."""
        assert [] == ft.check_plan(small_plan())

    def test_due_before_prerequisite(self) -> None:
        """A task due before its prerequisite is a finding naming both."""
        plan = small_plan()
        tasks = [t if t.id != "B" else ft.Task("B", "印发方案", "办公室", 1, D(2021, 3, 20), prerequisites=["A"])
                 for t in plan.tasks]
        findings = ft.check_plan(plan.replace(tasks=tasks))
        assert [(("B", "A"), ft.FindingKind.DUE_BEFORE_PREREQUISITE)] == [(f.task_ids, f.kind) for f in findings]
        assert "B：完成时限2021年3月20日早于其前置任务A的完成时限2021年3月31日" == str(findings[0])
        assert "B: due 2021-03-20, before its prerequisite A (due 2021-03-31)" == findings[0].describe("en")

    def test_outside_stage(self) -> None:
        """A deadline outside the stage window is a finding."""
        plan = small_plan()
        tasks = [t if t.id != "D" else ft.Task("D", "开展宣传", "宣传教育处", 1, D(2021, 5, 20)) for t in plan.tasks]
        findings = ft.check_plan(plan.replace(tasks=tasks))
        assert [ft.FindingKind.OUTSIDE_STAGE] == [f.kind for f in findings]

    def test_backward_pass_with_efforts(self) -> None:
        """C needs 20 working days before 04-30, so B must finish by 04-02 (Sunday 04-25 works), before its deadline."""
        plan = small_plan()
        tasks = [t if t.id != "C" else ft.Task("C", "开展自查", "执法监督处", 1, D(2021, 4, 30), prerequisites=["B"],
                                              effort=20) for t in plan.tasks]
        findings = ft.check_plan(plan.replace(tasks=tasks))
        assert [(("B", "C"), ft.FindingKind.LATEST_FINISH_BEFORE_DEADLINE, D(2021, 4, 2))] == [
            (f.task_ids, f.kind, f.latest_finish) for f in findings]

    def test_findings_sort_by_task(self) -> None:
        """Findings come sorted by task id (numbers by value)."""
        a = ft.Finding(("T10",), ft.FindingKind.OUTSIDE_STAGE)
        b = ft.Finding(("T9",), ft.FindingKind.OUTSIDE_STAGE)
        assert [b, a] == sorted([a, b])


class TestLatestFinish:
    def test_chain(self) -> None:
        """Latest finishes run back through efforts in working days; the forcing dependent is named."""
        plan = small_plan()
        tasks = [t if t.id != "E" else ft.Task("E", "整改销号", "政策法规处", 2, D(2021, 6, 30), prerequisites=["C"],
                                              effort=10) for t in plan.tasks]
        late = ft.latest_finish(plan.replace(tasks=tasks))
        assert (D(2021, 4, 30), None) == late["C"]  # 06-30 minus 10 working days is 06-16, after C's deadline
        assert (D(2021, 3, 31), None) == late["A"]


class TestCriticalPath:
    def test_tightest_chain(self) -> None:
        """The chain through the task with least slack, from a source to a sink."""
        plan = small_plan()
        tasks = [ft.Task(t.id, t.title, t.division, t.stage, t.deadline, prerequisites=t.prerequisites,
                         supporting=t.supporting, effort={"A": 10, "B": 10, "C": 10, "D": 1, "E": 5}[t.id])
                 for t in plan.tasks]
        path = ft.critical_path(plan.replace(tasks=tasks))
        assert ("A", "B", "C", "E") == path.task_ids
        assert path.slack == min(step.slack for step in path)
        assert all(step.earliest_finish <= step.latest_finish for step in path)

    def test_empty_plan(self) -> None:
        """A plan with no tasks has an empty path."""
        plan = ft.Plan(name="p", stages=[ft.Stage(1, "s", D(2021, 1, 1), D(2021, 2, 1))], divisions=[], tasks=[])
        assert 0 == len(ft.critical_path(plan))
