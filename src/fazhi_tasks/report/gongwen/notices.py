"""The per-division 督办通知单 as Word documents (GB/T 9704-2012 layout).

Each division with overdue or blocked items (and, when asked, tasks due next week) gets a page: the division
and its head, the overdue items with 整改措施, 整改时限, 督办等级 in its colour and 责任人, the other open items,
and the feedback instruction; in one document or a file per division.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import attrs

from fazhi_tasks.core.errors import ArgumentError
from fazhi_tasks.io.settings import ReportSettings, chinese_date
from fazhi_tasks.report.gongwen.page import FANGSONG, LEVEL_FILLS, SI, WU, GovDocument, clean_text, oxml
from fazhi_tasks.report.gongwen.report import (
    _LEVEL_WORDS,
    _division_order,
    _feedback,
    _heads,
    _owners,
    _short,
    word_notes,
)
from fazhi_tasks.report.gongwen.tables import add_table
from fazhi_tasks.report.gongwen.weekly_lists import limits, measure, office_word

if TYPE_CHECKING:
    from fazhi_tasks.analysis.rectify import RectificationItem
    from fazhi_tasks.analysis.weekly import WeeklyReport
    from fazhi_tasks.model.plan import Plan

__all__ = ["notices_docx", "restart_page_numbers", "safe_file_name", "you"]


@attrs.frozen
class _Open:
    """One open item of a division's notice; ``level`` is empty for a blocked or due item."""

    task_id: str
    title: str
    problem: str
    measure: str
    limit: str
    level: str
    owner: str


def _open_items(report: WeeklyReport, include_due: bool) -> dict[str, list[_Open]]:
    year = report.week_ending.year
    owners = _owners(report)
    found: dict[str, list[_Open]] = {}
    seen: set[str] = set()
    item: RectificationItem
    reconciled = limits(report)  # the 通报's 整改时限: where the forecast says 7月16日 cannot hold, its proposal
    for item in report.rectification:
        limit = reconciled[item.task_id]
        found.setdefault(item.division, []).append(_Open(
            item.task_id, item.title, f"逾期{item.days_overdue}天（{item.workdays_overdue}个工作日）" +
            (f"，影响后续{item.holds_up}项任务" if item.holds_up else "") +
            (f"；受{'、'.join(item.root_causes)}逾期影响" if item.root_causes else ""),
            measure(item), _short(limit.time_limit, year) + ("（调整）" if limit.adjusted else ""),
            _LEVEL_WORDS[item.level.value],
            owners.get(item.task_id, "")))
        seen.add(item.task_id)
    for s in report.blocked:
        if s.task_id not in seen:
            seen.add(s.task_id)
            found.setdefault(s.task.division, []).append(_Open(
                s.task_id, s.task.title, f"受{'、'.join(s.root_causes)}逾期影响", "前置任务完成后立即推进",
                _short(s.task.deadline, year) if s.task.deadline else "长期", "", owners.get(s.task_id, "")))
    if include_due:
        for e in report.due_next_week:
            if e.task.id not in seen:
                seen.add(e.task.id)
                found.setdefault(e.task.division, []).append(_Open(
                    e.task.id, e.task.title, f"下周到期，当前{e.status.value}", "倒排工期，按期完成",
                    _short(e.task.deadline, year) if e.task.deadline else "", "", owners.get(e.task.id, "")))
    order = {d: n for n, d in enumerate(_division_order(report))}
    return dict(sorted(found.items(), key=lambda kv: order.get(kv[0], len(order))))


_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10))}


#: Most UTF-8 bytes of a name from a division (file systems count bytes: 255 a name, less the prefix and suffix).
_NAME_BYTES = 180


