"""Build the lunr index and the result store from the validated catalogue.

One lunr document per procedure (and per agency and field page). Fields, from most to
least weight at query time: code, name, keywords, other (field, agencies, documents,
summary). Tokens are folded already, so both pipelines are empty: nothing to register
in JavaScript, and the query side folds with the same rules (search-worker.js). The index
itself is written by `compact.encode`, without lunr.py (see there why).

Reusing work between builds: everything about a procedure that does not depend on the rest
of the catalogue is computed by `procedure_terms`, a pure function of the (frozen)
`Procedure`. A caller that rebuilds in one process (the preview server keeps unchanged
`Procedure` objects identical between rebuilds) can pass a memoising wrapper as `terms=` to
`build_index`/`documents`, e.g. one keyed by `id(p)` that also holds `p` (so the id stays
valid) and is dropped or pruned with the catalogue.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from ..catalogue import Catalogue
from ..model import Procedure
from ..model.procedure import IN_FORCE
from ..render import urls
from ..render.cases import case_views
from ..render.names import short_name
from ..textfold import fold
from .compact import encode
from .tokens import distinct_tokens, tokens, with_pairs

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
    full: str = ""  # the full name when `title` is its short form (render/names.py)
    featured: bool = False  # in the catalogue's `featured` list: ranked before rare procedures


@dataclass(frozen=True)
class ProcedureTerms:
    """What `procedure_terms` derives from one procedure alone (see the module docstring)."""

    code: str
    name: str
    kw: str
    own: tuple[str, ...]  # distinct tokens of the dossier documents and the summary, in order
    snippet: str


# A form code as people type it from a paper form (CT01, TK1-TS, DC02), not a form's name that an
# editor wrote in the code field ("Tờ khai đăng ký kết hôn", "Mẫu số 15").
_FORM_CODE = re.compile(r"[A-Za-z]{1,4}[0-9]{1,3}(?:-[A-Za-z0-9]{1,4})*")


def procedure_terms(p: Procedure) -> ProcedureTerms:
    """The catalogue-independent part of a procedure's search entry: pure, so callers may memoise it."""
    documents = [d.name for case in p.dossier.cases for d in case.documents]
    codes = [c for c in (p.code, p.local_code, *p.former_codes) if c]
    forms = [" ".join(tokens(f.code)) for f in p.forms if _FORM_CODE.fullmatch(f.code)]
    return ProcedureTerms(
        code=" ".join(codes + [c.replace(".", "") for c in codes] + forms).lower(),
        name=with_pairs(p.name),
        kw=" ".join([with_pairs(k) for k in p.keywords]),
        own=tuple(distinct_tokens([*documents, p.summary])),
        snippet=_snippet(p.summary),
    )


def _procedure_fields(p: Procedure, catalogue: Catalogue, terms: ProcedureTerms) -> dict[str, str]:
    agencies = [
        catalogue.agencies[a].name
        for a in p.agencies.competent + p.agencies.executing
        if a in catalogue.agencies
    ]
    field = catalogue.fields[p.field].name if p.field in catalogue.fields else ""
    # The same as distinct([field, *agencies, *documents, p.summary]).
    other = distinct_tokens([field, *agencies])
    other.update(dict.fromkeys(terms.own))
    return {"code": terms.code, "name": terms.name, "kw": terms.kw, "other": " ".join(other)}


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


def _case_entries(p: Procedure, page: SearchDoc) -> list[tuple[SearchDoc, dict[str, str]]]:
    """One entry per dossier case of a procedure in force with several: a query that names the
    case ("khai sinh quá hạn") leads to its anchor on the page. The case's title carries the weight;
    the procedure's name only counts as other text, so a query for the procedure alone still puts
    the procedure's own entry first."""
    if len(p.dossier.cases) < 2 or p.status not in IN_FORCE:
        return []
    entries = []
    for view in case_views(p):
        listed = _snippet("Giấy tờ: " + "; ".join(d.name for d in view.case.documents))
        doc = SearchDoc(
            f"{page.url}#{view.anchor}", f"{page.title}: {view.label}", page.meta, listed, p.status
        )
        fields = {
            "code": "",
            "name": with_pairs(view.label),
            "kw": "",
            "other": " ".join(distinct_tokens([p.name, view.case.name or ""])),
        }
        entries.append((doc, fields))
    return entries


