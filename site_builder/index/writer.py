"""Write the search files into the built site.

search/search_index.json   small: what Material's UI loads and hands to the worker (SETUP)
search/search_index.js     the same as a script, for file:// where fetch is blocked (*)
search/parts/manifest.<hash>.json   what every search needs: field lengths, the shard and chunk tables
search/parts/s-<key>.<hash>.json     a term shard, fetched by the worker when a query's words need it
search/parts/r.<hash>.json           a chunk of the result store, fetched for the hits it holds
search/parts/*.js                    each of those as a script, for file:// (*)
assets/javascripts/workers/thutuc-search.js   lunr.js + our worker, one plain script
assets/javascripts/vendor/iframe-worker-shim.js   Material's file:// worker shim, local copy

(*) Only in builds with file URLs (`thutuc build --offline`, the kiosk), the ones that can be
opened from file://: a site with directory URLs cannot be browsed there anyway, and the twins
were half the files a build of 20,000 procedures writes.

The data is loaded by the worker, not by the page: parsing it and copying it into the worker
with postMessage took most of the page's longest task (293 ms at 20,000 procedures). How the
payload is cut, and why ranking stays that of one whole index: shards.py.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

from ..render.output import Output
from .shards import PARTS, SPLIT, parts

WORKER = "assets/javascripts/workers/thutuc-search.js"
SHIM = "assets/javascripts/vendor/iframe-worker-shim.js"
INDEX_JSON = "search/search_index.json"
INDEX_JS = "search/search_index.js"
# Material's highlighter splits `?h=` terms on this; it must not split Vietnamese words.
SEPARATOR = r"[\s\-,.;:!?()\[\]\"'/]+"


def _js(name: str) -> str:
    return resources.files("site_builder.index").joinpath("js", name).read_text(encoding="utf-8")


def search_index(manifest: str) -> dict[str, Any]:
    """What Material's UI loads and forwards to the worker: where the data is, relative to the site."""
    thutuc = {"manifest": manifest}
    return {"config": {"lang": ["vi"], "separator": SEPARATOR, "pipeline": [], "thutuc": thutuc}, "docs": []}


def script_of(path: str) -> str:
    """The `.js` twin of a JSON part, loaded under file:// (search-worker.js `scriptOf`)."""
    return path[: -len(".json")] + ".js"


def _script(variable: str, data: str) -> str:
    # JSON.parse of a string literal evaluates several times faster than an object literal.
    literal = json.dumps(data, ensure_ascii=False).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"{variable} = JSON.parse({literal});\n"


def _part_script(path: str, data: bytes) -> bytes:
    """Registers the part under its name: several load at once, each finds its own."""
    register = f'(self.__thutuc || (self.__thutuc = {{}}))["{path}"]'
    return _script(register, data.decode("utf-8")).encode("utf-8")


def write_search(
    site_dir: Path,
    payload: dict[str, Any],
    output: Output | None = None,
    split: int = SPLIT,
    scripts: bool = True,
) -> list[Path]:
    """Write the search files; with `output`, through it (a preview rewrites only changed parts).
    Without one, search files of an earlier build that this one did not write are deleted.
    `split`: see shards.parts. `scripts`: write the `.js` twins file:// loads."""
    out = output or Output()
    written: list[Path] = []

    def write(name: str, data: bytes) -> None:
        out.write(site_dir / name, data)
        written.append(site_dir / name)

    manifest = ""
    for name, data in parts(payload, split):
        write(name, data)
        if scripts:
            write(script_of(name), _part_script(name, data))
        manifest = name
    small = json.dumps(search_index(manifest), ensure_ascii=False, separators=(",", ":"))
    write(INDEX_JSON, small.encode("utf-8"))
    if scripts:
        write(INDEX_JS, _script("var __index", small).encode("utf-8"))
    write(WORKER, (_js("vendor/lunr-2.3.9.min.js") + "\n" + _js("search-worker.js")).encode("utf-8"))
    write(SHIM, _js("vendor/iframe-worker-1.0.4-shim.js").encode("utf-8"))
    if output is None:
        keep = set(written)
        for stale in [*(site_dir / PARTS).iterdir(), site_dir / INDEX_JS]:
            if stale not in keep:
                stale.unlink(missing_ok=True)
    return written
