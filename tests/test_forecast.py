"""The recovery forecast: each rule of the default model on small plans checked by hand.

The hand plans run across the 2021 Spring Festival: Sunday 2021-02-07 and Saturday 2021-02-20 were
调休 make-up working days, 2021-02-11 … 02-17 holidays.
"""

from __future__ import annotations

import datetime as dt

import pytest

import fazhi_tasks as ft

D = dt.date
STAGES = [ft.Stage(1, "部署启动", D(2021, 2, 1), D(2021, 3, 31)),
          ft.Stage(2, "整改提升", D(2021, 4, 1), D(2021, 6, 30))]
OFFICE = "办公室"


def plan(*tasks: ft.Task) -> ft.Plan:
    return ft.Plan(name="春节计划", stages=STAGES, divisions=[OFFICE, "政策法规处"], tasks=list(tasks))


def task(task_id: str, deadline: dt.date | None, *prerequisites: str, stage: int = 1) -> ft.Task:
    return ft.Task(task_id, f"任务{task_id}", OFFICE, stage, deadline, prerequisites=prerequisites)


def update(task_id: str, status: str, percent: int | None = None) -> ft.Update:
    return ft.Update(task_id, status, D(2021, 2, 1), percent=percent)


# A due 02-10, B after A due 02-26, C after B due 03-05; the report date is Friday 2021-02-05.
CHAIN = plan(task("A", D(2021, 2, 10)), task("B", D(2021, 2, 26), "A"), task("C", D(2021, 3, 5), "B"))
AS_OF = D(2021, 2, 5)


def entries(fc: ft.Forecast) -> dict[str, tuple[int, int, dt.date, int, bool, dt.date]]:
    return {e.task_id: (e.window, e.remaining, e.projected_finish, e.slip_workdays, e.holds, e.proposed_deadline)
            for e in fc}


class TestWindow:
    def test_window_opens_the_day_before_the_stage(self) -> None:
        """A task with no prerequisite: W = working days in (01-31, 02-10], Sunday 02-07 included = 9."""
        assert 9 == ft.forecast(CHAIN, {}, AS_OF)[0].window

    def test_window_opens_at_the_latest_prerequisite_deadline(self) -> None:
        """B: (02-10, 02-26] skips the Spring Festival and counts Saturday 02-20: 8 working days."""
        fc = ft.forecast(CHAIN, {}, AS_OF).by_task()
        assert (8, D(2021, 2, 10)) == (fc["B"].window, fc["B"].window_start)

    def test_prerequisite_without_deadline_does_not_open_the_window(self) -> None:
        """An ongoing prerequisite has no deadline: the window opens with the stage."""
        p = plan(task("O", None), task("X", D(2021, 2, 5), "O"))
        assert 5 == ft.forecast(p, {}, AS_OF).by_task()["X"].window

    def test_window_is_at_least_one(self) -> None:
        """A task due before its prerequisite still has a window of 1 working day."""
        p = plan(task("A", D(2021, 3, 10)), task("B", D(2021, 3, 1), "A"))
        assert 1 == ft.forecast(p, {}, AS_OF).by_task()["B"].window


class TestRemaining:
    @pytest.mark.parametrize(("percent", "expected"), [(None, 9), (0, 9), (50, 5), (90, 1), (99, 1), (100, 1)])
    def test_remaining_rounds_up_and_is_at_least_one(self, percent: int | None, expected: int) -> None:
        """R = ceil(9 × (100 − p) / 100), at least 1; no percent counts as 0."""
        statuses = {"A": update("A", "推进中", percent)}
        assert expected == ft.forecast(CHAIN, statuses, AS_OF)[0].remaining


