"""Results of pure per-procedure work, reused while the procedure is the very same object.

The preview server's read cache hands back the same Procedure object for an unchanged file,
so identity is a safe key: an edited file yields a new object and a fresh result.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, Protocol, TypeVar

T = TypeVar("T")


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


K = TypeVar("K", bound=_HasId)


class ByProcedure(Generic[K, T]):
    """`fn(procedure)`, computed once per procedure object; at most one result per id is kept."""

    def __init__(self, fn: Callable[[K], T]) -> None:
        self.fn = fn
        self.found: dict[str, tuple[K, T]] = {}

    def __call__(self, item: K) -> T:
        hit = self.found.get(item.id)
        if hit is not None and hit[0] is item:
            return hit[1]
        value = self.fn(item)
        self.found[item.id] = (item, value)
        return value