def safe_file_name(name: str, limit: int = 80) -> str:
    """A file name from a division's name: no path separators or characters Windows refuses, no invisible
    format characters (U+202E would show the name reversed), at most ``limit`` characters and 180 UTF-8 bytes.

    >>> safe_file_name("../执法/监督处:一科"), safe_file_name("CON"), safe_file_name("...")
    ('执法_监督处_一科', '_CON', '处室')
    >>> safe_file_name("执法\u202e监督处"), len(safe_file_name("处" * 80).encode())
    ('执法监督处', 180)
    """
    text = _UNSAFE.sub("_", unicodedata.normalize("NFC", clean_text(name)))
    text = "".join(c for c in text if unicodedata.category(c) not in ("Cf", "Cs", "Co")).strip(" ._")
    text = text[:limit]
    while len(text.encode("utf-8")) > _NAME_BYTES:
        text = text[:-1]
    text = text.strip(" .") or "处室"
    return f"_{text}" if text.upper().split(".")[0] in _RESERVED else text


def notices_docx(report: WeeklyReport, path: str | os.PathLike[str] | IO[bytes], *,
                 settings: ReportSettings | None = None, plan: Plan | None = None, include_due: bool = False,
                 split: bool = False) -> list[Any]:
    """Write the per-division 督办通知单: one page per division with overdue or blocked items.

    Args:
        report: The weekly report.
        path: The .docx to write, or with ``split`` the directory to write one file per division into
            (created if missing; each file named after its division).
        settings: Issuer settings; default :class:`ReportSettings`.
        plan: The plan, for the division heads (处室负责人).
        include_due: Also list the tasks due next week.
        split: One file per division instead of one document with a page per division.

    Returns:
        The files written (none when no division has an open item and ``split`` is set).

    >>> import datetime as dt, pathlib, tempfile, fazhi_tasks as ft
    >>> report = ft.weekly_report(ft.sample_plan(), ft.sample_updates(), dt.date(2021, 6, 25))
    >>> files = ft.notices_docx(report, pathlib.Path(tempfile.mkdtemp()), split=True)
    >>> [f.name for f in files][:2]
    ['督办通知单-政策法规处.docx', '督办通知单-行政审批处.docx']
    """
    s = settings or ReportSettings()
    groups = _open_items(report, include_due)
    heads = _heads(plan)
    if hasattr(path, "write"):  # a binary file object (a web response): the one document
        if split:
            raise ArgumentError(key="err.split_needs_folder", field="path", value=type(path).__name__)
        target: Any = path
    else:
        target = Path(path)
    if not split:
        doc = GovDocument()
        for n, (division, items) in enumerate(groups.items(), start=1):
            if n > 1:
                doc.page_break(landscape=False)
                restart_page_numbers(doc)  # each division's notice is numbered from — 1 —, on a sheet of its own
            _notice(doc, report, s, division, head=heads.get(division), items=items, n=n)
        if not groups:
            doc.title(_notice_title(s), f"（截至{chinese_date(report.week_ending)}）")
            doc.body("本期无逾期或受阻事项，无需下发督办通知单。")
        doc.save(target)
        return [target]
    target.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for n, (division, items) in enumerate(groups.items(), start=1):
        doc = GovDocument()
        _notice(doc, report, s, division, head=heads.get(division), items=items, n=n)
        name = f"督办通知单-{safe_file_name(division)}"
        out = target / f"{name}.docx"
        k = 2
        while out in written:
            out, k = target / f"{name}-{k}.docx", k + 1
        doc.save(out)
        written.append(out)
    return written


#: The notice's column grid (relative widths): both tables keep to it, so their rules line up; every header fits.
_GRID = (3.2, 14.1, 13.1, 5.2, 5, 4.1)


def you(division: str) -> str:
    """How a notice addresses a division: 你处, 你室 (办公室), 你中心 ….

    >>> you("政策法规处"), you("办公室"), you("应急指挥中心"), you("执法支队"), you("某科")
    ('你处', '你室', '你中心', '你支队', '你科')
    """
    for ending in ("中心", "支队", "大队", "处", "室", "科", "局", "所", "站", "院", "队"):
        if division.endswith(ending):
            return f"你{ending}"
    return "你单位"


