"""The engine hedge: ProperDocs, the continuation of MkDocs 1.x, builds the same site as MkDocs.

MkDocs 1.x has had no maintainer since 2024. ProperDocs aliases every `mkdocs.*` import to its
own modules and loads plugins from the `mkdocs.plugins` entry points, so the same mkdocs.yml,
theme and plugin run unchanged under either command. If this test passes, changing engine is
changing one dependency in pyproject.toml (README, "Đổi công cụ dựng trang").

Both builds see the same moment: conftest fixes SOURCE_DATE_EPOCH (FIXED_MOMENT) for every
process a test starts.

The only difference allowed is the generator meta tag, which names the engine that built the
page. Nothing else differs today: not the procedure pages built from data, not the sitemap
(nor its gzip copy), the search index, the API or the open data.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

BIN = Path(sys.executable).parent
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def _build(engine: str, site: Path) -> Path:
    result = subprocess.run(
        [
            str(BIN / engine),
            "build",
            "--quiet",
            "--config-file",
            str(ROOT / "mkdocs.yml"),
            "--site-dir",
            str(site),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, f"{engine}: {result.stdout}{result.stderr}"
    return site


def _files(site: Path) -> dict[str, bytes]:
    return {
        path.relative_to(site).as_posix(): path.read_bytes() for path in site.rglob("*") if path.is_file()
    }


def _first_difference(a: bytes, b: bytes) -> str:
    for line_a, line_b in zip(a.splitlines(), b.splitlines(), strict=False):
        if line_a != line_b:
            return f"{line_a[:200]!r} ≠ {line_b[:200]!r}"
    return f"{len(a)} ≠ {len(b)} bytes"


def test_properdocs_builds_the_sample_exactly_as_mkdocs_does_but_for_the_generator_tag(
    tmp_path: Path,
) -> None:
    mkdocs = _files(_build("mkdocs", tmp_path / "mkdocs"))
    properdocs = _files(_build("properdocs", tmp_path / "properdocs"))

    # Each command really ran its own engine (were `properdocs` MkDocs, the comparison would prove nothing).
    home_mkdocs, home_properdocs = mkdocs["index.html"], properdocs["index.html"]
    assert b'content="mkdocs-1.6.1, mkdocs-material-' in home_mkdocs
    assert b'content="mkdocs-ProperDocs 1.6.7, mkdocs-material-' in home_properdocs
    # And the plugin ran under both: the procedure pages are there.
    assert any(name.startswith("thu-tuc/") for name in properdocs)

    assert sorted(properdocs) == sorted(mkdocs)
    different = {
        name: _first_difference(mkdocs[name], properdocs[name])
        for name in mkdocs
        if GENERATOR.sub(b"", mkdocs[name]) != GENERATOR.sub(b"", properdocs[name])
    }
    assert different == {}
