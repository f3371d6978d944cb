"""Hypothesis builders for plans and progress histories.

Plans are acyclic by construction: a task draws its prerequisites only from tasks
with a lower number, and from the same or an earlier stage.
"""

from __future__ import annotations

import datetime as dt
import os

from hypothesis import strategies as st

import fazhi_tasks as ft

DIVISIONS = ("政策法规处", "办公室", "执法监督处", "宣传教育处")
START = dt.date(2021, 1, 4)
STAGE_DAYS = 60

#: ``make test-fast`` runs the hypothesis profile "fast" (tests/conftest.py): fewer examples, the same checks.
FAST = os.environ.get("HYPOTHESIS_PROFILE") == "fast"


def examples(full: int) -> int:
    """A test's ``max_examples``: ``full`` in ``make test``, a quarter of it (at least 10) in ``make test-fast``."""
    return max(10, full // 4) if FAST else full


def stages(count: int) -> list[ft.Stage]:
    """``count`` consecutive stages of 60 days from 2021-01-04."""
    return [ft.Stage(n, f"阶段{n}", START + dt.timedelta(days=STAGE_DAYS * (n - 1)),
                     START + dt.timedelta(days=STAGE_DAYS * n - 1)) for n in range(1, count + 1)]


# U+FFFE and U+FFFF (noncharacters) cannot live in XML: a workbook holds them as _xFFFE_, which python-calamine
# does not decode, so they read back as that text (docs/plan-format.md); nobody types them.
_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp"),
                                       exclude_characters="\ufffe\uffff"),
                min_size=1, max_size=12).filter(lambda s: s.strip() != "" and s == s.strip())


@st.composite
def plans(draw: st.DrawFn, *, min_tasks: int = 1, max_tasks: int = 30, max_prerequisites: int = 3,
          text: bool = False, efforts: bool = False) -> ft.Plan:
    """A valid plan: deadlines in their stage (or none), prerequisites from the eight tasks before."""
    n = draw(st.integers(min_tasks, max_tasks))
    stage_count = draw(st.integers(1, 3))
    all_stages = stages(stage_count)
    stage_of = sorted(draw(st.lists(st.integers(1, stage_count), min_size=n, max_size=n)))
    tasks = []
    for i in range(n):
        stage = all_stages[stage_of[i] - 1]
        candidates = list(range(max(0, i - 8), i))
        prereqs = draw(st.lists(st.sampled_from(candidates), max_size=max_prerequisites, unique=True)) \
            if candidates else []
        offset = draw(st.integers(0, STAGE_DAYS - 1))
        deadline = draw(st.one_of(st.just(stage.start + dt.timedelta(days=offset)), st.none())) \
            if draw(st.booleans()) else stage.start + dt.timedelta(days=offset)
        division = draw(st.sampled_from(DIVISIONS))
        supporting = draw(st.lists(st.sampled_from([d for d in DIVISIONS if d != division]), max_size=2,
                                   unique=True))
        tasks.append(ft.Task(
            id=f"T{i + 1:03d}",
            title=draw(_text) if text else f"任务{i + 1}",
            division=division, stage=stage.number, deadline=deadline,
            prerequisites=[f"T{p + 1:03d}" for p in prereqs], supporting=supporting,
            indicator=draw(st.one_of(st.none(), st.sampled_from(["1.1.1", "4.2.3", "8.1"]))),
            deliverable=draw(st.one_of(st.none(), _text)) if text else None,
            effort=draw(st.one_of(st.none(), st.integers(0, 15))) if efforts else None,
            # a note saying 取消 reads back from a sheet as a cancellation mark: save_plan refuses it (test_sheet.py)
            note=draw(st.one_of(st.none(), _text.filter(lambda t: "取消" not in t))) if text else None,
        ))
    return ft.Plan(name="随机计划", stages=all_stages, divisions=list(DIVISIONS), tasks=tasks,
                   indicators={"1": "政府职能依法全面履行", "4": "行政执法严格规范公正文明"} if text else None)


@st.composite
def histories(draw: st.DrawFn, plan: ft.Plan, *, max_updates: int = 60) -> list[ft.Update]:
    """Updates for random tasks of ``plan`` on random days of its stages (reopening allowed)."""
    ids = [t.id for t in plan]
    first = plan.stages[0].start
    days = (plan.stages[-1].end - first).days + 30
    return draw(st.lists(st.builds(
        ft.Update,
        task_id=st.sampled_from(ids),
        status=st.sampled_from(list(ft.Status)),
        on=st.integers(0, days).map(lambda k: first + dt.timedelta(days=k)),
        percent=st.one_of(st.none(), st.integers(0, 100)),
    ), max_size=max_updates))


def latest(updates: list[ft.Update], day: dt.date) -> dict[str, ft.Update]:
    """The naive reference for status as of a day: scan every update, later ones win ties."""
    result: dict[str, ft.Update] = {}
    best: dict[str, dt.date] = {}
    for u in updates:
        if u.on <= day and (u.task_id not in best or u.on >= best[u.task_id]):
            result[u.task_id] = u
            best[u.task_id] = u.on
    return result
