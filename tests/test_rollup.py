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
        assert ["5", "0", "2", "2", "0.0%", "A", "制定方案（20天）；B"] == rows["甲局"][:7]
        assert "印发方案（5天）" in out
        assert ["5", "3", "0", "0", "60.0%"] == rows["乙局"]
        assert ["10", "3", "2", "2", "30.0%"] == rows["合计"]

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
        assert (0, "共享账本已就绪：版本 0 → 3\n") == run("ledger", "init", "--url", owner)[:2]
        assert "共享账本已是最新版本（3），未作改动\n" == run("ledger", "init", "--url", owner)[1]
        tag = database[-6:]
        for bureau, role in (("甲局", f"jia_{tag}"), ("乙局", f"yi_{tag}")):
            code, out, err = run("ledger", "grant", "--url", owner, "--bureau", bureau, "--role", role)
            assert (0, f"已授权：{role} 写入和读取“{bureau}”的进展（新建角色，请为其设置密码）\n") == (code, out), err
        assert 0 == run("ledger", "grant", "--url", owner, "--reader", "--role", f"city_{tag}")[0]
        updates = tmp_path / "乙局进展.csv"
        ft.export_updates([ft.Update(t, "已完成", D(2021, 3, 30)) for t in ("A", "B", "D")], updates)
        yi = postgres.url(database, user=f"yi_{tag}")
        plan = plans / "乙局.json"
        assert "已导入3条进展（账本共3条）\n" == run("import", str(updates), "--ledger", yi, "--plan", str(plan))[1]
        assert "已导入0条进展；3条已存在，未重复导入（账本共3条）\n" == run(
            "import", str(updates), "--ledger", yi, "--plan", str(plan))[1]
        code, out, _ = run("shortfalls", "--plan", str(plan), "--ledger", yi, "--as-of", "2021-04-20", "--format",
                           "json")
        assert (0, []) == (code, [s["task_id"] for s in json.loads(out)["shortfalls"] if s["kind"] == "overdue"])
        assert 0 == run("weekly", "--plan", str(plan), "--ledger", yi, "--week-ending", "2021-04-23")[0]
        code, _, err = run("import", str(updates), "--ledger", yi, "--plan", str(plan), "--bureau", "甲局")
        assert 2 == code
        assert "本单位的角色只能写入本单位的进展" in err
        code, out, _ = run("rollup", "--url", postgres.url(database, user=f"city_{tag}"), "--plans", str(plans),
                           "--as-of", "2021-04-20", "--format", "json")
        assert [("甲局", 0, 2), ("乙局", 3, 0)] == [(b["bureau"], b["done"], b["overdue"])
                                                  for b in json.loads(out)["bureaus"]]
