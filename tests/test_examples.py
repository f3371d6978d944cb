"""Every script in examples/ runs and does what it says."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def run(script: str, *args: str) -> str:
    result = subprocess.run([sys.executable, str(EXAMPLES / script), *args], capture_output=True, text=True,
                            timeout=120, check=False)
    assert 0 == result.returncode, result.stderr
    return result.stdout


def test_weekly_report(tmp_path: Path) -> None:
    """The Friday job writes the report in every format."""
    out = run("weekly_report.py", "--out", str(tmp_path))
    assert out.startswith("共97项任务，截至6月25日")
    assert {"txt", "md", "html", "xlsx", "json"} == {p.suffix[1:] for p in tmp_path.iterdir()}
    assert 25 == json.loads((tmp_path / "weekly-2021-06-25.json").read_text(encoding="utf-8"))["iso_week"]


def test_embed_json() -> None:
    """Rows from another tool's database in, the report as JSON out."""
    out = run("embed_json.py")
    assert "逾期1项" in out and "('A3', ['A2'])" in out


def test_city_rollup() -> None:
    """Three bureaus in one run, one row each."""
    lines = run("city_rollup.py").splitlines()
    assert 5 == len(lines) and lines[2].startswith("市应急管理局")


def test_web_upload() -> None:
    """A Starlette app: sheet bytes in (idempotent), errors as HTTP with row and column, the report as bytes out."""
    lines = run("web_upload.py").splitlines()
    assert "upload: read 317, recorded 317; again: recorded 0" == lines[0]
    assert "bad sheet: HTTP 400, updates_file.invalid, row 2, column B" == lines[1]
    assert lines[2].startswith("overdue: 11 (kind shortfalls, schema 1)")
    assert lines[3].startswith("weekly.xlsx: HTTP 200") and lines[3].endswith("starts b'PK'")
