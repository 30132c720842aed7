"""The sharded search index ranks exactly as the single one, and a search loads only its parts.

The worker shipped to browsers (search-worker.js with lunr.js) runs in Node on the real-name
catalogue (tests/realnames.py) over every query of the relevance suites: the single index
(`THUTUC.Search` over the whole payload) and the sharded one (`THUTUC.Sharded` over the files
`write_search` wrote, read as JSON and as the `.js` twins file:// loads) must give the same
results in the same order with the same scores. In Chromium, online and from file://, the
worker behind Material's search box gives those same results, a search requests only its own
shards, and a burst of keystrokes is answered once, for the last one.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, TODAY, build_site, run_thutuc, serve_directory
from playwright.sync_api import Browser, Page
from realnames import KEYWORDS, real_catalogue
from worker_js import needs_node, run_node

from site_builder.index.builder import FIELDS, build_index, documents, in_search_order, merged_payload
from site_builder.index.compact import encode
from site_builder.index.shards import PARTS, SPLIT, parts
from site_builder.index.tokens import typed_forms
from site_builder.index.writer import INDEX_JSON, WORKER, write_search
from site_builder.load import load_catalogue
from site_builder.render.output import Output
from site_builder.render.urls import Urls
from site_builder.textfold import fold

# Node as the browser's worker: `json` reads a part as fetch does, `script` runs its `.js` twin
# as importScripts does under file://. `fresh` gives every query a new index (a first search).
RUNNER = """
const fs = require("fs"), vm = require("vm"), path = require("path");
globalThis.lunr = require(process.argv[1] + "/vendor/lunr-2.3.9.min.js");
vm.runInThisContext(fs.readFileSync(process.argv[1] + "/search-worker.js", "utf8"));
globalThis.self = globalThis;
const input = JSON.parse(fs.readFileSync(0, "utf8")), site = input.site;
const json = p => JSON.parse(fs.readFileSync(path.join(site, p), "utf8"));
const script = p => {
  vm.runInThisContext(fs.readFileSync(path.join(site, p.replace(/\\.json$/, ".js")), "utf8"));
  const data = self.__thutuc[p];
  delete self.__thutuc[p];
  return data;
};
const shown = items => items.map(r => [r[0].location, r[0].score]);
(async () => {
  const read = input.mode === "script" ? script : json;
  const manifest = read(JSON.parse(fs.readFileSync(path.join(site, "search/search_index.json"))).config.thutuc.manifest);
  let out = [];
  if (input.mode === "single") {
    const search = new THUTUC.Search(THUTUC.expand(input.payload.index), input.payload.store);
    out = input.queries.map(q => shown(search.query(q)));
  } else {
    let loaded = [], sharded = null;
    for (const q of input.queries) {
      if (!sharded || input.fresh) {
        loaded = [];
        sharded = new THUTUC.Sharded(manifest, p => { loaded.push(p); return Promise.resolve(read(p)); }, input.step);
      }
      const items = shown(await sharded.query(q));
      out.push(input.fresh ? [items, loaded] : items);
    }
  }
  process.stdout.write(JSON.stringify(out));
})();
"""

pytestmark = needs_node


def run_js(payload: dict[str, Any]) -> Any:
    return run_node(RUNNER, payload)


def suite_queries() -> list[str]:
    """Every query of the relevance suites and every keyword, also folded and typed halfway."""
    queries = []
    for name in ("queries.yml", "real-queries.yml"):
        queries += [e["q"] for e in yaml.safe_load((ROOT / "tests" / "search" / name).read_text("utf-8"))]
    keywords: dict[str, list[str]] = yaml.safe_load(KEYWORDS.read_text(encoding="utf-8"))
    queries += [k for words in keywords.values() for k in words]
    halfway = [q[: max(1, len(q) * 2 // 3)] for q in queries]
    return list(dict.fromkeys(queries + [fold(q) for q in queries] + halfway))


@pytest.fixture(scope="module")
def real_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return real_catalogue(tmp_path_factory.mktemp("real") / "project")


@pytest.fixture(scope="module")
def payload(real_project: Path) -> dict[str, Any]:
    loaded = load_catalogue(real_project / "procedures", dt.date.fromisoformat(TODAY))
    found, _ = build_index(loaded.catalogue, Urls())
    result: dict[str, Any] = json.loads(json.dumps(found))
    return result


# As written, and with groups split much sooner: at this catalogue's size no group is as large
# as the split size of 20,000 procedures, and three-character keys need testing too.
@pytest.fixture(scope="module", params=[SPLIT, SPLIT // 40], ids=["as-written", "split-early"])
def written(
    payload: dict[str, Any], request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[dict[str, Any], Path]:
    """(the single payload, a folder holding the search files written from it)."""
    site = tmp_path_factory.mktemp("search")
    write_search(site, payload, split=request.param)
    return payload, site


def test_sharded_index_ranks_exactly_as_the_single_one(written: tuple[dict[str, Any], Path]) -> None:
    payload, site = written
    queries = suite_queries()
    single = run_js({"mode": "single", "site": str(site), "payload": payload, "queries": queries})
    sharded = run_js({"mode": "json", "site": str(site), "queries": queries})
    assert sum(1 for hits in single if hits) > len(queries) * 0.9  # the suites find things
    assert [q for q, a, b in zip(queries, sharded, single, strict=True) if a != b] == []


def test_a_query_scored_a_few_documents_at_a_time_ranks_as_the_single_index(
    written: tuple[dict[str, Any], Path],
) -> None:
    """Under file:// the worker runs on the page's main thread: a query is scored in steps of a
    few documents (at 20,000 procedures, thousands of postings a step), here of 40 postings."""
    payload, site = written
    queries = suite_queries()
    single = run_js({"mode": "single", "site": str(site), "payload": payload, "queries": queries})
    sharded = run_js({"mode": "json", "site": str(site), "queries": queries, "step": 40})
    assert [q for q, a, b in zip(queries, sharded, single, strict=True) if a != b] == []


def test_a_first_search_from_the_script_twins_ranks_as_the_single_index(
    written: tuple[dict[str, Any], Path],
) -> None:
    payload, site = written
    queries = suite_queries()[::3]
    single = run_js({"mode": "single", "site": str(site), "payload": payload, "queries": queries})
    sharded = run_js({"mode": "script", "fresh": True, "site": str(site), "queries": queries})
    assert [q for q, (got, _), want in zip(queries, sharded, single, strict=True) if got != want] == []


def manifest_of(site: Path) -> dict[str, Any]:
    small = json.loads((site / INDEX_JSON).read_text(encoding="utf-8"))
    found: dict[str, Any] = json.loads((site / small["config"]["thutuc"]["manifest"]).read_text("utf-8"))
    return found


def expected_shards(query: str, table: dict[str, str]) -> set[str]:
    """The shards a query needs by the rule of index/shards.py, written again here: every word's
    own, its pair with the word before, and every key the last word begins while typed."""
    needed = set()
    for words in typed_forms(query):
        for i, word in enumerate(words):
            typing = i == len(words) - 1 and len(word) >= 2
            for term in [word] + ([f"{words[i - 1]}_{word}"] if i else []):
                own = term[:3] if term[:3] in table else term[:2]
                needed |= {table[own]} if own in table else set()
                if typing:
                    needed |= {file for key, file in table.items() if key.startswith(term)}
    return needed


def test_a_first_search_loads_its_shards_and_the_chunks_of_its_hits_only(
    written: tuple[dict[str, Any], Path],
) -> None:
    _, site = written
    manifest = manifest_of(site)
    queries = ["dang ky khai sinh", "giấy phép xây d", "1.00", "th", "ho chieu"]
    runs = run_js({"mode": "json", "fresh": True, "site": str(site), "queries": queries})
    for query, (items, loaded) in zip(queries, runs, strict=True):
        shards = {p for p in loaded if p in manifest["shards"].values()}
        chunks = [p for p in loaded if p in manifest["store"]]
        assert shards == expected_shards(query, manifest["shards"]), query
        assert len(chunks) + len(shards) == len(loaded) == len(set(loaded)), query
        assert 0 < len(chunks) <= len(items) <= 60, query
    assert len(manifest["shards"]) > 100 and len(manifest["store"]) > 20


# What a first search does, in order: "step" when lunr scores a range of documents, a part's
# path when the worker asks for it.
ORDER = """
const fs = require("fs"), vm = require("vm"), path = require("path");
globalThis.lunr = require(process.argv[1] + "/vendor/lunr-2.3.9.min.js");
vm.runInThisContext(fs.readFileSync(process.argv[1] + "/search-worker.js", "utf8"));
const input = JSON.parse(fs.readFileSync(0, "utf8")), site = input.site;
const read = p => JSON.parse(fs.readFileSync(path.join(site, p), "utf8"));
const manifest = read(read("search/search_index.json").config.thutuc.manifest);
let events = [];
const step = THUTUC.Sharded.prototype.step;
THUTUC.Sharded.prototype.step = function () { events.push("step"); return step.apply(this, arguments); };
(async () => {
  const out = [];
  for (const q of input.queries) {
    events = [];
    const sharded = new THUTUC.Sharded(manifest, p => { events.push(p); return Promise.resolve(read(p)); });
    const items = await sharded.query(q);
    out.push([items.map(r => r[0].location), events]);
  }
  process.stdout.write(JSON.stringify(out));
})();
"""


def test_the_store_chunks_of_the_likely_hits_load_while_lunr_scores_them(
    written: tuple[dict[str, Any], Path],
) -> None:
    """The rows of a search's hits used to be asked for once lunr had scored them: a second
    round of requests after the shards'. Now those of the likely hits are asked for before
    lunr scores, and the result list needs no other."""
    _, site = written
    manifest = manifest_of(site)
    chunk_of = {
        row[0]: file for file in manifest["store"] for row in json.loads((site / file).read_text("utf-8"))
    }
    queries = ["giấy phép", "dang ky", "cap lai", "xin phep ban ruou"]
    counts = []
    for query, (shown, events) in zip(
        queries, run_node(ORDER, {"site": str(site), "queries": queries}), strict=True
    ):
        first_step = events.index("step")
        asked = [e for e in events if e in manifest["store"]]
        assert shown, query
        assert {chunk_of[location] for location in shown} <= set(events[:first_step]), query
        assert len(asked) == len(set(asked)), query  # each chunk once
        counts.append(len(shown))
    assert max(counts) == 60 and min(counts) < 60  # hits narrowed to the likely ones, and not


def test_big_groups_are_split_by_three_characters_and_every_part_is_named_by_its_bytes(
    payload: dict[str, Any],
) -> None:
    written_parts = dict(parts(payload, SPLIT // 40))
    manifest = json.loads(written_parts[list(written_parts)[-1]])
    assert all(name.startswith(PARTS + "/") for name in written_parts)
    assert len({Path(name).name for name in written_parts}) == len(written_parts)
    keys = manifest["shards"]
    assert any(len(k) == 3 for k in keys) and any(len(k) == 2 for k in keys)
    assert dict(parts(payload, SPLIT // 40)) == written_parts  # the same bytes, the same names


# In the browser: the worker behind Material's search box, driven with Material's protocol.
CAPTURE = """
window.__answers = [];
const Native = window.Worker;
window.Worker = class extends Native {
  constructor(url, options) {
    super(url, options);
    window.__worker = this;
    const post = this.postMessage.bind(this);
    let asked = [];
    this.postMessage = m => { if (m && m.type === 2) asked.push(m.data); post(m); };
    this.addEventListener("message", e => {
      if (!e.data || e.data.type !== 3) return;
      // Which query an answer is for: the worker answers the last query it was asked.
      window.__answers.push([asked.at(-1), e.data.data.items.map(r => [r[0].location, r[0].score])]);
    });
  }
};
"""
ASK = """
async ([url, manifest, queries]) => {
  const worker = new Worker(url);
  const next = () => new Promise(resolve => {
    const on = e => { worker.removeEventListener("message", on); resolve(e.data); };
    worker.addEventListener("message", on);
  });
  let message = next();
  worker.postMessage({ type: 0, data: { config: { thutuc: { manifest } }, docs: [] } });
  while ((await message).type !== 1) message = next();
  const out = [];
  for (const q of queries) {
    message = next();
    worker.postMessage({ type: 2, data: q });
    let answer = await message;
    while (answer.type !== 3) { message = next(); answer = await message; }
    out.push(answer.data.items.map(r => [r[0].location, r[0].score]));
  }
  return out;
}
"""


@pytest.fixture(scope="module")
def online_site(real_project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(real_project, tmp_path_factory.mktemp("online") / "site")


@pytest.fixture(scope="module")
def offline_site(real_project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("offline") / "site"
    config = str(real_project / "mkdocs.yml")
    result = run_thutuc("build", "--offline", "--config", config, "--site-dir", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def test_only_a_build_with_file_urls_writes_the_script_twins(online_site: Path, offline_site: Path) -> None:
    """file:// loads scripts; a site with directory URLs cannot be browsed from there anyway."""
    for site, twins in ((online_site, False), (offline_site, True)):
        found = sorted(p.name for p in (site / PARTS).iterdir())
        data = [name for name in found if name.endswith(".json")]
        scripts = [name for name in found if name.endswith(".js")]
        assert len(data) > 100
        assert scripts == ([name.removesuffix("json") + "js" for name in data] if twins else []), site
        assert (site / "search" / "search_index.js").is_file() == twins


