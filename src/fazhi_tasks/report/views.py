"""Each result laid out as a :class:`~fazhi_tasks.report.document.Document`: the one place that decides what is shown.

The weekly report, the plan check, the phased order, the shortfalls and the rectification list each
get a builder here; the command line and the ``to_*`` methods render what these return. Builders pick
values and columns; wording comes from the language table, formatting from the renderers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from fazhi_tasks.analysis.weekly import headline_phrase
from fazhi_tasks.core.i18n import Lang, join, month_day, text
from fazhi_tasks.report.document import Card, Column, Document, Figure, Phrase, Section

if TYPE_CHECKING:
    from fazhi_tasks.analysis.forecast import Forecast
    from fazhi_tasks.analysis.graph import Finding, Phase
    from fazhi_tasks.analysis.rectify import RectificationItem, RectificationList
    from fazhi_tasks.analysis.rollup import Rollup
    from fazhi_tasks.analysis.shortfalls import Shortfall, Shortfalls
    from fazhi_tasks.analysis.weekly import WeeklyReport
    from fazhi_tasks.io.settings import ReportSettings
    from fazhi_tasks.io.sheets.summary import ReadSummary
    from fazhi_tasks.model.calendar import CalendarYear
    from fazhi_tasks.model.plan import Plan
    from fazhi_tasks.model.values import Task

__all__ = ["findings_document", "phases_document", "rectification_document", "shortfalls_document",
           "weekly_document"]

C = Column
_TASK = (C("id"), C("title", "long"), C("division"), C("deadline", "date"))


def _calendar_notes(*results: Any) -> tuple[Phrase, ...]:
    """The note that dates past the official holiday data were counted Monday to Friday, once, if any result did."""
    from fazhi_tasks.model.calendar import calendar_note, first_fallback

    fallback = first_fallback(*(getattr(r, "calendar_fallback", None) for r in results))
    return (calendar_note(fallback),) if fallback is not None else ()


def _leads(task: Task) -> str | tuple[str, ...]:
    return task.leads if task.co_leads else task.division


def _with_people(plan_tasks: Sequence[Any], columns: tuple[Column, ...]) -> tuple[Column, ...]:
    """Add 责任人 and 原定时限 columns when any of the tasks shown has them."""
    extra = []
    if any(t.owner for t in plan_tasks):
        extra.append(C("owner"))
    if any(t.original_deadline for t in plan_tasks):
        extra.append(C("original_deadline", "date"))
    return columns + tuple(extra)


def _people(task: Any, columns: tuple[Column, ...]) -> tuple[Any, ...]:
    keys = {c.key for c in columns}
    return ((task.owner,) if "owner" in keys else ()) + (
        (task.original_deadline,) if "original_deadline" in keys else ())


def _task_section(key: str, title: Phrase, columns: tuple[Column, ...], entries: Sequence[tuple[Any, tuple[Any, ...]]],
                  ) -> Section:
    """A table of tasks: the task columns, then ``columns``, then 责任人 / 原定时限 when known."""
    tasks = [t for t, _ in entries]
    full = _with_people(tasks, _TASK + columns)
    rows = tuple((t.id, t.title, _leads(t), t.deadline, *rest, *_people(t, full)) for t, rest in entries)
    return Section(key, title, full, rows)


def weekly_document(report: WeeklyReport, *, settings: ReportSettings | None = None,
                    plan: Plan | None = None) -> Document:
    """The weekly report: summary, overdue, resolved, completed, blocked, due, divisions, rectification, …

    Its Word form is the 督办通报 (GB/T 9704 layout) written with ``settings``.
    """
    from fazhi_tasks.report.renderers.charts import division_bars, series_chart

    s = report.summary
    _, week = report.iso_week
    stage_cols = (C("stage"), C("total", "int"), C("done", "int"), C("in_progress", "int"),
                  C("not_started", "int"), C("suspended_n", "int"), C("overdue_n", "int"), C("blocked_n", "int"),
                  C("rate", "percent"))

    def counts(g: Any, name: Any) -> tuple[Any, ...]:
        return (name, g.total, g.done, g.in_progress, g.not_started, g.suspended, g.overdue, g.blocked, g.rate)

    joint = any(t.task.co_leads for t in report.overdue) or report.joint_leads
    sections = [
        Section("summary", Phrase("summary"), stage_cols,
                (*(counts(g, g.name) for g in report.stages), counts(s, Phrase("all")))),
        _task_section("overdue", Phrase("overdue"), (
            C("days", "int"), C("workdays", "int"), C("weeks", "int"), C("holds_up", "int"), C("root_causes", "ids"),
            C("new", "flag")), [(e.task, (e.shortfall.days_overdue, e.shortfall.workdays_overdue, e.weeks_overdue,
                                          e.shortfall.holds_up, e.shortfall.root_causes, e.new))
                                for e in report.overdue]),
        _task_section("resolved", Phrase("resolved"), (C("status", "word"), C("date", "date")),
                      [(e.task, (e.status, e.on)) for e in report.resolved]),
        _task_section("completed", Phrase("completed"), (C("date", "date"), C("late", "flag")),
                      [(e.task, (e.on, bool(e.on and e.task.deadline and e.on > e.task.deadline)))
                       for e in report.completed]),
        *((_pending_section(report),) if report.pending else ()),
        _task_section("blocked", Phrase("blocked"), (C("status", "word"), C("root_causes", "ids")),
                      [(b.task, (b.status, b.root_causes)) for b in report.blocked]),
        _task_section("due", Phrase("due"), (C("left", "int"), C("status", "word"), C("root_causes", "ids")),
                      [(e.task, (e.workdays_left, e.status, e.root_causes)) for e in report.due_next_week]),
        Section("divisions", Phrase("divisions"),
                (C("division_h"), C("total", "int"), C("done", "int"), C("rate", "percent"), C("overdue_n", "int"),
                 C("blocked_n", "int"), C("due_n", "int")),
                tuple((g.name, g.total, g.done, g.rate, g.overdue, g.blocked, g.due_next_week)
                      for g in report.divisions),
                note=Phrase("divisions_note") if joint else None),
        _reconciled_section(report),
        *(forecast_sections(report.forecast, titles=("forecast.stages", "forecast.slipping",
                                                     "forecast.commitments"))[:2]
          if report.forecast is not None else ()),
        _task_section("suspended", Phrase("suspended"), (), [(t, ()) for t in report.suspended]),
        Section("coverage", Phrase("coverage"),
                (C("indicator"), C("name", "long"), C("total", "int"), C("done", "int"), C("overdue_n", "ids"),
                 C("blocked_n", "ids")),
                tuple((c.number, c.title, len(c.task_ids), c.done, c.overdue, c.blocked) for c in report.coverage)),
    ]
    cards = (Card("total", s.total), Card("done", s.done), Card("rate", s.rate, kind="percent"),
             Card("overdue_n", s.overdue, alert=True), Card("blocked_n", s.blocked, alert=True),
             Card("due_n", len(report.due_next_week)))
    figures = (Figure(Phrase("divisions_chart"), lambda lang: division_bars(report, lang)),
               Figure(Phrase("series"), lambda lang: series_chart(report, lang)),
               *_forecast_figures(report))
    from fazhi_tasks.report.renderers.json import render_dict

    masthead, signature = _issued(report, settings)
    return Document(
        "weekly", Phrase.literal(report.plan_name), masthead=masthead, signature=signature,
        subtitle=Phrase("report_week", {"week": week, "start": report.week_start, "end": report.week_ending}),
        lead=headline_phrase(report), notes=report.notes, cards=cards, figures=figures, sections=tuple(sections),
        numbered=True, data=lambda lang: render_dict(report, lang), date=report.week_ending,
        result=report if plan is None or plan is report.plan else attrs.evolve(report, plan=plan))


def _pending_section(report: WeeklyReport) -> Section:
    """待审核事项: the tasks reported 已完成 that the office has not yet passed (销号), with the day reported."""
    section = _task_section("pending", Phrase("pending"), (C("reported_on", "date"),),
                            [(e.task, (e.reported,)) for e in report.pending])
    return attrs.evolve(section, note=Phrase("pending_note"))


def _issued(report: WeeklyReport, settings: ReportSettings | None) -> tuple[Phrase | None, tuple[Phrase, ...]]:
    """The masthead (通报名称 · 期号 · 发文单位) and the 落款 of the weekly report, from the 通报 settings.

    The bureau's own names are data, shown as written; the package's defaults and the labels are words of the
    language table, so an English page has an English masthead.
    """
    from fazhi_tasks.io.settings import ReportSettings

    if settings is None:
        return None, ()
    default = ReportSettings()

    def given(value: str, default_value: str, key: str) -> object:
        return (lambda lang: text(key, lang)) if value == default_value else value

    counted = len(report.series)
    given_no = settings.issue_no
    issue: object = (Phrase("issue_no", {"n": int(given_no) if given_no and given_no.isdigit() else counted})
                     .show if given_no is None or given_no.isdigit() else given_no)
    issuer = given(settings.issuer, default.issuer, "default_issuer")
    masthead = Phrase("masthead", {"title": given(settings.title, default.title, "default_title"), "issue": issue,
                                   "issuer": issuer})
    day = settings.date or report.week_ending
    def contact_line(lang: Lang) -> str:
        parts = [text(key, lang, value=value) for key, value in (("contact", settings.contact),
                                                                  ("phone", settings.phone)) if value]
        return text("contact_line", lang, parts=join(parts, lang, "sep.place"))

    contact = Phrase("said", {"text": contact_line}) if settings.contact or settings.phone else None
    signature = (Phrase("said", {"text": issuer}), Phrase("signed_on", {"day": day}),
                 *((contact,) if contact is not None else ()))
    return masthead, signature


def _forecast_figures(report: WeeklyReport) -> tuple[Figure, ...]:
    """The forecast's two pictures for the weekly page: plan versus actual, and the Gantt."""
    fc, series, plan = report.forecast, report.progress, report.plan
    if fc is None or series is None or plan is None:
        return ()
    from fazhi_tasks.report.charts import plan_vs_actual_svg
    from fazhi_tasks.report.gantt import gantt_svg

    return (Figure(Phrase("chart.plan_vs_actual"), lambda lang: plan_vs_actual_svg(series, lang=lang), wide=True),
            Figure(Phrase("chart.gantt"), lambda lang: gantt_svg(plan, fc, None, lang=lang), wide=True))


