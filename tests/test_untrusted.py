"""Untrusted workbooks cannot take the process down (issue 28): each hostile file is built here, small and fast.

The Rust reader runs in a child process under a memory and time limit (``_sandbox``); before it,
every format's structure is checked (``_xlsx_scan``, ``_ods_scan``). Whatever the file holds, the
caller gets one ``DataFileError`` naming it, or the cells; never a panic, an abort or a hang.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import stat
import time
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import fazhi_tasks as ft
from fazhi_tasks.cli import main
from fazhi_tasks.io.sheets import ods_scan as _ods_scan
from fazhi_tasks.io.sheets import sandbox as _sandbox

from .hostile import ods, ods_cell, ods_plan_rows, xlsx

SHEETS = Path(__file__).parent / "data" / "sheets"
SRC = Path(__file__).resolve().parent.parent / "src" / "fazhi_tasks"
DAMAGED = "文件已损坏或格式异常，无法读取"


def refused(path: Path, reader: object = ft.load_plan) -> ft.DataFileError:
    """The error reading ``path`` raises (within 5 s)."""
    start = time.perf_counter()
    with pytest.raises(ft.DataFileError) as info:
        reader(path)  # type: ignore[operator]
    assert time.perf_counter() - start < 5
    assert path.name in str(info.value)
    return info.value


def run(*argv: str) -> tuple[int, str, str]:
    """The CLI in process: exit code, stdout, stderr."""
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def cut_xls(tmp_path: Path, name: str = "任务.xls") -> Path:
    """The corpus .xls cut after 609 bytes: python-calamine panics (``PanicException``) on it."""
    path = tmp_path / name
    path.write_bytes((SHEETS / "24-two-row-header.xls").read_bytes()[:609])
    return path


#: Bytes set in the corpus .xls that make python-calamine ask for 310 GB, 17.6 GB (a sparse range) and 745 GB,
#: then abort the process (SIGABRT): found by mutating 20 bytes of the file, as the fuzz run does.
ABORTING_XLS = {
    "310 GB": [(3965, 185), (3602, 216), (4380, 66), (1067, 134), (4324, 229), (3697, 77), (2055, 118), (4370, 12),
               (2807, 177), (5368, 84), (1808, 231), (5133, 184), (949, 140), (5450, 196), (807, 87), (5718, 13),
               (2330, 221), (2687, 151), (2416, 115), (3831, 111)],
    "17.6 GB": [(2753, 123), (3048, 202), (5628, 178), (2658, 40), (2515, 159), (4621, 80), (3961, 49), (4037, 171),
                (3195, 139), (5140, 251), (4126, 187), (3252, 183), (3887, 65), (5226, 180), (5543, 129), (2921, 245),
                (4426, 188), (5873, 30), (936, 83), (4025, 49)],
    "745 GB": [(4077, 228), (4373, 23), (5373, 92), (3697, 185), (2306, 98), (1444, 212), (3947, 26), (5934, 0),
               (3086, 189), (47, 238), (2833, 170), (3603, 150), (5304, 31), (4527, 75), (5714, 66), (2256, 163),
               (1773, 34), (822, 218), (2878, 168), (5150, 2)],
}


def aborting_xls(path: Path, which: str) -> Path:
    """The corpus .xls with the bytes of ``ABORTING_XLS[which]`` set."""
    data = bytearray((SHEETS / "24-two-row-header.xls").read_bytes())
    for at, value in ABORTING_XLS[which]:
        data[at] = value
    path.write_bytes(bytes(data))
    return path


def fake_child(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: str) -> None:
    """Replace the reader's child script by ``source`` (to make it abort, hang or lie)."""
    script = tmp_path / "child.py"
    script.write_text(source, encoding="utf-8")
    monkeypatch.setattr(_sandbox, "_CHILD", script)


