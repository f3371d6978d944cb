"""The weekly 督办通报 as a Word document (GB/T 9704-2012 layout).

The body keeps to one or two pages: the headline, the figures by stage, the overdue and blocked items by
lead division with their 责任人 and 督办等级, the 整改要求, then two attachments — 1. 逾期事项清单 and
2. 问题和责任清单 — holding every overdue task and every rectification item. The per-division 督办通知单
are in ``report/gongwen/notices.py``.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import attrs

from fazhi_tasks.io.settings import ReportSettings, chinese_date
from fazhi_tasks.report.gongwen.page import (
    KAITI,
    LEVEL_FILLS,
    LINE,
    MASTHEAD_GAP,
    SAN,
    WIDTH,
    WU,
    XIAOSI,
    GovDocument,
    clean_text,
    text_width,
)
from fazhi_tasks.report.gongwen.tables import add_colophon, add_table
from fazhi_tasks.report.gongwen.weekly_lists import (
    LISTS_HEADERS,
    drop_empty_column,
    due_divisions,
    limit_sentence,
    limits,
    lists_rows,
    measure,
    office_word,
    summary_sentence,
)

if TYPE_CHECKING:
    import datetime as dt

    from fazhi_tasks.analysis.weekly import WeeklyReport
    from fazhi_tasks.model.plan import Plan

__all__ = ["OVERDUE_HEADERS", "RECTIFY_HEADERS", "office_name", "overdue_rows", "pending_lines", "rectify_rows",
           "weekly_docx", "word_notes"]

OVERDUE_HEADERS = ("序号", "编号", "任务名称", "牵头处室", "责任人", "完成时限", "逾期天数", "逾期工作日",
                   "影响后续任务", "根源任务", "本周新增", "督办等级")
RECTIFY_HEADERS = ("序号", "问题", "牵头处室", "配合处室", "责任人", "整改措施", "整改时限", "督办等级", "完成情况")
#: 附件2 in the 通报: the 整改时限 reconciled with the forecast, and the forecast's projected finish beside it.
ANNEX2_HEADERS = ("序号", "问题", "牵头处室", "配合处室", "责任人", "整改措施", "整改时限", "预计完成", "督办等级",
                  "完成情况")
_NUMERALS = "一二三四五六七八九十"
_LEVEL_WORDS = {"蓝": "蓝色", "黄": "黄色", "红": "红色"}


def _numeral(n: int) -> str:
    if n <= 10:
        return _NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    return f"{_NUMERALS[tens - 1] if tens > 1 else ''}十{_NUMERALS[ones - 1] if ones else ''}"


def _short(day: dt.date, year: int) -> str:
    return f"{day.month}月{day.day}日" if day.year == year else chinese_date(day)


def word_notes(report: WeeklyReport, *, calendar_only: bool = False) -> list[str]:
    """The report's notes as the 通报 writes them: "注：…。" sentences, without command-line hints.

    With ``calendar_only``, just the note that dates past the official holiday data were counted Monday to Friday.
    """
    shown = []
    for note in report.notes:
        said = note
        if note.key in ("note.weekdays", "note.weekdays_before"):
            said = type(note)("note.weekdays_doc" if note.key == "note.weekdays" else note.key, note.params)
        elif calendar_only:
            continue
        shown.append(f"注：{said.show('zh').rstrip('。')}。")
    return shown


def pending_lines(report: WeeklyReport, shown: int = 20) -> list[str]:
    """The one paragraph on 待审核事项 (tasks reported 已完成 the office has not yet passed), when there are any."""
    if not report.pending:
        return []
    year = report.week_ending.year
    items = "；".join(f"{e.task.id} {clean_text(e.task.title)}（{e.division}，{_short(e.reported, year)}报送）"
                     for e in report.pending[:shown])
    more = f"等{len(report.pending)}项" if len(report.pending) > shown else f"共{len(report.pending)}项"
    return [f"待审核事项：{items}，{more}已报送完成、待审核销号，暂按推进中统计。"]


def _heads(plan: Plan | None) -> dict[str, str]:
    return {d.name: d.head for d in plan.divisions if d.head} if plan is not None else {}


def _owners(report: WeeklyReport) -> dict[str, str]:
    tasks = [e.task for e in report.overdue] + [s.task for s in report.blocked] + [e.task for e in
                                                                                   report.due_next_week]
    return {t.id: t.owner for t in tasks if t.owner}


def overdue_rows(report: WeeklyReport) -> list[tuple[object, ...]]:
    """附件1 逾期事项清单: one row per ``report.overdue`` entry, in its order."""
    levels = {i.task_id: _LEVEL_WORDS[i.level.value] for i in report.rectification}
    year = report.week_ending.year
    rows: list[tuple[object, ...]] = []
    for n, e in enumerate(report.overdue, start=1):
        t, s = e.task, e.shortfall
        rows.append((n, t.id, t.title, "、".join(t.leads), t.owner or "", _short(t.deadline, year)
                     if t.deadline else "", s.days_overdue, s.workdays_overdue, s.holds_up or "",
                     "、".join(s.root_causes), "是" if e.new else "", levels.get(t.id, "")))
    return rows


def rectify_rows(report: WeeklyReport) -> list[tuple[object, ...]]:
    """附件2 问题和责任清单: one row per rectification item, in its order."""
    owners = _owners(report)
    year = report.week_ending.year
    return [(i.no, i.problem, i.division, "、".join(i.supporting), owners.get(i.task_id, ""), i.measure,
             _short(i.time_limit, year), _LEVEL_WORDS[i.level.value], i.progress) for i in report.rectification]


def annex2_rows(report: WeeklyReport) -> list[tuple[object, ...]]:
    """附件2 in the 通报: one row per rectification item, its 整改时限 reconciled with the forecast."""
    owners = _owners(report)
    year = report.week_ending.year
    reconciled = limits(report)
    rows: list[tuple[object, ...]] = []
    for i in report.rectification:
        limit = reconciled[i.task_id]
        finish = _short(limit.projected_finish, year) if limit.projected_finish else ""
        rows.append((i.no, i.problem, i.division, "、".join(i.supporting), owners.get(i.task_id, ""), measure(i),
                     _short(limit.time_limit, year) + ("（调整）" if limit.adjusted else ""), finish,
                     _LEVEL_WORDS[i.level.value], i.progress))
    return rows


def _feedback(report: WeeklyReport, settings: ReportSettings) -> dt.date:
    if settings.feedback_by is not None:
        return settings.feedback_by
    limits = [i.time_limit for i in report.rectification]
    return min(limits) if limits else report.week_ending + _week()


def _week() -> dt.timedelta:
    import datetime as dt

    return dt.timedelta(days=7)


def _stage_sentence(report: WeeklyReport) -> str:
    parts: list[str] = []
    finished: list[tuple[str, int]] = []
    for g in report.stages:
        name = g.name.split(" ", 1)[-1]
        if g.total and g.done == g.total:
            finished.append((name, g.total))
            continue
        if not g.total:
            continue
        bits = [f"完成{g.done}项" if g.done else "尚未启动" if g.not_started == g.total else "尚无完成"]
        bits += [f"{label}{n}项" for label, n in (("逾期", g.overdue), ("受阻", g.blocked)) if n]
        parts.append(f"{name}阶段{g.total}项{'、'.join(bits)}")
    if finished:
        names = "、".join(n for n, _ in finished)
        parts.insert(0, f"{names}阶段{sum(t for _, t in finished)}项任务已全部完成")
    return "分阶段看，" + "；".join(parts) + "。" if parts else ""


def _division_order(report: WeeklyReport) -> list[str]:
    order = list(report.rectification.by_division())
    for s in report.blocked:
        if s.task.division not in order:
            order.append(s.task.division)
    return order


#: Body lines in two pages (22 a page) and the share kept free for page breaks inside tables and headings.
BODY_LINES, SAFETY = 44, 1.5
_TABLE_HEADERS = ("牵头处室", "逾期事项", "责任人", "督办", "受阻")
_TABLE_WIDTHS = (7.2, 21, 3.6, 2.6, 2.6)
_ROW = (XIAOSI * 1.35 + 2) / LINE  # a table line, in body lines


@attrs.frozen
class _Table:
    """The body's table of overdue items by lead division, limited to ``limit`` items."""

    rows: tuple[tuple[object, ...], ...]
    spans: tuple[tuple[int, int], ...]  # first and last table row of each division (1 = the first data row)
    hidden: int  # overdue items left to the attachments


