"""The forecast Gantt chart as SVG text: stages as bands, planned windows, projected work, deadlines, the report date.

Up to :data:`GANTT_MAX_TASKS` tasks it draws one row per task; above that one row per lead division per
stage (and at most :data:`GANTT_MAX_TASKS` rows, those with late tasks first), so a 10⁴–10⁶-task rollup
stays readable and the SVG stays under about 150 KB.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

import attrs

from fazhi_tasks.analysis.forecast import Forecast, ForecastEntry, StageOutlook
from fazhi_tasks.core.i18n import paren
from fazhi_tasks.model.plan import Plan
from fazhi_tasks.model.values import Stage, Status, Task, Update
from fazhi_tasks.report.svg import BLUE, FONT, ORANGE, RED, Lang, clip, esc, month_label, month_ticks, text_width, tr

__all__ = ["GANTT_MAX_TASKS", "gantt_svg"]

#: Above this many tasks the Gantt draws one row per division per stage (and at most this many rows).
GANTT_MAX_TASKS = 300

@attrs.frozen
class _Row:
    label: str
    tip: str
    planned: tuple[dt.date, dt.date]
    projected: tuple[dt.date, dt.date] | None
    deadline: dt.date
    state: str  # "holds" | "slips" | "done" | "suspended" | "open"


def _window_start(task: Task, plan: Plan, stage: Stage) -> dt.date:
    deadlines = [d for p in task.prerequisites if (d := plan[p].deadline) is not None]
    return max(deadlines) if deadlines else stage.start - dt.timedelta(days=1)


def _task_rows(plan: Plan, stage: Stage, tasks: list[Task], *, entries: dict[str, ForecastEntry],
               statuses: dict[str, Status], lang: Lang) -> list[_Row]:
    rows = []
    rank = plan.rank
    for task in sorted(tasks, key=lambda t: (t.deadline, rank[t.id])):
        assert task.deadline is not None
        e = entries.get(task.id)
        tip = tr("row", lang, id=task.id, title=task.title, deadline=task.deadline)
        if e is not None:
            state = "holds" if e.holds else "slips"
            tip += tr("row_ok" if e.holds else "row_fc", lang, finish=e.projected_finish, slip=e.slip_workdays)
            start = e.window_start or _window_start(task, plan, stage)
            projected: tuple[dt.date, dt.date] | None = (e.resumes or e.projected_finish, e.projected_finish)
        else:
            status = statuses.get(task.id)
            state = "done" if status is Status.DONE else "suspended" if status is Status.SUSPENDED else "open"
            if state != "open":
                tip += paren(tr(state, lang), lang)
            start, projected = _window_start(task, plan, stage), None
        rows.append(_Row(f"{task.id} {task.title}", tip, (start, task.deadline), projected, task.deadline, state))
    return rows


def _group_rows(plan: Plan, tasks: list[Task], *, entries: dict[str, ForecastEntry], statuses: dict[str, Status],
                stage: Stage, lang: Lang) -> list[tuple[int, _Row]]:
    """One row per lead division: its planned span, its open work's span, red when any task slips."""
    groups: dict[str, list[Task]] = {}
    for task in tasks:
        groups.setdefault(task.division, []).append(task)
    rows = []
    before = stage.start - dt.timedelta(days=1)
    for division, members in groups.items():
        forecast = [entries[t.id] for t in members if t.id in entries]
        late = sum(not e.holds for e in forecast)
        last = max(t.deadline for t in members if t.deadline is not None)
        starts = [e.window_start or before for e in forecast] or [before]
        projected = (min(e.resumes or e.projected_finish for e in forecast),
                     max(e.projected_finish for e in forecast)) if forecast else None
        done = all(statuses.get(t.id) is Status.DONE for t in members)
        state = "slips" if late else "holds" if forecast else "done" if done else "open"
        label = tr("group", lang, division=division, n=len(members), late=late)
        rows.append((late, _Row(label, label, (min(starts), last), projected, last, state)))
    return rows


