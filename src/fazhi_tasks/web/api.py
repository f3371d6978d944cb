"""The JSON API beside the pages, with the same rights.

- ``POST /api/login`` ``{"username", "password"}`` (JSON or a form) → 200 ``{"username", "role", "division",
  "csrf_token"}`` and the session cookie; 401 wrong; 429 throttled
- ``POST /api/logout`` → 200 ``{"ok": true}``; ``GET /api/me`` → who is logged in
- ``GET /api/overdue?as_of=`` → the shortfalls JSON (``render(find_shortfalls(…), "json")``; a division's cut)
- ``POST /api/progress`` multipart ``file`` → 200 ``{"imported": n, "skipped": m}``
- ``POST /api/review/{task}`` ``{"decision": "pass" | "return", "reason"}`` → 200 ``{"task_id", "decision", …}``
- ``GET /api/weekly.docx?week_ending=`` → the Word 督办通报

Errors: ``{"code", "message", "problems": [...]}`` (and the place: file, row, column …) with the error's
``status``; 401 without a session. Writes need the session cookie, and a same-site request (see
:mod:`fazhi_tasks.web.security`); JSON bodies must be ``application/json``.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from fazhi_tasks.core.errors import ArgumentError, FazhiTasksError, Said
from fazhi_tasks.web.actions import (
    import_progress,
    last_friday,
    parse_day,
    review_task,
    shortfalls_for,
    weekly_docx,
)
from fazhi_tasks.web.auth import log_in, log_out, need_account
from fazhi_tasks.web.pages import DOCX, attachment
from fazhi_tasks.web.security import check_api_origin, csrf_token

if TYPE_CHECKING:
    from starlette.requests import Request

    from fazhi_tasks.web.state import WebState

__all__ = ["api_routes"]

Handler = Callable[["WebState", "Request"], Awaitable[Response]]


def error_response(exc: FazhiTasksError, lang: str = "zh") -> JSONResponse:
    """The error as JSON with its status."""
    return JSONResponse(exc.to_dict(lang), status_code=exc.status)


def _guarded(state: WebState, handler: Handler, *, write: bool) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        lang = request.query_params.get("lang", "zh")
        try:
            if write:
                check_api_origin(request)
            return await handler(state, request)
        except FazhiTasksError as exc:
            try:
                return error_response(exc, lang)
            except FazhiTasksError:  # an unknown ?lang=
                return error_response(exc)
        finally:
            await request.close()  # the uploaded files' spooled temporaries

    endpoint.__name__ = handler.__name__
    return endpoint


async def _json(request: Request) -> dict[str, Any]:
    """The request's JSON object.

    Raises:
        ArgumentError: Not ``application/json`` (415), or not a JSON object (400).
    """
    if request.headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
        raise ArgumentError(Said.of("web.body_not_json"),
                            code="argument.content_type", status=415)
    try:
        data = json.loads(await request.body())
    except (ValueError, UnicodeDecodeError):
        data = None
    if not isinstance(data, dict):
        raise ArgumentError(Said.of("web.body_not_object"), code="argument.json")
    return data


def _text(data: dict[str, Any], name: str) -> str:
    value = data.get(name, "")
    return value if isinstance(value, str) else ""


async def login(state: WebState, request: Request) -> Response:
    """Log in with a name and password (JSON, or a form); the answer sets the session cookie."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind in ("application/x-www-form-urlencoded", "multipart/form-data"):
        form = await request.form()
        data: dict[str, Any] = {k: v for k, v in form.items() if isinstance(v, str)}
    else:
        data = await _json(request)
    account = await run_in_threadpool(log_in, state, request, _text(data, "username"), _text(data, "password"))
    role = getattr(account.role, "value", account.role)
    return JSONResponse({"username": account.name, "role": role, "division": account.division,
                         "csrf_token": csrf_token(request.session)})


async def logout(state: WebState, request: Request) -> Response:
    """End the session."""
    log_out(state, request)
    return JSONResponse({"ok": True})


async def me(state: WebState, request: Request) -> Response:
    """Who is logged in."""
    account = need_account(state, request)
    return JSONResponse({"username": account.name, "role": getattr(account.role, "value", account.role),
                         "division": account.division, "csrf_token": csrf_token(request.session)})


async def overdue(state: WebState, request: Request) -> Response:
    """The shortfalls JSON as of ``as_of`` (default today); a division sees the tasks it reads."""
    from fazhi_tasks.report.present import render

    account = need_account(state, request)
    as_of = parse_day(request.query_params.get("as_of"), state.today(), "as_of")
    lang = request.query_params.get("lang", "zh")
    found = await run_in_threadpool(shortfalls_for, state, account, as_of)
    return Response(str(render(found, "json", lang=lang)), media_type="application/json")


async def progress(state: WebState, request: Request) -> Response:
    """Import a progress sheet (multipart ``file``): all rows or none, repeats skipped."""
    account = need_account(state, request)
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "multipart/form-data":
        raise ArgumentError(Said.of("web.upload_multipart"),
                            code="argument.content_type", status=415)
    form = await request.form()
    upload = form.get("file")
    if not isinstance(upload, UploadFile):
        raise ArgumentError(Said.of("web.upload_missing"), field="file",
                            code="argument.file")
    data = await upload.read()
    imported, skipped = await run_in_threadpool(import_progress, state, account, data, upload.filename or "")
    return JSONResponse({"imported": imported, "skipped": skipped})


async def review(state: WebState, request: Request) -> Response:
    """The office passes or returns a task reported done."""
    account = need_account(state, request)
    data = await _json(request)
    task_id = request.path_params["task_id"]
    done = await run_in_threadpool(review_task, state, account, task_id, _text(data, "decision"),
                                   _text(data, "reason"))
    return JSONResponse({"task_id": done.task_id, "decision": getattr(done.decision, "value", done.decision),
                         "on": done.on.isoformat(), "reason": done.reason, "by": done.by})


async def weekly_docx_file(state: WebState, request: Request) -> Response:
    """The Word 督办通报 for the week ending on ``week_ending`` (default the last Friday)."""
    account = need_account(state, request)
    week_ending = parse_day(request.query_params.get("week_ending"), last_friday(state.today()),
                                    "week_ending")
    data = await run_in_threadpool(weekly_docx, state, account, week_ending)
    return attachment(data, f"督办通报-{week_ending}.docx", DOCX)


async def not_found(state: WebState, request: Request) -> Response:
    """Any other /api path: 404 JSON (after the session check, so nothing is told to a stranger)."""
    need_account(state, request)
    return JSONResponse({"code": "web.not_found", "message": "没有这个接口", "problems": []}, status_code=404)


def api_routes(state: WebState) -> list[Route]:
    """The API's routes (under ``/api``), bound to the app's state."""
    def route(path: str, handler: Handler, methods: tuple[str, ...] = ("GET",)) -> Route:
        return Route(f"/api{path}", _guarded(state, handler, write="GET" not in methods), methods=list(methods))

    return [route("/login", login, ("POST",)), route("/logout", logout, ("POST",)), route("/me", me),
            route("/overdue", overdue), route("/progress", progress, ("POST",)),
            route("/review/{task_id}", review, ("POST",)), route("/weekly.docx", weekly_docx_file),
            route("/{rest:path}", not_found, ("GET", "POST"))]
