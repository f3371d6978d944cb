"""The ledger against a naive reference on random histories, on both back ends."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import fazhi_tasks as ft
from tests.postgres import Server
from tests.strategies import histories, latest, plans

Opener = Callable[[], ft.Ledger]


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def open_ledger(request: pytest.FixtureRequest) -> Iterator[Opener]:
    """A fresh, empty ledger per call: in memory, or a new bureau of one shared PostgreSQL database."""
    if request.param == "sqlite":
        yield lambda: ft.Ledger(":memory:")
        return
    import psycopg

    server: Server = request.getfixturevalue("postgres")
    url = server.new_database(request.getfixturevalue("pg_template"))

    def granted() -> ft.Ledger:  # a new bureau, mapped as a grant would (an unknown bureau is refused on reading)
        bureau = uuid.uuid4().hex
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("INSERT INTO fazhi_bureau_roles (role_name, bureau) VALUES (%s, %s)", (bureau[:20], bureau))
        return ft.Ledger(url, bureau=bureau)

    yield granted
    server.drop_database(url)


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