def _reconciled_section(report: WeeklyReport) -> Section:
    """The week's rectification list with each time limit reconciled with the forecast (one date per item)."""
    limits = report.time_limits()
    items = [attrs.evolve(i, time_limit=limits[i.task_id].time_limit) for i in report.rectification]
    return rectification_section(items, adjusted=frozenset(t for t, lim in limits.items() if lim.adjusted))


def rectification_section(items: Sequence[RectificationItem], key: str = "rectification",
                          title: Phrase | None = None, adjusted: frozenset[str] = frozenset()) -> Section:
    """The rectification list as a table (责任人 when the plan names them; which time limits the forecast moved)."""
    owners = any(i.owner for i in items)
    columns = (C("no", "int"), C("problem", "phrase"), C("resp"), C("supporting", "ids"),
               *((C("owner"),) if owners else ()), C("measure", "phrase"), C("limit", "date"),
               *((C("limit_adjusted", "flag"),) if adjusted else ()), C("level", "level"), C("progress", "phrase"))
    rows = tuple((i.no, i.problem_text, i.leads if i.co_leads else i.division, i.supporting,
                  *((i.owner,) if owners else ()), i.measure_text, i.time_limit,
                  *((i.task_id in adjusted,) if adjusted else ()), i.level, i.progress_text)
                 for i in items)
    return Section(key, title or Phrase("rectification"), columns, rows)


