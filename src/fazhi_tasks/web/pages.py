"""The HTML pages: login, dashboard, overdue and rectification lists, task history and forms, progress sheets,
review, downloads. Server-rendered, no script; every form carries the CSRF token.

A page without a session redirects to ``/login?next=…``; a refused right answers 403 with the reason; a bad
upload shows every problem by row and column, in the messages the command line gives.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from html import escape
from typing import TYPE_CHECKING, Any
from urllib.parse import quote
from zoneinfo import ZoneInfo

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from fazhi_tasks.core.errors import ArgumentError, FazhiTasksError, Said
from fazhi_tasks.web.actions import (
    add_evidence,
    cancelled_note,
    evidence_of,
    find_task,
    import_progress,
    last_friday,
    notices_docx_bytes,
    parse_day,
    pass_all_pending,
    record_one,
    rectification_for,
    review_task,
    shortfalls_for,
    statuses,
    template_xlsx,
    weekly,
    weekly_docx,
    weekly_xlsx,
)
from fazhi_tasks.web.auth import current_account, log_in, log_out, need_account
from fazhi_tasks.web.errors import LoginRequiredError, MissingError
from fazhi_tasks.web.html import Safe, csrf_field, href, page, report_body, table
from fazhi_tasks.web.rights import (
    can_report,
    is_director,
    is_office,
    leads,
    need_office,
    need_read,
    need_reader,
    need_writer,
    readable,
)
from fazhi_tasks.web.security import check_form_token
from fazhi_tasks.web.wording import WORDS, word

if TYPE_CHECKING:
    from starlette.requests import Request

    from fazhi_tasks.model.review import Account
    from fazhi_tasks.web.state import WebState

__all__ = ["page_routes"]

Handler = Callable[["WebState", "Request"], Awaitable[Response]]

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
STATUSES = ("推进中", "已完成", "未启动", "已暂缓")
BEIJING = ZoneInfo("Asia/Shanghai")


def attachment(data: bytes, filename: str, media_type: str) -> Response:
    """A download: ``Content-Disposition: attachment`` with the UTF-8 file name (RFC 5987)."""
    ascii_name = "".join(c if (c.isascii() and c.isalnum()) or c in "._-" else "_" for c in filename)
    return Response(data, media_type=media_type, headers={
        "content-disposition": f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"})


def _guarded(state: WebState, handler: Handler) -> Callable[[Request], Awaitable[Response]]:
    """The handler with the page answers to errors: no session → the login page; others → a page with the
    reason and the error's status."""

    async def endpoint(request: Request) -> Response:
        try:
            return await handler(state, request)
        except LoginRequiredError:
            target = request.url.path[len(request.scope.get("root_path", "")):] or "/"
            if request.url.query:
                target += "?" + request.url.query
            return RedirectResponse(f"{href(request, '/login')}?next={quote(target)}", status_code=303)
        except FazhiTasksError as exc:
            account = current_account(state, request)
            return page(request, word("error.title"), _error_body(request, exc), account=account,
                        status=exc.status)
        finally:
            await request.close()  # the uploaded files' spooled temporaries

    endpoint.__name__ = handler.__name__
    return endpoint


def _error_body(request: Request, exc: FazhiTasksError) -> str:
    lines = [escape(line) for line in exc.describe("zh").splitlines() if line.strip()]
    problems = getattr(exc, "problems", ())
    shown = _problems_table(problems) if problems else "<p>" + "<br>".join(lines) + "</p>"
    head = f'<p class="error" role="alert">{lines[0] if lines else ""}</p>' if problems else ""
    return (f"<h1>{escape(word('error.title'))}</h1>{head}{shown}"
            f'<p><a href="{href(request, "/")}">{escape(word("error.back"))}</a></p>')


def _problems_table(problems: Any) -> str:
    rows = []
    for p in problems:
        data = p.to_dict("zh") if hasattr(p, "to_dict") else {"message": str(p)}
        rows.append((data.get("row") or "", data.get("header") or data.get("column") or "", data.get("value") or "",
                     data.get("message") or str(p)))
    return table([word("problem.row"), word("problem.column"), word("problem.value"), word("problem.message")], rows,
                 id_="problems")


async def _form(request: Request) -> Any:
    form = await request.form()
    check_form_token(request.session, form)
    return form


def _str(form: Any, name: str) -> str:
    value = form.get(name)
    return value if isinstance(value, str) else ""


# -- login ----------------------------------------------------------------------------------------

