"""The fazhi-tasks command, in process: every command, exit codes, output, and the error paths."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import fazhi_tasks as ft
from fazhi_tasks.cli import COMMANDS, main

from .conftest import small_plan


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def small(tmp_path: Path) -> Path:
    path = tmp_path / "plan.toml"
    ft.save_plan(small_plan(), path)
    return path


class TestCommands:
    def test_order_exact_table(self, small: Path) -> None:
        """order prints the phased order as a table."""
        code, out, _ = run("order", "--plan", str(small))
        assert 0 == code
        assert out == (
            "小计划\n"
            "5项任务，分4个批次完成\n"
            "\n"
            "分阶段完成顺序\n"
            "阶段          批次  编号    任务名称    牵头处室    完成时限\n"
            "----------  ------  ------  ----------  ----------  ----------\n"
            "1 部署启动       1  A       制定方案    政策法规处  2021-03-31\n"
            "1 部署启动       1  D       开展宣传    宣传教育处  2021-04-20\n"
            "1 部署启动       2  B       印发方案    办公室      2021-04-15\n"
            "1 部署启动       3  C       开展自查    执法监督处  2021-04-30\n"
            "2 整改提升       1  E       整改销号    政策法规处  2021-06-30\n")

    def test_check_clean_and_failing(self, small: Path) -> None:
        """check exits 0 without findings, and 1 with --fail-on findings when there are some."""
        assert 0 == run("check", "--plan", str(small), "--fail-on", "findings")[0]
        code, out, _ = run("check", "--fail-on", "findings")
        assert 1 == code and "T035" in out

    def test_shortfalls_on_the_sample(self) -> None:
        """Without --plan the bundled sample and its history are used."""
        code, out, _ = run("shortfalls", "--as-of", "2021-06-30")
        assert 0 == code
        assert out.splitlines()[1] == "截至2021年6月30日：逾期11项，受阻16项，即将到期0项，逾期完成8项，已暂缓2项"

    def test_fail_on_overdue(self) -> None:
        """--fail-on overdue exits 1 when something is overdue."""
        assert 1 == run("shortfalls", "--as-of", "2021-06-30", "--fail-on", "overdue")[0]
        assert 0 == run("shortfalls", "--as-of", "2020-09-02", "--fail-on", "overdue")[0]

    def test_shortfalls_json(self) -> None:
        """JSON output is data for other tools."""
        code, out, _ = run("shortfalls", "--as-of", "2021-06-30", "--format", "json")
        data = json.loads(out)
        assert 0 == code and "T043" == data["shortfalls"][0]["task_id"]

    def test_rectify_by_division(self) -> None:
        """rectify groups the list into each division's part."""
        code, out, _ = run("rectify", "--as-of", "2021-06-30", "--by-division")
        assert 0 == code
        assert "问题和责任清单（截至2021年6月30日，共11项）" in out and "\n政策法规处（4项）\n" in out

    def test_weekly_formats(self, tmp_path: Path) -> None:
        """weekly writes text, Markdown, HTML, JSON and XLSX."""
        code, out, _ = run("weekly", "--week-ending", "2021-06-25")
        assert 0 == code and "周报（2021年6月19日至2021年6月25日）" in out and "第25周" not in out
        for fmt, suffix in (("html", "html"), ("json", "json"), ("xlsx", "xlsx"), ("markdown", "md")):
            target = tmp_path / f"weekly.{suffix}"
            assert 0 == run("weekly", "--week-ending", "2021年6月25日", "--format", fmt, "-o", str(target))[0]
            assert target.stat().st_size > 1000
        assert 25 == json.loads((tmp_path / "weekly.json").read_text(encoding="utf-8"))["iso_week"]

    def test_english(self) -> None:
        """--lang en gives English labels."""
        assert "Rectification list as of 2021-06-30: 11 items" in run("rectify", "--as-of", "2021-06-30",
                                                                       "--lang", "en")[1]

    def test_record_and_import_into_a_ledger(self, tmp_path: Path, small: Path) -> None:
        """record adds one update; import adds a file's updates, all or nothing; weekly reads the ledger."""
        ledger = tmp_path / "progress.db"
        code, out, _ = run("record", "A", "已完成", "--on", "2021-03-30", "--ledger", str(ledger), "--plan", str(small))
        assert 0 == code and "已记录：A 已完成 2021年3月30日" in out
        updates = tmp_path / "u.csv"
        updates.write_text("任务编号,状态,报送日期\nB,推进中,2021-04-01\nC,推进中,2021-04-02\n", encoding="utf-8")
        assert 0 == run("import", str(updates), "--ledger", str(ledger), "--plan", str(small))[0]
        bad = tmp_path / "bad.csv"
        bad.write_text("任务编号,状态,报送日期\nB,已完成,2021-04-10\nZ,已完成,2021-04-10\n", encoding="utf-8")
        code, _, err = run("import", str(bad), "--ledger", str(ledger), "--plan", str(small))
        assert 2 == code and "bad.csv，第3行，A列（任务编号）：“Z”：计划中没有这个任务编号" in err
        with ft.Ledger(ledger) as opened:
            assert 3 == len(opened)
        code, out, _ = run("shortfalls", "--plan", str(small), "--ledger", str(ledger), "--as-of", "2021-04-20")
        assert "逾期1项" in out  # B (due 04-15) is late; A is done

    def test_export_and_template(self, tmp_path: Path) -> None:
        """export writes the plan in the suffix's format; --template an empty sheet."""
        assert 0 == run("export", "-o", str(tmp_path / "plan.json"))[0]
        assert ft.sample_plan() == ft.load_plan(tmp_path / "plan.json")
        assert 0 == run("export", "--template", "-o", str(tmp_path / "t.xlsx"))[0]

    def test_export_keeps_the_report_settings(self, tmp_path: Path) -> None:
        """A plan's [report] settings reach the exported workbook's 设置 sheet; a CSV export says they are left out."""
        source = tmp_path / "plan.toml"
        ft.save_plan(ft.sample_plan(), source, settings=ft.ReportSettings(issuer="金华市应急管理局", issue_no=12))
        assert 0 == run("export", "--plan", str(source), "-o", str(tmp_path / "plan.xlsx"))[0]
        written = ft.read_report_settings(tmp_path / "plan.xlsx")
        assert ("金华市应急管理局", "12") == (written.issuer, written.issue_no)
        code, out, _ = run("export", "--plan", str(source), "-o", str(tmp_path / "plan.csv"))
        assert 0 == code and "CSV 不保存通报设置" in out
        assert ft.sample_plan().tasks == ft.load_plan(tmp_path / "plan.csv").tasks


