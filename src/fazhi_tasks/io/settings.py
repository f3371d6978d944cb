"""Issuer settings for the 督办通报 and 督办通知单: who issues them, to whom, which issue, who to call.

A plan file can carry them: a ``[report]`` table in TOML, a ``report`` object in JSON, or a two-column
设置 sheet (项目 | 内容) in the plan workbook. Names are English in code and files, Chinese in the sheet
(both are accepted in either place). Options given on the command line override the file.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Mapping
from pathlib import Path

import attrs

from fazhi_tasks.core.errors import DeadlineParseError, PlanFileError, Said
from fazhi_tasks.io.sheets.tabular import MAX_TEXT_BYTES, MAX_XLSX_BYTES, normalise_header, place, read_bytes, read_text
from fazhi_tasks.model.deadline import parse_deadline

__all__ = ["SETTING_NAMES", "ReportSettings", "chinese_date", "read_report_settings"]

#: English attribute → the Chinese name used in the 设置 sheet.
SETTING_NAMES: dict[str, str] = {
    "issuer": "发文单位",
    "title": "通报名称",
    "issue_no": "期号",
    "to": "主送",
    "cc": "抄送",
    "contact": "联系人",
    "phone": "联系电话",
    "signer": "签发人",
    "printer": "印发单位",
    "date": "成文日期",
    "feedback_by": "反馈时限",
}
_EXTRA_ALIASES = {"发文机关": "issuer", "发文机关署名": "issuer", "名称": "title", "期数": "issue_no",
                  "主送单位": "to", "主送机关": "to", "抄送单位": "cc", "抄送机关": "cc", "电话": "phone",
                  "印发机关": "printer", "日期": "date", "反馈日期": "feedback_by"}
_ALIASES = {normalise_header(k): k for k in SETTING_NAMES} | {
    normalise_header(v): k for k, v in SETTING_NAMES.items()} | {normalise_header(k): v for k, v in
                                                                  _EXTRA_ALIASES.items()}
_SHEETS = ("设置", "通报设置", "report", "settings")


def chinese_date(day: dt.date) -> str:
    """A date as 公文 write it, without leading zeros.

    >>> chinese_date(dt.date(2021, 6, 5))
    '2021年6月5日'
    """
    return f"{day.year}年{day.month}月{day.day}日"


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "、".join(str(v).strip() for v in value if str(v).strip())
    return str(value).strip()


def _issue(value: object) -> str | None:
    text = _text(value)
    return text or None


def _not_a_date(value: object) -> ValueError:
    return ValueError(Said.of("io.set_not_date", value=repr(value)))


def _day(value: object) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value.date() if isinstance(value, dt.datetime) else value
    raise _not_a_date(value)


@attrs.frozen
class ReportSettings:
    """Who issues the weekly 督办通报 and the 督办通知单, and how they are numbered and addressed.

    Attributes:
        issuer: 发文单位, printed in the masthead and signed under the body.
        title: 通报名称, the red masthead.
        issue_no: 期号; ``None`` counts the weeks from the plan's first week (the report for the first
            week ending on or after the first stage's start is 第1期). Digits print as 第N期, other text as typed.
        to: 主送, the addressees.
        cc: 抄送, the copies (several names joined with 、).
        contact: 联系人.
        phone: 联系电话.
        signer: 签发人, printed in the masthead when given.
        printer: 印发单位 in the 版记; default the issuer.
        date: 成文日期; default the report's date.
        feedback_by: 反馈时限, the day by which divisions report back; default the rectification time limit.

    >>> s = ReportSettings(issue_no=7).override(contact="王明", phone=None)
    >>> s.issue_label(43), s.contact, s.printer_name
    ('第7期', '王明', '法治政府建设示范创建工作领导小组办公室')
    """

    issuer: str = attrs.field(default="法治政府建设示范创建工作领导小组办公室", converter=_text)
    title: str = attrs.field(default="法治政府建设示范创建督办通报", converter=_text)
    issue_no: str | None = attrs.field(default=None, converter=_issue)
    to: str = attrs.field(default="各处室", converter=_text)
    cc: str = attrs.field(default="", converter=_text)
    contact: str = attrs.field(default="", converter=_text)
    phone: str = attrs.field(default="", converter=_text)
    signer: str = attrs.field(default="", converter=_text)
    printer: str = attrs.field(default="", converter=_text)
    date: dt.date | None = attrs.field(default=None, converter=_day)
    feedback_by: dt.date | None = attrs.field(default=None, converter=_day)

    def to_mapping(self) -> dict[str, object]:
        """The settings that differ from the defaults, by English name (what a plan file's ``[report]`` holds).

        >>> ReportSettings(issue_no=7, cc="市司法局").to_mapping()
        {'issue_no': '7', 'cc': '市司法局'}
        """
        default = ReportSettings()
        return {name: getattr(self, name) for name in SETTING_NAMES if getattr(self, name) != getattr(default, name)}

    @property
    def printer_name(self) -> str:
        """印发单位, or the issuer when none is set."""
        return self.printer or self.issuer

    def issue_label(self, counted: int) -> str:
        """The 期号 as printed: the given one, else 第``counted``期."""
        given = self.issue_no
        if given is None:
            return f"第{counted}期"
        return f"第{int(given)}期" if given.isdigit() else given

    def override(self, **changes: object) -> ReportSettings:
        """A copy with the given fields replaced; ``None`` and ``""`` keep the current value."""
        kept = {k: v for k, v in changes.items() if v is not None and v != ""}
        unknown = sorted(set(kept) - set(SETTING_NAMES))
        if unknown:
            message = f"unknown report setting {unknown[0]!r} (settings: {', '.join(SETTING_NAMES)})"
            raise TypeError(message)
        return attrs.evolve(self, **kept)

    @classmethod
    def from_mapping(cls, values: Mapping[str, object]) -> ReportSettings:
        """Settings from a mapping of English or Chinese names to values (as a TOML table holds them).

        Raises:
            ValueError: A name is unknown or a value is no date / text; the message names it.
        """
        fields: dict[str, object] = {}
        for key, value in values.items():
            name = _ALIASES.get(normalise_header(key))
            if name is None:
                accepted = "、".join(f"{k}（{v}）" for k, v in SETTING_NAMES.items())
                raise KeyError(Said.of("io.set_unknown", key_name=repr(key), accepted=accepted))
            dated = name in ("date", "feedback_by") and value is not None and not isinstance(value, dt.date)
            fields[name] = _parse_day(value) if dated else value
        return cls(**fields)


def _parse_day(value: object) -> dt.date:
    try:
        day = parse_deadline(str(value).strip(), year=None)
    except DeadlineParseError:
        day = None
    if day is None:
        raise _not_a_date(value)
    return day


def _line_of(path: Path, key: str, fmt: str) -> int | None:
    """The line of ``key`` inside the report table/object, for error messages."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    inside = fmt == "json"
    pattern = re.compile(r'^\s*"?' + re.escape(key) + r'"?\s*[=:]')
    for n, line in enumerate(lines, start=1):
        stripped = line.strip()
        if fmt == "toml" and stripped.startswith("["):
            inside = stripped.startswith("[report]")
            continue
        if inside and pattern.search(line):
            return n
    return None


def _why(exc: Exception) -> Said:
    """A setting's problem in both languages (what ``from_mapping`` raised)."""
    why = exc.args[0] if exc.args else str(exc)
    return why if isinstance(why, Said) else Said(str(why), str(why))


def _from_document(path: Path, doc: object, fmt: str) -> ReportSettings:
    if not isinstance(doc, Mapping):
        return ReportSettings()
    table = doc.get("report")
    if table is None:
        return ReportSettings()
    if not isinstance(table, Mapping):
        names = ", ".join(SETTING_NAMES)
        message = Said.of("io.set_not_table", name=path.name, names=names)
        raise PlanFileError(message, path=str(path), column="report", value=table)
    for key, value in table.items():
        try:
            ReportSettings.from_mapping({key: value})
        except (KeyError, ValueError) as exc:
            line = _line_of(path, str(key), fmt)
            why = _why(exc)
            at_line = Said.of("io.set_line", line=line) if line else Said("", "")
            problem = Said.of("io.set_problem", file=path.name, line=at_line, name=key, why=why)
            raise PlanFileError(problem, path=str(path), line=line, column=f"report.{key}", value=value) from None
    return ReportSettings.from_mapping(table)


def _from_workbook(path: Path) -> ReportSettings:
    data = read_bytes(path, PlanFileError, MAX_XLSX_BYTES)
    import openpyxl
    import openpyxl.xml

    if not openpyxl.xml.DEFUSEDXML:  # pragma: no cover - defusedxml is a dependency
        message = f"{path.name}: refusing to read XLSX without defusedxml installed"
        raise PlanFileError(message, path=str(path))
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken workbook
        broken = Said.of("io.set_workbook", name=path.name, exc=type(exc).__name__, exc2=exc)
        raise PlanFileError(broken, path=str(path)) from None
    try:
        wanted = {normalise_header(s) for s in _SHEETS}
        name = next((n for n in workbook.sheetnames if normalise_header(n) in wanted), None)
        if name is None:
            return ReportSettings()
        fields: dict[str, object] = {}
        for row, cells in enumerate(workbook[name].iter_rows(max_col=2, values_only=True), start=1):
            key, value = (*tuple(cells), None, None)[:2]
            if key is None or not str(key).strip() or (row == 1 and normalise_header(key) in ("项目", "item")):
                continue
            if isinstance(value, str):
                value = value.strip() or None
            try:
                ReportSettings.from_mapping({str(key): value})
            except (KeyError, ValueError) as exc:
                letter, header = ("A", "项目") if isinstance(exc, KeyError) else ("B", "内容")
                column = f"{letter} {header}"
                shown = key if isinstance(exc, KeyError) else value
                where = place(path.name, name, row, letter, header)
                why = _why(exc)
                problem = Said.of("io.set_where", where=where, why=why)
                raise PlanFileError(problem, path=str(path), sheet=name, line=row, column=column,
                                    value=shown) from None
            fields[str(key)] = value
        return ReportSettings.from_mapping(fields)
    finally:
        workbook.close()


def read_report_settings(path: str | Path) -> ReportSettings:
    """The report settings a plan file carries (defaults where it has none).

    TOML: a ``[report]`` table; JSON: a ``report`` object; XLSX: a 设置 sheet with 项目 | 内容 rows;
    CSV carries none.

    Raises:
        PlanFileError: A setting's name is unknown or its value is no date where one is needed; the message
            names the file, the line (or sheet, row and column) and the value as typed.

    >>> import pathlib, tempfile
    >>> plan = pathlib.Path(tempfile.mkdtemp()) / "plan.toml"
    >>> _ = plan.write_text('name = "x"\\n[report]\\nissuer = "某局办公室"\\nissue_no = 12\\n', encoding="utf-8")
    >>> s = read_report_settings(plan)
    >>> s.issuer, s.issue_label(1)
    ('某局办公室', '第12期')
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".toml", ".json"):  # the same hardened readers as the plan's (key depth, nesting, duplicate keys)
        from fazhi_tasks.io.documents import parse_json, parse_toml

        text = read_text(path, PlanFileError, MAX_TEXT_BYTES)
        doc: object = parse_toml(text, path, PlanFileError) if suffix == ".toml" else parse_json(
            text, path, PlanFileError)
        return _from_document(path, doc, suffix[1:])
    if suffix == ".xlsx":
        return _from_workbook(path)
    return ReportSettings()

