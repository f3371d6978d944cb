"""A week's cycle in a real browser: the app under uvicorn in a thread, the system Chromium driven by Playwright.

A division logs in, uploads its sheet with one bad cell (and sees the error by row and column), fixes it and
uploads again; the office returns one item and passes another, and downloads the 通报 (opened with
python-docx); a second division tries the first one's task (403). Screenshots of each page go to
``/tmp/web-shots/`` for a look by eye. Skipped when Chromium or Playwright is missing (``.ci/run`` installs
Chromium; never ``playwright install``).
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import fazhi_tasks as ft

BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [pytest.mark.browser, pytest.mark.skipif(BROWSER is None, reason="no Chromium installed (.ci/run "
                                                                              "installs it)")]
playwright_api = pytest.importorskip("playwright.sync_api")
uvicorn = pytest.importorskip("uvicorn")
pytest.importorskip("itsdangerous")

TODAY = dt.date(2021, 6, 25)
PASSWORD = "correct horse 123"
SHOTS = Path("/tmp/web-shots")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[str, ft.Ledger]]:
    """The app on a free port over an SQLite ledger with the sample's history to the week and five accounts."""
    from fazhi_tasks.web import create_app

    plan = ft.sample_plan()
    ledger = ft.Ledger(tmp_path / "progress.db", plan=plan)
    ledger.record_many([u for u in ft.sample_updates() if u.on <= TODAY])
    for name, role, division in (("zf", "division", "政策法规处"), ("zfjd", "division", "执法监督处"),
                                 ("fzb", "office", None), ("jz", "director", None)):
        ledger.add_account(name, role, division=division, password=PASSWORD)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(plan=plan, ledger=ledger, today=TODAY), host="127.0.0.1",
                                           port=port, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started
    try:
        yield f"http://127.0.0.1:{port}", ledger
    finally:
        server.should_exit = True
        thread.join(10)
        ledger.close()


def _shot(page: Any, name: str, *, full: bool = True) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full)


