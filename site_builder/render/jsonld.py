"""schema.org GovernmentService for each procedure page, for search engines and other systems."""

from __future__ import annotations

import json
from typing import Any

from ..catalogue import Catalogue
from ..model import Procedure
from ..model.procedure import CHANNEL_LABELS, Channel
from ..model.registry import Agency
from .formatting import time_limit

_ISO_UNIT = {"working_days": "D", "days": "D", "months": "M"}


def _duration(channel: Channel) -> str:
    limit = channel.time_limit
    if limit.unit == "hours":
        return f"PT{limit.value}H"
    return f"P{limit.value}{_ISO_UNIT[limit.unit]}"


def _organisation(agency: Agency) -> dict[str, Any]:
    data: dict[str, Any] = {"@type": "GovernmentOrganization", "name": agency.name}
    if agency.address:
        data["address"] = agency.address
    if agency.hotline or agency.phone:
        data["telephone"] = agency.hotline or agency.phone
    if agency.email:
        data["email"] = agency.email
    return data


def _channel(channel: Channel, offices: list[Agency]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@type": "ServiceChannel",
        "name": CHANNEL_LABELS[channel.kind],
        # ISO 8601 has no working days: the duration counts them as days, the description is exact.
        "processingTime": _duration(channel),
        "description": f"Thời hạn giải quyết: {time_limit(channel.time_limit)}"
        + (" (tính theo ngày làm việc)" if channel.time_limit.unit == "working_days" else ""),
    }
    if channel.url:
        data["serviceUrl"] = channel.url
    if channel.kind in ("in_person", "postal") and offices:
        office = offices[0]
        data["serviceLocation"] = {**_organisation(office), "@type": "GovernmentOffice"}
    return data


def government_service(procedure: Procedure, catalogue: Catalogue, page_url: str | None) -> dict[str, Any]:
    agencies = catalogue.agencies
    competent = [agencies[a] for a in procedure.agencies.competent if a in agencies]
    offices = [agencies[a] for a in procedure.agencies.receiving if a in agencies]
    field = catalogue.fields.get(procedure.field)
    province = catalogue.settings.province if catalogue.settings else ""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "name": procedure.name,
        "description": procedure.summary,
        "areaServed": {"@type": "AdministrativeArea", "name": f"Tỉnh {province}"},
        "availableChannel": [_channel(c, offices) for c in procedure.channels],
        "offers": [
            {
                "@type": "Offer",
                "name": fee.name,
                "priceCurrency": "VND",
                "availableAtOrFrom": CHANNEL_LABELS[channel.kind],
                **(
                    {"price": fee.amount}
                    if fee.amount is not None
                    else {"description": "Mức thu do HĐND tỉnh quy định"}
                ),
            }
            for channel in procedure.channels
            for fee in channel.fees
        ],
    }
    if procedure.code:
        data["identifier"] = procedure.code
    if field:
        data["serviceType"] = field.name
    if competent:
        data["provider"] = _organisation(competent[0])
    audiences = [catalogue.audiences[a].name for a in procedure.audiences if a in catalogue.audiences]
    if audiences:
        data["audience"] = [{"@type": "Audience", "audienceType": name} for name in audiences]
    if page_url:
        data["url"] = page_url
    return data


def script_json(data: object) -> str:
    """JSON safe inside <script>: no '</script>' or '<!--' can close or confuse the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