def gantt_svg(plan: Plan, forecast: Forecast, statuses: Mapping[str, Update] | None = None, *, lang: Lang = "zh",
              max_tasks: int = GANTT_MAX_TASKS) -> str:
    """The Gantt chart: stages as bands, each task's planned window and projected finish, deadline marks,
    the report date, late bars in red.

    Up to ``max_tasks`` tasks with a deadline, one row per task (by deadline inside each stage);
    above that one row per lead division per stage, at most ``max_tasks`` rows (those with late tasks
    first), so the picture stays readable and small.

    Args:
        plan: The plan.
        forecast: Its forecast on the report date.
        statuses: The statuses on that date, to show done and suspended tasks as such (optional).
        lang: ``"zh"`` or ``"en"`` labels.
        max_tasks: The row limit.
    """
    states = {k: u.status for k, u in (statuses or {}).items()}
    entries = forecast.by_task()
    by_stage: dict[object, list[Task]] = {}
    for task in plan:
        if task.deadline is not None:
            by_stage.setdefault(task.stage, []).append(task)
    count = sum(len(v) for v in by_stage.values())
    aggregate = count > max_tasks
    outlook = {o.stage.number: o for o in forecast.by_stage()}
    sections: list[tuple[Stage, list[_Row]]] = []
    hidden = 0
    if aggregate:
        candidates = [(late, stage.number, i, row) for stage in plan.stages
                      for i, (late, row) in enumerate(_group_rows(plan, by_stage.get(stage.number, []), entries=entries,
                                                                   statuses=states, stage=stage, lang=lang))]
        kept = sorted(candidates, key=lambda c: (-c[0], c[1], c[2]))[:max_tasks]
        hidden = len(candidates) - len(kept)
        kept.sort(key=lambda c: (c[1], c[2]))
        for stage in plan.stages:
            sections.append((stage, [c[3] for c in kept if c[1] == stage.number]))
    else:
        for stage in plan.stages:
            sections.append((stage, _task_rows(plan, stage, by_stage.get(stage.number, []), entries=entries,
                                                    statuses=states, lang=lang)))
    return _draw_gantt(sections, outlook, forecast.as_of, lang=lang,
                       note=tr("aggregated", lang, n=count) if aggregate else "", hidden=hidden)


def _draw_gantt(sections: list[tuple[Stage, list[_Row]]], outlook: dict[int, StageOutlook], as_of: dt.date, *,
                lang: Lang, note: str, hidden: int) -> str:
    label_w, plot_w, row_h, head_h, top = 270, 880, 18, 24, 74
    width = label_w + plot_w + 20
    rows_total = sum(len(rows) for _, rows in sections)
    height = top + rows_total * row_h + len(sections) * head_h + (40 if hidden else 20)
    days = [as_of, *(s.start for s, _ in sections), *(s.end for s, _ in sections)]
    for _, rows in sections:
        for r in rows:
            days += [r.planned[0], r.planned[1], *(r.projected or ())]
    start, end = min(days) - dt.timedelta(days=3), max(days) + dt.timedelta(days=6)
    span = (end - start).days

    def x(day: dt.date) -> float:
        return label_w + plot_w * (day - start).days / span

    title = tr("gantt", lang) + (paren(note, lang) if note else "")
    out = [(f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
            f'height="{height}" font-family="{FONT}" font-size="12" role="img"><title>{esc(title)}</title>'),
           f'<text x="8" y="20" font-size="15" font-weight="bold" fill="#111827">{esc(title)}</text>']
    lx = 8.0
    swatches = (("window", '<rect x="{x}" y="32" width="22" height="12" rx="2" fill="#dbeafe"/>'),
                ("holds", f'<rect x="{{x}}" y="35" width="22" height="6" fill="{BLUE}"/>'),
                ("slips", f'<rect x="{{x}}" y="35" width="22" height="6" fill="{RED}"/>'),
                ("done", '<rect x="{x}" y="32" width="22" height="12" rx="2" fill="#bbf7d0"/>'),
                ("deadline", '<rect x="{x}" y="30" width="2.5" height="16" fill="#111827"/>'))
    for key, shape in swatches:
        out.append(shape.format(x=f"{lx:.0f}") + f'<text x="{lx + 28:.0f}" y="42" fill="#374151">'
                   f'{esc(tr(key, lang))}</text>')
        lx += 40 + text_width(tr(key, lang))
    body_top, body_bottom = top, height - (30 if hidden else 10)
    for i, month in month_ticks(start, end, 14):
        out.append(f'<line x1="{x(month):.1f}" x2="{x(month):.1f}" y1="{body_top - 6}" y2="{body_bottom}" '
                   f'stroke="#e5e7eb"/><text x="{x(month) + 3:.1f}" y="{body_top - 8}" fill="#4b5563">'
                   f'{esc(month_label(month, lang, month.month == 1 or i == 0))}</text>')
    y = float(body_top)
    for stage, rows in sections:
        out.append(_stage_head(stage, outlook.get(stage.number), y, group_h=head_h + len(rows) * row_h, x=x,
                               width=width, label_w=label_w, lang=lang))
        y += head_h
        for r in rows:
            out.append(_draw_row(r, y, row_h, label_w, x))
            y += row_h
    now = x(as_of)
    out.append(f'<line x1="{now:.1f}" x2="{now:.1f}" y1="{body_top - 22}" y2="{body_bottom}" stroke="{ORANGE}" '
               f'stroke-width="1.5" stroke-dasharray="4 3"/><text x="{now + 4:.1f}" y="{body_top - 22}" '
               f'fill="{ORANGE}" font-weight="bold">{esc(tr("today", lang, d=as_of))}</text>')
    if hidden:
        out.append(f'<text x="8" y="{height - 12}" fill="#4b5563">{esc(tr("more", lang, n=hidden))}</text>')
    out.append("</svg>")
    return "".join(out)