def rectification_document(items: RectificationList, *, plan_name: str, by_division: bool = False) -> Document:
    """The problem and responsibility list, whole or one table per lead division.

    In Word (Chinese) it is the 问题和责任清单 of ``_docx_rectify``: one table grouped by division, with the
    settings' 落款 and 版记; in English, the sections as tables.
    """
    from fazhi_tasks.report.renderers.json import rectification_dict

    if by_division:
        sections = tuple(rectification_section(group, key=f"division:{division}",
                                               title=Phrase("division_list", {"division": division,
                                                                              "count": len(group)}))
                         for division, group in items.by_division().items())
    else:
        sections = (rectification_section(items),)
    return Document("rectify", Phrase.literal(plan_name), date=items.as_of, notes=_calendar_notes(items),
                    subtitle=Phrase("rectify_title", {"day": items.as_of, "count": len(items)}), sections=sections,
                    data=lambda lang: rectification_dict(items, lang, plan_name=plan_name), result=items)


def shortfalls_document(found: Shortfalls, *, plan_name: str) -> Document:
    """Every shortfall as of a date: overdue, blocked, due soon, done late."""
    from fazhi_tasks.report.renderers.json import shortfalls_dict

    def row(s: Shortfall) -> tuple[Any, ...]:
        return (s.kind, s.task_id, s.task.title, _leads(s.task), s.deadline, s.days_overdue or None,
                s.workdays_overdue or None, s.holds_up or None, s.root_causes, s.workdays_left)

    columns = (C("kind", "word"), C("id"), C("title", "long"), C("division"), C("deadline", "date"),
               C("days", "int"), C("workdays", "int"), C("holds_up", "int"), C("root_causes", "ids"),
               C("left", "int"))
    subtitle = Phrase("shortfalls_title", {"day": found.as_of, "overdue": len(found.overdue),
                                           "blocked": len(found.blocked), "due_soon": len(found.due_soon),
                                           "done_late": len(found.done_late), "suspended": len(found.suspended)})
    return Document("shortfalls", Phrase.literal(plan_name), subtitle=subtitle, date=found.as_of,
                    notes=_calendar_notes(found),
                    sections=(Section("shortfalls", Phrase("shortfalls"), columns, tuple(row(s) for s in found)),
                              *((_task_section("cancelled", Phrase("cancelled"), (),
                                               [(t, ()) for t in found.cancelled]),) if found.cancelled else ())),
                    data=lambda lang: shortfalls_dict(found, lang))


