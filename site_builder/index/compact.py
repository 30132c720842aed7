"""A lossless, compact encoding of a lunr.py index, expanded by search-worker.js.

lunr's own JSON repeats every posting as `"12":{}` and ships a field vector (term index and
BM25 weight) for every document field: 839 KB gzip for 2,000 procedures, twice the budget
a citizen on a slow phone link should pay. The vectors are a pure function of the postings,
the field lengths and the term frequencies, so we ship those and the worker recomputes the
vectors with lunr's own formula before `lunr.Index.load`. A test checks that the expanded
index equals the one lunr.py built.
"""

from __future__ import annotations

import operator
from typing import Any

from lunr.builder import Builder

FORMAT = 1


def encode(builder: Builder, fields: tuple[str, ...]) -> dict[str, Any]:
    """Terms in lunr's `_index` order; per term, delta-coded doc refs per field."""
    count = builder.document_count
    inverted_index = builder.inverted_index
    terms = sorted(inverted_index, key=lambda t: inverted_index[t]["_index"])
    postings: list[list[list[int]]] = []
    for term in terms:
        posting = inverted_index[term]
        entry = []
        for field_index, field in enumerate(fields):
            in_field = posting[field]
            if in_field:
                refs = sorted(map(int, in_field))
                entry.append([field_index, refs[0], *map(operator.sub, refs[1:], refs[:-1])])
        postings.append(entry)
    lengths = {field: [builder.field_lengths[f"{field}/{ref}"] for ref in range(count)] for field in fields}
    term_number = {term: i for i, term in enumerate(terms)}
    frequencies = builder.field_term_frequencies
    repeats = [
        [field_index, ref, term_number[term], tf]
        for ref in range(count)
        for field_index, field in enumerate(fields)
        for term, tf in frequencies[f"{field}/{ref}"].items()
        if tf != 1
    ]
    return {
        "format": FORMAT,
        "fields": list(fields),
        "count": count,
        "k1": builder._k1,
        "b": builder._b,
        "terms": terms,
        "postings": postings,
        "lengths": lengths,
        "tf": repeats,
    }