def _stage_head(stage: Stage, outlook: StageOutlook | None, y: float, *, group_h: float,
                x: Callable[[dt.date], float], width: int, label_w: int, lang: Lang) -> str:
    """A stage's band behind its rows, its header row, and where its end slips, by how much."""
    head_h = 24
    x0, x1 = x(stage.start), x(stage.end + dt.timedelta(days=1))
    out = [f'<rect x="{x0:.1f}" y="{y:.1f}" width="{x1 - x0:.1f}" height="{group_h}" fill="#f1f5f9"/>',
           f'<rect x="0" y="{y:.1f}" width="{width}" height="{head_h}" fill="#e2e8f0" fill-opacity="0.6"/>',
           f'<rect x="{x0:.1f}" y="{y + 4:.1f}" width="{x1 - x0:.1f}" height="{head_h - 8}" rx="3" fill="#64748b"/>']
    head = tr("stage_head", lang, n=stage.number, name=stage.name)
    out.append(f'<text x="8" y="{y + 16:.1f}" font-weight="bold" fill="#0f172a">{esc(clip(head, label_w - 12))}'
               f"</text>")
    inside = None
    if outlook is not None and not outlook.holds:
        text = tr("stage_late", lang, day=outlook.latest_finish, slip=outlook.slip_workdays)
        size = text_width(text)
        if x1 + 6 + size < width - 4:
            out.append(f'<text x="{x1 + 6:.1f}" y="{y + 16:.1f}" font-weight="bold" fill="{RED}">{esc(text)}</text>')
        elif x0 - 6 - size > label_w:
            out.append(f'<text x="{x0 - 6:.1f}" y="{y + 16:.1f}" text-anchor="end" font-weight="bold" '
                       f'fill="{RED}">{esc(text)}</text>')
        else:  # no room beside the band: inside it, white on slate
            inside = text
            out.append(f'<text x="{x1 - 6:.1f}" y="{y + 16:.1f}" text-anchor="end" font-weight="bold" '
                       f'fill="#ffffff">{esc(text)}</text>')
    window = tr("stage_window", lang, start=stage.start, end=stage.end)
    if inside is None and text_width(window, 11) + 12 < x1 - x0:
        out.append(f'<text x="{(x0 + x1) / 2:.1f}" y="{y + 16:.1f}" font-size="11" text-anchor="middle" '
                   f'fill="#ffffff">{esc(window)}</text>')
    return "".join(out)


_PLANNED_FILL = {"done": "#bbf7d0", "suspended": "#e5e7eb"}


def _draw_row(r: _Row, y: float, row_h: int, label_w: int, pos: Callable[[dt.date], float]) -> str:
    one = dt.timedelta(days=1)
    x0, x1 = pos(r.planned[0] + one), pos(r.planned[1] + one)
    colour = "#6b7280" if r.state in ("done", "suspended") else "#111827"
    parts = [f"<g><title>{esc(r.tip)}</title>",
             f'<text x="8" y="{y + 13:.1f}" fill="{colour}">{esc(clip(r.label, label_w - 16))}</text>',
             (f'<rect x="{x0:.1f}" y="{y + 3:.1f}" width="{max(x1 - x0, 2):.1f}" height="{row_h - 6}" rx="2" '
              f'fill="{_PLANNED_FILL.get(r.state, "#dbeafe")}"/>')]
    if r.projected is not None:
        p0, p1 = pos(r.projected[0] + one), pos(r.projected[1] + one)
        parts.append(f'<rect x="{p0:.1f}" y="{y + 6:.1f}" width="{max(p1 - p0, 2):.1f}" height="{row_h - 12}" '
                     f'fill="{RED if r.state == "slips" else BLUE}"/>')
    parts.append(f'<rect x="{x1 - 1:.1f}" y="{y + 1:.1f}" width="2.5" height="{row_h - 2}" fill="#111827"/></g>')
    return "".join(parts)