def single_of_site(site: Path, queries: list[str]) -> Any:
    """The single index's results for `site`: its parts joined back into one payload."""
    manifest = manifest_of(site)
    shards = [json.loads((site / file).read_text(encoding="utf-8")) for file in manifest["shards"].values()]
    count = sum(len(s["terms"]) for s in shards)
    terms: list[str] = [""] * count
    postings: list[Any] = [None] * count
    tf: list[list[int]] = []
    for shard in shards:
        for term, number, entries in zip(shard["terms"], shard["numbers"], shard["postings"], strict=True):
            terms[number], postings[number] = term, entries
        tf += shard["tf"]
    index = {key: manifest[key] for key in ("fields", "count", "k1", "b", "lengths")}
    index |= {"terms": terms, "postings": postings, "tf": tf}
    store = [row for file in manifest["store"] for row in json.loads((site / file).read_text("utf-8"))]
    single = {"index": index, "store": store}
    return run_js({"mode": "single", "site": str(site), "payload": single, "queries": queries})


def ask_worker(page: Page, site: Path, queries: list[str]) -> Any:
    small = json.loads((site / INDEX_JSON).read_text(encoding="utf-8"))
    url = page.evaluate("u => new URL(u, location.href).href", WORKER)
    return page.evaluate(ASK, [url, small["config"]["thutuc"]["manifest"], queries])


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def test_the_browsers_worker_online_ranks_as_the_single_index(page: Page, online_site: Path) -> None:
    queries = suite_queries()
    with serve_directory(online_site) as url:
        page.goto(url)
        got = ask_worker(page, online_site, queries)
    want = single_of_site(online_site, queries)
    assert sum(1 for hits in want if hits) > len(queries) * 0.9
    assert [q for q, a, b in zip(queries, got, want, strict=True) if a != b] == []


