"""Build the lunr index and the result store from the validated catalogue.

One lunr document per procedure (and per agency and field page). Fields, from most to
least weight at query time: code, name, keywords, other (field, agencies, documents,
summary). Tokens are folded already, so both pipelines are empty: nothing to register
in JavaScript, and the query side folds with the same rules (search-worker.js).

Reusing work between builds: everything about a procedure that does not depend on the rest
of the catalogue is computed by `procedure_terms`, a pure function of the (frozen)
`Procedure`. A caller that rebuilds in one process (the preview server keeps unchanged
`Procedure` objects identical between rebuilds) can pass a memoising wrapper as `terms=` to
`build_index`/`documents`, e.g. one keyed by `id(p)` that also holds `p` (so the id stays
valid) and is dropped or pruned with the catalogue.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from lunr.builder import Builder

from ..catalogue import Catalogue
from ..model import Procedure
from ..render import urls
from ..render.names import short_name
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


def documents(
    catalogue: Catalogue,
    url_style: urls.Urls,
    terms: Callable[[Procedure], ProcedureTerms] = procedure_terms,
) -> list[tuple[SearchDoc, dict[str, str]]]:
    """(what to show, what to index) for every searchable page, in a stable order."""
    found: list[tuple[SearchDoc, dict[str, str]]] = []
    featured = set(catalogue.settings.featured if catalogue.settings else [])
    for procedure_id in sorted(catalogue.procedures):
        p = catalogue.procedures[procedure_id]
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
        found.append((doc, _procedure_fields(p, catalogue, own)))
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


# lunr.tokenizer.SEPARATOR_CHARS, as a pattern.
_LUNR_SEPARATOR = re.compile("[ \t\n\r\f\v\xa0-]")


class _FastBuilder(Builder):  # type: ignore[misc]
    """lunr.py's Builder, with `add` specialised for our setup: string fields, no extractors,
    empty pipeline, no metadata. It fills `inverted_index`, `field_term_frequencies` and
    `field_lengths` exactly as `Builder.add` does (same keys, values and insertion order),
    so `build()` and `encode` give the same result; anything else falls back to lunr."""

    def add(self, doc: dict[str, Any], attributes: dict[str, Any] | None = None) -> None:
        if (
            self.pipeline._stack
            or self.metadata_whitelist
            or any(f.extractor is not None for f in self._fields.values())
            or not all(isinstance(doc[name], str) for name in self._fields)
        ):
            super().add(doc, attributes)
            return
        doc_ref = str(doc[self._ref])
        again = doc_ref in self._documents  # Builder.add keeps the first posting of a re-added ref
        self._documents[doc_ref] = attributes or {}
        self.document_count += 1
        inverted_index = self.inverted_index
        for field_name in self._fields:
            terms = [t for t in _LUNR_SEPARATOR.split(doc[field_name].lower()) if t]
            field_ref = f"{field_name}/{doc_ref}"
            self.field_term_frequencies[field_ref] = field_terms = Counter(terms)
            self.field_lengths[field_ref] = len(terms)
            for term in field_terms:  # first-appearance order, as Builder.add meets them
                posting = inverted_index.get(term)
                if posting is None:
                    posting = {name: {} for name in self._fields}
                    posting["_index"] = self.term_index
                    self.term_index += 1
                    inverted_index[term] = posting
                if again:
                    posting[field_name].setdefault(doc_ref, {})
                else:
                    posting[field_name][doc_ref] = {}


def _extra(doc: SearchDoc) -> list[str | int]:
    """The store's optional tail, written only when needed: [full name, featured (1)]."""
    if doc.featured:
        return [doc.full, 1]
    return [doc.full] if doc.full else []


def lunr_builder(records: list[dict[str, str]]) -> Builder:
    """A lunr.py builder over pre-folded tokens: no stemmer, stop words or trimmer."""
    builder = _FastBuilder()
    builder.pipeline.reset()
    builder.search_pipeline.reset()
    builder.ref("ref")
    for field in FIELDS:
        builder.field(field)
    for record in records:
        builder.add(record)
    return builder


def build_index(
    catalogue: Catalogue,
    url_style: urls.Urls,
    terms: Callable[[Procedure], ProcedureTerms] = procedure_terms,
) -> tuple[dict[str, Any], Builder]:
    """The search payload (compact lunr index plus result store) and the builder behind it.

    `terms` computes the per-procedure part; pass a memoising wrapper of `procedure_terms`
    to reuse it between builds (see the module docstring).
    """
    docs = documents(catalogue, url_style, terms)
    builder = lunr_builder([{"ref": str(i), **fields} for i, (_, fields) in enumerate(docs)])
    store = [[d.url, d.title, d.meta, d.snippet, d.status, *_extra(d)] for d, _ in docs]
    return {"index": encode(builder, FIELDS), "store": store}, builder