def findings_document(plan: Plan, findings: Sequence[Finding], *, notes: Sequence[Phrase] = (),
                      extra: Sequence[Section] = (), date: dt.date | None = None) -> Document:
    """The plan check (计划检查意见): what is wrong with the plan's dates, after what was read."""
    section = Section("findings", Phrase("findings"), (C("kind", "word"), C("tasks", "ids"), C("message", "phrase")),
                      tuple((f.kind, f.task_ids, f.describe) for f in findings))

    def data(lang: Lang) -> dict[str, Any]:
        from fazhi_tasks.report.renderers.json import check_dict

        return check_dict(findings, lang, plan_name=plan.name)

    return Document("check", Phrase.literal(plan.name), date=date,
                    subtitle=Phrase("findings_title", {"plan": plan.name, "tasks": len(plan), "count": len(findings)}),
                    notes=tuple(notes), sections=(*extra, section), data=data)


def read_summary_section(summary: ReadSummary) -> Section:
    """What a sheet reader read and assumed: sheet, header row, columns, skipped rows, hidden, unrecognised and
    progress columns, assumptions — each item in the language asked for."""
    def said(zh: str, en: str) -> Any:
        return lambda lang: zh if lang == "zh" else en

    rows: list[tuple[Any, Any]] = [(Phrase("rs.file"), summary.path)]
    if summary.sheet:
        rows.append((Phrase("rs.sheet"), summary.sheet))
    rows += [(Phrase("rs.header_row"), str(summary.header_row)), (Phrase("rs.rows"), str(summary.rows_read)),
             (Phrase("rs.blank"), str(summary.blank_rows)), (Phrase("rs.sections"), str(summary.section_rows))]
    rows += [(Phrase("rs.title"), " / ".join(summary.title))] if summary.title else []
    rows += [(Phrase("rs.column", {"column": c}), f"{h} → {f}") for c, h, f in summary.columns]
    rows += [(Phrase("rs.hidden", {"column": c}), Phrase("rs.hidden_used" if used else "rs.hidden_ignored",
                                                         {"header": h})) for c, h, used in summary.hidden_columns]
    rows += [(Phrase("rs.ignored", {"column": c}), Phrase("rs.ignored_value", {"header": h}))
             for c, h in summary.ignored_columns]
    rows += [(Phrase("rs.progress", {"column": c}), Phrase("rs.progress_value", {"header": h}))
             for c, h in summary.progress_columns]
    def listed(items: Sequence[str]) -> str:
        return "、".join(items[:20]) + ("…" if len(items) > 20 else "")

    if len(summary.sheets) > 1:
        rows.append((Phrase("rs.sheets"), listed(summary.sheets)))
    rows += [(Phrase("rs.sheet_skipped", {"sheet": sheet}), why) for sheet, why in summary.sheets_skipped]
    rows += [(_skipped_kind(kind), Phrase("rs.skipped_value", {"count": len(numbers), "rows": listed(numbers)}))
             for kind, numbers in summary.skipped_rows]
    if summary.cancelled:
        rows.append((Phrase("rs.cancelled"), listed([f"{i}（{row}）" for i, row in summary.cancelled])))
    if summary.hidden_rows:
        rows.append((Phrase("rs.hidden_rows"), listed(summary.hidden_rows)))
    rows += [(Phrase("rs.filtered", {"sheet": sheet}), Phrase("rs.filtered_value"))
             for sheet in summary.filtered_sheets]
    if summary.divisions:
        rows.append((Phrase("rs.divisions"), listed([f"{n} {k}" for n, k in summary.divisions])))
    rows += [(Phrase("rs.stage", {"number": no}), _window(f"{name} {start.isoformat()}—{end.isoformat()}", inferred))
             for no, name, start, end, inferred in summary.stages]
    if summary.no_deadline:
        rows.append((Phrase("rs.no_deadline"), listed(summary.no_deadline)))
    english = summary.assumptions_en or summary.assumptions
    rows += [(Phrase("rs.assumption"), said(zh, en)) for zh, en in zip(summary.assumptions, english, strict=False)]
    return Section("read_summary", Phrase("read_summary"), (C("item"), C("content")), tuple(rows))


