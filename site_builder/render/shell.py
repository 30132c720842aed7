"""One rendering of the theme's page chrome, reused for every page of a kind.

Every procedure page (and every page of a long list) that is not in the navigation shares
with the pages in its folder the theme's header, navigation, footer and scripts; only a few
slots differ (title, description, address, JSON-LD, body).
The theme renders the chrome once with a marker in each slot; a procedure page is then the
chrome with its own values in the slots. That is the theme's own output byte for byte (the
tests compare both) at a fraction of the cost: rendering the theme per page was about a
third of a 2,000-procedure build.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from ..diagnostics import ThutucError

# Lowercase letters only: escaping, URL quoting and slugging leave them as they are. Data
# could hold them too: `thutuc check` refuses any text with MARKER_STEM (E316, validate/hidden.py).
MARKER_STEM = "thutucslot"
# "name" is the last segment of a page's address ("trang-2" in `cap/xa/trang-2/`). The shell is
# rendered in the page's own folder: the theme writes links relative to it, and a link to a
# page in a folder above (`../` for `co-quan/` from `co-quan/x/`) depends on the folder.
MARKERS = {slot: MARKER_STEM + slot for slot in ("title", "description", "jsonld", "content", "name")}
_SLOT_OF = {marker: slot for slot, marker in MARKERS.items()}
_SPLIT = re.compile("(" + "|".join(sorted(MARKERS.values(), key=len, reverse=True)) + ")")


class ShellError(ThutucError):
    """The theme's output for the chrome is not usable as a shell (a slot is missing)."""


@dataclass(frozen=True)
class Shell:
    """Literal text and slot names, alternating: text, slot, text, slot, …, text."""

    parts: tuple[str, ...]

    def fill(self, values: Mapping[str, str]) -> str:
        parts = list(self.parts)
        for i in range(1, len(parts), 2):
            parts[i] = values[parts[i]]
        return "".join(parts)


def shell_src(folder: str) -> str:
    """The source of the page the theme renders as the shell of the pages in `folder`."""
    return f"{folder}/{MARKERS['name']}.md" if folder else f"{MARKERS['name']}.md"


def folder_and_name(src_uri: str) -> tuple[str, str]:
    """`cap/xa/trang-2.md` → (`cap/xa`, `trang-2`)."""
    folder, _, name = src_uri.removesuffix(".md").rpartition("/")
    return folder, name


def split_shell(html: str) -> Shell:
    """The shell of a page the theme rendered with MARKERS in its slots."""
    pieces = _SPLIT.split(html)
    for i in range(1, len(pieces), 2):
        pieces[i] = _SLOT_OF[pieces[i]]
    slots = pieces[1::2]
    if slots.count("content") != 1:
        raise ShellError(
            f"Giao diện in nội dung trang {slots.count('content')} lần (cần đúng 1 lần): "
            "không dùng được khung trang chung cho các trang thủ tục."
        )
    return Shell(tuple(pieces))
