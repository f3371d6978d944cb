"""The language table: every label, kind name, status word and sentence the package shows, in zh and en.

Data classes hold values, never prose; whatever is shown to people is looked up here, in the language
asked for (Chinese by default). A key is a short English name; a template names its parameters. The entries are
data in :mod:`fazhi_tasks.core.wording` (the package's own labels and sentences in ``labels``, the messages of each
room, ``io.*``, ``sheets.*``, ``ledger.*`` …, beside them), merged in here, each key once;
``Said.of(key, **params)`` gives an entry in both languages.

>>> text("overdue_n", "zh"), text("overdue_n", "en")
('逾期', 'Overdue')
>>> text("due_in", "zh", day=dt.date(2021, 6, 30))
'应于2021年6月30日前完成'
>>> numbered(11, "zh"), numbered(21, "zh"), numbered(3, "en")
('十一、', '二十一、', '3. ')
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Mapping
from typing import Literal

import attrs

from fazhi_tasks.core.wording import LABELS, ROOMS, merge

__all__ = ["LANGS", "Lang", "Phrase", "cn_date", "cn_number", "day", "join", "language", "month_day", "numbered",
           "paren", "text", "word"]

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")
#: The language tags each language answers to (compared without case; ``_`` read as ``-``).
_TAGS: dict[str, Lang] = {"zh": "zh", "zh-cn": "zh", "zh-hans": "zh", "zh-hans-cn": "zh", "zh-sg": "zh",
                          "en": "en", "en-us": "en", "en-gb": "en"}


def language(tag: object) -> Lang | None:
    """The language a tag names (``zh-CN`` → ``zh``, ``EN-us`` → ``en``), or ``None`` when the table has none.

    >>> language("zh-Hans"), language("en_US"), language("fr")
    ('zh', 'en', None)
    """
    if tag in LANGS:
        return tag
    return _TAGS.get(tag.replace("_", "-").lower()) if isinstance(tag, str) else None


#: The whole table: the package's own labels and sentences (:mod:`fazhi_tasks.core.wording.labels`) and every
#: room's messages (:mod:`fazhi_tasks.core.wording`), each key once.
_TABLE: dict[str, tuple[str, str]] = merge(("labels", LABELS), *ROOMS)

_ZH_DIGITS = "零一二三四五六七八九"
#: The enums whose members are words of the table, by class name → key prefix.
_WORD_PREFIX = {"Status": "status", "ShortfallKind": "kind", "FindingKind": "kind", "Level": "level",
                "Decision": "decision", "Role": "role"}


@attrs.frozen
class Phrase:
    """An entry of the language table with its parameters, shown in a language on demand.

    >>> Phrase("week", {"week": 25, "start": "a", "end": "b"}).show("zh")
    '第25周（a 至 b）'
    """

    key: str
    params: Mapping[str, object] = attrs.field(factory=dict)

    @classmethod
    def literal(cls, value: str) -> Phrase:
        """Text shown as it is in every language (a plan's name, a division)."""
        return cls("", {"text": value})

    def show(self, lang: Lang) -> str:
        """The text in ``lang``."""
        if not self.key:
            return str(self.params["text"])
        return text(self.key, lang, **self.params)


#: ``{count|task|tasks}`` in an English template: the singular when ``count`` is 1, else the plural.
_PLURAL = re.compile(r"\{(\w+)\|([^|{}]*)\|([^|{}]*)\}")


def text(key: str, lang: Lang = "zh", **params: object) -> str:
    """The entry ``key`` in ``lang``, its ``{names}`` filled from ``params`` (dates shown in that language).

    >>> text("findings_title", "en", tasks=1, count=1), text("findings_title", "en", tasks=2, count=0)
    ('1 task, 1 finding', '2 tasks, 0 findings')
    """
    zh, en = _TABLE[key]
    template = zh if lang == "zh" else en
    if not params:
        return template
    if "|" in template:
        template = _PLURAL.sub(lambda m: m.group(2) if params.get(m.group(1)) == 1 else m.group(3), template)
    return template.format(**{k: _show(v, lang) for k, v in params.items()})


def _show(value: object, lang: Lang) -> object:
    """A parameter as shown: dates as people write them, callables (a nested phrase) asked in ``lang``."""
    if isinstance(value, dt.date):
        return day(value, lang)
    if callable(value):
        return value(lang)
    return value


@functools.lru_cache(maxsize=256)
def word(value: object, lang: Lang = "zh") -> str:
    """A status, shortfall kind, finding kind or level in ``lang`` (its ``str`` when it is none of them)."""
    prefix = _WORD_PREFIX.get(type(value).__name__)
    if prefix is None:
        return str(value)
    return text(f"{prefix}.{value}", lang)


def day(value: dt.date, lang: Lang = "zh") -> str:
    """A date as people write it: ``2021年6月30日`` in Chinese, ISO in English."""
    return cn_date(value) if lang == "zh" else value.isoformat()


def cn_date(value: dt.date) -> str:
    """``2021年6月30日``.

    >>> cn_date(dt.date(2021, 6, 5))
    '2021年6月5日'
    """
    return f"{value.year}年{value.month}月{value.day}日"


def join(items: Iterable[object], lang: Lang = "zh", sep: str = "sep.list") -> str:
    """A list of ids or names: ``、`` between them in Chinese, ``, `` in English (``sep``: another separator).

    >>> join(["T1", "T2"], "zh"), join(["a", "b"], "en", "sep.clause")
    ('T1、T2', 'a; b')
    """
    return text(sep, lang).join(str(i) for i in items)


def paren(inner: object, lang: Lang = "zh") -> str:
    """A remark in brackets after what it is about: ``（已完成）`` in Chinese, `` (done)`` in English."""
    return text("paren", lang, inner=inner)


def month_day(value: dt.date, lang: Lang = "zh") -> str:
    """A date inside a sentence of the year's report: ``6月25日`` in Chinese, ISO in English."""
    return f"{value.month}月{value.day}日" if lang == "zh" else value.isoformat()


def cn_number(n: int) -> str:
    """A whole number 0–9999 in Chinese numerals, as section numbers are written.

    >>> [cn_number(n) for n in (1, 10, 11, 20, 99, 100, 105, 1010)]
    ['一', '十', '十一', '二十', '九十九', '一百', '一百零五', '一千零一十']
    """
    if n < 10:
        return _ZH_DIGITS[n]
    if n < 20:
        return "十" + (_ZH_DIGITS[n % 10] if n % 10 else "")
    units = ((1000, "千"), (100, "百"), (10, "十"))
    out, zero = [], False
    for size, name in units:
        digit, n = divmod(n, size)
        if digit:
            if zero:
                out.append("零")
            out.append(_ZH_DIGITS[digit] + name)
            zero = False
        elif out:
            zero = True
    if n:
        if zero or (out and not out[-1].endswith("十")):
            out.append("零")
        out.append(_ZH_DIGITS[n])
    return "".join(out)


def numbered(n: int, lang: Lang = "zh") -> str:
    """The prefix of the ``n``-th section title: ``一、`` … ``十一、`` in Chinese, ``1. `` in English."""
    return f"{cn_number(n)}、" if lang == "zh" else f"{n}. "


def table_keys() -> Mapping[str, tuple[str, str]]:
    """The whole table (for tests that check every entry has both languages)."""
    return _TABLE
