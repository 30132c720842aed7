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
# The body the theme is given for a shell: the content marker as a real top-level heading, like
# every page body (the theme adds a heading of its own only to a body without one). The whole
# element is the slot: a page's body, with its own <h1>, takes its place.
BODY = f"<h1>{MARKERS['content']}</h1>"
# Shells of one folder that hide different parts of the theme are pages of their own, named
# `thutucslotname`, `thutucslotname2`, …: every variant fills the "name" slot.
_SPLIT = re.compile(
    "("
    + "|".join(
        [re.escape(BODY), MARKERS["name"] + "[0-9]*"]
        + [re.escape(m) for slot, m in MARKERS.items() if slot != "name"]
    )
    + ")"
)


# The theme's templates indent deeply and leave blank lines: a seventh of a procedure page. Every such
# run in the chrome becomes one line break (a break, so inline scripts keep their statement ends).
_INDENT = re.compile(r"[ \t]*\n[ \t\n]*")
# Where white space is content: never squeezed.
_VERBATIM = ("<pre", "<textarea")


def squeeze(text: str) -> str:
    """`text` of the theme's chrome without its indentation and blank lines (as shown: the same)."""
    if any(tag in text for tag in _VERBATIM):
        return text
    return _INDENT.sub("\n", text)


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


def shell_src(folder: str, variant: int = 0) -> str:
    """The source of the page the theme renders as a shell of the pages in `folder`."""
    name = MARKERS["name"] + (str(variant + 1) if variant else "")
    return f"{folder}/{name}.md" if folder else f"{name}.md"


def folder_and_name(src_uri: str) -> tuple[str, str]:
    """`cap/xa/trang-2.md` → (`cap/xa`, `trang-2`)."""
    folder, _, name = src_uri.removesuffix(".md").rpartition("/")
    return folder, name


def _slot(piece: str) -> str:
    if piece == BODY:
        return "content"
    return "name" if piece.startswith(MARKERS["name"]) else piece.removeprefix(MARKER_STEM)


def split_shell(html: str) -> Shell:
    """The shell of a page the theme rendered with BODY as its body and MARKERS in its other slots.

    Refuses, saying why, a theme output that breaks what the shell relies on: the body printed
    exactly once and as given, no heading of the theme's own, the title and description present."""
    pieces = _SPLIT.split(html)
    for i in range(1, len(pieces), 2):
        pieces[i] = _slot(pieces[i])
    slots = pieces[1::2]
    problem = _problem(slots, pieces[0::2])
    if problem:
        raise ShellError(
            f"Giao diện không còn dựng được khung trang chung cho các trang thủ tục: {problem} "
            "(xem site_builder/mkdocs_shell.py: những gì khung trang dựa vào ở giao diện)."
        )
    pieces[0::2] = [squeeze(text) for text in pieces[0::2]]
    return Shell(tuple(pieces))


def _problem(slots: list[str], texts: list[str]) -> str:
    """What is wrong with a shell, or ""."""
    if slots.count("content") != 1:
        return f"nội dung trang được in {slots.count('content')} lần (cần đúng 1 lần, nguyên văn)"
    if any("<h1" in text for text in texts):
        return "giao diện tự thêm tiêu đề <h1> ngoài nội dung trang (trang sẽ có hai tiêu đề)"
    missing = [slot for slot in ("title", "description") if slot not in slots]
    if missing:
        return f"giao diện không in {', '.join(missing)} của trang"
    if any(MARKER_STEM in text for text in texts):
        return f"giao diện đổi dấu «{MARKER_STEM}…» (thoát ký tự hoặc cắt bớt) nên không điền được"
    return ""
