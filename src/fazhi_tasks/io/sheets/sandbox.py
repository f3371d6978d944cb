"""Run the Rust workbook reader in a child process with a memory ceiling and a time limit.

python-calamine can panic (a ``PanicException`` that derives from ``BaseException``) or abort the
whole process (a huge allocation fails: ``memory allocation of 39 GB failed``, SIGABRT) on a
damaged or hostile file, and no Python handler catches an abort. Every workbook it reads is
therefore read in a fresh interpreter (``sandbox_child.py``) whose address space
(``RLIMIT_AS``) and CPU time (``RLIMIT_CPU``) are limited, with a wall-clock timeout on top: the
child either sends back the cells or ends, and whatever ends it becomes one clean error here.

The answer comes back as a pickle of plain values; it is loaded with an unpickler that admits the
:mod:`datetime` classes and nothing else, so even a child subverted by the file cannot make the
parent run code. Cost: starting an interpreter and pickling the cells (measured in
``benchmarks/sandbox.py``).
"""

from __future__ import annotations

import importlib.util
import io
import pickle
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

__all__ = ["MEMORY_LIMIT", "TIME_LIMIT", "ChildFailed", "read_in_child"]

#: Address space the reader may use, in bytes (the interpreter itself takes about 15 MB).
MEMORY_LIMIT = 512 << 20
#: CPU seconds the reader may use (the largest sheet within the limits takes about 2 s: 99,000 rows × 15 columns,
#: 1.9 s of CPU); the wall-clock limit is three times this, for a loaded machine.
TIME_LIMIT = 10

_CHILD = Path(__file__).with_name("sandbox_child.py")
_DATETIME = frozenset({"date", "datetime", "time", "timedelta", "timezone"})


class ChildFailed(Exception):  # noqa: N818 - an outcome the caller turns into its own error
    """The child ended without an answer.

    Attributes:
        why: ``"timeout"`` (the CPU or wall-clock limit), ``"memory"`` (an allocation over the limit),
            ``"signal"`` (killed or aborted), ``"exit"`` (ended with a status and no answer) or ``"start"``
            (no child could be started).
        detail: The last line the child wrote on stderr, if any.
    """


    def __init__(self, why: str, detail: str = "") -> None:
        super().__init__(why, detail)
        self.why, self.detail = why, detail


class _PlainUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if module == "datetime" and name in _DATETIME:
            return super().find_class(module, name)
        message = f"the workbook reader sent {module}.{name}"
        raise pickle.UnpicklingError(message)


def calamine_site() -> str | None:
    """The folder python-calamine is installed in (the child imports it from there), or ``None``."""
    spec = importlib.util.find_spec("python_calamine")
    if spec is None or spec.origin is None:
        return None
    return str(Path(spec.origin).resolve().parent.parent)


def read_in_child(data: bytes, site: str, limits: tuple[int, int, int], *, memory: int = MEMORY_LIMIT,
                  seconds: int = TIME_LIMIT) -> tuple[Any, ...]:
    """The child's answer for ``data`` (see ``sandbox_child.py``); ``limits`` are the most rows, columns, characters.

    Raises:
        ChildFailed: The child was killed, aborted, ran out of time or memory, or sent no answer.
    """
    if not sys.executable:
        raise ChildFailed("start", "sys.executable is empty")
    command = [sys.executable, "-I", "-S", str(_CHILD), site, str(memory), str(seconds), *map(str, limits)]
    try:
        child = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,  # noqa: S603 - our script
                                 stderr=subprocess.PIPE)
    except OSError as exc:  # no interpreter to start (an embedding host without sys.executable), no process left
        raise ChildFailed("start", f"{sys.executable!r}: {exc.strerror or exc}") from None
    with child:
        try:
            out, err = child.communicate(data, timeout=seconds * 3)
        except subprocess.TimeoutExpired:
            child.kill()
            child.communicate()
            raise ChildFailed("timeout") from None
        except BaseException:  # interrupted (a caller's own time limit, Ctrl-C): the child goes too, at once
            child.kill()
            raise
    last = err.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
    if b"memory allocation of" in err or b"MemoryError" in err:
        raise ChildFailed("memory", last[0][:200])
    if child.returncode == -getattr(signal, "SIGXCPU", 0):  # RLIMIT_CPU's soft limit
        raise ChildFailed("timeout")
    if child.returncode < 0:
        raise ChildFailed("signal", last[0][:200])
    try:
        answer: tuple[Any, ...] = _PlainUnpickler(io.BytesIO(out)).load()
    except (pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, IndexError):
        raise ChildFailed("exit", last[0][:200]) from None
    if answer[:2] == ("error", "MemoryError"):
        raise ChildFailed("memory")
    return answer
