"""A read-only sequence over a tuple of records, the shape every list-like result shares."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar, overload

__all__ = ["RecordSequence"]

T = TypeVar("T")


class RecordSequence(Sequence[T]):
    """Indexing, ``len`` and iteration over ``self.items``; subclasses are frozen attrs classes with that field."""

    items: tuple[T, ...]

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[T]: ...
    def __getitem__(self, index: int | slice) -> T | Sequence[T]:
        return self.items[index]

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[T]:
        return iter(self.items)