class TestErrors:
    @pytest.mark.parametrize(("argv", "expected"), [
        (["shortfalls", "--as-of", "2021-13-01"], "'2021-13-01' 不是日期"),
        (["shortfalls", "--plan", "nowhere.toml"], "nowhere.toml：找不到这个文件"),
        (["record", "T001", "done"], "请加 --ledger 路径.db"),
        (["weekly", "--format", "xlsx"], "--format xlsx 需要用 -o 指定输出文件"),
        (["order", "--format", "html", "-o", "x.xlsx"], "--format html 与输出文件 x.xlsx 的扩展名不符"),
        (["order", "-o", "x.pdf"], "无法从扩展名判断输出格式"),
        (["frobnicate"], "无效的命令 'frobnicate'"),
        (["frobnicate", "--lang", "en"], "invalid choice: 'frobnicate'"),
        (["shortfalls", "--as-of", "2021-13-01", "--lang", "en"], "argument --as-of: '2021-13-01' is not a date"),
        (["shortfalls", "--bogus"], "无法识别的参数：--bogus"),
        (["shortfalls", "-o", "."], ".：这是一个文件夹；请写文件名"),
        (["shortfalls", "-o", "/nonexistent-folder-x/out.txt", "--lang", "en"],
         "the folder /nonexistent-folder-x does not exist"),
        (["export"], "export 需要 -o 路径"),
        (["rectify", "--time-limit", "-1"], "'-1' 应为0到10000之间的整数"),
        (["shortfalls", "--due-soon", "-3"], "'-3' 应为0到10000之间的整数"),
        (["weekly", "--lang", "en", "--format", "xlsx"], "--format xlsx needs -o PATH.xlsx"),
    ])
    def test_one_line_exit_2(self, argv: list[str], expected: str) -> None:
        """Bad input: exit 2 and one line on stderr naming what is wrong."""
        code, _out, err = run(*argv)
        assert 2 == code
        assert expected in err
        assert 1 == len(err.strip().splitlines())
        assert "Traceback" not in err

    def test_beyond_the_calendar_data(self) -> None:
        """Past the official data a report counts Monday–Friday and says so; --beyond error refuses, saying how
        to go on."""
        code, out, _ = run("weekly", "--week-ending", "2026-12-25")
        assert 0 == code and "2027年及以后的日期按周一至周五推算" in out
        code, _, err = run("weekly", "--week-ending", "2026-12-25", "--beyond", "error")
        assert 2 == code and "或加 --beyond weekdays" in err and "2027年" in err

    def test_bad_plan_file(self, tmp_path: Path) -> None:
        """A broken plan file is one line naming file and line."""
        path = tmp_path / "plan.toml"
        path.write_text("name = \n", encoding="utf-8")
        code, _, err = run("check", "--plan", str(path))
        assert 2 == code and "plan.toml" in err and "line 1" in err

    def test_unknown_task_in_record(self, tmp_path: Path) -> None:
        """Recording an unknown task suggests the near miss."""
        code, _, err = run("record", "T0043", "done", "--ledger", str(tmp_path / "l.db"))
        assert 2 == code and "不在计划" in err and "是否应为“T043”" in err
        code, _, err = run("record", "T0043", "done", "--ledger", str(tmp_path / "l.db"), "--lang", "en")
        assert 2 == code and "is not in the plan" in err and "did you mean 'T043'" in err


