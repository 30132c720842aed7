"""The small Markdown subset editors may use in free text; raw HTML never passes through."""

from __future__ import annotations

from markdown_it import MarkdownIt
from markupsafe import Markup

# commonmark without HTML: tags typed by an editor are shown as text. Images are off (a
# procedure page links forms, it does not embed pictures from elsewhere); markdown-it
# already refuses javascript:, vbscript:, file: and data: links.
_MD = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).disable("image")


def markdown(text: str | None) -> Markup:
    """Block Markdown to safe HTML."""
    if not text:
        return Markup("")
    return Markup(_MD.render(text))


def markdown_inline(text: str | None) -> Markup:
    """Inline Markdown (bold, italic, links) to safe HTML without a wrapping paragraph."""
    if not text:
        return Markup("")
    return Markup(_MD.renderInline(text))
