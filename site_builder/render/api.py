"""Machine-readable copies of the catalogue written beside the pages (site/api/)."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from ..catalogue import Catalogue
from . import urls

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


def _dump(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def write_api(catalogue: Catalogue, site_dir: Path, url_style: urls.Urls) -> list[Path]:
    """`api/procedures.json` (the list) and `api/thu-tuc/<id>.json` (each procedure in full)."""
    out = site_dir / API_DIR
    (out / "thu-tuc").mkdir(parents=True, exist_ok=True)
    ids = sorted(catalogue.procedures)
    listing = out / "procedures.json"
    listing.write_text(_dump([summary(i, catalogue, url_style) for i in ids]), encoding="utf-8")
    written = [listing]
    for procedure_id in ids:
        path = out / "thu-tuc" / f"{procedure_id}.json"
        path.write_text(_dump(catalogue.procedures[procedure_id].model_dump(mode="json")), encoding="utf-8")
        written.append(path)
    return written


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
    with as_csv.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=FEEDBACK_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return [as_json, as_csv]
