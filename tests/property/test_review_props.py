"""closed_statuses (reported done versus closed) against its rules on random statuses and reviews."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

import fazhi_tasks as ft

DAY = dt.date(2021, 6, 25)
_days = st.integers(-30, 10).map(lambda k: DAY + dt.timedelta(days=k))
_ids = st.sampled_from([f"T{k}" for k in range(8)])


@st.composite
def statuses(draw: st.DrawFn) -> dict[str, ft.Update]:
    """Latest updates as of DAY for a few tasks (dated on or before it), every status drawn."""
    ids = draw(st.lists(_ids, unique=True, max_size=8))
    return {i: ft.Update(i, draw(st.sampled_from(list(ft.Status))), draw(_days.filter(lambda d: d <= DAY)),
                         percent=draw(st.one_of(st.none(), st.integers(0, 100))), note="原说明") for i in ids}


reviews = st.lists(st.builds(ft.Review, task_id=_ids, decision=st.sampled_from(list(ft.Decision)), on=_days,
                             reason=st.just("理由")), max_size=12)


@settings(max_examples=200)
@given(statuses(), reviews)
def test_keys_kept_and_other_statuses_untouched(latest: dict[str, ft.Update], given_reviews: list[ft.Review]) -> None:
    """The result has exactly the input's tasks; every status but 已完成 comes back as it was."""
    closed = ft.closed_statuses(latest, given_reviews, DAY)
    assert set(latest) == set(closed)
    for task_id, update in latest.items():
        if update.status is not ft.Status.DONE:
            assert update == closed[task_id]


@settings(max_examples=200)
@given(statuses())
def test_without_reviews_every_done_is_pending(latest: dict[str, ft.Update]) -> None:
    """With no review at all, each 已完成 reads 推进中 (percent kept) and is listed as pending."""
    closed = ft.closed_statuses(latest, [], DAY)
    done = {t for t, u in latest.items() if u.status is ft.Status.DONE}
    assert done == set(closed.pending)
    assert {} == closed.returned
    for task_id in done:
        assert (ft.Status.IN_PROGRESS, latest[task_id].percent, "待审核") == (
            closed[task_id].status, closed[task_id].percent, closed[task_id].note)


@settings(max_examples=200)
@given(statuses(), reviews, st.integers(0, 5))
def test_a_pass_after_the_report_closes_it(latest: dict[str, ft.Update], given_reviews: list[ft.Review],
                                           after: int) -> None:
    """A PASS dated on or after the 已完成 report (by the day), later than every other review of it, closes it."""
    for task_id, update in latest.items():
        if update.status is ft.Status.DONE:
            on = min(update.on + dt.timedelta(days=after), DAY)
            others = [r for r in given_reviews if r.task_id != task_id or r.on < on]
            closed = ft.closed_statuses(latest, [*others, ft.Review(task_id, "pass", on)], DAY)
            assert update == closed[task_id]
            assert task_id not in closed.pending
            assert task_id not in closed.returned


@settings(max_examples=200)
@given(statuses(), reviews)
def test_a_return_after_a_pass_reopens_it(latest: dict[str, ft.Update], given_reviews: list[ft.Review]) -> None:
    """A RETURN recorded after a PASS (same day or later) opens the task again, with the reason."""
    for task_id, update in latest.items():
        if update.status is ft.Status.DONE:
            passed = ft.Review(task_id, "pass", DAY)
            returned = ft.Review(task_id, "return", DAY, reason="缺少佐证")
            closed = ft.closed_statuses(latest, [*given_reviews, passed, returned], DAY)
            assert ft.Status.IN_PROGRESS is closed[task_id].status
            assert returned == closed.returned[task_id]
            assert "已退回：缺少佐证" == closed[task_id].note


@settings(max_examples=200)
@given(statuses(), reviews)
def test_reviews_before_the_report_or_after_the_day_count_for_nothing(latest: dict[str, ft.Update],
                                                                      given_reviews: list[ft.Review]) -> None:
    """Only reviews dated from the 已完成 report up to the day count: the others change nothing."""
    ignored = [r for r in given_reviews
               if r.on > DAY or r.task_id not in latest or r.on < latest[r.task_id].on]
    assert ft.closed_statuses(latest, [], DAY) == ft.closed_statuses(latest, ignored, DAY)
    assert ft.closed_statuses(latest, [], DAY).pending == ft.closed_statuses(latest, ignored, DAY).pending


@settings(max_examples=200)
@given(statuses(), reviews)
def test_against_a_naive_reference(latest: dict[str, ft.Update], given_reviews: list[ft.Review]) -> None:
    """Each 已完成 is done exactly when the last counting review (latest date, then as recorded) is a PASS."""
    closed = ft.closed_statuses(latest, given_reviews, DAY)
    for task_id, update in latest.items():
        if update.status is not ft.Status.DONE:
            continue
        counting = [(r.on, k, r) for k, r in enumerate(given_reviews)
                    if r.task_id == task_id and update.on <= r.on <= DAY]
        last = max(counting, key=lambda x: (x[0], x[1]))[2] if counting else None
        expected_done = last is not None and last.decision is ft.Decision.PASS
        assert expected_done == (closed[task_id].status is ft.Status.DONE)
        assert (last is None) == (task_id in closed.pending)
