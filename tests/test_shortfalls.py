"""Shortfalls on hand-checked plans: every rule of PRODUCT.md §3."""

from __future__ import annotations

import datetime as dt

import fazhi_tasks as ft

from .conftest import small_plan

D = dt.date


def statuses(**kw: tuple[str, dt.date]) -> dict[str, ft.Update]:
    return {task: ft.Update(task, status, day) for task, (status, day) in kw.items()}


def kinds(found: ft.Shortfalls) -> dict[str, str]:
    return {s.task_id: s.kind.value for s in found}


class TestOverdue:
    def test_deadline_is_inclusive(self) -> None:
        """Due 2021-03-31: not overdue that day, overdue the next."""
        plan = small_plan()
        on_day = ft.find_shortfalls(plan, {}, D(2021, 3, 31))
        next_day = ft.find_shortfalls(plan, {}, D(2021, 4, 1))
        assert "overdue" != kinds(on_day).get("A")
        assert "overdue" == kinds(next_day)["A"]

    def test_days_and_working_days(self) -> None:
        """Calendar days and official working days past the deadline (Qingming 04-03…05 not counted)."""
        s = ft.find_shortfalls(small_plan(), {}, D(2021, 4, 7)).by_task()["A"]
        assert (7, 4) == (s.days_overdue, s.workdays_overdue)

    def test_done_and_suspended_are_not_overdue(self) -> None:
        """A done or suspended task is never overdue; suspended ones are listed apart."""
        found = ft.find_shortfalls(small_plan(), statuses(A=("已完成", D(2021, 3, 30)), D=("已暂缓", D(2021, 4, 1))),
                                   D(2021, 5, 10))
        assert "A" not in kinds(found) and "D" not in kinds(found)
        assert ["D"] == [t.id for t in found.suspended]

    def test_ongoing_is_never_overdue(self) -> None:
        """A task with no deadline is never overdue."""
        plan = small_plan()
        ongoing = ft.Task("D", "宣传", "宣传教育处", 1, None)
        plan = plan.replace(tasks=[t if t.id != "D" else ongoing for t in plan.tasks])
        assert "D" not in kinds(ft.find_shortfalls(plan, {}, D(2022, 1, 1) - dt.timedelta(days=1)))

    def test_status_is_as_of_the_date(self) -> None:
        """A missing id means 未启动; the mapping's update is the status."""
        found = ft.find_shortfalls(small_plan(), statuses(A=("推进中", D(2021, 3, 1))), D(2021, 4, 1))
        assert (ft.Status.IN_PROGRESS, ft.Status.NOT_STARTED) == (found.statuses["A"], found.statuses["B"])


class TestBlocked:
    def test_transitive(self) -> None:
        """A overdue blocks B and C through unfinished tasks, and E in the next stage."""
        found = ft.find_shortfalls(small_plan(), {}, D(2021, 4, 1))
        assert {"A": "overdue", "B": "blocked", "C": "blocked", "E": "blocked"} == {
            k: v for k, v in kinds(found).items() if k != "D"}
        assert all(("A",) == s.root_causes for s in found.blocked)
        assert 3 == found.by_task()["A"].holds_up

    def test_a_finished_prerequisite_releases(self) -> None:
        """With B done, A's lateness no longer reaches C or E."""
        found = ft.find_shortfalls(small_plan(), statuses(B=("已完成", D(2021, 3, 20))), D(2021, 4, 1))
        assert {"A": "overdue"} == {k: v for k, v in kinds(found).items() if k in "ABCE"}
        assert 0 == found.by_task()["A"].holds_up

    def test_overdue_with_an_overdue_ancestor(self) -> None:
        """On 05-01 A and B and C are all overdue; B and C name A as their root cause, A names none."""
        found = ft.find_shortfalls(small_plan(), {}, D(2021, 5, 1)).by_task()
        assert ("overdue", "overdue", "overdue") == (found["A"].kind, found["B"].kind, found["C"].kind)
        assert ((), ("A",), ("A",)) == (found["A"].root_causes, found["B"].root_causes, found["C"].root_causes)
        assert (3, 2, 1) == (found["A"].holds_up, found["B"].holds_up, found["C"].holds_up)
        assert found["A"].is_root_cause and not found["B"].is_root_cause

    def test_root_causes_come_first(self) -> None:
        """In the results, overdue root causes come before overdue tasks that are held up."""
        found = ft.find_shortfalls(small_plan(), {}, D(2021, 5, 1))
        assert ["A", "D"] == [s.task_id for s in found.overdue[:2]]


class TestDueSoonAndDoneLate:
    def test_due_soon(self) -> None:
        """Not done, due within the next 5 working days."""
        found = ft.find_shortfalls(small_plan(), {}, D(2021, 3, 25))
        assert ("due_soon", 4) == (kinds(found)["A"], found.by_task()["A"].workdays_left)

    def test_due_soon_window_is_configurable(self) -> None:
        """due_soon_workdays=2 leaves a task 4 working days away out."""
        assert "A" not in kinds(ft.find_shortfalls(small_plan(), {}, D(2021, 3, 25), due_soon_workdays=2))

    def test_done_late(self) -> None:
        """Completed after the deadline: counted as done late, with how late."""
        found = ft.find_shortfalls(small_plan(), statuses(A=("已完成", D(2021, 4, 6))), D(2021, 4, 10))
        s = found.by_task()["A"]
        assert ("done_late", 6, 3) == (s.kind.value, s.days_overdue, s.workdays_overdue)


class TestSample:
    def test_mid_2021(self, sample: ft.Plan, sample_history: list[ft.Update]) -> None:
        """As of 2021-06-30 the sample has 11 overdue; T052 is overdue and held up by T051."""
        with ft.Ledger.from_updates(sample_history) as ledger:
            found = ft.find_shortfalls(sample, ledger.status_as_of(D(2021, 6, 30)), D(2021, 6, 30))
        assert 11 == len(found.overdue)
        assert ("T051",) == found.by_task()["T052"].root_causes
        assert ("T040", "T043") == found.by_task()["T096"].root_causes