def _division_rows(report: WeeklyReport, heads: Mapping[str, str], limit: int) -> _Table:
    """The table's rows, at most ``limit`` overdue items a division (the first: root causes, most overdue)."""
    owners = _owners(report)
    items = report.rectification.by_division()
    blocked: dict[str, int] = {}
    for s in report.blocked:
        blocked[s.task.division] = blocked.get(s.task.division, 0) + 1
    rows: list[tuple[object, ...]] = []
    spans: list[tuple[int, int]] = []
    shown = 0
    for division in _division_order(report):
        mine = items.get(division, ())[:limit]
        if not mine and division not in blocked:
            continue
        name = f"{division}（{heads[division]}）" if division in heads else division
        count = f"{blocked[division]}项" if division in blocked else "—"
        start = len(rows)
        for k, i in enumerate(mine):
            rows.append((name if k == 0 else "", f"{i.task_id} {i.title}", owners.get(i.task_id, ""),
                         _LEVEL_WORDS[i.level.value], count if k == 0 else ""))
        if not mine:
            rows.append((name, "—", "", "", count))
        shown += len(mine)
        spans.append((start + 1, len(rows)))
    return _Table(tuple(rows), tuple(spans), len(report.rectification) - shown)


def _division_table(doc: GovDocument, table: _Table) -> None:
    """The overdue items by lead division: one row per item, the division and its blocked count merged."""
    headers, rows, widths, dropped = drop_empty_column(_TABLE_HEADERS, table.rows, _TABLE_WIDTHS, "责任人", into=1)
    shift = 1 if dropped >= 0 else 0  # no 责任人 in the plan: no empty column
    fills = {3 - shift: {_LEVEL_WORDS[k]: v for k, v in LEVEL_FILLS.items()}}
    made = add_table(doc, headers, rows, widths, size=XIAOSI, centre=(0, 2, 3) if shift else (0, 2, 3, 4),
                     fills=fills)
    for first, last in table.spans:
        if last > first:
            for column in (0, 4 - shift):
                made.cell(first, column).merge(made.cell(last, column))
    if table.hidden > 0:
        doc.body(f"另有{table.hidden}项逾期事项详见附件1。")


