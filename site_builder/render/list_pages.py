"""List pages cut into pages of bounded size (paging.py decides where), kept by the preview."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterator
from operator import attrgetter

from ..memo import same_page
from .paging import Weights, display_order, entries_of, letters, page_starts, paged, titled
from .site_page import SitePage

# Each list page's last input and its pages, by source (the preview keeps them between plans).
Paginated = dict[str, tuple[SitePage, list[SitePage]]]

PAGED = {"list.html", "az.html", "agency.html"}


def paginate(page: SitePage, weights: Weights) -> Iterator[SitePage]:
    """A list page as pages of bounded size (paging.py; one page for a short list)."""
    if page.template not in PAGED:
        yield page
        return
    context = dict(page.context)
    group_by = context.get("group_by")
    for name in ("current", "former"):
        if name in context:
            context[name] = display_order(context[name], group_by)
    if page.template == "list.html":
        # Group headings count the whole list, not the part on one page.
        context["group_totals"] = Counter(map(attrgetter(group_by), context["current"])) if group_by else {}
    starts = page_starts([p for items in entries_of(context).values() for p in items], weights)
    if page.template == "az.html":
        index = letters(context["current"], page.src_uri, starts)
        context["letters"] = tuple(index)  # compared by value, not by identity (memo.same_value)
        context["letter_ids"] = {letter: number for letter, _, number in index}
    for src, part, pager in paged(context, page.src_uri, weights, starts):
        yield dataclasses.replace(
            page,
            src_uri=src,
            title=titled(page.title, pager),
            description=titled(page.description, pager),
            context={**part, "pager": pager},
        )


def paginated(page: SitePage, weights: Weights, lists: Paginated | None) -> list[SitePage]:
    """`paginate`, or last time's pages of the same page (memo.same_page), kept in `lists` (the
    preview's): 0.5 s at 20,000."""
    # The plan ranks the same (frozen) procedures alike whatever the others are named.
    found = lists.get(page.src_uri) if lists is not None and page.template in PAGED else None
    if found and same_page(found[0], page):
        return found[1]
    parts = list(paginate(page, weights))
    if found:
        # Last time's page of the list wherever it shows the very same: the preview then knows it is
        # unchanged by its identity (partial._changed). At 20,000 procedures the lists a saved
        # procedure is on run to about 1,700 pages, and comparing what each one shows again (its
        # key's inputs, direct_pages._same) took 0.15 s of every rebuild for the few that change.
        before = {part.src_uri: part for part in found[1]}
        parts = [_kept(before.get(part.src_uri), part) for part in parts]
    if lists is not None and page.template in PAGED:
        lists[page.src_uri] = (page, parts)
    return parts


def _kept(before: SitePage | None, now: SitePage) -> SitePage:
    return before if before is not None and same_page(before, now) else now
