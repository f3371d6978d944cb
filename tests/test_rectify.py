"""Rectification lists: one numbered item per overdue task, root causes first, levels by working days."""

from __future__ import annotations

import datetime as dt

import pytest

import fazhi_tasks as ft

from .conftest import small_plan

D = dt.date


class TestRectificationList:
    def test_items_and_order(self) -> None:
        """On 05-01 A, D, B, C are overdue: root causes A and D first, then B and C by working days."""
        items = ft.rectification_list(small_plan(), {}, D(2021, 5, 1))
        assert [(1, "A"), (2, "D"), (3, "B"), (4, "C")] == [(i.no, i.task_id) for i in items]

    def test_fields(self) -> None:
        """The item names the lead and supporting divisions, a measure, the time limit and the level."""
        item = ft.rectification_list(small_plan(), {}, D(2021, 5, 6))[3]
        assert ("C", "执法监督处", ("政策法规处",)) == (item.task_id, item.division, item.supporting)
        assert D(2021, 5, 26) == item.time_limit  # 15 working days after 05-06 (05-08 is a make-up Saturday)
        assert ft.Level.BLUE == item.level
        assert "A（政策法规处）" in item.problem and "C 开展自查" in item.problem
        assert "督促前置任务A" in item.measure
        assert item.progress.startswith("未启动")

    def test_measure_uses_the_deliverable(self) -> None:
        """With a deliverable, the measure asks for it as evidence."""
        plan = small_plan()
        plan = plan.replace(tasks=[t if t.id != "A" else ft.Task("A", "制定方案", "政策法规处", 1, D(2021, 3, 31),
                                                                deliverable="实施方案") for t in plan.tasks])
        assert "佐证材料（实施方案）" in ft.rectification_list(plan, {}, D(2021, 4, 1))[0].measure

    def test_levels_follow_working_days_overdue(self) -> None:
        """蓝 up to 15 working days overdue, 黄 16–30, 红 from 31, and thresholds are configurable."""
        levels = {d: ft.rectification_list(small_plan(), {}, d)[0].level for d in
                  (D(2021, 4, 1), D(2021, 4, 23), D(2021, 5, 20))}
        assert [ft.Level.BLUE, ft.Level.YELLOW, ft.Level.RED] == list(levels.values())
        strict = ft.EscalationLevels(yellow_from=1, red_from=2)
        assert ft.Level.RED == ft.rectification_list(small_plan(), {}, D(2021, 4, 2), levels=strict)[0].level

    def test_time_limit_is_configurable(self) -> None:
        """time_limit_workdays sets the deadline for fixing each item."""
        item = ft.rectification_list(small_plan(), {}, D(2021, 4, 1), time_limit_workdays=1)[0]
        assert D(2021, 4, 2) == item.time_limit

    def test_by_division(self) -> None:
        """Grouped by lead division: each division's responsibility list."""
        groups = ft.rectification_list(small_plan(), {}, D(2021, 5, 1)).by_division()
        assert {"政策法规处": ["A"], "宣传教育处": ["D"], "办公室": ["B"], "执法监督处": ["C"]} == {
            d: [i.task_id for i in items] for d, items in groups.items()}

    def test_nothing_overdue(self) -> None:
        """No overdue task, no item."""
        assert 0 == len(ft.rectification_list(small_plan(), {}, D(2021, 3, 1)))

    def test_bad_levels(self) -> None:
        """Thresholds must rise."""
        with pytest.raises(ValueError, match="1 ≤ 黄 ≤ 红"):
            ft.EscalationLevels(yellow_from=10, red_from=5)


class TestWording:
    def test_never_asks_a_division_to_work_with_itself(self) -> None:
        """A root cause led by the same division is pressed for directly, not 会同 itself."""
        plan = small_plan()  # E (政策法规处) depends on ... A (政策法规处) is a root cause of B, C
        tasks = [t if t.id != "B" else ft.Task("B", "印发方案", "政策法规处", 1, D(2021, 4, 15), prerequisites=["A"])
                 for t in plan.tasks]
        items = ft.rectification_list(plan.replace(tasks=tasks), {}, D(2021, 5, 6))
        b = next(i for i in items if i.task_id == "B")
        assert "会同" not in b.measure and "督促前置任务A限时完成" in b.measure
        c = next(i for i in items if i.task_id == "C")
        assert "会同政策法规处督促前置任务A" in c.measure  # C is 执法监督处's: it works with 政策法规处

    def test_owner_is_named(self) -> None:
        """When the plan names the 责任人, the measure names them instead of asking for one."""
        plan = small_plan()
        tasks = [t if t.id != "A" else ft.Task("A", "制定方案", "政策法规处", 1, D(2021, 3, 31), owner="王科长")
                 for t in plan.tasks]
        item = ft.rectification_list(plan.replace(tasks=tasks), {}, D(2021, 5, 6))[0]
        assert ("A", "王科长") == (item.task_id, item.owner)
        assert item.measure.startswith("由王科长牵头制定整改计划") and "明确责任人" not in item.measure

    def test_english(self) -> None:
        """The same item reads in English on request."""
        item = ft.rectification_list(small_plan(), {}, D(2021, 5, 6))[3]
        assert item.problem_text("en").startswith("C 开展自查: due 2021-04-30, ")
        assert "press for A to be finished" in item.measure_text("en")
        assert "not started" in item.progress_text("en")

    def test_shortfalls_of_another_day_are_refused(self) -> None:
        """Shortfalls computed for another date (or plan) cannot be reused for this list."""
        plan = small_plan()
        found = ft.find_shortfalls(plan, {}, D(2021, 5, 1))
        with pytest.raises(ft.ArgumentError, match="2021年5月1日"):
            ft.rectification_list(plan, {}, D(2021, 5, 6), shortfalls=found)
        other = ft.find_shortfalls(plan.replace(name="另一个计划"), {}, D(2021, 5, 6))
        with pytest.raises(ft.ArgumentError, match="另一个计划"):
            ft.rectification_list(plan, {}, D(2021, 5, 6), shortfalls=other)
        assert 4 == len(ft.rectification_list(plan, {}, D(2021, 5, 6), shortfalls=ft.find_shortfalls(
            plan, {}, D(2021, 5, 6))))

    def test_negative_time_limit(self) -> None:
        """A negative time limit is an argument error naming the value."""
        with pytest.raises(ft.ArgumentError, match="-1"):
            ft.rectification_list(small_plan(), {}, D(2021, 5, 6), time_limit_workdays=-1)
