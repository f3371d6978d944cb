"""The city rollup (library and command), the shared-ledger commands, and idempotent import through the CLI."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest

import fazhi_tasks as ft
from fazhi_tasks.cli import main
from fazhi_tasks.io.plans_folder import plans_by_bureau

from .conftest import small_plan
from .postgres import Server

D = dt.date
AS_OF = D(2021, 4, 20)


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def plans(tmp_path: Path) -> Path:
    """Two bureaus' plan files, named after the bureaus."""
    folder = tmp_path / "各单位计划"
    folder.mkdir()
    ft.save_plan(small_plan(name="甲局方案"), folder / "甲局.toml")
    ft.save_plan(small_plan(name="乙局方案"), folder / "乙局.json")
    return folder


def fill(ledger_for: dict[str, ft.Ledger]) -> None:
    """甲局 reports nothing; 乙局 finished A, B and D on time; 丙局 (no plan) reported one update."""
    ledger_for["乙局"].record_many([ft.Update(t, "已完成", D(2021, 3, 30)) for t in ("A", "B", "D")])
    ledger_for["乙局"].record(ft.Update("Z9", "推进中", D(2021, 3, 30)))
    ledger_for["丙局"].record(ft.Update("A", "推进中", D(2021, 3, 30)))


@pytest.fixture
def sqlite_city(tmp_path: Path) -> Path:
    path = tmp_path / "city.db"
    fill({b: ft.Ledger(path, bureau=b) for b in ("甲局", "乙局", "丙局")})
    return path


class TestPlansByBureau:
    def test_file_name_is_the_bureau(self, plans: Path) -> None:
        """Each plan file's name without its suffix names its bureau."""
        assert {"甲局": "甲局方案", "乙局": "乙局方案"} == {b: p.name for b, p in plans_by_bureau(plans).items()}

    def test_two_files_for_one_bureau_are_refused(self, plans: Path) -> None:
        """甲局.toml beside 甲局.xlsx is ambiguous: refused, naming both."""
        ft.save_plan(small_plan(), plans / "甲局.csv")
        with pytest.raises(ft.PlanFileError, match=r"甲局\.csv 和 甲局\.toml|甲局\.toml 和 甲局\.csv"):
            ft.rollup(":memory:", plans, AS_OF)

    def test_an_empty_folder_is_refused(self, tmp_path: Path) -> None:
        """A folder without plan files says what it should hold."""
        with pytest.raises(ft.PlanFileError, match="文件名即单位名称"):
            ft.rollup(":memory:", tmp_path, AS_OF)


class TestRollup:
    def test_per_bureau_counts(self, plans: Path, sqlite_city: Path) -> None:
        """Tasks, done, overdue, blocked and rate per bureau, most overdue first; the oldest overdue listed."""
        city = ft.rollup(sqlite_city, plans, AS_OF)
        assert [("甲局", 5, 0, 2, 2), ("乙局", 5, 3, 0, 0)] == [
            (b.bureau, b.tasks, b.done, b.overdue, b.blocked) for b in city]
        assert (0.0, 0.6) == (city[0].rate, city[1].rate)
        assert [("A", 20), ("B", 5)] == [(s.task_id, s.days_overdue) for s in city[0].oldest_overdue]
        assert (10, 3, 2) == (city.total.tasks, city.total.done, city.total.overdue)

    def test_unknown_ids_and_bureaus_without_a_plan_are_named(self, plans: Path, sqlite_city: Path) -> None:
        """Updates for ids a plan lacks, and bureaus with no plan file, are reported, not dropped silently."""
        city = ft.rollup(sqlite_city, plans, AS_OF)
        assert ("Z9",) == city[1].unknown_ids
        assert ("丙局",) == city.without_plan

    def test_same_answer_as_each_bureaus_own_shortfalls(self, plans: Path, sqlite_city: Path) -> None:
        """A bureau's rollup line agrees with find_shortfalls on its own ledger rows."""
        with ft.Ledger(sqlite_city, bureau="乙局") as ledger:
            found = ft.find_shortfalls(small_plan(), ledger.status_as_of(AS_OF), AS_OF)
        line = next(b for b in ft.rollup(sqlite_city, plans, AS_OF) if b.bureau == "乙局")
        assert (len(found.overdue), len(found.blocked)) == (line.overdue, line.blocked)


