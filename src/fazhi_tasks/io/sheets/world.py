"""The closed-world reader's rules: every row, column and cell of a plan sheet is read, skipped by name, or refused.

What a cell's format says (a date shown as a month or a year; struck-through text), what kind of
row a row that is no task is (heading, footer, cancelled), what a division cell says in words
(牵头/配合 marks, a person in brackets, invisible characters), and which unmapped columns hold
something the plan needs (dates, statuses, percents) and must be mapped, not dropped.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
import zipfile
from collections.abc import Sequence
from typing import Any

from fazhi_tasks.core.errors import Said

__all__ = [
    "ROW_KINDS",
    "abbreviation_of",
    "cell_marks",
    "division_phrase",
    "division_sheet_name",
    "footer_kind",
    "is_heading",
    "looks_like",
    "month_end",
    "normalise_name",
]

#: The kinds of skipped rows, as the read summary names them.
ROW_KINDS = {"heading": Said.of("sheets.skipped_headings"), "footer": Said.of("sheets.skipped_footers"),
             "cancelled": Said.of("sheets.skipped_cancelled")}

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_QUOTED = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.|_.|\*.')
#: Built-in number formats showing a month without a day: 17 mmm-yy, 57 yyyy"年"m"月" (Chinese Excel).
_BUILTIN_MONTH = {"17": "month", "57": "month"}
_CELL = re.compile(rb'<c\b[^>]*?\br="([A-Z]{1,3})(\d{1,7})"[^>]*?\bs="(\d{1,6})"|<c\b[^>]*?\bs="(\d{1,6})"[^>]*?'
                   rb'\br="([A-Z]{1,3})(\d{1,7})"')


_HIDDEN_ROW = re.compile(rb'<row\b[^>]*?\br="(\d{1,7})"[^>]*?\bhidden="(?:1|true)"|<row\b[^>]*?\bhidden="(?:1|true)"'
                         rb'[^>]*?\br="(\d{1,7})"')


def format_kind(code: str) -> str:
    """``"month"`` or ``"year"`` for a date format that shows no day, else ``""``.

    >>> format_kind('yyyy"年"m"月"'), format_kind("yyyy"), format_kind("yyyy-mm-dd"), format_kind("[DBNum1]yyyy年m月")
    ('month', 'year', '', 'month')
    """
    bare = _QUOTED.sub("", code).lower().split(";")[0]
    bare = re.sub(r"[年月]", "", bare)
    if any(ch in bare for ch in "dhs0#@?aaa") or "e+" in bare:
        return ""
    if "m" in bare:
        return "month"
    return "year" if "y" in bare else ""


def _column(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n - 1


def cell_marks(data: bytes) -> dict[str, dict[tuple[int, int], str]]:
    """Sheet name → (row, 0-based column) → ``"month"``, ``"year"`` or ``"struck"`` for an ``.xlsx``'s cells;
    (row, -1) → ``"hidden"`` for hidden rows and (0, -1) → ``"filter"`` for a sheet with an AutoFilter.

    Only the styles that matter are looked for; a workbook with none costs one parse of ``styles.xml``.
    The workbook was checked against the size limits before (``read_workbook``); a part that cannot be
    parsed here gives no marks.
    """
    from defusedxml.ElementTree import fromstring

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "xl/styles.xml" not in names:
                return {}
            styles = fromstring(archive.read("xl/styles.xml"), forbid_dtd=True)
            custom = {f.get("numFmtId", ""): format_kind(f.get("formatCode", ""))
                      for f in styles.iter(f"{_NS}numFmt")}
            fonts = styles.find(f"{_NS}fonts")
            struck_fonts = {i for i, font in enumerate(fonts if fonts is not None else ())
                            if (s := font.find(f"{_NS}strike")) is not None and s.get("val", "1") not in ("0", "false")}
            xfs = styles.find(f"{_NS}cellXfs")
            kinds: dict[bytes, str] = {}
            for index, xf in enumerate(xfs if xfs is not None else ()):
                fid = xf.get("numFmtId", "0") or "0"
                kind = custom.get(fid) or _BUILTIN_MONTH.get(fid, "")
                if not kind and int(xf.get("fontId", "0") or 0) in struck_fonts:
                    kind = "struck"
                if kind:
                    kinds[str(index).encode()] = kind
            book = fromstring(archive.read("xl/workbook.xml"), forbid_dtd=True)
            rels = fromstring(archive.read("xl/_rels/workbook.xml.rels"), forbid_dtd=True)
            targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{_PKG_REL}Relationship")}
            out: dict[str, dict[tuple[int, int], str]] = {}
            for sheet in book.iter(f"{_NS}sheet"):
                target = targets.get(sheet.get(f"{_REL}id"), "")
                part = target.lstrip("/") if target.startswith("/") else "xl/" + target
                if part not in names:
                    continue
                xml = archive.read(part)
                marks: dict[tuple[int, int], str] = {}
                for m in _CELL.finditer(xml) if kinds else ():
                    letters, row, style = (m[1], m[2], m[3]) if m[1] else (m[5], m[6], m[4])
                    found = kinds.get(style)
                    if found:
                        marks[int(row), _column(letters)] = found
                if b' hidden="' in xml:
                    for m in _HIDDEN_ROW.finditer(xml):
                        marks[int(m[1] or m[2]), -1] = "hidden"
                if b"<autoFilter" in xml:
                    marks[0, -1] = "filter"
                if marks:
                    out[sheet.get("name") or "?"] = marks
            return out
    except (zipfile.BadZipFile, KeyError, SyntaxError, ValueError, OSError, NotImplementedError, RuntimeError):
        return {}


def month_end(day: dt.date, kind: str) -> dt.date:
    """The last day of the month (or year) a month-only (or year-only) date cell names.

    >>> month_end(dt.date(2021, 6, 1), "month"), month_end(dt.date(2020, 2, 1), "month")
    (datetime.date(2021, 6, 30), datetime.date(2020, 2, 29))
    >>> month_end(dt.date(2021, 1, 1), "year")
    datetime.date(2021, 12, 31)
    """
    if kind == "year":
        return dt.date(day.year, 12, 31)
    following = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


# -- rows -------------------------------------------------------------------------------------------------

_NUMERALS = "一二三四五六七八九十百"
_HEADING = re.compile(rf"^\s*(?:[（(][{_NUMERALS}]+[)）]|[{_NUMERALS}]+[、.．]|第[{_NUMERALS}]+"
                      r"(?:部分|章|节|项))")
_FOOTER_START = ("合计", "小计", "总计", "注：", "注:", "注1", "说明：", "说明:", "备注：", "备注:")
_FOOTER_WORDS = ("填表人", "审核人", "填报日期", "制表人", "填报人", "审核：", "负责人签字", "联系电话", "填报单位")


def is_heading(text: object) -> bool:
    """Whether a lone text reads as a sub-heading: （一）…, 一、…, 第一部分….

    >>> is_heading("（一）加强组织领导"), is_heading("制定实施方案")
    (True, False)
    """
    return isinstance(text, str) and len(text) <= 80 and _HEADING.match(text) is not None


def footer_kind(cells: Sequence[Any]) -> bool:
    """Whether a row is a footer: 合计/小计, 注：…, or 填表人/审核人/填报日期 lines.

    >>> footer_kind(["填表人：张三", None, "审核人：李四"]), footer_kind(["T1", "合计划"])
    (True, False)
    """
    texts = [c.strip() for c in cells if isinstance(c, str) and c.strip()]
    if not texts:
        return False
    first = unicodedata.normalize("NFKC", texts[0])
    if first.startswith(tuple(unicodedata.normalize("NFKC", w) for w in _FOOTER_START)):
        return first.startswith(("合计", "小计", "总计")) is False or len(first) <= 4 or first[2:3] in ("：", ":", " ")
    return any(w in t for t in texts for w in _FOOTER_WORDS)


#: Status and note words that say a task was cancelled.
CANCELLED_STATUS = frozenset({"已取消", "取消", "已撤销", "撤销", "已作废", "作废"})
_CANCELLED_NOTE = re.compile(r"^(?:该项?|此项?|本项?)?(?:任务|工作|事项)?(?:已经?|予以|现)?(?:取消|撤销|作废)[。.]?$")


def cancelled_note(text: str | None) -> bool | None:
    """``True`` when a note says the task was cancelled, ``None`` when it mentions 已取消 in passing (ask), else
    ``False``.

    >>> cancelled_note("该项任务已取消"), cancelled_note("已取消3项审批事项"), cancelled_note("按期推进")
    (True, None, False)
    """
    if not text:
        return False
    bare = re.sub(r"\s+", "", text)
    if _CANCELLED_NOTE.match(bare):
        return True
    return None if "已取消" in bare or "任务取消" in bare else False


# -- divisions --------------------------------------------------------------------------------------------

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_UNIT_END = ("处", "科", "室", "队", "中心", "办", "局", "所", "站", "组", "委", "会", "部", "院", "股", "支队",
             "大队", "中队", "办公室")
_SEPARATORS = re.compile(r"[、，,；;／/\n\r\t]+")
_LEAD = re.compile(r"[（(]\s*牵头\s*[)）]|牵头$")
_SUPPORT = re.compile(r"[（(]\s*(?:配合|协助|协同|参与)\s*[)）]|(?:配合|协助|协同|参与)$")
_PERSON = re.compile(r"[（(]\s*(?P<who>[\u4e00-\u9fff·]{2,4})\s*[)）]$")


def normalise_name(text: str) -> str:
    """A division name without invisible characters, NBSP or spaces inside it.

    >>> normalise_name("政策\\u00a0法规科\\u200b"), normalise_name(" 政策 法规科 ")
    ('政策法规科', '政策法规科')
    """
    return "".join(text.translate(_INVISIBLE).split())


def _names_with_spaces(text: str) -> list[str]:
    """Space-separated words joined back when a word is no whole name (政策 法规科 → 政策法规科)."""
    parts: list[str] = []
    pending = ""
    for word in text.split():
        pending += word
        if pending.endswith(_UNIT_END) or _LEAD.search(pending) or _SUPPORT.search(pending) or _PERSON.search(pending):
            parts.append(pending)
            pending = ""
    if pending:
        if parts and not re.search(r"[\u4e00-\u9fff]", pending[:1]):
            parts.append(pending)
        elif parts:
            parts[-1] += pending
        else:
            parts.append(pending)
    return parts


def division_phrase(value: object) -> tuple[list[str], list[str], str | None, bool]:
    """A division cell in words: (leads, supporting, owner, whether it was marked with 牵头/配合 or a person).

    The division marked 牵头 (or else the first named) leads when any part is marked; parts marked 配合
    (and, when one part is marked 牵头, the unmarked rest) support. A person in brackets is the owner.

    >>> division_phrase("执法大队（牵头）、政策法规科")
    (['执法大队'], ['政策法规科'], None, True)
    >>> division_phrase("政策法规科牵头，各科室配合")
    (['政策法规科'], ['各科室'], None, True)
    >>> division_phrase("政策法规科（张三）")
    (['政策法规科'], [], '张三', True)
    >>> division_phrase("政策法规处、办公室")
    (['政策法规处', '办公室'], [], None, False)
    """
    if value is None:
        return [], [], None, False
    text = str(value).translate(_INVISIBLE).replace("\u00a0", " ").replace("\u3000", " ").strip()
    pieces = [p for chunk in _SEPARATORS.split(text) for p in _names_with_spaces(chunk)]
    leads: list[str] = []
    supporting: list[str] = []
    plain: list[str] = []
    owner = None
    marked = False
    for piece in pieces:
        if m := _PERSON.search(piece):
            name = piece[:m.start()]
            if name.endswith(_UNIT_END) and not m["who"].endswith(_UNIT_END) and m["who"] not in ("牵头", "配合"):
                owner, marked = m["who"], True
                piece = name  # noqa: PLW2901 - the person taken off, the division stays
        if _LEAD.search(piece):
            leads.append(_LEAD.sub("", piece).strip())
            marked = True
        elif _SUPPORT.search(piece):
            supporting.append(_SUPPORT.sub("", piece).strip())
            marked = True
        else:
            plain.append(piece)
    plain = [normalise_name(p) for p in plain if p.strip()]
    leads = [normalise_name(p) for p in leads if p.strip()]
    supporting = [normalise_name(p) for p in supporting if p.strip()]
    if leads:
        return leads, plain + supporting if supporting or plain else [], owner, True
    if supporting and plain:
        return plain[:1], plain[1:] + supporting, owner, True
    return plain or supporting, [], owner, marked


def abbreviation_of(short: str, long: str) -> bool:
    """Whether ``short`` reads as an abbreviation of ``long``: its characters in order, the same last character.

    >>> abbreviation_of("法规科", "政策法规科"), abbreviation_of("防汛办", "防汛抗旱办公室")
    (True, True)
    >>> abbreviation_of("办公室", "政策法规处")
    False
    """
    if len(short) >= len(long) or len(short) < 2 or (short[0] != long[0] and short[-2:] != long[-2:]):
        return False
    unit_short = next((u for u in sorted(_UNIT_END, key=len, reverse=True) if short.endswith(u)), None)
    if unit_short is None or unit_short[-1] not in long[-3:]:
        return False
    position = 0
    for ch in short:
        position = long.find(ch, position)
        if position < 0:
            return False
        position += 1
    return True


# -- columns ----------------------------------------------------------------------------------------------

_DATE_TEXT = re.compile(r"^\s*(?:\d{4}\s*[-/.年]\s*\d{1,2}(?:\s*[-/.月]\s*\d{1,2}\s*[日号]?)?"
                        r"|\d{1,2}月(?:\d{1,2}[日号])?"
                        r"|\d{4}年(?:底|末)?|[一二三四]季度)(?:底|末)?前?\s*$")
_PERCENT_TEXT = re.compile(r"^\s*\d{1,3}(?:\.\d+)?\s*[%％]\s*$")


def _deadline_text(text: str) -> bool:
    """Whether a text reads as a deadline (with or without its year), 长期坚持 aside."""
    from fazhi_tasks.io.sheets.cells import CellError, as_deadline

    if len(text) > 30 or not any(ch.isdigit() or ch in "一二三四季年月" for ch in text):
        return False
    try:
        return as_deadline(text) is not None
    except CellError as exc:
        return "没有写年份" in str(exc)


def _division_names(text: str) -> bool:
    """Whether a text is one or more division names (each ending 处, 科, 室, 队, 中心 …)."""
    leads, supporting, _, _ = division_phrase(text)
    return bool(leads or supporting) and all(n.endswith(_UNIT_END) for n in (*leads, *supporting))


def looks_like(values: Sequence[object]) -> str | None:
    """What an unmapped column's cells look like when at least half of them are one thing: ``"date"``, ``"status"``,
    ``"percent"``, ``"division"``; ``None`` when they are texts of no such kind.

    >>> looks_like([dt.date(2021, 6, 30), "2021年9月底前", None]), looks_like(["已完成", "推进中"]), looks_like(["好"])
    ('date', 'status', None)
    >>> looks_like(["执法大队、政策法规科", "办公室"]), looks_like(["张三", "李四"])
    ('division', None)
    """
    from fazhi_tasks.model.values import Status

    present = [v for v in values if v is not None and not (isinstance(v, str) and not v.strip())]
    if not present:
        return None
    counts = {"date": 0, "status": 0, "percent": 0, "division": 0}
    for v in present:
        if isinstance(v, dt.date):
            counts["date"] += 1
        elif isinstance(v, str):
            if _DATE_TEXT.match(v) or _deadline_text(v):
                counts["date"] += 1
            elif _PERCENT_TEXT.match(v):
                counts["percent"] += 1
            elif len(v) <= 40 and _division_names(v):
                counts["division"] += 1
            else:
                try:
                    Status.parse(v.strip())
                    counts["status"] += 1
                except ValueError:
                    if v.strip() in CANCELLED_STATUS:
                        counts["status"] += 1
    kind, count = max(counts.items(), key=lambda kv: kv[1])
    return kind if count and count * 2 >= len(present) else None


#: A sheet named after one division (政策法规处, 办公室, 执法大队, 应急指挥中心): a unit word at the end, no separator.
_DIVISION_SHEET = re.compile(r"[\u4e00-\u9fff]{1,12}(?:处|科|室|股|大队|支队|中队|中心)")
#: Sheet names that end like a division but name none (or every one).
_NOT_ONE_DIVISION = frozenset({"处室", "科室", "股室", "处科室", "各处室", "各科室", "局各处室", "局各科室", "相关处室",
                               "各相关处室", "全局各处室", "各股室", "中心", "办公室汇总"})


def division_sheet_name(name: str | None) -> str | None:
    """The division a sheet is named after, or ``None`` when its name is no single division's.

    >>> division_sheet_name("政策法规处"), division_sheet_name(" 执法大队 "), division_sheet_name("处室")
    ('政策法规处', '执法大队', None)
    >>> division_sheet_name("政策法规处、办公室"), division_sheet_name("第一阶段"), division_sheet_name("Sheet1")
    (None, None, None)
    """
    if not name:
        return None
    bare = normalise_name(name)
    if bare in _NOT_ONE_DIVISION or bare.startswith(("各", "全局", "局各", "相关")):
        return None
    return bare if _DIVISION_SHEET.fullmatch(bare) else None

