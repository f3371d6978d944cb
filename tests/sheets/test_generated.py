"""The closed-world property over generated layouts: ``read_plan`` gives exactly the truth or raises, never else.

``make test`` runs ``SHEET_EXAMPLES`` (default 200) layouts; ``make fuzz`` runs thousands.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

import fazhi_tasks as ft

from .layouts import Layout, Truth, division_plan_sheets, plan_sheets, write_xlsx
from .progress import PLAN, ProgressLayout, progress_sheets

EXAMPLES = int(os.environ.get("SHEET_EXAMPLES", "200"))
#: What the runs saw, for the report at the end of ``make fuzz`` (read right, refused).
SEEN = {"read": 0, "refused": 0, "refused, no trap": 0, "progress read": 0, "progress refused": 0,
        "progress refused, no trap": 0}


def truth_of(task: ft.Task) -> Truth:
    """A read task in the generator's terms."""
    assert task.deadline is not None
    assert isinstance(task.stage, int)
    return Truth(task.id, task.title, task.division, task.co_leads, task.supporting, task.stage, task.deadline,
                 task.note)


class TestGeneratedPlanSheets:
    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                            HealthCheck.function_scoped_fixture])
    @given(plan_sheets())
    def test_read_exactly_or_refused(self, tmp_path: Path, layout: Layout) -> None:
        """Every generated sheet is read exactly as meant (tasks, skipped rows by kind) or refused with our error."""
        path = write_xlsx(layout, tmp_path / "计划.xlsx")
        try:
            read = ft.read_plan(path)
        except ft.FazhiTasksError:
            SEEN["refused"] += 1
            SEEN["refused, no trap"] += layout.must_refuse is None
            return
        assert layout.must_refuse is None, f"read a sheet it must refuse: {layout.must_refuse}"
        SEEN["read"] += 1
        assert layout.truth == [truth_of(t) for t in read.plan if t.id not in layout.cancelled]
        assert sorted(layout.cancelled) == sorted(t.id for t in read.plan if t.id in layout.cancelled)
        assert sorted(layout.cancelled) == sorted(u.task_id for u in read.cancelled)
        assert {ft.Status.CANCELLED} >= {u.status for u in read.cancelled}
        skipped = {kind: len(rows) for kind, rows in read.summary.skipped_rows}
        assert {k: n for k, n in layout.skipped.items() if n} == skipped
        assert len(layout.sheets) == len(read.summary.sheets)


class TestGeneratedDivisionSheets:
    @settings(max_examples=EXAMPLES // 4, deadline=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
    @given(division_plan_sheets())
    def test_read_exactly(self, tmp_path: Path, layout: Layout) -> None:
        """One sheet per division, no 牵头处室 column: every task is read with its sheet's division as the lead."""
        read = ft.read_plan(write_xlsx(layout, tmp_path / "计划.xlsx"))
        assert layout.truth == [truth_of(t) for t in read.plan]
        assert {k: n for k, n in layout.skipped.items() if n} == {k: len(r) for k, r in read.summary.skipped_rows}
        assert tuple(layout.knobs["division_sheets"]) == read.summary.sheets  # type: ignore[arg-type]


class TestGeneratedProgressSheets:
    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                            HealthCheck.function_scoped_fixture])
    @given(progress_sheets())
    def test_read_exactly_or_refused(self, tmp_path: Path, layout: ProgressLayout) -> None:
        """Every generated progress workbook imports exactly the updates it means, or is refused; traps refused."""
        path = write_xlsx(Layout(layout.sheets, [], {}, {}), tmp_path / "进展.xlsx")
        try:
            updates = ft.import_updates(path, plan=PLAN)
        except ft.FazhiTasksError:
            SEEN["progress refused"] += 1
            SEEN["progress refused, no trap"] += layout.must_refuse is None
            return
        SEEN["progress read"] += 1
        assert layout.must_refuse is None, f"read a progress sheet it must refuse: {layout.must_refuse}"
        assert layout.truth == updates


@pytest.mark.skipif(os.environ.get("SHEET_REPORT") is None, reason="the count report of make fuzz")
def test_report_counts() -> None:
    """Print how many generated sheets were read right and how many refused (make fuzz)."""
    print(f"\ngenerated plan sheets: {SEEN['read']} read exactly right, {SEEN['refused']} refused "
          f"({SEEN['refused, no trap']} of them without a planted trap), 0 misread")
    print(f"generated progress sheets: {SEEN['progress read']} read exactly right, {SEEN['progress refused']} refused "
          f"({SEEN['progress refused, no trap']} of them without a planted trap), 0 misread")
