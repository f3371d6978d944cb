"""Shared fixtures: the sample plan and its history, and a small hand-checked plan."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, settings

import fazhi_tasks as ft

from .postgres import Server, start

settings.register_profile("default", deadline=None, max_examples=60,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("ci", deadline=None, max_examples=100, suppress_health_check=[HealthCheck.too_slow])
# `make test-fast`: a quarter of the examples (tests with their own count take `strategies.examples(n)`)
settings.register_profile("fast", deadline=None, max_examples=15, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

D = dt.date


@pytest.fixture(scope="session")
def sample() -> ft.Plan:
    return ft.sample_plan()


@pytest.fixture(scope="session")
def sample_history() -> list[ft.Update]:
    return ft.sample_updates()


def small_plan(**changes: object) -> ft.Plan:
    """A → B → C in stage 1, D independent, E in stage 2 after C."""
    stages = [ft.Stage(1, "部署启动", D(2021, 3, 1), D(2021, 4, 30)),
              ft.Stage(2, "整改提升", D(2021, 5, 1), D(2021, 6, 30))]
    tasks = [
        ft.Task("A", "制定方案", "政策法规处", 1, D(2021, 3, 31)),
        ft.Task("B", "印发方案", "办公室", 1, D(2021, 4, 15), prerequisites=["A"]),
        ft.Task("C", "开展自查", "执法监督处", 1, D(2021, 4, 30), prerequisites=["B"], supporting=["政策法规处"]),
        ft.Task("D", "开展宣传", "宣传教育处", 1, D(2021, 4, 20)),
        ft.Task("E", "整改销号", "政策法规处", 2, D(2021, 6, 30), prerequisites=["C"]),
    ]
    fields: dict[str, object] = {"name": "小计划", "stages": stages,
                                 "divisions": ["政策法规处", "办公室", "执法监督处", "宣传教育处"], "tasks": tasks}
    fields.update(changes)
    return ft.Plan(**fields)  # type: ignore[arg-type]


#: The session's server once a test has started it (for dropping what each test creates).
_STARTED: list[Server] = []


@pytest.fixture(scope="session")
def postgres() -> Iterator[Server]:
    """A throwaway PostgreSQL server for the session; tests that use it are skipped, saying why, where none starts."""
    with start() as server:
        if isinstance(server, str):
            pytest.skip(f"PostgreSQL ledger tests skipped: {server}")
        _STARTED.append(server)
        yield server
        _STARTED.clear()


def _databases(server: Server) -> set[str]:
    import psycopg

    with psycopg.connect(server.url(), autocommit=True) as conn:
        return {r[0] for r in conn.execute("SELECT datname FROM pg_database")}


#: Fixtures that reach the server (some only for their "postgres" parameter).
_SERVER_FIXTURES = frozenset({"postgres", "pg_template", "make", "store", "open_ledger", "city", "site"})


@pytest.fixture(autouse=True)
def _drop_test_databases(request: pytest.FixtureRequest) -> Iterator[None]:
    """Drop the databases a test that uses the session's server created, so the suite leaves none (two queries a
    test, only for those tests)."""
    uses = not _SERVER_FIXTURES.isdisjoint(request.fixturenames)
    server = _STARTED[0] if _STARTED and uses else None
    before = _databases(server) if server is not None else None
    yield
    if server is not None and before is not None and _STARTED:
        for name in _databases(server) - before:
            server.drop_database(server.url(name))


@pytest.fixture(scope="session")
def pg_template(postgres: Server) -> str:
    """The name of a database holding an empty shared ledger (schema applied), to copy per test."""
    import psycopg

    from fazhi_tasks.ledger.admin import init_ledger

    with psycopg.connect(postgres.url(), autocommit=True) as conn:
        conn.execute('CREATE DATABASE "fazhi_template"')
    init_ledger(postgres.url("fazhi_template"))
    return "fazhi_template"


#: Test files that need a program the suite does not install itself, by marker.
_NEEDS_PROGRAM = {"test_browser.py": "browser", "test_charts_browser.py": "browser", "test_web_browser.py": "browser",
                  "test_docx_render.py": "libreoffice", "test_converted.py": "libreoffice"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark what needs PostgreSQL, Chromium or LibreOffice, so ``make test-fast`` can leave it out."""
    for item in items:
        marker = _NEEDS_PROGRAM.get(item.path.name)
        if marker is not None:
            item.add_marker(marker)
        fixtures = set(getattr(item, "fixturenames", ()))
        params = getattr(getattr(item, "callspec", None), "params", {})
        if fixtures & {"postgres", "pg_template"} or "postgres" in params.values():
            item.add_marker("postgres")


@pytest.fixture
def quick_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cheap argon2 parameters for tests that log in many times (the hash format is the same; the library's own
    parameters are checked in test_accounts.py)."""
    pytest.importorskip("argon2")
    from argon2 import PasswordHasher

    from fazhi_tasks.ledger import passwords

    monkeypatch.setattr(passwords, "_hasher", lambda: PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