def test_the_kiosks_worker_from_file_ranks_as_the_single_index(page: Page, offline_site: Path) -> None:
    queries = suite_queries()
    page.goto((offline_site / "index.html").as_uri())
    got = ask_worker(page, offline_site, queries)
    want = single_of_site(offline_site, queries)
    assert sum(1 for hits in want if hits) > len(queries) * 0.9
    assert [q for q, a, b in zip(queries, got, want, strict=True) if a != b] == []


RESULT_LINKS = ".md-search-result__list > .md-search-result__item > a.md-search-result__link"


def location_of(href: str, base: str) -> str:
    """A result link as the worker's location: without the site's address and Material's `?h=`."""
    return re.sub(r"\?[^#]*", "", href.removeprefix(base).removeprefix("./"))


def test_a_burst_of_keystrokes_is_answered_once_for_the_last_one(page: Page, online_site: Path) -> None:
    typed = "giấy phép lái xe hạng a1"
    keystrokes = [typed[:n] for n in range(3, len(typed) + 1)]  # 22 queries, one per keystroke
    want = single_of_site(online_site, [typed, "ho chieu"])
    page.add_init_script(CAPTURE)
    with serve_directory(online_site) as url:
        page.goto(url)
        # Material asks for the empty query once the worker is ready: that answer comes first.
        page.wait_for_function("window.__answers.length === 1")
        # All of them reach the worker before it answers any, as keystrokes during a search do.
        page.evaluate("qs => qs.forEach(q => window.__worker.postMessage({type: 2, data: q}))", keystrokes)
        page.wait_for_function("window.__answers.length > 1")
        # The worker answers in order: once a later query is answered, the burst's answers are in.
        page.evaluate("() => window.__worker.postMessage({type: 2, data: 'ho chieu'})")
        page.wait_for_function("window.__answers.at(-1)[0] === 'ho chieu'")
        answers = page.evaluate("window.__answers.slice(1)")
    assert [a[0] for a in answers] == [typed, "ho chieu"]
    assert [a[1] for a in answers] == want


