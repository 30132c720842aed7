"""The search index, written directly in a lossless, compact encoding that search-worker.js expands.

lunr's own JSON repeats every posting as `"12":{}` and ships a field vector (term index and
BM25 weight) for every document field: 839 KB gzip for 2,000 procedures, twice the budget
a citizen on a slow phone link should pay. The vectors are a pure function of the postings,
the field lengths and the term frequencies, so we ship those and the worker recomputes the
vectors with lunr's own formula before `lunr.Index.load`.

We write this ourselves rather than through lunr.py's `Builder`: our fields are pre-folded
tokens and both pipelines are empty, so all `Builder.add` does is split on lunr's separators
and count, and doing that through its generic token and pipeline objects took several times
longer than this whole function (benchmarks/bench_index.py). Nothing here reads lunr's
internals; tests/test_search_parity.py holds the expanded index to what lunr.py's public
`Builder` builds from the same records, and both to the same search results.
"""

from __future__ import annotations

import re
from array import array
from collections import Counter
from collections.abc import Iterable, Mapping
from itertools import pairwise
from typing import Any

FORMAT = 1
# lunr's BM25 parameters (lunr.py's and lunr.js's defaults): the worker weighs with these.
K1 = 1.2
B = 0.75
# lunr.tokenizer.SEPARATOR_CHARS: how lunr splits a field's text into terms.
_SEPARATOR = re.compile("[ \t\n\r\f\v\xa0-]")


def encode(records: Iterable[Mapping[str, str]], fields: tuple[str, ...]) -> dict[str, Any]:
    """The index of `records` (document ref = position): terms numbered in order of first
    appearance (as lunr numbers them), per term the delta-coded refs of each field holding it,
    each field's length per document, and the term frequencies that are not 1."""
    number: dict[str, int] = {}
    terms: list[str] = []
    # Per term, its postings as ref × fields + field index, ascending: one array of machine
    # integers a term instead of a dict of lists of Python ints (20,000 procedures: the build's
    # largest moment, 70 MB less).
    found: list[array[int]] = []
    lengths: dict[str, list[int]] = {field: [] for field in fields}
    repeats: list[list[int]] = []
    width = len(fields)
    count = 0
    for ref, record in enumerate(records):
        count = ref + 1
        for field_index, field in enumerate(fields):
            words = [w for w in _SEPARATOR.split(record[field].lower()) if w]
            lengths[field].append(len(words))
            posting = ref * width + field_index
            for term, tf in Counter(words).items():  # first-appearance order
                term_number = number.get(term)
                if term_number is None:
                    term_number = number[term] = len(terms)
                    terms.append(term)
                    found.append(array("q"))
                found[term_number].append(posting)
                if tf != 1:
                    repeats.append([field_index, ref, term_number, tf])
    del number
    postings = []
    for n, term_found in enumerate(found):
        postings.append(_postings(term_found, width))
        found[n] = _EMPTY  # freed as the postings are made
    del found
    return {
        "format": FORMAT,
        "fields": list(fields),
        "count": count,
        "k1": K1,
        "b": B,
        "terms": terms,
        "postings": postings,
        "lengths": lengths,
        "tf": repeats,
    }


_EMPTY = array("q")


def _postings(found: array[int], width: int) -> list[list[int]]:
    """[field index, first ref, gaps to the next refs...] per field, in field order."""
    by_field: dict[int, list[int]] = {}
    for posting in found:
        ref, field_index = divmod(posting, width)
        by_field.setdefault(field_index, []).append(ref)
    out = []
    for field_index in sorted(by_field):
        refs = by_field[field_index]
        out.append([field_index, refs[0], *(b - a for a, b in pairwise(refs))])
    return out
