"""Machine-readable copies of the catalogue written beside the pages (site/api/).

Reusing work: a procedure's JSON (`procedure_json`) is a pure function of the frozen
`Procedure` and the most expensive part of these files. `write_api` and `write_open_data`
take it as `dump=`; a caller may pass one memoising wrapper to both (one serialisation per
procedure per build), and keep it between rebuilds in one process (the preview server keeps
unchanged `Procedure` objects identical), e.g. a dict keyed by `id(p)` that also holds `p`.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from ..catalogue import Catalogue
from ..escaping import csv_cell
from ..model.procedure import Fee, Procedure
from ..schema import ALL_KINDS, render_schema
from . import urls
from .output import Output

API_DIR = "api"


def summary(procedure_id: str, catalogue: Catalogue, url_style: urls.Urls) -> dict[str, Any]:
    p = catalogue.procedures[procedure_id]
    return {
        "id": p.id,
        "code": p.code,
        "name": p.name,
        "url": url_style.of(urls.procedure_src(p.id)),
        "field": p.field,
        "agency": p.agencies.competent[0],
        "level": p.level,
        "status": p.status,
    }


_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _dump(data: object) -> str:
    return _ENCODER.encode(data) + "\n"


def procedure_json(p: Procedure) -> str:
    """The procedure in full as compact JSON with sorted keys (no final newline). Pure: memoisable."""
    return _ENCODER.encode(p.model_dump(mode="json"))


def summary_json(procedure_id: str, catalogue: Catalogue, url_style: urls.Urls) -> str:
    """A procedure's item of `api/procedures.json`, encoded (without a newline)."""
    return _ENCODER.encode(summary(procedure_id, catalogue, url_style))


def write_listing(site_dir: Path, items: Iterable[str]) -> Path:
    """`api/procedures.json` of items encoded by `summary_json`, in the order of the ids."""
    listing = site_dir / API_DIR / "procedures.json"
    listing.write_text(_json_list(items), encoding="utf-8")
    return listing


def write_catalogue_json(site_dir: Path, ids: Iterable[str]) -> Path:
    """`api/catalogue.json` (what `write_open_data` writes there), joined from the files
    `api/thu-tuc/<id>.json` already written: the catalogue's JSON is never in memory at once."""
    folder = site_dir / API_DIR / "thu-tuc"
    path = site_dir / API_DIR / "catalogue.json"
    with path.open("wb") as handle:
        handle.write(b"[")
        for n, procedure_id in enumerate(ids):
            data = (folder / f"{procedure_id}.json").read_bytes()
            handle.write((b"," if n else b"") + data[:-1])  # each file ends with one newline
        handle.write(b"]\n")
    return path


def _json_list(items: Iterable[str]) -> str:
    """`_dump` of a list whose items are already encoded: the encoder writes lists exactly so."""
    return "[" + ",".join(items) + "]\n"


def _write_files(contents: Iterable[tuple[Path, str]], output: Output | None = None) -> None:
    """Write many small UTF-8 files without building a text file object for each."""
    out = output or Output()
    for path, text in contents:
        out.write(path, text.encode("utf-8"))


def write_api(
    catalogue: Catalogue,
    site_dir: Path,
    url_style: urls.Urls,
    dump: Callable[[Procedure], str] = procedure_json,
    output: Output | None = None,
) -> list[Path]:
    """`api/procedures.json` (the list) and `api/thu-tuc/<id>.json` (each procedure in full).

    `dump` serialises one procedure: `procedure_json` or a memoising wrapper of it.
    """
    out = site_dir / API_DIR
    (out / "thu-tuc").mkdir(parents=True, exist_ok=True)
    ids = sorted(catalogue.procedures)
    listing = out / "procedures.json"
    listing.write_text(_dump([summary(i, catalogue, url_style) for i in ids]), encoding="utf-8")
    paths = [out / "thu-tuc" / f"{procedure_id}.json" for procedure_id in ids]
    _write_files(
        ((path, dump(catalogue.procedures[i]) + "\n") for path, i in zip(paths, ids, strict=True)), output
    )
    return [listing, *paths]


FEEDBACK_COLUMNS = (
    "id", "received", "channel", "procedures", "agency", "status", "summary", "answer", "answered_by",
    "answered_on", "document", "forwarded_to", "url",
)  # fmt: skip


def feedback_rows(catalogue: Catalogue, url_style: urls.Urls) -> list[dict[str, str]]:
    """One flat row per case: only what the model publishes (it holds no data about the sender)."""
    rows = []
    for case_id in sorted(catalogue.feedback):
        data = catalogue.feedback[case_id].model_dump(mode="json", exclude={"illustrative"})
        data["procedures"] = ";".join(data["procedures"])
        data["url"] = url_style.of(urls.case_src(case_id))
        rows.append(
            {column: "" if data.get(column) is None else str(data[column]) for column in FEEDBACK_COLUMNS}
        )
    return rows


def write_feedback_data(catalogue: Catalogue, site_dir: Path, url_style: urls.Urls) -> list[Path]:
    """`api/phan-anh.json` and `api/phan-anh.csv` (UTF-8 with BOM so spreadsheet programs read Vietnamese)."""
    out = site_dir / API_DIR
    out.mkdir(parents=True, exist_ok=True)
    rows = feedback_rows(catalogue, url_style)
    as_json = out / "phan-anh.json"
    as_json.write_text(_dump(rows), encoding="utf-8")
    as_csv = out / "phan-anh.csv"
    write_csv(as_csv, FEEDBACK_COLUMNS, rows)
    return [as_json, as_csv]


