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
    "model.cal_both": ("{year}年的节假日安排中，{both} 既在放假日期（holidays）又在调休上班日期（workdays）",
                       "in the {year} schedule, {both} is both a holiday and a make-up working day"),
    "model.cal_day_of_year": ("{year}年的节假日安排中，{field} 里的 {day} 不是{year}年的日期",
                              "in the {year} schedule, {day} in {field} is not a date of {year}"),
    "model.cal_no_holidays": ("{year}年的节假日安排没有任何放假日期（holidays），请按国务院办公厅通知填写",
                              "the {year} schedule has no holidays; copy them from the State Council's notice"),
    "model.cal_workday_weekday": (
        ("{year}年的节假日安排中，调休上班日期 {day} 是星期{weekday}，本来就是工作日；调休上班日应为周六或周日，"
         "请核对通知"),
        ("in the {year} schedule, the make-up working day {day} is a {weekday}, a working day anyway; make-up days "
         "fall on Saturdays or Sundays: check the notice")),
    "model.cal_year": ("节假日安排的年份 {year} 不是 1900–9998 之间的年份",
                       "the schedule's year {year} is not a year from 1900 to 9998"),
    "model.weekday_names": ("一 二 三 四 五 六 日", "Monday Tuesday Wednesday Thursday Friday Saturday Sunday"),
    # the English of these two is the Chinese, as it always was (an ArgumentError/PlanError reason given as text)
    "model.beyond_values": ("{value} 应为 'error' 或 'weekdays'", "{value} 应为 'error' 或 'weekdays'"),
    "model.holiday_and_workday": ("{day} 既被列为节假日又被列为工作日", "{day} 既被列为节假日又被列为工作日"),
}
