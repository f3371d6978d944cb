"""The forecast charts in a real browser: headless Chromium draws both SVGs with no console errors.

The screenshots land in ``out/screenshots/`` for people to look at. Skipped where no Chromium is
installed, like the weekly page's test.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Literal

import pytest

import fazhi_tasks as ft
from fazhi_tasks.report.charts import charts_page
from tests.test_browser import BROWSER, OUT, chromium

pytestmark = pytest.mark.skipif(BROWSER is None, reason="no Chromium installed (.ci/run installs it)")

# Measures each drawn chart after layout and writes the sizes into the page, for --dump-dom to read.
PROBE = ("<script>document.body.dataset.drawn = Array.from(document.querySelectorAll('figure > svg'))"
         ".map(s => {const b = s.getBBox(); return Math.round(b.width) + 'x' + Math.round(b.height);}).join(' ');"
         "</script></body>")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_charts_in_chromium(tmp_path: Path, lang: Literal["zh", "en"]) -> None:
    """Both charts lay out to a real size, the console stays clean, and a PNG is written."""
    day = dt.date(2021, 6, 30)
    plan, history = ft.sample_plan(), ft.sample_updates()
    statuses = ft.Ledger.from_updates(history).status_as_of(day)
    page = tmp_path / "charts.html"
    html = charts_page(plan, history, ft.forecast(plan, statuses, day), statuses, lang=lang)
    page.write_text(html.replace("</body>", PROBE), encoding="utf-8")
    result = chromium(tmp_path, "--enable-logging=stderr", "--v=0", "--virtual-time-budget=2000", "--dump-dom",
                      page.as_uri())
    assert 0 == result.returncode, result.stderr[-2000:]
    assert [] == [line for line in result.stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]
    drawn = re.search(r'data-drawn="([^"]*)"', result.stdout)
    assert drawn is not None
    sizes = [tuple(int(v) for v in size.split("x")) for size in drawn.group(1).split()]
    assert 2 == len(sizes)
    assert all(w > 600 and h > 300 for w, h in sizes), sizes
    OUT.mkdir(parents=True, exist_ok=True)
    shot = OUT / f"forecast-2021-06-30-{lang}.png"
    result = chromium(tmp_path, "--window-size=1400,2400", f"--screenshot={shot}", page.as_uri())
    assert 0 == result.returncode
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
