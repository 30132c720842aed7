"""Cut the search payload into a small manifest, term shards and result-store chunks.

A citizen's first search should download what that search needs, not the whole catalogue's
index (2.8 MB gzip at 20,000 procedures). Every term goes to the shard of its key: its first
two characters, or three in the groups that are large ("th", "ng"...), so one typed word needs
a known small set of shards, including every term it is a prefix of while it is being typed
(see `shard_keys` and search-worker.js `keysFor`, which must agree). Pairs `a_b` begin with
`a`: they are in the shard of their first word.

A shard carries, for its terms: the term, its global term number (lunr's `_index`, which
orders the field vectors), its postings in every field and its term frequencies other than 1.
lunr's score of a document depends only on the query terms' postings (their idf counts every
field), the document's field lengths (in the manifest) and term frequencies, and lunr divides
the dot product by the query vector's magnitude, not the document's: an index built from the
loaded shards scores exactly as the whole one (tests/test_search_shards.py).

The result store (url, title, meta, snippet, status, full name, featured) is cut into chunks of
`CHUNK` consecutive documents; the worker fetches the chunks of the hits it ranks.

File names carry a hash of the bytes, so a cache can never serve a stale shard; in builds with
file URLs every JSON file has a `.js` twin for file://, where the worker loads scripts instead
of fetching (writer.py).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

FORMAT = 2
PARTS = "search/parts"  # every hashed file, so a build can drop the ones it did not write
# A two-character group with more postings and characters than this is split by three
# characters. Smaller shards cost a request each; larger ones make a word's first two letters
# download more (at 20,000 procedures: 356 shards, the largest, "thu", 78 KB gzip).
SPLIT = 12_000
CHUNK = 32  # documents per store chunk: about 2.6 KB gzip when neighbours share words


def key(term: str, split: frozenset[str]) -> str:
    """The shard a term belongs to (a term shorter than the key length is its own key)."""
    return term[:3] if term[:2] in split else term[:2]


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _file_key(name: str) -> str:
    """A key as part of a file name: codes in the code field may hold any character ("/")."""
    return name if re.fullmatch("[a-z0-9_]+", name) else "x" + name.encode("utf-8").hex()


def _named(kind: str, data: bytes) -> str:
    return f"{PARTS}/{kind}.{hashlib.sha256(data).hexdigest()[:12]}.json"


def _groups(terms: list[str], postings: list[Any], split_above: int) -> dict[str, list[int]]:
    """Term numbers by key, with the big two-character groups split by three."""
    by_two: dict[str, list[int]] = defaultdict(list)
    for number, term in enumerate(terms):
        by_two[term[:2]].append(number)
    # The number of integers and characters: proportional enough to the bytes written.
    size = {k: sum(len(terms[n]) + sum(map(len, postings[n])) for n in ns) for k, ns in by_two.items()}
    split = frozenset(k for k, weight in size.items() if weight > split_above)
    groups: dict[str, list[int]] = defaultdict(list)
    for number, term in enumerate(terms):
        groups[key(term, split)].append(number)
    return groups


def parts(payload: dict[str, Any], split: int = SPLIT) -> Iterator[tuple[str, bytes]]:
    """(path in the site, JSON bytes) of every shard and store chunk, then the manifest last.
    `split`: the size above which a group is split (smaller in tests of a small catalogue)."""
    index, store = payload["index"], payload["store"]
    terms, postings = index["terms"], index["postings"]
    groups = _groups(terms, postings, split)
    tf_of: dict[int, list[list[int]]] = defaultdict(list)
    for entry in index["tf"]:
        tf_of[entry[2]].append(entry)
    table: dict[str, str] = {}
    for name in sorted(groups):
        numbers = groups[name]
        shard = {
            "terms": [terms[n] for n in numbers],
            "numbers": numbers,
            "postings": [postings[n] for n in numbers],
            "tf": [entry for n in numbers for entry in tf_of.get(n, ())],
        }
        data = _json(shard)
        table[name] = _named("s-" + _file_key(name), data)
        yield table[name], data
    chunks = []
    for start in range(0, len(store), CHUNK):
        data = _json(store[start : start + CHUNK])
        chunks.append(_named("r", data))
        yield chunks[-1], data
    manifest = {
        "format": FORMAT,
        "fields": index["fields"],
        "count": index["count"],
        "k1": index["k1"],
        "b": index["b"],
        "lengths": index["lengths"],
        "shards": table,
        "chunk": CHUNK,
        "store": chunks,
    }
    data = _json(manifest)
    yield _named("manifest", data), data
