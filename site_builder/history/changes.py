"""Compare two validated catalogues: the changes a citizen or a reviewer needs to see."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass, field

from ..catalogue import Catalogue
from ..model import Procedure
from ..model.procedure import (
    CHANNEL_LABELS,
    LEVEL_LABELS,
    ONLINE_LEVEL_LABELS,
    STATUS_LABELS,
    Channel,
)
from ..model.registry import Agency
from ..render.formatting import fee_amount, time_limit
from .case_changes import case_changes


@dataclass(frozen=True)
class Item:
    """One change: its kind (for machines), a Vietnamese sentence, and old/new values as text."""

    kind: str
    text: str
    old: str | None = None
    new: str | None = None


@dataclass(frozen=True)
class Problem:
    """An error `thutuc check` finds in a file on one side of the comparison (`side`: the revision)."""

    side: str
    file: str
    line: int
    column: int
    code: str
    message: str

    @property
    def text(self) -> str:
        return f"{self.file}:{self.line}:{self.column} {self.code} {self.message}"


@dataclass
class Change:
    """All changes to one procedure or one agency, and the errors of its file on either side."""

    subject: str  # "procedure" | "agency"
    id: str
    name: str
    action: str  # "added" | "removed" | "modified" | "unreadable" | "invalid"
    items: list[Item] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def _arrow(old: str, new: str) -> str:
    return f"{old} → {new}"


def _channels(p: Procedure) -> dict[str, Channel]:
    return {c.kind: c for c in p.channels}


def _fees(old: Procedure, new: Procedure) -> Iterator[Item]:
    before, after = _channels(old), _channels(new)
    for kind in [k for k in CHANNEL_LABELS if k in before and k in after]:
        label = CHANNEL_LABELS[kind].lower()
        old_fees = {f.name: f for f in before[kind].fees}
        new_fees = {f.name: f for f in after[kind].fees}
        # In the order the file lists them now: a set's order changes from one run to the next.
        for name in [n for n in new_fees if n in old_fees]:
            was, now = fee_amount(old_fees[name]), fee_amount(new_fees[name])
            if was != now:
                yield Item("fee", f"{name} ({label}): {_arrow(was, now)}", was, now)
            if old_fees[name].cases != new_fees[name].cases:
                applies = "; ".join(new_fees[name].cases) or "mọi trường hợp"
                yield Item("fee_cases", f"{name} ({label}): nay áp dụng cho: {applies}")
            span = (old_fees[name].valid_from, old_fees[name].valid_to)
            if span != (new_fees[name].valid_from, new_fees[name].valid_to):
                yield Item("fee_period", f"{name} ({label}): thay đổi thời gian áp dụng mức thu")
        for name in sorted(new_fees.keys() - old_fees.keys()):
            yield Item(
                "fee_added",
                f"Thêm khoản thu {name} ({label}): {fee_amount(new_fees[name])}",
                None,
                fee_amount(new_fees[name]),
            )
        for name in sorted(old_fees.keys() - new_fees.keys()):
            yield Item("fee_removed", f"Bỏ khoản thu {name} ({label})", fee_amount(old_fees[name]), None)


def _channel_changes(old: Procedure, new: Procedure) -> Iterator[Item]:
    before, after = _channels(old), _channels(new)
    for kind in CHANNEL_LABELS:
        label = CHANNEL_LABELS[kind]
        if kind in after and kind not in before:
            yield Item("channel_added", f"Thêm cách thức: {label}")
        elif kind in before and kind not in after:
            yield Item("channel_removed", f"Bỏ cách thức: {label}")
        elif kind in before and kind in after:
            was, now = time_limit(before[kind].time_limit), time_limit(after[kind].time_limit)
            if was != now:
                yield Item(
                    "time_limit", f"Thời hạn giải quyết ({label.lower()}): {_arrow(was, now)}", was, now
                )
            levels = (before[kind].online_level, after[kind].online_level)
            if levels[0] != levels[1]:
                shown = [ONLINE_LEVEL_LABELS[x] if x else "chưa ghi" for x in levels]
                yield Item(
                    "online_level", f"Mức độ trực tuyến: {_arrow(shown[0], shown[1])}", shown[0], shown[1]
                )


def _document_changes(old: Procedure, new: Procedure) -> Iterator[Item]:
    for kind, text, was, now in case_changes(old, new):
        yield Item(kind, text, was, now)


def _step_changes(old: Procedure, new: Procedure) -> Iterator[Item]:
    before = {s.title: s for s in old.steps}
    after = {s.title: s for s in new.steps}
    for title in [t for t in after if t not in before]:
        yield Item("step_added", f"Thêm bước: {title}", None, title)
    for title in [t for t in before if t not in after]:
        yield Item("step_removed", f"Bỏ bước: {title}", title, None)
    for title in [t for t in after if t in before and before[t].text != after[t].text]:
        yield Item("step_changed", f"Sửa nội dung bước: {title}")


def _identity_changes(old: Procedure, new: Procedure) -> Iterator[Item]:
    if old.status != new.status:
        was, now = STATUS_LABELS[old.status], STATUS_LABELS[new.status]
        yield Item("status", f"Tình trạng: {_arrow(was, now)}", was, now)
    if old.level != new.level:
        was, now = LEVEL_LABELS[old.level], LEVEL_LABELS[new.level]
        yield Item("level", f"Cấp thực hiện: {_arrow(was, now)}", was, now)
    if old.code != new.code:
        yield Item(
            "code", f"Mã thủ tục: {_arrow(old.code or 'chưa có', new.code or 'chưa có')}", old.code, new.code
        )
    if old.name != new.name:
        yield Item("name", f"Tên thủ tục: {_arrow(old.name, new.name)}", old.name, new.name)
    for role in ("competent", "executing", "receiving"):
        if getattr(old.agencies, role) != getattr(new.agencies, role):
            yield Item("agencies", f"Thay đổi cơ quan ({role})")
    if old.requirements != new.requirements:
        yield Item("requirements", "Thay đổi yêu cầu, điều kiện thực hiện")


def compare_procedures(old: Procedure, new: Procedure) -> list[Item]:
    """Every citizen-facing difference between two versions of one procedure."""
    return [
        *_identity_changes(old, new),
        *_channel_changes(old, new),
        *_fees(old, new),
        *_document_changes(old, new),
        *_step_changes(old, new),
    ]


_CONTACTS = (
    ("address", "Địa chỉ"),
    ("hotline", "Đường dây nóng"),
    ("phone", "Điện thoại"),
    ("email", "Thư điện tử"),
)


def compare_agencies(old: Agency, new: Agency) -> list[Item]:
    items = []
    for attribute, label in _CONTACTS:
        was, now = getattr(old, attribute), getattr(new, attribute)
        if was != now:
            items.append(Item("contact", f"{label}: {_arrow(was or 'chưa có', now or 'chưa có')}", was, now))
    if old.opening_hours != new.opening_hours:
        items.append(Item("contact", "Thay đổi giờ làm việc"))
    before = {o.id: o for o in old.officials}
    after = {o.id: o for o in new.officials}
    for official_id in sorted(after.keys() - before.keys()):
        o = after[official_id]
        items.append(Item("official_added", f"Thêm cán bộ: {o.name}, {o.position}", None, o.name))
    for official_id in sorted(before.keys() - after.keys()):
        o = before[official_id]
        items.append(Item("official_removed", f"Bỏ cán bộ: {o.name}, {o.position}", o.name, None))
    for official_id in sorted(before.keys() & after.keys()):
        a, b = before[official_id], after[official_id]
        if (a.name, a.position, a.phone, a.email) != (b.name, b.position, b.phone, b.email):
            was, now = f"{a.name}, {a.position}", f"{b.name}, {b.position}"
            items.append(Item("official_changed", f"Cán bộ: {_arrow(was, now)}", was, now))
    return items


def _names(catalogue: Catalogue, ids: list[str]) -> str:
    return ", ".join(catalogue.agencies[i].name if i in catalogue.agencies else i for i in ids)


def _channel_essentials(channel: Channel) -> str:
    fees = "; ".join(f"{fee.name}: {fee_amount(fee)}" for fee in channel.fees) or "không thu phí"
    online = f" ({ONLINE_LEVEL_LABELS[channel.online_level].lower()})" if channel.online_level else ""
    return f"{CHANNEL_LABELS[channel.kind]}{online} — thời hạn {time_limit(channel.time_limit)}; {fees}"


def essentials(p: Procedure, catalogue: Catalogue) -> list[Item]:
    """What a reviewer checks first in a new procedure, written as the site shows it."""
    items = [Item("summary_agency", f"Cơ quan có thẩm quyền: {_names(catalogue, p.agencies.competent)}")]
    if p.agencies.executing != p.agencies.competent:
        items.append(Item("summary_agency", f"Cơ quan thực hiện: {_names(catalogue, p.agencies.executing)}"))
    items.append(Item("summary_level", f"Cấp thực hiện: {LEVEL_LABELS[p.level]}"))
    items += [Item("summary_channel", _channel_essentials(c)) for c in p.channels]
    documents = sum(len(case.documents) for case in p.dossier.cases)
    items.append(Item("summary_size", f"Số bước: {len(p.steps)}; số giấy tờ trong hồ sơ: {documents}"))
    return items


def _procedure_change(
    procedure_id: str, was: Procedure | None, now: Procedure | None, new: Catalogue
) -> Change | None:
    """The change of one procedure from `was` to `now` (None: absent on that side); None if none."""
    if was is None and now is not None:
        change = Change("procedure", procedure_id, now.name, "added")
        change.items.append(Item("added", f"Thủ tục mới: {now.name} ({LEVEL_LABELS[now.level].lower()})"))
        change.items += essentials(now, new)
        return change
    if now is None and was is not None:
        change = Change("procedure", procedure_id, was.name, "removed")
        change.items.append(
            Item("removed", "Tệp thủ tục bị xóa: thủ tục hết hiệu lực phải giữ lại với status abolished")
        )
        return change
    if was is not None and now is not None:
        items = compare_procedures(was, now)
        if items:
            return Change("procedure", procedure_id, now.name, "modified", items)
    return None


Pair = tuple[Procedure | None, Procedure | None, Change | None]


class Comparisons:
    """Each procedure's change, kept for the next comparison while both of its versions are the
    very same objects (the preview's read cache and the report's catalogues read from git keep
    them) and the agencies a new procedure's summary names are equal: at 20,000 procedures the
    quarter's comparison cost 1.7 s of every preview rebuild. Callers only read the changes."""

    def __init__(self) -> None:
        self.agencies: dict[str, Agency] | None = None
        self.found: dict[str, Pair] = {}

    def changes(self, old: Catalogue, new: Catalogue) -> Iterator[Change]:
        if self.agencies != new.agencies:  # equal agencies are mostly the same objects: cheap
            self.agencies, self.found = dict(new.agencies), {}
        found: dict[str, Pair] = {}
        for procedure_id in sorted(old.procedures.keys() | new.procedures.keys()):
            was, now = old.procedures.get(procedure_id), new.procedures.get(procedure_id)
            hit = self.found.get(procedure_id)
            if hit is not None and hit[0] is was and hit[1] is now:
                change = hit[2]
            else:
                change = _procedure_change(procedure_id, was, now, new)
            found[procedure_id] = (was, now, change)
            if change is not None:
                yield change
        self.found = found


def compare(old: Catalogue, new: Catalogue, memo: Comparisons | None = None) -> list[Change]:
    """Changes from `old` to `new`, procedures first (in dictionary order of id), then agencies.
    `memo`: what the last comparison found, for a caller that compares again and again."""
    changes = list((memo or Comparisons()).changes(old, new))
    for agency_id in sorted(old.agencies.keys() & new.agencies.keys()):
        items = compare_agencies(old.agencies[agency_id], new.agencies[agency_id])
        if items:
            changes.append(Change("agency", agency_id, new.agencies[agency_id].name, "modified", items))
    for agency_id in sorted(new.agencies.keys() - old.agencies.keys()):
        changes.append(
            Change("agency", agency_id, new.agencies[agency_id].name, "added", [Item("added", "Cơ quan mới")])
        )
    return changes
