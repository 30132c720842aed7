"""Results of pure per-procedure work, reused while the procedure is the very same object.

The preview server's read cache hands back the same Procedure object for an unchanged file,
so identity is a safe key: an edited file yields a new object and a fresh result.
"""

from __future__ import annotations

import dataclasses
import operator
from collections.abc import Callable, Mapping
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


class _Page(Protocol):
    @property
    def context(self) -> Mapping[str, object]: ...


P = TypeVar("P", bound=_Page)


def same_page(old: P, new: P) -> bool:
    """Whether two (frozen dataclass) pages are the same input: equal but for their contexts, whose
    lists hold the very same objects (procedures, by identity for the reason above) and whose
    other values are equal and of the same type."""
    if dataclasses.replace(old, context={}) != dataclasses.replace(new, context={}):  # type: ignore[type-var]
        return False
    before, after = old.context, new.context
    return before.keys() == after.keys() and all(_same_value(before[k], v) for k, v in after.items())


def _same_value(old: object, new: object) -> bool:
    if isinstance(old, list) and isinstance(new, list):
        return len(old) == len(new) and all(map(operator.is_, old, new))
    return type(old) is type(new) and old == new
