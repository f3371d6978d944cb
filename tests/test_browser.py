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


def _words(pdf: Path) -> list[list[tuple[float, float, float, float, str]]]:
    """Every page's words with their boxes, as ``pdftotext -bbox`` reads them."""
    import html

    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    word = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')
    return [[(float(a), float(b), float(c), float(d), html.unescape(w)) for a, b, c, d, w in word.findall(page)]
            for page in re.findall(r"<page[^>]*>(.*?)</page>", out, re.S)]


def overprinted(words: list[tuple[float, float, float, float, str]]) -> list[tuple[str, str]]:
    """Pairs of words printed over each other: their boxes cross by more than a third of a character
    sideways and their middles are within a quarter of a line (a CJK font's box is taller than its line, and
    a full-width mark is squeezed into its neighbour: neither is overprinting)."""
    found = []
    ordered = sorted(words, key=lambda w: w[1])
    for i, a in enumerate(ordered):
        for b in ordered[i + 1:]:
            if b[1] >= a[3]:
                break
            height = min(a[3] - a[1], b[3] - b[1])
            across = min(a[2], b[2]) - max(a[0], b[0])
            if across > 0.35 * height and abs(a[1] + a[3] - b[1] - b[3]) / 2 < 0.25 * height:
                found.append((a[4], b[4]))
    return found


def _print(tmp_path: Path, page_html: str, name: str) -> Path:
    page = tmp_path / f"{name}.html"
    page.write_text(page_html, encoding="utf-8")
    pdf = tmp_path / f"{name}.pdf"
    result = chromium(tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", page.as_uri())
    assert pdf.exists(), result.stderr[-2000:]
    OUT.mkdir(parents=True, exist_ok=True)
    shutil.copy(pdf, OUT / f"{name}.pdf")
    return pdf


class TestPrint:
    @pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
    @pytest.mark.parametrize(("kind", "portrait"), [("weekly", False), ("weekly", True), ("forecast", False)])
    def test_nothing_overprints(self, tmp_path: Path, kind: str, portrait: bool) -> None:
        """Printed to A4 by Chromium, no page has text over other text (the charts stay out of the tables)."""
        day, plan, updates = dt.date(2021, 6, 25), ft.sample_plan(), ft.sample_updates()
        report = ft.weekly_report(plan, updates, day)
        if kind == "weekly":
            doc = report.document()
        else:
            assert report.forecast is not None
            from fazhi_tasks.report.views import forecast_document

            doc = forecast_document(plan, report.forecast, ft.statuses_as_of(updates, day), updates)
        page = str(ft.render(doc, "html", portrait=portrait))
        pdf = _print(tmp_path, page, f"print-{kind}-{'portrait' if portrait else 'a4'}")
        pages = _words(pdf)
        assert len(pages) > 2
        assert {} == {n: found[:3] for n, page in enumerate(pages, start=1) if (found := overprinted(page))}

    def test_the_check_sees_overprinting(self) -> None:
        """The control: two words printed on the same spot are caught, two lines of a cell are not."""
        line = [(10.0, 10.0, 100.0, 34.0, "一、总体情况"), (40.0, 12.0, 140.0, 36.0, "T069 完善政府信息公开")]
        cell = [(10.0, 10.0, 100.0, 34.0, "修订重大执法决定"), (10.0, 25.0, 100.0, 49.0, "于4月30日前完成")]
        assert [("一、总体情况", "T069 完善政府信息公开")] == overprinted(line)
        assert [] == overprinted(cell)

    def test_gantt_after_the_sections(self) -> None:
        """On screen the whole-plan Gantt follows the numbered sections instead of coming before 一、."""
        html = ft.weekly_report(ft.sample_plan(), ft.sample_updates(), dt.date(2021, 6, 25)).to_html()
        assert html.index("<h2>") < html.index('<figure class="wide">')
        assert html.index('<figure class="half">') < html.index("<h2>")


def test_chinese_text_has_chinese_dates() -> None:
    """Outside the tables' date columns the page writes dates as Chinese text does (2021年6月25日), and its
    footer names the report, not the program."""
    page = ft.weekly_report(ft.sample_plan(), ft.sample_updates(), dt.date(2021, 6, 25)).to_html()
    prose = re.sub(r"<table.*?</table>|<style>.*?</style>", "", page, flags=re.S)
    assert [] == re.findall(r"[^<>]{0,20}\d{4}-\d\d-\d\d", prose)
    assert "fazhi_tasks" not in page
