"""Views of the pages about feedback and completeness (see views.py for what a view is)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..catalogue import Catalogue
from ..completeness import GAPS, AgencyGaps
from ..figures import QuarterFigures
from ..model import Procedure
from ..model.feedback import FeedbackCase
from ..model.registry import Agency, AnswerLimit, FieldOfWork
from . import formatting
from .pages import completeness_src
from .site_page import SitePage


def fields_by_name(catalogue: Catalogue) -> list[FieldOfWork]:
    return sorted(catalogue.fields.values(), key=lambda f: formatting.sort_key(f.name))


def _procedures(catalogue: Catalogue, ids: list[str]) -> list[Procedure]:
    return [catalogue.procedures[i] for i in ids]


@dataclass(frozen=True)
class GapCell:
    key: str
    label: str
    count: int


@dataclass(frozen=True)
class GapRow:
    """One agency's line of the completeness table; `list_src` is its work list (None when nothing lacks)."""

    agency: Agency
    procedures: int
    cells: list[GapCell]
    list_src: str | None


@dataclass(frozen=True)
class CompletenessView:
    """completeness.html: what each agency's procedures in force still lack, at `today`."""

    today: dt.date
    columns: dict[str, str]
    rows: list[GapRow]


@dataclass(frozen=True)
class GapList:
    key: str
    label: str
    procedures: list[Procedure]


@dataclass(frozen=True)
class CompletenessAgencyView:
    """completeness_agency.html: one agency's procedures lacking each kind of information (non-empty lists)."""

    today: dt.date
    lists: list[GapList]


@dataclass(frozen=True)
class CaseView:
    """feedback_case.html: a case with the agencies and procedures it names."""

    case: FeedbackCase
    agency: Agency
    procedures: list[Procedure]
    answered_by: Agency | None
    forwarded_to: Agency | None


@dataclass(frozen=True)
class CaseEntry:
    """A case in the list; `fields` are the ids of its procedures' fields (for filtering), space-separated."""

    case: FeedbackCase
    agency: Agency
    fields: str


@dataclass(frozen=True)
class FeedbackListView:
    """feedback_list.html: every case, newest first, and the choices of the filters."""

    cases: list[CaseEntry]
    agency_choices: list[Agency]
    field_choices: list[FieldOfWork]


@dataclass(frozen=True)
class FeedbackStatsView:
    """feedback_stats.html: figures per quarter and agency; `limit_text` is the answer limit as read."""

    today: dt.date
    limit: AnswerLimit | None
    limit_text: str
    rows: list[tuple[QuarterFigures, Agency]]


def case_field_ids(catalogue: Catalogue, case: FeedbackCase) -> list[str]:
    """The fields of the procedures a case is about."""
    return sorted({catalogue.procedures[p].field for p in case.procedures})


def completeness(catalogue: Catalogue, page: SitePage) -> CompletenessView:
    rows: list[AgencyGaps] = page.context["rows"]
    return CompletenessView(
        page.context["today"],
        GAPS,
        [
            GapRow(
                catalogue.agencies[r.agency],
                r.procedures,
                [GapCell(key, label, len(r.gaps[key])) for key, label in GAPS.items()],
                completeness_src(r.agency) if any(r.gaps.values()) else None,
            )
            for r in rows
        ],
    )


def completeness_agency(catalogue: Catalogue, page: SitePage) -> CompletenessAgencyView:
    row: AgencyGaps = page.context["row"]
    lists = [
        GapList(key, label, _procedures(catalogue, row.gaps[key]))
        for key, label in GAPS.items()
        if row.gaps[key]
    ]
    return CompletenessAgencyView(page.context["today"], lists)


def case_view(catalogue: Catalogue, page: SitePage) -> CaseView:
    case: FeedbackCase = page.context["case"]
    agencies = catalogue.agencies
    return CaseView(
        case,
        agencies[case.agency],
        _procedures(catalogue, case.procedures),
        agencies[case.answered_by] if case.answered_by else None,
        agencies[case.forwarded_to] if case.forwarded_to else None,
    )


def feedback_list(catalogue: Catalogue, page: SitePage) -> FeedbackListView:
    cases: list[FeedbackCase] = page.context["cases"]
    agencies = catalogue.agencies
    entries = [CaseEntry(c, agencies[c.agency], " ".join(case_field_ids(catalogue, c))) for c in cases]
    in_cases = {f for c in cases for f in case_field_ids(catalogue, c)}
    return FeedbackListView(
        entries,
        [agencies[a] for a in sorted({c.agency for c in cases})],
        [f for f in fields_by_name(catalogue) if f.id in in_cases],
    )


def feedback_stats(catalogue: Catalogue, page: SitePage) -> FeedbackStatsView:
    settings = catalogue.settings
    limit = settings.feedback.answer_limit if settings else None
    text = ""
    if limit is not None:
        text = f"{limit.value:02d} {'ngày làm việc' if limit.unit == 'working_days' else 'ngày'}"
    rows: list[QuarterFigures] = page.context["rows"]
    pairs = [(r, catalogue.agencies[r.agency]) for r in rows]
    return FeedbackStatsView(page.context["today"], limit, text, pairs)
