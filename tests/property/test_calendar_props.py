"""Properties of working-day arithmetic and deadline text."""

from __future__ import annotations

import datetime as dt

from hypothesis import example, given
from hypothesis import strategies as st

import fazhi_tasks as ft

CAL = ft.WorkCalendar()
covered = st.dates(min_value=dt.date(2005, 1, 1), max_value=dt.date(2025, 12, 31))


@given(covered, st.integers(0, 200))
@example(dt.date(2021, 9, 30), 1)
def test_between_undoes_add(day: dt.date, n: int) -> None:
    """workdays_between(d, add_workdays(d, n)) == n."""
    assert n == CAL.workdays_between(day, CAL.add_workdays(day, n))


@given(covered, st.integers(0, 100), st.integers(0, 100))
def test_add_is_monotonic(day: dt.date, a: int, b: int) -> None:
    """More working days never lands earlier."""
    low, high = sorted((a, b))
    assert CAL.add_workdays(day, low) <= CAL.add_workdays(day, high)


@given(covered)
def test_next_workday_is_a_workday(day: dt.date) -> None:
    """next_workday lands on a working day on or after the day, with none skipped."""
    nxt = CAL.next_workday(day)
    assert CAL.is_workday(nxt)
    assert nxt >= day
    assert CAL.workdays_between(day, nxt) <= 1


@given(covered, covered, covered)
def test_between_adds_up(a: dt.date, b: dt.date, c: dt.date) -> None:
    """Counts over consecutive spans add up."""
    assert CAL.workdays_between(a, c) == CAL.workdays_between(a, b) + CAL.workdays_between(b, c)


@given(covered, st.integers(0, 60))
def test_subtract_fits_n_days(day: dt.date, n: int) -> None:
    """The latest finish is a working day that leaves n working days before the day; the next would not."""
    finish = CAL.subtract_workdays(day, n)
    following = CAL.add_workdays(finish, 1)
    assert CAL.is_workday(finish)
    assert CAL.workdays_between(finish, day) >= n
    assert following > day or CAL.workdays_between(following, day) < n


FORMS = [
    lambda d: d.isoformat(),
    lambda d: f"{d.year}/{d.month}/{d.day}",
    lambda d: f"{d.year}.{d.month}.{d.day}",
    lambda d: f"{d.year}年{d.month}月{d.day}日",
    lambda d: f"{d.year}年{d.month}月{d.day}日前",
    lambda d: f"{d.year}年{d.month}月{d.day}日".translate(str.maketrans("0123456789", "０１２３４５６７８９")),
]


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2099, 12, 31)), st.sampled_from(FORMS))
def test_exact_dates_round_trip(day: dt.date, form: object) -> None:
    """parse → format → parse gives the same date in every exact form."""
    text = form(day)  # type: ignore[operator]
    assert day == ft.parse_deadline(text)


@given(st.integers(2000, 2050), st.integers(1, 12))
def test_month_end_forms(year: int, month: int) -> None:
    """Month-end texts give the month's last day, with or without the year in the text."""
    expected = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1))
    assert expected == ft.parse_deadline(f"{year}年{month}月底前")
    assert expected == ft.parse_deadline(f"{month}月底前", year=year)
    if month % 3 == 0:
        quarter = "一二三四"[month // 3 - 1]
        assert expected == ft.parse_deadline(f"{year}年第{quarter}季度")
        assert expected == ft.parse_deadline(f"{quarter}季度末", year=year)
