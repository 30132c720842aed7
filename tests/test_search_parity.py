"""The Python index side and the JavaScript query side must agree to the letter.

Node runs the very search-worker.js shipped to browsers (with lunr.js), in the same process
layout as the page: fold/tokens on a vocabulary, the expansion of the compact index, and
queries. The index we write ourselves (index/compact.py) is held to the one lunr.py's public
`Builder` builds from the same records: same serialized index, same search results.
"""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import SAMPLE_CATALOGUE, TODAY
from lunr.builder import Builder
from lunr.index import Index
from worker_js import needs_node, run_node

from site_builder.index.builder import FIELDS, build_index
from site_builder.index.compact import encode
from site_builder.index.tokens import tokens, typed_forms, untyped
from site_builder.load import load_catalogue
from site_builder.render.urls import Urls
from site_builder.textfold import fold

RUNNER = """
const fs = require("fs"), vm = require("vm");
globalThis.lunr = require(process.argv[1] + "/vendor/lunr-2.3.9.min.js");
vm.runInThisContext(fs.readFileSync(process.argv[1] + "/search-worker.js", "utf8"));
const input = JSON.parse(fs.readFileSync(0, "utf8"));
let out;
if (input.texts) out = input.texts.map(t => [THUTUC.fold(t), THUTUC.tokens(t)]);
else if (input.queries) {
  const search = new THUTUC.Search(input.serialized || THUTUC.expand(input.compact), input.store);
  out = input.queries.map(q => search.query(q).map(r => [r[0].location, r[0].score]));
}
else if (input.typed) out = input.typed.map(t => [THUTUC.tokens(t).map(THUTUC.untyped), THUTUC.typedForms(t)]);
else out = THUTUC.expand(input.compact);
process.stdout.write(JSON.stringify(out));
"""

pytestmark = needs_node


def run_js(payload: dict[str, Any]) -> Any:
    return run_node(RUNNER, payload)


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def adversarial() -> list[str]:
    vowels = "aăâeêioôơuưy"
    tones = ["", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]
    words = []
    for vowel in vowels + vowels.upper():
        for tone in tones:
            nfc = unicodedata.normalize("NFC", vowel + tone)
            words += [nfc, unicodedata.normalize("NFD", nfc), f"h{nfc}a", f"HO{nfc}"]
    words += ["đ", "Đ", "Đăng Ký", "ĐĂNG KÝ", "hoà", "hòa", "thuỷ", "thủy", "khoẻ", "khỏe", "Quý", "qúy"]
    words += [
        "1.001193",
        "1.013978.H36",
        "(mã: 2.000815)",
        "giấy-phép",
        "xây_dựng",
        "“trích lục”",
        "a—b",
        "x/y,z",
    ]
    words += ["İstanbul", "ß", "ﬁ", "Ⅻ", "½", "e\u0301\u0323", "\u00a0khai\u2003sinh\u200b", "ǆ", "Ǳ"]
    return words


def vocabulary() -> list[str]:
    texts = []
    for path in sorted(SAMPLE_CATALOGUE.rglob("*.yml")):
        texts += _strings(yaml.safe_load(path.read_text(encoding="utf-8")))
    words = {w for text in texts for w in text.split()}
    return sorted(words) + texts + adversarial()


def test_fold_and_tokens_agree_on_the_whole_vocabulary() -> None:
    texts = vocabulary()
    assert len(texts) > 2000
    js = run_js({"texts": texts})
    mismatches = [
        (text, fold(text), folded, tokens(text), js_tokens)
        for text, (folded, js_tokens) in zip(texts, js, strict=True)
        if fold(text) != folded or tokens(text) != js_tokens
    ]
    assert mismatches == []


# Raw Telex and VNI as typed without an input method (issue 15), and words that must stay as
# they are: codes, numbers, form codes, abbreviations and English words.
TYPED = {
    "lys lichj tuw phaps": "ly lich tu phap",
    "ly1 lich5 tu7 pha1p": "ly lich tu phap",
    "dang kys khai sinh": "dang ky khai sinh",
    "ddawng kys thuwowngf trus": "dang ky thuong tru",
    "giaasy pheps xaay dungj": "giay phep xay dung",
    "lamf hooj chieeus": "lam ho chieu",
    "ddooir teen cho con": "doi ten cho con",
    "nguwowif": "nguoi",
    "d9a8ng ky1 ke6t1 ho6n": "dang ky ket hon",
    "kha1i tu73": "khai tu",
    "xoongf": "xoong",
}
_CODES_AND_WORDS = (
    "ads ct07 ct01 tk1-ts vneid 1.001234 2.000123 1.013978.H36 2025 online express gplx xoong nguo"
)
UNCHANGED = [
    *_CODES_AND_WORDS.split(),
    "14 tuổi",
    "mẫu CT01",
    "đăng ký khai sinh",
    "dang ky khai sinh",
    "giay phep xay d",
]


def test_raw_telex_and_vni_are_undone_and_nothing_else_is() -> None:
    assert {q: " ".join(typed_forms(q)[-1]) for q in TYPED} == TYPED
    assert all(typed_forms(q)[0] == tokens(q) for q in TYPED)
    assert {q: typed_forms(q) for q in UNCHANGED} == {q: [tokens(q)] for q in UNCHANGED}