def test_typing_quickly_in_the_search_box_shows_the_last_querys_results(
    page: Page, online_site: Path
) -> None:
    typed = "cấp lại giấy phép lái xe"
    want = [location for location, _ in single_of_site(online_site, [typed])[0][:10]]
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    with serve_directory(online_site) as url:
        page.goto(url)
        page.keyboard.press("/")
        box = page.locator("input.md-search__input")
        box.wait_for(state="visible")
        for n in range(2, len(typed) + 1):
            box.fill(typed[:n])
        shown: list[str] = []
        for _ in range(150):  # waiting for the list to settle, not timing it
            links = page.eval_on_selector_all(RESULT_LINKS, "as => as.slice(0, 10).map(a => a.href)")
            shown = [location_of(h, url) for h in links]
            if shown == want:
                break
            page.wait_for_timeout(100)
    assert shown == want
    assert not [r for r in requested if "thutuc_index" in r]
    assert any("/search/parts/s-" in r for r in requested)


def test_a_key_of_any_characters_makes_a_plain_file_name() -> None:
    """The code field keeps what an editor wrote in a code (a slash, a "đ")."""
    records = [{"code": "qđ/12 1.000894", "name": "a b", "kw": "", "other": ""}]
    payload = {"index": encode(records, FIELDS), "store": [["u/", "Tên", "", "", "active"]]}
    names = [name for name, _ in parts(payload)]
    assert len(names) == 6  # the shards "qđ", "1.", "a" and "b", a store chunk, the manifest
    assert all(re.fullmatch(r"search/parts/[a-z0-9_.-]+\.json", name) for name in names), names