class TestProjectedFinish:
    def test_chain_across_the_spring_festival(self) -> None:
        """A 50% → 5 days from 02-05: 02-07, 08, 09, 10, 18; B 8 days from 02-18 (Saturday 02-20 works) → 03-01;
        C 5 days → 03-08. Each misses its deadline by one working day."""
        fc = ft.forecast(CHAIN, {"A": update("A", "推进中", 50)}, AS_OF)
        expected = {"A": (9, 5, D(2021, 2, 18), 1, False, D(2021, 2, 28)),
                    "B": (8, 8, D(2021, 3, 1), 1, False, D(2021, 3, 31)),
                    "C": (5, 5, D(2021, 3, 8), 1, False, D(2021, 3, 31))}
        assert expected == entries(fc)

    def test_dependent_resumes_after_its_prerequisite(self) -> None:
        """B's remaining work is counted from A's projected finish, C's from B's."""
        fc = ft.forecast(CHAIN, {"A": update("A", "推进中", 50)}, AS_OF).by_task()
        assert (D(2021, 2, 18), D(2021, 3, 1)) == (fc["B"].resumes, fc["C"].resumes)

    def test_done_prerequisite_holds_nothing_up(self) -> None:
        """With A 已完成, A has no entry and B counts from the report date: 8 days from 02-05 → 02-22."""
        fc = ft.forecast(CHAIN, {"A": update("A", "已完成", 100)}, AS_OF)
        assert (["B", "C"], D(2021, 2, 22), True) == (
            [e.task_id for e in fc], fc[0].projected_finish, fc[0].holds)

    def test_suspended_prerequisite_is_left_out_and_named(self) -> None:
        """A 已暂缓: no entry for A; B counts from the report date and says it depends on A."""
        fc = ft.forecast(CHAIN, {"A": update("A", "已暂缓")}, AS_OF).by_task()
        assert ("A" not in fc, fc["B"].depends_on_unforecast, fc["B"].projected_finish) == (
            True, ("A",), D(2021, 2, 22))

    def test_ongoing_prerequisite_is_left_out_and_named(self) -> None:
        """A prerequisite with no deadline has no forecast; the dependent names it."""
        p = plan(task("O", None), task("X", D(2021, 2, 5), "O"))
        fc = ft.forecast(p, {}, AS_OF)
        assert [("X", ("O",))] == [(e.task_id, e.depends_on_unforecast) for e in fc]

    def test_overdue_task_finishes_after_the_report_date(self) -> None:
        """Overdue on 2021-03-01 and not started: 9 working days from then → 03-12, 18 working days late."""
        e = ft.forecast(CHAIN, {}, D(2021, 3, 1)).by_task()["A"]
        assert (D(2021, 3, 12), 18, False) == (e.projected_finish, e.slip_workdays, e.holds)

    def test_report_date_on_a_holiday(self) -> None:
        """As of Saturday 2021-02-13 (Spring Festival) one remaining day ends on Thursday 02-18."""
        e = ft.forecast(CHAIN, {"A": update("A", "推进中", 95)}, D(2021, 2, 13))[0]
        assert (D(2021, 2, 13), D(2021, 2, 18)) == (e.resumes, e.projected_finish)

    def test_a_local_holiday_moves_the_finish(self) -> None:
        """The plan's calendar counts: a local holiday on 02-18 moves A's finish to the 19th."""
        cal = ft.WorkCalendar(holidays=[D(2021, 2, 18)])
        e = ft.forecast(CHAIN, {"A": update("A", "推进中", 50)}, AS_OF, calendar=cal)[0]
        assert D(2021, 2, 19) == e.projected_finish


class TestWhatIsForecast:
    def test_done_suspended_and_ongoing_tasks_have_no_entry(self) -> None:
        """Only tasks not 已完成, not 已暂缓, with a deadline are forecast, in id order."""
        p = plan(task("A", D(2021, 2, 10)), task("B", D(2021, 2, 26)), task("C", None), task("D", D(2021, 3, 5)))
        statuses = {"A": update("A", "已完成"), "B": update("B", "已暂缓")}
        assert ["D"] == [e.task_id for e in ft.forecast(p, statuses, AS_OF)]

    def test_finish_on_the_deadline_holds(self) -> None:
        """F = deadline holds with no slip; its proposed deadline is still the month's end."""
        p = plan(task("A", D(2021, 2, 10)))
        e = ft.forecast(p, {"A": update("A", "推进中", 56)}, AS_OF)[0]  # R = ceil(9 × 0.44) = 4 → 02-10
        assert (D(2021, 2, 10), 0, True, D(2021, 2, 28)) == (
            e.projected_finish, e.slip_workdays, e.holds, e.proposed_deadline)

    def test_slipping_most_slip_first(self) -> None:
        """`.slipping` lists the entries that miss their deadline, most slip first."""
        p = plan(task("A", D(2021, 2, 10)), task("B", D(2021, 2, 8)), task("C", D(2021, 3, 31)))
        statuses = {"A": update("A", "推进中", 50), "C": update("C", "推进中", 90)}
        fc = ft.forecast(p, statuses, AS_OF)  # A → 02-18 (1 late), B → 02-20 (5 late), C → 02-10 (holds)
        assert ["B", "A"] == [e.task_id for e in fc.slipping]

    def test_empty_plan(self) -> None:
        """No tasks: an empty forecast."""
        assert 0 == len(ft.forecast(plan(), {}, AS_OF))