def _safe_next(value: str) -> str:
    """A path on this site, or ``/``: never ``//host``, a backslash, or a space or control character (a browser
    drops tabs and newlines from a URL, so ``/<tab>/host`` would lead off the site)."""
    plain = len(value) <= 2000 and not any(c.isspace() or ord(c) < 0x20 or 0x7f <= ord(c) <= 0x9f for c in value)
    return value if plain and value.startswith("/") and not value.startswith("//") and "\\" not in value else "/"


def _login_form(request: Request, next_path: str) -> str:
    return (f'<form method="post" action="{href(request, "/login")}" class="login">{csrf_field(request)}'
            f'<h1>{escape(word("app"))}</h1>'
            f'<input type="hidden" name="next" value="{escape(_safe_next(next_path))}">'
            f'<label>{escape(word("login.username"))}<input name="username" autocomplete="username" required>'
            f'</label><label>{escape(word("login.password"))}<input name="password" type="password" '
            f'autocomplete="current-password" required></label>'
            f'<button type="submit">{escape(word("login.submit"))}</button></form>')


async def login_page(state: WebState, request: Request) -> Response:
    """The login form."""
    return page(request, word("login.title"), _login_form(request, request.query_params.get("next", "/")))


async def login_post(state: WebState, request: Request) -> Response:
    """Check the form, log in, go where the user was going."""
    form = await _form(request)
    next_path = _safe_next(_str(form, "next"))
    try:
        await run_in_threadpool(log_in, state, request, _str(form, "username"), _str(form, "password"))
    except FazhiTasksError as exc:
        return page(request, word("login.title"), _login_form(request, next_path), error=str(exc),
                    status=exc.status)
    return RedirectResponse(f"{request.scope.get('root_path', '')}{next_path}", status_code=303)


async def logout_post(state: WebState, request: Request) -> Response:
    """End the session."""
    await _form(request)
    log_out(state, request)
    return RedirectResponse(href(request, "/login"), status_code=303)


# -- reading --------------------------------------------------------------------------------------

def _date_form(request: Request, path: str, name: str, day: dt.date) -> str:
    return (f'<form method="get" action="{href(request, path)}" class="when"><label>{escape(word("home.as_of"))}'
            f'<input type="date" name="{name}" value="{day.isoformat()}"></label>'
            f'<button type="submit">{escape(word("home.show"))}</button></form>')


def _downloads(request: Request, week_ending: dt.date) -> str:
    query = f"?week_ending={week_ending.isoformat()}"
    links = [("/download/weekly.docx", "download.weekly_docx"), ("/download/notices.docx", "download.notices_docx"),
             ("/download/weekly.xlsx", "download.weekly_xlsx")]
    return ('<p class="downloads">' + escape(word("home.downloads")) + "：" + " · ".join(
        f'<a href="{href(request, path + query)}">{escape(word(key))}</a>' for path, key in links) + "</p>")


def _task_link(request: Request, task_id: str) -> Safe:
    return Safe(f'<a href="{href(request, "/tasks/" + quote(task_id))}">{escape(task_id)}</a>')


def _kind_cell(kind: str) -> Safe:
    """A shortfall's name; overdue in the report's red."""
    name = escape(WORDS.get(f"kind.{kind}", kind))
    return Safe(f'<span class="new">{name}</span>' if kind == "overdue" else name)


def _division_home(state: WebState, request: Request, account: Account) -> str:
    today = state.today()
    current = statuses(state, today)
    pending = getattr(current, "pending", {})
    returned = getattr(current, "returned", {})
    kinds = {s.task_id: s.kind for s in shortfalls_for(state, account, today).items}
    rows = []
    for task in readable(account, state.plan):
        update = current.get(task.id)
        status = update.status.value if update is not None else "未启动"
        if task.id in pending:
            status = word("field.waiting")
        if task.id in returned:
            status = f"{word('field.returned')}：{returned[task.id].reason}"
        kind = kinds.get(task.id)
        rows.append((_task_link(request, task.id), task.title,
                     word("task.lead") if leads(account, task) else word("task.support"),
                     task.deadline.isoformat() if task.deadline else word("ongoing"), status,
                     "" if update is None or update.percent is None else f"{update.percent}%",
                     _kind_cell(str(getattr(kind, "value", kind))) if kind else ""))
    headers = [word("field.id"), word("field.title"), word("field.role"), word("field.deadline"), word("field.status"),
               word("field.progress"), word("field.shortfall")]
    return (f"<h1>{escape(account.division or '')} · {escape(word('home.division_title'))}</h1>"
            f'<p class="muted">{escape(word("home.as_of"))} {today.isoformat()}</p>' + table(headers, rows, id_="mine"))


