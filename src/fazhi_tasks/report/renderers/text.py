"""Plain text and Markdown renderings of a document (tabulate; wide characters line up).

Tables of up to ``WRAP_MAX_ROWS`` rows go through tabulate, long text wrapped. Longer tables — a
province's blocked list can run to 10⁵ rows — are laid out here in tabulate's ``simple`` style
without wrapping, a few times faster than tabulate's general path. Text output shows control
characters as escapes; Markdown output escapes HTML and Markdown syntax, so neither carries markup.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING

from tabulate import tabulate
from wcwidth import wcswidth

from fazhi_tasks.core.i18n import Lang, text
from fazhi_tasks.report.renderers.registry import SAFE_KINDS, converter, terminal_safe
from fazhi_tasks.report.views import section_title

if TYPE_CHECKING:
    from fazhi_tasks.report.document import Document, Section

__all__ = ["render_markdown", "render_text", "table_text"]

#: Width, in terminal columns, at which long text columns wrap in text output.
WRAP = 28
#: Tables longer than this are not wrapped and are laid out by the fast path: one line per row.
WRAP_MAX_ROWS = 500
#: Kinds of column whose text wraps.
_WIDE = ("long", "phrase")
#: Longest text wrapped in a terminal table (50 lines of ``WRAP``); longer is cut with "…" (tabulate's wrapping is
#: quadratic in a long word: a 100,000-character title took 16 s). JSON, HTML, XLSX and Word keep it whole.
WRAP_MAX_CHARS = WRAP * 50


def _width(text: str) -> int:
    """Terminal columns ``text`` takes (CJK characters take two)."""
    return len(text) if text.isascii() else max(wcswidth(text), len(text))


def _align(section: Section) -> list[str]:
    """Right-align number columns."""
    return ["right" if c.kind in ("int", "percent") else "left" for c in section.columns]


def _cells(section: Section, lang: Lang, clean: Callable[[str], str]) -> list[list[str]]:
    shows = [converter(c, lang) if c.kind in SAFE_KINDS else _cleaned(converter(c, lang), clean)
             for c in section.columns]
    return [[show(v) for show, v in zip(shows, row, strict=True)] for row in section.rows]


def _cleaned(show: Callable[[object], str], clean: Callable[[str], str]) -> Callable[[object], str]:
    return lambda v: clean(show(v))


def _long_table(headers: list[str], rows: list[list[str]], right: list[bool]) -> str:
    """A long table in tabulate's ``simple`` layout: padded columns two spaces apart, a dashed rule."""
    widths = [_width(h) + 2 for h in headers]
    cell_widths = [[_width(c) for c in row] for row in rows]
    for row in cell_widths:
        for i, w in enumerate(row):
            widths[i] = max(widths[i], w)

    def line(cells: list[str], sizes: list[int]) -> str:
        return "  ".join(" " * (widths[i] - sizes[i]) + c if right[i] else c + " " * (widths[i] - sizes[i])
                         for i, c in enumerate(cells)).rstrip()

    out = [line(headers, [_width(h) for h in headers]), "  ".join("-" * w for w in widths)]
    out.extend(line(row, sizes) for row, sizes in zip(rows, cell_widths, strict=True))
    return "\n".join(out)


def table_text(section: Section, lang: Lang = "zh", fmt: str = "simple", *, wrap: bool = True) -> str:
    """One section as a tabulate table in ``fmt``, long text wrapped (the fast ``simple`` layout for long tables)."""
    headers = [c.label(lang) for c in section.columns]
    rows = _cells(section, lang, terminal_safe)
    align = _align(section)
    if fmt == "simple" and len(rows) > WRAP_MAX_ROWS:
        return _long_table(headers, rows, [a == "right" for a in align])
    widths: list[int | None] | None = None
    if wrap and len(rows) <= WRAP_MAX_ROWS and any(c.kind in _WIDE for c in section.columns):
        widths = [WRAP if c.kind in _WIDE else None for c in section.columns]
        rows = [[c[:WRAP_MAX_CHARS - 1] + "…" if w and len(c) > WRAP_MAX_CHARS else c for c, w in zip(row, widths,
                                                                                                     strict=True)]
                for row in rows]
    return tabulate(rows, headers=headers, tablefmt=fmt, maxcolwidths=widths, disable_numparse=True,
                    colalign=align)


def render_text(doc: Document, lang: Lang = "zh", *, tablefmt: str = "simple") -> str:
    """The document as plain text for a terminal or an e-mail body."""
    out = [terminal_safe(doc.title.show(lang))]
    if doc.subtitle:
        out.append(terminal_safe(doc.subtitle.show(lang)))
    out.append("")
    if doc.lead:
        lead = terminal_safe(doc.lead.show(lang))
        out += lead.replace("；", "；\n").splitlines() if lang == "zh" else textwrap.wrap(lead, 100)
        out.append("")
    for note in doc.notes:
        out.append(f"* {terminal_safe(note.show(lang))}")
    if doc.notes:
        out.append("")
    for index, section in enumerate(doc.sections):
        out.append(terminal_safe(section_title(doc, index, section, lang)))
        out.append(table_text(section, lang, tablefmt) if section.rows else text("none", lang))
        if section.note is not None:
            out.append(f"（{section.note.show(lang)}）" if lang == "zh" else f"({section.note.show(lang)})")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]|~#!])")
# Anything md() would change: Markdown syntax, HTML's <>&, line breaks, control characters, bidi overrides.
_MD_ANY = re.compile("[\\\\`*_{}\\[\\]|~#!<>&\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def md(value: str) -> str:
    r"""Text made inert for Markdown: HTML escaped, Markdown syntax backslashed, one line.

    >>> md('<img src=x onerror=alert(1)> [a](javascript:x) a|b')
    '&lt;img src=x onerror=alert(1)&gt; \\[a\\](javascript:x) a\\|b'
    """
    if _MD_ANY.search(value) is None:
        return value
    return _MD_SPECIAL.sub(r"\\\1", escape(terminal_safe(value), quote=False)).replace("\n", " ").replace("\r", " ")


def render_markdown(doc: Document, lang: Lang = "zh") -> str:
    """The document as GitHub-flavoured Markdown, every piece of text inert."""
    out = [f"# {md(doc.title.show(lang))}", ""]
    if doc.subtitle:
        out += [f"**{md(doc.subtitle.show(lang))}**", ""]
    if doc.lead:
        out += [md(doc.lead.show(lang)), ""]
    for note in doc.notes:
        out.append(f"> {md(note.show(lang))}")
    if doc.notes:
        out.append("")
    for index, section in enumerate(doc.sections):
        out += [f"## {md(section_title(doc, index, section, lang))}", ""]
        if section.rows:
            headers = [md(c.label(lang)) for c in section.columns]
            rows = _cells(section, lang, md)
            align = _align(section)
            if len(rows) > WRAP_MAX_ROWS:  # long tables unpadded: the same Markdown, laid out in one pass
                out.append("| " + " | ".join(headers) + " |")
                out.append("|" + "|".join("---:" if a == "right" else "---" for a in align) + "|")
                out.extend("| " + " | ".join(row) + " |" for row in rows)
            else:
                out.append(tabulate(rows, headers=headers, tablefmt="github", disable_numparse=True, colalign=align))
        else:
            out.append(md(text("none", lang)))
        if section.note is not None:
            out += ["", f"*{md(section.note.show(lang))}*"]
        out.append("")
    return "\n".join(out).rstrip() + "\n"
