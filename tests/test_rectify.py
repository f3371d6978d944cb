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
