"""Write the search files into the built site.

search/search_index.json   fetched by Material's UI online, handed to the worker as SETUP
search/search_index.js     the same data as a script, for file:// where fetch is blocked
assets/javascripts/workers/thutuc-search.js   lunr.js + our worker, one plain script
assets/javascripts/vendor/iframe-worker-shim.js   Material's file:// worker shim, local copy
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
# Material's highlighter splits `?h=` terms on this; it must not split Vietnamese words.
SEPARATOR = r"[\s\-,.;:!?()\[\]\"'/]+"


def _js(name: str) -> str:
    return resources.files("site_builder.index").joinpath("js", name).read_text(encoding="utf-8")


def search_index(payload: dict[str, Any]) -> dict[str, Any]:
    """The object Material's UI loads and forwards to the worker unchanged (our data in config)."""
    return {"config": {"lang": ["vi"], "separator": SEPARATOR, "pipeline": [], "thutuc": payload}, "docs": []}


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def write_search(site_dir: Path, payload: dict[str, Any]) -> list[Path]:
    data = json.dumps(search_index(payload), ensure_ascii=False, separators=(",", ":"))
    # JSON.parse of a string literal evaluates several times faster than an object literal.
    literal = json.dumps(data, ensure_ascii=False).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return [
        _write(site_dir / INDEX_JSON, data),
        _write(site_dir / INDEX_JS, f"var __index = JSON.parse({literal});\n"),
        _write(site_dir / WORKER, _js("vendor/lunr-2.3.9.min.js") + "\n" + _js("search-worker.js")),
        _write(site_dir / SHIM, _js("vendor/iframe-worker-1.0.4-shim.js")),
    ]
