"""The forecast's pictures: the series behind plan versus actual, and what the SVG text holds."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from typing import Literal

import pytest
from benchmarks.synthetic import AS_OF, latest, synthetic_plan, synthetic_updates

import fazhi_tasks as ft
from fazhi_tasks.report.charts import GANTT_MAX_TASKS, charts_page, gantt_svg, plan_vs_actual_svg, progress_series

D = dt.date
SVG = "{http://www.w3.org/2000/svg}"
STAGES = [ft.Stage(1, "部署启动", D(2021, 2, 1), D(2021, 3, 31))]


def small(title: str = "任务") -> ft.Plan:
    tasks = [ft.Task("A", f"{title}A", "办公室", 1, D(2021, 2, 5)),
             ft.Task("B", f"{title}B", "办公室", 1, D(2021, 2, 19), prerequisites=["A"]),
             ft.Task("C", f"{title}C", "政策法规处", 1, D(2021, 3, 5), prerequisites=["B"])]
    return ft.Plan(name="小计划", stages=STAGES, divisions=["办公室", "政策法规处"], tasks=tasks)


UPDATES = [ft.Update("A", "推进中", D(2021, 2, 2), percent=50), ft.Update("A", "已完成", D(2021, 2, 10), percent=100)]


class TestProgressSeries:
    def test_weekly_series(self) -> None:
        """Fridays from the plan's start; planned by deadline, actual from the history up to the report
        date, forecast from the report date on."""
        plan = small()
        as_of = D(2021, 2, 19)
        fc = ft.forecast(plan, latest(UPDATES, as_of), as_of)
        s = progress_series(plan, UPDATES, fc)
        assert D(2021, 2, 5) == s.weeks[0]
        assert (1, 1, 2, 2, 3, 3) == s.planned[:6]
        assert (0, 1, 1, None) == s.actual[:4]
        assert (None, None, 1) == s.projected[:3]
        assert (2, 1, 1, 3) == (s.planned_now, s.actual_now, s.gap, s.total)
        assert s.projected[-1] == 3

    def test_updates_for_unknown_tasks_are_ignored(self) -> None:
        """A history row for a task not in the plan does not count as a completion."""
        plan = small()
        fc = ft.forecast(plan, {}, D(2021, 2, 19))
        s = progress_series(plan, [ft.Update("Z", "已完成", D(2021, 2, 1))], fc)
        assert 0 == s.actual_now


class TestPlanVersusActual:
    def test_gap_is_labelled_in_tasks(self) -> None:
        """The red gap label says how many tasks behind plan, in Chinese by default and in English on request."""
        plan = small()
        fc = ft.forecast(plan, latest(UPDATES, D(2021, 2, 19)), D(2021, 2, 19))
        s = progress_series(plan, UPDATES, fc)
        assert "落后计划1项" in plan_vs_actual_svg(s)
        english = plan_vs_actual_svg(s, lang="en")
        assert "1 task behind plan" in english
        assert "Planned (by deadline)" in english

    def test_well_formed_with_three_lines(self) -> None:
        """The SVG parses and draws three polylines (planned, actual, forecast)."""
        plan = small()
        fc = ft.forecast(plan, {}, D(2021, 2, 19))
        root = ET.fromstring(plan_vs_actual_svg(progress_series(plan, [], fc)))
        assert 3 == len(root.findall(f"{SVG}polyline"))


class TestGantt:
    def test_one_row_per_task_and_late_bars_red(self) -> None:
        """Below the limit each task has a row with its tooltip; a late task's bar is red."""
        plan = small()
        fc = ft.forecast(plan, {}, D(2021, 2, 19))  # A is overdue
        svg = gantt_svg(plan, fc)
        root = ET.fromstring(svg)
        titles = [t.text or "" for t in root.iter(f"{SVG}title")]
        assert 3 == sum(1 for t in titles if "时限" in t)
        assert "#dc2626" in svg
        assert "报告日 2021年2月19日" in svg  # a Chinese date in Chinese text

    def test_text_is_escaped(self) -> None:
        """Titles with markup characters come out as text, never as markup."""
        plan = small('<script>alert("x")</script>&')
        svg = gantt_svg(plan, ft.forecast(plan, {}, D(2021, 2, 1)))
        assert "<script>" not in svg
        assert "&lt;script&gt;" in svg
        ET.fromstring(svg)

    def test_aggregates_above_the_limit(self) -> None:
        """Above the limit: one row per lead division per stage, marked as such, and small."""
        plan = synthetic_plan(2_000)
        statuses = latest(synthetic_updates(plan), AS_OF)
        svg = gantt_svg(plan, ft.forecast(plan, statuses, AS_OF), statuses)
        assert "共2000项任务，按处室汇总" in svg
        assert 4 * 8 == svg.count("项，滞后") // 2  # each row's label and its tooltip
        assert len(svg.encode()) < 100_000

    def test_row_limit_keeps_late_rows(self) -> None:
        """With a limit below the number of division rows, the rest are counted as not shown."""
        plan = synthetic_plan(400)
        statuses = latest(synthetic_updates(plan), AS_OF)
        svg = gantt_svg(plan, ft.forecast(plan, statuses, AS_OF), statuses, max_tasks=10)
        assert "另有22行未显示" in svg

    @pytest.mark.parametrize("lang", ["zh", "en"])
    def test_page_holds_both_charts(self, lang: Literal["zh", "en"]) -> None:
        """The check page is one HTML document with both figures."""
        plan = small()
        page = charts_page(plan, UPDATES, ft.forecast(plan, {}, D(2021, 2, 19)), lang=lang)
        assert ('id="plan-vs-actual"' in page, 'id="gantt"' in page, GANTT_MAX_TASKS) == (True, True, 300)
