"""The renderer registry: one call turns any :class:`~fazhi_tasks.report.document.Document` into any format.

``render(doc, fmt, lang=..., path=...)``: ``text``, ``markdown``, ``html`` and ``json`` return the text
(and write it to ``path`` when given); ``xlsx`` and ``docx`` write ``path``. Each format lives in its
own module, imported on first use; :func:`format_for` picks the format from an output file's suffix.
Cell values are shown by :func:`cell`, the one place that turns a typed value into text.

>>> from fazhi_tasks.report.document import Column, Document, Phrase, Section
>>> doc = Document("demo", Phrase.literal("示例"), sections=(
...     Section("s", Phrase("overdue"), (Column("id"), Column("rate", "percent")), (("T1", 0.5),)),))
>>> print(render(doc, "markdown", lang="en"))
# 示例
<BLANKLINE>
## Overdue
<BLANKLINE>
| ID   |   Done % |
|------|----------|
| T1   |    50.0% |
<BLANKLINE>
"""

from __future__ import annotations

import datetime as dt
import enum
import importlib
import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fazhi_tasks.core.errors import ArgumentError, lang_of
from fazhi_tasks.core.files import atomic_write
from fazhi_tasks.core.i18n import Lang, join, text, word
from fazhi_tasks.report.document import Column, Phrase

if TYPE_CHECKING:
    from fazhi_tasks.report.document import Document, Section

__all__ = ["BINARY", "FORMATS", "cell", "converter", "format_for", "json_value", "render", "terminal_safe"]

#: Format → the file suffixes it is written to (the first is the usual one).
FORMATS: dict[str, tuple[str, ...]] = {
    "text": (".txt",),
    "markdown": (".md", ".markdown"),
    "html": (".html", ".htm"),
    "xlsx": (".xlsx",),
    "json": (".json",),
    "docx": (".docx",),
}
#: Formats that only exist as files.
BINARY = frozenset({"xlsx", "docx"})
#: Format → (module, function) of its renderer.
_RENDERERS = {
    "text": ("fazhi_tasks.report.renderers.text", "render_text"),
    "markdown": ("fazhi_tasks.report.renderers.text", "render_markdown"),
    "html": ("fazhi_tasks.report.renderers.html", "render_html"),
    "xlsx": ("fazhi_tasks.report.renderers.xlsx", "render_xlsx"),
    "json": ("fazhi_tasks.report.renderers.registry", "render_json"),
    "docx": ("fazhi_tasks.report.renderers.docx", "render_docx"),
}


def format_for(path: str | os.PathLike[str] | None, fmt: str | None) -> str:
    """The format to write: ``fmt`` when given (it must fit ``path``'s suffix), else the suffix's, else text.

    >>> format_for("周报.xlsx", None), format_for(None, None), format_for("a.html", "html")
    ('xlsx', 'text', 'html')
    """
    if fmt is not None and fmt not in FORMATS:
        raise ArgumentError(key="err.option_value", params={"value": fmt, "why": ", ".join(FORMATS)},
                            option="--format", value=fmt)
    if path is None:
        return fmt or "text"
    suffix = Path(path).suffix.lower()
    by_suffix = next((f for f, suffixes in FORMATS.items() if suffix in suffixes), None)
    if fmt is None:
        if by_suffix is None:
            if suffix in ("", ".txt", ".log"):
                return "text"
            suffixes = "、".join(s for group in FORMATS.values() for s in group)
            raise ArgumentError(key="err.unknown_suffix", params={"path": str(path), "suffixes": suffixes},
                                option="-o", value=str(path))
        return by_suffix
    if (by_suffix is not None and by_suffix != fmt) or (by_suffix is None and fmt in BINARY):
        raise ArgumentError(key="err.format_suffix", params={"fmt": fmt, "path": str(path),
                                                             "suffix": FORMATS[fmt][0]},
                            option="--format", value=fmt)
    return fmt


