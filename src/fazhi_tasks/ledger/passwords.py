"""Password hashes for the web front's accounts: argon2id through ``argon2-cffi`` (the extra ``[web]``).

The library is imported on first use, so the rest of the ledger works without it. A login for an unknown
name still verifies against a hash, so answering takes about as long whether or not the name exists.
"""

from __future__ import annotations

import functools
from typing import Any

from fazhi_tasks.core.errors import LedgerError

__all__ = ["MAX_PASSWORD", "MIN_PASSWORD", "hash_password", "verify_nothing", "verify_password"]

#: The shortest password an account takes, in characters.
MIN_PASSWORD = 8
#: The longest, in characters (hashing a megabyte on every login would be a way to tie up the server).
MAX_PASSWORD = 1024


@functools.cache
def _hasher() -> Any:
    try:
        from argon2 import PasswordHasher
    except ImportError:
        raise LedgerError(key="err.needs_argon2", code="ledger.needs_argon2", status=501) from None
    return PasswordHasher()  # argon2id, the library's (RFC 9106) parameters


def hash_password(password: str) -> str:
    """The argon2id hash (``$argon2id$…``) of ``password``, with a fresh salt and RFC 9106's low-memory
    parameters (64 MiB, 3 passes, 4 lanes).

    >>> hash_password("correct horse 123").startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    True
    """
    return str(_hasher().hash(password))


def verify_password(password_hash: str, password: str) -> bool:
    """Whether ``password`` matches ``password_hash``; a damaged hash matches nothing."""
    from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

    hasher = _hasher()
    try:
        return bool(hasher.verify(password_hash, password))
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


@functools.cache
def _dummy_hash() -> str:
    return hash_password("fazhi-tasks: no such account")


def verify_nothing(password: str) -> None:
    """Spend the time one verification takes, for a name that has no account."""
    verify_password(_dummy_hash(), password)
