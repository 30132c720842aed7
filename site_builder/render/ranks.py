"""Dictionary order of the procedures' names: a full plan ranks every name once (`Ranks`); the
preview sorts a list again only when it holds other procedures than last time (`Sorts`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from ..model import Procedure
from .formatting import sort_key


class Sorts:
    """Lists sorted by name in the last plan and in this one, by the procedures they hold, in order.

    The read cache hands back the same (frozen) procedure object while its file is unchanged; the
    same objects in the same order sort the same way in every plan, whatever the other procedures
    are named. At 20,000 procedures, sorting each field's, agency's, level's and audience's list
    again was a tenth of a rebuild. `order` is each name's sort key (the preview keeps them)."""

    def __init__(self) -> None:
        self.last: dict[tuple[int, ...], tuple[list[Procedure], list[Procedure]]] = {}
        self.now: dict[tuple[int, ...], tuple[list[Procedure], list[Procedure]]] = {}

    def begin(self) -> None:
        """A new plan: what the last one did not sort again is forgotten at the next."""
        self.last, self.now = self.now, {}

    def __call__(self, procedures: list[Procedure], order: Callable[[Procedure], Any]) -> list[Procedure]:
        key = tuple(map(id, procedures))  # the objects stay alive in the kept list, so ids stay theirs
        found = self.now.get(key) or self.last.get(key)
        if found is None:
            found = (procedures, sorted(procedures, key=order))
        self.now[key] = found
        return found[1]


class Ranks:
    """Each procedure's place in dictionary order of names, equal names at the same place: sorting
    by it orders exactly as sorting by the names' sort keys, without comparing them again."""

    def __init__(self, procedures: Iterable[Procedure]) -> None:
        named = {p.id: sort_key(p.name) for p in procedures}
        place = {key: number for number, key in enumerate(sorted(set(named.values())))}
        self.rank = {procedure_id: place[key] for procedure_id, key in named.items()}

    def __call__(self, procedure: Procedure) -> int:
        return self.rank[procedure.id]

    def sort(self, procedures: Sequence[Procedure]) -> list[Procedure]:
        return sorted(procedures, key=self)