def _skipped_kind(kind: str) -> Any:
    """The 跳过… label of one kind of skipped row, in the language asked for."""
    return lambda lang: text("rs.skipped", lang, kind=text(f"rs.kind.{kind}", lang))


def _window(shown: str, inferred: bool) -> Any:
    """A stage's window, marked when it was worked out from the deadlines."""
    return lambda lang: shown + (text("rs.inferred", lang) if inferred else "")


def phases_document(plan: Plan, phases: Sequence[Phase]) -> Document:
    """The phased completion order: stage, wave, then the tasks in order."""
    columns = (C("stage"), C("wave", "int"), *_TASK)
    rows = tuple((f"{p.stage.number} {p.stage.name}", p.wave, t.id, t.title, _leads(t), t.deadline)
                 for p in phases for t in p.tasks)
    subtitle = Phrase("phases_title", {"plan": plan.name, "tasks": len(plan), "waves": len(phases)})
    return Document("order", Phrase.literal(plan.name), subtitle=subtitle,
                    sections=(Section("phases", Phrase("phases"), columns, rows),),
                    data=lambda lang: [{"stage": p.stage.number, "stage_name": p.stage.name, "wave": p.wave,
                                        "tasks": [t.id for t in p.tasks]} for p in phases])


def rollup_document(city: Rollup) -> Document:
    """The city report: per bureau tasks, done, overdue, blocked, rate and the oldest overdue items."""
    from fazhi_tasks.report.renderers.json import rollup_dict

    columns = (C("bureau"), C("total", "int"), C("done", "int"), C("overdue_n", "int"), C("blocked_n", "int"),
               C("cancelled_n", "int"), C("rate", "percent"), C("oldest_overdue", "phrase"))

    def oldest(b: Any) -> Any:
        return lambda lang: join((text("rollup.oldest_item", lang, id=s.task_id, title=s.task.title,
                                       days=s.days_overdue) for s in b.oldest_overdue), lang, "sep.clause")

    rows: tuple[tuple[Any, ...], ...] = tuple(
        (b.bureau, b.tasks, b.done, b.overdue, b.blocked, b.cancelled, b.rate, oldest(b)) for b in city)
    total = city.total
    rows += ((Phrase("all"), total.tasks, total.done, total.overdue, total.blocked, total.cancelled, total.rate,
              None),)
    notes = [Phrase("note.rollup_unknown", {"bureau": b.bureau, "ids": "、".join(b.unknown_ids[:10])})
             for b in city if b.unknown_ids]
    notes += [Phrase("note.rollup_cancelled", {"bureau": b.bureau, "count": b.cancelled,
                                               "ids": "、".join(b.cancelled_ids[:20])
                                               + ("…" if len(b.cancelled_ids) > 20 else "")})
              for b in city if b.cancelled_ids]
    if city.without_plan:
        notes.append(Phrase("note.rollup_without_plan", {"names": "、".join(city.without_plan)}))
    if city.without_updates:
        notes.append(Phrase("note.rollup_without_updates", {"names": "、".join(city.without_updates)}))
    notes += _calendar_notes(city)
    subtitle = Phrase("rollup_title", {"day": city.as_of, "count": len(city)})
    return Document("rollup", Phrase("rollup"), subtitle=subtitle, date=city.as_of,
                    notes=tuple(notes), sections=(Section("bureaus", Phrase("rollup"), columns, rows),),
                    data=lambda lang: rollup_dict(city, lang))


