"""A document as one self-contained HTML page: inline CSS and SVG charts, A4 print styles.

Every piece of text passes through :func:`html.escape`; the page loads nothing from the network.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

import attrs

from fazhi_tasks.core.colours import LEVEL_FILLS, LEVEL_INK
from fazhi_tasks.core.i18n import Lang, text
from fazhi_tasks.report.document import Column
from fazhi_tasks.report.renderers.registry import cell, converter
from fazhi_tasks.report.views import section_title, title_line

if TYPE_CHECKING:
    from collections.abc import Sequence

    from fazhi_tasks.report.document import Document, Figure, Section

__all__ = ["render_html"]

_CSS = """
:root { --ink: #1f2933; --muted: #616e7c; --line: #d9dee4; --accent: #b42318; --blue: #2563eb;
        --yellow: #d97706; --red: #b42318; --ok: #15803d; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
       "WenQuanYi Micro Hei", sans-serif; color: var(--ink); margin: 0 auto; max-width: 1120px;
       padding: 24px 32px 48px; font-size: 14px; line-height: 1.55; }
header { border-bottom: 3px solid var(--accent); padding-bottom: 12px; margin-bottom: 16px; }
h1 { font-size: 22px; margin: 0 0 4px; letter-spacing: 0.02em; }
.week { color: var(--muted); margin: 0; }
.lead { font-size: 15px; background: #fdf6f5; border-left: 4px solid var(--accent); padding: 10px 14px;
        margin: 16px 0; }
