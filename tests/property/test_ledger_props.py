"""The ledger against a naive reference on random histories, on both back ends."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import fazhi_tasks as ft
from tests.postgres import Server
from tests.strategies import histories, latest, plans

Opener = Callable[[], ft.Ledger]


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def open_ledger(request: pytest.FixtureRequest) -> Opener:
    """A fresh, empty ledger per call: in memory, or a new bureau of one shared PostgreSQL database."""
    if request.param == "sqlite":
        return lambda: ft.Ledger(":memory:")
    server: Server = request.getfixturevalue("postgres")
    url = server.new_database(request.getfixturevalue("pg_template"))
    return lambda: ft.Ledger(url, bureau=uuid.uuid4().hex)


@settings(max_examples=30)
@given(st.data())
def test_status_as_of_equals_a_scan(open_ledger: Opener, data: st.DataObject) -> None:
    """For random histories and days, status_as_of equals scanning every update."""
    plan = data.draw(plans(max_tasks=8))
    updates = data.draw(histories(plan))
    with open_ledger() as ledger:
        ledger.record_many(updates)
        for _ in range(3):
            day = data.draw(st.dates(min_value=dt.date(2020, 12, 1), max_value=dt.date(2021, 9, 1)))
            assert latest(updates, day) == dict(ledger.status_as_of(day))
            assert latest(updates, day) == ledger.status_by_bureau(day).get(ledger.bureau or "", {})


@settings(max_examples=30)
@given(st.data())
def test_reimport_changes_nothing(open_ledger: Opener, data: st.DataObject) -> None:
    """Recording a history, then again with skip_existing, records nothing the second time."""
    plan = data.draw(plans(max_tasks=8))
    updates = data.draw(histories(plan))
    with open_ledger() as ledger:
        ledger.record_many(updates, skip_existing=True)
        before = ledger.updates()
        assert 0 == ledger.record_many(updates, skip_existing=True)
        assert before == ledger.updates()
