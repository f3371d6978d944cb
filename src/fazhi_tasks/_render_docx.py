"""A document as a Word file: its own layout when it has one (the 督办通报), else GB/T 9704-styled tables."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

import attrs

from ._i18n import Lang
from ._render import converter
from ._views import section_title

if TYPE_CHECKING:
    from ._sections import Document
    from ._settings import ReportSettings

__all__ = ["render_docx"]


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
    from ._docx_tables import tables_docx

    if doc.word is not None:
        doc.word(path, lang)
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