def _lines(text: str, indent: float = 2, per_line: float = 28) -> int:
    """Body lines a paragraph of 仿宋 三号 takes."""
    return math.ceil((indent + text_width(text)) / per_line)


def _table_lines(table: _Table) -> float:
    """Estimated height of the body table, in body lines."""
    total = sum(_TABLE_WIDTHS)
    chars = [w / total * WIDTH / XIAOSI - 0.5 for w in _TABLE_WIDTHS]  # less the 1 mm cell margins

    def height(row: Sequence[object]) -> int:
        return max(math.ceil(text_width(clean_text(v)) / c - 0.02) or 1 for v, c in zip(row, chars, strict=True))

    lines = height(_TABLE_HEADERS)
    for first, last in table.spans:
        group = table.rows[first - 1:last]
        lines += max(sum(height(("", *row[1:4], "")) for row in group), height((group[0][0], "", "", "", "")))
    return lines * _ROW + (1 if table.hidden > 0 else 0)


def _fixed_lines(s: ReportSettings, note: str, points: Sequence[tuple[str, str]], intro: str) -> float:
    """Estimated body lines of everything but the summary and the table."""
    size = _masthead_size(s.title)
    masthead = (size * 1.3 + 3 * LINE + 11 + MASTHEAD_GAP) / LINE  # name, two blank lines, number, rule, gap
    head = 2 + 1 + 1 + _lines(intro)  # title, blank, 主送, intro
    requirements = 1 + sum(_lines(h + t) for h, t in points)
    signature = 1 + _lines(s.issuer, 0) + 1 + (_lines(note) if note else 0)
    return masthead + head + 3 + requirements + 4 + signature  # 3 headings; blank and three 附件 lines


def _masthead_size(name: str) -> float:
    return max(SAN, min(36.0, int(WIDTH * 0.9 / max(text_width(name), 1.0))))


