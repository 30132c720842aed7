"""Shortcuts the renderer takes for speed give exactly what the general code gives.

Each compares a fast path with the general computation it stands in for, over generated inputs
that include every case the fast path must hand over to the general one.
"""

from __future__ import annotations

import itertools
import posixpath
import random
from pathlib import Path

from markdown_it import MarkdownIt

from site_builder.load import load_catalogue
from site_builder.render.markup import markdown, markdown_inline
from site_builder.render.urls import Urls

ROOT = Path(__file__).resolve().parent.parent
# The renderer's Markdown (render/markup.py), every text through markdown-it.
MD = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).disable("image")


def relative_by_relpath(url: str, current: str) -> str:
    """Urls.relative as it was written first, on posixpath.relpath."""
    base = current
    if base != ".":
        head, tail = posixpath.split(base)
        base = head if "." in tail else base
    rel = posixpath.relpath("/" + url, "/" + base)
    wants_slash = url == "" or url.endswith("/")
    return rel + "/" if wants_slash and not rel.endswith("/") else rel


def test_links_between_pages_are_the_ones_relpath_gives() -> None:
    parts = ["", "thu-tuc", "x", "a.b", ".", ".."]
    paths = {"", ".", "thu-tuc/x/y/", "thu-tuc/x/../y/", "co-quan/x/a.html", "qr/dang-ky.svg"}
    for n in (1, 2):
        for combo in itertools.product(parts, repeat=n):
            path = "/".join(combo)
            paths.update({path, path + "/", "/" + path})
    checked = 0
    for url, current in itertools.product(sorted(paths), repeat=2):
        assert Urls.relative(url, current) == relative_by_relpath(url, current), (url, current)
        checked += 1
    assert checked > 5_000


def texts(seed: int, count: int) -> list[str]:
    """Short texts: half of plain words and punctuation, half with Markdown's and HTML's
    characters, line breaks, control characters and unusual spaces among them."""
    rng = random.Random(seed)
    plain = "aăâbcdđeêghiklmnoôơpqrstuưvxyÀÁẢẠẾỆữỳ" * 3 + "  .,;:()'\"/?%$@^{}~=+-#>|0123456789"
    special = "*_`<[]\\&!\n\r\t\x00\x01\x1f\x7f\x0b\x0c\xa0\u2028\u3000\ufeff "
    made = []
    for i in range(count):
        alphabet = plain if i % 2 else plain + special
        made.append("".join(rng.choice(alphabet) for _ in range(rng.randint(1, 30))))
    return made


def test_free_text_renders_as_markdown_it_renders_it() -> None:
    sample = load_catalogue(ROOT / "procedures").catalogue.procedures.values()
    written = [text for p in sample for text in (p.summary, p.notes, *(s.text for s in p.steps)) if text]
    written += [
        text for p in sample for text in (*p.requirements, *(c.description for c in p.channels)) if text
    ]
    cases = [*written, *texts(20261130, 20_000), "a  b", "x >y", '"q"', "1. a", "#a", "a\nb", " a", "a "]
    for text in cases:
        assert markdown(text) == MD.render(text), repr(text)
        assert markdown_inline(text) == MD.renderInline(text), repr(text)
