"""The 问题和责任清单 as a Word document: one table, the items grouped by 责任处室, numbered 1…n.

Landscape A4 after GB/T 9704: the title 问题和责任清单 with the date and count under it; one table whose
责任处室 cell spans each division's rows (the responsibility list), 序号 running 1…n down the table, the
整改时限 on one line, the 督办等级 shaded in the colours of the 督办通报; the 落款 under it and the 版记 at the
foot of the last page (an even one).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from fazhi_tasks.io.settings import ReportSettings, chinese_date
from fazhi_tasks.report.gongwen.page import LEVEL_FILLS, WU, GovDocument
from fazhi_tasks.report.gongwen.report import _LEVEL_WORDS, _short
from fazhi_tasks.report.gongwen.tables import add_colophon, add_table
from fazhi_tasks.report.gongwen.weekly_lists import drop_empty_column

if TYPE_CHECKING:
    from fazhi_tasks.analysis.rectify import RectificationList

__all__ = ["RECTIFY_TITLE", "rectify_docx", "rectify_rows"]

RECTIFY_TITLE = "问题和责任清单"
_HEADERS = ("序号", "责任处室", "问题", "配合处室", "责任人", "整改措施", "整改时限", "督办等级", "完成情况")
#: Relative widths on the landscape type area (225 mm): 整改时限 holds "2021年12月31日" on one line, and every
#: header fits its column.
_WIDTHS = (3.2, 6.4, 16.2, 6, 4.6, 14, 10.6, 5.8, 9.2)


def rectify_rows(items: RectificationList) -> tuple[list[tuple[object, ...]], list[tuple[int, int]]]:
    """The rows by 责任处室 (divisions in order of their first item), numbered 1…n down the table, and each
    division's first and last row (1 = the first data row)."""
    rows: list[tuple[object, ...]] = []
    spans: list[tuple[int, int]] = []
    for division, group in items.by_division().items():
        start = len(rows) + 1
        for k, i in enumerate(group):
            rows.append((start + k, division if k == 0 else "", i.problem, "、".join(i.supporting), i.owner or "",
                         i.measure, _short(i.time_limit, items.as_of.year), _LEVEL_WORDS[i.level.value], i.progress))
        spans.append((start, len(rows)))
    return rows, spans


def rectify_docx(items: RectificationList, path: str | os.PathLike[str], *,
                 settings: ReportSettings | None = None) -> None:
    """Write the 问题和责任清单 as one grouped table on landscape pages, with 落款 and 版记.

    Args:
        items: The rectification list.
        path: The .docx to write.
        settings: Issuer, 抄送, 印发单位, 联系人; default :class:`ReportSettings`.

    >>> import datetime as dt, pathlib, tempfile, fazhi_tasks as ft
    >>> day = dt.date(2021, 6, 25)
    >>> items = ft.rectification_list(ft.sample_plan(), ft.statuses_as_of(ft.sample_updates(), day), day)
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "清单.docx"
    >>> rectify_docx(items, out)
    >>> out.stat().st_size > 10000
    True
    """
    s = settings or ReportSettings()
    day = s.date or items.as_of
    doc = GovDocument()
    doc.turn(doc.doc.sections[0], landscape=True)
    doc.properties(title=RECTIFY_TITLE, author=s.printer_name, day=day)
    doc.title(RECTIFY_TITLE, f"（截至{chinese_date(items.as_of)}，共{len(items)}项）")
    doc.blank()
    rows, spans = rectify_rows(items)
    if rows:
        headers, rows, widths, dropped = drop_empty_column(_HEADERS, rows, _WIDTHS, "责任人", into=2)
        shift = 1 if dropped >= 0 else 0
        level = 7 - shift
        centre = [0, 1, 3, 6 - shift, level] + ([] if shift else [4])
        fills = {level: {_LEVEL_WORDS[k]: v for k, v in LEVEL_FILLS.items()}}
        table = add_table(doc, headers, rows, widths, size=WU, centre=centre, fills=fills)
        for first, last in spans:
            if last > first:
                table.cell(first, 1).merge(table.cell(last, 1))
    else:
        doc.body("本期无逾期事项，无整改项目。")
    contact = "，".join(x for x in (f"联系人：{s.contact}" if s.contact else "",
                                     f"联系电话：{s.phone}" if s.phone else "") if x)
    doc.signature(s.issuer, day, f"（{contact}）" if contact else "")
    add_colophon(doc, s.cc, s.printer_name, day, own_page=True)
    doc.save(path)
