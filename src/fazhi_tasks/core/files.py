"""File helpers every reader and writer shares: writing whole or not at all, name lists, file context.

The lowest room of the house: it imports nothing of the package but its errors, so any module may use it.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from fazhi_tasks.core.errors import DataFileError, FazhiTasksError, Said

__all__ = ["add_file_context", "atomic_write", "split_names", "write_text"]


@contextmanager
def atomic_write(path: str | os.PathLike[str] | IO[bytes]) -> Iterator[Any]:
    """A binary file that replaces ``path`` only when the block completes without error.

    A failed write leaves whatever was at ``path`` untouched and no temporary file behind. Only a regular
    file is ever replaced: a symbolic link (which could lead out of the folder asked for), a device such as
    ``/dev/null``, a FIFO or a socket at ``path`` is refused, never replaced by a file. A binary file
    object (``io.BytesIO``, a web response's stream) is written to as it is.
    """
    if hasattr(path, "write"):
        yield path
        return
    path = Path(path)
    folder = path.parent if str(path.parent) else Path()
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        mode = None
    if mode is not None and stat.S_ISLNK(mode):
        raise DataFileError(Said.of("core.write_symlink", path=str(path)), path=str(path))
    if mode is not None and not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        raise DataFileError(Said.of("core.write_special", path=str(path)), path=str(path))
    if path.is_dir():
        example = Said(*(str(path / name) for name in Said.of("core.report_file")))  # a file name in each language
        raise DataFileError(Said.of("core.write_folder", path=str(path), example=example), path=str(path))
    if not folder.is_dir():
        raise DataFileError(Said.of("core.write_no_folder", path=str(path), folder=str(folder)), path=str(path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise _unwritable(path, exc) from None
    try:
        with os.fdopen(fd, "wb") as out:
            yield out
        with contextlib.suppress(OSError):  # the old file's permissions, or rw-r--r-- (mkstemp makes rw-------)
            os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        try:
            os.replace(tmp, path)
        except OSError as exc:  # named by the path asked for, never the temporary's
            raise _unwritable(path, exc) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _unwritable(path: Path, exc: OSError) -> DataFileError:
    reason = exc.strerror or str(exc)
    if isinstance(exc, PermissionError):
        return DataFileError(Said.of("core.write_denied", path=str(path)), path=str(path))
    return DataFileError(Said.of("core.write_failed", path=str(path), reason=reason), path=str(path))


def write_text(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` as UTF-8 to ``path``, whole or not at all."""
    with atomic_write(path) as out:
        out.write(text.encode())


_NAME_SEPARATORS = re.compile(r"[、，,；;／/\s]+")


def split_names(value: object) -> list[str]:
    """A list of ids or division names written in one cell: split on 、，,；;／/ and spaces.

    >>> split_names("政策法规处、办公室 T1,T2")
    ['政策法规处', '办公室', 'T1', 'T2']
    """
    if value is None:
        return []
    return [p for p in _NAME_SEPARATORS.split(str(value).strip()) if p]


def add_file_context(exc: FazhiTasksError, path: Path, line: int | None, place: str | None = None) -> None:
    """Say which file (and line, or ``place``) a plan-rule error came from, keeping its class and message."""
    exc.locate(path=place or path.name, line=None if place else line)