CATALOGUE_COLUMNS = (
    "id", "code", "name", "status", "level", "field", "field_name", "agency", "agency_name", "channel",
    "online_level", "time_limit", "time_unit", "fee_kind", "fee_name", "fee_amount", "fee_set_by_council",
    "fee_per", "fee_valid_from", "fee_valid_to", "url",
)  # fmt: skip


def catalogue_rows(catalogue: Catalogue, url_style: urls.Urls) -> list[dict[str, str]]:
    """One row per procedure, channel and fee (a channel without fees gives one row): spreadsheet-friendly."""
    return [row for i in sorted(catalogue.procedures) for row in procedure_rows(i, catalogue, url_style)]


def procedure_rows(procedure_id: str, catalogue: Catalogue, url_style: urls.Urls) -> list[dict[str, str]]:
    """One procedure's rows of `catalogue_rows`."""
    p = catalogue.procedures[procedure_id]
    agency = p.agencies.competent[0]
    base = {
        "id": p.id, "code": p.code or "", "name": p.name, "status": p.status, "level": p.level,
        "field": p.field, "field_name": catalogue.fields[p.field].name if p.field in catalogue.fields else "",
        "agency": agency, "agency_name": catalogue.agencies[agency].name if agency in catalogue.agencies else "",
        "url": url_style.of(urls.procedure_src(p.id)),
    }  # fmt: skip
    rows = []
    for channel in p.channels:
        per_channel = {
            **base, "channel": channel.kind, "online_level": channel.online_level or "",
            "time_limit": str(channel.time_limit.value), "time_unit": channel.time_limit.unit,
        }  # fmt: skip
        fees: list[Fee | None] = [*channel.fees] or [None]
        for fee in fees:
            row = dict.fromkeys(CATALOGUE_COLUMNS, "") | per_channel
            if fee is not None:
                row |= {
                    "fee_kind": fee.kind, "fee_name": fee.name,
                    "fee_amount": "" if fee.amount is None else str(fee.amount),
                    "fee_set_by_council": "true" if fee.set_by_council else "false", "fee_per": fee.per or "",
                    "fee_valid_from": fee.valid_from.isoformat() if fee.valid_from else "",
                    "fee_valid_to": fee.valid_to.isoformat() if fee.valid_to else "",
                }  # fmt: skip
            rows.append(row)
    return rows


def csv_lines(columns: tuple[str, ...], rows: list[dict[str, str]]) -> str:
    """The lines `write_csv` writes for `rows`, as text (a share of a file gathered later)."""
    text = io.StringIO(newline="")
    csv.writer(text).writerows(_cells(columns, rows))
    return text.getvalue()


def _cells(columns: tuple[str, ...], rows: list[dict[str, str]]) -> Iterator[list[str]]:
    return ([csv_cell(row.get(column, "")) for column in columns] for row in rows)


def write_csv(path: Path, columns: tuple[str, ...], rows: list[dict[str, str]]) -> Path:
    """What `csv.DictWriter` writes (missing values empty), without its per-row checks.

    Every cell is text here, and each goes through `csv_cell`, so that a name starting with `=` is not a
    formula in a spreadsheet; the JSON files beside it keep the text as it is.
    """
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        writer.writerows(_cells(columns, rows))
    return path


def write_csv_lines(path: Path, columns: tuple[str, ...], lines: Iterable[str]) -> Path:
    """`write_csv` of rows already formatted by `csv_lines`."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerow(columns)
        handle.writelines(lines)
    return path


def write_open_data(
    catalogue: Catalogue,
    site_dir: Path,
    url_style: urls.Urls,
    dump: Callable[[Procedure], str] = procedure_json,
) -> list[Path]:
    """The whole catalogue as JSON and CSV, agencies with their officials, and the JSON Schemas.

    The schemas are rendered from the model, not copied from the catalogue's _schemas/: the model is what the
    data was checked against, and a catalogue without that folder still publishes them.

    `dump` serialises one procedure: `procedure_json` or a memoising wrapper of it (see `write_api`).
    """
    out = site_dir / API_DIR
    out.mkdir(parents=True, exist_ok=True)
    everything = _json_list(dump(catalogue.procedures[i]) for i in sorted(catalogue.procedures))
    written = [out / "catalogue.json"]
    written[0].write_text(everything, encoding="utf-8")
    del everything
    lines = (
        csv_lines(CATALOGUE_COLUMNS, procedure_rows(i, catalogue, url_style))
        for i in sorted(catalogue.procedures)
    )
    written.extend(write_open_tables(catalogue, site_dir, lines))
    return written


def write_open_tables(catalogue: Catalogue, site_dir: Path, lines: Iterable[str]) -> list[Path]:
    """What `write_open_data` writes besides catalogue.json: agencies.json, catalogue.csv from its
    procedures' `csv_lines` in the order of their ids, and the JSON Schemas."""
    out = site_dir / API_DIR
    out.mkdir(parents=True, exist_ok=True)
    agencies = [catalogue.agencies[i].model_dump(mode="json") for i in sorted(catalogue.agencies)]
    written = [out / "agencies.json"]
    written[0].write_text(_dump(agencies), encoding="utf-8")
    written.append(write_csv_lines(out / "catalogue.csv", CATALOGUE_COLUMNS, lines))
    target = site_dir / "schemas"
    target.mkdir(exist_ok=True)
    for kind in ALL_KINDS:
        written.append(target / kind.schema_file)
        written[-1].write_text(render_schema(kind), encoding="utf-8")
    return written
