"""The HTML report in a real browser: headless Chromium loads it cleanly and shows every overdue row.

The screenshot lands in ``out/screenshots/`` for people to look at. Skipped where no Chromium is
installed; ``.ci/run`` installs Debian's ``chromium`` when it is missing.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path
from typing import Literal

import pytest

import fazhi_tasks as ft

BROWSER = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
OUT = Path(__file__).resolve().parent.parent / "out" / "screenshots"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars"]

pytestmark = pytest.mark.skipif(BROWSER is None, reason="no Chromium installed (.ci/run installs it)")


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert BROWSER is not None
    return subprocess.run([BROWSER, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args],
                          capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_report_in_chromium(tmp_path: Path, lang: Literal["zh", "en"]) -> None:
    """The page loads with no console errors, its overdue table has the report's rows, and a PNG is written."""
    report = ft.weekly_report(ft.sample_plan(), ft.sample_updates(), dt.date(2021, 6, 25))
    page = tmp_path / "weekly.html"
    page.write_text(report.to_html(lang=lang), encoding="utf-8")
    result = chromium(tmp_path, "--enable-logging=stderr", "--v=0", "--virtual-time-budget=2000", "--dump-dom",
                      page.as_uri())
    assert 0 == result.returncode, result.stderr[-2000:]
    console = [line for line in result.stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]
    assert [] == console
    overdue = re.search(r'<table id="overdue">.*?<tbody>(.*?)</tbody>', result.stdout, re.S)
    assert overdue is not None
    assert len(report.overdue) == overdue.group(1).count("<tr>")
    OUT.mkdir(parents=True, exist_ok=True)
    shot = OUT / f"weekly-2021-06-25-{lang}.png"
    result = chromium(tmp_path, "--window-size=1280,2600", f"--screenshot={shot}", page.as_uri())
    assert 0 == result.returncode
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
