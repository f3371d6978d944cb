"""statuses_as_of on plain update lists agrees with the ledger and with a naive scan."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

import fazhi_tasks as ft
from tests.strategies import histories, latest, plans


@given(st.data())
def test_statuses_as_of_equals_the_ledger(data: st.DataObject) -> None:
    """For random histories and days, statuses_as_of equals the ledger's answer and a naive scan."""
    plan = data.draw(plans(max_tasks=8))
    updates = data.draw(histories(plan))
    with ft.Ledger.from_updates(updates) as ledger:
        for _ in range(3):
            day = data.draw(st.dates(min_value=dt.date(2020, 12, 1), max_value=dt.date(2021, 9, 1)))
            assert latest(updates, day) == ft.statuses_as_of(updates, day) == dict(ledger.status_as_of(day))
