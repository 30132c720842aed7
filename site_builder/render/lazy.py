"""A value made when a template first reads it: the preview writes the page first and leaves the
pages showing it for after (partial.py), so it is then made after the page, not before."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Lazy(Generic[T]):
    """Stands for `make()` in a template's context: every attribute read is the value's."""

    def __init__(self, make: Callable[[], T]) -> None:
        self.make = make

    @functools.cached_property
    def value(self) -> T:
        return self.make()

    def __getattr__(self, name: str) -> object:
        # Only what the instance lacks comes here; never its own names (a copy without them).
        if name in ("make", "value") or name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.value, name)

    def __repr__(self) -> str:  # a page's key (direct_pages.page_key) is made from it
        return repr(self.value)
