"""The Word documents as LibreOffice lays them out: the 通报 body fits two pages, every page as a PNG.

Converted with ``soffice --headless --convert-to pdf`` (a throw-away profile), pages counted with poppler's
``pdfinfo`` / ``pdftotext``, and each page written to ``out/docx/`` by ``pdftoppm`` for people to look at.
The GB/T fonts (仿宋_GB2312, 方正小标宋简体, 楷体_GB2312) are rarely installed on a build machine: a fontconfig
alias maps them to Noto Serif CJK SC and 黑体 to Noto Sans CJK SC, as a bureau PC would show them; without
Noto CJK, fontconfig picks whatever CJK font there is. Skipped, saying so, where LibreOffice or poppler is
missing; ``.ci/run`` installs ``libreoffice-writer-nogui`` and ``poppler-utils``.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import fazhi_tasks as ft

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
POPPLER = all(shutil.which(x) for x in ("pdfinfo", "pdftotext", "pdftoppm"))
OUT = Path(__file__).resolve().parent.parent / "out" / "docx"
SETTINGS = ft.ReportSettings(issuer="金华市应急管理局法治政府建设示范创建工作领导小组办公室",
                             cc="市司法局，局领导班子成员", contact="王明", phone="0579-82468000")
#: Every setting a bureau fills in: a 发文字号, a 主送, a long 抄送 and 印发机关, a 签发人 (not printed: a 下行文).
FULL = ft.ReportSettings(issuer="金华市应急管理局法治政府建设示范创建工作领导小组办公室",
                         issue_no="金应急法创〔2021〕12号", to="局各处室、各直属单位",
                         cc="市委依法治市办，市司法局，局领导班子成员，各处室（单位）主要负责人",
                         contact="王明", phone="0579-82468000", signer="张三",
                         printer="金华市应急管理局政策法规处（法治政府建设示范创建工作领导小组办公室）")
FONTS = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  {aliases}
</fontconfig>
"""
SERIF = ("仿宋_GB2312", "仿宋", "FangSong", "FangSong_GB2312", "STFangsong", "方正小标宋简体", "方正小标宋_GBK",
         "楷体_GB2312", "楷体", "KaiTi", "KaiTi_GB2312", "STKaiti", "宋体", "SimSun", "NSimSun", "Times New Roman")
ALIASES = {**dict.fromkeys(SERIF, "Noto Serif CJK SC"), **dict.fromkeys(("黑体", "SimHei"), "Noto Sans CJK SC")}

pytestmark = pytest.mark.skipif(SOFFICE is None or not POPPLER,
                                reason="LibreOffice (soffice) or poppler-utils not installed (.ci/run installs them)")


def to_pdf(docx: Path, tmp_path: Path) -> Path:
    assert SOFFICE is not None
    conf = tmp_path / "fonts.conf"
    aliases = "\n  ".join(f'<alias binding="strong"><family>{k}</family><prefer><family>{v}</family></prefer></alias>'
                          for k, v in ALIASES.items())
    conf.write_text(FONTS.format(aliases=aliases), encoding="utf-8")
    env = {**os.environ, "FONTCONFIG_FILE": str(conf), "HOME": str(tmp_path)}
    profile = (tmp_path / "lo-profile").as_uri()
    # Writer keeps the blank pages it inserts (a 版记 section starting on an even page) as a printer would.
    keep_blank = 'pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}'
    target = keep_blank if docx.suffix == ".docx" else "pdf"
    result = subprocess.run([SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", target,
                             "--outdir", str(tmp_path), str(docx)], capture_output=True, text=True, timeout=240,
                            env=env, check=False)
    pdf = tmp_path / f"{docx.stem}.pdf"
    assert pdf.exists(), result.stderr[-2000:]
    return pdf


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    found = re.search(r"^Pages:\s+(\d+)", info, re.M)
    assert found is not None
    return int(found.group(1))


def page_text(pdf: Path, page: int) -> str:
    return subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout


