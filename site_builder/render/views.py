"""What each template of overrides/thutuc/ is given: one typed view per template, built in Python.

The plan (`pages.SitePage.context`) says what a page shows by reference: procedures, cases, a pager, ids.
A view resolves every id into the record it names (validation guarantees it exists: E303), groups and
counts what the page lists, and computes every figure. Templates lay a view out: they look nothing up
and compute nothing. Each view's fields are the names its template reads (besides `page` and the link
helpers of `Renderer`).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any

from ..catalogue import Catalogue
from ..history.timeline import Revision
from ..model import Procedure
from ..model.feedback import FeedbackCase
from ..model.procedure import IN_FORCE, LEVEL_LABELS, Channel, Fee
from ..model.registry import Agency, Audience, FieldOfWork, Official
from ..report.sections import Report
from . import formatting
from .cases import CaseView, case_views, channel_list, has_choice
from .feedback_views import (
    case_view,
    completeness,
    completeness_agency,
    feedback_list,
    feedback_stats,
    fields_by_name,
)
from .glance import all_fees, glance_fees, glance_online, glance_time
from .names import short_name
from .paging import Pager
from .site_page import SitePage

REPORT_DETAILS = {"day-du": ("bien-tap/do-day-du.md", "Mức độ đầy đủ")}
ROLES = ("competent", "authorised", "executing", "coordinating", "receiving")


@dataclass(frozen=True)
class Group:
    """Procedures under one heading: `anchor` is the heading's id, `total` counts the whole list, not one page."""

    anchor: str
    title: str
    total: int
    procedures: list[Procedure]


@dataclass(frozen=True)
class Tile:
    """A field of work on the home and fields pages, with the number of its procedures in force."""

    field: FieldOfWork
    count: int


@dataclass(frozen=True)
class ProcedureView:
    """procedure.html: one procedure, with every agency, official, audience and procedure it names.

    `roles` are the agency roles the procedure fills, in the legal order; `desk` is where feedback about
    it goes (its first receiving office); the `glance_*` texts fill the summary box."""

    procedure: Procedure
    field: FieldOfWork
    replaced_by: Procedure | None
    replaces: list[Procedure]
    roles: list[tuple[str, list[Agency]]]
    receiving: list[Agency]
    audiences: list[Audience]
    officials: list[Official]
    related: list[Procedure]
    desk: Agency
    feedback_subject: str
    glance_time: str
    glance_fees: str
    glance_online: str
    fees: list[tuple[Channel, Fee]]
    cases: list[FeedbackCase]
    last_changed: dt.date | None
    revisions: list[Revision]
    # The dossier cases as the chooser shows them (render/cases.py); `choice` when there is
    # anything to choose, `channel_slugs` the channels the chooser offers.
    dossier_cases: list[CaseView]
    choice: bool
    channel_slugs: str


@dataclass(frozen=True)
class ListView:
    """list.html: one page of a field's, a level's or an audience's procedures; `groups` are this page's
    procedures in force under their headings (None for a list without headings)."""

    intro: str | None
    current: list[Procedure]
    groups: list[Group] | None
    former: list[Procedure]
    pager: Pager


@dataclass(frozen=True)
class AzView:
    """az.html: one page of the A–Z list; `letters` are (letter, page where it starts, anchor number)."""

    letters: list[tuple[str, str, int]]
    groups: list[Group]
    former: list[Procedure]
    pager: Pager


@dataclass(frozen=True)
class AgencyView:
    """agency.html: an agency, its parent, and one page of the procedures it decides or receives."""

    agency: Agency
    parent: Agency | None
    current: list[Procedure]
    received: list[Procedure]
    former: list[Procedure]
    pager: Pager


@dataclass(frozen=True)
class AgenciesView:
    """agencies.html: agencies by level (province, commune, central), each in dictionary order."""

    levels: list[tuple[str, list[Agency]]]


@dataclass(frozen=True)
class AudiencesView:
    """audiences.html: every audience, in the registry's order."""

    audiences: list[Audience]


@dataclass(frozen=True)
class FieldsView:
    """fields.html: a tile per field."""

    tiles: list[Tile]


@dataclass(frozen=True)
class HomeView:
    """home.html: procedures in force (`count`), the featured ones, and the field tiles."""

    province: str
    count: int
    featured: list[Procedure]
    tiles: list[Tile]


@dataclass(frozen=True)
class ChangesView:
    """changes.html: recent revisions, newest first, each with the procedure it changed."""

    changes: list[tuple[Procedure, Revision]]
    from_git: bool


@dataclass(frozen=True)
class ReportView:
    """report.html: this quarter's report, the same model as `thutuc report` renders; `details` are the
    site's pages that detail a section (by its anchor): (source, title)."""

    report: Report
    details: dict[str, tuple[str, str]]


@dataclass(frozen=True)
class OpenDataView:
    licence: str | None


@dataclass(frozen=True)
class TablesView:
    """reference.html: the fields of each kind of file (`tables`)."""

    tables: Any


@dataclass(frozen=True)
class CodesView:
    """codes.html: every finding code."""

    codes: Any


def as_names(view: object) -> dict[str, Any]:
    """A view's fields as the template's names (shallow: records stay as they are)."""
    return {f.name: getattr(view, f.name) for f in fields(view)}  # type: ignore[arg-type]


