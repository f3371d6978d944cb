"""The evidence store beside an SQLite ledger: each file once, under its SHA-256, written atomically.

``进展.db`` keeps its files in ``进展.db.files/<sha[:2]>/<sha>``. A file is written to a temporary name in
its final folder and renamed into place, so a reader sees the whole file or none; the same bytes attached
twice are stored once. Names are the hash alone: nothing a user typed reaches the file system.
"""

from __future__ import annotations

import contextlib
import os
import re
import uuid
from pathlib import Path

from fazhi_tasks.core.errors import LedgerError, Said
from fazhi_tasks.ledger.base import at

__all__ = ["read_file", "store_file"]

_SHA = re.compile(r"[0-9a-f]{64}")


def _place(folder: Path, sha256: str) -> Path:
    if not _SHA.fullmatch(sha256):
        message = at(str(folder), *Said.of("ledger.not_sha256", sha256=repr(sha256)))
        raise LedgerError(message, code="evidence.unknown", status=404)
    return folder / sha256[:2] / sha256


def store_file(folder: Path, sha256: str, data: bytes, where: str) -> None:
    """Write ``data`` as ``folder/<sha[:2]>/<sha>`` unless a whole copy is there already.

    Raises:
        LedgerError: The file system refused (no room, no rights); nothing is left half-written.
    """
    target = _place(folder, sha256)
    try:
        if target.is_file() and target.stat().st_size == len(data):
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        scratch = target.with_name(f".{sha256}.{uuid.uuid4().hex}.new")
        try:
            with scratch.open("xb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(scratch, target)
        finally:
            with contextlib.suppress(OSError):
                scratch.unlink()
    except OSError as exc:
        message = at(where, *Said.of("ledger.cannot_store_evidence", strerror=exc.strerror))
        raise LedgerError(message) from None


def read_file(folder: Path, sha256: str, where: str) -> bytes | None:
    """The bytes stored under ``sha256``, or ``None`` when there are none."""
    target = _place(folder, sha256)
    try:
        return target.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        message = at(where, *Said.of("ledger.cannot_read_evidence", strerror=exc.strerror))
        raise LedgerError(message) from None
