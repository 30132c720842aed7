"""Page addresses, in the two styles the site is built in.

Online the site uses directory URLs (`thu-tuc/dang-ky-khai-sinh/`); a kiosk copy opened over
file:// needs file URLs (`thu-tuc/dang-ky-khai-sinh.html`). Every link is written relative
to the page it sits on, so the same output works under any base path and from a USB stick.
"""

from __future__ import annotations

import functools
import posixpath
from dataclasses import dataclass


@dataclass(frozen=True)
class Urls:
    directory_urls: bool = True

    def of(self, src_uri: str) -> str:
        """The site-root-relative URL of a page source such as `thu-tuc/x.md` (as MkDocs computes it)."""
        stem = src_uri.removesuffix(".md")
        is_index = stem == "index" or stem.endswith("/index")
        if not self.directory_urls:
            return f"{stem}.html"
        if is_index:
            return stem.removesuffix("index")
        return f"{stem}/"

    @staticmethod
    @functools.lru_cache(maxsize=65536)  # pure, and asked for the same pairs on every list page
    def relative(url: str, current: str) -> str:
        """`url` seen from the page at `current` (same rule as mkdocs.utils.get_relative_url)."""
        base = current
        if base != ".":
            head, tail = posixpath.split(base)
            base = head if "." in tail else base
        rel = _relpath(url, base)
        wants_slash = url == "" or url.endswith("/")
        return rel + "/" if wants_slash and not rel.endswith("/") else rel


def _relpath(url: str, base: str) -> str:
    """posixpath.relpath("/" + url, "/" + base), a third of its time: every page asks for a few
    dozen links from its own folder, which the cache above has never seen. Paths naming `.` or
    `..` go through relpath itself (it normalises them first)."""
    start = [part for part in base.split("/") if part]
    target = [part for part in url.split("/") if part]
    if "." in start or ".." in start or "." in target or ".." in target:
        return posixpath.relpath("/" + url, "/" + base)
    common = 0
    for mine, theirs in zip(start, target, strict=False):  # lengths differ
        if mine != theirs:
            break
        common += 1
    return "/".join([".."] * (len(start) - common) + target[common:]) or "."


def procedure_src(procedure_id: str) -> str:
    return f"thu-tuc/{procedure_id}.md"


def field_src(field_id: str) -> str:
    return f"linh-vuc/{field_id}.md"


def agency_src(agency_id: str) -> str:
    return f"co-quan/{agency_id}.md"


def audience_src(audience_id: str) -> str:
    return f"doi-tuong/{audience_id}.md"


def case_src(case_id: str) -> str:
    return f"ket-qua-phan-anh/{case_id}.md"


FEEDBACK_LIST_SRC = "ket-qua-phan-anh/index.md"
CHANGES_SRC = "thay-doi/index.md"
ATOM = "thay-doi/atom.xml"
FEEDBACK_STATS_SRC = "ket-qua-phan-anh/thong-ke.md"
LEVEL_SRC = {"province": "cap/tinh.md", "commune": "cap/xa.md"}
HOME_SRC = "index.md"
FIELDS_SRC = "linh-vuc/index.md"
AGENCIES_SRC = "co-quan/index.md"
AUDIENCES_SRC = "doi-tuong/index.md"
AZ_SRC = "a-z.md"
FEEDBACK_SRC = "phan-anh.md"

# Every page the site names itself, by folder: an id that becomes a page name in one of these
# folders (`linh-vuc/<id>.md` …) must not take one of these names, or its page would silently
# replace the list or statistics page.
GENERATED_SRC = (
    HOME_SRC,
    FIELDS_SRC,
    AGENCIES_SRC,
    AUDIENCES_SRC,
    AZ_SRC,
    FEEDBACK_SRC,
    FEEDBACK_LIST_SRC,
    FEEDBACK_STATS_SRC,
    CHANGES_SRC,
    ATOM,
    *LEVEL_SRC.values(),
)
# Page n > 1 of a paged list is `<list>/trang-<n>.md` (paging.page_source); a folder's own
# list pages may be paged, so no id takes that form either.
PAGE_NUMBER_PATTERN = r"^trang-[0-9]+$"
# The folder each kind of id names pages in (the API's `api/thu-tuc/<id>.json`, the QR codes'
# `qr/<id>.svg` and the completeness pages' `bien-tap/do-day-du/<id>.md` share the same ids
# and hold nothing else). Officials have no page: only the names every folder reserves apply.
ID_FOLDERS: dict[str, str | None] = {
    "procedure": posixpath.dirname(procedure_src("x")),
    "field": posixpath.dirname(field_src("x")),
    "agency": posixpath.dirname(agency_src("x")),
    "audience": posixpath.dirname(audience_src("x")),
    "case": posixpath.dirname(case_src("x")),
    "official": None,
}


def _stem(src: str) -> str:
    return posixpath.splitext(posixpath.basename(src))[0]


def reserved_ids(kind: str) -> tuple[str, ...]:
    """Names an id of this kind may not take, besides PAGE_NUMBER_PATTERN: `index` (a folder's
    own page) and every page the site generates in the kind's folder."""
    folder = ID_FOLDERS[kind]
    names = {"index"} | {_stem(src) for src in GENERATED_SRC if posixpath.dirname(src) == folder}
    return tuple(sorted(names))