def pngs(pdf: Path, name: str) -> list[Path]:
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob(f"{name}-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(OUT / name)], check=True, timeout=120)
    shutil.copy(pdf, OUT / f"{name}.pdf")
    return sorted(OUT.glob(f"{name}-*.png"))


def first_page_starting(pdf: Path, count: int, heading: str) -> int:
    for page in range(1, count + 1):
        if re.sub(r"\s+", "", page_text(pdf, page)).startswith(heading):
            return page
    raise AssertionError(f"no page starts with {heading}")


def title_gap(pdf: Path) -> float:
    """Points between the red rule (4 mm under the 发文字号) and the top of the title."""
    out = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-bbox", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    words = [(float(y0), float(y1), w) for y0, y1, w in
             re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">(.*?)</word>', out)]
    title = min(y0 for y0, y1, w in words if w.startswith("关于"))
    number = max(y1 for y0, y1, w in words if y1 < title)  # the 发文字号 (期号) line, the rule 4 mm below it
    return title - (number + 11)


class TestRendering:
    def test_weekly_body_fits_two_pages(self, tmp_path: Path) -> None:
        """The 通报 body ends within two pages; 附件1 and 附件2 start their own pages; every page is a PNG."""
        report = ft.weekly_report(ft.sample_plan(), ft.sample_updates(), dt.date(2021, 6, 25))
        docx = tmp_path / "weekly.docx"
        ft.weekly_docx(report, docx, settings=SETTINGS)
        pdf = to_pdf(docx, tmp_path)
        count = pages(pdf)
        first, second = first_page_starting(pdf, count, "附件1"), first_page_starting(pdf, count, "附件2")
        assert first - 1 <= 2, f"the body runs to {first - 1} pages"
        assert first < second <= count
        assert "2021年6月25日印发" in re.sub(r"\s+", "", page_text(pdf, count))
        assert "第43期" in re.sub(r"\s+", "", page_text(pdf, 1))
        assert 0 == count % 2
        assert count == len(pngs(pdf, "weekly-2021-06-25"))
        (OUT / "weekly-2021-06-25-pages.txt").write_text(
            f"body {first - 1}, 附件1 {second - first}, 附件2 and 版记 {count - second + 1}\n", encoding="utf-8")

    @pytest.mark.parametrize("settings", [
        ft.ReportSettings(),
        SETTINGS,
        ft.ReportSettings(issuer="金华市应急管理局法治政府建设示范创建工作领导小组办公室（政策法规处代章）",
                          cc="市委依法治市办，市司法局，局领导班子成员，各处室（单位）主要负责人，"
                             "各县（市、区）应急管理局法治政府建设工作领导小组办公室"),
    ], ids=["default", "long-issuer", "two-line-issuer-and-cc"])
    def test_colophon_is_whole_on_the_last_page(self, tmp_path: Path, settings: ft.ReportSettings) -> None:
        """The 版记 — 抄送, 印发单位 and 印发日期 — sits whole on the last page: nothing of it spills onto another."""
        report = ft.weekly_report(ft.sample_plan(), ft.sample_updates(), dt.date(2021, 6, 25))
        docx = tmp_path / "weekly.docx"
        ft.weekly_docx(report, docx, settings=settings)
        pdf = to_pdf(docx, tmp_path)
        count = pages(pdf)
        last = re.sub(r"\s+", "", page_text(pdf, count))
        printer = settings.printer_name
        assert "2021年6月25日印发" in last and printer in last.replace("2021年6月25日印发", "")  # a long name wraps
        assert not settings.cc or "抄送：" + re.sub(r"\s+", "", settings.cc)[:20] in last
        assert "印发" not in re.sub(r"\s+", "", page_text(pdf, count - 1))

    @pytest.mark.parametrize(("week", "settings"), [
        ("2021-04-02", SETTINGS), ("2021-06-25", SETTINGS), ("2021-07-30", SETTINGS), ("2021-10-29", SETTINGS),
        ("2021-06-25", FULL), ("2021-07-30", FULL)],
        ids=["04-02", "06-25", "07-30", "10-29", "06-25-full", "07-30-full"])
    def test_weeks_as_printed(self, tmp_path: Path, week: str, settings: ft.ReportSettings) -> None:
        """For the weeks a 文秘 read: an even page count with the 版记 alone on the last page, the body within two
        pages with the 署名 on a page that has text of the body, the title two lines below the red rule."""
        day = dt.date.fromisoformat(week)
        plan = ft.sample_plan()
        report = ft.weekly_report(plan, ft.sample_updates(), day)
        docx = tmp_path / f"weekly-{week}.docx"
        ft.weekly_docx(report, docx, settings=settings, plan=plan)
        pdf = to_pdf(docx, tmp_path)
        count = pages(pdf)
        assert 0 == count % 2, f"{count} pages: the 版记 is not on an even page"
        last = re.sub(r"\s+", "", page_text(pdf, count))
        assert f"—{count}—" in last  # numbered as the even page it is
        assert last.startswith("抄送") and "印发" in last
        first_annex = first_page_starting(pdf, count, "附件1")
        assert first_annex - 1 <= 2, f"the body runs to {first_annex - 1} pages"
        signed = next(p for p in range(1, first_annex) if "（联系人" in page_text(pdf, p))
        before = re.sub(r"\s+", "", page_text(pdf, signed)).split("附件：")[0]
        assert re.search(r"。", before), f"page {signed} has the 署名 and no text of the body"
        head = re.sub(r"\s+", "", page_text(pdf, 1)).split("关于")[0]
        assert re.fullmatch(r"法治政府建设示范创建督办通报(第\d+期|金应急法创〔2021〕12号)", head), head  # nothing else
        gap = title_gap(pdf)
        assert 2 * 28.95 - 6 <= gap <= 3 * 28.95, f"the title is {gap / 28.95:.1f} lines below the rule"
        assert count == len(pngs(pdf, f"weekly-{week}{'-full' if settings is FULL else ''}"))

    def test_crowded_body_fits_two_pages(self, tmp_path: Path) -> None:
        """With heads, owners, a signer and a short issuer the body still ends within two pages."""
        import attrs

        plan = ft.sample_plan()
        divisions = [attrs.evolve(d, head="负责人甲") for d in plan.divisions]
        tasks = [attrs.evolve(t, owner="责任人乙") for t in plan.tasks]
        plan = ft.Plan(name=plan.name, stages=plan.stages, divisions=divisions, tasks=tasks)
        report = ft.weekly_report(plan, ft.sample_updates(), dt.date(2021, 6, 25))
        docx = tmp_path / "crowded.docx"
        ft.weekly_docx(report, docx, settings=attrs.evolve(SETTINGS, issuer="金华市应急管理局", signer="张三"),
                       plan=plan)
        pdf = to_pdf(docx, tmp_path)
        assert first_page_starting(pdf, pages(pdf), "附件1") - 1 <= 2

    def test_notices_page_per_division(self, tmp_path: Path) -> None:
        """The 通知单 start a page per division, each page a PNG."""
        report = ft.weekly_report(ft.sample_plan(), ft.sample_updates(), dt.date(2021, 6, 25))
        docx = tmp_path / "notices.docx"
        ft.notices_docx(report, docx, settings=SETTINGS)
        pdf = to_pdf(docx, tmp_path)
        count = pages(pdf)
        starts = [p for p in range(1, count + 1) if "督办通知单" in page_text(pdf, p)]
        assert 6 == len(starts)
        assert count <= 2 * len(starts)
        assert all("—1—" in re.sub(r"\s+", "", page_text(pdf, p)) for p in starts)  # numbered per division
        assert all(p % 2 == 1 for p in starts)  # each on a sheet of its own when printed on both sides
        for p in range(1, count + 1):  # a 署名 never alone: the text before it is on its page
            said = re.sub(r"\s+", "", page_text(pdf, p))
            if "签收人" in said:
                assert "请于" in said, f"page {p} has the 署名 without the text"
        first = re.sub(r" +", " ", page_text(pdf, 1))
        assert re.search(r"序号 +逾期事项 +整改措施 +整改时限 +督办等级 +责任人", first)  # headers on one line
        assert count == len(pngs(pdf, "notices-2021-06-25"))


class TestRectifyAsPrinted:
    def test_one_grouped_table(self, tmp_path: Path) -> None:
        """The 问题和责任清单: titled so, dates on one line, an even page count with the 版记 on the last page."""
        from fazhi_tasks.cli import main

        docx = tmp_path / "rectify.docx"
        assert 0 == main(["rectify", "--as-of", "2021-06-25", "-o", str(docx), "--issuer", SETTINGS.issuer])
        pdf = to_pdf(docx, tmp_path)
        count = pages(pdf)
        assert 0 == count % 2
        said = "".join(re.sub(r"\s+", "", page_text(pdf, p)) for p in range(1, count + 1))
        assert said.startswith("问题和责任清单（截至2021年6月25日，共11项）")
        assert "任务清单（示例）" not in said
        body = "".join(page_text(pdf, p) for p in range(1, count))
        assert 11 == len(re.findall(r"(?<!年 )7 月 16 日", body))  # each 整改时限 whole on one line
        assert re.sub(r"\s+", "", page_text(pdf, count)).startswith("抄送") or "印发" in page_text(pdf, count)
        assert count == len(pngs(pdf, "rectify-2021-06-25"))


class TestWorkbookAsPrinted:
    def test_rectification_sheet_is_legible(self, tmp_path: Path) -> None:
        """LibreOffice prints the workbook's 问题和责任清单 at a legible size (not shrunk to fit), every item on it."""
        report = ft.weekly_report(ft.sample_plan(), ft.sample_updates(), dt.date(2021, 6, 25))
        book = tmp_path / "weekly.xlsx"
        report.to_xlsx(book)
        pdf = to_pdf(book, tmp_path)
        count = pages(pdf)
        said = {p: re.sub(r"\s+", "", page_text(pdf, p)) for p in range(1, count + 1)}
        listed = [p for p, t in said.items() if "整改措施" in t]
        assert listed
        out = subprocess.run(["pdftotext", "-f", str(listed[0]), "-l", str(listed[0]), "-bbox", str(pdf), "-"],
                             capture_output=True, text=True, check=True).stdout
        box = r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"'
        heights = sorted(float(b) - float(a) for a, b in re.findall(box, out))
        assert heights[len(heights) // 2] >= 12, "the list is shrunk below a legible size"  # a CJK box ≈ 1.4 em
        text = "".join(said[p] for p in listed)
        assert all(item.task_id in text for item in report.rectification)
        assert count == len(pngs(pdf, "weekly-xlsx-2021-06-25"))
