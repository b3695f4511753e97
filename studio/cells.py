"""Cells: a fixed-length list whose copies share storage (copy-on-write), so the show can copy
its state at every action without an O(n) cost, and tell cheaply where two states differ."""

from __future__ import annotations

import itertools
import math
import operator
from collections.abc import Iterable, Iterator, Sequence
from typing import Generic, TypeVar, overload

T = TypeVar("T")


class Cells(Sequence[T], Generic[T]):
    """A list of fixed length whose copy costs O(√n), not O(n): copies share chunks of about
    √n values, and a chunk is copied on its first write after a copy (copy-on-write).

    `reduce` copies the state for every action; with plain lists, a journal of n actions over
    n segments cost O(n²) (six lists of 30,000 copied 30,000 times). Shared chunks also let the
    show tell cheaply where two states differ (`last_difference`).
    """

    __slots__ = ("_chunks", "_len", "_mask", "_own", "_shift")

    def __init__(self, values: Iterable[T] = ()) -> None:
        data = list(values)
        self._len = n = len(data)
        self._shift = max(6, math.isqrt(n).bit_length())  # chunks of 64 values or ~√n..2√n
        self._mask = (1 << self._shift) - 1
        size = self._mask + 1
        self._chunks = [data[i : i + size] for i in range(0, n, size)]
        self._own = set(range(len(self._chunks)))  # chunks only this one holds: written in place

    def __len__(self) -> int:
        return self._len

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> list[T]: ...
    def __getitem__(self, index: int | slice) -> T | list[T]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._len))]
        if index < 0:
            index += self._len
        if not 0 <= index < self._len:
            raise IndexError("Cells index out of range")
        return self._chunks[index >> self._shift][index & self._mask]

    def __setitem__(self, index: int, value: T) -> None:
        if index < 0:
            index += self._len
        if not 0 <= index < self._len:
            raise IndexError("Cells assignment index out of range")
        c = index >> self._shift
        chunk = self._chunks[c]
        if c not in self._own:
            chunk = self._chunks[c] = chunk.copy()
            self._own.add(c)
        chunk[index & self._mask] = value

    def __iter__(self) -> Iterator[T]:
        return itertools.chain.from_iterable(self._chunks)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Cells):
            return self._len == other._len and list(self) == list(other)
        if isinstance(other, list):
            return list(self) == other
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable, like a list

    def __repr__(self) -> str:
        return f"Cells({list(self)!r})"

    def copy(self) -> Cells[T]:
        new: Cells[T] = Cells.__new__(Cells)
        new._chunks = self._chunks.copy()
        new._len, new._shift, new._mask = self._len, self._shift, self._mask
        new._own = set()
        if self._own:
            self._own = set()  # every chunk is shared now: the next write copies it
        return new

    def last_difference(self, other: Cells[T]) -> int:
        """The highest index at which this holds another value than `other` (of the same
        length), -1 if none. Chunks this shares with `other` (it is a copy of it, or they are
        copies of one list) are equal without a look, so states a few actions apart compare in
        O(√n) at most; a NaN counts as a difference."""
        if self._len != other._len:
            raise ValueError("Cells of different lengths")
        mine, theirs = self._chunks, other._chunks
        if mine == theirs:  # at C speed: shared chunks are equal by identity
            return -1
        shared = list(map(operator.is_, reversed(mine), reversed(theirs)))  # from the top
        at = 0
        while True:
            at = shared.index(False, at)  # the next chunk not shared, from the top
            c = len(mine) - 1 - at
            if mine[c] != theirs[c]:
                equal = list(map(operator.eq, mine[c], theirs[c]))
                return (c << self._shift) + len(equal) - 1 - equal[::-1].index(False)
            at += 1
