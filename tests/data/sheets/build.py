"""Build the corpus of messy sheets clerks keep: ``python tests/data/sheets/build.py``.

Each function below writes one file shaped like a real 任务分解表 or 进展报送表 (title rows,
merged two-row headers, section rows, hidden columns, percent formats, formulas ...).
tests/test_real_sheets.py states exactly what each must yield, or the cell its error names.
``.xls`` and ``.ods`` copies are converted from a generated ``.xlsx`` by LibreOffice
(``soffice --headless --convert-to``) when it is installed; the produced files are committed.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

HERE = Path(__file__).resolve().parent
D = dt.datetime
BUILDERS: dict[str, Callable[[Path], None]] = {}


def builder(name: str) -> Callable[[Callable[[Worksheet], None]], Callable[[Worksheet], None]]:
    """Register a function that fills the first sheet of workbook ``name``."""
    def register(fill: Callable[[Worksheet], None]) -> Callable[[Worksheet], None]:
        def build(path: Path) -> None:
            book = openpyxl.Workbook()
            ws = book.active
            assert ws is not None
            fill(ws)
            book.save(path)
        BUILDERS[name] = build
        return fill
    return register


@builder("01-title-rows.xlsx")
def title_rows(ws: Worksheet) -> None:
    """A title and a date line above the header; the title names the plan."""
    ws.title = "任务分解表"
    ws.append(["金华市应急管理局法治政府建设示范创建任务分解表"])
    ws.merge_cells("A1:F1")
    ws.append(["（2020年9月印发）"])
    ws.append([])
    ws.append(["编号", "任务名称", "牵头处室", "配合处室", "阶段", "完成时限"])
    ws.append(["T1", "制定实施方案", "政策法规处", "办公室", 1, D(2020, 9, 30)])
    ws.append(["T2", "召开动员部署会", "办公室", None, 1, "2020年10月底前"])


@builder("02-two-row-header.xlsx")
def two_row_header(ws: Worksheet) -> None:
    """``责任分工`` merged over ``牵头处室 | 配合处室``; 序号 and 任务 merged down two rows."""
    ws.append(["序号", "工作任务", "责任分工", None, "阶段", "完成时限"])
    ws.append([None, None, "牵头处室", "配合处室", None, None])
    for col in "ABEF":
        ws.merge_cells(f"{col}1:{col}2")
    ws.merge_cells("C1:D1")
    ws.append([1, "梳理权责清单", "政策法规处", "执法监督处", "1", "2020-10-31"])
    ws.append([2, "开展案卷评查", "执法监督处", "政策法规处、办公室", "1", "2020-10-15"])


@builder("03-section-stages.xlsx")
def section_stages(ws: Worksheet) -> None:
    """Three section-row patterns carry the stages; yearless deadlines fall inside each window."""
    ws.append(["序号", "任务名称", "牵头处室", "完成时限"])
    ws.append(["一、部署启动阶段（2020年9月—10月）"])
    ws.merge_cells("A2:D2")
    ws.append(["T1", "制定实施方案", "政策法规处", "9月30日前"])
    ws.append(["第二阶段：对标自查（2020年11月至2021年2月）"])
    ws.merge_cells("A4:D4")
    ws.append(["T2", "开展对标自查", "执法监督处", "12月底前"])
    ws.append(["T3", "形成自查报告", "政策法规处", "2021年2月底前"])
    ws.append(["三、整改提升阶段(2021.3-2021.6)"])
    ws.merge_cells("A7:D7")
    ws.append(["T4", "完成问题整改", "执法监督处", "6月底前"])


@builder("04-joint-leads.xlsx")
def joint_leads(ws: Worksheet) -> None:
    """Two leads in one 牵头处室 cell, and a 责任人."""
    ws.append(["编号", "任务名称", "牵头处室", "配合处室", "阶段", "完成时限", "责任人"])
    ws.append(["T1", "建立行政执法协调机制", "政策法规处、执法监督处", "办公室", 1, D(2021, 3, 31), "张三"])
    ws.append(["T2", "编制年度报告", "办公室", None, 1, D(2021, 3, 15), None])


@builder("05-every-division.xlsx")
def every_division(ws: Worksheet) -> None:
    """``各处室`` in 配合处室 means every division but the lead."""
    ws.append(["编号", "任务名称", "牵头处室", "配合处室", "阶段", "完成时限"])
    ws.append(["T1", "开展法治宣传", "政策法规处", "各处室", 1, D(2021, 6, 30)])
    ws.append(["T2", "规范执法文书", "执法监督处", "办公室", 1, D(2021, 6, 30)])
    ws.append(["T3", "整理档案", "办公室", None, 1, D(2021, 6, 30)])


@builder("06-adjusted-deadline.xlsx")
def adjusted_deadline(ws: Worksheet) -> None:
    """A hidden old 完成时限 beside a visible 完成时限（调整后）: the adjusted date is the deadline."""
    ws.append(["编号", "任务名称", "牵头处室", "阶段", "完成时限", "完成时限（调整后）"])
    ws.append(["T1", "修订执法事项清单", "政策法规处", 1, D(2021, 3, 31), D(2021, 6, 30)])
    ws.append(["T2", "组织培训", "执法监督处", 1, D(2021, 4, 30), None])
    ws.column_dimensions["E"].hidden = True


@builder("07-hidden-duplicate.xlsx")
def hidden_duplicate(ws: Worksheet) -> None:
    """Two 完成时限 columns, the old one hidden: the visible one wins."""
    ws.append(["编号", "任务名称", "牵头处室", "阶段", "完成时限", "完成时限"])
    ws.append(["T1", "修订执法事项清单", "政策法规处", 1, D(2021, 3, 31), D(2021, 5, 31)])
    ws.column_dimensions["E"].hidden = True


@builder("08-progress-in-plan.xlsx")
def progress_in_plan(ws: Worksheet) -> None:
    """A plan sheet that also carries 完成情况 and 完成进度: kept apart, importable as updates."""
    ws.append(["编号", "任务名称", "牵头处室", "阶段", "完成时限", "完成情况", "完成进度"])
    ws.append(["T1", "制定实施方案", "政策法规处", 1, D(2021, 3, 31), "已完成", 1.0])
    ws.append(["T2", "开展自查", "执法监督处", 1, D(2021, 6, 30), "已完成初稿，正在修改", 0.6])
    ws.append(["T3", "形成报告", "政策法规处", 1, D(2021, 6, 30), None, None])
    ws["G2"].number_format = ws["G3"].number_format = "0%"


@builder("09-percent-formats.xlsx")
def percent_formats(ws: Worksheet) -> None:
    """Progress typed as 60% and 100% in Excel (0.6 and 1 with a percent format), and as text."""
    ws.title = "进展报送"
    ws.append(["任务编号", "状态", "完成进度", "报送日期"])
    ws.append(["T1", "推进中", 0.6, D(2021, 3, 5)])
    ws.append(["T2", "已完成", 1, D(2021, 3, 5)])
    ws.append(["T3", "推进中", "６０％", D(2021, 3, 5)])
    ws["C2"].number_format = "0%"
    ws["C3"].number_format = "0.00%"


@builder("10-serial-only-progress.xlsx")
def serial_only_progress(ws: Worksheet) -> None:
    """A progress sheet with 序号 (row numbers) and 任务名称 but no 任务编号."""
    ws.append(["序号", "任务名称", "状态", "报送日期"])
    ws.append([1, "开展自查", "已完成", D(2021, 3, 5)])
    ws.append([2, "制定实施方案", "推进中", D(2021, 3, 5)])


@builder("11-serial-and-id-progress.xlsx")
def serial_and_id_progress(ws: Worksheet) -> None:
    """序号 and 任务编号 both present (任务编号 is the id); report dates with a time of day; title rows."""
    ws.append(["进展报送表（政策法规处）"])
    ws.append(["序号", "任务编号", "任务名称", "状态", "完成百分比", "报送日期"])
    ws.append([1, "T2", "开展自查", "推进中", "50%", D(2021, 3, 5, 16, 30)])
    ws.append([2, "T1", "制定实施方案", "已完成", "100%", "2021-03-05 09:00"])


@builder("13-restarting-serials.xlsx")
def restarting_serials(ws: Worksheet) -> None:
    """序号 restarts in every section, one written full-width: ids become 节号-序号."""
    ws.append(["序号", "任务名称", "牵头处室", "完成时限"])
    ws.append(["一、部署启动阶段（2020年9月—10月）"])
    ws.append([1, "制定实施方案", "政策法规处", "2020-09-30"])
    ws.append(["２", "召开动员会", "办公室", "2020-10-15"])
    ws.append(["二、对标自查阶段（2020年11月—12月）"])
    ws.append([1, "开展自查", "执法监督处", "2020-12-31"])


@builder("14-bad-cells.xlsx")
def bad_cells(ws: Worksheet) -> None:
    """Every kind of bad cell at once: each is named by row, column letter and header, value as typed."""
    ws.title = "任务"
    ws.append(["编号", "任务名称", "牵头处室", "阶段", "完成时限", None])
    ws.append(["T1", "制定实施方案", "政策法规处", 1, "2021年13月1日", None])
    ws.append(["T2", "开展自查", "政策法规科", 1, "2021-06-30", "多出的内容"])
    ws.append(["T3", "整改", "政策法规处", 1.7, "2021-06-30", None])
    ws.append(["T4", "总结", "政策法规处", 1, "=DATE(2021,6,30)", None])
    ws.append(["T5", "归档", "政策法规处", 1, "2021-06-30", None])
    ws.append(["T6", "复盘", "政策法规处", 1, "2021-06-30", None])


@builder("15-yearless-outside.xlsx")
def yearless_outside(ws: Worksheet) -> None:
    """A yearless deadline no year of whose puts it in its stage's window."""
    ws.append(["编号", "任务名称", "牵头处室", "阶段", "完成时限"])
    ws.append(["T1", "制定实施方案", "政策法规处", "第1阶段 部署启动（2020-09-01至2020-10-31）", "12月底前"])


