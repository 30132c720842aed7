"""Long lists of procedures split into pages of bounded size.

A list of every procedure (A–Z, a level, an audience, a large agency) grows with the
catalogue: at 20,000 procedures the A–Z page alone was 5 MB, too much for a phone on a slow
link. Each list page holds at most PAGE_SIZE entries, whatever the catalogue's size; the
first page keeps the list's address, the others follow it: `cap/xa/` then `cap/xa/trang-2/`.

Real official names run from a few words to hundreds of characters, so a page also holds at most
PAGE_BYTES of entries, estimated from their names: a list page stays under 40 KB (about 23 KB
of it the theme's chrome) whatever the names.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

from ..model import Procedure
from .formatting import initial, sort_key
from .names import short_name

# About 33 KB of HTML with the theme's chrome for names of average length: no larger than a
# procedure page.
PAGE_SIZE = 60
PAGE_BYTES = 16_000
# An entry's markup, code, level and field, without its name; a name cut to its short form is
# in the page twice (render/names.py), with the markup of both forms.
ENTRY_BYTES = 230
CUT_BYTES = 90
# The lists a page may hold, in the order they are shown: their entries are paged together.
LISTS = ("current", "received", "former")


@dataclass(frozen=True)
class Pager:
    """Where a page sits in its list: its number, and the source of every page of the list."""

    number: int
    sources: tuple[str, ...]
    totals: dict[str, int] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return len(self.sources)

    def window(self, around: int = 2) -> list[int | None]:
        """Page numbers to show: first, last, and those near this one; None for a gap."""
        shown = sorted({1, self.count, *range(self.number - around, self.number + around + 1)})
        numbers: list[int | None] = []
        previous = 0
        for n in (n for n in shown if 1 <= n <= self.count):
            if previous and n - previous > 1:
                numbers.append(None)
            numbers.append(n)
            previous = n
        return numbers


def entry_bytes(procedure: Procedure) -> int:
    """About how many bytes the procedure's entry takes in a list page."""
    short = short_name(procedure)
    cut = len(short.encode()) + CUT_BYTES if short != procedure.name else 0
    return ENTRY_BYTES + len(procedure.name.encode()) + cut


def entry_weights(procedures: Sequence[Procedure]) -> list[int]:
    return [entry_bytes(p) for p in procedures]


# What each entry of a list weighs: entry_weights, or the same kept per procedure by the preview.
Weights = Callable[[Sequence[Procedure]], list[int]]


def page_starts(procedures: Sequence[Procedure], weights: Weights = entry_weights) -> list[int]:
    """Where each page starts: at most PAGE_SIZE entries and PAGE_BYTES a page (at least one)."""
    starts, count, size = [0], 0, 0
    for position, weight in enumerate(weights(procedures)):
        if count and (count == PAGE_SIZE or size + weight > PAGE_BYTES):
            starts.append(position)
            count = size = 0
        count += 1
        size += weight
    return starts


def page_source(src_uri: str, number: int) -> str:
    """`a-z.md` is page 1; page 2 is `a-z/trang-2.md`."""
    return src_uri if number == 1 else f"{src_uri.removesuffix('.md')}/trang-{number}.md"


def name_order(procedure: Procedure) -> Any:
    """A procedure's place in dictionary order of names (pages.py's Ranks sort the same, faster)."""
    return sort_key(procedure.name)


def display_order(procedures: list[Procedure], group_by: str | None) -> list[Procedure]:
    """The order the list template shows entries in, so that pages cut it where readers do.

    `procedures` come in dictionary order of names (the plan sorts every list so): a stable sort on
    the group alone keeps that order within each group, as sorting by (group, name) would, without
    ranking every entry again (at 20,000 procedures: 0.3 s of each preview rebuild)."""
    if group_by == "level":
        # Province before commune, as the template's reverse sort on the level id (stable).
        return sorted(procedures, key=attrgetter("level"), reverse=True)
    if group_by == "field":
        return sorted(procedures, key=attrgetter("field"))
    return procedures


def entries_of(context: dict[str, Any]) -> dict[str, list[Procedure]]:
    """The lists of a list page's context whose entries are paged together, in the order shown."""
    return {name: list(context.get(name) or []) for name in LISTS if name in context}


def paged(
    context: dict[str, Any], src_uri: str, weights: Weights = entry_weights, starts: list[int] | None = None
) -> Iterator[tuple[str, dict[str, Any], Pager]]:
    """(source, context, pager) of each page of a list page's context; `starts`: page_starts of
    its entries, if known."""
    lists = entries_of(context)
    total = sum(map(len, lists.values()))
    if starts is None:
        starts = page_starts([p for items in lists.values() for p in items], weights)
    ends = [*starts[1:], total]
    sources = tuple(page_source(src_uri, n) for n in range(1, len(starts) + 1))
    totals = {name: len(items) for name, items in lists.items()}
    for number, (start, end) in enumerate(zip(starts, ends, strict=True), 1):
        part: dict[str, list[Procedure]] = {}
        offset = 0  # where the list starts among all the entries
        for name, items in lists.items():
            part[name] = items[max(start - offset, 0) : max(end - offset, 0)]
            offset += len(items)
        yield sources[number - 1], {**context, **part}, Pager(number, sources, totals)


def letters(procedures: list[Procedure], src_uri: str, starts: list[int]) -> list[tuple[str, str, int]]:
    """A–Z index: (letter, source of the page where its entries start, anchor number). `starts`:
    page_starts of the page's entries, which begin with `procedures` (the A–Z list comes first)."""
    found: list[tuple[str, str, int]] = []
    for position, procedure in enumerate(procedures):
        letter = initial(procedure.name)
        if not found or found[-1][0] != letter:
            page = bisect.bisect_right(starts, position)
            found.append((letter, page_source(src_uri, page), len(found) + 1))
    return found


def titled(title: str, pager: Pager) -> str:
    return title if pager.number == 1 else f"{title} (trang {pager.number}/{pager.count})"
