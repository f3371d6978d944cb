"""The wording of the ``web`` room's messages: key → (zh, en), merged into the language table."""

from __future__ import annotations

ENTRIES: dict[str, tuple[str, str]] = {
    "web.no_evidence": ("没有这份佐证材料", "no such evidence file"),
    "web.bad_decision": ("审核结果应为 pass（销号）或 return（退回），收到 {decision!r}",
                         "the decision is pass or return, not {decision!r}"),
    "web.bad_percent": ("完成百分比 {percent!r} 不是 0–100 的整数",
                        "the percent {percent!r} is not a whole number 0–100"),
    "web.bad_update": ("进展记录不合规：{exc}", "the update is not valid: {exc}"),
    "web.evidence_not_done": ("任务 {id} 尚未报送已完成，不能上传佐证材料",
                              "task {id} is not reported done: no evidence yet"),
    "web.future_date": ("报送日期 {day} 晚于今天（{today}）", "the date {day} is after today ({today})"),
    "web.no_task": ("计划中没有任务 {task_id!r}", "no task {task_id!r} in the plan"),
    "web.param_not_date": ("参数 {name}：{value!r} 不是日期（应为 YYYY-MM-DD）",
                           "parameter {name}: {value!r} is not a date (YYYY-MM-DD)"),
    "web.return_needs_reason": ("退回须写明理由：{exc}", "a return needs a reason: {exc}"),
}
