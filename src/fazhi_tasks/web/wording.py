"""The web front's wording, in one table (the pages are in Chinese, as the bureau reads them)."""

from __future__ import annotations

__all__ = ["ROLE_LABELS", "WORDS", "word"]

#: Page titles, navigation, buttons and notices.
WORDS: dict[str, str] = {
    "app": "法治政府建设示范创建任务督办",
    "nav.home": "首页",
    "nav.overdue": "逾期事项",
    "nav.rectify": "整改清单",
    "nav.progress": "进展报送",
    "nav.review": "审核销号",
    "nav.logout": "退出",
    "login.title": "登录",
    "login.username": "用户名",
    "login.password": "密码",
    "login.submit": "登录",
    "home.title": "督办通报",
    "home.division_title": "本处室任务",
    "home.as_of": "截至日期",
    "home.show": "查看",
    "home.downloads": "下载",
    "download.weekly_docx": "督办通报（Word）",
    "download.notices_docx": "督办通知单（Word）",
    "download.weekly_xlsx": "周报（Excel）",
    "task.lead": "牵头",
    "task.support": "配合",
    "task.cancelled": "本任务已在计划表中标注取消（{mark}）：列为已取消，不计逾期，不再报送进展。",
    "overdue.title": "逾期事项",
    "rectify.title": "问题和整改清单",
    "progress.title": "进展报送",
    "progress.template": "下载本处室进展报送表（已预填任务）",
    "progress.template_all": "下载全部任务的进展报送表",
    "progress.upload": "上传填好的进展报送表",
    "progress.submit": "上传",
    "progress.hint": "整表导入：有一处错误则全部不导入；重复上传同一张表不会重复记录。",
    "progress.done": "已导入 {imported} 条进展，{skipped} 条此前已记录，跳过。",
    "progress.failed": "未导入：表中有以下问题，请改正后重新上传。",
    "problem.row": "行",
    "problem.column": "列",
    "problem.value": "值",
    "problem.message": "问题",
    "history.title": "任务 {id}",
    "history.updates": "进展记录",
    "history.reviews": "审核记录",
    "history.files": "佐证材料",
    "history.report": "报送进展",
    "history.evidence": "上传佐证材料（已完成的任务）",
    "history.none": "无",
    "field.id": "编号",
    "field.title": "任务",
    "field.division": "牵头处室",
    "field.supporting": "配合处室",
    "field.stage": "阶段",
    "field.deadline": "完成时限",
    "field.status": "状态",
    "field.percent": "完成百分比",
    "field.note": "进展情况",
    "field.on": "报送日期",
    "field.by": "报送人",
    "field.recorded": "上传时间（北京时间）",
    "field.review_on": "审核日期",
    "field.reviewer": "审核人",
    "field.decision": "审核结果",
    "field.reason": "理由",
    "field.file": "文件",
    "field.size": "大小",
    "field.type": "类型",
    "field.shortfall": "短板",
    "field.role": "分工",
    "field.progress": "进度",
    "field.waiting": "待审核",
    "field.returned": "已退回",
    "form.save": "报送",
    "form.upload": "上传",
    "form.saved": "已记录。",
    "review.title": "待审核事项",
    "review.pass": "销号",
    "review.return": "退回",
    "review.reason": "退回理由",
    "review.none": "暂无待审核事项。",
    "review.all": "全部处室",
    "review.done": "已{decision}：{task}",
    "review.bulk": "全部销号（截至某日）",
    "review.bulk_hint": "把上面列出的、报送完成日期在所填日期当日或以前的待审核事项逐项销号"
                        "（每项记一次审核，审核人为本账号，审核日期为今天）；所填日期之后报送的不在其内。请填写截止日期以确认。",
    "review.bulk_until": "截至日期",
    "review.bulk_submit": "全部销号",
    "review.bulk_done": "已销号 {n} 项（报送日期截至 {until}）。",
    "review.bulk_needs_date": "请填写截止日期以确认全部销号",
    "decision.pass": "销号",
    "decision.return": "退回",
    "error.title": "出错了",
    "error.back": "返回首页",
    "ongoing": "长期",
    "kind.overdue": "逾期",
    "kind.blocked": "受阻",
    "kind.due_soon": "即将到期",
    "kind.done_late": "逾期完成",
}

#: 处室 / 法治办 / 局领导.
ROLE_LABELS = {"division": "处室", "office": "法治办", "director": "局领导"}


def word(key: str, **params: object) -> str:
    """One wording, with its ``{placeholders}`` filled.

    >>> word("progress.done", imported=3, skipped=0)
    '已导入 3 条进展，0 条此前已记录，跳过。'
    """
    return WORDS[key].format(**params) if params else WORDS[key]
