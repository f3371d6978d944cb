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
from collections.abc import Callable
from typing import Any, Literal

import attrs

from fazhi_tasks.core.i18n import Lang, Phrase, text

__all__ = ["Card", "Column", "ColumnKind", "Document", "Figure", "Phrase", "Section"]

#: How a column's values are shown:
#: ``text`` short text; ``long`` text that wraps; ``int`` whole numbers (right-aligned, blank for None);
#: ``date`` dates; ``percent`` a share 0–1; ``level`` a 督办等级 (coloured); ``word`` a status or kind
#: (translated); ``ids`` a tuple of ids or names (joined); ``flag`` a bool shown as 是 / blank;
#: ``phrase`` a :class:`Phrase` (or a callable taking the language) giving text in the language asked for.
ColumnKind = Literal["text", "long", "int", "date", "percent", "level", "word", "ids", "flag", "phrase"]


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
        result: The result the document shows (a :class:`~fazhi_tasks.WeeklyReport` …), for a renderer with a
            layout of its own for that kind (the Word 督办通报); other renderers use the sections only.
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
    result: object = attrs.field(default=None, eq=False, repr=False)
    masthead: Phrase | None = None
    signature: tuple[Phrase, ...] = ()
