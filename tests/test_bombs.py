"""Hostile plan and calendar files (issue 18's bombs): each ends in one clean error within 5 s and 500 MB.

Each bomb runs in a fresh interpreter, which reports its time and peak memory (``ru_maxrss``);
``python -m tests.test_bombs`` prints the table kept in docs/performance.md ("Hostile input").
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

#: name → (file name, Python expression for the file's text, the error class expected).
BOMBS: dict[str, tuple[str, str, str]] = {
    "TOML, one dotted key of 200,000 parts (400 KB)": ("plan.toml", "'a' + '.a' * 200_000 + ' = 1\\n'",
                                                        "PlanFileError"),
    "TOML, arrays nested 100,000 deep": ("plan.toml", "'x = ' + '[' * 100_000 + ']' * 100_000", "PlanFileError"),
    "TOML, inline tables nested 100,000 deep": ("plan.toml", "'x = ' + '{a=' * 100_000 + '1' + '}' * 100_000",
                                                "PlanFileError"),
    "TOML, an integer of 1,000,000 digits": ("plan.toml", "'x = ' + '9' * 1_000_000", "PlanFileError"),
    "JSON, an integer of 1,000,000 digits": ("plan.json", "'{\"x\": ' + '9' * 1_000_000 + '}'", "PlanFileError"),
    "JSON, arrays nested 1,000,000 deep": ("plan.json", "'[' * 1_000_000 + ']' * 1_000_000", "PlanFileError"),
    "JSON, one key repeated 100,000 times": ("plan.json",
                                             "'{' + ', '.join(['\"name\": \"x\"'] * 100_000) + '}'",
                                             "PlanFileError"),
    "calendar TOML, a range of 3,000 years": ("2027.toml",
                                              "'[calendar.2027]\\nholidays = [\"0001-01-01..2999-12-31\"]\\n'",
                                              "CalendarFileError"),
}

_CHILD = textwrap.dedent("""
    import json, resource, sys, tempfile, time
    from pathlib import Path
    import fazhi_tasks as ft
    name, expression = sys.argv[1], sys.argv[2]
    path = Path(tempfile.mkdtemp()) / name
    path.write_text(eval(expression), encoding="utf-8")
    started = time.perf_counter()
    try:
        ft.load_calendar(path) if name.startswith("2027") else ft.load_plan(path)
        error, message = "", ""
    except ft.FazhiTasksError as exc:
        error, message = type(exc).__name__, str(exc)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"error": error, "message": message[:120], "seconds": seconds, "peak_mib": peak,
                      "bytes": path.stat().st_size}))
""")


def detonate(name: str) -> dict[str, object]:
    """Run one bomb in a fresh interpreter; its error class, message, seconds and peak MiB."""
    file_name, expression, _ = BOMBS[name]
    result = subprocess.run([sys.executable, "-c", _CHILD, file_name, expression], capture_output=True, text=True,
                            timeout=120, check=False)
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    figures: dict[str, object] = json.loads(result.stdout)
    return figures


class TestBombs:
    @pytest.mark.parametrize("name", list(BOMBS))
    def test_clean_error_fast_and_small(self, name: str) -> None:
        """The bomb ends in its FazhiTasksError within 5 s and 500 MB, no traceback."""
        figures = detonate(name)
        assert BOMBS[name][2] == figures["error"]
        assert figures["seconds"] < 5.0  # type: ignore[operator]
        assert figures["peak_mib"] < 500  # type: ignore[operator]


if __name__ == "__main__":
    print("| hostile input | file size | error | seconds | peak memory |")
    print("|---|---:|---|---:|---:|")
    for bomb in BOMBS:
        f = detonate(bomb)
        print(f"| {bomb} | {f['bytes']:,} B | `{f['error']}` | {f['seconds']:.2f} | {f['peak_mib']:.0f} MiB |")