def weekly_docx(report: WeeklyReport, path: str | os.PathLike[str], *, settings: ReportSettings | None = None,
                plan: Plan | None = None) -> None:
    """Write the weekly 督办通报 as a .docx laid out after GB/T 9704-2012.

    Args:
        report: The weekly report.
        path: The .docx to write (replaced only when complete).
        settings: Issuer, 期号, 主送, 抄送, contact, ...; default :class:`ReportSettings`. Without a 期号 the
            issue is counted from the plan's first week (``len(report.series)``).
        plan: The plan, for the division heads (处室负责人) named beside each division.

    >>> import datetime as dt, pathlib, tempfile, fazhi_tasks as ft
    >>> report = ft.weekly_report(ft.sample_plan(), ft.sample_updates(), dt.date(2021, 6, 25))
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "通报.docx"
    >>> ft.weekly_docx(report, out, settings=ft.ReportSettings(issuer="某局法治办"))
    >>> out.stat().st_size > 20000
    True
    """
    s = settings or ReportSettings()
    day = s.date or report.week_ending
    doc = GovDocument()
    contact = "，".join(x for x in (f"联系人：{s.contact}" if s.contact else "",
                                     f"联系电话：{s.phone}" if s.phone else "") if x)
    note = f"（{contact}）" if contact else ""
    year = report.week_ending.year
    intro = (f"现将{_short(report.week_start, year)}至{_short(report.week_ending, year)}法治政府建设示范创建任务"
             "推进情况通报如下。")
    points = _requirement_points(report, s)
    headline = summary_sentence(report)
    notes = [*word_notes(report), *pending_lines(report)]
    fixed = _fixed_lines(attrs.evolve(s, date=day), note, points, intro) + sum(_lines(n) for n in notes)
    summary, table = _fit(report, _heads(plan), fixed, headline, _stage_sentence(report))
    doc.masthead_number(s.title, s.issue_label(max(1, len(report.series))))
    doc.title(WEEKLY_TITLE)
    doc.properties(title=WEEKLY_TITLE.replace("\n", ""), author=s.printer_name, day=day)
    doc.blank()
    doc.run(doc.paragraph(), f"{s.to}：", condense=True)
    doc.body(intro)
    doc.heading("一、总体情况")
    doc.body(summary)
    for line in notes:
        doc.body(line)
    n = 2
    if table is not None:
        doc.heading(f"{_numeral(n)}、逾期和受阻事项")
        _division_table(doc, table)
        n += 1
    doc.heading(f"{_numeral(n)}、整改要求")
    for k, (head, text) in enumerate(points, start=1):
        doc.body((f"（{_numeral(k)}）{head}", KAITI), text)
    doc.attachment_list(list(ANNEXES))
    doc.signature(s.issuer, day, note)
    _annexes(doc, report)
    add_colophon(doc, s.cc, s.printer_name, day, own_page=True)
    doc.save(path)


def _annexes(doc: GovDocument, report: WeeklyReport) -> None:
    """附件1–3 on landscape pages."""
    doc.page_break(landscape=True)
    doc.attachment(1, ANNEXES[0])
    _annex(doc, OVERDUE_HEADERS, overdue_rows(report), (3, 3.4, 15, 6.6, 4, 5, 3.4, 3.4, 3.4, 4, 3, 4.4),
           level_column=11, centre=(0, 1, 4, 5, 6, 7, 8, 9, 10, 11), into=2, size=WU)
    doc.attachment(2, ANNEXES[1], new_page=True)
    meaning = _level_meaning(report)
    if meaning and len(report.rectification):
        doc.run(doc.paragraph(indent=2, line=XIAOSI * 1.5), f"督办等级：{meaning}。", size=XIAOSI)
    _annex(doc, ANNEX2_HEADERS, annex2_rows(report), (2.8, 13.1, 5.4, 5.4, 4, 10.5, 5.4, 5, 5.2, 7.8),
           level_column=8, centre=(0, 2, 3, 4, 6, 7, 8), size=WU, into=1)
    doc.attachment(3, ANNEXES[2], new_page=True)
    rows, spans = lists_rows(report)
    if rows:
        made = add_table(doc, LISTS_HEADERS, rows, (2.2, 7.6, 3, 15, 7, 11), size=XIAOSI, centre=(0, 1, 2))
        for first, last in spans:
            if last > first:
                made.cell(first, 1).merge(made.cell(last, 1))
    else:
        doc.body("（无）")


def _annex(doc: GovDocument, headers: Sequence[str], rows: Sequence[Sequence[object]], widths: Sequence[float],
           *, level_column: int, centre: Sequence[int], size: float = XIAOSI, into: int = 1) -> None:
    if not rows:
        doc.body("（无）")
        return
    headers, rows, widths, dropped = drop_empty_column(headers, rows, widths, "责任人", into=into)
    if dropped >= 0:
        centre = [c - (c > dropped) for c in centre if c != dropped]
        level_column -= level_column > dropped
    fills = {level_column: {_LEVEL_WORDS[k]: v for k, v in LEVEL_FILLS.items()}}
    add_table(doc, headers, rows, widths, size=size, centre=centre, fills=fills)


def office_name(settings: ReportSettings) -> str:
    """How the body names the issuing office: 我办 for an 办公室, 我局 for a 局, 我处 for a 处 ….

    >>> office_name(ReportSettings()), office_name(ReportSettings(issuer="某局", printer="某局法规处"))
    ('我办', '我处')
    """
    return office_word(settings.printer_name)