def restart_page_numbers(doc: GovDocument) -> None:
    """Number the last section's pages from 1 again, starting on an odd page: printed on both sides, each
    division's notice begins a sheet of its own (Word, WPS and LibreOffice put in the blank page it needs)."""
    from docx.enum.section import WD_SECTION
    from docx.oxml.ns import qn

    doc.doc.sections[-1].start_type = WD_SECTION.ODD_PAGE
    sect = doc.doc.sections[-1]._sectPr

    for old in sect.findall(qn("w:pgNumType")):
        sect.remove(old)
    number = oxml("w:pgNumType", start="1")
    anchor = next((c for c in sect if c.tag in {qn("w:cols"), qn("w:formProt"), qn("w:vAlign"), qn("w:noEndnote"),
                                               qn("w:titlePg"), qn("w:textDirection"), qn("w:bidi"),
                                               qn("w:rtlGutter"), qn("w:docGrid")}), None)
    if anchor is not None:
        anchor.addprevious(number)
    else:
        sect.append(number)


def _notice_title(s: ReportSettings) -> str:
    return s.title.removesuffix("通报") + "通知单" if s.title.endswith("通报") else f"{s.title}通知单"


def _notice(doc: GovDocument, report: WeeklyReport, s: ReportSettings, division: str, *, head: str | None,
            items: Sequence[_Open], n: int) -> None:
    """One division's page: the overdue items with measure, time limit and level; then the other open items."""
    day = s.date or report.week_ending
    year = report.week_ending.year
    number = f"{s.issue_label(max(1, len(report.series)))} 第{n}号"
    doc.masthead(_notice_title(s), number, s.issuer, None)  # a 下行文: no 签发人
    doc.run(doc.paragraph(), f"{division}{f'（负责人：{head}）' if head else ''}：", condense=True)
    include_due = any(i.problem.startswith("下周到期") for i in items)
    overdue = [i for i in items if i.level]
    other = [i for i in items if not i.level]
    counts = "，".join(x for x in (f"逾期事项{len(overdue)}项" if overdue else "",
                                  f"{'受阻或下周到期' if include_due else '受阻'}任务{len(other)}项" if other else "")
                      if x)
    doc.body(f"截至{chinese_date(report.week_ending)}，{you(division)}牵头的{counts}，现予督办。")
    fills = {4: {_LEVEL_WORDS[k]: v for k, v in LEVEL_FILLS.items()}}
    if overdue:
        rows = [(k, f"{i.task_id} {i.title}：{i.problem}", i.measure, i.limit, i.level, i.owner)
                for k, i in enumerate(overdue, start=1)]
        add_table(doc, ("序号", "逾期事项", "整改措施", "整改时限", "督办等级", "责任人"), rows,
                  (*_GRID[:4], _GRID[4], _GRID[5]), size=WU, centre=(0, 3, 4, 5), fills=fills)
    if other:
        if overdue:
            doc.paragraph(line=6)
        others = [(k, f"{i.task_id} {i.title}", i.problem, i.limit, i.owner)
                  for k, i in enumerate(other, start=len(overdue) + 1)]
        add_table(doc, ("序号", "受阻任务" if not include_due else "受阻或下周到期任务", "原因", "完成时限", "责任人"),
                  others, (*_GRID[:3], _GRID[3] + _GRID[4], _GRID[5]), size=WU, centre=(0, 3, 4))  # the same grid
    feedback = _short(_feedback(report, s), year)
    contact = "，".join(x for x in (f"联系人：{s.contact}" if s.contact else "",
                                     f"联系电话：{s.phone}" if s.phone else "") if x)
    what = "整改情况" if overdue else "办理情况"
    doc.body(f"请于{feedback}前将{what}书面反馈{office_word(s.printer_name)}" + (f"（{contact}）" if contact else "")
             + "。逾期未反馈或整改不到位的，将提级督办，并在下期督办通报中点名。")
    for line in word_notes(report, calendar_only=True):
        doc.run(doc.paragraph(indent=2, line=SI + 10), line, size=SI)
    doc.signature(s.issuer, day)
    doc.doc.paragraphs[-1].paragraph_format.keep_with_next = True  # the 签收 line stays with the 署名
    p = doc.paragraph(align="left", line=SI + 10, before=4)
    doc.run(p, "签收人：　　　　　　　　签收日期：　　　年　　月　　日", FANGSONG, SI)
