"""Hostile sheets end in one clean error within 5 s and 500 MB: ``python benchmarks/bombs.py``.

Each input is built in a temporary folder and read in a fresh process, which reports the outcome
(the error's first line), the seconds and its peak memory: the larger of its own (VmHWM) and that of
the workbook reader's child process (``RUSAGE_CHILDREN``), so a bomb the child absorbs still counts.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_CHILD = r"""
import json, sys, time
sys.path.insert(0, sys.argv[3])
import fazhi_tasks as ft
reader = ft.import_updates if sys.argv[2] == "updates" else ft.load_plan
start = time.perf_counter()
try:
    reader(sys.argv[1])
    outcome = "read"
except ft.FazhiTasksError as exc:
    outcome = type(exc).__name__ + ": " + str(exc).splitlines()[0][:90]
seconds = time.perf_counter() - start
import resource
own = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM")) / 1024
peak = max(own, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
print(json.dumps({"outcome": outcome, "seconds": seconds, "mib": peak}))
"""


def _plan_xlsx(path: Path, extra_rows: bytes = b"", cell: str = "") -> None:
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.append(["编号", "任务名称", "牵头处室", "阶段", "完成时限"])
    ws.append(["T1", "制定方案", "政策法规处", 1, "2021-03-31"])
    if cell:
        ws[cell] = "x"
    book.save(path)
    if extra_rows:
        tmp = path.with_suffix(".tmp")
        with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
            for item in src.infolist():
                data = src.read(item.filename)
                if item.filename == "xl/worksheets/sheet1.xml":
                    data = data.replace(b"</sheetData>", extra_rows + b"</sheetData>")
                dst.writestr(item.filename, data)
        tmp.replace(path)


def build(folder: Path) -> list[tuple[str, Path, str]]:
    """(what, file, reader) for each hostile input."""
    cases = []
    far = folder / "far.xlsx"
    _plan_xlsx(far, cell="XFD1048576")
    cases.append(("xlsx, one cell at XFD1048576 (17 KB)", far, "plan"))
    blank = folder / "blank-rows.xlsx"
    _plan_xlsx(blank, b"".join(b'<row r="%d"/>' % n for n in range(3, 10_000_003)))
    cases.append(("xlsx, 10^7 blank rows", blank, "plan"))
    big = folder / "big.xlsx"
    rows = b"".join(b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>T%d</t></is></c>'
                    b'<c r="B%d" t="inlineStr"><is><t>%s</t></is></c></row>' % (n, n, n, n, "任务".encode() * 20)
                    for n in range(3, 400_003))
    _plan_xlsx(big, rows)
    cases.append((f"xlsx, 400,000 rows ({big.stat().st_size >> 20} MB)", big, "plan"))
    limit = folder / "limit.xlsx"
    rows = b"".join(b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>T%d</t></is></c>'
                    b'<c r="B%d" t="inlineStr"><is><t>%s</t></is></c></row>' % (n, n, n, n, "任务".encode() * 20)
                    for n in range(3, 100_001))
    _plan_xlsx(limit, rows)
    cases.append(("xlsx, 100,000 rows (at the limit; C–E blank: every row refused)", limit, "plan"))
    csv_rows = folder / "rows.csv"
    with csv_rows.open("w", encoding="utf-8") as out:
        out.write("编号,任务名称,牵头处室,阶段\n")
        out.writelines(f"T{n},a,b,1\n" for n in range(10_000_000))
    cases.append(("csv, 10^7 rows", csv_rows, "plan"))
    csv_under = folder / "rows-under.csv"
    with csv_under.open("w", encoding="utf-8") as out:
        out.write("编号,任务名称,牵头处室,阶段\n")
        out.writelines(f"T{n},a,b,1\n" for n in range(2_000_000))
    cases.append(("csv, 2×10^6 rows", csv_under, "plan"))
    csv_blank = folder / "blank.csv"
    csv_blank.write_text("编号,任务名称,牵头处室,阶段\n" + "\n" * 10_000_000, encoding="utf-8")
    cases.append(("csv, 10^7 blank lines", csv_blank, "plan"))
    stage = folder / "stage.csv"
    stage.write_text("编号,任务名称,牵头处室,阶段\nT1,a,政策法规处," + "第1阶段 (" * 250 + "\n", encoding="utf-8")
    cases.append(("csv, a 2,000-character stage cell", stage, "plan"))
    nan = folder / "nan.json"
    nan.write_text('[{"task_id": "T1", "status": "推进中", "percent": NaN, "on": "2021-03-05"}]', encoding="utf-8")
    cases.append(("json updates, percent NaN", nan, "updates"))
    cases.extend(untrusted(folder))
    return cases


def untrusted(folder: Path) -> list[tuple[str, Path, str]]:
    """Issue 28's bombs: the Rust reader's panics and aborts, .ods without pre-checks, a one-line CSV."""
    sys.path.insert(0, str(ROOT))
    from tests import hostile

    sheets = ROOT / "tests" / "data" / "sheets"
    cases = []
    cut = folder / "cut.xls"
    cut.write_bytes((sheets / "24-two-row-header.xls").read_bytes()[:609])
    cases.append(("xls cut after 609 bytes (Rust PanicException)", cut, "plan"))
    from tests.test_untrusted import aborting_xls

    cases.append(("xls, 20 bytes changed: asks for 310 GB (SIGABRT before)", aborting_xls(folder / "a.xls", "310 GB"),
                  "plan"))
    cases.append(("xls, 20 bytes changed: a sparse range of 17.6 GB (SIGABRT before)",
                  aborting_xls(folder / "b.xls", "17.6 GB"), "plan"))
    styles = ('<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
              '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>')
    cases.append(("xlsx, a date cell of -1e12 (panic: TimeDelta out of bounds)",
                  hostile.xlsx(folder / "date.xlsx", '<row r="3"><c r="A3" s="1"><v>-1e12</v></c></row>',
                               styles=styles), "plan"))
    cases.append(("xlsx, a cell at ZZZZZ3 (abort: allocation failed)",
                  hostile.xlsx(folder / "z.xlsx", '<row r="3"><c r="ZZZZZ3"><v>1</v></c></row>'), "plan"))
    shared = ('<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
              'count="4000000000" uniqueCount="4000000000"><si><t>x</t></si></sst>')
    cases.append(('xlsx, <sst uniqueCount="4000000000"> (abort)',
                  hostile.xlsx(folder / "sst.xlsx", '<row r="3"><c r="A3" t="s"><v>0</v></c></row>', shared=shared),
                  "plan"))
    cases.append(("xlsx, 10^6 <c> without r= (3.1 GB before)",
                  hostile.xlsx(folder / "c.xlsx", '<row r="3">' + "<c><v>1</v></c>" * 1_000_000 + "</row>"), "plan"))
    cases.append(("xlsx, one cell at IV100000 (1.2 GB, 25 s before)",
                  hostile.xlsx(folder / "iv.xlsx", '<row r="100000"><c r="IV100000" t="inlineStr"><is><t>x</t></is>'
                               "</c></row>", dimension="A1:IV100000"), "plan"))
    row = '<table:table-row table:number-rows-repeated="1048576">' + hostile.ods_cell("x") + "</table:table-row>"
    cases.append(('ods, number-rows-repeated="1048576" (1.5 GB before)', hostile.ods(folder / "rows.ods", row),
                  "plan"))
    bomb = folder / "bomb.ods"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        with out.open("content.xml", "w", force_zip64=True) as part:
            part.write(b'<?xml version="1.0"?><office:document-content>')
            block = b" " * (1 << 20)
            for _ in range(1024):
                part.write(block)
    cases.append((f"ods zip bomb, 1 GiB content.xml ({bomb.stat().st_size >> 10} KB; accepted, 1.05 GB before)",
                  bomb, "plan"))
    line = folder / "line.csv"
    with line.open("wb") as out:
        out.write("编号,任务名称,牵头处室,阶段\n".encode())
        block = b"x" * (1 << 20)
        for _ in range(900):
            out.write(block)
    cases.append(("csv, one line of 900 MB (2.7 GB before)", line, "plan"))
    return cases


def main() -> None:
    """Print the table; ``--untrusted`` runs issue 28's bombs only."""
    print("| input | outcome | seconds | peak MiB |")
    print("|---|---|---:|---:|")
    with tempfile.TemporaryDirectory() as folder:
        cases = untrusted(Path(folder)) if "--untrusted" in sys.argv else build(Path(folder))
        for what, path, reader in cases:
            done = subprocess.run([sys.executable, "-c", _CHILD, str(path), reader, str(ROOT / "src")],
                                  capture_output=True, text=True, check=True, timeout=600)
            result = json.loads(done.stdout)
            print(f"| {what} | {result['outcome']} | {result['seconds']:.2f} | {result['mib']:.0f} |")


if __name__ == "__main__":
    main()