class TestSandbox:
    def test_a_panic_is_a_clean_error(self, tmp_path: Path) -> None:
        """A cut .xls makes the Rust reader panic (a BaseException): one PlanFileError naming the file."""
        error = refused(cut_xls(tmp_path))
        assert isinstance(error, ft.PlanFileError)
        assert DAMAGED in str(error)
        assert "damaged or malformed" in error.describe("en")

    def test_a_panic_in_an_updates_file(self, tmp_path: Path) -> None:
        """The same file as a progress file is an UpdateFileError."""
        error = refused(cut_xls(tmp_path, "进展.xls"), ft.import_updates)
        assert isinstance(error, ft.UpdateFileError)
        assert DAMAGED in str(error)

    def test_the_cli_says_one_line(self, tmp_path: Path) -> None:
        """Through the CLI: exit 2, one line on stderr naming the file, no traceback."""
        code, _, err = run("check", "--plan", str(cut_xls(tmp_path)))
        assert 2 == code
        assert 1 == len(err.splitlines())
        assert "任务.xls" in err and DAMAGED in err

    def test_a_date_far_before_year_one(self, tmp_path: Path) -> None:
        """A date cell of -1e12 days (calamine panics: TimeDelta out of bounds) is a clean error."""
        styles = ('<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
                  'main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs>'
                  "</styleSheet>")
        path = xlsx(tmp_path / "date.xlsx", '<row r="3"><c r="A3" s="1"><v>-1e12</v></c></row>', styles=styles)
        assert DAMAGED in str(refused(path))

    @pytest.mark.parametrize("which", list(ABORTING_XLS))
    def test_an_xls_that_aborts_the_reader(self, tmp_path: Path, which: str) -> None:
        """A damaged .xls whose length fields make the reader allocate hundreds of GB (an abort no handler
        catches): the child dies, the caller gets one error naming the file and the memory limit."""
        error = refused(aborting_xls(tmp_path / "任务.xls", which))
        assert DAMAGED in str(error) and "内存超过上限 512 MB" in str(error)
        assert "exceeds" not in str(error)

    def test_an_abort_is_a_clean_error(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A reader that aborts the process (SIGABRT, as a failed Rust allocation does) becomes the same error."""
        fake_child(tmp_path, monkeypatch, "import os\nos.abort()\n")
        error = refused(SHEETS / "24-two-row-header.xls")
        assert DAMAGED in str(error)

    def test_a_failed_allocation_says_memory(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """Rust's "memory allocation of N bytes failed" on the child's stderr is named as the memory limit."""
        fake_child(tmp_path, monkeypatch, "import os, sys\nsys.stderr.write('memory allocation of 39000000000 "
                                          "bytes failed\\n')\nsys.stderr.flush()\nos.abort()\n")
        error = refused(SHEETS / "24-two-row-header.xls")
        assert DAMAGED in str(error) and "内存超过上限" in str(error)

    def test_the_real_memory_limit(self) -> None:
        """A sparse far cell (IV100000) lays out 25.6 million cells in the reader: the child fails, not the host."""
        path = SHEETS / "02-two-row-header.xlsx"
        sparse = io.BytesIO()
        with zipfile.ZipFile(path) as src, zipfile.ZipFile(sparse, "w", zipfile.ZIP_DEFLATED) as dst:
            for item in src.infolist():
                data = src.read(item.filename)
                if item.filename == "xl/worksheets/sheet1.xml":
                    data = re.sub(rb"<dimension[^>]*/>", b"", data).replace(
                        b"</sheetData>", b'<row r="100000"><c r="IV100000"><v>1</v></c></row></sheetData>')
                dst.writestr(item, data)
        site = _sandbox.calamine_site()
        assert site is not None
        start = time.perf_counter()
        with pytest.raises(_sandbox.ChildFailed) as info:
            _sandbox.read_in_child(sparse.getvalue(), site, (100_000, 256, 32_767), memory=256 << 20)
        assert info.value.why in {"memory", "signal"}
        assert time.perf_counter() - start < 5

    def test_a_hang_is_timed_out(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A child that never answers is killed after three times its CPU limit; the error says how long."""
        fake_child(tmp_path, monkeypatch, "import time\ntime.sleep(60)\n")
        monkeypatch.setattr(_sandbox, "TIME_LIMIT", 1)
        start = time.perf_counter()
        with pytest.raises(_sandbox.ChildFailed) as info:
            _sandbox.read_in_child(b"", "/nonexistent", (1, 1, 1), seconds=1)
        assert "timeout" == info.value.why
        assert time.perf_counter() - start < 5

    def test_the_answer_admits_only_plain_values(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A child that sends a pickle naming any class but the datetime ones gets no code run in the parent."""
        fake_child(tmp_path, monkeypatch, "import os, pickle, sys\n"
                                          "class X:\n    def __reduce__(self):\n"
                                          "        return (os.system, ('touch " + str(tmp_path / "owned") + "',))\n"
                                          "sys.stdout.buffer.write(pickle.dumps(('ok', [X()])))\n")
        with pytest.raises(_sandbox.ChildFailed):
            _sandbox.read_in_child(b"", "/nonexistent", (1, 1, 1))
        assert not (tmp_path / "owned").exists()

    def test_only_the_child_imports_calamine(self) -> None:
        """No module of the package calls the Rust reader in process: the child script is the only importer."""
        importers = sorted(p.name for p in SRC.rglob("*.py") if "python_calamine import" in p.read_text("utf-8")
                           or re.search(r"^\s*import python_calamine", p.read_text("utf-8"), re.MULTILINE))
        assert ["sandbox_child.py"] == importers

    def test_good_files_still_read(self, tmp_path: Path) -> None:
        """The sandboxed reader gives the same plan as before: .xls, .ods and .xlsx of the corpus."""
        plan = ft.load_plan(SHEETS / "24-two-row-header.xls")
        assert 0 < len(plan)
        assert 0 < len(ft.load_plan(SHEETS / "25-section-stages.ods"))


class TestXlsxPrecheck:
    def test_a_cell_reference_of_five_letters(self, tmp_path: Path) -> None:
        """A cell at ZZZZZ3 (the scan knew 1-3 letters; calamine aborted) is refused, named."""
        error = refused(xlsx(tmp_path / "z.xlsx", '<row r="3"><c r="ZZZZZ3"><v>1</v></c></row>'))
        assert "ZZZZZ3" in str(error) and "超出 IV 列" in str(error)

    def test_a_row_number_of_5000_digits(self, tmp_path: Path) -> None:
        """A reference with a 5,000-digit row is refused as beyond the rows, not by int()'s own digit limit."""
        digits = "9" * 5_000
        error = refused(xlsx(tmp_path / "r.xlsx", f'<row r="3"><c r="A{digits}"><v>1</v></c></row>'))
        assert "超过上限 100000 行" in str(error)

    def test_a_declared_range_beyond_excel(self, tmp_path: Path) -> None:
        """A dimension of A1:ZZZZZ2 is refused before the reader sees it."""
        error = refused(xlsx(tmp_path / "d.xlsx", dimension="A1:ZZZZZ2"))
        assert "ZZZZZ2" in str(error)

    def test_shared_strings_declaring_four_billion(self, tmp_path: Path) -> None:
        """``<sst uniqueCount="4000000000">`` in 18 KB (calamine reserved 96 GB and aborted) is refused."""
        shared = ('<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                  'count="4000000000" uniqueCount="4000000000"><si><t>x</t></si></sst>')
        error = refused(xlsx(tmp_path / "sst.xlsx", '<row r="3"><c r="A3" t="s"><v>0</v></c></row>', shared=shared))
        assert "4000000000" in str(error) and "共享字符串" in str(error)

    def test_a_million_cells_without_references(self, tmp_path: Path) -> None:
        """10^6 ``<c>`` without ``r=`` (3.1 GB, then a wrong message) are refused, naming the row's cells."""
        error = refused(xlsx(tmp_path / "c.xlsx", '<row r="3">' + "<c><v>1</v></c>" * 1_000_000 + "</row>"))
        assert "1000000 个单元格" in str(error) and "超过上限 256 列" in str(error)

    def test_cells_without_references_within_the_limits_read(self, tmp_path: Path) -> None:
        """Cells without ``r=`` are legal OOXML: a row of them within the limits reads."""
        row = '<row r="3">' + "".join(f'<c t="inlineStr"><is><t>{v}</t></is></c>'
                                      for v in ("T2", "部署", "办公室", "1", "2021-04-30")) + "</row>"
        assert ["T1", "T2"] == [t.id for t in ft.load_plan(xlsx(tmp_path / "ok.xlsx", row))]

    def test_a_sparse_far_cell_inside_the_limits(self, tmp_path: Path) -> None:
        """One cell at IV100000 (rows and columns each within the limits; 1.2 GB and 25 s) is refused as a range."""
        path = xlsx(tmp_path / "sparse.xlsx", '<row r="100000"><c r="IV100000" t="inlineStr"><is><t>x</t></is></c>'
                    "</row>", dimension="A1:IV100000")
        assert path.stat().st_size < 2_000
        error = refused(path)
        assert "A1:IV100000" in str(error) and "4000000" in str(error)

    def test_an_undefined_entity_in_a_value(self, tmp_path: Path) -> None:
        """``<v>&x;44089</v>`` (not well-formed; the reader dropped the value and read on) is refused, named."""
        row = '<row r="3"><c r="A3" t="inlineStr"><is><t>T2</t></is></c><c r="E3"><v>&x;44089</v></c></row>'
        error = refused(xlsx(tmp_path / "entity.xlsx", row))
        assert "&x;" in str(error) and "xl/worksheets/sheet1.xml" in str(error)

    def test_escaped_ampersands_read(self, tmp_path: Path) -> None:
        """The five XML entities and character references are fine."""
        row = ('<row r="3">' + "".join(f'<c r="{c}3" t="inlineStr"><is><t>{v}</t></is></c>' for c, v in zip(
            "ABCDE", ("T2", "R&amp;D &lt;&#x4E00;&#19968;&gt;", "办公室", "1", "2021-04-30"), strict=True)) + "</row>")
        plan = ft.load_plan(xlsx(tmp_path / "amp.xlsx", row))
        assert "R&D <一一>" == plan["T2"].title

    @settings(max_examples=25, deadline=None)
    @given(st.integers(min_value=0, max_value=10_000))
    def test_a_zip_cut_anywhere(self, cut: int) -> None:
        """A workbook cut at any byte (``ValueError: negative seek value`` from zipfile) is refused or reads."""
        data = (SHEETS / "02-two-row-header.xlsx").read_bytes()
        folder = Path(os.environ.get("TMPDIR", "/tmp"))
        path = folder / f"fazhi-cut-{os.getpid()}.xlsx"
        path.write_bytes(data[:cut % len(data)])
        message = path.name
        try:
            ft.load_plan(path)
        except ft.DataFileError as exc:
            message = str(exc)
        finally:
            path.unlink()
        assert path.name in message

    def test_a_cut_central_directory(self, tmp_path: Path) -> None:
        """The cut that gave ``negative seek value``: the end record kept, the entries before it gone."""
        data = (SHEETS / "02-two-row-header.xlsx").read_bytes()
        end = data.rfind(b"PK\x05\x06")
        path = tmp_path / "cut.xlsx"
        path.write_bytes(data[:200] + data[end - 300:])
        refused(path)


class TestOds:
    def test_a_million_repeated_rows(self, tmp_path: Path) -> None:
        """``number-rows-repeated="1048576"`` on a row holding a value (64 KB → 1.5 GB) is refused, naming the row."""
        row = '<table:table-row table:number-rows-repeated="1048576">' + ods_cell("x") + "</table:table-row>"
        error = refused(ods(tmp_path / "rows.ods", row))
        assert "1048578" in str(error) and "超过上限 100000 行" in str(error)

    def test_repeated_columns(self, tmp_path: Path) -> None:
        """A value repeated over 16,384 columns is refused."""
        row = "<table:table-row>" + ods_cell("x", attrs='table:number-columns-repeated="16384"') + "</table:table-row>"
        assert "超出 IV 列" in str(refused(ods(tmp_path / "cols.ods", row)))

    def test_repeated_blank_rows_read(self, tmp_path: Path) -> None:
        """LibreOffice's own trailing blank rows (1,048,567 repeats of 16,384 blank cells) are nothing: it reads."""
        row = ('<table:table-row table:number-rows-repeated="1048567"><table:table-cell '
               'table:number-columns-repeated="16384"/></table:table-row>')
        assert 1 == len(ft.load_plan(ods(tmp_path / "blank.ods", row)))

    def test_too_many_values(self, tmp_path: Path) -> None:
        """Repeats within the rows and columns that still make over four million values are refused."""
        row = ('<table:table-row table:number-rows-repeated="90000">'
               + ods_cell("x", attrs='table:number-columns-repeated="200"') + "</table:table-row>")
        assert "4000000" in str(refused(ods(tmp_path / "many.ods", row)))

    def test_a_zip_bomb(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """content.xml that unpacks past the limit (declared honestly) is refused before anything is read.

        The limit is lowered to 8 MB here to keep the test fast; ``benchmarks/bombs.py`` detonates a 1 GiB one.
        """
        monkeypatch.setattr(_ods_scan, "MAX_XLSX_UNPACKED", 8 << 20)
        path = tmp_path / "bomb.ods"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
            out.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
            out.writestr("content.xml", b" " * (10 << 20))
        error = refused(path)
        assert "解压后有" in str(error) and "超过上限 8388608" in str(error)

    def test_a_zip_bomb_that_lies_about_its_size(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """The same bomb with its declared sizes rewritten small: the reader never trusts them."""
        monkeypatch.setattr(_ods_scan, "MAX_XLSX_UNPACKED", 8 << 20)
        path = tmp_path / "liar.ods"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
            out.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
            out.writestr("content.xml", b"<x>" + b" " * (10 << 20) + b"</x>")
        with zipfile.ZipFile(path) as archive:
            local = archive.getinfo("content.xml").header_offset
        data = bytearray(path.read_bytes())
        central = data.rfind(b"PK\x01\x02", 0, data.rfind(b"content.xml"))
        for at, offset in ((local, 22), (central, 24)):
            assert (10 << 20) + 7 == int.from_bytes(data[at + offset:at + offset + 4], "little")
            data[at + offset:at + offset + 4] = (1000).to_bytes(4, "little")
        path.write_bytes(bytes(data))
        assert path.name in str(refused(path))

    def test_a_dtd_is_refused(self, tmp_path: Path) -> None:
        """An entity declaration in content.xml is refused, as in .xlsx."""
        path = tmp_path / "dtd.ods"
        with zipfile.ZipFile(path, "w") as out:
            out.writestr("content.xml", '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>')
        assert "DTD" in str(refused(path))

    def test_merged_deadline_as_in_xlsx(self, tmp_path: Path) -> None:
        """A 完成时限 merged down over three tasks gives all three the deadline in .ods, as it does in .xlsx."""
        header = ("编号", "任务名称", "牵头处室", "阶段", "完成时限")
        book = openpyxl.Workbook()
        ws = book.active
        assert ws is not None
        ws.append(header)
        for n in (1, 2, 3):
            ws.append([f"T{n}", f"任务{n}", "政策法规处", 1, "2021-06-30" if n == 1 else None])
        ws.merge_cells("E2:E4")
        book.save(tmp_path / "plan.xlsx")
        rows = "<table:table-row>" + "".join(ods_cell(h) for h in header) + "</table:table-row>"
        for n in (1, 2, 3):
            last = (ods_cell("2021-06-30", attrs='table:number-rows-spanned="3" table:number-columns-spanned="1"')
                    if n == 1 else "<table:covered-table-cell/>")
            rows += ("<table:table-row>" + "".join(ods_cell(v) for v in (f"T{n}", f"任务{n}", "政策法规处", "1"))
                     + last + "</table:table-row>")
        from_ods = ft.load_plan(ods(tmp_path / "plan.ods", whole=rows))
        from_xlsx = ft.load_plan(tmp_path / "plan.xlsx")
        assert [dt.date(2021, 6, 30)] * 3 == [t.deadline for t in from_ods]
        assert [t.deadline for t in from_xlsx] == [t.deadline for t in from_ods]

    def test_two_row_merged_header(self, tmp_path: Path) -> None:
        """The documented two-row header (责任分工 merged over 牵头处室 | 配合处室; 序号, 工作任务, 阶段, 完成时限
        merged down two rows) reads from .ods as from the corpus .xlsx (it did not: no merges from .ods)."""
        down = 'table:number-rows-spanned="2" table:number-columns-spanned="1"'
        rows = ("<table:table-row>" + ods_cell("序号", attrs=down) + ods_cell("工作任务", attrs=down)
                + ods_cell("责任分工", attrs='table:number-columns-spanned="2" table:number-rows-spanned="1"')
                + "<table:covered-table-cell/>" + ods_cell("阶段", attrs=down) + ods_cell("完成时限", attrs=down)
                + "</table:table-row><table:table-row><table:covered-table-cell table:number-columns-repeated=\"2\"/>"
                + ods_cell("牵头处室") + ods_cell("配合处室")
                + '<table:covered-table-cell table:number-columns-repeated="2"/></table:table-row>')
        for values in (("1", "梳理权责清单", "政策法规处", "执法监督处", "1", "2020-10-31"),
                       ("2", "开展案卷评查", "执法监督处", "政策法规处、办公室", "1", "2020-10-15")):
            rows += "<table:table-row>" + "".join(ods_cell(v) for v in values) + "</table:table-row>"
        from_ods = ft.load_plan(ods(tmp_path / "two-row.ods", whole=rows))
        from_xlsx = ft.load_plan(SHEETS / "02-two-row-header.xlsx")
        assert [(t.id, t.division, t.supporting, t.deadline) for t in from_xlsx] == [
            (t.id, t.division, t.supporting, t.deadline) for t in from_ods]

    def test_percent_cells(self, tmp_path: Path) -> None:
        """A 完成进度 cell typed as a percentage (LibreOffice saving the 进展报送表 at 60%) reads as 60."""
        header = ("任务编号", "状态", "完成进度", "报送日期")
        rows = ("<table:table-row>" + "".join(ods_cell(h) for h in header) + "</table:table-row><table:table-row>"
                + ods_cell("T1") + ods_cell("推进中")
                + '<table:table-cell office:value-type="percent" office:value="0.6"><text:p>60%</text:p>'
                  "</table:table-cell>" + ods_cell("2021-03-05") + "</table:table-row>")
        (update,) = ft.import_updates(ods(tmp_path / "进展.ods", whole=rows))
        assert 60 == update.percent

    def test_a_formula_without_a_value(self, tmp_path: Path) -> None:
        """A formula saved without its value in .ods is refused naming the cell, not read as blank."""
        rows = (ods_plan_rows() + "<table:table-row>" + "".join(ods_cell(v) for v in ("T2", "部署", "办公室", "1"))
                + '<table:table-cell table:formula="of:=[.E2]+1"/></table:table-row>')
        error = refused(ods(tmp_path / "formula.ods", whole=rows))
        assert "公式" in str(error)

    def test_hidden_columns(self, tmp_path: Path) -> None:
        """A collapsed column is hidden, as in .xlsx: the read summary lists it."""
        table = ('<table:table-column table:number-columns-repeated="5"/>'
                 '<table:table-column table:visibility="collapse"/>'
                 "<table:table-row>" + "".join(ods_cell(h) for h in ("编号", "任务名称", "牵头处室", "阶段", "完成时限",
                                                                     "备注")) + "</table:table-row>"
                 "<table:table-row>" + "".join(ods_cell(v) for v in ("T1", "制定方案", "政策法规处", "1",
                                                                     "2021-03-31", "内部")) + "</table:table-row>")
        read = ft.read_plan(ods(tmp_path / "hidden.ods", whole=table))
        assert any("备注" in line for line in read.summary.lines())


class TestXls:
    def test_percent_cells(self, tmp_path: Path) -> None:
        """A number cell styled with a percent format in an .xls (LibreOffice's 60%) is marked percent, as in .xlsx;
        calamine gives only the fraction. The corpus file's A3 is given the built-in 0% style (XF 20) here."""
        from fazhi_tasks.io.sheets.workbook import read_workbook

        data = (SHEETS / "24-two-row-header.xls").read_bytes()
        record = bytes.fromhex("7E020A00020000000F00")  # RK, row 3, column A, style 15
        assert 1 == data.count(record)
        path = tmp_path / "percent.xls"
        path.write_bytes(data.replace(record, record[:-2] + (20).to_bytes(2, "little")))
        (grid,) = read_workbook(path, ft.PlanFileError)
        assert frozenset({(3, 0)}) == grid.percent
        (plain,) = read_workbook(SHEETS / "24-two-row-header.xls", ft.PlanFileError)
        assert frozenset() == plain.percent

    @settings(max_examples=60, deadline=None)
    @given(st.lists(st.tuples(st.integers(0, 6143), st.integers(0, 255)), max_size=40))
    def test_the_scan_never_fails(self, changes: list[tuple[int, int]]) -> None:
        """Whatever bytes a compound file holds (loops in its sector chains included), the percent scan answers
        quickly, with the cells or with nothing; it never raises."""
        from fazhi_tasks.io.sheets.xls_scan import xls_percent

        data = bytearray((SHEETS / "24-two-row-header.xls").read_bytes())
        for at, value in changes:
            data[at] = value
        start = time.perf_counter()
        assert isinstance(xls_percent(bytes(data)), dict)
        assert time.perf_counter() - start < 1


class TestCsv:
    def test_one_line_of_40_mb(self, tmp_path: Path) -> None:
        """A CSV of one line longer than any row within the limits (900 MB → 2.7 GB before) is refused unread."""
        path = tmp_path / "line.csv"
        with path.open("wb") as out:
            out.write("编号,任务名称,牵头处室,阶段\n".encode())
            block = b"x" * (1 << 20)
            for _ in range(40):
                out.write(block)
        error = refused(path)
        assert "第 2 行" in str(error) and "字节" in str(error)


class TestPaths:
    def test_output_onto_a_fifo(self, tmp_path: Path, small_toml: Path) -> None:
        """``-o`` naming a FIFO is refused and the FIFO stays a FIFO (atomic_write replaced it with a file)."""
        fifo = tmp_path / "out.txt"
        os.mkfifo(fifo)
        code, _, err = run("weekly", "--plan", str(small_toml), "--week-ending", "2021-06-25", "-o", str(fifo))
        assert 2 == code and "不是普通文件" in err and 1 == len(err.splitlines())
        assert stat.S_ISFIFO(os.lstat(fifo).st_mode)

    def test_output_onto_a_symlink(self, tmp_path: Path, small_toml: Path) -> None:
        """``-o`` naming a symbolic link is refused; what it points to is untouched."""
        outside = tmp_path / "outside.txt"
        outside.write_text("keep", encoding="utf-8")
        (tmp_path / "out").mkdir()
        link = tmp_path / "out" / "report.txt"
        link.symlink_to(outside)
        code, _, err = run("weekly", "--plan", str(small_toml), "--week-ending", "2021-06-25", "-o", str(link))
        assert 2 == code and "符号链接" in err
        assert link.is_symlink() and "keep" == outside.read_text(encoding="utf-8")

    def test_plan_from_a_fifo(self, tmp_path: Path) -> None:
        """``--plan`` naming a FIFO is refused at once (it hung, waiting for a writer)."""
        fifo = tmp_path / "plan.toml"
        os.mkfifo(fifo)
        start = time.perf_counter()
        code, _, err = run("check", "--plan", str(fifo))
        assert 2 == code and "不是普通文件" in err
        assert time.perf_counter() - start < 5

    @pytest.mark.parametrize("name", ["plan.toml", "plan.csv", "plan.xlsx"])
    def test_plan_from_dev_zero(self, tmp_path: Path, name: str) -> None:
        """A plan path leading to /dev/zero (its size says 0) is refused, not read until memory runs out."""
        link = tmp_path / name
        link.symlink_to("/dev/zero")
        error = refused(link)
        assert "不是普通文件" in str(error) and "not a regular file" in error.describe("en")

    def test_calendar_from_a_fifo(self, tmp_path: Path) -> None:
        """``--calendar`` naming a FIFO is refused at once."""
        fifo = tmp_path / "2027.toml"
        os.mkfifo(fifo)
        code, _, err = run("weekly", "--calendar", str(fifo), "--week-ending", "2021-06-25")
        assert 2 == code and "不是普通文件" in err


@pytest.fixture
def small_toml(tmp_path: Path) -> Path:
    """A small plan in TOML."""
    from .conftest import small_plan

    path = tmp_path / "plan.toml"
    ft.save_plan(small_plan(), path)
    return path


class TestOutsideTheReaders:
    def test_calendar_as_word(self, tmp_path: Path) -> None:
        """``calendar --format docx`` writes the document (it raised AttributeError: no --issuer option)."""
        target = tmp_path / "日历.docx"
        code, _, err = run("calendar", "--year", "2026", "--format", "docx", "-o", str(target))
        assert (0, "") == (code, err)
        assert target.read_bytes().startswith(b"PK")

    def test_a_control_character_in_the_plan_name(self, tmp_path: Path) -> None:
        """A plan named with a control character renders to XLSX (the page header took it raw)."""
        source = tmp_path / "plan.json"
        ft.save_plan(ft.sample_plan(), source)
        text = source.read_text(encoding="utf-8").replace(ft.sample_plan().name, "计划\\u0007名称", 1)
        source.write_text(text, encoding="utf-8")
        code, _, err = run("weekly", "--plan", str(source), "--week-ending", "2021-06-25", "-o",
                           str(tmp_path / "周报.xlsx"))
        assert (0, "") == (code, err)

    def test_split_notices_with_long_and_bidi_division_names(self, tmp_path: Path) -> None:
        """``notices --split``: an 80-character division name and one with U+202E give every file (OSError at
        the third before: names are limited in bytes), none displaying reversed."""
        source = tmp_path / "plan.json"
        ft.save_plan(ft.sample_plan(), source)
        text = source.read_text(encoding="utf-8")
        long, bidi = "执法监督" * 20, "办公\\u202e室"
        source.write_text(text.replace("政策法规处", long).replace("办公室", bidi), encoding="utf-8")
        folder = tmp_path / "通知单"
        code, _, err = run("notices", "--plan", str(source), "--as-of", "2021-06-25", "--split", str(folder))
        assert (0, "") == (code, err)
        names = sorted(p.name for p in folder.iterdir())
        assert 1 < len(names)
        assert all(len(n.encode()) <= 255 and "\u202e" not in n for n in names)
        assert any("执法监督执法监督" in n for n in names)

    @pytest.mark.parametrize(("start", "end"), [("0001-01-01", "2021-12-31"), ("2020-09-01", "9999-12-31")])
    def test_stage_dates_at_the_ends_of_time(self, tmp_path: Path, start: str, end: str) -> None:
        """Stage dates at 0001-01-01 or 9999-12-31 (OverflowError in forecast and weekly) are refused, named."""
        source = tmp_path / "plan.json"
        ft.save_plan(ft.sample_plan(), source)
        doc = json.loads(source.read_text(encoding="utf-8"))
        doc["stages"][0]["start"], doc["stages"][-1]["end"] = start, end
        source.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        for command in (["weekly", "--week-ending", "2021-06-25", "--format", "html"],
                        ["forecast", "--as-of", "2021-06-25", "--format", "html"]):
            code, _, err = run(*command, "--plan", str(source))
            assert 2 == code and 1 == len(err.splitlines())
            assert "超出可用的日期范围" in err and "plan.json" in err

    def test_a_week_ending_in_year_one(self) -> None:
        """``--week-ending 0001-01-05`` is refused in one line (OverflowError before)."""
        code, _, err = run("weekly", "--week-ending", "0001-01-05")
        assert 2 == code and 1 == len(err.splitlines()) and "超出可用的日期范围" in err

    def test_the_model_refuses_such_days(self) -> None:
        """A task due 0001-01-01 or an update dated 9999-12-31 is a PlanError naming the field and the value."""
        with pytest.raises(ft.PlanError) as info:
            ft.Task("T1", "x", "办公室", 1, dt.date(1, 1, 1))
        assert "deadline" == info.value.field and "1900" in str(info.value)
        with pytest.raises(ft.PlanError):
            ft.Update("T1", "推进中", dt.date(9999, 12, 31))

    def test_a_lone_surrogate_in_json(self, tmp_path: Path) -> None:
        """``"\\ud800"`` in a JSON plan (UnicodeEncodeError at output or ledger insert) is refused naming the line;
        a surrogate pair (an emoji written escaped) reads."""
        source = tmp_path / "plan.json"
        ft.save_plan(ft.sample_plan(), source)
        text = source.read_text(encoding="utf-8")
        name = ft.sample_plan().name
        (tmp_path / "pair.json").write_text(text.replace(name, "计划\\ud83d\\ude00", 1), encoding="utf-8")
        assert "计划\U0001f600" == ft.load_plan(tmp_path / "pair.json").name
        source.write_text(text.replace(name, "计划\\ud800", 1), encoding="utf-8")
        error = refused(source)
        assert "\\ud800" in str(error) and "代理项" in str(error)
        code, _, err = run("record", "T1", "推进中", "--on", "2021-03-05", "--ledger", str(tmp_path / "l.db"),
                           "--note", "坏\udcff字节")
        assert 2 == code and 1 == len(err.splitlines()) and "\\xff" in err and "UTF-8" in err

    def test_a_title_of_100000_characters(self, tmp_path: Path) -> None:
        """A task title of 100,000 characters: the text weekly, the HTML forecast (SVG labels) and the check each
        finish within seconds (16 s, 214 s for 32,767 characters, and never before: quadratic clipping and wrapping)."""
        source = tmp_path / "plan.toml"
        plan = ft.sample_plan()
        ft.save_plan(plan, source)
        first = plan[sorted(t.id for t in plan)[0]].title
        text = source.read_text(encoding="utf-8").replace(f'title = "{first}"', 'title = "' + "法" * 100_000 + '"', 1)
        source.write_text(text, encoding="utf-8")
        for command in (["weekly", "--week-ending", "2021-06-25"], ["forecast", "--as-of", "2021-06-25", "--format",
                                                                     "html"], ["check"]):
            start = time.perf_counter()
            code, _, _ = run(*command, "--plan", str(source))
            assert code in (0, 1)
            assert time.perf_counter() - start < 5, command

    def test_svg_clip_is_linear(self) -> None:
        """Clipping a label to a width looks at the characters that fit, not the whole text once per character."""
        from fazhi_tasks.report.svg import clip

        start = time.perf_counter()
        assert clip("法" * 1_000_000, 120).endswith("…")
        assert time.perf_counter() - start < 0.5
        assert ("法治…", "ab") == (clip("法治政府建设", 40), clip("ab", 40))

    def test_a_formula_without_a_value_in_the_stage_sheet(self, tmp_path: Path) -> None:
        """A formula saved without its value in the 阶段 sheet (read as blank before) is refused, naming the cell."""
        path = tmp_path / "plan.xlsx"
        ft.save_plan(ft.sample_plan(), path)
        book = openpyxl.load_workbook(path)
        book["阶段"]["D2"] = "=C2+30"
        book.save(path)
        error = refused(path)
        assert "阶段" in str(error) and "D列" in str(error) and "公式未计算" in str(error)

    @pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
    def test_a_division_name_with_a_space(self, tmp_path: Path, suffix: str) -> None:
        """``执法 监督处`` (26 tasks changed lead through CSV: read back as 执法 + 监督处) is refused when written;
        TOML keeps it exact."""
        source = tmp_path / "plan.json"
        ft.save_plan(ft.sample_plan(), source)
        source.write_text(source.read_text(encoding="utf-8").replace("执法监督处", "执法 监督处"), encoding="utf-8")
        plan = ft.load_plan(source)
        with pytest.raises(ft.PlanFileError) as info:
            ft.save_plan(plan, tmp_path / f"out{suffix}")
        assert "执法 监督处" in str(info.value) and "分隔符" in str(info.value)
        assert not (tmp_path / f"out{suffix}").exists()
        ft.save_plan(plan, tmp_path / "out.toml")
        again = ft.load_plan(tmp_path / "out.toml")
        assert [t.leads for t in plan] == [t.leads for t in again]

    def test_a_deadline_with_a_space_inside_a_number(self, tmp_path: Path) -> None:
        """``2021-06-1 5`` as a 完成时限 (read as 06-15, while the same 报送日期 was refused) is refused, named."""
        path = tmp_path / "plan.csv"
        path.write_text("编号,任务名称,牵头处室,阶段,完成时限\nT1,制定方案,政策法规处,1,2021-06-1 5\n",
                        encoding="utf-8")
        error = refused(path)
        assert "2021-06-1 5" in str(error) and "E列（完成时限）" in str(error)
        assert dt.date(2021, 6, 30) == ft.parse_deadline("2021年 6月底前")


_MEASURE = """
import json, resource, sys, time
import fazhi_tasks as ft
start = time.perf_counter()
try:
    ft.load_plan(sys.argv[1])
    outcome = "read"
except ft.FazhiTasksError as exc:
    outcome = type(exc).__name__
seconds = time.perf_counter() - start
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"outcome": outcome, "seconds": seconds, "mib": max(own, child) / 1024}))
"""


def _bomb(folder: Path, name: str) -> Path:
    """One of the issue's workbook bombs that are small to build (the 1 GiB and 900 MB ones: benchmarks/bombs.py)."""
    row = '<table:table-row table:number-rows-repeated="1048576">' + ods_cell("x") + "</table:table-row>"
    shared = ('<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
              'count="4000000000" uniqueCount="4000000000"><si><t>x</t></si></sst>')
    builders = {
        "cut .xls (panic)": lambda: cut_xls(folder, "cut.xls"),
        ".xls asking for 310 GB (abort)": lambda: aborting_xls(folder / "a.xls", "310 GB"),
        ".xls with a 17.6 GB sparse range (abort)": lambda: aborting_xls(folder / "b.xls", "17.6 GB"),
        ".xlsx cell at ZZZZZ3": lambda: xlsx(folder / "z.xlsx", '<row r="3"><c r="ZZZZZ3"><v>1</v></c></row>'),
        ".xlsx sst of 4e9": lambda: xlsx(folder / "s.xlsx", '<row r="3"><c r="A3" t="s"><v>0</v></c></row>',
                                         shared=shared),
        ".xlsx 10^6 cells without r=": lambda: xlsx(folder / "c.xlsx", '<row r="3">' + "<c><v>1</v></c>" * 1_000_000
                                                    + "</row>"),
        ".ods 1048576 repeated rows": lambda: ods(folder / "r.ods", row),
    }
    return builders[name]()


class TestBombBudget:
    @pytest.mark.parametrize("name", [
        "cut .xls (panic)", ".xls asking for 310 GB (abort)", ".xls with a 17.6 GB sparse range (abort)",
        ".xlsx cell at ZZZZZ3", ".xlsx sst of 4e9", ".xlsx 10^6 cells without r=", ".ods 1048576 repeated rows"])
    def test_clean_error_within_5_s_and_500_mb(self, tmp_path: Path, name: str) -> None:
        """In a fresh interpreter: one PlanFileError, within 5 s, the reading process and its child each under
        500 MB (peak resident memory)."""
        import subprocess
        import sys

        path = _bomb(tmp_path, name)
        done = subprocess.run([sys.executable, "-c", _MEASURE, str(path)], capture_output=True, text=True,
                              check=False, timeout=120)
        assert "Traceback" not in done.stderr, done.stderr[-2000:]
        figures = json.loads(done.stdout)
        assert "PlanFileError" == figures["outcome"]
        assert figures["seconds"] < 5
        assert figures["mib"] < 500


class TestFullDisk:
    def test_no_room_for_the_shared_memory_file(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A read on a full disk (SQLite cannot size the -shm file: SQLITE_IOERR_SHMSIZE) says the disk is full;
        it said "cannot commit - no transaction is active", the error of the cleanup hiding the real one."""
        import sqlite3

        path = tmp_path / "进展.db"
        assert 0 == run("ledger", "init", "--ledger", str(path))[0]
        real_connect = sqlite3.connect

        class FullDisk:
            """A connection whose reads fail as on a full disk, ending the transaction as SQLite does."""

            def __init__(self, db: sqlite3.Connection) -> None:
                self.db, self.in_transaction = db, False

            def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
                if sql == "BEGIN":
                    self.in_transaction = True
                    return self.db.execute("SELECT 1")
                if sql.startswith("PRAGMA application_id"):
                    self.in_transaction = False
                    error = sqlite3.OperationalError("disk I/O error")
                    error.sqlite_errorname = "SQLITE_IOERR_SHMSIZE"
                    raise error
                if sql == "COMMIT" and not self.in_transaction:
                    message = "cannot commit - no transaction is active"
                    raise sqlite3.OperationalError(message)
                return self.db.execute(sql, *args)

            def close(self) -> None:
                self.db.close()

        monkeypatch.setattr(sqlite3, "connect", lambda *a, **k: FullDisk(real_connect(*a, **k)))
        code, _, err = run("weekly", "--ledger", str(path), "--week-ending", "2021-06-25")
        assert 2 == code and 1 == len(err.splitlines())
        assert "磁盘已满" in err and "cannot commit" not in err


class TestSandboxLimits:
    def test_the_cpu_limit(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A child that spins is stopped by RLIMIT_CPU (SIGXCPU), and the error says the time limit."""
        fake_child(tmp_path, monkeypatch, "import resource, sys\nsecs = int(sys.argv[3])\n"
                                          "resource.setrlimit(resource.RLIMIT_CPU, (secs, secs + 1))\nwhile True:\n"
                                          "    pass\n")
        monkeypatch.setattr(_sandbox, "TIME_LIMIT", 1)
        from fazhi_tasks.io.sheets import workbook as _workbook

        monkeypatch.setattr(_workbook, "read_in_child", lambda data, site, limits: _sandbox.read_in_child(
            data, site, limits, seconds=1))
        error = refused(SHEETS / "24-two-row-header.xls")
        assert DAMAGED in str(error) and "CPU" in str(error)

    def test_no_interpreter_to_start(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A host without ``sys.executable`` (an embedding server) gets a clear error, not a damaged-file one."""
        import sys

        monkeypatch.setattr(sys, "executable", "")
        error = refused(SHEETS / "24-two-row-header.xls")
        assert "无法启动读取工作簿的子进程" in str(error) and DAMAGED not in str(error)

    def test_an_interrupted_read_ends_its_child(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A caller's own time limit (here SIGALRM raising in the middle of the read) ends the child at once: the
        read does not wait for it to finish."""
        import signal

        fake_child(tmp_path, monkeypatch, "import time\ntime.sleep(60)\n")

        class StopError(Exception):
            """The caller's time limit."""

        def stop(signum: int, frame: object) -> None:
            raise StopError

        previous = signal.signal(signal.SIGALRM, stop)
        start = time.perf_counter()
        try:
            signal.setitimer(signal.ITIMER_REAL, 0.5)
            with pytest.raises(StopError):
                _sandbox.read_in_child(b"", "/nonexistent", (1, 1, 1))
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        assert time.perf_counter() - start < 3
