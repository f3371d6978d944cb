"""The ``forecast`` command: text with Chinese labels by default, JSON, the charts page, English on request."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import fazhi_tasks as ft

from .test_cli import run


class TestForecastCommand:
    def test_text_on_the_sample(self) -> None:
        """The summary line, the stage outlook and the late tasks with proposed deadlines, in Chinese."""
        code, out, err = run("forecast", "--as-of", "2021-06-30")
        assert (0, "") == (code, err)
        assert out.splitlines()[1:5] == [
            "进度预测", "", "截至2021年6月30日，在办任务39项，按计划进度推算预计逾期31项；",
            "2个阶段的结束时间将滞后，8项整改时限难以保证。"]
        assert "3 整改提升  2021-12-10      2021-09-30            47" in out
        assert "T043    修订重大执法决定法制审核制度" in out
        assert "2021-07-31" in out

    def test_json_matches_the_library(self) -> None:
        """The JSON entries are the library's forecast, one per open task."""
        code, out, _ = run("forecast", "--as-of", "2021-06-30", "--format", "json")
        data = json.loads(out)
        day = dt.date(2021, 6, 30)
        fc = ft.forecast(ft.sample_plan(), ft.Ledger.from_updates(ft.sample_updates()).status_as_of(day), day)
        assert 0 == code
        assert [(e.task_id, e.projected_finish.isoformat()) for e in fc] == [
            (e["task_id"], e["projected_finish"]) for e in data["entries"]]
        assert ["T043", False] == [data["commitments"][0]["task_id"], not data["commitments"][0]["holds"]]

    def test_english_and_all(self) -> None:
        """--lang en labels in English; --all lists every open task."""
        code, out, _ = run("forecast", "--as-of", "2021-06-30", "--lang", "en", "--all")
        assert 0 == code
        assert "As of 2021-06-30, 39 open tasks; at the planned pace 31 will finish late" in out
        assert "Open tasks, projected" in out
        assert "T056" in out  # on time, listed only with --all

    def test_html_charts_page(self, tmp_path: Path) -> None:
        """--format html writes the page with both charts."""
        path = tmp_path / "forecast.html"
        code, _, _ = run("forecast", "--as-of", "2021-06-30", "--format", "html", "-o", str(path))
        page = path.read_text(encoding="utf-8")
        assert (0, True, True) == (code, "进度甘特图" in page and page.count("<svg") >= 2, "落后计划" in page)

    def test_fail_on_overdue(self) -> None:
        """--fail-on overdue means what it means on every command: exit 1 when a task is overdue on the date."""
        assert 1 == run("forecast", "--as-of", "2021-06-30", "--fail-on", "overdue")[0]
