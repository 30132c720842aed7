"""Rules over the registries: unique ids, parents, settings that point into the catalogue."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from ..catalogue import Catalogue
from ..diagnostics import FieldPath
from ..loaded_files import LoadedFiles
from ..model import AgencyRegistry
from .references import unknown
from .report import Reporter
from .targets import AGENCY, PROCEDURE


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


def unique(items: Iterable[tuple[FieldPath, _HasId]], label: str, out: Reporter) -> None:
    seen: set[str] = set()
    for path, item in items:
        if item.id in seen:
            out.report(
                "E301", (*path, "id"), f"{label} «{item.id}» đã có ở trên: mỗi mã định danh chỉ dùng một lần."
            )
        seen.add(item.id)


def check_agencies(registry: AgencyRegistry, catalogue: Catalogue, out: Reporter) -> None:
    unique(((("agencies", i), agency) for i, agency in enumerate(registry.agencies)), "Cơ quan", out)
    officials = (
        (("agencies", i, "officials", j), official)
        for i, agency in enumerate(registry.agencies)
        for j, official in enumerate(agency.officials)
    )
    unique(officials, "Cán bộ", out)
    for i, agency in enumerate(registry.agencies):
        if agency.parent is not None and agency.parent not in catalogue.agencies:
            out.report("E303", ("agencies", i, "parent"), unknown(agency.parent, catalogue.agencies, AGENCY))


def receiving_agencies(catalogue: Catalogue, loaded: LoadedFiles) -> set[str]:
    """Agencies a citizen deals with: receiving offices of current procedures, feedback desk."""
    wanted = {
        agency for procedure in loaded.facts.values() if procedure.in_force for agency in procedure.receiving
    }
    if catalogue.settings is not None:
        wanted.add(catalogue.settings.feedback.agency)
    return wanted


def check_contacts(
    registry: AgencyRegistry, catalogue: Catalogue, loaded: LoadedFiles, out: Reporter
) -> None:
    """The directive (items 4 and 5d) asks for address, hours, hotline and email to be public."""
    wanted = receiving_agencies(catalogue, loaded)
    for i, agency in enumerate(registry.agencies):
        if agency.id not in wanted or agency.dissolved is not None:
            continue
        missing = [
            label
            for label, present in (
                ("địa chỉ (address)", agency.address),
                ("giờ làm việc (opening_hours)", agency.opening_hours),
                ("đường dây nóng (hotline)", agency.hotline),
                ("thư điện tử (email)", agency.email),
            )
            if not present
        ]
        if missing:
            out.report(
                "W405",
                ("agencies", i),
                f"«{agency.name}» tiếp nhận hồ sơ hoặc phản ánh nhưng còn thiếu: {', '.join(missing)}. "
                "Chỉ thị yêu cầu công khai các thông tin này.",
            )


def check_settings(catalogue: Catalogue, loaded: LoadedFiles, out: Reporter) -> None:
    settings = catalogue.settings
    if settings is None:
        return
    if settings.sample and not settings.notice:
        out.report(
            "E314",
            ("notice",),
            "Danh mục là dữ liệu mẫu (sample: true) nên phải có 'notice:' nói rõ điều đó; "
            "thông báo này hiện trên mọi trang để không ai nhầm với công bố chính thức.",
        )
    if catalogue.agencies and settings.feedback.agency not in catalogue.agencies:
        out.report(
            "E303", ("feedback", "agency"), unknown(settings.feedback.agency, catalogue.agencies, AGENCY)
        )
    present = loaded.procedure_ids
    deleted = loaded.restorable([p for p in settings.featured if p not in present])
    for i, procedure_id in enumerate(settings.featured):
        if procedure_id not in present:
            message = unknown(procedure_id, present, PROCEDURE, deleted=deleted.get(procedure_id))
            out.report("E303", ("featured", i), message)
