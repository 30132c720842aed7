"""A catalogue with the real names of the national list exports, for search and layout tests.

The sample catalogue plus one procedure for every listed procedure it lacks (610 names from
the Ministry of Justice's and the Ministry of Public Security's exports, extracted once into
benchmarks/data/national-names.json). Only what the list says is real: code, name and field.
The rest is a neutral stand-in that adds no words a citizen would search for, except the
keywords in tests/search/real-keywords.yml, written for a few listed procedures the way an
editor writes them (how people call the procedure), as a real catalogue would have them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from conftest import ROOT, SAMPLE_CATALOGUE, copy_project

from site_builder.textfold import fold, slugify

NAMES = ROOT / "benchmarks" / "data" / "national-names.json"
KEYWORDS = ROOT / "tests" / "search" / "real-keywords.yml"
AGENCY = {"Bộ Tư pháp": "so-tu-phap", "Bộ Công an": "cong-an-tinh"}


def national_names() -> list[dict[str, str]]:
    rows: list[dict[str, str]] = json.loads(NAMES.read_text(encoding="utf-8"))
    return rows


def longest_name() -> str:
    """The longest name in the lists we have (590 characters; the national database's longest,
    1,094 characters, is known only by its length)."""
    return max((row["name"] for row in national_names()), key=len)


def _same(name: str) -> str:
    folded = fold(name)
    return folded.removeprefix("thu tuc ")


def _present(procedures: Path) -> set[str]:
    """The codes and the (folded) names of the sample: a listed procedure with either is there."""
    present: set[str] = set()
    for path in procedures.glob("*.yml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        present.update(c for c in [data.get("code"), *data.get("former_codes", [])] if c)
        present.add(_same(data["name"]))
    return present


def _procedure(row: dict[str, str], pid: str, field: str, keywords: list[str]) -> dict[str, Any]:
    agency = AGENCY.get(row["ministry"], "ubnd-tinh")
    source = f"Danh sách thủ tục hành chính của {row['ministry']} (Cơ sở dữ liệu quốc gia)"
    return {
        "id": pid,
        "code": row["code"],
        "status": "active",
        "name": row["name"],
        "summary": "Thủ tục trong danh sách quốc gia, dùng để thử tìm kiếm.",
        "keywords": keywords,
        "level": "province",
        "field": field,
        "audiences": ["cong-dan-viet-nam"],
        "agencies": {"competent": [agency], "executing": [agency], "receiving": [agency]},
        "channels": [{"kind": "in_person", "time_limit": {"value": 5, "unit": "working_days"}}],
        "steps": [{"title": "Nộp hồ sơ", "text": "Nộp hồ sơ tại nơi tiếp nhận."}],
        "dossier": {"cases": [{"documents": [{"name": "Hồ sơ theo quy định", "originals": 1}]}]},
        "results": [{"name": "Kết quả giải quyết"}],
        "legal_basis": [{"number": "Danh sách thủ tục hành chính"}],
        "officials": [],
        "source": {"document": source, "retrieved": "2026-11-01"},
        "review": {"date": "2026-11-01", "by": "Bộ kiểm thử tìm kiếm"},
    }


def _fields(procedures: Path, rows: list[dict[str, str]]) -> dict[str, str]:
    """Field name → id: the registry's field of the same name, else a new registry entry."""
    registry = procedures / "_registry" / "fields.yml"
    data = yaml.safe_load(registry.read_text(encoding="utf-8"))
    ids = {fold(f["name"]): f["id"] for f in data["fields"]}
    for name in dict.fromkeys(row["field"] for row in rows):
        if fold(name) not in ids:
            ids[fold(name)] = slugify(name)
            data["fields"].append({"id": slugify(name), "name": name})
    registry.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return {row["field"]: ids[fold(row["field"])] for row in rows}


def real_catalogue(target: Path) -> Path:
    """A project at `target` whose catalogue is the sample plus the listed procedures it lacks."""
    copy_project(target, SAMPLE_CATALOGUE)
    procedures = target / "procedures"
    present = _present(procedures)
    rows = [row for row in national_names() if not {row["code"], _same(row["name"])} & present]
    fields = _fields(procedures, rows)
    keywords: dict[str, list[str]] = yaml.safe_load(KEYWORDS.read_text(encoding="utf-8"))
    for row in rows:
        pid = "tt-" + row["code"].replace(".", "-")
        data = _procedure(row, pid, fields[row["field"]], keywords.get(row["code"], []))
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
        (procedures / f"{pid}.yml").write_text(text.replace("'2026-11-01'", "2026-11-01"), encoding="utf-8")
    return target
