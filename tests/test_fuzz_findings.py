"""Inputs the long fuzz run (seed 7, 2,000 a format) found crashing the merged readers: each now one clear error."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

import fazhi_tasks as ft
from fazhi_tasks.io.sheets.cells import CellError, as_percent

from .conftest import small_plan


class TestFuzzFindings:
    def test_huge_integer_in_an_updates_json(self, tmp_path: Path) -> None:
        """An integer past Python's 4,300-digit limit is refused naming the file, not a raw ValueError."""
        path = tmp_path / "u.json"
        path.write_text('[{"task_id": "A", "status": "推进中", "on": "2021-03-01", "percent": ' + "9" * 5000 + "}]",
                        encoding="utf-8")
        with pytest.raises(ft.UpdateFileError, match=r"u\.json"):
            ft.import_updates(path)

    def test_percent_past_a_float(self) -> None:
        """A percent cell too large for a float is refused with the hint, not an OverflowError."""
        with pytest.raises(CellError, match="数值过大"):
            as_percent(10 ** 400)

    def test_division_sheet_with_only_a_head_column(self, tmp_path: Path) -> None:
        """A 处室 sheet whose one known header is 负责人 is read through the header finder, not a StopIteration."""
        path = tmp_path / "plan.xlsx"
        ft.save_plan(small_plan(), path)
        book = openpyxl.load_workbook(path)
        book["处室"]["A1"] = "负责人"
        book.save(path)
        with pytest.raises(ft.PlanFileError, match=r"工作表“处室”：找不到表头.*表头应包含 处室、负责人"):
            ft.load_plan(path)

    def test_json_is_still_read(self, tmp_path: Path) -> None:
        """The safer JSON reader still reads a plain updates file."""
        path = tmp_path / "u.json"
        path.write_text(json.dumps([{"task_id": "A", "status": "推进中", "on": "2021-03-01", "percent": 40}]),
                        encoding="utf-8")
        assert 40 == ft.import_updates(path)[0].percent
