"""The closed-world property on the old formats: generated layouts saved by LibreOffice as .xls and .ods.

One LibreOffice run converts a batch of generated workbooks (starting it per file would cost seconds each). An
.xls or .ods hides the number format, so a month typed as 2021年6月 (stored as the 1st) must be refused there,
and struck-through cells may or may not survive the conversion: whatever the reader sees, it must give exactly
the truth or refuse, never anything else.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

import fazhi_tasks as ft

from .layouts import Layout, plan_sheets, write_xlsx
from .test_generated import truth_of

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
#: Layouts per batch: ``make test`` converts 24 into each format, ``make fuzz`` FUZZ_COUNT // 10.
BATCH = max(24, int(os.environ.get("FUZZ_COUNT", "0")) // 10)

pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed (.ci/run installs it)")


def _convert(sources: list[Path], suffix: str, folder: Path) -> None:
    subprocess.run([str(SOFFICE), "--headless", f"-env:UserInstallation=file://{folder}/profile", "--convert-to",
                    suffix, "--outdir", str(folder / suffix), *map(str, sources)], check=True, capture_output=True,
                   timeout=600)


def _misread(layout: Layout, path: Path) -> str | None:
    """Why the reader's answer on ``path`` is not the truth, or ``None`` (exactly right, or refused)."""
    try:
        read = ft.read_plan(path)
    except ft.FazhiTasksError:
        return None
    if layout.must_refuse is not None:
        return f"read a sheet it must refuse: {layout.must_refuse}"
    live = [truth_of(t) for t in read.plan if t.id not in layout.cancelled]
    if live != layout.truth:
        return f"tasks differ: {live} != {layout.truth}"
    if sorted(layout.cancelled) != sorted(u.task_id for u in read.cancelled):
        return f"cancelled differ: {sorted(u.task_id for u in read.cancelled)} != {sorted(layout.cancelled)}"
    return None


def _layouts(count: int) -> list[Layout]:
    """``count`` generated layouts (hypothesis draws them; the check runs once on the whole batch)."""
    drawn: list[Layout] = []

    @settings(max_examples=count, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
    @given(plan_sheets())
    def collect(layout: Layout) -> None:
        drawn.append(layout)

    collect()
    return drawn


def test_xls_and_ods_read_exactly_or_refused(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Every generated layout, saved by LibreOffice as .xls and as .ods, reads exactly right or is refused."""
    layouts = _layouts(BATCH)
    folder = tmp_path_factory.mktemp("converted")
    sources = [write_xlsx(layout, folder / f"plan{i:03d}.xlsx") for i, layout in enumerate(layouts)]
    wrong = []
    for suffix in ("xls", "ods"):
        _convert(sources, suffix, folder)
        converted = sorted((folder / suffix).glob(f"*.{suffix}"))
        if not converted:
            pytest.skip("LibreOffice without Calc cannot convert a workbook")
        assert len(converted) == len(sources)
        for layout, path in zip(layouts, converted, strict=True):
            why = _misread(layout, path)
            if why is not None:
                wrong.append(f"{path.name}: {why}")
    assert not wrong, "\n".join(wrong)