def render(doc: Document, fmt: str = "text", *, lang: Lang = "zh", path: str | os.PathLike[str] | None = None,
           **options: Any) -> str | None:
    """Render ``doc`` as ``fmt`` in ``lang``; write it to ``path`` when given (binary formats need one).

    Args:
        doc: What to show.
        fmt: ``text``, ``markdown``, ``html``, ``xlsx``, ``json`` or ``docx``.
        lang: ``zh`` (default) or ``en``.
        path: The file to write (replaced only when written whole).
        options: Passed to the renderer (``tablefmt`` for text).

    Returns:
        The text for text formats, ``None`` for binary ones.
    """
    lang = check_lang(lang)
    fmt = fmt if hasattr(path, "write") and fmt in FORMATS else format_for(path, fmt)  # a file object: no suffix
    module, name = _RENDERERS[fmt]
    renderer = getattr(importlib.import_module(module, __package__), name)
    if fmt in BINARY:
        if path is None:
            raise ArgumentError(key="err.binary_needs_file", params={"fmt": fmt}, option="--format", value=fmt)
        renderer(doc, path, lang, **options)
        return None
    out: str = renderer(doc, lang, **options)
    if path is not None:
        with atomic_write(path) as handle:
            handle.write(out.encode())
    return out


def check_lang(lang: str) -> Lang:
    """The language ``lang`` names (``zh-CN`` → ``zh``), else an :class:`ArgumentError` naming it."""
    return lang_of(lang)


def cell(value: Any, column: Column, lang: Lang) -> str:
    """A value as shown in a table cell of ``column``'s kind."""
    kind = column.kind
    if value.__class__ is str and kind not in ("flag", "percent"):  # the common case, checked first
        return value
    if value is None:
        return ""
    if kind == "percent":
        return f"{value:.1%}"
    if kind == "flag":
        return text("yes", lang) if value else ""
    if isinstance(value, Phrase):
        return value.show(lang)
    if callable(value):
        return str(value(lang))
    if isinstance(value, enum.Enum):
        return word(value, lang)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return join(value, lang)
    if isinstance(value, int):
        return str(value)
    return str(value)


def converter(column: Column, lang: Lang) -> Callable[[Any], str]:
    """:func:`cell` for one column, with the common cases decided once for the whole column."""
    kind = column.kind
    if kind == "int":
        return lambda v: str(v) if v.__class__ is int else cell(v, column, lang)
    if kind == "date":
        return lambda v: v.isoformat() if v.__class__ is dt.date else cell(v, column, lang)
    if kind == "ids":
        sep = "、" if lang == "zh" else ", "
        return lambda v: sep.join(v) if v.__class__ is tuple else cell(v, column, lang)
    if kind in ("word", "level"):
        return lambda v: "" if v is None else word(v, lang)
    if kind == "flag":
        yes = text("yes", lang)
        return lambda v: yes if v else ""
    if kind in ("text", "long"):
        return lambda v: v if v.__class__ is str else cell(v, column, lang)
    return lambda v: cell(v, column, lang)


#: Kinds whose shown text is made by the package itself (digits, dates, words): nothing to make safe.
SAFE_KINDS = frozenset({"int", "date", "percent", "flag", "word", "level"})


def json_value(value: Any, lang: Lang) -> Any:
    """A value as plain JSON data: dates as ISO text, enums as their value, phrases in ``lang``."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [json_value(v, lang) for v in value]
    if isinstance(value, Phrase):
        return value.show(lang)
    if callable(value):
        return value(lang)
    return str(value)


def records(section: Section, lang: Lang) -> list[dict[str, Any]]:
    """A section's rows as JSON records keyed by column key."""
    keys = [c.key for c in section.columns]
    return [{k: json_value(v, lang) for k, v in zip(keys, row, strict=True)} for row in section.rows]


def json_data(doc: Document, lang: Lang) -> dict[str, Any]:
    """The document's data: an object with ``schema_version`` and ``kind`` (keys never change with the language)."""
    from fazhi_tasks.report.renderers.json import KINDS, envelope

    data = doc.data(lang) if doc.data is not None else {s.key: records(s, lang) for s in doc.sections}
    if isinstance(data, dict) and "schema_version" in data:
        return data
    return envelope(KINDS.get(doc.key, doc.key), data)


def render_json(doc: Document, lang: Lang) -> str:
    """The document's data as indented JSON."""
    return json.dumps(json_data(doc, lang), ensure_ascii=False, indent=2, default=str) + "\n"


# C0 and C1 controls (but tab and newline), DEL, and the bidirectional overrides and isolates that can
# reorder what a terminal shows.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(value: str) -> str:
    r"""``value`` with control characters and bidi overrides shown as visible escapes.

    >>> terminal_safe("T1\x1b[2J\u202eabc")
    'T1\\x1b[2J\\u202eabc'
    """
    if value.isprintable() or _UNSAFE.search(value) is None:
        return value
    return _UNSAFE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), value)
