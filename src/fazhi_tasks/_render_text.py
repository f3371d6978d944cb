"""Plain text and Markdown renderings of the weekly report (tabulate; wide characters line up)."""

from __future__ import annotations

import datetime as dt
import textwrap
from typing import TYPE_CHECKING

from tabulate import tabulate

from ._sections import Cell, Lang, Section, headline, label, sections, title

if TYPE_CHECKING:
    from ._weekly import WeeklyReport

__all__ = ["render_markdown", "render_text", "table_text"]

#: Width, in terminal columns, at which long text columns wrap in text output.
WRAP = 28
#: Tables longer than this are not wrapped: one line per row, and far quicker to lay out.
WRAP_MAX_ROWS = 500


def _cell(value: Cell) -> str | int | float:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _align(section: Section) -> list[str]:
    """Right-align columns that hold only numbers; numbers in text (ids like "001") stay text."""
    return ["right" if section.rows and all(isinstance(row[i], int | float) for row in section.rows) else "left"
            for i in range(len(section.headers))]


def table_text(section: Section, fmt: str = "simple", *, wrap: bool = True) -> str:
    """One section as a tabulate table in ``fmt``."""
    rows = [[_cell(c) for c in row] for row in section.rows]
    widths: list[int | None] | None = None
    if wrap and section.wide and len(section.rows) <= WRAP_MAX_ROWS:
        widths = [WRAP if i in section.wide else None for i in range(len(section.headers))]
    return tabulate(rows, headers=list(section.headers), tablefmt=fmt, maxcolwidths=widths,
                    disable_numparse=True, colalign=_align(section))


def render_text(report: WeeklyReport, lang: Lang = "zh") -> str:
    """The report as plain text."""
    name, week = title(report, lang)
    lead = headline(report, lang)
    lines = lead.replace("；", "；\n").splitlines() if lang == "zh" else textwrap.wrap(lead, 100)
    out = [name, week, "", *lines, ""]
    for note in report.notes:
        out.append(f"* {note}")
    for section in sections(report, lang):
        out.append(section.title)
        out.append(table_text(section) if section.rows else label("none", lang))
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _md(value: Cell) -> str | int | float:
    cell = _cell(value)
    if isinstance(cell, str):
        return cell.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")
    return cell


def render_markdown(report: WeeklyReport, lang: Lang = "zh") -> str:
    """The report as GitHub-flavoured Markdown."""
    name, week = title(report, lang)
    out = [f"# {_md(name)}", "", f"**{week}**", "", headline(report, lang), ""]
    for note in report.notes:
        out.append(f"> {note}")
    for section in sections(report, lang):
        out += [f"## {section.title}", ""]
        if section.rows:
            rows = [[_md(c) for c in row] for row in section.rows]
            out.append(tabulate(rows, headers=list(section.headers), tablefmt="github", disable_numparse=True,
                                colalign=_align(section)))
        else:
            out.append(label("none", lang))
        out.append("")
    return "\n".join(out).rstrip() + "\n"
