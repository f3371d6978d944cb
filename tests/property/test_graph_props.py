"""Properties of the phased order, cycle detection and the backward pass on random plans."""

from __future__ import annotations

import datetime as dt
import itertools

import attrs
import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import fazhi_tasks as ft
from tests.strategies import examples, plans


@settings(max_examples=examples(25))
@given(plans(max_tasks=200))
def test_every_edge_goes_forward(plan: ft.Plan) -> None:
    """Every prerequisite comes before its dependent in the phased order."""
    position = {t.id: i for i, t in enumerate(t for p in ft.phased_order(plan) for t in p.tasks)}
    assert len(plan) == len(position)
    assert all(position[u] < position[v] for u, v in plan.graph.edges)


@settings(max_examples=examples(25))
@given(plans(max_tasks=200))
def test_waves_are_minimal(plan: ft.Plan) -> None:
    """A task's wave is one more than the largest wave of its same-stage prerequisites (1 when none)."""
    wave = {t.id: p.wave for p in ft.phased_order(plan) for t in p.tasks}
    for task in plan:
        same = [wave[p] for p in task.prerequisites if plan[p].stage == task.stage]
        assert wave[task.id] == max(same, default=0) + 1


@settings(max_examples=examples(25))
@given(plans(max_tasks=200))
def test_phases_in_stage_then_wave_order(plan: ft.Plan) -> None:
    """Phases come stage by stage, waves counting up from 1, with no empty phase."""
    keys = [(p.stage.number, p.wave) for p in ft.phased_order(plan)]
    assert keys == sorted(keys)
    assert all(p.tasks for p in ft.phased_order(plan))


@given(plans(min_tasks=2, max_tasks=60), st.data())
def test_planted_cycle_is_found(plan: ft.Plan, data: st.DataObject) -> None:
    """Adding an edge back from a descendant makes a cycle; the error names a real cycle of the graph."""
    edges = list(plan.graph.edges)
    if not edges:
        return
    u, v = data.draw(st.sampled_from(edges))
    path = nx.shortest_path(plan.graph, u, v)
    first = plan[path[0]]
    tasks = [t if t.id != first.id else attrs.evolve(t, prerequisites=(*t.prerequisites, path[-1]))
             for t in plan.tasks]
    with pytest.raises((ft.DependencyCycleError, ft.StageOrderError)) as info:
        plan.replace(tasks=tasks)
    if isinstance(info.value, ft.DependencyCycleError):
        cycle = info.value.cycle
        assert cycle[0] == cycle[-1]
        graph: nx.DiGraph[str] = nx.DiGraph(plan.graph)
        graph.add_edge(path[-1], first.id)
        assert all(graph.has_edge(a, b) for a, b in itertools.pairwise(cycle))


def naive_latest_finish(plan: ft.Plan, cal: ft.WorkCalendar) -> dict[str, dt.date]:
    """Reference: for each task, the minimum over every path to a task with a deadline."""
    result = {}
    for task in plan:
        options = []
        if task.deadline is not None:
            options.append(cal.workday_number(task.deadline))
        for d in nx.descendants(plan.graph, task.id):
            deadline = plan[d].deadline
            if deadline is None:
                continue
            for path in nx.all_simple_paths(plan.graph, task.id, d):
                options.append(cal.workday_number(deadline) - sum(plan[x].effort or 0 for x in path[1:]))
        if options:
            result[task.id] = cal.from_workday_number(min(options))
    return result


@given(plans(max_tasks=12, efforts=True))
def test_backward_pass_matches_naive_reference(plan: ft.Plan) -> None:
    """The one-pass backward pass equals the minimum over all paths, on small plans."""
    cal = ft.WorkCalendar()
    expected = naive_latest_finish(plan, cal)
    got = ft.latest_finish(plan, calendar=cal)
    assert set(expected) == set(got)
    for task_id, day in expected.items():
        deadline = plan[task_id].deadline
        if got[task_id][1] is None and deadline is not None:
            assert cal.workday_number(got[task_id][0]) == cal.workday_number(day)
        else:
            assert day == got[task_id][0]