def _log_in(page: Any, base: str, name: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/")
    assert "/login" in page.url
    page.fill("input[name=username]", name)
    page.fill("input[name=password]", PASSWORD)
    page.click("form.login button")
    page.wait_for_load_state()
    assert "/login" not in page.url


def _filled(template: bytes, rows: dict[str, tuple[str, float]]) -> bytes:
    """The downloaded template with 状态, 完成百分比 (a percent cell: 1.0 is 100%) and 报送日期 filled for some
    tasks."""
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(template))
    sheet = book.active
    assert sheet is not None
    headers = [c.value for c in sheet[1]]
    status, percent, on = headers.index("状态") + 1, headers.index("完成百分比") + 1, headers.index("报送日期") + 1
    for row in range(2, sheet.max_row + 1):
        task_id = str(sheet.cell(row, 1).value)
        if task_id in rows:
            sheet.cell(row, status).value = rows[task_id][0]
            sheet.cell(row, percent).value = rows[task_id][1]
            sheet.cell(row, on).value = "2021-06-25"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_weeks_cycle(site: tuple[str, ft.Ledger]) -> None:  # noqa: PLR0915  (one walk, step by step)
    """Division reports (a bad cell first), the office returns one and passes one, downloads the 通报; another
    division is refused the first one's task."""
    import docx

    base, ledger = site
    plan = ft.sample_plan()
    current = ledger.status_as_of(TODAY)
    open_ids = [t.id for t in plan if t.division == "政策法规处" and (t.id not in current
                                                                     or current[t.id].status.value != "已完成")][:3]
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=BROWSER, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)
            page.goto(f"{base}/login")
            _shot(page, "01-login")
            _log_in(page, base, "zf")
            _shot(page, "02-division-home")

            page.goto(f"{base}/progress")
            with page.expect_download() as got:
                page.click("a.button")
            template = Path(got.value.path()).read_bytes()
            before = len(ledger)
            bad = _filled(template, {open_ids[0]: ("已完成", 1.0), open_ids[1]: ("已完成", 1.0),
                                     open_ids[2]: ("做完了", 0.5)})
            page.set_input_files("input[name=file]", files=[{"name": "进展报送.xlsx", "mimeType": xlsx, "buffer": bad}])
            page.click("form.card-form button")
            page.wait_for_load_state()
            assert page.locator("#problems").is_visible()
            assert "做完了" in page.inner_text("#problems")
            assert 1 == page.locator("#problems tbody tr").count()  # the one bad cell
            assert "未导入" in page.inner_text("main")
            _shot(page, "03-upload-error")
            assert before == len(ledger)

            good = _filled(template, {open_ids[0]: ("已完成", 1.0), open_ids[1]: ("已完成", 1.0),
                                      open_ids[2]: ("推进中", 0.5)})
            page.set_input_files("input[name=file]", files=[{"name": "进展报送.xlsx", "mimeType": xlsx,
                                                             "buffer": good}])
            page.click("form.card-form button")
            page.wait_for_load_state()
            assert "已导入 3 条进展" in page.inner_text("p.notice")
            _shot(page, "04-upload-ok")
            assert before + 3 == len(ledger)

            page.goto(f"{base}/tasks/{open_ids[0]}")
            _shot(page, "05-task-history")
            page.set_input_files("form[action$='/evidence'] input[name=file]",
                                 files=[{"name": "会议纪要.pdf", "mimeType": "application/pdf",
                                         "buffer": b"%PDF-1.4\n%test\n"}])
            page.click("form[action$='/evidence'] button")
            page.wait_for_load_state()
            assert "会议纪要.pdf" in page.inner_text("#files")
            _shot(page, "06-task-evidence")

            phone = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2)
            phone.context.add_cookies(page.context.cookies())
            phone.goto(f"{base}/")
            _shot(phone, "07-division-home-phone", full=False)
            phone.close()

            _log_in(page, base, "fzb")
            page.goto(f"{base}/review")
            _shot(page, "08-review")
            row = page.locator("tr", has=page.locator(f"a:text-is('{open_ids[0]}')"))
            row.locator("input[name=reason]").fill("佐证材料不全，请补充会议纪要签发页")
            row.locator("button[name=return]").click()
            page.wait_for_load_state()
            assert "已退回" in page.inner_text("p.notice")
            row = page.locator("tr", has=page.locator(f"a:text-is('{open_ids[1]}')"))
            row.locator("button[name=pass]").click()
            page.wait_for_load_state()
            assert "已销号" in page.inner_text("p.notice")
            _shot(page, "09-reviewed")
            assert [("return", "fzb"), ("pass", "fzb")] == [
                (r.decision.value, r.by) for r in ledger.reviews() if r.task_id in open_ids[:2]]

            phone = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2)
            phone.context.add_cookies(page.context.cookies())
            phone.goto(f"{base}/review")
            _shot(phone, "09b-review-phone", full=False)
            phone.locator("form.bulk").screenshot(path=str(SHOTS / "09b-review-phone-bulk.png"))
            phone.close()
            waiting = len(ledger.closed_as_of(TODAY).pending)
            page.fill("form.bulk input[name=until]", TODAY.isoformat())
            page.click("form.bulk button")
            page.wait_for_load_state()
            assert f"已销号 {waiting} 项" in page.inner_text("p.notice")
            assert not ledger.closed_as_of(TODAY).pending
            _shot(page, "09c-bulk-passed")

            page.goto(f"{base}/?week_ending=2021-06-25")
            _shot(page, "10-office-dashboard", full=False)
            _shot(page, "10-office-dashboard-whole")
            page.pdf(path=str(SHOTS / "10-office-dashboard.pdf"), format="A4", print_background=True)
            with page.expect_download() as got:
                page.click("text=督办通报（Word）")
            document = docx.Document(got.value.path())
            assert any("督办" in paragraph.text for paragraph in document.paragraphs)
            page.goto(f"{base}/overdue")
            _shot(page, "11-overdue")
            page.goto(f"{base}/rectify")
            _shot(page, "12-rectify")

            _log_in(page, base, "zf")
            page.goto(f"{base}/tasks/{open_ids[0]}")
            assert "佐证材料不全" in page.inner_text("main")
            _shot(page, "13-returned-seen-by-division")

            _log_in(page, base, "zfjd")
            answer = page.goto(f"{base}/tasks/{open_ids[0]}")
            assert answer is not None
            assert 403 == answer.status
            _shot(page, "14-other-division-403")
        finally:
            browser.close()