class TestStageOutlook:
    def test_stage_end_slips(self) -> None:
        """Stage 1 ends 03-31; its last task, not started on 03-31 with a 40-day window, ends 05-28
        (after 清明 and 劳动节, with the make-up days 04-25 and 05-08)."""
        p = plan(task("A", D(2021, 3, 31)), task("B", D(2021, 6, 30), "A", stage=2))
        outlook = ft.forecast(p, {}, D(2021, 3, 31)).by_stage()
        first = outlook[0]
        assert (1, D(2021, 5, 28), D(2021, 3, 31), 40, False, "A") == (
            first.stage.number, first.latest_finish, first.stage_end, first.slip_workdays, first.holds,
            first.last_task_id)
        assert [1, 2] == [o.stage.number for o in outlook]

    def test_stage_end_holds(self) -> None:
        """A stage whose open tasks all finish before its end holds, with no slip."""
        outlook = ft.forecast(CHAIN, {"A": update("A", "推进中", 50)}, AS_OF).by_stage()
        assert [(1, D(2021, 3, 8), 0, True, 3, 3)] == [
            (o.stage.number, o.latest_finish, o.slip_workdays, o.holds, o.tasks, o.slipping) for o in outlook]


class TestCommitments:
    def test_time_limit_against_projected_finish(self) -> None:
        """As of 03-01 A and B are overdue; the 15-working-day limit (03-22) holds for A (03-12), not B (03-24)."""
        fc = ft.forecast(CHAIN, {}, D(2021, 3, 1))
        got = [(c.no, c.task_id, c.time_limit, c.projected_finish, c.holds, c.slip_workdays) for c in fc.commitments]
        assert [(1, "A", D(2021, 3, 22), D(2021, 3, 12), True, 0),
                (2, "B", D(2021, 3, 22), D(2021, 3, 24), False, 2)] == got

    def test_commitments_follow_the_time_limit(self) -> None:
        """A longer time limit lets B's commitment hold."""
        fc = ft.forecast(CHAIN, {}, D(2021, 3, 1), time_limit_workdays=20)
        assert [True, True] == [c.holds for c in fc.commitments]

    def test_commitments_of_a_given_list(self) -> None:
        """commitments_for takes an already computed rectification list."""
        statuses: dict[str, ft.Update] = {}
        items = ft.rectification_list(CHAIN, statuses, D(2021, 3, 1), time_limit_workdays=5)
        fc = ft.forecast(CHAIN, statuses, D(2021, 3, 1))
        assert [False, False] == [c.holds for c in fc.commitments_for(items)]


class TestSample:
    def test_sample_as_of_end_of_june(self, sample: ft.Plan, sample_history: list[ft.Update]) -> None:
        """On the sample, every overdue task slips and the last two stage ends slip."""
        day = D(2021, 6, 30)
        statuses = ft.Ledger.from_updates(sample_history).status_as_of(day)
        fc = ft.forecast(sample, statuses, day)
        overdue = {s.task_id for s in ft.find_shortfalls(sample, statuses, day).overdue}
        assert overdue <= {e.task_id for e in fc.slipping}
        assert all(e.proposed_deadline >= e.projected_finish for e in fc)
        assert len(fc.commitments) == len(overdue)