.cards { display: grid; grid-template-columns: repeat(6, 1fr); gap: 10px; margin: 16px 0; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; }
.card b { display: block; font-size: 22px; }
.card span { color: var(--muted); font-size: 12px; }
.card.alert b { color: var(--red); }
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; margin: 8px 0 8px; }
figure { margin: 0; border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; }
figcaption { font-weight: 600; margin-bottom: 4px; }
figure.wide { grid-column: 1 / -1; }
figure svg { max-width: 100%; height: auto; }
.legend { float: right; font-weight: normal; color: var(--muted); font-size: 12px; }
.dot { display: inline-block; width: 8px; height: 8px; border-radius: 50%; background: var(--red); margin-right: 4px; }
h2 { font-size: 16px; margin: 26px 0 8px; border-left: 4px solid var(--accent); padding-left: 8px; }
table { border-collapse: collapse; width: 100%; font-size: 12.5px; }
th, td { border: 1px solid var(--line); padding: 4px 6px; vertical-align: top; text-align: left; }
th { background: #f2f4f7; white-space: nowrap; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.date, td.short { white-space: nowrap; }
tbody tr:nth-child(even) { background: #fafbfc; }
.level { display: inline-block; min-width: 2em; text-align: center; border-radius: 3px; color: #LEVEL_INK;
         padding: 0 4px; font-weight: 600; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
.level-blue { background: #LEVEL_BLUE; } .level-yellow { background: #LEVEL_YELLOW; }
.level-red { background: #LEVEL_RED; }
.new { color: var(--red); font-weight: 600; }
small.id { color: var(--muted); font-size: 11px; white-space: nowrap; }
.masthead { color: var(--accent); font-weight: 600; letter-spacing: 0.05em; margin: 0 0 6px; }
.signature { text-align: right; margin: 28px 24px 0 0; line-height: 1.9; }
.empty { color: var(--muted); }
.notes { color: var(--muted); font-size: 12px; }
footer { margin-top: 28px; color: var(--muted); font-size: 11px; border-top: 1px solid var(--line);
         padding-top: 6px; }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 11px; }
  .cards { grid-template-columns: repeat(6, 1fr); }
  h2 { break-after: avoid; }
  tr, figure.half { break-inside: avoid; }
  .charts { display: block; }
  figure { margin: 0 0 8px; }
  figure.half { display: inline-block; width: 49.5%; vertical-align: top; }
  figure.wide { break-before: page; break-inside: avoid; }
  figure.wide svg { display: block; max-height: 160mm; width: auto; margin: 0 auto; }
  thead { display: table-header-group; }
}
"""

_CSS = (_CSS.replace("LEVEL_INK", LEVEL_INK).replace("LEVEL_BLUE", LEVEL_FILLS["蓝"])
        .replace("LEVEL_YELLOW", LEVEL_FILLS["黄"]).replace("LEVEL_RED", LEVEL_FILLS["红"]))  # the Word colours

_PORTRAIT = "@page { size: A4 portrait; margin: 15mm 12mm; }"


def _table(section: Section, lang: Lang) -> str:
    if not section.rows:
        return f'<p class="empty">{escape(text("none", lang))}</p>'
    columns = section.columns
    if len(columns) > 1 and columns[0].key == "id" and columns[1].key == "title":  # the id small beside the title
        section = attrs.evolve(section, columns=columns[1:],
                               rows=tuple((_Titled(row[1], row[0]), *row[2:]) for row in section.rows))
        columns = section.columns
    head = "".join(f'<th class="col-{escape(c.kind)}">{escape(c.label(lang))}</th>' for c in columns)
    shows = [converter(c, lang) for c in columns]
    rows = []
    for row in section.rows:
        cells = []
        for value, column, show in zip(row, columns, shows, strict=True):
            if isinstance(value, _Titled):
                cells.append(f'<td>{escape(value.title)} <small class="id">{escape(value.task_id)}</small></td>')
                continue
            shown = escape(show(value))
            kind = column.kind
            if kind == "level" and shown:
                cells.append(f'<td><span class="level level-{_level_class(value)}">{shown}</span></td>')
            elif kind == "flag" and shown:
                cells.append(f'<td class="new">{shown}</td>')
            elif kind in ("int", "percent"):
                cells.append(f'<td class="num">{shown}</td>')
            elif kind == "date":
                cells.append(f'<td class="date">{shown}</td>')
            elif kind == "text" and len(shown) <= 12:
                cells.append(f'<td class="short">{shown}</td>')
            else:
                cells.append(f"<td>{shown}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (f'<table id="{escape(section.key)}"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>")


def _figures(figures: Sequence[Figure], lang: Lang) -> str:
    return '<div class="charts">' + "".join(
        f'<figure class="{"wide" if f.wide else "half"}"><figcaption>{escape(f.title.show(lang))}</figcaption>'
        f"{f.svg(lang)}</figure>" for f in figures) + "</div>"


@attrs.frozen
class _Titled:
    """A task's title with its id, shown together in one cell."""

    title: str
    task_id: str


def render_html(doc: Document, lang: Lang = "zh", *, portrait: bool = False) -> str:
    """The document as one HTML page: header, lead, figures, numbered tables; every text escaped.

    Args:
        doc: What to show.
        lang: ``zh`` or ``en``.
        portrait: Print on A4 portrait (default landscape, for wide tables).
    """
    name = doc.title.show(lang)
    sub = doc.subtitle.show(lang) if doc.subtitle else ""
    masthead = f'<p class="masthead">{escape(doc.masthead.show(lang))}</p>' if doc.masthead else ""
    body = [f"<header>{masthead}<h1>{escape(name)}</h1>" + (f'<p class="week">{escape(sub)}</p>' if sub else "")
            + "</header>"]
    if doc.lead:
        body.append(f'<p class="lead">{escape(doc.lead.show(lang))}</p>')
    if doc.cards:
        cards = "".join(
            f'<div class="card{" alert" if c.alert and c.value else ""}"><b>'
            f"{escape(cell(c.value, Column(c.label, c.kind), lang))}</b><span>{escape(text(c.label, lang))}</span>"
            "</div>" for c in doc.cards)
        body.append(f'<div class="cards">{cards}</div>')
    if doc.notes:
        body.append('<p class="notes">' + "<br>".join(escape(n.show(lang)) for n in doc.notes) + "</p>")
    half = [f for f in doc.figures if not f.wide]
    wide = [f for f in doc.figures if f.wide]  # a Gantt of a whole plan: after the sections it illustrates
    if half:
        body.append(_figures(half, lang))
    for index, section in enumerate(doc.sections):
        note = f'<p class="notes">{escape(section.note.show(lang))}</p>' if section.note is not None else ""
        body.append(f"<section><h2>{escape(section_title(doc, index, section, lang))}</h2>"
                    f"{_table(section, lang)}{note}</section>")
    if wide:
        body.append(_figures(wide, lang))
    if doc.signature:
        body.append('<p class="signature">' + "<br>".join(escape(p.show(lang)) for p in doc.signature) + "</p>")
    body.append(f"<footer>{escape(title_line(doc, lang))}</footer>")
    html_lang = "zh-CN" if lang == "zh" else "en"
    return (f'<!DOCTYPE html>\n<html lang="{html_lang}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title_line(doc, lang))}</title><style>{_CSS}"
            f"{_PORTRAIT if portrait else ''}</style></head>"
            f"<body>{''.join(body)}</body></html>\n")


def _level_class(value: object) -> str:
    """The CSS class of a 督办等级: its English code (``red``), whatever the language shown."""
    name = getattr(value, "name", None)
    return escape(name.lower() if isinstance(name, str) else str(value))