def documents(
    catalogue: Catalogue,
    url_style: urls.Urls,
    terms: Callable[[Procedure], ProcedureTerms] = procedure_terms,
) -> list[tuple[SearchDoc, dict[str, str]]]:
    """(what to show, what to index) for every searchable page, in a stable order."""
    found: list[tuple[SearchDoc, dict[str, str]]] = []
    featured = featured_ids(catalogue)
    for procedure_id in sorted(catalogue.procedures):
        found.extend(
            procedure_entries(catalogue.procedures[procedure_id], catalogue, url_style, featured, terms)
        )
    found.extend(other_entries(catalogue, url_style))
    return found


def featured_ids(catalogue: Catalogue) -> frozenset[str]:
    return frozenset(catalogue.settings.featured if catalogue.settings else [])


def procedure_entries(
    p: Procedure,
    catalogue: Catalogue,
    url_style: urls.Urls,
    featured: frozenset[str],
    terms: Callable[[Procedure], ProcedureTerms] = procedure_terms,
) -> list[tuple[SearchDoc, dict[str, str]]]:
    """A procedure's entries in `documents`: its page's, then its dossier cases'. Apart from
    procedures, this reads only the catalogue's agencies and fields: a build computes it in the
    process that renders the procedure (pipeline.py)."""
    own = terms(p)
    title = short_name(p)
    doc = SearchDoc(
        url_style.of(urls.procedure_src(p.id)),
        title,
        _meta(p, catalogue),
        own.snippet,
        p.status,
        p.name if title != p.name else "",
        p.id in featured,
    )
    return [(doc, _procedure_fields(p, catalogue, own)), *_case_entries(p, doc)]


def other_entries(catalogue: Catalogue, url_style: urls.Urls) -> list[tuple[SearchDoc, dict[str, str]]]:
    """The agencies' and the fields' entries in `documents`, after every procedure's."""
    found: list[tuple[SearchDoc, dict[str, str]]] = []
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


def _extra(doc: SearchDoc) -> list[str | int]:
    """The store's optional tail, written only when needed: [full name, featured (1)]."""
    if doc.featured:
        return [doc.full, 1]
    return [doc.full] if doc.full else []


def _by_name(entry: tuple[SearchDoc, dict[str, str]]) -> str:
    doc = entry[0]
    return fold(doc.full or doc.title)


def build_index(
    catalogue: Catalogue,
    url_style: urls.Urls,
    terms: Callable[[Procedure], ProcedureTerms] = procedure_terms,
) -> tuple[dict[str, Any], list[tuple[SearchDoc, dict[str, str]]]]:
    """The search payload (compact lunr index plus result store) and the documents behind it
    (document ref = position), in the order of their folded names.

    Neighbours in that order have similar names, and a query's hits mostly share its words: the
    worker fetches the result store in chunks of consecutive documents (shards.py), and at
    20,000 procedures the hits of a query fell in 5 chunks of 32 instead of 58 (the median over
    the relevance suites, against the order of procedure ids).

    `terms` computes the per-procedure part; pass a memoising wrapper of `procedure_terms`
    to reuse it between builds (see the module docstring).
    """
    return payload_of(documents(catalogue, url_style, terms))


def payload_of(
    found: list[tuple[SearchDoc, dict[str, str]]],
) -> tuple[dict[str, Any], list[tuple[SearchDoc, dict[str, str]]]]:
    """`build_index` of the documents `found` (in the order `documents` gives them)."""
    docs = sorted(found, key=_by_name)
    return {
        "index": encode([fields for _, fields in docs], FIELDS),
        "store": [_stored(d) for d, _ in docs],
    }, docs


def in_search_order(found: list[tuple[SearchDoc, dict[str, str]]]) -> None:
    """Sort documents (in place) in the order of the index: by folded name, ties in their order."""
    found.sort(key=_by_name)


def merged_payload(runs: list[Iterable[tuple[SearchDoc, dict[str, str]]]]) -> dict[str, Any]:
    """`payload_of` of the documents of every run, each run already `in_search_order`: runs of
    documents in the order `documents` gives, one after another. Merged as they are read, so
    only the documents being merged are held, not all of them: a build's last step, where at
    20,000 procedures the documents were 40 MB next to the index's 50."""
    store: list[list[str | int]] = []

    def records() -> Iterator[dict[str, str]]:
        # Equal names keep the order of their runs and, within a run, their own: the order of
        # one stable sort of all documents (payload_of).
        for doc, fields in heapq.merge(*runs, key=_by_name):
            store.append(_stored(doc))
            yield fields

    index = encode(records(), FIELDS)
    return {"index": index, "store": store}


def _stored(d: SearchDoc) -> list[str | int]:
    return [d.url, d.title, d.meta, d.snippet, d.status, *_extra(d)]
