"""The small Markdown subset editors may use in free text; raw HTML never passes through."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markupsafe import Markup

# commonmark without HTML: tags typed by an editor are shown as text. Images are off (a
# procedure page links forms, it does not embed pictures from elsewhere); markdown-it
# already refuses javascript:, vbscript:, file: and data: links.
_MD = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).disable("image")

# Text that markdown-it prints as it is, escaped: one line, no space at either end, no control
# character (it replaces NUL), nothing that opens a block where a line starts (#, >, -, +, *,
# _, =, `, ~, a list's digit, <, [, |) and no inline delimiter, escape or entity anywhere. Most
# of a catalogue's free text is such plain sentences (9 in 10 of the sample's); parsing them
# was a sixth of a procedure page's time. tests/test_render_equivalence.py holds both ways to
# the same output.
_OTHER = r"[^\s\x00-\x1f\x7f*_`<\[\]\\&!]"
_PLAIN = re.compile(rf"[^\s\x00-\x1f\x7f\d#>+\-*_=`~<\[\\&!|](?:(?:{_OTHER}| )*{_OTHER})?")


def _escaped(text: str) -> str:
    """What markdown-it's HTML renderer writes for plain text (it leaves ' as it is)."""
    return text.replace(">", "&gt;").replace('"', "&quot;")


def markdown(text: str | None) -> Markup:
    """Block Markdown to safe HTML."""
    if not text:
        return Markup("")
    if _PLAIN.fullmatch(text):
        return Markup(f"<p>{_escaped(text)}</p>\n")
    return Markup(_MD.render(text))


def markdown_inline(text: str | None) -> Markup:
    """Inline Markdown (bold, italic, links) to safe HTML without a wrapping paragraph."""
    if not text:
        return Markup("")
    if _PLAIN.fullmatch(text):
        return Markup(_escaped(text))
    return Markup(_MD.renderInline(text))
