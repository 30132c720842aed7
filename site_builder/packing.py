"""Pickling validated models so that equal sets in them are held once where they are unpickled.

The load's workers send each part of the catalogue back pickled (parallel.map_parts), and the
parent keeps what it unpickles for the whole command. A validated model keeps the set of its
fields that were given: at 20,000 procedures those sets were a third of the catalogue's memory,
yet they hold a handful of distinct values. Pickle writes an object once per stream and refers
to it afterwards, so giving it one set for all equal ones makes the unpickled models share it.

Only frozen models' state is rewritten: nothing changes them, so a value shared between them
stays right. The models themselves are untouched; only what goes into the stream is chosen.
"""

from __future__ import annotations

import io
import pickle
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel


class _Sharing(dict[type, Callable[[Any], Any]]):
    """A pickler's dispatch table (by class, as copyreg's): frozen models' state with equal
    sets replaced by one of them. (Sharing equal short strings as well saved nothing measurable
    and doubled the cost of pickling.)"""

    def __init__(self) -> None:
        super().__init__()
        self.sets: dict[frozenset[object], set[object]] = {}

    def __missing__(self, cls: type) -> Callable[[Any], Any]:
        if isinstance(cls, type) and issubclass(cls, BaseModel) and cls.model_config.get("frozen"):
            self[cls] = self._reduce
            return self._reduce
        raise KeyError(cls)

    def _reduce(self, model: BaseModel) -> object:
        reduced = model.__reduce_ex__(pickle.HIGHEST_PROTOCOL)
        if not isinstance(reduced, tuple) or len(reduced) < 3 or not isinstance(reduced[2], dict):
            return reduced
        # The state: the fields' values by name, the set of those given, and pydantic's extras.
        state = {key: self._one(value) for key, value in reduced[2].items()}
        return (*reduced[:2], state, *reduced[3:])

    def _one(self, value: object) -> object:
        return self.sets.setdefault(frozenset(value), value) if type(value) is set else value


def packed_bytes(value: object) -> bytes:
    """`value` pickled, with what is equal in its frozen models written once (see the module)."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _Sharing()
    pickler.dump(value)
    return buffer.getvalue()
