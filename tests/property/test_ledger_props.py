"""The ledger against a naive reference on random histories."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

import fazhi_tasks as ft
from tests.strategies import histories, latest, plans


@given(st.data())
def test_status_as_of_equals_a_scan(data: st.DataObject) -> None:
    """For random histories and days, status_as_of equals scanning every update."""
    plan = data.draw(plans(max_tasks=8))
    updates = data.draw(histories(plan))
    with ft.Ledger.from_updates(updates) as ledger:
        for _ in range(3):
            day = data.draw(st.dates(min_value=dt.date(2020, 12, 1), max_value=dt.date(2021, 9, 1)))
            assert latest(updates, day) == dict(ledger.status_as_of(day))
