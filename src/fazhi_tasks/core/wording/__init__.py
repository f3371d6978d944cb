"""The wording of the package's messages, one module per room, merged into the one language table.

Each module defines ``ENTRIES``: key → (zh, en), keys named ``<room>.<topic>`` (``io.*`` the plan and updates
files, ``sheets.*`` the sheet readers and writers, ``model.*`` deadlines and schedules, ``ledger.*``, ``analysis.*``,
``cli.*``, ``web.*``, ``core.*``). :data:`ROOMS` lists them, :data:`LABELS` holds the package's own labels and
report sentences (``labels``); the language table (:mod:`fazhi_tasks.core.i18n`) merges them all, and refuses a
key defined twice when the package is imported, so every sentence has one place. The modules import nothing.

>>> from fazhi_tasks.core.i18n import text
>>> text("core.about", "en", what="'6月底'", why="no year")
"'6月底': no year"
"""

from __future__ import annotations

from collections.abc import Mapping

from fazhi_tasks.core.wording import analysis, cli, core, io, labels, ledger, model, sheets, web

__all__ = ["LABELS", "ROOMS", "merge"]


def merge(*tables: tuple[str, Mapping[str, tuple[str, str]]]) -> dict[str, tuple[str, str]]:
    """The union of named tables; a key in two of them is a :class:`ValueError` naming both.

    >>> merge(("a", {"x.y": ("甲", "a")}), ("b", {"x.y": ("乙", "b")}))
    Traceback (most recent call last):
    ...
    ValueError: wording key 'x.y' is defined in both a and b
    """
    merged: dict[str, tuple[str, str]] = {}
    owner: dict[str, str] = {}
    for name, table in tables:
        for key, entry in table.items():
            if key in merged:
                message = f"wording key {key!r} is defined in both {owner[key]} and {name}"
                raise ValueError(message)
            merged[key], owner[key] = entry, name
    return merged


#: Each room's entries, by room name, in the order they are merged.
ROOMS: tuple[tuple[str, Mapping[str, tuple[str, str]]], ...] = tuple(
    (module.__name__.rsplit(".", 1)[1], module.ENTRIES)
    for module in (core, model, io, sheets, ledger, analysis, cli, web))

#: The package's own labels and sentences (keys without a room prefix: titles, headers, words, notes, ``err.*``,
#: ``cli.*`` …), merged with the rooms' entries into the one table.
LABELS: Mapping[str, tuple[str, str]] = labels.ENTRIES
