"""The weekly report as one self-contained HTML page: inline CSS and SVG charts, A4 print styles.

Every piece of text passes through :func:`html.escape`; the page loads nothing from the network.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import TYPE_CHECKING

from ._sections import Cell, Lang, Section, headline, label, sections, title

if TYPE_CHECKING:
    from ._weekly import WeeklyReport

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
.legend { float: right; font-weight: normal; color: var(--muted); font-size: 12px; }
.dot { display: inline-block; width: 8px; height: 8px; border-radius: 50%; background: var(--red); margin-right: 4px; }
h2 { font-size: 16px; margin: 26px 0 8px; border-left: 4px solid var(--accent); padding-left: 8px; }
table { border-collapse: collapse; width: 100%; font-size: 12.5px; }
th, td { border: 1px solid var(--line); padding: 4px 6px; vertical-align: top; text-align: left; }
th { background: #f2f4f7; white-space: nowrap; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.date { white-space: nowrap; }
tbody tr:nth-child(even) { background: #fafbfc; }
.level { display: inline-block; min-width: 2em; text-align: center; border-radius: 3px; color: #fff;
         padding: 0 4px; font-weight: 600; }
.level-蓝, .level-blue { background: var(--blue); } .level-黄, .level-yellow { background: var(--yellow); }
.level-红, .level-red { background: var(--red); }
.new { color: var(--red); font-weight: 600; }
.empty { color: var(--muted); }
.notes { color: var(--muted); font-size: 12px; }
footer { margin-top: 28px; color: var(--muted); font-size: 11px; border-top: 1px solid var(--line);
         padding-top: 6px; }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 11px; }
  .cards { grid-template-columns: repeat(6, 1fr); }
  h2 { break-after: avoid; }
  tr, figure { break-inside: avoid; }
  thead { display: table-header-group; }
}
"""

_NUMERIC = {"total", "done", "in_progress", "not_started", "suspended_n", "overdue_n", "blocked_n", "days",
            "workdays", "weeks", "holds_up", "left", "no", "due_n", "rate"}


def _text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _table(section: Section, lang: Lang) -> str:
    if not section.rows:
        return f'<p class="empty">{escape(label("none", lang))}</p>'
    numeric = {i for i, h in enumerate(section.headers)
               if any(h == label(k, lang) for k in _NUMERIC)}
    level_col = label("level", lang)
    new_col = label("new", lang)
    head = "".join(f"<th>{escape(h)}</th>" for h in section.headers)
    rows = []
    for row in section.rows:
        cells = []
        for i, value in enumerate(row):
            text = escape(_text(value))
            header = section.headers[i]
            if header == level_col and text:
                cells.append(f'<td><span class="level level-{text}">{text}</span></td>')
            elif header == new_col and text:
                cells.append(f'<td class="new">{text}</td>')
            elif i in numeric:
                cells.append(f'<td class="num">{text}</td>')
            elif isinstance(value, dt.date):
                cells.append(f'<td class="date">{text}</td>')
            else:
                cells.append(f"<td>{text}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (f'<table id="{escape(section.key)}"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>")