class TestRollupCommand:
    def test_text(self, plans: Path, sqlite_city: Path) -> None:
        """The city table: one row per bureau and a total, then the notes."""
        code, out, _ = run("rollup", "--url", str(sqlite_city), "--plans", str(plans), "--as-of", "2021-04-20")
        assert 0 == code
        lines = out.splitlines()
        assert ["全市汇总", "截至2021年4月20日，2个单位"] == lines[:2]
        assert "* 乙局 的账本中有计划里没有的任务编号：Z9" in lines
        assert "* 以下单位在账本中有进展，但没有计划文件：丙局" in lines
        rows = {line.split()[0]: line.split()[1:] for line in lines if line.startswith(("甲局", "乙局", "合计"))}
        assert ["5", "0", "2", "2", "0", "0.0%", "A", "制定方案（20天）；B"] == rows["甲局"][:8]
        assert "印发方案（5天）" in out
        assert ["5", "3", "0", "0", "0", "60.0%"] == rows["乙局"]
        assert ["10", "3", "2", "2", "0", "30.0%"] == rows["合计"]

    def test_json(self, plans: Path, sqlite_city: Path) -> None:
        """JSON carries the same figures."""
        code, out, _ = run("rollup", "--url", str(sqlite_city), "--plans", str(plans), "--as-of", "2021-04-20",
                           "--format", "json")
        data = json.loads(out)
        assert (0, ["甲局", "乙局"], 0.6) == (code, [b["bureau"] for b in data["bureaus"]], data["bureaus"][1]["rate"])

    def test_missing_ledger_file_is_refused(self, plans: Path, tmp_path: Path) -> None:
        """A mistyped ledger path is an error, not an empty city."""
        code, _, err = run("rollup", "--url", str(tmp_path / "nope.db"), "--plans", str(plans))
        assert 2 == code
        assert "账本文件不存在" in err


class TestImportTwice:
    def test_second_import_skips_and_says_so(self, tmp_path: Path) -> None:
        """Importing one progress file twice records it once and says how many were already there."""
        plan, ledger, updates = tmp_path / "plan.toml", tmp_path / "l.db", tmp_path / "u.csv"
        ft.save_plan(small_plan(), plan)
        ft.export_updates([ft.Update("A", "推进中", D(2021, 3, 1), percent=30), ft.Update("B", "推进中",
                                                                                     D(2021, 3, 2))], updates)
        first = run("import", str(updates), "--ledger", str(ledger), "--plan", str(plan))[1]
        assert "读取 u.csv，读取进展 2 条\n已导入2条进展（账本共2条）\n" == first  # the read summary, then the count
        assert "已导入0条进展；2条已存在，未重复导入（账本共2条）" == run(
            "import", str(updates), "--ledger", str(ledger), "--plan", str(plan))[1].splitlines()[-1]

    def test_a_failed_import_leaves_no_ledger_file(self, tmp_path: Path) -> None:
        """A bad id in the file: nothing written, and no empty ledger file left behind."""
        plan, ledger, updates = tmp_path / "plan.toml", tmp_path / "l.db", tmp_path / "u.csv"
        ft.save_plan(small_plan(), plan)
        ft.export_updates([ft.Update("A", "推进中", D(2021, 3, 1)), ft.Update("AX", "推进中", D(2021, 3, 2))], updates)
        assert 2 == run("import", str(updates), "--ledger", str(ledger), "--plan", str(plan))[0]
        assert not ledger.exists()