def _requirement_points(report: WeeklyReport, s: ReportSettings) -> list[tuple[str, str]]:
    """三、整改要求: (run-in heading, text) for each point."""
    year = report.week_ending.year
    feedback = _short(_feedback(report, s), year)
    office = office_name(s)
    items = report.rectification
    counts = {v: sum(1 for i in items if i.level.value == v) for v in ("红", "黄", "蓝")}
    points: list[tuple[str, str]] = []
    if len(items):
        limit = _short(min(i.time_limit for i in items), year)
        when = (f"于{limit}前完成整改并书面反馈{office}" if limit == feedback else
                f"于{limit}前完成整改，{feedback}前书面反馈{office}")
        points.append(("限时整改。", f"各牵头处室要对照附件2逐项制定整改计划、明确责任人、倒排工期，{when}。"
                                  + limit_sentence(report, limits(report))))
        levels = "、".join(f"{_LEVEL_WORDS[k]}{v}项" for k, v in counts.items() if v)
        serious = "、".join(_LEVEL_WORDS[k] for k in ("红", "黄") if counts[k])
        levels_text = (f"本期督办{levels}（等级划分见附件2）。"
                       + (f"{serious}事项由处室主要负责人亲自督促；" if serious else "")
                       + f"对整改不力、逾期未反馈的，{office}将提级督办，并在下期通报中点名。")
        points.append(("分级督办。", levels_text))
    else:
        points.append(("巩固成果。", f"本期无逾期事项，各处室要保持工作节奏，于{feedback}前报送进展。"))
    if report.blocked or report.due_next_week:
        text = ("因前置任务未完成而无法推进的任务，其牵头处室要对接前置任务牵头处室，前置任务完成后立即推进"
                if report.blocked else "")
        due = (f"下周到期的{len(report.due_next_week)}项任务（{due_divisions(report)}）要按期完成"
               if report.due_next_week else "")
        points.append(("协同推进。", "；".join(x for x in (text, due) if x) + "（附件3）。"))
    if not len(items):
        points.append(("跟踪问效。", f"{office}将跟踪督办，对新增逾期的，提级督办并予以通报。"))
    return points


#: The 通报's title and its attachments.
WEEKLY_TITLE = "关于法治政府建设示范创建任务\n推进情况的通报"
ANNEXES = ("逾期事项清单", "问题和责任清单", "受阻、下周到期和本周完成事项")


def _level_meaning(report: WeeklyReport) -> str:
    """督办等级 defined once, for the levels this issue has: 红色为逾期31个工作日以上 …."""
    from fazhi_tasks.analysis.rectify import EscalationLevels

    levels = EscalationLevels()
    if any(levels.level_for(i.workdays_overdue) is not i.level for i in report.rectification):
        return ""  # thresholds of its own: the levels are not defined here
    present = {i.level.value for i in report.rectification}
    said = {"红": f"红色为逾期{levels.red_from}个工作日以上",
            "黄": f"黄色为逾期{levels.yellow_from}至{levels.red_from - 1}个工作日",
            "蓝": f"蓝色为逾期{levels.yellow_from - 1}个工作日以内"}
    return "，".join(said[k] for k in ("红", "黄", "蓝") if k in present)


def by_division_sentence(report: WeeklyReport) -> str:
    """The overdue items by lead division in one sentence, for a body with no room for its table."""
    items = report.rectification.by_division()
    if not items:
        return ""
    said = "、".join(f"{division}{len(mine)}项" for division, mine in items.items())
    return f"逾期事项中，{said}（见附件1、附件2）。"


def _fit(report: WeeklyReport, heads: Mapping[str, str], fixed: float, headline: str, stages: str
         ) -> tuple[str, _Table | None]:
    """The summary and the table that keep the body within two pages.

    Everything else is fixed; the estimate counts each paragraph's lines at 28 characters and each table row
    at its tallest cell. The table lists every overdue item while it fits; then fewer a division (its first
    ones: root causes, the most overdue) down to two, then the summary drops the figures by stage, then one
    item a division.

    Where even one item a division does not fit, the summary names the divisions and how many items each has
    (the table is left to 附件1).
    """
    if not (report.overdue or report.blocked):
        return headline + stages, None
    most = max((len(v) for v in report.rectification.by_division().values()), default=1)
    tries = [(stages, n) for n in range(most, 1, -1)] + [("", 2), ("", 1)]
    for extra, limit in tries:
        table = _division_rows(report, heads, limit)
        if fixed + _lines(headline + extra) + _table_lines(table) + SAFETY <= BODY_LINES:
            return headline + extra, table
    return headline + by_division_sentence(report), None
