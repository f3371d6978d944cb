"""The bundled illustrative plan and history keep the promises the docs make about them."""

from __future__ import annotations

import collections
import datetime as dt

import fazhi_tasks as ft

from .strategies import latest


class TestSamplePlan:
    def test_shape(self, sample: ft.Plan) -> None:
        """97 tasks, about ten divisions, four stages over 2020-09 … 2021-12."""
        assert 97 == len(sample)
        assert 10 == len(sample.divisions)
        assert ["部署启动", "对标自查", "整改提升", "巩固验收"] == [s.name for s in sample.stages]
        assert (dt.date(2020, 9, 1), dt.date(2021, 12, 31)) == (sample.stages[0].start, sample.stages[-1].end)

    def test_dependencies(self, sample: ft.Plan) -> None:
        """At least 60 edges forming chains several levels deep."""
        import networkx as nx

        assert sample.graph.number_of_edges() >= 60
        assert nx.dag_longest_path_length(sample.graph) >= 6

    def test_consistent(self, sample: ft.Plan) -> None:
        """No task is due before a prerequisite or outside its stage."""
        kinds = {f.kind for f in ft.check_plan(sample)}
        assert not kinds & {"due_before_prerequisite", "outside_stage"}

    def test_policy_division_leads_most(self, sample: ft.Plan) -> None:
        """政策法规处 leads more tasks than any other division."""
        counts = collections.Counter(t.division for t in sample)
        assert "政策法规处" == counts.most_common(1)[0][0]

    def test_says_it_is_illustrative(self, sample: ft.Plan) -> None:
        """The plan's own description says it is illustrative."""
        assert "示例" in sample.name
        assert "Illustrative" in sample.description


class TestSampleUpdates:
    def test_realistic_mix_mid_2021(self, sample: ft.Plan, sample_history: list[ft.Update]) -> None:
        """As of 2021-06-30: early stages done, 8–15 overdue, some holding others up, some late, a few suspended."""
        day = dt.date(2021, 6, 30)
        found = ft.find_shortfalls(sample, latest(sample_history, day), day)
        assert 8 <= len(found.overdue) <= 15
        assert any(s.holds_up for s in found.overdue)
        assert found.done_late
        assert 1 <= len(found.suspended) <= 4
        early = [t for t in sample if t.stage in (1, 2)]
        assert all(found.statuses[t.id] is ft.Status.DONE for t in early)

    def test_history_runs_through_2021(self, sample_history: list[ft.Update]) -> None:
        """Weekly updates up to the end of 2021, in date order."""
        days = [u.on for u in sample_history]
        assert days == sorted(days)
        assert dt.date(2021, 12, 1) <= days[-1] <= dt.date(2021, 12, 31)

    def test_same_every_call(self) -> None:
        """The history is deterministic."""
        assert ft.sample_updates() == ft.sample_updates()

    def test_loads_into_a_ledger_unchanged(self, sample_history: list[ft.Update]) -> None:
        """sample_updates() goes into a ledger and comes back the same."""
        with ft.Ledger(":memory:") as ledger:
            ledger.record_many(sample_history)
            assert sample_history == ledger.updates()