def forecast_sections(fc: Forecast, *, every: bool = False, commitments: Sequence[Any] | None = None,
                      titles: tuple[str, str, str] = ("stage_outlook", "slipping", "commitments"),
                      ) -> tuple[Section, ...]:
    """The forecast's tables: stage outlook, tasks projected late (or every open task), time limits at risk."""
    stages = Section("stage_outlook", Phrase(titles[0]),
                     (C("stage"), C("latest_finish", "date"), C("stage_end", "date"), C("slip", "int"),
                      C("open", "int"), C("late_n", "int")),
                     tuple((f"{o.stage.number} {o.stage.name}", o.latest_finish, o.stage_end, o.slip_workdays or None,
                            o.tasks, o.slipping) for o in fc.by_stage()))
    shown = list(fc) if every else list(fc.slipping)
    tasks = _task_section("projected" if every else "slipping", Phrase("projected" if every else titles[1]), (
        C("projected_finish", "date"), C("slip", "int"), C("proposed_deadline", "date"), C("waits_for", "ids")),
        [(e.task, (e.projected_finish, e.slip_workdays or None, None if e.holds else e.proposed_deadline,
                   e.depends_on_unforecast)) for e in shown])
    held = fc.commitments if commitments is None else commitments
    promises = Section("commitments", Phrase(titles[2]),
                          (C("no", "int"), C("id"), C("limit", "date"), C("projected_finish", "date"),
                           C("holds"), C("slip", "int")),
                          tuple((c.no, c.task_id, c.time_limit, c.projected_finish,
                                 Phrase("yes" if c.holds else "no_word"), c.slip_workdays or None)
                                for c in held))
    return stages, tasks, promises


