r"""Files given as bytes: a plan or a progress sheet uploaded to a web host, read without the host saving it.

:func:`local_file` takes what a caller has — a path, ``bytes``, or a binary file object — and the file's name
(its suffix picks the format; the messages name it), and gives the readers a path. Bytes are written to a
private temporary folder under that name, read, and removed, so an error names the clerk's file (``进展.xlsx``,
row, column), never the server's folders. A file object is read in chunks and refused past the size limit
before it is all in memory.

>>> import fazhi_tasks as ft
>>> data = b"id,title,division,stage,deadline\nT1,a,d,1,2021-03-01\n"
>>> with local_file(data, "plan.csv", ft.PlanFileError) as path:
...     path.name
'plan.csv'
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING

from fazhi_tasks.core.errors import ArgumentError, DataFileError, FazhiTasksError, Problem, Said, TooLarge

if TYPE_CHECKING:
    from fazhi_tasks.io.sheets.tabular import ErrorType

__all__ = ["MAX_UPLOAD_BYTES", "Source", "local_file"]

#: A path, the file's bytes, or a binary file object (an upload's stream).
Source = str | os.PathLike[str] | bytes | bytearray | memoryview | IO[bytes]
#: The largest file taken as bytes or a stream (the readers' own limits are checked after).
MAX_UPLOAD_BYTES = 1 << 30
_CHUNK = 1 << 20


def _safe_name(name: str | None, error: ErrorType) -> str:
    """The file's own name, without folders; its suffix says the format."""
    if name is None:
        raise ArgumentError(key="err.source_needs_name", field="name", value=None)
    base = os.path.basename(str(name).replace("\\", "/")).strip()
    if not base or base in (".", "..") or "\x00" in base:
        raise error(Said.of("io.bad_file_name", name=repr(name)), value=name)
    return base


def _bytes_of(source: object, name: str, error: ErrorType) -> bytes:
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
        if len(data) > MAX_UPLOAD_BYTES:
            raise error(TooLarge.of("io.upload_too_big", name=name, count=len(data),
                                    max_upload_bytes=MAX_UPLOAD_BYTES), path=name)
        return data
    read = getattr(source, "read", None)
    if read is None:
        raise ArgumentError(key="err.source_type", params={"type": type(source).__name__}, field="path",
                            value=type(source).__name__)
    chunks, size = [], 0
    while chunk := read(_CHUNK):
        if not isinstance(chunk, bytes | bytearray):
            raise ArgumentError(key="err.source_text_mode", field="path", value=type(chunk).__name__)
        size += len(chunk)
        if size > MAX_UPLOAD_BYTES:
            raise error(TooLarge.of("io.upload_over_limit", name=name, max_upload_bytes=MAX_UPLOAD_BYTES), path=name)
        chunks.append(bytes(chunk))
    return b"".join(chunks)


def _renamed(exc: FazhiTasksError, folder: str, name: str) -> None:
    """The error as if the file had been read where the caller has it: by its name, no temporary folder."""
    prefix = folder.rstrip(os.sep) + os.sep

    def clean(value: object) -> object:
        if isinstance(value, Problem):
            return Problem(Said(value.message.replace(prefix, ""), value.en.replace(prefix, "")), sheet=value.sheet,
                           row=value.row, column=value.column, header=value.header, value=value.value, code=value.code)
        return value.replace(prefix, "") if isinstance(value, str) else value

    if exc.path is not None and str(exc.path).startswith(prefix):
        exc.path = name
    for attr in ("message", "_reason", "_english"):
        if isinstance(getattr(exc, attr, None), str):
            setattr(exc, attr, clean(getattr(exc, attr)))
    exc.args = tuple(clean(a) for a in exc.args)
    if isinstance(exc, DataFileError):
        exc.problems = tuple(p for p in (clean(p) for p in exc.problems) if isinstance(p, Problem))
        exc.problems_en = tuple(p.en for p in exc.problems)


@contextlib.contextmanager
def local_file(source: Source, name: str | None, error: ErrorType) -> Iterator[Path]:
    """A path to read ``source`` from: the path itself, or the bytes written under ``name`` in a private folder.

    Raises:
        ArgumentError: ``source`` is none of a path, bytes or a binary file object, or bytes came with no name.
        ``error``: The bytes are over :data:`MAX_UPLOAD_BYTES`.
    """
    if isinstance(source, str | os.PathLike):
        yield Path(source)
        return
    base = _safe_name(name if name is not None else getattr(source, "name", None), error)
    data = _bytes_of(source, base, error)
    folder = tempfile.mkdtemp(prefix="fazhi-upload-")
    try:
        path = Path(folder) / base
        path.write_bytes(data)
        try:
            yield path
        except FazhiTasksError as exc:
            _renamed(exc, folder, base)
            raise
    finally:
        shutil.rmtree(folder, ignore_errors=True)
