"""What each agency's procedures still lack, for editors and for the quarterly report."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from .catalogue import Catalogue
from .model import Procedure
from .model.procedure import IN_FORCE
from .validate.rules import months_between

GAPS = {
    "no_officials": "Chưa có cán bộ chịu trách nhiệm",
    "council_fee_without_amount": "Phí do HĐND quy định chưa ghi số tiền",
    "review_overdue": "Quá hạn rà soát",
    "legal_basis_undated": "Căn cứ pháp lý thiếu ngày ban hành",
    "no_code": "Chưa có mã thủ tục quốc gia",
    "online_level_unknown": "Kênh trực tuyến chưa ghi mức độ",
}


@dataclass
class AgencyGaps:
    agency: str
    procedures: int = 0
    gaps: dict[str, list[str]] = field(default_factory=lambda: {key: [] for key in GAPS})


def gaps_of(p: Procedure, today: dt.date, max_age: int) -> list[str]:
    found = []
    if not p.officials:
        found.append("no_officials")
    if any(fee.set_by_council and fee.amount is None for c in p.channels for fee in c.fees):
        found.append("council_fee_without_amount")
    if months_between(p.review.date, today) > max_age:
        found.append("review_overdue")
    if any(law.date is None for law in p.legal_basis):
        found.append("legal_basis_undated")
    if not p.code:
        found.append("no_code")
    if any(c.kind == "online" and c.online_level is None for c in p.channels):
        found.append("online_level_unknown")
    return found


class Gaps:
    """`gaps_of` of each procedure, kept while it is the very same object on the same day under the
    same rule (the preview's read cache keeps unchanged procedures): the site plan asks twice per
    rebuild, the editors' page and the quarterly report."""

    def __init__(self) -> None:
        self.found: dict[str, tuple[Procedure, dt.date, int, list[str]]] = {}

    def __call__(self, p: Procedure, today: dt.date, max_age: int) -> list[str]:
        hit = self.found.get(p.id)
        if hit is not None and hit[0] is p and hit[1:3] == (today, max_age):
            return hit[3]
        found = gaps_of(p, today, max_age)
        self.found[p.id] = (p, today, max_age, found)
        return found


def completeness(catalogue: Catalogue, today: dt.date, memo: Gaps | None = None) -> list[AgencyGaps]:
    """Per competent agency, the procedures in force that lack each kind of information.
    `memo`: each procedure's gaps from the last call (the preview)."""
    max_age = catalogue.settings.review_max_age_months if catalogue.settings else 12
    gaps = memo or gaps_of
    rows: dict[str, AgencyGaps] = defaultdict(lambda: AgencyGaps(""))
    for procedure_id in sorted(catalogue.procedures):
        p = catalogue.procedures[procedure_id]
        if p.status not in IN_FORCE:
            continue
        agency = p.agencies.competent[0]
        row = rows[agency]
        row.agency = agency
        row.procedures += 1
        for gap in gaps(p, today, max_age):
            row.gaps[gap].append(procedure_id)
    return sorted(rows.values(), key=lambda r: r.agency)
