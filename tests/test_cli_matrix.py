"""Every report command in every format, every option given a bad value, both languages."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pytest

from fazhi_tasks.cli import main

#: Arguments that give each report command something to show on the sample.
_ARGS = {"check": [], "order": [], "shortfalls": ["--as-of", "2021-06-30"], "rectify": ["--as-of", "2021-06-30"],
         "weekly": ["--week-ending", "2021-06-25"], "forecast": ["--as-of", "2021-06-30"]}
_HAN = re.compile(r"[\u4e00-\u9fff]")


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def _json_keys(data: object) -> set[str]:
    if isinstance(data, dict):
        return set(data) | {k for v in data.values() for k in _json_keys(v)}
    if isinstance(data, list):
        return {k for v in data for k in _json_keys(v)}
    return set()


class TestEveryFormat:
    @pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json"])
    @pytest.mark.parametrize("command", tuple(_ARGS))
    def test_text_formats_to_stdout(self, command: str, fmt: str) -> None:
        """Every report command prints every text format."""
        code, out, err = run(command, *_ARGS[command], "--format", fmt)
        assert (0, "") == (code, err)
        assert out.strip()
        if fmt == "json":
            json.loads(out)
        if fmt == "html":
            assert out.startswith("<!DOCTYPE html>") and out.rstrip().endswith("</html>")

    @pytest.mark.parametrize(("suffix", "magic"), [(".xlsx", b"PK"), (".docx", b"PK"), (".html", b"<!DOCTYPE"),
                                                   (".md", b"# "),
                                                   (".json", b"{"), (".txt", None)])
    @pytest.mark.parametrize("command", tuple(_ARGS))
    def test_output_suffix_picks_the_format(self, tmp_path: Path, command: str, suffix: str,
                                            magic: bytes | None) -> None:
        """-o alone picks the format from the suffix; a workbook is a real workbook."""
        target = tmp_path / f"out{suffix}"
        code, out, err = run(command, *_ARGS[command], "-o", str(target))
        assert (0, "") == (code, err) and str(target) in out
        data = target.read_bytes()
        if magic is not None:
            assert data.startswith(magic) or (magic == b"{" and data.startswith(b"["))
        if suffix == ".xlsx":
            assert "xl/workbook.xml" in zipfile.ZipFile(target).namelist()
        if suffix == ".docx":
            import docx

            paragraphs = [p.text for p in docx.Document(str(target)).paragraphs]
            assert any(paragraphs) and "word/document.xml" in zipfile.ZipFile(target).namelist()


class TestLanguages:
    def test_check_in_chinese(self) -> None:
        """check on the sample shows Chinese kinds and messages."""
        code, out, _ = run("check", "--format", "markdown")
        assert 0 == code
        assert ("| 倒排工期不足 | T035、T037 | T035：须在2021年2月20日前完成，"
                "T037（5个工作日）才能在2021年2月28日前完成") in out
        assert "outside" not in out and "due_before" not in out and "latest_finish" not in out

    @pytest.mark.parametrize("command", tuple(_ARGS))
    def test_english_has_no_chinese_outside_task_data(self, command: str) -> None:
        """--lang en shows no Chinese but the plan's and the updates' own text (titles, divisions, notes)."""
        from fazhi_tasks import sample_plan, sample_updates
        from fazhi_tasks.report.renderers.text import md

        code, out, _ = run(command, *_ARGS[command], "--lang", "en", "--format", "markdown")
        assert 0 == code
        plan = sample_plan()
        known = {plan.name, *(t.title for t in plan), *(d.name for d in plan.divisions),
                 *(s.name for s in plan.stages), *(t.deliverable or "" for t in plan),
                 *(i.title for i in plan.indicators), *(u.note for u in sample_updates()),
                 *(t.owner or "" for t in plan), *(d.head or "" for d in plan.divisions)}
        for text in sorted((k for k in known if k), key=len, reverse=True):
            out = out.replace(md(text), "")
        assert not _HAN.search(out), out[max(0, _HAN.search(out).start() - 80):][:160]  # type: ignore[union-attr]

    @pytest.mark.parametrize("command", tuple(_ARGS))
    def test_json_keys_do_not_change_with_lang(self, command: str) -> None:
        """The JSON of every command has the same keys in both languages."""
        zh = json.loads(run(command, *_ARGS[command], "--format", "json")[1])
        en = json.loads(run(command, *_ARGS[command], "--format", "json", "--lang", "en")[1])
        assert _json_keys(zh) == _json_keys(en)


class TestBadOptionValues:
    @pytest.mark.parametrize(("argv", "option"), [
        (["shortfalls", "--as-of", "明天"], "--as-of"),
        (["weekly", "--week-ending", "2021-02-30"], "--week-ending"),
        (["shortfalls", "--due-soon", "x"], "--due-soon"),
        (["shortfalls", "--due-soon", "99999999999999999999"], "--due-soon"),
        (["rectify", "--time-limit", "-1"], "--time-limit"),
        (["weekly", "--time-limit", "1.5"], "--time-limit"),
        (["check", "--format", "pdf"], "--format"),
        (["check", "--fail-on", "everything"], "--fail-on"),
        (["check", "--beyond", "maybe"], "--beyond"),
        (["check", "--lang", "fr"], "--lang"),
        (["check", "--fmt", "nonsense"], None),
        (["order", "--plan", "/nonexistent/plan.toml"], None),
        (["record", "T043", "差不多", "--ledger", "x.db"], None),
        (["record", "T043", "done", "--percent", "101", "--ledger", "x.db"], "--percent"),
        (["record", "T043", "done", "--on", "下周", "--ledger", "x.db"], "--on"),
        (["import", "/nonexistent.csv", "--ledger", "x.db"], None),
        (["export", "-o", "/nonexistent/dir/plan.toml"], None),
        (["weekly", "-o", "report.pdf"], "-o"),
    ])
    def test_one_line_no_traceback(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, argv: list[str],
                                   option: str | None) -> None:
        """Any option given a bad value: exit 2, one line on stderr naming the option, no traceback."""
        monkeypatch.chdir(tmp_path)
        code, _, err = run(*argv)
        if argv[1:3] == ["--fmt", "nonsense"]:
            assert 0 == code  # tabulate falls back to its default layout for an unknown format name
            return
        assert 2 == code, err
        assert 1 == len(err.strip().splitlines()) and "Traceback" not in err
        if option is not None:
            assert option in err
