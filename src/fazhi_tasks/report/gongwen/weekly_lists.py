"""What the weekly 督办通报 counts it also names: the summary sentence, the time limits reconciled with the
forecast, and 附件3 — the blocked tasks, those due next week, the week's completions and closed overdue items.

The 通报 says "受阻16项", "下周到期4项", "本周完成6项": each of those is listed in 附件3, so every division
it counts is addressed. The rectification time limit (``as_of`` + 15 working days) and the forecast's
proposed deadline are reconciled into one 整改时限: the time limit where the forecast says it holds, else the
forecast's proposed deadline (the month's end after the projected finish), named in one sentence.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from fazhi_tasks.analysis.weekly import TimeLimit
from fazhi_tasks.io.settings import chinese_date

if TYPE_CHECKING:
    import datetime as dt

    from fazhi_tasks.analysis.weekly import WeeklyReport

__all__ = ["LISTS_HEADERS", "Limit", "drop_empty_column", "due_divisions", "limit_sentence", "limits", "lists_rows",
           "measure", "office_word", "summary_sentence", "wrap_name"]

LISTS_HEADERS = ("序号", "类别", "编号", "任务名称", "牵头处室", "情况")


def _short(day: dt.date, year: int) -> str:
    return f"{day.month}月{day.day}日" if day.year == year else chinese_date(day)


def _percent(done: int, total: int) -> str:
    return f"{done / total:.1%}" if total else "0.0%"


def summary_sentence(report: WeeklyReport) -> str:
    """一、总体情况 in the 通报's words: only what there is, the lists named where they are.

    >>> import datetime as dt, fazhi_tasks as ft
    >>> r = ft.weekly_report(ft.sample_plan(), ft.sample_updates(), dt.date(2021, 6, 25))
    >>> for sentence in summary_sentence(r).split("。")[:2]:
    ...     print(sentence)
    截至6月25日，97项任务已完成53项（完成率54.6%），推进中10项，未启动32项，已暂缓2项
    逾期11项（本周新增1项，见附件1），另有16项因前置任务逾期未完成而无法推进；本周完成6项，办结逾期事项1项；下周到期4项（均见附件3）
    """
    s, year = report.summary, report.week_ending.year
    day = _short(report.week_ending, year)
    states = "，".join(f"{label}{n}项" for label, n in (("推进中", s.in_progress), ("未启动", s.not_started),
                                                     ("已暂缓", s.suspended)) if n)
    first = f"截至{day}，{s.total}项任务已完成{s.done}项（完成率{_percent(s.done, s.total)}）"
    first += f"，{states}。" if states else "。"
    parts = []
    if s.overdue:
        new = len(report.overdue_new)
        parts.append(f"逾期{s.overdue}项（{f'本周新增{new}项，' if new else ''}见附件1）")
    else:
        parts.append("无逾期事项")
    if s.blocked:
        parts.append(f"另有{s.blocked}项因前置任务逾期未完成而无法推进")
    done = [x for x in (f"本周完成{len(report.completed)}项" if report.completed else "",
                        f"办结逾期事项{len(report.resolved)}项" if report.resolved else "") if x]
    tail = "，".join(done)
    due = f"下周到期{len(report.due_next_week)}项" if report.due_next_week else ""
    listed = "；".join(x for x in (tail, due) if x)
    if listed and (s.blocked or report.completed or report.resolved or report.due_next_week):
        listed += "（均见附件3）" if s.blocked else "（见附件3）"
    elif s.blocked:
        parts[-1] += "（见附件3）"
    second = "，".join(parts) + ("；" + listed if listed else "") + "。"
    return first + second


#: A rectification item's 整改时限 reconciled with the forecast (see :meth:`WeeklyReport.time_limits`).
Limit = TimeLimit


def limits(report: WeeklyReport) -> dict[str, TimeLimit]:
    """Each rectification item's 整改时限 reconciled with the forecast."""
    return report.time_limits()


def limit_sentence(report: WeeklyReport, reconciled: dict[str, Limit]) -> str:
    """The sentence naming the time limits that cannot hold and the ones proposed instead ("" when all hold)."""
    year = report.week_ending.year
    late = [reconciled[i.task_id] for i in report.rectification if reconciled[i.task_id].adjusted]
    if not late:
        return ""
    first = min(i.time_limit for i in report.rectification)
    days = "、".join(_short(day, year) for day in sorted({limit.time_limit for limit in late}))
    return (f"按进度预测，{late[0].task_id}等{len(late)}项难以在{_short(first, year)}前完成，"
            f"整改时限建议分别调整至{days}前。")


def due_divisions(report: WeeklyReport) -> str:
    """The divisions with a task due next week and how many: 人防工程管理处2项、办公室1项."""
    counts: dict[str, int] = {}
    for e in report.due_next_week:
        counts[e.task.division] = counts.get(e.task.division, 0) + 1
    return "、".join(f"{d}{n}项" for d, n in counts.items())


