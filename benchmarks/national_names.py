"""The real procedure names of the national database's list exports, as a small data file.

Benchmarks (synthetic.py) and the real-name search suite (tests/search/) read
`benchmarks/data/national-names.json`, so they need no spreadsheet reader. Regenerate it from
the exports (title rows, then `Mã số | Tên | Cơ quan ban hành | Cơ quan thực hiện | Lĩnh vực`):

    python benchmarks/national_names.py ../shared/reference/national-list/*.xlsx

Names are kept verbatim apart from Unicode NFC and runs of white space made one space (the
exports carry trailing spaces and line breaks inside cells).
"""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path
from typing import TypedDict

DATA = Path(__file__).resolve().parent / "data" / "national-names.json"
HEADER = ("Mã số", "Tên")


class NationalName(TypedDict):
    code: str
    name: str
    field: str
    ministry: str


def _clean(value: object) -> str:
    return " ".join(unicodedata.normalize("NFC", str(value if value is not None else "")).split())


def read_export(path: Path) -> list[NationalName]:
    """The rows of one export, below its header row (found by its first two words)."""
    from openpyxl import load_workbook  # only to regenerate the data

    sheet = load_workbook(path, read_only=True).worksheets[0]
    found: list[NationalName] = []
    header = False
    for row in sheet.iter_rows(values_only=True):
        cells = [_clean(c) for c in (*row, "", "", "", "", "")[:5]]
        if not header:
            header = tuple(cells[:2]) == HEADER
            continue
        code, name, ministry, _executing, field = cells
        if code and name:
            found.append({"code": code, "name": name, "field": field, "ministry": ministry})
    if not header:
        raise SystemExit(f"{path}: không thấy dòng tiêu đề «Mã số | Tên | …»")
    return found


def load() -> list[NationalName]:
    """Every name in the data file, in the exports' order."""
    names: list[NationalName] = json.loads(DATA.read_text(encoding="utf-8"))
    return names


def main() -> None:
    exports = [Path(a) for a in sys.argv[1:]]
    if not exports:
        raise SystemExit(__doc__)
    rows = [row for path in sorted(exports, key=lambda p: p.name) for row in read_export(path)]
    DATA.parent.mkdir(exist_ok=True)
    # One row a line: a regenerated file diffs row by row.
    lines = ",\n".join(json.dumps(row, ensure_ascii=False) for row in rows)
    DATA.write_text(f"[\n{lines}\n]\n", encoding="utf-8")
    longest = max(len(r["name"]) for r in rows)
    print(f"{len(rows)} tên từ {len(exports)} tệp, dài nhất {longest} ký tự → {DATA}")


if __name__ == "__main__":
    main()