@builder("16-merged-blank-rows.xlsx")
def merged_blank_rows(ws: Worksheet) -> None:
    """A stage cell merged down over a blank row: the blank row stays blank."""
    ws.append(["编号", "任务名称", "牵头处室", "阶段", "完成时限"])
    ws.append(["T1", "制定实施方案", "政策法规处", "部署启动", D(2020, 9, 30)])
    ws.append([None, None, None, None, None])
    ws.append(["T2", "召开动员会", "办公室", None, D(2020, 10, 15)])
    ws.merge_cells("D2:D4")


@builder("17-every-division-lead.xlsx")
def every_division_lead(ws: Worksheet) -> None:
    """``各处室`` as 牵头处室 is refused: a lead must be named."""
    ws.append(["编号", "任务名称", "牵头处室", "阶段", "完成时限"])
    ws.append(["T1", "开展法治宣传", "各处室", 1, D(2021, 6, 30)])


@builder("18-cached-formula.xlsx")
def cached_formula(ws: Worksheet) -> None:
    """A formula cell saved with its value (patched in below): the value is read."""
    ws.append(["编号", "任务名称", "牵头处室", "阶段", "完成时限"])
    ws.append(["T1", "制定实施方案", "=\"政策法规处\"", 1, D(2021, 6, 30)])


