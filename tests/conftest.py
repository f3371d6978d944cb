"""Shared fixtures: the sample plan and its history, and a small hand-checked plan."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, settings

import fazhi_tasks as ft

settings.register_profile("default", deadline=None, max_examples=60,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("ci", deadline=None, max_examples=100, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("default")

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
