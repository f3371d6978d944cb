"""Embedding fazhi_tasks in a web tool: sheet upload in, report bytes out, errors as HTTP — no temporary files.

A bureau's own Starlette (or FastAPI) app: a division uploads its progress sheet, the office downloads the
weekly report as Excel or reads the overdue list as JSON. The library takes the uploaded bytes with the
clerk's file name (its messages name that file, row and column, never a server folder), renders to bytes,
and every error carries the HTTP status to answer with. One ``Ledger`` serves every request thread.

Run it as a demo (it drives the app with Starlette's test client and prints what came back):

    pip install starlette httpx python-multipart
    python examples/web_upload.py
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

import fazhi_tasks as ft

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def create_app(plan: ft.Plan, ledger: ft.Ledger) -> Starlette:
    """The app: ``POST /progress`` (a progress sheet), ``GET /overdue?as_of=``, ``GET /weekly.xlsx?week_ending=``."""

    async def progress(request: Request) -> Response:
        form = await request.form()
        upload: Any = form["file"]
        try:
            updates = ft.import_updates(await upload.read(), name=upload.filename, plan=plan)
            added = ledger.record_many(updates, skip_existing=True)  # a re-upload adds nothing
        except ft.FazhiTasksError as exc:
            return JSONResponse(exc.to_dict(request.query_params.get("lang", "zh")), status_code=exc.status)
        return JSONResponse({"read": len(updates), "recorded": added})

    async def overdue(request: Request) -> Response:
        try:
            as_of = dt.date.fromisoformat(request.query_params["as_of"])
        except (KeyError, ValueError):
            return JSONResponse({"code": "argument.as_of", "message": "as_of=YYYY-MM-DD"}, status_code=400)
        found = ft.find_shortfalls(plan, ledger.status_as_of(as_of), as_of)
        return JSONResponse(found.to_dict(request.query_params.get("lang", "zh")))

    async def weekly_xlsx(request: Request) -> Response:
        week_ending = dt.date.fromisoformat(request.query_params["week_ending"])
        report = ft.weekly_report(plan, ledger, week_ending)
        body = ft.render(report, "xlsx")  # bytes: nothing touches the disk
        return Response(body, media_type=XLSX,
                        headers={"Content-Disposition": f'attachment; filename="weekly-{week_ending}.xlsx"'})

    return Starlette(routes=[Route("/progress", progress, methods=["POST"]), Route("/overdue", overdue),
                             Route("/weekly.xlsx", weekly_xlsx)])


def main() -> int:
    import warnings

    warnings.filterwarnings("ignore", message=".*httpx2")  # the test client's notice about its next transport
    from starlette.testclient import TestClient

    plan = ft.sample_plan()
    sheet = io.BytesIO()
    updates = [u for u in ft.sample_updates() if u.on <= dt.date(2021, 6, 25)]
    ft.export_updates(updates, sheet)  # what a division's clerk would upload
    with ft.Ledger(":memory:", plan=plan) as ledger, TestClient(create_app(plan, ledger)) as client:
        files = {"file": ("政策法规处进展.xlsx", sheet.getvalue(), XLSX)}
        first = client.post("/progress", files=files).json()
        again = client.post("/progress", files=files).json()
        print(f"upload: read {first['read']}, recorded {first['recorded']}; again: recorded {again['recorded']}")
        typo = "任务编号,状态,报送日期\nT001,做完了,2021-06-01\n".encode()  # 做完了 is no status
        bad = client.post("/progress", files={"file": ("进展.csv", typo, "text/csv")})
        print(f"bad sheet: HTTP {bad.status_code}, {bad.json()['code']}, row {bad.json()['problems'][0]['row']}, "
              f"column {bad.json()['problems'][0]['column']}")
        overdue = client.get("/overdue", params={"as_of": "2021-06-25"}).json()
        print(f"overdue: {overdue['counts']['overdue']} (kind {overdue['kind']}, schema {overdue['schema_version']})")
        xlsx = client.get("/weekly.xlsx", params={"week_ending": "2021-06-25"})
        print(f"weekly.xlsx: HTTP {xlsx.status_code}, {len(xlsx.content)} bytes, starts {xlsx.content[:2]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