@builder("19-headers-with-units.xlsx")
def headers_with_units(ws: Worksheet) -> None:
    """Common headers unknown before: 截止日期, 前置任务（编号）, 工作量(天) in brackets."""
    ws.append(["【编号】", "任务名称", "牵头处室", "阶段", "截止日期", "前置任务（编号）"])
    ws.append(["T1", "制定实施方案", "政策法规处", 1, D(2021, 3, 31), None])
    ws.append(["T2", "开展自查", "执法监督处", 1, D(2021, 6, 30), "T1"])


def _patch_cached(path: Path) -> None:
    """Give 18's formula a cached value, as Excel saves it."""
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace('<c r="C2"><f>"政策法规处"</f><v /></c>'.encode(),
                                    '<c r="C2" t="str"><f>"政策法规处"</f><v>政策法规处</v></c>'.encode())
                assert "政策法规处</v>".encode() in data
            dst.writestr(item, data)
    tmp.replace(path)


def _progress_csvs() -> None:
    (HERE / "12-fullwidth-ids.csv").write_text(
        "任务编号,状态,完成进度,报送日期\nＴ１,推进中,30,2021年3月5日\n t2 ,已完成,100%,2021/3/6\n", encoding="utf-8")
    (HERE / "20-title-mismatch.csv").write_text(
        "任务编号,任务名称,状态,报送日期\nT1,开展自查,已完成,2021-03-05\n", encoding="utf-8")
    (HERE / "21-report-date-typo.csv").write_text(
        "任务编号,状态,报送日期\nT1,推进中,2031-03-05\n", encoding="utf-8")
    (HERE / "22-report-date-not-a-day.csv").write_text(
        "任务编号,状态,完成进度,报送日期\nT1,推进中,50,2021年6月\nT2,推进中,0.5,2021-03-1 5\n"
        "T1,推进中,nan,2021-W09-1\n", encoding="utf-8-sig")
    (HERE / "23-plan-gbk.csv").write_bytes(
        ("任务分解表\n编号,任务名称,牵头处室,配合处室,阶段,完成时限\n"
         "T1,制定实施方案,政策法规处,相关处室,1,2021-03-31\nT2,开展自查,执法监督处,,1,2021年6月30日\n").encode("gbk"))


def _convert(source: Path, suffix: str, target: Path) -> bool:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print(f"soffice not found: {target.name} not rebuilt", file=sys.stderr)
        return False
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run([soffice, "--headless", "--convert-to", suffix, "--outdir", folder, str(source)], check=True,
                       capture_output=True, timeout=300)
        produced = Path(folder) / f"{source.stem}.{suffix}"
        if not produced.exists():  # LibreOffice without Calc (libreoffice-calc-nogui) cannot load a workbook
            print(f"soffice could not convert {source.name}: {target.name} not rebuilt", file=sys.stderr)
            return False
        shutil.move(str(produced), target)
    return True


def main() -> None:
    """Write every file of the corpus."""
    for name, build in BUILDERS.items():
        build(HERE / name)
    _patch_cached(HERE / "18-cached-formula.xlsx")
    _progress_csvs()
    _convert(HERE / "02-two-row-header.xlsx", "xls", HERE / "24-two-row-header.xls")
    _convert(HERE / "03-section-stages.xlsx", "ods", HERE / "25-section-stages.ods")


if __name__ == "__main__":
    main()