async def home(state: WebState, request: Request) -> Response:
    """The dashboard: the weekly 通报 as of a date (office, director); a division's own tasks."""
    account = need_account(state, request)
    if not (is_office(account) or is_director(account)):
        body = await run_in_threadpool(_division_home, state, request, account)
        return page(request, word("home.division_title"), body, account=account)
    default = last_friday(state.today())
    week_ending = parse_day(request.query_params.get("week_ending") or request.query_params.get("as_of"),
                                    default, "week_ending")

    def build() -> str:
        from fazhi_tasks.report.present import render

        document = render(weekly(state, week_ending), "html", settings=state.settings)
        assert isinstance(document, str)
        return _date_form(request, "/", "week_ending", week_ending) + _downloads(request, week_ending) + \
            report_body(document)

    return page(request, word("home.title"), await run_in_threadpool(build), account=account)


def _report_page(kind: str) -> Handler:
    async def handler(state: WebState, request: Request) -> Response:
        account = need_account(state, request)
        as_of = parse_day(request.query_params.get("as_of"), state.today(), "as_of")

        def build() -> str:
            from fazhi_tasks.report.present import render
            from fazhi_tasks.report.views import rectification_document

            if kind == "overdue":
                document = render(shortfalls_for(state, account, as_of), "html")
            else:
                items = rectification_for(state, account, as_of)
                document = render(rectification_document(items, plan_name=state.plan.name, by_division=True), "html")
            assert isinstance(document, str)
            return _date_form(request, f"/{kind}", "as_of", as_of) + report_body(document)

        return page(request, word(f"{kind}.title"), await run_in_threadpool(build), account=account)

    handler.__name__ = kind
    return handler


# -- one task -------------------------------------------------------------------------------------

