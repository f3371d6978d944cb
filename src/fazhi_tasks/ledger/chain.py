"""The ledger's hash chain: each bureau's rows linked one to the next, so a changed, removed or inserted row shows.

Every row carries ``chain_no`` (1, 2, 3 … within its bureau), ``prev_hash`` (the hash of the bureau's
row before it, or 64 zeros for the first) and ``hash``: SHA-256 over the previous hash and the row's
content, its place (``seq``, ``chain_no``), when the server recorded it and who wrote it. The shared
ledger computes it in a trigger the writer cannot bypass; an SQLite file computes it in the same
transaction as the insert. :func:`verify_rows` recomputes the chain here, in Python, from the stored
rows alone — it trusts no function in the database, which the database's owner could replace.

What it detects: any row changed, removed, reordered or inserted by someone who did not recompute
every later hash. Someone who can rewrite the whole table (a superuser, whoever holds the SQLite
file) can recompute the chain too; the head hash of each bureau (:class:`ChainReport`) is the receipt
to keep elsewhere: a rewritten history changes it.

The encoding is fixed: each field as UTF-8, preceded by its length in bytes and ``:``, in the order
of :data:`FIELDS`; a missing percent is the empty string, a date ``YYYY-MM-DD``, ``recorded_at`` the
stored text (SQLite) or UTC ``YYYY-MM-DDTHH:MM:SS.ffffff`` (PostgreSQL).

>>> fields = ("甲局", "1", "1", "T001", "已完成", "100", "2021-03-01", "", "", "2021-03-01T08:00:00.000000", "jia")
>>> row_hash(GENESIS, fields)[:16], row_hash(GENESIS, fields) == row_hash(GENESIS, ("乙局", *fields[1:]))
('d23a833ede2e5ea0', False)
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from fazhi_tasks.ledger.base import ChainRow

__all__ = ["FIELDS", "GENESIS", "ChainBreak", "ChainReport", "canonical_time", "row_hash", "verify_rows"]

#: The hash of the row before a bureau's first.
GENESIS = "0" * 64
#: The fields hashed after the previous hash, in this order.
FIELDS = ("bureau", "chain_no", "seq", "task_id", "status", "percent", "on_date", "note", "reported_by",
          "recorded_at", "recorded_by")


def canonical_time(at: dt.datetime) -> str:
    """A server timestamp as the chain hashes it: UTC, microseconds, no zone suffix.

    >>> canonical_time(dt.datetime(2021, 3, 1, 16, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))))
    '2021-03-01T08:00:00.000000'
    """
    return at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")


def row_hash(prev_hash: str, fields: Sequence[str]) -> str:
    """The hash of one row: SHA-256, in hex, over the previous hash and the fields, each length-prefixed."""
    digest = hashlib.sha256()
    for value in (prev_hash, *fields):
        data = value.encode()
        digest.update(b"%d:" % len(data))
        digest.update(data)
    return digest.hexdigest()


@attrs.frozen
class ChainBreak:
    """The first row where a bureau's chain does not hold.

    Attributes:
        bureau: The bureau ('' in one bureau's own SQLite file).
        seq: The row's ``seq`` (its number in the table), or ``None`` when a row is missing at the end.
        chain_no: Its place in the bureau's chain (expected place when a row is missing).
        reason: ``"hash"`` (the row's content, time or writer was changed), ``"link"`` (its previous
            hash is not the previous row's: a row before it was removed, changed or inserted), or
            ``"gap"`` (a chain number is missing or repeated: rows removed or added).
    """

    bureau: str
    seq: int | None
    chain_no: int
    reason: str


@attrs.frozen
class ChainReport:
    """What :meth:`Ledger.verify` found.

    Attributes:
        rows: Rows checked.
        heads: Each bureau's number of rows and its last hash (the receipt to keep and compare later).
        breaks: The first break of each bureau whose chain does not hold; empty when all hold.
        complete: Whether every row was checked (``False`` when a ``limit`` stopped the walk first).
    """

    rows: int
    heads: dict[str, tuple[int, str]]
    breaks: tuple[ChainBreak, ...] = ()
    complete: bool = True

    @property
    def ok(self) -> bool:
        """Whether every bureau's chain holds."""
        return not self.breaks


def verify_rows(rows: Iterable[ChainRow], limit: int | None = None) -> ChainReport:
    """Walk the chains: ``rows`` ordered by bureau, then chain number, each as the hashed fields as text
    (:data:`FIELDS`) followed by the stored ``prev_hash`` and ``hash``, with ``chain_no`` and ``seq`` as ints.

    Cost: one SHA-256 per row, one pass, memory for one row per bureau. With ``limit``, the walk stops after
    that many rows and the report says it is not complete.
    """
    heads: dict[str, tuple[int, str]] = {}
    breaks: dict[str, ChainBreak] = {}
    count = 0
    bureau_now: str | None = None
    expected_no, prev = 1, GENESIS
    for row in rows:
        if limit is not None and count >= limit:
            return ChainReport(count, heads, tuple(breaks[b] for b in sorted(breaks)), complete=False)
        count += 1
        bureau, chain_no, seq = row[0], row[1], row[2]
        stored_prev, stored_hash = row[11], row[12]
        if bureau != bureau_now:
            bureau_now, expected_no, prev = bureau, 1, GENESIS
        if bureau in breaks:
            heads[bureau] = (heads[bureau][0] + 1, stored_hash)
            continue
        fields = (bureau, str(chain_no), str(seq), *row[3:11])
        if chain_no != expected_no:
            breaks[bureau] = ChainBreak(bureau, seq, expected_no, "gap")
        elif stored_prev != prev:
            breaks[bureau] = ChainBreak(bureau, seq, chain_no, "link")
        elif row_hash(prev, fields) != stored_hash:
            breaks[bureau] = ChainBreak(bureau, seq, chain_no, "hash")
        heads[bureau] = (heads.get(bureau, (0, ""))[0] + 1, stored_hash)
        expected_no, prev = chain_no + 1, stored_hash
    return ChainReport(count, heads, tuple(breaks[b] for b in sorted(breaks)))
