"""Rendering a result: ``render(result, fmt)`` for every result the analysis returns, and its JSON data.

Results are data; this is the one place that knows which document each kind of result becomes. A result
(:class:`WeeklyReport`, :class:`Shortfalls`, :class:`RectificationList`, :class:`Forecast`, :class:`Rollup`,
the plan check's :class:`Findings`) or a laid-out :class:`Document` goes in; text comes out for ``text``,
``markdown``, ``html`` and ``json``, bytes for ``xlsx`` and ``docx`` — or, with ``path=``, the file is written
whole (or not at all) and its path returned. Nothing touches the disk unless ``path`` is given.

>>> import datetime as dt, json
>>> import fazhi_tasks as ft
>>> plan = ft.sample_plan()
>>> found = ft.find_shortfalls(plan, ft.statuses_as_of(ft.sample_updates(), dt.date(2021, 6, 30)), dt.date(2021, 6, 30))
>>> data = json.loads(render(found, "json"))
>>> data["schema_version"], data["kind"], data["counts"]["overdue"]
(1, 'shortfalls', 11)
>>> render(found, "xlsx")[:2]
b'PK'
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from fazhi_tasks.core.errors import ArgumentError, lang_of
from fazhi_tasks.report.document import Document
from fazhi_tasks.report.renderers.registry import BINARY, format_for, json_data
from fazhi_tasks.report.renderers.registry import render as render_document

if TYPE_CHECKING:
    from fazhi_tasks.io.settings import ReportSettings

__all__ = ["document_of", "render", "to_dict"]


def document_of(result: object, *, settings: ReportSettings | None = None, every: bool = False) -> Document:
    """The document a result is shown as (``every``: the forecast lists every open task, not only late ones)."""
    from fazhi_tasks.analysis.forecast import Forecast
    from fazhi_tasks.analysis.graph import Findings
    from fazhi_tasks.analysis.rectify import RectificationList
    from fazhi_tasks.analysis.rollup import Rollup
    from fazhi_tasks.analysis.shortfalls import Shortfalls
    from fazhi_tasks.analysis.weekly import WeeklyReport
    from fazhi_tasks.report.views import (
        findings_document,
        forecast_document,
        rectification_document,
        rollup_document,
        shortfalls_document,
        weekly_document,
    )

    if isinstance(result, Document):
        return result
    if isinstance(result, WeeklyReport):
        return weekly_document(result, settings=settings, plan=result.plan)
    if isinstance(result, Shortfalls):
        return shortfalls_document(result, plan_name=result.plan.name if result.plan is not None else "")
    if isinstance(result, RectificationList):
        return rectification_document(result, plan_name=result.plan.name if result.plan is not None else "")
    if isinstance(result, Forecast):
        plan = result.plan
        if plan is None:
            raise ArgumentError(key="err.render_needs_plan", field="result", value=type(result).__name__)
        return forecast_document(plan, result, result.statuses, (), every=every)
    if isinstance(result, Rollup):
        return rollup_document(result)
    if isinstance(result, Findings):
        if result.plan is None:
            raise ArgumentError(key="err.render_needs_plan", field="result", value=type(result).__name__)
        return findings_document(result.plan, result)
    raise ArgumentError(key="err.render_what", params={"type": type(result).__name__}, field="result",
                        value=type(result).__name__)


def render(result: object, fmt: str = "text", *, lang: str = "zh", settings: ReportSettings | None = None,
           path: str | os.PathLike[str] | IO[bytes] | None = None, **options: Any) -> str | bytes | Path:
    """``result`` in ``fmt`` and ``lang``: ``str`` for text formats, ``bytes`` for ``xlsx``/``docx``.

    Args:
        result: A weekly report, shortfalls, rectification list, forecast, rollup, plan check, or a document.
        fmt: ``text``, ``markdown``, ``html``, ``json``, ``xlsx`` or ``docx``; with ``path`` and no ``fmt``
            given as ``None``, the path's suffix decides.
        lang: ``zh`` (default; ``zh-CN``, ``zh-Hans``) or ``en`` (``en-US``).
        settings: The 通报 settings (issuer, 期号, …) for the Word forms.
        path: Write the file here (atomically: whole or not at all) and return its path; or a binary file
            object, written to and returned.
        options: For the renderer: ``tablefmt`` (text), ``portrait`` (html).

    Raises:
        ArgumentError: An unknown format or language, a format that does not fit ``path``'s suffix, or a
            Word 通报 asked for in English (the 督办通报 is written in Chinese only).
    """
    language = lang_of(lang)
    if path is not None and hasattr(path, "write"):  # a binary file object (a web response): write it there
        data = render(result, fmt, lang=language, settings=settings, **options)
        path.write(data if isinstance(data, bytes) else str(data).encode())
        return path  # type: ignore[return-value]
    fmt = format_for(path, fmt)
    doc = document_of(result, settings=settings)
    if fmt == "docx":
        options.setdefault("settings", settings)
    if path is not None:
        render_document(doc, fmt, lang=language, path=path, **options)
        return Path(path)
    if fmt in BINARY:
        buffer = io.BytesIO()
        render_document(doc, fmt, lang=language, path=buffer, **options)  # type: ignore[arg-type]
        return buffer.getvalue()
    shown = render_document(doc, fmt, lang=language, **options)
    assert shown is not None
    return shown


def to_dict(result: object, *, lang: str = "zh") -> dict[str, Any]:
    """``result`` as plain JSON data: an object with ``schema_version`` and ``kind`` (the same as ``json``)."""
    data = json_data(document_of(result), lang_of(lang))
    return json.loads(json.dumps(data, ensure_ascii=False, default=str))  # type: ignore[no-any-return]

