"""The members of each list page: procedures by field, audience, agency and level, in one pass.

The preview plans the whole site again after each save. At 20,000 procedures, going through the
catalogue once for each kind of list, then splitting every list into procedures in force and
former ones, took 0.4 s of every plan, for a save that almost never moves a procedure to another
list. So the preview keeps the last grouping (`Regrouping`): when each saved procedure is on the
very same lists as before (`_places`), its new object takes the old one's place, and every list
that does not hold a saved procedure stays the very same list object; `Splits` then hands back
last time's split of such a list, and the later steps (sorting: ranks.Sorts; pages:
list_pages.paginated) know it by its identity too. Anything else (a procedure added, removed or
put on other lists, many saved at once) groups the catalogue again from scratch.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import compress, repeat

from ..model import Procedure
from ..model.procedure import IN_FORCE

Members = dict[str, list[Procedure]]
Split = tuple[list[Procedure], list[Procedure]]
Sort = Callable[[list[Procedure]], list[Procedure]]
Place = tuple[str, str]  # (kind of list: a field of Grouping, key)
KINDS = ("fields", "audiences", "executing", "receiving", "levels")
# Above this many saved procedures, swapping each one in costs more than grouping again.
SWAPPED_AT_MOST = 50


@dataclass(frozen=True)
class Grouping:
    """Each list's members in the catalogue's order (each list is then sorted by name)."""

    procedures: list[Procedure]  # all of them: the A–Z list and the home page
    fields: Members = field(default_factory=dict)
    audiences: Members = field(default_factory=dict)
    executing: Members = field(default_factory=dict)  # by agency: executing it or competent for it
    receiving: Members = field(default_factory=dict)  # by agency: receiving it and not executing it
    levels: Members = field(default_factory=dict)  # in force only


def _places(procedure: Procedure) -> tuple[Place, ...]:
    """The lists a procedure is on: all that grouping reads of it."""
    roles = procedure.agencies
    executes = dict.fromkeys([*roles.executing, *roles.competent])
    receives = [a for a in dict.fromkeys([*roles.receiving, *roles.authorised]) if a not in executes]
    return (
        ("fields", procedure.field),
        *(("audiences", audience) for audience in dict.fromkeys(procedure.audiences)),
        *(("executing", agency) for agency in executes),
        *(("receiving", agency) for agency in receives),
        *((("levels", procedure.level),) if procedure.status in IN_FORCE else ()),
    )


def grouping(procedures: Iterable[Procedure]) -> Grouping:
    """Every list's members, in one pass over the catalogue."""
    grouped = Grouping(list(procedures))
    kinds: dict[str, Members] = {kind: getattr(grouped, kind) for kind in KINDS}
    for procedure in grouped.procedures:
        for kind, key in _places(procedure):
            kinds[kind].setdefault(key, []).append(procedure)
    return grouped


def _swapped(last: Grouping, procedures: list[Procedure]) -> Grouping | None:
    """`last` with each saved procedure's new object in its old one's place; None unless every
    procedure is where it was and each saved one is on the very same lists."""
    if len(last.procedures) != len(procedures):
        return None
    saved = list(
        compress(
            zip(last.procedures, procedures, strict=True), map(operator.is_not, last.procedures, procedures)
        )
    )
    if not saved:
        return last
    if len(saved) > SWAPPED_AT_MOST or any(
        old.id != new.id or _places(old) != _places(new) for old, new in saved
    ):
        return None
    kinds: dict[str, Members] = {kind: dict(getattr(last, kind)) for kind in KINDS}
    for old, new in saved:
        for kind, key in _places(new):
            members = list(kinds[kind][key])  # a new list: last plan's pages hold the old one
            members[list(map(operator.is_, members, repeat(old))).index(True)] = new
            kinds[kind][key] = members
    return Grouping(procedures, **kinds)


@dataclass
class Regrouping:
    """The preview's grouping, kept from one plan to the next (see the module)."""

    last: Grouping | None = None

    def __call__(self, procedures: Iterable[Procedure]) -> Grouping:
        listed = list(procedures)
        found = _swapped(self.last, listed) if self.last is not None else None
        self.last = found or grouping(listed)
        return self.last


def split_current(procedures: list[Procedure], sort: Sort) -> Split:
    """(still in force, no longer in force), each sorted by `sort`."""
    current: list[Procedure] = []
    former: list[Procedure] = []
    for procedure in procedures:
        (current if procedure.status in IN_FORCE else former).append(procedure)
    return sort(current), sort(former)


class Splits:
    """split_current of the lists of the last plan and of this one, by list object: a list the
    preview's grouping kept is the very same object, holding the very same procedures."""

    def __init__(self) -> None:
        self.last: dict[int, tuple[list[Procedure], Split]] = {}
        self.now: dict[int, tuple[list[Procedure], Split]] = {}

    def begin(self) -> None:
        """A new plan: what the last one did not split again is forgotten at the next."""
        self.last, self.now = self.now, {}

    def __call__(self, procedures: list[Procedure], sort: Sort) -> Split:
        # An entry holds its list, so that no other object can have the list's id() meanwhile.
        found = self.now.get(id(procedures)) or self.last.get(id(procedures))
        if found is None or found[0] is not procedures:
            found = (procedures, split_current(procedures, sort))
        self.now[id(procedures)] = found
        return found[1]
