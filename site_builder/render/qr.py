"""QR codes of a page's online address, made at build time as inline SVG (no network)."""

from __future__ import annotations

import segno
from markupsafe import Markup, escape


def qr_svg(url: str, label: str) -> Markup:
    """An inline SVG QR code for `url`, announced to screen readers by `label`."""
    svg = segno.make(url, error="m").svg_inline(
        scale=3, border=2, dark="#000", light="#fff", svgclass="tt-qr__code"
    )
    labelled = svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1)
    return Markup(labelled)  # segno's own output; the only text in it is the escaped label
