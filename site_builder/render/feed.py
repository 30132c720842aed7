"""The Atom feed of recent changes, for newsrooms and citizens who follow the catalogue."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from xml.etree import ElementTree as ET

from ..catalogue import Catalogue
from ..history.timeline import History
from . import urls

ATOM_NS = "http://www.w3.org/2005/Atom"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attributes)
    if text is not None:
        element.text = text
    return element


def write_feed(
    catalogue: Catalogue, past: History, site_dir: Path, site_url: str, built: dt.datetime
) -> Path:
    """`thay-doi/atom.xml` with absolute links (a feed reader has no page to be relative to)."""
    ET.register_namespace("", ATOM_NS)
    base = site_url.rstrip("/") + "/"
    online = urls.Urls()
    feed = ET.Element(f"{{{ATOM_NS}}}feed", {"xml:lang": "vi"})
    title = catalogue.settings.title if catalogue.settings else "Thủ tục hành chính"
    _sub(feed, "title", f"{title}: thay đổi gần đây")
    _sub(feed, "id", base + urls.ATOM)
    _sub(feed, "link", href=base + online.of(urls.CHANGES_SRC))
    _sub(feed, "link", rel="self", href=base + urls.ATOM)
    revisions = [r for r in past.recent if r.procedure in catalogue.procedures]
    latest = max((r.date for r in revisions), default=built.date())
    _sub(feed, "updated", f"{latest.isoformat()}T00:00:00+07:00")
    author = _sub(feed, "author")
    _sub(author, "name", catalogue.settings.publisher if catalogue.settings else title)
    for revision in revisions:
        procedure = catalogue.procedures[revision.procedure]
        entry = _sub(feed, "entry")
        _sub(entry, "title", f"{procedure.name}: {revision.items[0].text}")
        _sub(entry, "id", f"{base}{urls.ATOM}#{revision.commit}-{revision.procedure}")
        _sub(entry, "link", href=base + online.of(urls.procedure_src(procedure.id)))
        _sub(entry, "updated", f"{revision.date.isoformat()}T00:00:00+07:00")
        _sub(entry, "summary", "; ".join(item.text for item in revision.items))
    path = site_dir / urls.ATOM
    path.parent.mkdir(parents=True, exist_ok=True)
    ET.ElementTree(feed).write(path, encoding="utf-8", xml_declaration=True)
    return path
