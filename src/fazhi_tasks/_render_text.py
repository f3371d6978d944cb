"""Plain text and Markdown renderings of the weekly report (tabulate; wide characters line up).

Tables of up to ``WRAP_MAX_ROWS`` rows go through tabulate, long text wrapped. Longer tables — a
province's blocked list can run to 10⁵ rows — are laid out here in tabulate's ``simple`` style
without wrapping, a few times faster than tabulate's general path.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from typing import TYPE_CHECKING

from tabulate import tabulate
from wcwidth import wcswidth

from ._sections import Cell, Lang, Section, headline, label, sections, title

if TYPE_CHECKING:
    from ._weekly import WeeklyReport

__all__ = ["render_markdown", "render_text", "table_text"]

#: Width, in terminal columns, at which long text columns wrap in text output.
WRAP = 28
#: Tables longer than this are not wrapped and are laid out by the fast path: one line per row.
WRAP_MAX_ROWS = 500


def _width(text: str) -> int:
    """Terminal columns ``text`` takes (CJK characters take two)."""
    return len(text) if text.isascii() else max(wcswidth(text), len(text))


def _long_table(section: Section) -> str:
    """A long table in tabulate's ``simple`` layout: padded columns two spaces apart, a dashed rule."""
    right = [a == "right" for a in _align(section)]
    rows = [[str(_cell(c)) for c in row] for row in section.rows]
    widths = [_width(h) + 2 for h in section.headers]
    cell_widths = [[_width(c) for c in row] for row in rows]
    for row in cell_widths:
        for i, w in enumerate(row):
            widths[i] = max(widths[i], w)

    def line(cells: list[str], sizes: list[int]) -> str:
        return "  ".join(" " * (widths[i] - sizes[i]) + c if right[i] else c + " " * (widths[i] - sizes[i])
                         for i, c in enumerate(cells)).rstrip()

    out = [line(list(section.headers), [_width(h) for h in section.headers]),
           "  ".join("-" * w for w in widths)]
    out.extend(line(row, sizes) for row, sizes in zip(rows, cell_widths, strict=True))
    return "\n".join(out)


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
    """One section as a tabulate table in ``fmt`` (the fast ``simple`` layout for long tables)."""
    if fmt == "simple" and len(section.rows) > WRAP_MAX_ROWS:
        return _long_table(section)
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
            if len(rows) > WRAP_MAX_ROWS:  # long tables unpadded: the same Markdown, laid out in one pass
                out.append("| " + " | ".join(section.headers) + " |")
                out.append("|" + "|".join("---:" if a == "right" else "---" for a in _align(section)) + "|")
                out.extend("| " + " | ".join(str(c) for c in row) + " |" for row in rows)
            else:
                out.append(tabulate(rows, headers=list(section.headers), tablefmt="github",
                                    disable_numparse=True, colalign=_align(section)))
        else:
            out.append(label("none", lang))
        out.append("")
    return "\n".join(out).rstrip() + "\n"
