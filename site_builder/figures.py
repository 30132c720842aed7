"""Feedback figures per agency and quarter: received, answered, answered on time, still open."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from .catalogue import Catalogue
from .model.feedback import CLOSED, FeedbackCase
from .model.registry import AnswerLimit


@dataclass(frozen=True)
class QuarterFigures:
    agency: str
    quarter: str
    received: int
    answered: int
    on_time: int
    late: int
    open: int
    open_overdue: int


def quarter_of(date: dt.date) -> str:
    return f"{date.year}-Q{(date.month - 1) // 3 + 1}"


def elapsed(start: dt.date, end: dt.date, unit: str) -> int:
    """Days from `start` to `end`; working days count Monday to Friday (public holidays are not known)."""
    if unit == "days":
        return (end - start).days
    days = 0
    current = start
    while current < end:
        current += dt.timedelta(days=1)
        if current.weekday() < 5:
            days += 1
    return days


def on_time(case: FeedbackCase, limit: AnswerLimit | None, today: dt.date) -> bool | None:
    """True or False once it can be told; None when there is no limit to compare with."""
    if limit is None:
        return None
    end = case.answered_on if case.status in CLOSED and case.answered_on else today
    return elapsed(case.received, end, limit.unit) <= limit.value


def figures(catalogue: Catalogue, today: dt.date) -> list[QuarterFigures]:
    limit = catalogue.settings.feedback.answer_limit if catalogue.settings else None
    groups: dict[tuple[str, str], list[FeedbackCase]] = defaultdict(list)
    for case in catalogue.feedback.values():
        groups[(quarter_of(case.received), case.agency)].append(case)
    rows = []
    for (quarter, agency), cases in sorted(groups.items()):
        closed = [c for c in cases if c.status in CLOSED]
        still_open = [c for c in cases if c.status not in CLOSED]
        rows.append(
            QuarterFigures(
                agency=agency,
                quarter=quarter,
                received=len(cases),
                answered=len(closed),
                on_time=sum(on_time(c, limit, today) is True for c in closed),
                late=sum(on_time(c, limit, today) is False for c in closed),
                open=len(still_open),
                open_overdue=sum(on_time(c, limit, today) is False for c in still_open),
            )
        )
    return rows