def test_telex_and_vni_agree_on_the_whole_vocabulary() -> None:
    words = sorted({w for text in vocabulary() for w in tokens(text)})
    # Every word as if typed with Telex or VNI keys after it, and with a doubled first letter.
    keys = ("s", "f", "j", "w", "ow", "6", "73")
    keyed = [w + key for w in words for key in keys] + [w[0] + w for w in words]
    texts = [*vocabulary(), *TYPED, *UNCHANGED, *keyed]
    assert sum(untyped(w) is not None for w in keyed) > 1000  # most of them spell a syllable
    js = run_js({"typed": texts})
    mismatches = [
        (text, [untyped(w) for w in tokens(text)], typed_forms(text), js_untyped, js_forms)
        for text, (js_untyped, js_forms) in zip(texts, js, strict=True)
        if [untyped(w) for w in tokens(text)] != js_untyped or typed_forms(text) != js_forms
    ]
    assert mismatches == []


def test_nfc_nfd_and_old_tone_placement_fold_alike() -> None:
    assert fold("hoà") == fold("hòa") == fold(unicodedata.normalize("NFD", "hòa")) == "hoa"
    assert fold("Đăng ký") == "dang ky"
    assert tokens("Mã 1.001193, giấy-phép") == ["ma", "1.001193", "giay", "phep"]


def lunr_reference(records: list[dict[str, str]]) -> Builder:
    """lunr.py's public Builder over the same records: empty pipelines, the same fields."""
    builder = Builder()
    builder.pipeline.reset()
    builder.search_pipeline.reset()
    builder.ref("ref")
    for field in FIELDS:
        builder.field(field)
    for ref, record in enumerate(records):
        builder.add({"ref": str(ref), **record})
    return builder


@pytest.fixture(scope="module")
def sample_index() -> tuple[dict[str, Any], dict[str, Any]]:
    """(the payload thutuc writes, lunr.py's own serialized index of the same documents)."""
    loaded = load_catalogue(SAMPLE_CATALOGUE, dt.date.fromisoformat(TODAY))
    payload, docs = build_index(loaded.catalogue, Urls())
    reference = lunr_reference([fields for _, fields in docs]).build().serialize()
    return json.loads(json.dumps(payload)), json.loads(json.dumps(reference))


def relevance_queries() -> list[str]:
    """The relevance suite's queries, also without diacritics and typed halfway."""
    suite = yaml.safe_load((Path(__file__).parent / "search" / "queries.yml").read_text(encoding="utf-8"))
    queries = [entry["q"] for entry in suite]
    return queries + [fold(q) for q in queries] + [q[: max(1, len(q) * 2 // 3)] for q in queries]


def test_compact_index_expands_to_exactly_what_lunr_py_built(
    sample_index: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    payload, expected = sample_index
    assert_same_index(run_js({"compact": payload["index"]}), expected)


def assert_same_index(actual: dict[str, Any], expected: dict[str, Any]) -> None:
    assert actual["fields"] == expected["fields"]
    assert actual["invertedIndex"] == expected["invertedIndex"]
    want = dict(expected["fieldVectors"])
    got = dict(actual["fieldVectors"])
    assert want.keys() == got.keys()
    for ref, vector in want.items():
        assert got[ref][0::2] == vector[0::2], ref
        # Python rounds half to even, JavaScript half up: the last digit may differ by one.
        assert all(abs(a - b) <= 0.0011 for a, b in zip(got[ref][1::2], vector[1::2], strict=True)), ref


def same_hits(got: list[list[Any]], want: list[list[Any]]) -> bool:
    """The same results in the same order, scores equal but for lunr's 3-decimal rounding."""
    return [g[0] for g in got] == [w[0] for w in want] and all(
        abs(g[1] - w[1]) <= 1e-3 * max(1.0, abs(w[1])) for g, w in zip(got, want, strict=True)
    )


def test_the_shipped_worker_finds_the_same_with_our_index_as_with_lunrs(
    sample_index: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    payload, reference = sample_index
    queries = relevance_queries()
    ours = run_js({"queries": queries, "compact": payload["index"], "store": payload["store"]})
    theirs = run_js({"queries": queries, "serialized": reference, "store": payload["store"]})
    assert sum(1 for hits in theirs if hits) > len(queries) * 0.9  # the suite finds things
    assert [q for q, a, b in zip(queries, ours, theirs, strict=True) if not same_hits(a, b)] == []


def test_lunr_py_loads_our_index_and_finds_the_same(
    sample_index: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    payload, reference = sample_index
    ours = Index.load(run_js({"compact": payload["index"]}))
    theirs = Index.load(reference)
    for query in relevance_queries():
        words = tokens(query)
        text = " ".join([*words[:-1], words[-1] + "*"]) if words else ""
        got = [[r["ref"], r["score"]] for r in ours.search(text)]
        want = [[r["ref"], r["score"]] for r in theirs.search(text)]
        assert want, query
        assert same_hits(got, want), query


def test_encode_numbers_terms_as_lunr_does() -> None:
    """Terms in order of first appearance (document, then field, then position), lunr's `_index`."""
    records = [
        {"code": "", "name": "b a b", "kw": "c", "other": "a-d"},
        {"code": "x", "name": "a", "kw": "", "other": "b\xa0e"},
    ]
    compact = encode(records, FIELDS)
    assert compact["terms"] == ["b", "a", "c", "d", "x", "e"]
    assert compact["postings"][1] == [[1, 0, 1], [3, 0]]  # "a": name of 0 and 1, other of 0
    assert compact["lengths"] == {"code": [0, 1], "name": [3, 1], "kw": [1, 0], "other": [2, 2]}
    assert compact["tf"] == [[1, 0, 0, 2]]  # "b" twice in the name of 0
    expected = json.loads(json.dumps(lunr_reference(records).build().serialize()))
    assert_same_index(run_js({"compact": compact}), expected)
