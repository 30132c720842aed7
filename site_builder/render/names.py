"""The short form of a procedure's name, for every place where space is tight.

Lists, cards, the browser tab's <title>, search results and the kiosk show the editor's
`short_name`, or else the name cut at a word boundary with "…". The procedure page and the
JSON keep the full name; where a short form is shown, the full name stays in the page for
screen readers and appears on hover or keyboard focus (`name_html`, CSS `.tt-cut`).
"""

from __future__ import annotations

from markupsafe import Markup, escape

from ..model.procedure import SHORT_NAME_MAX, Procedure

ELLIPSIS = "…"
# Punctuation that reads badly just before the ellipsis: "… (thực hiện tại…" → "… thực hiện tại…".
_DANGLING = " ,;:-–—(/"


def short_form(name: str, short_name: str | None = None, limit: int = SHORT_NAME_MAX) -> str:
    """`short_name` if the editor wrote one, else `name` if it fits in `limit` characters, else
    `name` cut after its last whole word that fits, with "…" (at most `limit` characters)."""
    if short_name:
        return short_name
    if len(name) <= limit:
        return name
    room = limit - len(ELLIPSIS)
    head = name[:room]
    if not name[room].isspace() and " " in head:  # the cut fell inside a word: drop its start
        head = head.rsplit(" ", 1)[0]
    return head.rstrip(_DANGLING) + ELLIPSIS


def short_name(procedure: Procedure) -> str:
    """The short form of a procedure's name (plain text: <title>, search store, alt text)."""
    return short_form(procedure.name, procedure.short_name)


def long_name(procedure: Procedure) -> bool:
    """Whether the name is longer than a short form may be (its page sets it in smaller type)."""
    return len(procedure.name) > SHORT_NAME_MAX


def name_html(procedure: Procedure) -> Markup:
    """The name for lists: the short form shown, the full name for screen readers, hover and focus."""
    short = short_name(procedure)
    if short == procedure.name:
        return escape(procedure.name)
    return Markup(
        '<span class="tt-cut"><span class="tt-cut__short" aria-hidden="true">{}</span>'
        '<span class="tt-cut__full">{}</span></span>'
    ).format(short, procedure.name)