def lists_rows(report: WeeklyReport) -> tuple[list[tuple[object, ...]], list[tuple[int, int]]]:
    """附件3's rows — blocked, due next week, completed this week, overdue items closed this week — and the
    first and last row (1 = the first data row) of each kind, for merging its 类别 cell."""
    year = report.week_ending.year
    groups: list[tuple[str, list[tuple[str, str, str, str]]]] = [
        ("前置任务未完成", [(s.task_id, s.task.title, "、".join(s.task.leads),
                      f"待前置任务{'、'.join(s.root_causes)}完成") for s in report.blocked]),
        ("下周到期", [(e.task.id, e.task.title, "、".join(e.task.leads),
                   f"{_short(e.task.deadline, year) if e.task.deadline else ''}到期，{e.status.value}"
                   + (f"，前置任务{'、'.join(e.root_causes)}逾期" if e.root_causes else ""))
                  for e in report.due_next_week]),
        ("本周完成", [(e.task.id, e.task.title, "、".join(e.task.leads),
                   f"{_short(e.on, year)}完成" if e.on else "已完成") for e in report.completed]),
        ("逾期事项办结", [(e.task.id, e.task.title, "、".join(e.task.leads),
                     f"{e.status.value}（{_short(e.on, year)}）" if e.on else e.status.value)
                    for e in report.resolved]),
    ]
    rows: list[tuple[object, ...]] = []
    spans: list[tuple[int, int]] = []
    for label, entries in groups:
        if not entries:
            continue
        start = len(rows) + 1
        rows += [(start + k, f"{label}（{len(entries)}项）" if k == 0 else "", *entry)
                 for k, entry in enumerate(entries)]
        spans.append((start, len(rows)))
    return rows, spans


def drop_empty_column(headers: Sequence[str], rows: Sequence[Sequence[object]], widths: Sequence[float],
                      name: str, *, into: int) -> tuple[tuple[str, ...], list[tuple[object, ...]], list[float], int]:
    """The table without the column ``name`` when every row leaves it empty (a plan with no 责任人):
    its width goes to column ``into``. Returns headers, rows, widths and the index dropped (-1: none).

    >>> drop_empty_column(("序号", "责任人", "督办"), [(1, "", "红")], (1, 2, 3), "责任人", into=0)
    (('序号', '督办'), [(1, '红')], [3, 3], 1)
    """
    if name not in headers or any(row[headers.index(name)] not in ("", None) for row in rows):
        return tuple(headers), [tuple(r) for r in rows], list(widths), -1
    k = headers.index(name)
    kept = [w for i, w in enumerate(widths) if i != k]
    kept[into if into < k else into - 1] += widths[k]
    return (tuple(h for i, h in enumerate(headers) if i != k), [tuple(v for i, v in enumerate(r) if i != k)
                                                                for r in rows], kept, k)


def measure(item: object) -> str:
    """附件2's 整改措施 without what every item shares (制定整改计划、倒排工期, said once in 整改要求):
    whom to press, what to hand in, whom to tell."""
    from fazhi_tasks.analysis.rectify import RectificationItem

    assert isinstance(item, RectificationItem)
    parts = []
    if item.root_causes:
        others = [d for d in dict.fromkeys(item.root_divisions) if d not in item.leads]
        causes = "、".join(item.root_causes)
        parts.append(f"会同{'、'.join(others)}督促前置任务{causes}限时完成" if others
                     else f"督促前置任务{causes}限时完成")
    parts.append(f"报送佐证材料（{item.deliverable}）" if item.deliverable else "报送整改情况")
    if item.holds_up:
        parts.append("完成后及时通知后续任务牵头处室")
    return "；".join(parts)


def office_word(name: str) -> str:
    """How a document names its own issuer in the text: 我办, 我局, 我处, 我中心 — never its full name.

    A name with a bracket says in whose name it acts: ``某局政策法规处（示范创建工作领导小组办公室）`` is 我办.

    >>> [office_word(n) for n in ("某局法治办公室", "金华市应急管理局", "某局政策法规处", "应急指挥中心", "某组")]
    ['我办', '我局', '我处', '我中心', '某组']
    >>> office_word("金华市应急管理局政策法规处（法治政府建设示范创建工作领导小组办公室）")
    '我办'
    """
    if name.endswith(("）", ")")) and ("（" in name or "(" in name):
        inner = name[max(name.rfind("（"), name.rfind("(")) + 1:-1]
        said = office_word(inner)
        return said if said != inner else office_word(name[:max(name.rfind("（"), name.rfind("("))])
    for ending, word in (("办公室", "我办"), ("办", "我办"), ("中心", "我中心"), ("局", "我局"), ("处", "我处"),
                         ("委", "我委"), ("厅", "我厅"), ("室", "我室")):
        if name.endswith(ending):
            return word
    return name


_NAME_ENDS = ("（人防办）", "领导小组", "办公室", "中心", "建设", "示范创建", "工作", "委员会", "局", "厅", "处", "院",
              "市", "县", "区", "省")


def wrap_name(name: str, per_line: float) -> list[str]:
    """An organisation's name in lines of at most ``per_line`` characters, broken after a word of it
    (…局 / …办公室 / …领导小组), never inside one; a word longer than a line is broken where it must be.

    >>> wrap_name("金华市应急管理局法治政府建设示范创建工作领导小组办公室", 16)
    ['金华市应急管理局法治政府建设', '示范创建工作领导小组办公室']
    >>> wrap_name("某局办公室", 16)
    ['某局办公室']
    """
    from fazhi_tasks.report.gongwen.page import text_width

    if text_width(name) <= per_line:
        return [name]
    words: list[str] = []
    rest = name
    while rest:
        cut = min((k + len(end) for end in _NAME_ENDS if (k := rest.find(end)) >= 0), default=len(rest))
        cut = min(cut, len(rest))
        words.append(rest[:cut])
        rest = rest[cut:]
    if len(words) == 1 or any(text_width(w) > per_line for w in words):
        words = _split_long(words, per_line)
    lines = [""]
    for word in words:
        if lines[-1] and text_width(lines[-1] + word) > per_line:
            lines.append(word)
        else:
            lines[-1] += word
    return lines


def _split_long(words: list[str], per_line: float) -> list[str]:
    out: list[str] = []
    step = max(1, int(per_line))
    for word in words:
        out += [word[k:k + step] for k in range(0, len(word), step)]
    return out
