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

import pickle
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from . import clock
from .catalogue import Catalogue
from .diagnostics import ThutucError
from .history.timeline import History
from .index.builder import (
    SearchDoc,
    featured_ids,
    in_search_order,
    merged_payload,
    other_entries,
    procedure_entries,
)
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
# Search entries a part packs together: the parent merges every part's entries as it reads them,
# holding one run of each part at a time.
ENTRY_RUN = 64


@dataclass(frozen=True)
class Share:
    """What one part found in its procedures, a run of the sorted ids, packed: the parent holds every
    part's share until the last part ends, and as Python objects the shares of 20,000 procedures
    grew it by 80 MB while the parts ran; compressed bytes of the same are about 12 MB."""

    ids: list[str]  # its procedures, in order
    summaries: bytes  # its items of api/procedures.json, encoded and joined by commas
    rows: bytes  # its lines of api/catalogue.csv
    search: list[bytes]  # its entries of the search index in search order, pickled in runs

    def listing(self) -> str:
        return _unpacked(self.summaries)

    def lines(self) -> str:
        return _unpacked(self.rows)

    def entries(self) -> Iterator[Entry]:
        """Its entries in search order, one packed run at a time."""
        for packed in self.search:
            run: list[Entry] = pickle.loads(zlib.decompress(packed))
            yield from run


def _unpacked(packed: bytes) -> str:
    return zlib.decompress(packed).decode("utf-8")


def _packed(text: str) -> bytes:
    # Level 1: these are compressed once and read once; a higher level costs time in every part.
    return zlib.compress(text.encode("utf-8"), 1)


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
    summaries: list[str] = []
    rows: list[str] = []
    entries: list[Entry] = []
    for procedure_id in ids:
        p = catalogue.procedures[procedure_id]
        output.write(folder / f"{procedure_id}.json", (procedure_json(p) + "\n").encode("utf-8"))
        summaries.append(summary_json(procedure_id, catalogue, url_style))
        rows.append(csv_lines(CATALOGUE_COLUMNS, procedure_rows(procedure_id, catalogue, url_style)))
        entries.extend(procedure_entries(p, catalogue, url_style, featured))
    in_search_order(entries)
    search = [
        zlib.compress(pickle.dumps(entries[start : start + ENTRY_RUN], pickle.HIGHEST_PROTOCOL), 1)
        for start in range(0, len(entries), ENTRY_RUN)
    ]
    return Share(ids, _packed(",".join(summaries)), _packed("".join(rows)), search)


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
    if [i for part in shares for i in part.ids] != ids:  # the joined files would be out of order
        raise ThutucError("Các phần việc dựng trang trả về thiếu hoặc sai thứ tự thủ tục.")
    shares = [part for part in shares if part.ids]  # an empty part's texts would add a comma
    (site_dir / API_DIR / "thu-tuc").mkdir(parents=True, exist_ok=True)  # as write_api: even if empty
    write_listing(site_dir, (part.listing() for part in shares))
    write_feedback_data(catalogue, site_dir, url_style)
    write_catalogue_json(site_dir, ids)
    write_open_tables(catalogue, site_dir, (part.lines() for part in shares))
    if where.site_url:
        write_feed(catalogue, where.history, site_dir, where.site_url, clock.now())
    others = other_entries(catalogue, url_style)
    in_search_order(others)
    payload = merged_payload([*(part.entries() for part in shares), others])
    shares.clear()
    write_search(site_dir, payload, None, scripts=not url_style.directory_urls)
