"""Write the search files into the built site.

search/search_index.json   small: what Material's UI loads and hands to the worker (SETUP)
search/search_index.js     the same as a script, for file:// where fetch is blocked
search/thutuc_index.json   the index and result store, fetched by the worker itself
search/thutuc_index.js     the same as a script, for file://
assets/javascripts/workers/thutuc-search.js   lunr.js + our worker, one plain script
assets/javascripts/vendor/iframe-worker-shim.js   Material's file:// worker shim, local copy

The large file is loaded by the worker, not by the page: parsing it and copying it into the
worker with postMessage took most of the page's longest task (293 ms at 20,000 procedures).
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

WORKER = "assets/javascripts/workers/thutuc-search.js"
SHIM = "assets/javascripts/vendor/iframe-worker-shim.js"
INDEX_JSON = "search/search_index.json"
INDEX_JS = "search/search_index.js"
DATA_JSON = "search/thutuc_index.json"
DATA_JS = "search/thutuc_index.js"
# Material's highlighter splits `?h=` terms on this; it must not split Vietnamese words.
SEPARATOR = r"[\s\-,.;:!?()\[\]\"'/]+"


def _js(name: str) -> str:
    return resources.files("site_builder.index").joinpath("js", name).read_text(encoding="utf-8")


def search_index() -> dict[str, Any]:
    """What Material's UI loads and forwards to the worker: where the data is, relative to the site."""
    thutuc = {"data": DATA_JSON, "script": DATA_JS}
    return {"config": {"lang": ["vi"], "separator": SEPARATOR, "pipeline": [], "thutuc": thutuc}, "docs": []}


def _script(variable: str, data: str) -> str:
    # JSON.parse of a string literal evaluates several times faster than an object literal.
    literal = json.dumps(data, ensure_ascii=False).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"var {variable} = JSON.parse({literal});\n"


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def write_search(site_dir: Path, payload: dict[str, Any]) -> list[Path]:
    small = json.dumps(search_index(), ensure_ascii=False, separators=(",", ":"))
    data = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return [
        _write(site_dir / INDEX_JSON, small),
        _write(site_dir / INDEX_JS, _script("__index", small)),
        _write(site_dir / DATA_JSON, data),
        _write(site_dir / DATA_JS, _script("__thutuc_index", data)),
        _write(site_dir / WORKER, _js("vendor/lunr-2.3.9.min.js") + "\n" + _js("search-worker.js")),
        _write(site_dir / SHIM, _js("vendor/iframe-worker-1.0.4-shim.js")),
    ]
