"""parse_deadline: the deadline texts plans actually contain."""

from __future__ import annotations

import datetime as dt

import pytest

import fazhi_tasks as ft

D = dt.date


class TestParseDeadline:
    @pytest.mark.parametrize(("text", "expected"), [
        ("2021-06-30", D(2021, 6, 30)), ("2021/6/30", D(2021, 6, 30)), ("2021.6.30", D(2021, 6, 30)),
        ("2021年6月30日", D(2021, 6, 30)), ("２０２１年６月３０日", D(2021, 6, 30)),
        ("2021年6月底前", D(2021, 6, 30)), ("6月底前", D(2021, 6, 30)), ("9月30日前", D(2021, 9, 30)),
        ("年底前", D(2021, 12, 31)), ("2021年第二季度", D(2021, 6, 30)), ("二季度末", D(2021, 6, 30)),
        ("上半年", D(2021, 6, 30)), ("下半年", D(2021, 12, 31)), ("2月底前", D(2021, 2, 28)),
        (" 2021 年 3 月 ", D(2021, 3, 31))])
    def test_forms(self, text: str, expected: dt.date) -> None:
        """Every form the plans use, with year=2021 for the ones that leave it out."""
        assert expected == ft.parse_deadline(text, year=2021)

    @pytest.mark.parametrize("text", ["长期坚持", "持续推进", "常态化"])
    def test_ongoing(self, text: str) -> None:
        """Ongoing work has no deadline."""
        assert ft.parse_deadline(text) is None

    def test_working_days_from_a_start(self) -> None:
        """N个工作日内 counts from the day after start by the official calendar."""
        assert D(2021, 10, 20) == ft.parse_deadline("15个工作日内", start=D(2021, 9, 24))

    def test_calendar_days_from_a_start(self) -> None:
        """N日内 counts calendar days."""
        assert D(2021, 3, 11) == ft.parse_deadline("10日内", start=D(2021, 3, 1))

    @pytest.mark.parametrize(("text", "why"), [
        ("下周", "不是可识别的完成时限"), ("2021-13-01", "2021年13月1日不存在"),
        ("2021年2月30日", "2021年2月30日不存在"), ("6月底前", "未写年份"),
        ("15个工作日内", "需要起算日期"), ("21.3.31", "不是可识别的完成时限"), ("", "为空")])
    def test_errors_quote_the_text(self, text: str, why: str) -> None:
        """Anything else raises DeadlineParseError quoting the text and saying why."""
        with pytest.raises(ft.DeadlineParseError) as info:
            ft.parse_deadline(text)
        assert why in str(info.value) and why in info.value.why
        assert repr(text) in str(info.value)
        assert text == info.value.text

    def test_dates_pass_through(self) -> None:
        """A date is returned as is; a midnight datetime becomes its date."""
        assert D(2021, 6, 30) == ft.parse_deadline(D(2021, 6, 30))
        assert D(2021, 6, 30) == ft.parse_deadline(dt.datetime(2021, 6, 30))