def _task_body(state: WebState, request: Request, account: Account, task_id: str) -> str:
    task = find_task(state, task_id)
    need_read(account, task)
    today = state.today()
    info = table([word("field.id"), word("field.title"), word("field.division"), word("field.supporting"),
                  word("field.stage"), word("field.deadline")],
                 [(task.id, task.title, "、".join((task.division, *task.co_leads)), "、".join(task.supporting),
                   task.stage, task.deadline.isoformat() if task.deadline else word("ongoing"))], id_="task")
    updates = table([word("field.on"), word("field.status"), word("field.percent"), word("field.note"),
                     word("field.by")],
                    [(u.on.isoformat(), u.status.value, "" if u.percent is None else f"{u.percent}%", u.note, u.by)
                     for u in state.history.history(task.id)], id_="updates")
    reviews = table([word("field.review_on"), word("field.decision"), word("field.reason"), word("field.reviewer")],
                    [(r.on.isoformat(), word(f"decision.{getattr(r.decision, 'value', r.decision)}"), r.reason, r.by)
                     for r in state.history.reviews(task_id=task.id)], id_="reviews")
    files = table([word("field.file"), word("field.size"), word("field.type"), word("field.by"),
                   word("field.recorded")],
                  [(Safe(f'<a href="{href(request, f"/tasks/{quote(task.id)}/evidence/{e.sha256}")}">'
                         f"{escape(e.filename)}</a>"), f"{e.size:,} B", e.content_type, e.by,
                    e.recorded_at.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M"))
                   for e in state.ledger.evidence(task.id)], id_="files")
    current = statuses(state, today)
    parts = [f"<h1>{escape(word('history.title', id=task.id))} {escape(task.title)}</h1>", info]
    returned = getattr(current, "returned", {}).get(task.id)
    if returned is not None:
        parts.append(f'<p class="error">{escape(word("field.returned"))}：{escape(returned.reason)}</p>')
    if task.id in getattr(current, "pending", {}):
        parts.append(f'<p class="notice">{escape(word("field.waiting"))}</p>')
        if is_office(account):
            parts.append(_review_forms(request, task.id))
    mark = cancelled_note(state, task.id)
    if mark:
        parts.append(f'<p class="notice">{escape(word("task.cancelled", mark=mark))}</p>')
    parts += [f"<h2>{escape(word('history.updates'))}</h2>", updates,
              f"<h2>{escape(word('history.reviews'))}</h2>", reviews,
              f"<h2>{escape(word('history.files'))}</h2>", files]
    if can_report(account, task) and not mark:
        parts.append(_report_form(request, task.id, today))
        reported = state.history.status_as_of(today).get(task.id)
        if reported is not None and reported.status.value == "已完成":
            parts.append(f'<form method="post" enctype="multipart/form-data" class="card-form" '
                         f'action="{href(request, f"/tasks/{quote(task.id)}/evidence")}">{csrf_field(request)}'
                         f'<h2>{escape(word("history.evidence"))}</h2><input type="file" name="file" required>'
                         f'<button type="submit">{escape(word("form.upload"))}</button></form>')
    return "".join(parts)


def _report_form(request: Request, task_id: str, today: dt.date) -> str:
    options = "".join(f'<option value="{s}">{s}</option>' for s in STATUSES)
    return (f'<form method="post" class="card-form" action="{href(request, f"/tasks/{quote(task_id)}/progress")}">'
            f'{csrf_field(request)}<h2>{escape(word("history.report"))}</h2>'
            f'<label>{escape(word("field.status"))}<select name="status">{options}</select></label>'
            f'<label>{escape(word("field.percent"))}<input name="percent" type="number" min="0" max="100"></label>'
            f'<label>{escape(word("field.on"))}<input name="on" type="date" value="{today.isoformat()}" '
            f'max="{today.isoformat()}"></label>'
            f'<label class="wide">{escape(word("field.note"))}<textarea name="note" rows="3" maxlength="2000">'
            f'</textarea></label><button type="submit">{escape(word("form.save"))}</button></form>')


def _review_forms(request: Request, task_id: str) -> str:
    action = href(request, f"/review/{quote(task_id)}")
    return (f'<div class="review"><form method="post" action="{action}" class="inline">{csrf_field(request)}'
            f'<input type="hidden" name="decision" value="pass">'
            f'<button type="submit" name="pass">{escape(word("review.pass"))}</button></form>'
            f'<form method="post" action="{action}" class="inline">{csrf_field(request)}'
            f'<input type="hidden" name="decision" value="return">'
            f'<input name="reason" placeholder="{escape(word("review.reason"))}" required maxlength="500">'
            f'<button type="submit" name="return">{escape(word("review.return"))}</button></form></div>')


async def task_page(state: WebState, request: Request) -> Response:
    """A task's history: updates, reviews, files, who; the forms the account may use."""
    account = need_account(state, request)
    task_id = request.path_params["task_id"]
    notice = {"saved": word("form.saved")}.get(request.query_params.get("done", ""), "")
    body = await run_in_threadpool(_task_body, state, request, account, task_id)
    return page(request, task_id, body, account=account, notice=notice)


async def task_progress(state: WebState, request: Request) -> Response:
    """Record one update from the task's form."""
    account = need_account(state, request)
    form = await _form(request)
    task_id = request.path_params["task_id"]
    await run_in_threadpool(record_one, state, account, task_id, status=_str(form, "status"),
                            on=_str(form, "on"), percent=_str(form, "percent"), note=_str(form, "note"))
    return RedirectResponse(href(request, f"/tasks/{quote(task_id)}?done=saved"), status_code=303)


async def task_evidence(state: WebState, request: Request) -> Response:
    """Attach a 佐证材料."""
    account = need_account(state, request)
    form = await _form(request)
    task_id = request.path_params["task_id"]
    upload = form.get("file")
    if not isinstance(upload, UploadFile):
        raise ArgumentError(word("field.file"), field="file", code="argument.file")
    data = await upload.read()
    await run_in_threadpool(add_evidence, state, account, task_id, data, filename=upload.filename or "",
                            content_type=upload.content_type or "application/octet-stream")
    return RedirectResponse(href(request, f"/tasks/{quote(task_id)}?done=saved"), status_code=303)


async def evidence_file(state: WebState, request: Request) -> Response:
    """A 佐证材料, as an attachment with its stored (safe) type; never rendered by the browser."""
    account = need_account(state, request)
    item, data = await run_in_threadpool(evidence_of, state, account, request.path_params["task_id"],
                                         request.path_params["sha"])
    media = item.content_type if item.content_type and "html" not in item.content_type.lower() \
        and "xml" not in item.content_type.lower() and "script" not in item.content_type.lower() \
        else "application/octet-stream"
    response = attachment(data, item.filename, media)
    response.headers["content-security-policy"] = "default-src 'none'; sandbox"
    return response


# -- progress sheets ------------------------------------------------------------------------------

def _progress_body(request: Request, account: Account) -> str:
    key = "progress.template_all" if is_office(account) else "progress.template"
    return (f"<h1>{escape(word('progress.title'))}</h1>"
            f'<p><a class="button" href="{href(request, "/progress/template.xlsx")}">{escape(word(key))}</a></p>'
            f'<form method="post" enctype="multipart/form-data" class="card-form" '
            f'action="{href(request, "/progress")}">{csrf_field(request)}'
            f'<h2>{escape(word("progress.upload"))}</h2><p class="muted">{escape(word("progress.hint"))}</p>'
            f'<input type="file" name="file" accept=".xlsx,.xls,.csv,.ods,.json" required>'
            f'<button type="submit">{escape(word("progress.submit"))}</button></form>')


async def progress_page(state: WebState, request: Request) -> Response:
    """Download the pre-filled sheet; upload it back."""
    account = need_account(state, request)
    need_writer(account)
    return page(request, word("progress.title"), _progress_body(request, account), account=account)


async def progress_template(state: WebState, request: Request) -> Response:
    """The account's 进展报送表 (.xlsx)."""
    account = need_account(state, request)
    data = await run_in_threadpool(template_xlsx, state, account)
    name = f"{account.division or '全部任务'}进展报送表.xlsx"
    return attachment(data, name, XLSX)


async def progress_upload(state: WebState, request: Request) -> Response:
    """Import the uploaded sheet, all or nothing; show each problem by row and column."""
    account = need_account(state, request)
    form = await _form(request)
    upload = form.get("file")
    body = _progress_body(request, account)
    if not isinstance(upload, UploadFile):
        return page(request, word("progress.title"), body, account=account, error=word("progress.failed"),
                    status=400)
    data = await upload.read()
    try:
        imported, skipped = await run_in_threadpool(import_progress, state, account, data,
                                                    upload.filename or "")
    except FazhiTasksError as exc:
        problems = getattr(exc, "problems", ())
        detail = _problems_table(problems) if problems else \
            "<p>" + "<br>".join(escape(line) for line in exc.describe("zh").splitlines()) + "</p>"
        return page(request, word("progress.title"), body + f'<section class="failed">{detail}</section>',
                    account=account, error=word("progress.failed") if problems else str(exc), status=exc.status)
    return page(request, word("progress.title"), body, account=account,
                notice=word("progress.done", imported=imported, skipped=skipped))


# -- review ---------------------------------------------------------------------------------------

def _division_filter(request: Request, state: WebState, chosen: str) -> str:
    options = "".join(f'<option value="{escape(d.name)}"{" selected" if d.name == chosen else ""}>{escape(d.name)}'
                      "</option>" for d in state.plan.divisions)
    return (f'<form method="get" action="{href(request, "/review")}" class="when">'
            f'<label>{escape(word("field.division"))}'
            f'<select name="division"><option value="">{escape(word("review.all"))}</option>{options}</select></label>'
            f'<button type="submit">{escape(word("home.show"))}</button></form>')


def _review_body(state: WebState, request: Request) -> str:
    current = statuses(state, state.today())
    pending = getattr(current, "pending", {})
    chosen = request.query_params.get("division", "")
    rows = []
    for task_id, update in sorted(pending.items()):
        task = state.plan[task_id]
        if chosen and chosen not in (task.division, *task.co_leads):
            continue
        rows.append((_task_link(request, task_id), task.title, task.division, update.on.isoformat(), update.by,
                     Safe(_review_forms(request, task_id))))
    head = f"<h1>{escape(word('review.title'))}（{len(rows)}）</h1>" + _division_filter(request, state, chosen)
    if not rows:
        return head + f"<p class=\"empty\">{escape(word('review.none'))}</p>"
    return head + table(
        [word("field.id"), word("field.title"), word("field.division"), word("field.on"), word("field.by"), ""], rows,
        id_="pending") + _bulk_form(request, state, chosen)


def _bulk_form(request: Request, state: WebState, chosen: str) -> str:
    """全部销号（截至某日）: the date typed in is the confirmation."""
    today = state.today().isoformat()
    return (f'<form method="post" action="{href(request, "/review/all-pending")}" class="card-form bulk">'
            f'{csrf_field(request)}<input type="hidden" name="division" value="{escape(chosen)}">'
            f'<h2>{escape(word("review.bulk"))}</h2><p class="muted">{escape(word("review.bulk_hint"))}</p>'
            f'<label>{escape(word("review.bulk_until"))}<input type="date" name="until" required max="{today}">'
            f'</label><button type="submit" name="all">{escape(word("review.bulk_submit"))}</button></form>')


async def review_page(state: WebState, request: Request) -> Response:
    """The office's 待审核 list, each with 销号 and 退回 (with a reason)."""
    account = need_account(state, request)
    need_office(account)
    notice = request.query_params.get("done", "")
    shown = ""
    if notice.startswith(("pass:", "return:")):
        decision, _, task_id = notice.partition(":")
        shown = word("review.done", decision=word(f"decision.{decision}"), task=task_id[:40])
    elif notice.startswith("all:"):
        count, _, until = notice[4:].partition(":")
        if count.isdigit():
            shown = word("review.bulk_done", n=int(count), until=until[:10])
    body = await run_in_threadpool(_review_body, state, request)
    return page(request, word("review.title"), body, account=account, notice=shown)


async def review_post(state: WebState, request: Request) -> Response:
    """Pass or return one task."""
    account = need_account(state, request)
    form = await _form(request)
    task_id = request.path_params["task_id"]
    decision = _str(form, "decision")
    await run_in_threadpool(review_task, state, account, task_id, decision, _str(form, "reason"))
    return RedirectResponse(href(request, f"/review?done={quote(decision)}:{quote(task_id)}"), status_code=303)


async def review_all_post(state: WebState, request: Request) -> Response:
    """全部销号（截至某日）: pass every listed task reported done on or before the date typed in."""
    account = need_account(state, request)
    need_office(account)
    form = await _form(request)
    until_text = _str(form, "until").strip()
    if not until_text:
        raise ArgumentError(word("review.bulk_needs_date"), field="until", code="argument.confirm")
    until = parse_day(until_text, state.today(), "until")
    division = _str(form, "division")
    passed = await run_in_threadpool(pass_all_pending, state, account, until, division=division)
    back = f"/review?done=all:{len(passed)}:{until.isoformat()}" + (f"&division={quote(division)}" if division else "")
    return RedirectResponse(href(request, back), status_code=303)


# -- downloads ------------------------------------------------------------------------------------

def _download(kind: str) -> Handler:
    async def handler(state: WebState, request: Request) -> Response:
        account = need_account(state, request)
        need_reader(account)
        week_ending = parse_day(request.query_params.get("week_ending"), last_friday(state.today()),
                                        "week_ending")
        if kind == "weekly.docx":
            data = await run_in_threadpool(weekly_docx, state, account, week_ending)
            return attachment(data, f"督办通报-{week_ending}.docx", DOCX)
        if kind == "notices.docx":
            data = await run_in_threadpool(notices_docx_bytes, state, account, week_ending)
            return attachment(data, f"督办通知单-{week_ending}.docx", DOCX)
        data = await run_in_threadpool(weekly_xlsx, state, account, week_ending)
        return attachment(data, f"周报-{week_ending}.xlsx", XLSX)

    handler.__name__ = "download_" + kind.replace(".", "_")
    return handler


async def not_found_page(state: WebState, request: Request) -> Response:
    """Any other path, or a path with the wrong method (``GET /logout``): the 404 page in Chinese with the way
    back (after the session check: a stranger is sent to the login page, as everywhere)."""
    need_account(state, request)
    raise MissingError(Said.of("web.no_page"))


def page_routes(state: WebState) -> list[Route]:
    """Every page's route, bound to the app's state."""
    def route(path: str, handler: Handler, methods: tuple[str, ...] = ("GET",)) -> Route:
        return Route(path, _guarded(state, handler), methods=list(methods))

    return [
        route("/login", login_page), route("/login", login_post, ("POST",)), route("/logout", logout_post, ("POST",)),
        route("/", home), route("/overdue", _report_page("overdue")), route("/rectify", _report_page("rectify")),
        route("/tasks/{task_id}", task_page), route("/tasks/{task_id}/progress", task_progress, ("POST",)),
        route("/tasks/{task_id}/evidence", task_evidence, ("POST",)),
        route("/tasks/{task_id}/evidence/{sha}", evidence_file),
        route("/progress", progress_page), route("/progress", progress_upload, ("POST",)),
        route("/progress/template.xlsx", progress_template),
        route("/review", review_page), route("/review/all-pending", review_all_post, ("POST",)),
        route("/review/{task_id}", review_post, ("POST",)),
        *(route(f"/download/{kind}", _download(kind)) for kind in ("weekly.docx", "notices.docx", "weekly.xlsx")),
        route("/{rest:path}", not_found_page, ("GET", "POST")),  # last: Starlette's own 404/405 are English text
    ]