def forecast_document(plan: Plan, fc: Forecast, statuses: Mapping[str, Any], history: Sequence[Any], *,
                      every: bool = False) -> Document:
    """The recovery forecast: stage outlook, proposed deadlines, time limits at risk, and its two charts."""
    from fazhi_tasks.analysis.series import progress_series
    from fazhi_tasks.report.charts import plan_vs_actual_svg
    from fazhi_tasks.report.gantt import gantt_svg

    late_stages = sum(1 for o in fc.by_stage() if not o.holds)
    broken = sum(1 for c in fc.commitments if not c.holds)
    lead = Phrase("forecast_lead", {"day": fc.as_of, "open": len(fc), "late": len(fc.slipping),
                                    "stages": late_stages, "broken": broken})
    series = progress_series(plan, history, fc)
    figures = (Figure(Phrase("chart.plan_vs_actual"), lambda lang: plan_vs_actual_svg(series, lang=lang), wide=True),
               Figure(Phrase("chart.gantt"), lambda lang: gantt_svg(plan, fc, statuses, lang=lang), wide=True))

    def data(lang: Lang) -> dict[str, Any]:
        from fazhi_tasks.report.renderers.json import forecast_dict

        return forecast_dict(fc, lang, plan_name=plan.name)

    return Document("forecast", Phrase.literal(plan.name), subtitle=Phrase("forecast"), lead=lead, date=fc.as_of,
                    notes=_calendar_notes(fc),
                    figures=figures, sections=forecast_sections(fc, every=every), numbered=True, data=data)


def calendar_document(info: CalendarYear) -> Document:
    """What the calendar knows about a year: its source, holidays, make-up days and working days a month."""

    def days(spans: Sequence[tuple[dt.date, dt.date]]) -> Any:
        def show(lang: Lang) -> str:
            if not spans:
                return text("none", lang)
            return join((month_day(a, lang) if b == a else text("span", lang, start=month_day(a, lang),
                                                                 end=month_day(b, lang)) for a, b in spans), lang)
        return show

    notes = [Phrase(f"calendar.source.{info.source}", {"origin": info.origin}),
             Phrase("calendar.holidays", {"days": days(info.holiday_spans), "count": len(info.holidays)}),
             Phrase("calendar.workdays", {"days": days([(d, d) for d in info.workdays])})]
    if info.local_holidays or info.local_workdays:
        notes.append(Phrase("calendar.local", {"off": days([(d, d) for d in info.local_holidays]),
                                               "on": days([(d, d) for d in info.local_workdays])}))
    rows: list[tuple[Any, ...]] = [(Phrase("calendar.month", {"month": m}), n) for m, n in enumerate(info.monthly, 1)]
    if info.monthly:
        rows.append((Phrase("calendar.year_total"), sum(info.monthly)))
    section = Section("months", Phrase("calendar.months"), (C("calendar.month_h"), C("calendar.workdays_h", "int")),
                      tuple(rows))

    def data(lang: Lang) -> dict[str, Any]:
        return {"year": info.year, "source": info.source, "origin": info.origin,
                "holidays": [d.isoformat() for d in info.holidays], "workdays": [d.isoformat() for d in info.workdays],
                "local_holidays": [d.isoformat() for d in info.local_holidays],
                "local_workdays": [d.isoformat() for d in info.local_workdays],
                "monthly": list(info.monthly), "total": sum(info.monthly)}

    return Document("calendar", Phrase("calendar.title", {"year": info.year}), notes=tuple(notes),
                    sections=(section,), data=data)


def title_line(doc: Document, lang: Lang) -> str:
    """The title and subtitle on one line (for window titles and sheet headers)."""
    parts = [doc.title.show(lang)] + ([doc.subtitle.show(lang)] if doc.subtitle else [])
    return " · ".join(p for p in parts if p)


def section_title(doc: Document, index: int, section: Section, lang: Lang) -> str:
    """A section's title as shown, numbered when the document numbers them."""
    from fazhi_tasks.core.i18n import numbered

    title = section.title.show(lang)
    return numbered(index + 1, lang) + title if doc.numbered else title


def none_text(lang: Lang) -> str:
    """What an empty table shows."""
    return text("none", lang)