class Views:
    """Builds the view of each page of one catalogue; registry-wide parts are built once."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self._tiles: list[Tile] | None = None
        self._builders: dict[str, Callable[[SitePage], object]] = {
            "procedure.html": self.procedure,
            "list.html": self.list_page,
            "az.html": self.az,
            "agency.html": self.agency,
            "agencies.html": lambda page: AgenciesView(self.agencies_by_level()),
            "audiences.html": lambda page: AudiencesView(list(catalogue.audiences.values())),
            "fields.html": lambda page: FieldsView(self.tiles()),
            "home.html": self.home,
            "changes.html": self.changes,
            "completeness.html": lambda page: completeness(catalogue, page),
            "completeness_agency.html": lambda page: completeness_agency(catalogue, page),
            "feedback_case.html": lambda page: case_view(catalogue, page),
            "feedback_list.html": lambda page: feedback_list(catalogue, page),
            "feedback_stats.html": lambda page: feedback_stats(catalogue, page),
            "report.html": lambda page: ReportView(page.context["report"], REPORT_DETAILS),
            "open_data.html": lambda page: OpenDataView(page.context["licence"]),
            "reference.html": lambda page: TablesView(page.context["tables"]),
            "codes.html": lambda page: CodesView(page.context["codes"]),
        }

    def of(self, page: SitePage) -> object:
        return self._builders[page.template](page)

    def tiles(self) -> list[Tile]:
        if self._tiles is None:
            counts: dict[str, int] = {}
            for procedure in self.catalogue.procedures.values():
                if procedure.status in IN_FORCE:
                    counts[procedure.field] = counts.get(procedure.field, 0) + 1
            self._tiles = [Tile(f, counts.get(f.id, 0)) for f in fields_by_name(self.catalogue)]
        return self._tiles

    def agencies_by_level(self) -> list[tuple[str, list[Agency]]]:
        order = ("province", "commune", "central")
        agencies = sorted(self.catalogue.agencies.values(), key=lambda a: formatting.sort_key(a.name))
        return [
            (level, [a for a in agencies if a.level == level])
            for level in order
            if any(a.level == level for a in agencies)
        ]

    def _procedures(self, ids: list[str]) -> list[Procedure]:
        return [self.catalogue.procedures[i] for i in ids]

    def _agencies(self, ids: list[str]) -> list[Agency]:
        return [self.catalogue.agencies[i] for i in ids]

    def procedure(self, page: SitePage) -> ProcedureView:
        p: Procedure = page.context["procedure"]
        cat = self.catalogue
        code = f" (mã {p.code})" if p.code else ""
        return ProcedureView(
            procedure=p,
            field=cat.fields[p.field],
            replaced_by=cat.procedures[p.replaced_by] if p.replaced_by else None,
            replaces=self._procedures(p.replaces),
            roles=[(r, self._agencies(getattr(p.agencies, r))) for r in ROLES if getattr(p.agencies, r)],
            receiving=self._agencies(p.agencies.receiving),
            audiences=[cat.audiences[a] for a in p.audiences],
            officials=[cat.officials[o] for o in p.officials],
            related=self._procedures(p.related),
            desk=cat.agencies[p.agencies.receiving[0]],
            feedback_subject=f"Phản ánh về thủ tục: {short_name(p)}{code}",
            glance_time=glance_time(p),
            glance_fees=glance_fees(p),
            glance_online=glance_online(p),
            fees=all_fees(p),
            cases=page.context["cases"],
            last_changed=page.context["last_changed"],
            revisions=page.context["revisions"],
            dossier_cases=case_views(p),
            choice=has_choice(p),
            channel_slugs=channel_list(p),
        )

    def _groups(self, procedures: list[Procedure], group_by: str | None, totals: Any) -> list[Group] | None:
        """This page's procedures under their headings, in the order the plan put them (pages.display_order)."""
        if group_by == "level":
            return [
                Group(f"cap-{key}", LEVEL_LABELS[key], totals[key], list(members))
                for key, members in itertools.groupby(procedures, key=lambda p: p.level)
            ]
        if group_by == "field":
            return [
                Group(f"linh-vuc-{key}", self.catalogue.fields[key].name, totals[key], list(members))
                for key, members in itertools.groupby(procedures, key=lambda p: p.field)
            ]
        return None

    def list_page(self, page: SitePage) -> ListView:
        c = page.context
        groups = self._groups(c["current"], c["group_by"], c["group_totals"])
        return ListView(c["intro"], c["current"], groups, c["former"], c["pager"])

    def az(self, page: SitePage) -> AzView:
        c = page.context
        ids = c["letter_ids"]
        groups = [
            Group(f"chu-{ids[letter]}", letter, 0, list(members))
            for letter, members in itertools.groupby(c["current"], key=lambda p: formatting.initial(p.name))
        ]
        return AzView(c["letters"], groups, c["former"], c["pager"])

    def agency(self, page: SitePage) -> AgencyView:
        c = page.context
        agency: Agency = c["agency"]
        parent = self.catalogue.agencies[agency.parent] if agency.parent else None
        return AgencyView(agency, parent, c["current"], c["received"], c["former"], c["pager"])

    def home(self, page: SitePage) -> HomeView:
        settings = self.catalogue.settings
        province = settings.province if settings else ""
        return HomeView(province, page.context["count"], page.context["featured"], self.tiles())

    def changes(self, page: SitePage) -> ChangesView:
        revisions: list[Revision] = page.context["revisions"]
        pairs = [(self.catalogue.procedures[r.procedure], r) for r in revisions]
        return ChangesView(pairs, page.context["from_git"])