class TestCalendarCommand:
    def test_official_year(self) -> None:
        """calendar --year 2026 shows the package data, make-up days and working days per month."""
        code, out, _ = run("calendar", "--year", "2026")
        assert 0 == code
        assert "来源：官方数据（chinese-calendar" in out and "调休上班：1月4日、2月14日" in out
        assert "全年" in out

    def test_unknown_year_is_an_error_unless_weekdays_are_asked_for(self) -> None:
        """Without data for 2027 the command refuses, saying how to supply the schedule; with --beyond weekdays it
        shows Monday–Friday and says so."""
        code, _, err = run("calendar", "--year", "2027")
        assert 2 == code and "2027年没有官方节假日数据" in err and "--calendar" in err
        code, out, _ = run("calendar", "--year", "2027", "--beyond", "weekdays")
        assert 0 == code and "无官方节假日数据，按周一至周五计算" in out and "--calendar" in out

    def test_supplied_file_reaches_every_report(self, tmp_path: Path) -> None:
        """--calendar FILE covers 2027 for the calendar command and the reports alike."""
        path = tmp_path / "2027.toml"
        path.write_text('[calendar.2027]\nsource = "示例"\nholidays = ["2027-01-01..2027-01-03"]\n', encoding="utf-8")
        code, out, _ = run("calendar", "--year", "2027", "--calendar", str(path), "--format", "json")
        assert 0 == code and '"source": "supplied"' in out
        code, _, err = run("weekly", "--week-ending", "2026-12-25", "--calendar", str(path))
        assert (0, "") == (code, err)

    def test_bad_year_and_bad_file(self, tmp_path: Path) -> None:
        """A bad --year or schedule file is one line and exit 2."""
        code, _, err = run("calendar", "--year", "27")
        assert 2 == code and "不是年份" in err
        path = tmp_path / "2027.toml"
        path.write_text("[calendar.2027]\nholidays = [1]\n", encoding="utf-8")
        code, _, err = run("calendar", "--year", "2027", "--calendar", str(path))
        assert 2 == code and 1 == len(err.splitlines()) and "不是日期或日期段" in err


class TestHelp:
    @pytest.mark.parametrize("command", sorted(COMMANDS))
    def test_every_command_has_an_example(self, command: str, capsys: pytest.CaptureFixture[str]) -> None:
        """--help on every command shows an example."""
        assert 0 == main([command, "--help"])
        assert "example: fazhi-tasks" in capsys.readouterr().out

    def test_python_dash_m(self) -> None:
        """python -m fazhi_tasks is the same command."""
        result = subprocess.run([sys.executable, "-m", "fazhi_tasks", "check"], capture_output=True, text=True,
                                check=False)
        assert 0 == result.returncode and "97项任务" in result.stdout
