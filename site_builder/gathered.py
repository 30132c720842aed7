"""The files made from the whole catalogue, in a full build: each part of `write_outputs`
computes its own procedures' share of them (`share`), the parent joins the shares once every
part is done (`write_gathered`).

Why not one process walking the whole catalogue, as the preview does (Writing.data_steps):
reading an object writes its reference count, so a forked worker that reads every procedure
copies every memory page the catalogue lies on. At 20,000 procedures the worker that wrote the
API, the open data and the search index grew to about 1,000 MB, half the build's peak. Here a
part reads only its own procedures; the parent, whose workers are gone by then, reads the
agencies, fields, feedback cases and recent revisions, and joins catalogue.json from the files
the parts wrote instead of holding the catalogue's JSON.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import clock
from .catalogue import Catalogue
from .history.timeline import History
from .index.builder import SearchDoc, featured_ids, other_entries, payload_of, procedure_entries
from .index.writer import write_search
from .render import urls
from .render.api import (
    API_DIR,
    CATALOGUE_COLUMNS,
    csv_lines,
    procedure_json,
    procedure_rows,
    summary_json,
    write_catalogue_json,
    write_feedback_data,
    write_listing,
    write_open_tables,
)
from .render.feed import write_feed
from .render.output import Output
from .render.qr import write_qr_codes

Entry = tuple[SearchDoc, dict[str, str]]


@dataclass(frozen=True)
class Share:
    """What one part found in its procedures, by procedure id: small enough to send back."""

    summaries: dict[str, str]  # its item of api/procedures.json, encoded
    rows: dict[str, str]  # its lines of api/catalogue.csv
    search: dict[str, list[Entry]]  # its entries of the search index


def share(
    catalogue: Catalogue,
    ids: list[str],
    site_dir: Path,
    url_style: urls.Urls,
    qr: tuple[str | None, Callable[[str], bytes]],
    output: Output,
) -> Share:
    """Write the QR codes (`qr`: the site's address, if any, and how to draw one) and the files
    `api/thu-tuc/<id>.json` of the procedures `ids`; what the joined files need of them."""
    site_url, draw = qr
    if site_url:
        write_qr_codes(ids, site_dir, site_url, draw, output)
    folder = site_dir / API_DIR / "thu-tuc"
    featured = featured_ids(catalogue)
    found = Share({}, {}, {})
    for procedure_id in ids:
        p = catalogue.procedures[procedure_id]
        output.write(folder / f"{procedure_id}.json", (procedure_json(p) + "\n").encode("utf-8"))
        found.summaries[procedure_id] = summary_json(procedure_id, catalogue, url_style)
        found.rows[procedure_id] = csv_lines(
            CATALOGUE_COLUMNS, procedure_rows(procedure_id, catalogue, url_style)
        )
        found.search[procedure_id] = procedure_entries(p, catalogue, url_style, featured)
    return found


@dataclass(frozen=True)
class Gathered:
    """What the parent needs besides the shares."""

    catalogue: Catalogue
    history: History
    site_dir: Path
    url_style: urls.Urls
    site_url: str | None


def write_gathered(where: Gathered, shares: list[Share]) -> None:
    """The files `Writing.data_steps` writes from the whole catalogue (but the per-procedure API
    files and QR codes, which the parts wrote), byte for byte, from the parts' shares."""
    catalogue, site_dir, url_style = where.catalogue, where.site_dir, where.url_style
    ids = sorted(catalogue.procedures)
    (site_dir / API_DIR / "thu-tuc").mkdir(parents=True, exist_ok=True)  # as write_api: even if empty
    summaries = {i: text for part in shares for i, text in part.summaries.items()}
    write_listing(site_dir, (summaries.pop(i) for i in ids))
    write_feedback_data(catalogue, site_dir, url_style)
    write_catalogue_json(site_dir, ids)
    rows = {i: text for part in shares for i, text in part.rows.items()}
    write_open_tables(catalogue, site_dir, (rows.pop(i) for i in ids))
    if where.site_url:
        write_feed(catalogue, where.history, site_dir, where.site_url, clock.now())
    by_id = {i: entries for part in shares for i, entries in part.search.items()}
    shares.clear()  # what is left of them is in by_id: freed as the index takes it
    entries = [entry for i in ids for entry in by_id.pop(i)]
    entries.extend(other_entries(catalogue, url_style))
    payload = payload_of(entries)[0]
    del entries
    write_search(site_dir, payload, None, scripts=not url_style.directory_urls)
