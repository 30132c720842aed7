"""The Python index side and the JavaScript query side must agree to the letter.

Node runs the very search-worker.js shipped to browsers (with lunr.js), in the same process
layout as the page: fold/tokens on a vocabulary, and the expansion of the compact index.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import SAMPLE_CATALOGUE, TODAY

from site_builder.index.builder import FIELDS, documents, lunr_builder
from site_builder.index.compact import encode
from site_builder.index.tokens import tokens, typed_forms, untyped
from site_builder.load import load_catalogue
from site_builder.render.urls import Urls
from site_builder.textfold import fold

JS = Path(__file__).resolve().parent.parent / "site_builder" / "index" / "js"
NODE = shutil.which("node")
RUNNER = """
const fs = require("fs"), vm = require("vm");
globalThis.lunr = require(process.argv[1] + "/vendor/lunr-2.3.9.min.js");
vm.runInThisContext(fs.readFileSync(process.argv[1] + "/search-worker.js", "utf8"));
const input = JSON.parse(fs.readFileSync(0, "utf8"));
let out;
if (input.texts) out = input.texts.map(t => [THUTUC.fold(t), THUTUC.tokens(t)]);
else if (input.typed) out = input.typed.map(t => [THUTUC.tokens(t).map(THUTUC.untyped), THUTUC.typedForms(t)]);
else out = THUTUC.expand(input.compact);
process.stdout.write(JSON.stringify(out));
"""

pytestmark = pytest.mark.skipif(NODE is None, reason="node is needed to run the shipped worker code")


def run_js(payload: dict[str, Any]) -> Any:
    assert NODE is not None
    result = subprocess.run(
        [NODE, "-e", RUNNER, str(JS)], input=json.dumps(payload), capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)


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


def test_compact_index_expands_to_exactly_what_lunr_py_built() -> None:
    loaded = load_catalogue(SAMPLE_CATALOGUE, dt.date.fromisoformat(TODAY))
    docs = documents(loaded.catalogue, Urls())
    builder = lunr_builder([{"ref": str(i), **fields} for i, (_, fields) in enumerate(docs)])
    compact = json.loads(json.dumps(encode(builder, FIELDS)))
    expected = json.loads(json.dumps(builder.build().serialize()))
    actual = run_js({"compact": compact})
    assert actual["fields"] == expected["fields"]
    assert actual["invertedIndex"] == expected["invertedIndex"]
    want = dict(expected["fieldVectors"])
    got = dict(actual["fieldVectors"])
    assert want.keys() == got.keys()
    for ref, vector in want.items():
        assert got[ref][0::2] == vector[0::2], ref
        # Python rounds half to even, JavaScript half up: the last digit may differ by one.
        assert all(abs(a - b) <= 0.0011 for a, b in zip(got[ref][1::2], vector[1::2], strict=True)), ref
