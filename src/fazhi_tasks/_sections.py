"""What is shown, laid out once: documents of keyed, typed sections that every renderer formats.

A :class:`Document` is a title, a lead sentence, notes and :class:`Section` tables. Nothing in it is
prose in a fixed language: titles and sentences are :class:`Phrase` keys of the language table
(``_i18n``) with their parameters, and table cells are values (numbers, dates, enums, id tuples) whose
:class:`Column` says how to show them. Renderers (``_render*.py``) turn a document into text, Markdown,
HTML, Excel, JSON or Word in the language asked for; none recomputes anything.

>>> doc = Document("demo", Phrase.literal("示例"), sections=(
...     Section("s", Phrase("overdue"), (Column("id"), Column("days", "int")), (("T1", 3),)),))
>>> doc.sections[0].columns[1].kind
'int'
>>> doc.sections[0].title.show("en")
'Overdue'
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Literal

import attrs

from ._i18n import Lang, text

if TYPE_CHECKING:
    from ._calendar import CalendarFallback
    from ._weekly import WeeklyReport

__all__ = [
    "Card", "Column", "ColumnKind", "Document", "Figure", "Phrase", "Section", "calendar_note", "headline", "month_day",
    "percent",
]

#: How a column's values are shown:
#: ``text`` short text; ``long`` text that wraps; ``int`` whole numbers (right-aligned, blank for None);
#: ``date`` dates; ``percent`` a share 0–1; ``level`` a 督办等级 (coloured); ``word`` a status or kind
#: (translated); ``ids`` a tuple of ids or names (joined); ``flag`` a bool shown as 是 / blank;
#: ``phrase`` a :class:`Phrase` (or a callable taking the language) giving text in the language asked for.
ColumnKind = Literal["text", "long", "int", "date", "percent", "level", "word", "ids", "flag", "phrase"]


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


@attrs.frozen
class Column:
    """A table column: its key (a language-table label, and the JSON key) and how its values are shown."""

    key: str
    kind: ColumnKind = "text"

    def label(self, lang: Lang) -> str:
        """The header in ``lang``."""
        return text(self.key, lang)


@attrs.frozen
class Section:
    """One titled table.

    Attributes:
        key: A stable name (the JSON key, the HTML id, the sheet's identity).
        title: The title (numbered by the renderer when the document numbers its sections).
        columns: The columns.
        rows: The rows, one value per column.
        note: A sentence shown under the table, if any.
    """

    key: str
    title: Phrase
    columns: tuple[Column, ...]
    rows: tuple[tuple[Any, ...], ...]
    note: Phrase | None = None

    def records(self) -> list[dict[str, Any]]:
        """The rows as dicts keyed by column key (values as they are)."""
        keys = [c.key for c in self.columns]
        return [dict(zip(keys, row, strict=True)) for row in self.rows]


@attrs.frozen
class Card:
    """A headline figure shown as a card in HTML (and a line in other formats)."""

    label: str
    value: object
    alert: bool = False
    kind: ColumnKind = "int"


@attrs.frozen
class Figure:
    """A picture for HTML (and Word where it fits): a title and a function drawing SVG in a language."""

    title: Phrase
    svg: Callable[[Lang], str]
    wide: bool = False  # takes the page's whole width


@attrs.frozen
class Document:
    """Everything one command shows.

    Attributes:
        key: What it is: ``weekly``, ``check``, ``order``, ``shortfalls``, ``rectify``, ...
        title: The title line.
        subtitle: A second title line (the week, the date), if any.
        lead: The lead sentence (a 督办通报's headline), if any.
        notes: Sentences shown before the tables.
        cards: Headline figures.
        figures: Charts.
        sections: The tables.
        numbered: Whether section titles are numbered (一、二、… / 1. 2. …).
        data: The JSON form, built in a language (keys never change with it); default: the sections' records.
        date: The date the document speaks for (its 成文日期 in Word), if any.
        word: A Word layout of its own (the weekly 督办通报): writes the .docx to a path in a language;
            without one, Word output is the title and the sections as GB/T 9704-styled tables.
        masthead: The issuing line above the title (通报名称, 期号, 发文单位), when the settings give one.
        signature: The 落款 under the tables: issuer, date, contact.
    """

    key: str
    title: Phrase
    subtitle: Phrase | None = None
    lead: Phrase | None = None
    notes: tuple[Phrase, ...] = ()
    cards: tuple[Card, ...] = ()
    figures: tuple[Figure, ...] = ()
    sections: tuple[Section, ...] = ()
    numbered: bool = False
    data: Callable[[Lang], Any] | None = None
    date: dt.date | None = None
    word: Callable[[str | os.PathLike[str], Lang], None] | None = None
    masthead: Phrase | None = None
    signature: tuple[Phrase, ...] = ()


def calendar_note(fallback: CalendarFallback) -> Phrase:
    """The report's note that dates past the official holiday data were counted Monday to Friday.

    >>> from ._calendar import CalendarFallback
    >>> calendar_note(CalendarFallback(dt.date(2027, 1, 1), dt.date(2004, 1, 1), dt.date(2026, 12, 31))).show("zh")
    '2027年及以后的日期按周一至周五推算（国务院2027年节假日安排尚未载入，可用 --calendar 提供）'
    """
    return Phrase("note.weekdays" if fallback.after else "note.weekdays_before", {"year": fallback.year})


def month_day(day: dt.date) -> Any:
    """A date as a 通报 writes it inside a sentence: ``6月25日`` (ISO in English)."""
    return lambda lang: f"{day.month}月{day.day}日" if lang == "zh" else day.isoformat()


def percent(rate: float) -> str:
    return f"{rate:.1%}"


def headline(report: WeeklyReport) -> Phrase:
    """The one-sentence summary in the style of a 督办通报."""
    s = report.summary
    return Phrase("headline", {
        "total": s.total, "day": month_day(report.week_ending), "done": s.done, "rate": percent(s.rate),
        "in_progress": s.in_progress, "not_started": s.not_started, "suspended": s.suspended, "overdue": s.overdue,
        "new": len(report.overdue_new), "blocked": s.blocked, "completed": len(report.completed),
        "resolved": len(report.resolved), "due": len(report.due_next_week)})
