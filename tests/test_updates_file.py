"""Progress-updates files: CSV in Excel's encodings, XLSX, JSON; all validated before any is used."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import fazhi_tasks as ft

D = dt.date
CSV = ("任务编号,状态,完成进度,进展情况,报送日期,报送人\n"
       "T001,已完成,100%,已印发,2021/3/5,张三\nT002,进行中,60,起草中,2021年3月5日,李四\n")


class TestImport:
    @pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
    def test_csv_encodings(self, tmp_path: Path, encoding: str) -> None:
        """CSV as Excel on Chinese Windows saves it, in any of its encodings."""
        path = tmp_path / "进展.csv"
        path.write_bytes(CSV.encode(encoding))
        updates = ft.import_updates(path)
        assert [ft.Update("T001", "已完成", D(2021, 3, 5), 100, "已印发", "张三"),
                ft.Update("T002", "推进中", D(2021, 3, 5), 60, "起草中", "李四")] == updates

    def test_english_headers_and_statuses(self, tmp_path: Path) -> None:
        """English headers and statuses work too."""
        path = tmp_path / "u.csv"
        path.write_text("task_id,status,on\nT001,done,2021-03-05\n", encoding="utf-8")
        assert [ft.Update("T001", "已完成", D(2021, 3, 5))] == ft.import_updates(path)

    def test_bad_rows_reject_the_file_naming_row_column_value(self, tmp_path: Path) -> None:
        """Every bad row is named with its column and value; nothing is returned."""
        path = tmp_path / "u.csv"
        path.write_text("任务编号,状态,报送日期\nT001,已完成,2021-03-05\nT002,差不多,2021-03-05\n"
                        "T003,已完成,2021-13-01\n", encoding="utf-8")
        with pytest.raises(ft.UpdateFileError) as info:
            ft.import_updates(path)
        text = str(info.value)
        assert "u.csv，第3行，B列（状态）：“差不多”：不是可识别的状态；请填写 未启动、推进中" in text
        assert "u.csv，第4行，C列（报送日期）：“2021-13-01”：不是存在的日期；日期请写成 2021年6月30日" in text
        english = info.value.describe("en")
        assert 'u.csv, row 3, column B (状态): "差不多": not a status; write 未启动, 推进中' in english
        assert 'u.csv, row 4, column C (报送日期): "2021-13-01": no such date' in english
        assert (3, "状态", "差不多") == (info.value.line, info.value.column, info.value.value)
        assert 2 == len(info.value.problems)

    def test_missing_column(self, tmp_path: Path) -> None:
        """A file without a status column says which headers it accepts."""
        path = tmp_path / "u.csv"
        path.write_text("任务编号,报送日期\nT001,2021-03-05\n", encoding="utf-8")
        with pytest.raises(ft.UpdateFileError, match="表头缺少 状态 列"):
            ft.import_updates(path)

    def test_undecodable_names_the_byte_offset(self, tmp_path: Path) -> None:
        """Bytes that are neither UTF-8 nor GB18030 are an error at a named offset."""
        path = tmp_path / "u.csv"
        path.write_bytes("任务编号,状态,报送日期\n".encode() + b"\x81\x30\xff\xff\n")
        with pytest.raises(ft.UpdateFileError, match="字节处：既不是 UTF-8 也不是 GBK/GB18030") as info:
            ft.import_updates(path)
        assert "byte offset" in info.value.describe("en")

    @pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le"])
    def test_utf16_says_how_to_save(self, tmp_path: Path, encoding: str) -> None:
        """Excel's "Unicode 文本" (UTF-16, with or without a byte-order mark) is named as such, with what to do."""
        path = tmp_path / "u.csv"
        path.write_bytes("任务编号,状态,报送日期\nT001,已完成,2021-03-05\n".encode(encoding))
        with pytest.raises(ft.UpdateFileError, match=r"UTF-16 编码.*另存为“CSV UTF-8") as info:
            ft.import_updates(path)
        assert "save it from Excel as 'CSV UTF-8'" in info.value.describe("en")

    def test_json(self, tmp_path: Path) -> None:
        """JSON: a list of objects, or {"updates": [...]}, Chinese keys allowed."""
        path = tmp_path / "u.json"
        path.write_text('[{"任务编号": "T001", "状态": "已完成", "报送日期": "2021-03-05"}]', encoding="utf-8")
        assert [ft.Update("T001", "已完成", D(2021, 3, 5))] == ft.import_updates(path)

    def test_json_bad_item(self, tmp_path: Path) -> None:
        """A bad JSON item names its position and field."""
        path = tmp_path / "u.json"
        path.write_text('{"updates": [{"task_id": "T001", "status": "done", "on": "soon"}]}', encoding="utf-8")
        with pytest.raises(ft.UpdateFileError, match=r"第1条进展，字段 on：“soon”：报送日期应是某一天"):
            ft.import_updates(path)

    def test_failed_import_leaves_the_ledger_untouched(self, tmp_path: Path) -> None:
        """A bad file never reaches the ledger: its bytes are unchanged."""
        ledger_path = tmp_path / "l.db"
        with ft.Ledger(ledger_path) as ledger:
            ledger.record(ft.Update("T001", "推进中", D(2021, 3, 1)))
        before = ledger_path.read_bytes()
        bad = tmp_path / "u.csv"
        bad.write_text("任务编号,状态,报送日期\nT001,已完成,2021-03-05\nT002,??,2021-03-05\n", encoding="utf-8")
        with pytest.raises(ft.UpdateFileError), ft.Ledger(ledger_path) as ledger:
            ledger.record_many(ft.import_updates(bad))
        assert before == ledger_path.read_bytes()

    def test_xml_bomb_is_refused(self, tmp_path: Path) -> None:
        """An XLSX whose XML declares entities is refused with a clear error."""
        import zipfile

        path = tmp_path / "bomb.xlsx"
        ft.export_updates([ft.Update("T001", "推进中", D(2021, 3, 1))], tmp_path / "ok.xlsx")
        with zipfile.ZipFile(tmp_path / "ok.xlsx") as src, zipfile.ZipFile(path, "w") as dst:
            for item in src.infolist():
                data = src.read(item.filename)
                if item.filename == "xl/worksheets/sheet1.xml":
                    bomb = (b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
                            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>')
                    head, sep, rest = data.partition(b"?>")
                    data = head + sep + bomb + rest if sep else bomb + data
                dst.writestr(item, data)
        with pytest.raises(ft.UpdateFileError, match=r"bomb\.xlsx：.*DTDForbidden"):
            ft.import_updates(path)


updates = st.lists(st.builds(
    ft.Update, task_id=st.from_regex(r"T[0-9]{1,4}", fullmatch=True), status=st.sampled_from(list(ft.Status)),
    on=st.dates(min_value=D(2000, 1, 1), max_value=D(2100, 1, 1)), percent=st.one_of(st.none(), st.integers(0, 100)),
    note=st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=20).map(str.strip),
    by=st.sampled_from(["", "张三", "=cmd|' /C calc'!A0", "+1", "@SUM(A1)"])).filter(
    # a file saying 已完成 at 60% or 未启动 at 50% is refused (issue 23), so the round trip draws consistent ones
    lambda u: u.percent is None or not ((u.status is ft.Status.DONE and u.percent < 100)
                                        or (u.status is ft.Status.NOT_STARTED and u.percent > 0))),
    max_size=20, unique_by=lambda u: (u.task_id, u.on))  # one status a task a day in one file


class TestRoundTrip:
    @settings(max_examples=30)
    @given(updates, st.sampled_from([".csv", ".json", ".xlsx"]))
    def test_export_then_import(self, tmp_path_factory: pytest.TempPathFactory, items: list[ft.Update],
                                suffix: str) -> None:
        """Exporting updates and importing the file gives the same updates (neutralised formulas come back)."""
        path = tmp_path_factory.mktemp("u") / f"updates{suffix}"
        ft.export_updates(items, path)
        assert items == ft.import_updates(path)


class TestNeutralising:
    @given(st.text(alphabet="'=+-@a\t", max_size=6))
    def test_undone_exactly(self, text: str) -> None:
        """Reading back what was neutralised gives the original text, apostrophes included."""
        from fazhi_tasks.io.sheets.tabular import neutralise, unneutralise

        assert text == unneutralise(neutralise(text))
        assert not str(neutralise(text)).startswith(("=", "+", "-", "@", "\t"))
