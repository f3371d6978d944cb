"""find_shortfalls against a naive per-task search on random plans and histories."""

from __future__ import annotations

import datetime as dt

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

import fazhi_tasks as ft
from fazhi_tasks.model.values import id_sort_key
from tests.strategies import examples, histories, latest, plans


def naive(plan: ft.Plan, statuses: dict[str, ft.Update], as_of: dt.date) -> dict[str, tuple[str, tuple[str, ...], int]]:
    """Reference: for each overdue task, a graph search through unfinished tasks."""
    status = {t.id: statuses[t.id].status if t.id in statuses else ft.Status.NOT_STARTED for t in plan}
    finished = (ft.Status.DONE, ft.Status.CANCELLED)  # a cancelled task holds nothing up, as a done one
    open_ = [t for t in plan if status[t.id] not in finished]
    overdue = {t.id for t in plan if t.deadline and as_of > t.deadline
               and status[t.id] not in (*finished, ft.Status.SUSPENDED)}
    sub = plan.graph.subgraph(t.id for t in open_)
    reaches = {o: nx.descendants(sub, o) for o in overdue}
    reached_by = {t.id: {o for o in overdue if t.id in reaches[o]} for t in open_}
    result = {}
    for t in open_:
        roots = tuple(sorted((o for o in reached_by[t.id] if not reached_by[o]), key=id_sort_key))
        if t.id in overdue:
            result[t.id] = ("overdue", roots, len(reaches[t.id]))
        elif roots and status[t.id] is not ft.Status.SUSPENDED:
            result[t.id] = ("blocked", roots, 0)
    return result


@settings(max_examples=examples(80))
@given(st.data())
def test_matches_naive_reference(data: st.DataObject) -> None:
    """Kinds, root causes and hold-up counts equal a per-task search."""
    plan = data.draw(plans(max_tasks=25))
    updates = data.draw(histories(plan))
    as_of = data.draw(st.dates(min_value=dt.date(2021, 1, 1), max_value=dt.date(2021, 8, 31)))
    statuses = latest(updates, as_of)
    found = ft.find_shortfalls(plan, statuses, as_of)
    got = {s.task_id: (s.kind.value, s.root_causes, s.holds_up) for s in found
           if s.kind in (ft.ShortfallKind.OVERDUE, ft.ShortfallKind.BLOCKED)}
    assert naive(plan, statuses, as_of) == got


@settings(max_examples=examples(60))
@given(st.data())
def test_root_causes_are_upstream_overdue_tasks(data: st.DataObject) -> None:
    """Every root cause is overdue with no overdue ancestor; every blocked task has one among its ancestors."""
    plan = data.draw(plans(max_tasks=25))
    as_of = data.draw(st.dates(min_value=dt.date(2021, 1, 1), max_value=dt.date(2021, 8, 31)))
    statuses = latest(data.draw(histories(plan)), as_of)
    found = ft.find_shortfalls(plan, statuses, as_of).by_task()
    for s in found.values():
        for root in s.root_causes:
            assert found[root].kind is ft.ShortfallKind.OVERDUE
            assert () == found[root].root_causes
            assert root in nx.ancestors(plan.graph, s.task_id)
        if s.kind is ft.ShortfallKind.BLOCKED:
            assert s.root_causes