class TestSharedLedgerCommands:
    def test_init_grant_import_rollup(self, postgres: Server, plans: Path, tmp_path: Path) -> None:
        """The city's set-up end to end: init, grant two bureaus and a reader, each imports, the reader rolls up."""
        owner = postgres.new_database()
        database = owner.split("/")[3].split("?")[0]
        assert (0, "共享账本已就绪：版本 0 → 4\n") == run("ledger", "init", "--url", owner)[:2]
        assert "共享账本已是最新版本（4），未作改动\n" == run("ledger", "init", "--url", owner)[1]
        tag = database[-6:]
        for bureau, role in (("甲局", f"jia_{tag}"), ("乙局", f"yi_{tag}")):
            code, out, err = run("ledger", "grant", "--url", owner, "--bureau", bureau, "--role", role)
            assert (0, f"已授权：{role} 写入和读取“{bureau}”的进展（新建角色，请为其设置密码）\n") == (code, out), err
        assert 0 == run("ledger", "grant", "--url", owner, "--reader", "--role", f"city_{tag}")[0]
        updates = tmp_path / "乙局进展.csv"
        ft.export_updates([ft.Update(t, "已完成", D(2021, 3, 30)) for t in ("A", "B", "D")], updates)
        yi = postgres.url(database, user=f"yi_{tag}")
        plan = plans / "乙局.json"
        # import prints the file's read summary first, then what it recorded
        assert run("import", str(updates), "--ledger", yi, "--plan", str(plan))[1].endswith(
            "\n已导入3条进展（账本共3条）\n")
        assert run("import", str(updates), "--ledger", yi, "--plan", str(plan))[1].endswith(
            "\n已导入0条进展；3条已存在，未重复导入（账本共3条）\n")
        code, out, _ = run("shortfalls", "--plan", str(plan), "--ledger", yi, "--as-of", "2021-04-20", "--format",
                           "json")
        assert (0, []) == (code, [s["task_id"] for s in json.loads(out)["shortfalls"] if s["kind"] == "overdue"])
        assert 0 == run("weekly", "--plan", str(plan), "--ledger", yi, "--week-ending", "2021-04-23")[0]
        code, _, err = run("import", str(updates), "--ledger", yi, "--plan", str(plan), "--bureau", "甲局")
        assert 2 == code
        assert "本单位的角色只能" in err and "甲局" in err
        code, out, _ = run("rollup", "--url", postgres.url(database, user=f"city_{tag}"), "--plans", str(plans),
                           "--as-of", "2021-04-20", "--format", "json")
        assert [("甲局", 0, 2), ("乙局", 3, 0)] == [(b["bureau"], b["done"], b["overdue"])
                                                  for b in json.loads(out)["bureaus"]]


