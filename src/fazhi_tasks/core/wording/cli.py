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
}
