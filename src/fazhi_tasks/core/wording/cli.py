"""The wording of the ``cli`` room's messages: key → (zh, en), merged into the language table."""

from __future__ import annotations

ENTRIES: dict[str, tuple[str, str]] = {
    "cli.see_help": ("{value}（见 {prog} --help）", "{value} (see {prog} --help)"),
    "cli.plan_has_progress": (
        ("{name}：计划表含进展列 {shown}（{count} 项任务填了状态或进度），但没有指定进展账本："
         "报告会把表中已完成的任务算作未启动。请先用 fazhi-tasks import {name} --on 日期 --ledger progress.db "
         "导入这些进展，再加 --ledger progress.db 生成报告"),
        ("{name}: the plan sheet has progress columns {shown} ({count} tasks with a status or percent) but no "
         "progress ledger was given: the report would count the tasks it marks done as not started. Import them "
         "first with fazhi-tasks import {name} --on DATE --ledger progress.db, then run the report with --ledger "
         "progress.db")),
    "cli.web_needs_extra": ("网页端需要安装可选依赖：pip install 'fazhi-tasks[web]'（缺少 {name}）",
                            "the web front needs: pip install 'fazhi-tasks[web]' (missing {name})"),
    "cli.opt_column_mapping": (
        "列映射应写成 表头=列名，多个用逗号分隔，如 'A=编号,计划完成日期=完成时限'：{part}",
        "write the mapping as HEADER=NAME, comma-separated, e.g. 'A=编号,计划完成日期=完成时限': {part}"),
    "cli.opt_not_date": ("{text} 不是日期；日期请写成 2021-06-30 或 2021年6月30日",
                         "{text} is not a date; write dates as 2021-06-30 or 2021年6月30日"),
    "cli.opt_not_year": ("{text} 不是年份（如 2027）", "{text} is not a year (such as 2027)"),
    "cli.opt_percent": ("{value} 应为0到100的整数", "{value} should be a whole number from 0 to 100"),
    "cli.opt_seconds": ("{value} 应为大于0、不超过86400的秒数",
                        "{value} should be a number of seconds above 0, at most 86400"),
    "cli.opt_whole_number": ("{value} 应为{least}到10000之间的整数",
                             "{value} should be a whole number from {least} to 10000"),
}
