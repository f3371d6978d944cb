"""The wording of the ``model`` room's messages: key → (zh, en), merged into the language table."""

from __future__ import annotations

ENTRIES: dict[str, tuple[str, str]] = {
    "model.deadline_empty": ("为空", "is empty"),
    "model.deadline_needs_start_days": ("按天数计算，需要起算日期", "counts days and needs a start date"),
    "model.deadline_needs_start_workdays": ("按工作日计算，需要起算日期", "counts working days and needs a start date"),
    "model.deadline_no_year": ("未写年份（请写成 2021年6月30日）", "names no year (write 2021年6月30日)"),
    "model.deadline_space": ("数字中间有空格（如“1 5”）：请核对日期",
                             "a space inside a number (as in '1 5'): check the date"),
    "model.deadline_time_of_day": ("带有具体时刻；完成时限只写日期", "has a time of day; a deadline is a date"),
    "model.deadline_reason": ("完成时限 {text!r}：{why}", "deadline {text!r}: {why}"),
    "model.no_such_day": ("{year}年{month}月{day}日不存在", "{year}-{month}-{day} does not exist"),
    "model.deadline_unknown": ("不是可识别的完成时限（可写：{forms}）", "is no deadline this reads (write: {forms})"),
}
