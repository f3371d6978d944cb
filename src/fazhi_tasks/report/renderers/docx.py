"""A document as a Word file: its own layout when it has one (the 督办通报), else GB/T 9704-styled tables."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

import attrs

from fazhi_tasks.core.errors import ArgumentError
from fazhi_tasks.core.i18n import Lang
from fazhi_tasks.report.renderers.registry import converter
from fazhi_tasks.report.views import section_title

if TYPE_CHECKING:
    from fazhi_tasks.io.settings import ReportSettings
    from fazhi_tasks.report.document import Document

__all__ = ["CHINESE_ONLY", "render_docx"]

#: Document kinds whose Word form is a Chinese 公文 layout of its own (no English version exists).
CHINESE_ONLY = frozenset({"weekly"})


@attrs.frozen
class _Table:
    """A section as the Word table writer takes it: title, headers, rows (dates kept as dates)."""

    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]


def render_docx(doc: Document, path: str | os.PathLike[str], lang: Lang = "zh", *,
                settings: ReportSettings | None = None) -> None:
    """Write ``doc`` as a .docx: its own Word layout when it has one, else its sections as titled tables.

    The date signed under the tables (成文日期) is the document's date, or the settings' ``date``.
    """
    from fazhi_tasks.analysis.rectify import RectificationList
    from fazhi_tasks.analysis.weekly import WeeklyReport
    from fazhi_tasks.report.gongwen.tables import tables_docx

    if doc.key in CHINESE_ONLY and lang != "zh":
        raise ArgumentError(key="err.word_chinese_only", field="lang", value=lang)
    if isinstance(doc.result, WeeklyReport):  # the 督办通报: a layout of its own
        from fazhi_tasks.report.gongwen.report import weekly_docx

        weekly_docx(doc.result, path, settings=settings, plan=doc.result.plan)
        return
    if isinstance(doc.result, RectificationList) and lang == "zh":  # the 问题和责任清单 公文
        from fazhi_tasks.report.gongwen.rectify import rectify_docx

        rectify_docx(doc.result, path, settings=settings)
        return
    tables = []
    for index, section in enumerate(doc.sections):
        shows = [converter(c, lang) for c in section.columns]
        kinds = [c.kind for c in section.columns]
        rows = tuple(tuple(v if k == "date" else show(v) for v, k, show in zip(row, kinds, shows, strict=True))
                     for row in section.rows)
        tables.append(_Table(section_title(doc, index, section, lang),
                             tuple(c.label(lang) for c in section.columns), rows))
    wide = any(len(s.columns) > 6 for s in doc.sections)
    subtitle = doc.subtitle.show(lang) if doc.subtitle else ""
    tables_docx(path, tables, title=doc.title.show(lang), date=doc.date, settings=settings, subtitle=subtitle,
                landscape=wide)