def test_a_changed_result_rewrites_its_chunk_and_the_files_naming_it_only(
    payload: dict[str, Any], tmp_path: Path
) -> None:
    """What the preview relies on: through an `Output`, equal parts are not written again."""
    first = Output()
    write_search(tmp_path, payload, first)
    changed = json.loads(json.dumps(payload))
    changed["store"][0][1] += " (sửa)"
    second = Output(dict(first.written))
    write_search(tmp_path, changed, second)
    rewritten = sorted(
        p.relative_to(tmp_path).as_posix() for p, h in second.written.items() if first.written.get(p) != h
    )
    kinds = [re.sub(r"\.[0-9a-f]{12}\.", ".*.", name) for name in rewritten]
    assert kinds == [
        "search/parts/manifest.*.js",
        "search/parts/manifest.*.json",
        "search/parts/r.*.js",
        "search/parts/r.*.json",
        "search/search_index.js",
        "search/search_index.json",
    ]


def test_an_index_merged_from_runs_of_documents_is_the_single_payload(
    real_project: Path, payload: dict[str, Any]
) -> None:
    """A full build merges the index from its parts' documents, each part's sorted on its own
    (gathered.py, merged_payload): the same payload, whatever the runs, an empty one included."""
    loaded = load_catalogue(real_project / "procedures", dt.date.fromisoformat(TODAY))
    found = documents(loaded.catalogue, Urls())
    cuts = [0, 1, 1, 9, len(found) // 3, len(found) // 2 + 5, len(found)]
    runs = [found[start:end] for start, end in pairwise(cuts)]
    assert [] in runs and sum(map(len, runs)) == len(found) > 100
    for run in runs:
        in_search_order(run)
    merged = json.loads(json.dumps(merged_payload([iter(run) for run in runs])))
    assert merged["index"]["count"] == len(found) == len(merged["store"])
    assert merged == payload