class TestPlansFolderCancelledRows:
    """A bureau's plan sheet with cancelled rows: the rollup lists them as 已取消, never open, out of the rate."""

    @pytest.fixture
    def city(self, tmp_path: Path) -> tuple[Path, Path]:
        """甲局's messy sheet (title, heading and footer rows; B struck through, D 状态 已取消, E 备注 该项任务已取消);
        乙局's TOML plan, its E cancelled in the ledger. 甲局 reported A done and B 推进中 (before B was struck)."""
        from .test_cli_sheets import STAGES, workbook

        folder = tmp_path / "各单位计划"
        folder.mkdir()
        header = ("编号", "任务名称", "牵头处室", "配合处室", "阶段", "完成时限", "前置任务", "状态", "备注")
        rows = [("甲局法治政府建设任务分解表",), header, ("一、组织领导",),
                ("A", "制定方案", "政策法规处", None, 1, D(2021, 3, 31), None, None, None),
                ("B", "印发方案", "办公室", None, 1, D(2021, 4, 15), "A", None, None),
                ("C", "开展自查", "执法监督处", "政策法规处", 1, D(2021, 4, 30), "B", None, None),
                ("D", "开展宣传", "宣传教育处", None, 1, D(2021, 4, 20), None, "已取消", None),
                ("E", "整改销号", "政策法规处", None, 2, D(2021, 6, 30), None, None, "该项任务已取消"),
                ("填表人：李四",)]
        workbook(folder / "甲局.xlsx", {"任务": rows, "阶段": STAGES}, struck={"任务": ["A5", "B5", "C5"]},
                 merges={"任务": ["A1:I1", "A3:I3", "A9:I9"]})
        ft.save_plan(small_plan(name="乙局方案"), folder / "乙局.toml")
        path = tmp_path / "city.db"
        with ft.Ledger(path, bureau="甲局") as jia:
            jia.record_many([ft.Update("A", "已完成", D(2021, 3, 30)), ft.Update("B", "推进中", D(2021, 4, 1))])
        with ft.Ledger(path, bureau="乙局") as yi:
            yi.record_many([ft.Update(t, "已完成", D(2021, 3, 30)) for t in ("A", "B", "C")])
            yi.record(ft.Update("E", "已取消", D(2021, 4, 2), note="局务会决定取消"))
        return folder, path

    def test_what_was_loaded(self, city: tuple[Path, Path]) -> None:
        """The folder reader keeps 甲局's five tasks and its three 已取消; plans_by_bureau still leaves them out."""
        from fazhi_tasks.io.plans_folder import read_plans_folder

        folder, _ = city
        plans, cancelled = read_plans_folder(folder)
        assert ["A", "B", "C", "D", "E"] == [t.id for t in plans["甲局"]]
        assert {"甲局": ["B", "D", "E"]} == {b: sorted(u.task_id for u in c) for b, c in cancelled.items()}
        assert {ft.Status.CANCELLED} == {u.status for u in cancelled["甲局"]}
        assert ["A", "C"] == [t.id for t in plans_by_bureau(folder)["甲局"]]

    def test_the_rollup_counts_them_cancelled(self, city: tuple[Path, Path]) -> None:
        """甲局: 5 tasks, 1 done, C overdue (not held up by the cancelled B), 3 cancelled, rate 1/2 — the ledger's B
        推进中 does not count; 乙局: E cancelled in the ledger, rate 3/4 (it was 3/5)."""
        folder, path = city
        lines = {b.bureau: b for b in ft.rollup(path, folder, D(2021, 5, 5))}
        jia, yi = lines["甲局"], lines["乙局"]
        assert (5, 1, 1, 0, 3, ("B", "D", "E")) == (jia.tasks, jia.done, jia.overdue, jia.blocked, jia.cancelled,
                                                     jia.cancelled_ids)
        assert ["C"] == [s.task_id for s in jia.oldest_overdue]
        assert (0.5, 0.75, 1, ("E",)) == (jia.rate, yi.rate, yi.cancelled, yi.cancelled_ids)
        city_total = ft.rollup(path, folder, D(2021, 5, 5)).total
        assert (10, 4, 4) == (city_total.tasks, city_total.done, city_total.cancelled)

    def test_the_command_says_so(self, city: tuple[Path, Path]) -> None:
        """The text shows a 已取消 column and a note per bureau naming the tasks; JSON carries both."""
        folder, path = city
        code, out, _ = run("rollup", "--url", str(path), "--plans", str(folder), "--as-of", "2021-05-05")
        assert 0 == code
        rows = {line.split()[0]: line.split()[1:] for line in out.splitlines() if line.startswith(("甲局", "合计"))}
        assert ["5", "1", "1", "0", "3", "50.0%"] == rows["甲局"][:6]
        assert "* 甲局：已取消3项任务（计划表标注或账本记录），不计入完成率和逾期：B、D、E" in out.splitlines()
        assert "* 乙局：已取消1项任务（计划表标注或账本记录），不计入完成率和逾期：E" in out.splitlines()
        _, out, _ = run("rollup", "--url", str(path), "--plans", str(folder), "--as-of", "2021-05-05",
                        "--format", "json")
        data = json.loads(out)
        jia = next(b for b in data["bureaus"] if b["bureau"] == "甲局")
        assert (3, ["B", "D", "E"], 0.5, 4) == (jia["cancelled"], jia["cancelled_ids"], jia["rate"],
                                                 data["total"]["cancelled"])
        from .test_api import validate

        validate(data)  # the shipped schema names the new fields