def _division_bars(report: WeeklyReport, lang: Lang) -> str:
    groups = report.divisions
    row, left, width = 22, 170, 300
    height = row * len(groups) + 10
    parts = [(f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="100%" viewBox="0 0 {left + width + 60} '
              f'{height}" aria-label="{escape(label("divisions", lang))}">')]
    for k, g in enumerate(groups):
        y = 5 + k * row
        done = width * g.rate
        parts.append(f'<text x="{left - 6}" y="{y + 14}" text-anchor="end" font-size="12">{escape(g.name)}</text>')
        parts.append(f'<rect x="{left}" y="{y + 3}" width="{width}" height="14" fill="#eef1f4"/>')
        parts.append(f'<rect x="{left}" y="{y + 3}" width="{done:.1f}" height="14" fill="#15803d"/>')
        if g.overdue:
            parts.append(f'<circle cx="{left + width + 50}" cy="{y + 10}" r="5" fill="#b42318"/>')
        parts.append(f'<text x="{left + width + 6}" y="{y + 14}" font-size="12">{g.rate:.0%}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _series_chart(report: WeeklyReport, lang: Lang) -> str:
    points = report.series
    w, h, pad = 460, 200, 34
    top = max([p.done for p in points] + [report.summary.total, 1])
    n = max(len(points) - 1, 1)

    def xy(i: int, v: int) -> tuple[float, float]:
        return pad + (w - 2 * pad) * i / n, h - pad - (h - 2 * pad) * v / top

    line = " ".join("{:.1f},{:.1f}".format(*xy(i, p.done)) for i, p in enumerate(points))
    bars = []
    bar_w = max(1.0, (w - 2 * pad) / (n + 1) * 0.6)
    for i, p in enumerate(points):
        if p.done_in_week:
            x, y = xy(i, p.done_in_week)
            bars.append(f'<rect x="{x - bar_w / 2:.1f}" y="{y:.1f}" width="{bar_w:.1f}" '
                        f'height="{h - pad - y:.1f}" fill="#cbd5e1"/>')
    first = escape(points[0].week_ending.isoformat()) if points else ""
    last = escape(points[-1].week_ending.isoformat()) if points else ""
    x_last, y_last = xy(len(points) - 1, points[-1].done) if points else (0.0, 0.0)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="100%" viewBox="0 0 {w} {h}" '
            f'aria-label="{escape(label("series", lang))}">'
            f'<line x1="{pad}" y1="{h - pad}" x2="{w - pad}" y2="{h - pad}" stroke="#9aa5b1"/>'
            f'<line x1="{pad}" y1="{pad}" x2="{pad}" y2="{h - pad}" stroke="#9aa5b1"/>'
            f'<line x1="{pad}" y1="{xy(0, report.summary.total)[1]:.1f}" x2="{w - pad}" '
            f'y2="{xy(0, report.summary.total)[1]:.1f}" stroke="#d9dee4" stroke-dasharray="4 3"/>'
            f'<text x="{pad - 4}" y="{xy(0, report.summary.total)[1] + 4:.1f}" text-anchor="end" '
            f'font-size="11">{report.summary.total}</text>'
            f'<text x="{pad - 4}" y="{h - pad + 4}" text-anchor="end" font-size="11">0</text>'
            + "".join(bars)
            + f'<polyline points="{line}" fill="none" stroke="#b42318" stroke-width="2"/>'
            f'<circle cx="{x_last:.1f}" cy="{y_last:.1f}" r="3" fill="#b42318"/>'
            f'<text x="{x_last - 4:.1f}" y="{y_last - 6:.1f}" text-anchor="end" font-size="11">'
            f'{points[-1].done if points else 0}</text>'
            f'<text x="{pad}" y="{h - 10}" font-size="11">{first}</text>'
            f'<text x="{w - pad}" y="{h - 10}" text-anchor="end" font-size="11">{last}</text></svg>')


def render_html(report: WeeklyReport, lang: Lang = "zh") -> str:
    """The report as one HTML page."""
    name, week = title(report, lang)
    s = report.summary
    cards = [(label("total", lang), s.total, False), (label("done", lang), s.done, False),
             (label("rate", lang), f"{s.rate:.1%}", False), (label("overdue_n", lang), s.overdue, True),
             (label("blocked_n", lang), s.blocked, True), (label("due_n", lang), len(report.due_next_week), False)]
    card_html = "".join(f'<div class="card{" alert" if alert and value else ""}"><b>{escape(str(value))}</b>'
                        f"<span>{escape(text)}</span></div>" for text, value, alert in cards)
    body = [f"<header><h1>{escape(name)}</h1><p class=\"week\">{escape(week)}</p></header>",
            f'<p class="lead">{escape(headline(report, lang))}</p>',
            f'<div class="cards">{card_html}</div>']
    if report.notes:
        body.append('<p class="notes">' + "<br>".join(escape(n) for n in report.notes) + "</p>")
    body.append('<div class="charts">'
                f"<figure><figcaption>{escape(label('divisions', lang))} · {escape(label('rate', lang))}"
                f'<span class="legend"><i class="dot"></i>{escape(label("has_overdue", lang))}</span>'
                f"</figcaption>{_division_bars(report, lang)}</figure>"
                f"<figure><figcaption>{escape(label('series', lang))}</figcaption>"
                f"{_series_chart(report, lang)}</figure></div>")
    for section in sections(report, lang):
        body.append(f'<section><h2>{escape(section.title)}</h2>{_table(section, lang)}</section>')
    body.append(f"<footer>fazhi_tasks · {escape(report.week_ending.isoformat())}</footer>")
    html_lang = "zh-CN" if lang == "zh" else "en"
    return (f'<!DOCTYPE html>\n<html lang="{html_lang}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(name)} · {escape(week)}</title><style>{_CSS}</style></head>"
            f"<body>{''.join(body)}</body></html>\n")
