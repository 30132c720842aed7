"""Build the lunr index and the result store from the validated catalogue.

One lunr document per procedure (and per agency and field page). Fields, from most to
least weight at query time: code, name, keywords, other (field, agencies, documents,
summary). Tokens are folded already, so both pipelines are empty: nothing to register
in JavaScript, and the query side folds with the same rules (search-worker.js).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lunr.builder import Builder

from ..catalogue import Catalogue
from ..model import Procedure
from ..render import urls
from .compact import encode
from .tokens import distinct, with_pairs

FIELDS = ("code", "name", "kw", "other")
SNIPPET = 120


@dataclass(frozen=True)
class SearchDoc:
    """What a result shows: address, title, a line of context, and whether it is still in force."""

    url: str
    title: str
    meta: str
    snippet: str
    status: str


def _procedure_fields(p: Procedure, catalogue: Catalogue) -> dict[str, str]:
    agencies = [
        catalogue.agencies[a].name
        for a in p.agencies.competent + p.agencies.executing
        if a in catalogue.agencies
    ]
    field = catalogue.fields[p.field].name if p.field in catalogue.fields else ""
    documents = [d.name for case in p.dossier.cases for d in case.documents]
    codes = [c for c in (p.code, p.local_code, *p.former_codes) if c]
    return {
        "code": " ".join(codes + [c.replace(".", "") for c in codes]).lower(),
        "name": with_pairs(p.name),
        "kw": " ".join(with_pairs(k) for k in p.keywords),
        "other": distinct([field, *agencies, *documents, p.summary]),
    }


def _meta(p: Procedure, catalogue: Catalogue) -> str:
    parts = []
    if p.field in catalogue.fields:
        parts.append(catalogue.fields[p.field].name)
    agency = next((catalogue.agencies[a] for a in p.agencies.competent if a in catalogue.agencies), None)
    if agency:
        parts.append(agency.short_name or agency.name)
    if p.code:
        parts.append(f"Mã {p.code}")
    return " · ".join(parts)


def _snippet(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SNIPPET else text[: SNIPPET - 1].rsplit(" ", 1)[0] + "…"


def documents(catalogue: Catalogue, url_style: urls.Urls) -> list[tuple[SearchDoc, dict[str, str]]]:
    """(what to show, what to index) for every searchable page, in a stable order."""
    found: list[tuple[SearchDoc, dict[str, str]]] = []
    for procedure_id in sorted(catalogue.procedures):
        p = catalogue.procedures[procedure_id]
        doc = SearchDoc(
            url_style.of(urls.procedure_src(p.id)), p.name, _meta(p, catalogue), _snippet(p.summary), p.status
        )
        found.append((doc, _procedure_fields(p, catalogue)))
    for agency_id in sorted(catalogue.agencies):
        agency = catalogue.agencies[agency_id]
        status = "abolished" if agency.dissolved else "active"
        doc = SearchDoc(
            url_style.of(urls.agency_src(agency_id)), agency.name, "Cơ quan", agency.address or "", status
        )
        fields = {
            "code": "",
            "name": with_pairs(agency.name),
            "kw": with_pairs(agency.short_name or ""),
            "other": "",
        }
        found.append((doc, fields))
    for field_id in sorted(catalogue.fields):
        field = catalogue.fields[field_id]
        doc = SearchDoc(
            url_style.of(urls.field_src(field_id)), f"Lĩnh vực {field.name}", "Lĩnh vực", "", "active"
        )
        found.append((doc, {"code": "", "name": with_pairs(field.name), "kw": "", "other": ""}))
    return found


def lunr_builder(records: list[dict[str, str]]) -> Builder:
    """A lunr.py builder over pre-folded tokens: no stemmer, stop words or trimmer."""
    builder = Builder()
    builder.pipeline.reset()
    builder.search_pipeline.reset()
    builder.ref("ref")
    for field in FIELDS:
        builder.field(field)
    for record in records:
        builder.add(record)
    return builder


def build_index(catalogue: Catalogue, url_style: urls.Urls) -> tuple[dict[str, Any], Builder]:
    """The search payload (compact lunr index plus result store) and the builder behind it."""
    docs = documents(catalogue, url_style)
    builder = lunr_builder([{"ref": str(i), **fields} for i, (_, fields) in enumerate(docs)])
    store = [[d.url, d.title, d.meta, d.snippet, d.status] for d, _ in docs]
    return {"index": encode(builder, FIELDS), "store": store}, builder
