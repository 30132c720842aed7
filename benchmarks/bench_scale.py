"""Scale benchmark: thutuc against stock MkDocs + Material, same procedures, same run.

From a fresh clone (Linux: memory is read from /proc), the whole table, 200, 2,000 and 20,000:

    bash .ci/setup && .venv/bin/python benchmarks/bench_scale.py

    .venv/bin/python benchmarks/bench_scale.py [--sizes 200,2000,20000] [--runs 1] [--no-preview]
                                               [--build-2000 SECONDS]

Sizes can be run one at a time (`--sizes 20000`, about 20 minutes, most of it stock MkDocs);
then `--build-2000` gives the 2,000 build's seconds from an earlier run for the 20k ÷ 2k column.

For each size, on one synthetic catalogue:
- `thutuc check`: wall time (median of at least 5 runs, with the fastest and slowest) and peak
  PSS; wall time of a second check of the unchanged catalogue, which reads what the first kept
  (site_builder/check_store.py);
- `thutuc build` (the project is a git repository with one commit): wall time, peak PSS and the
  max RSS of its largest process; procedure page HTML (median); the largest list page;
- the whole search index (every shard and store chunk, manifest, worker; raw and gzip), and what
  a cold first search downloads before its first result (gzip, median and largest over the
  relevance suites' queries, benchmarks/bench_first_search.py);
- kiosk zip size;
- preview: seconds from saving one edited procedure file until `thutuc serve` shows it;
- the baseline: the same procedures written as plain Markdown pages, built by stock MkDocs
  1.6 + Material 9 with a sections-only navigation and Material's search plugin (seconds, PSS);
- ratios: build ÷ stock, and this build ÷ the 2,000 build.
PSS ("proportional set size") is the memory of the command's process and all its descendants
(forked workers) summed, each shared page split among the processes sharing it, sampled every
50 ms (common.measure): Linux only. Prints a table; asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_first_search import first_search_bytes, suite_queries
from common import THUTUC, measure, project, run

from site_builder.model.procedure import (
    CHANNEL_LABELS,
    FEE_KIND_LABELS,
    LEVEL_LABELS,
    ONLINE_LEVEL_LABELS,
    PROCEDURE_TYPE_LABELS,
    ROLE_LABELS,
    STATUS_LABELS,
    TIME_UNIT_LABELS,
)
from site_builder.model.registry import WEEKDAY_LABELS

MKDOCS = str(Path(sys.executable).parent / "mkdocs")
# Runs of `check` at each size, whatever --runs says (see _thutuc).
CHECK_RUNS = 5
BASELINE_CONFIG = """site_name: Baseline
theme:
  name: material
  language: vi
  font: false
nav:
  - index.md
  - Thủ tục: thu-tuc/index.md
plugins:
  - search
markdown_extensions:
  - tables
  - attr_list
  - admonition
  - toc
validation:
  nav:
    omitted_files: ignore
"""
MISSING = "Chưa cập nhật"
Data = dict[str, Any]
# What the first-search column types, once wired (see first_search).


class _Registries:
    """The catalogue's registries, by id: what a hand-writing editor would look names up in."""

    def __init__(self, catalogue: Path) -> None:
        def load(name: str) -> Any:
            return yaml.safe_load((catalogue / "_registry" / name).read_text(encoding="utf-8"))

        self.settings: Data = load("catalogue.yml")
        self.agencies: dict[str, Data] = {a["id"]: a for a in load("agencies.yml")["agencies"]}
        self.fields = {f["id"]: f["name"] for f in load("fields.yml")["fields"]}
        self.audiences = {a["id"]: a["name"] for a in load("audiences.yml")["audiences"]}
        self.officials: dict[str, Data] = {
            o["id"]: o for a in self.agencies.values() for o in a.get("officials", [])
        }


def _cell(value: object) -> str:
    """Text safe inside one Markdown table cell."""
    return " ".join(str(value).split()).replace("|", "\\|")


def _date(value: object) -> str:
    return value.strftime("%d/%m/%Y") if isinstance(value, dt.date) else str(value or "")


def _fee_amount(fee: Data) -> str:
    amount = fee.get("amount")
    if amount is None:
        resolution = fee.get("council_resolution")
        return "Mức thu do HĐND tỉnh quy định" + (f" ({resolution})" if resolution else "")
    if amount == 0:
        return "Miễn phí"
    text = f"{amount:,}".replace(",", ".") + " đồng"
    return f"{text}/{fee['per']}" if fee.get("per") else text


def _time_limit(limit: Data) -> str:
    return f"{limit['value']:02d} {TIME_UNIT_LABELS[limit['unit']]}"


def _link(pages: dict[str, str], pid: str) -> str:
    return f"[{pages[pid]}]({pid}.md)" if pid in pages else pid


def _md_status(p: Data, pages: dict[str, str]) -> list[str]:
    status = p["status"]
    if status == "replaced":
        then = f" Hãy làm theo thủ tục mới: {_link(pages, p['replaced_by'])}." if p.get("replaced_by") else ""
        return [
            '!!! warning "Thủ tục này đã được thay thế"',
            "",
            f"    Thủ tục dưới đây không còn áp dụng.{then}",
            "",
        ]
    if status == "abolished":
        d = p.get("abolished_by") or {}
        return [
            '!!! danger "Thủ tục này đã bị bãi bỏ"',
            "",
            f"    Bãi bỏ theo {d.get('number', '')} ngày {_date(d.get('date'))} của {d.get('issuer', '')}. "
            "Nội dung dưới đây chỉ để tham khảo.",
            "",
        ]
    if status == "amended":
        a = p.get("announcement")
        by = f" theo {a['number']} ngày {_date(a['date'])}" if a else ""
        return [
            '!!! info "Thủ tục đã được sửa đổi, bổ sung"',
            "",
            f"    Nội dung dưới đây là bản hiện hành{by}.",
            "",
        ]
    return []


def _md_head(p: Data, reg: _Registries, pages: dict[str, str]) -> list[str]:
    lines = [f"# {p['name']}", ""]
    if reg.settings.get("sample") and reg.settings.get("notice"):
        lines += ['!!! note "Dữ liệu mẫu"', "", f"    {reg.settings['notice']}", ""]
    lines += _md_status(p, pages)
    if p.get("replaces"):
        lines += ["Thủ tục này thay thế: " + "; ".join(_link(pages, r) for r in p["replaces"]) + ".", ""]
    receiving = "; ".join(reg.agencies[a]["name"] for a in p["agencies"]["receiving"] if a in reg.agencies)
    online = [c for c in p["channels"] if c["kind"] == "online"]
    rows = [
        ("Mã thủ tục", p.get("code") or "Chưa có"),
        ("Mã địa phương", p.get("local_code")),
        ("Cấp thực hiện", LEVEL_LABELS[p["level"]]),
        ("Lĩnh vực", reg.fields.get(p["field"], p["field"])),
        ("Loại thủ tục", PROCEDURE_TYPE_LABELS[p.get("procedure_type", "standard")]),
        ("Tình trạng", STATUS_LABELS[p["status"]]),
        ("Đối tượng thực hiện", "; ".join(reg.audiences.get(a, a) for a in p["audiences"])),
        (
            "Thời hạn giải quyết",
            "; ".join(f"{CHANNEL_LABELS[c['kind']]}: {_time_limit(c['time_limit'])}" for c in p["channels"]),
        ),
        ("Nơi nộp hồ sơ", receiving),
        (
            "Nộp trực tuyến",
            ONLINE_LEVEL_LABELS[online[0]["online_level"]]
            if online and online[0].get("online_level")
            else ("Có" if online else "Không"),
        ),
        ("Kết quả", "; ".join(r["name"] for r in p["results"])),
    ]
    lines += [p["summary"], "", "## Tóm tắt", "", "| Mục | Nội dung |", "|---|---|"]
    lines += [f"| {k} | {_cell(v)} |" for k, v in rows if v]
    return [*lines, ""]


def _md_steps(p: Data) -> list[str]:
    lines = ["## 1. Trình tự thực hiện", ""]
    for i, s in enumerate(p["steps"], 1):
        actor = f" *(Người thực hiện: {s['actor']})*" if s.get("actor") else ""
        first, *rest = s["text"].strip().splitlines()
        lines.append(f"{i}. **{s['title']}**{actor} {first}")
        lines += [f"    {line}" if line.strip() else "" for line in rest]  # a list item's later lines
    return [*lines, ""]


def _md_channels(p: Data) -> list[str]:
    lines = [
        "## 2. Cách thức thực hiện",
        "",
        "| Cách thức | Thời hạn giải quyết | Phí, lệ phí | Mô tả |",
        "|---|---|---|---|",
    ]
    for c in p["channels"]:
        kind = CHANNEL_LABELS[c["kind"]]
        if c.get("online_level"):
            kind += f" ({ONLINE_LEVEL_LABELS[c['online_level']]})"
        limit = c["time_limit"]
        when = _time_limit(limit) + (f". {limit['note']}" if limit.get("note") else "")
        fees = "; ".join(f"{f['name']}: {_fee_amount(f)}" for f in c.get("fees", [])) or "Không thu phí"
        text = c.get("description") or ""
        if c.get("url"):
            text += f" [Nộp hồ sơ trực tuyến]({c['url']}) (cần Internet)"
        lines.append(f"| {_cell(kind)} | {_cell(when)} | {_cell(fees)} | {_cell(text)} |")
    if p.get("online_url"):
        lines += ["", f"[Xem thủ tục trên Cổng Dịch vụ công quốc gia]({p['online_url']}) (cần Internet)"]
    return [*lines, ""]


def _md_dossier(p: Data) -> list[str]:
    forms = {f["code"]: f["name"] for f in p.get("forms", [])}
    dossier = p["dossier"]
    lines = [
        "## 3. Thành phần, số lượng hồ sơ",
        "",
        f"Số lượng: **{dossier.get('sets', 1):02d} bộ** hồ sơ.",
        "",
    ]
    for case in dossier["cases"]:
        if case.get("name"):
            lines += [f"### {case['name']}", ""]
        lines += [
            "| STT | Tên giấy tờ | Bản chính | Bản sao | Mẫu đơn, tờ khai | Ghi chú |",
            "|---|---|---|---|---|---|",
        ]
        for i, d in enumerate(case["documents"], 1):
            form = f"{d['form']} — {forms.get(d['form'], '')}" if d.get("form") else ""
            notes = [
                "Nếu có" if not d.get("required", True) else "",
                "Xuất trình bản chính để đối chiếu" if d.get("presented") else "",
                d.get("note") or "",
            ]
            note = "; ".join(n for n in notes if n)
            lines.append(
                f"| {i} | {_cell(d['name'])} | {d.get('originals', 0):02d} | {d.get('copies', 0):02d} "
                f"| {_cell(form)} | {_cell(note)} |"
            )
        lines.append("")
    return lines


def _md_facts(p: Data, reg: _Registries) -> list[str]:
    lines = ["## 4. Thời hạn giải quyết", ""]
    for c in p["channels"]:
        note = f" — {c['time_limit']['note']}" if c["time_limit"].get("note") else ""
        lines.append(f"- {CHANNEL_LABELS[c['kind']]}: **{_time_limit(c['time_limit'])}**{note}")
    lines += ["", "## 5. Đối tượng thực hiện", ""]
    lines += [f"- {reg.audiences.get(a, a)}" for a in p["audiences"]]
    lines += ["", "## 6. Cơ quan thực hiện", "", "| Vai trò | Cơ quan |", "|---|---|"]
    for role, label in ROLE_LABELS.items():
        names = [reg.agencies[a]["name"] for a in p["agencies"].get(role, []) if a in reg.agencies]
        if names:
            lines.append(f"| {label} | {_cell('; '.join(names))} |")
    if p["agencies"].get("receiving_note"):
        lines += ["", p["agencies"]["receiving_note"]]
    lines += ["", "## 7. Kết quả thực hiện", ""]
    lines += [f"- {r['name']}" + (f" — {r['note']}" if r.get("note") else "") for r in p["results"]]
    return [*lines, ""]


def _fee_notes(f: Data) -> str:
    notes = [f"Áp dụng: {f['applies_to']}" if f.get("applies_to") else ""]
    if f.get("valid_from") or f.get("valid_to"):
        since = f" từ {_date(f['valid_from'])}" if f.get("valid_from") else ""
        until = f" đến hết {_date(f['valid_to'])}" if f.get("valid_to") else ""
        notes.append(f"Hiệu lực{since}{until}")
    if f.get("exemptions"):
        notes.append("Miễn, giảm: " + "; ".join(f["exemptions"]))
    notes.append(f"Căn cứ: {f['legal_basis']}" if f.get("legal_basis") else "")
    return "<br>".join(n for n in notes if n)


def _md_fees_forms(p: Data) -> list[str]:
    fees = [(c, f) for c in p["channels"] for f in c.get("fees", [])]
    lines = ["## 8. Phí, lệ phí", ""]
    if fees:
        lines += ["| Khoản thu | Mức thu | Cách thức | Miễn, giảm và ghi chú |", "|---|---|---|---|"]
        for c, f in fees:
            name = f"{f['name']} ({FEE_KIND_LABELS[f['kind']]})"
            lines.append(
                f"| {_cell(name)} | {_cell(_fee_amount(f))} | {CHANNEL_LABELS[c['kind']]} | {_cell(_fee_notes(f))} |"
            )
    else:
        lines.append("Không thu phí, lệ phí.")
    lines += ["", "## 9. Mẫu đơn, tờ khai", ""]
    for f in p.get("forms", []):
        issued = f" (ban hành kèm theo {f['issued_by']})" if f.get("issued_by") else ""
        where = f" · [Tải mẫu]({f['url']}) (cần Internet)" if f.get("url") else ""
        lines.append(f"- **{f['code']}** — {f['name']}{issued}{where}")
    if not p.get("forms"):
        lines.append("Không có mẫu đơn, tờ khai.")
    lines += ["", "## 10. Yêu cầu, điều kiện thực hiện", ""]
    lines += [f"- {r}" for r in p.get("requirements", [])] or ["Không."]
    return [*lines, ""]


def _md_law(p: Data) -> list[str]:
    lines = [
        "## 11. Căn cứ pháp lý",
        "",
        "| Số, ký hiệu | Trích yếu | Ngày ban hành | Cơ quan ban hành |",
        "|---|---|---|---|",
    ]
    for law in p["legal_basis"]:
        lines.append(
            f"| {_cell(law['number'])} | {_cell(law.get('title') or '')} | {_date(law.get('date'))} "
            f"| {_cell(law.get('issuer') or '')} |"
        )
    return [*lines, ""]


def _md_agency(a: Data) -> list[str]:
    hours = "; ".join(
        ", ".join(WEEKDAY_LABELS[d] for d in slot["days"]) + f": {slot['opens']}–{slot['closes']}"
        for slot in a.get("opening_hours", [])
    )
    if a.get("opening_hours_note"):
        hours = (hours + ". " if hours else "") + a["opening_hours_note"]
    email = f"[{a['email']}](mailto:{a['email']})" if a.get("email") else MISSING
    rows = [
        ("Địa chỉ", a.get("address") or MISSING),
        ("Giờ làm việc", hours or MISSING),
        ("Đường dây nóng", a.get("hotline") or MISSING),
        ("Điện thoại", a.get("phone")),
        ("Thư điện tử", email),
        ("Trang web", f"<{a['website']}> (cần Internet)" if a.get("website") else None),
    ]
    lines = [f"### {a['name']}", ""]
    if a.get("dissolved"):
        lines += [f"*Đã thôi hoạt động từ {_date(a['dissolved'])}.*", ""]
    lines += [f"- **{k}:** {v}" for k, v in rows if v]
    return [*lines, ""]


def _md_contacts(p: Data, reg: _Registries, pages: dict[str, str]) -> list[str]:
    lines = ["## Nơi nộp hồ sơ và liên hệ", ""]
    ids = dict.fromkeys(a for role in ROLE_LABELS for a in p["agencies"].get(role, []) if a in reg.agencies)
    for agency in ids:
        lines += _md_agency(reg.agencies[agency])
    lines += ["## Cán bộ chịu trách nhiệm", ""]
    officials = [reg.officials[o] for o in p.get("officials", []) if o in reg.officials]
    if officials:
        lines += ["| Họ và tên | Chức vụ | Liên hệ |", "|---|---|---|"]
        for o in officials:
            name = o["name"] + (" (tên minh họa)" if o.get("illustrative") else "")
            contact = (
                " ".join(x for x in (o.get("phone"), o.get("email")) if x) or "Qua đường dây nóng của cơ quan"
            )
            lines.append(f"| {_cell(name)} | {_cell(o['position'])} | {_cell(contact)} |")
    else:
        lines.append("Chưa công bố.")
    desk = reg.agencies.get(p["agencies"]["receiving"][0])
    lines += ["", "## Phản ánh, kiến nghị về thủ tục này", ""]
    if desk:
        email = f", thư điện tử {desk['email']}" if desk.get("email") else ""
        lines.append(
            f"Gửi phản ánh, kiến nghị qua đường dây nóng {desk.get('hotline') or MISSING}{email}, "
            f"hoặc trực tiếp tại {desk['name']}"
            + (f" ({desk['address']})" if desk.get("address") else "")
            + "."
        )
    else:
        lines.append("Gửi phản ánh, kiến nghị trực tiếp tại cơ quan giải quyết.")
    related = [_link(pages, r) for r in p.get("related", []) if r in pages]
    if related:
        lines += ["", "## Thủ tục liên quan", "", *(f"- {r}" for r in related)]
    if p.get("notes"):
        lines += ["", "## Ghi chú", "", p["notes"].strip()]
    return [*lines, ""]


def _md_provenance(p: Data) -> list[str]:
    source = p["source"]
    url = f" ([xem nguồn]({source['url']}), cần Internet)" if source.get("url") else ""
    lines = ["---", "", f"Nguồn: {source['document']}{url}, lấy ngày {_date(source['retrieved'])}.", ""]
    if p.get("announcement"):
        a = p["announcement"]
        lines += [f"Công bố theo {a['number']} ngày {_date(a['date'])} của {a['issuer']}.", ""]
    review = p["review"]
    return [*lines, f"Rà soát lần cuối: {_date(review['date'])} ({review['by']})."]


def baseline_page(p: Data, reg: _Registries, pages: dict[str, str]) -> str:
    """One procedure as a careful editor would write it by hand in Markdown: everything our page shows."""
    sections = (
        _md_head(p, reg, pages),
        _md_steps(p),
        _md_channels(p),
        _md_dossier(p),
        _md_facts(p, reg),
        _md_fees_forms(p),
        _md_law(p),
        _md_contacts(p, reg, pages),
        _md_provenance(p),
    )
    return "\n".join(line for section in sections for line in section) + "\n"


def baseline_project(work: Path, catalogue: Path) -> Path:
    """Each procedure as a Markdown page, the way a site without our plugin would hold it."""
    docs = work / "docs" / "thu-tuc"
    docs.mkdir(parents=True)
    (work / "docs" / "index.md").write_text("# Thủ tục hành chính\n", encoding="utf-8")
    (docs / "index.md").write_text("# Danh sách thủ tục\n", encoding="utf-8")
    reg = _Registries(catalogue)
    procedures = [
        yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted(catalogue.glob("*.yml"))
    ]
    pages = {p["id"]: p["name"] for p in procedures}
    for p in procedures:
        (docs / f"{p['id']}.md").write_text(baseline_page(p, reg, pages), encoding="utf-8")
    (work / "mkdocs.yml").write_text(BASELINE_CONFIG, encoding="utf-8")
    return work


def median_page(site: Path, pattern: str) -> float:
    return statistics.median(p.stat().st_size for p in site.glob(pattern)) / 1024


def committed(work: Path) -> None:
    """Make the project a git repository with one commit, as every real catalogue is: the build
    then reads the catalogue's history, as it does in CI and for editors."""
    author = ["-c", "user.name=bench", "-c", "user.email=bench@example.org"]
    # Thousands of new objects make git pack them after the commit, in the background by default:
    # that took both cores during the first measurements (a first check of 20,000: 9.4 s, not 5.5).
    # Packed before measuring, as a clone is.
    author += ["-c", "gc.autoDetach=false"]
    for args in (["init", "-q"], ["add", "-A"], [*author, "commit", "-qm", "danh mục"]):
        subprocess.run(["git", "-C", str(work), *args], check=True, capture_output=True)


def largest_list_page(site: Path) -> float:
    """The largest page that lists procedures (A–Z, levels, audiences, fields, agencies), in KB."""
    folders = ("a-z", "cap", "doi-tuong", "linh-vuc", "co-quan")
    return max(p.stat().st_size for name in folders for p in (site / name).rglob("index.html")) / 1024


def search_download(site: Path) -> tuple[float, float]:
    """The whole search index (every shard and store chunk, the manifest, the worker): what a
    first search downloaded before the index was sharded."""
    names = [site / "search/search_index.json", site / "assets/javascripts/workers/thutuc-search.js"]
    names += sorted((site / "search/parts").glob("*.json"))
    data = [n.read_bytes() for n in names]
    return sum(map(len, data)) / 1024, sum(len(gzip.compress(d, 6)) for d in data) / 1024


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def preview_seconds(work: Path, edits: int = 3, limit: float = 900) -> float:
    """Median seconds from saving an edited procedure until `thutuc serve` serves the change.

    Each of `edits` saves adds a word at the end of the same procedure's name (it keeps its place
    in every list, like most saves); the clock stops when its page shows the new name. Such a save
    rewrites only the pages it changes (site_builder/partial.py).
    """
    port = _free_port()
    server = subprocess.Popen(
        [THUTUC, "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=work,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    target = next(iter(sorted((work / "procedures").glob("*.yml"))))
    url = f"http://127.0.0.1:{port}/thu-tuc/{target.stem}/"
    original = target.read_text(encoding="utf-8")
    line = re.search(r"^name: [^'\"\n].*$", original, re.MULTILINE)
    assert line is not None, "a plain (unquoted) name line"
    times = []
    try:
        deadline = time.monotonic() + limit
        while "<h1" not in _page(url) and time.monotonic() < deadline:
            time.sleep(0.5)
        for edit in range(1, edits + 1):
            time.sleep(3)  # let the watcher settle and the files written after the page finish
            mark = f"sửa lần {edit}"
            start = time.monotonic()
            target.write_text(original.replace(line[0], f"{line[0]} {mark}", 1), encoding="utf-8")
            while mark not in _page(url) and time.monotonic() < deadline:
                time.sleep(0.05)
            times.append(time.monotonic() - start)
        return statistics.median(times)
    finally:
        target.write_text(original, encoding="utf-8")
        server.terminate()
        server.wait(timeout=30)


@dataclass(frozen=True)
class Row:
    """One size's figures; `build` and `stock` keep the seconds the ratios need."""

    size: int
    cells: list[str]
    build: float


def first_search(site: Path) -> str:
    """What a cold first search downloads before its first result, gzip: median and largest over
    the relevance suites' queries, by the worker's own choice of shards and chunks."""
    found = first_search_bytes(site, suite_queries())
    return f"{found['median'] / 1024:.0f} / {found['max'] / 1024:.0f} KB"


def _thutuc(work: Path, runs: int) -> tuple[list[str], float]:
    """Check, build, kiosk and preview of one project: the table's thutuc cells and the build's seconds."""
    checking = [THUTUC, "check", "--catalogue", str(work / "procedures")]
    # `check` reads every file (no store of earlier runs); "check again" reads the store a first run
    # wrote (site_builder/check_store.py), in a folder of its own: the build does not see it.
    store = {**os.environ, "THUTUC_CACHE_DIR": str(work.parent / "check-store")}
    # A check is short next to a build: timed at least CHECK_RUNS times, as a 2-vCPU host's speed
    # moves by half from minute to minute (one 20,000 check: 9.6 to 22.6 s on the same code).
    checks = [measure(checking, env={**store, "THUTUC_CACHE_DIR": ""}) for _ in range(max(runs, CHECK_RUNS))]
    again = [measure(checking, env=store) for _ in range(runs + 1)][1:]
    # Each run builds a folder of its own: replacing the last one would delete its files (see row).
    builds = [
        measure(
            [THUTUC, "build", "--config", str(work / "mkdocs.yml"), "--site-dir", str(work / f"site-{n}")]
        )
        for n in range(runs)
    ]
    check = statistics.median(c.seconds for c in checks)
    wall = statistics.median(b.seconds for b in builds)
    site = work / "site-0"
    raw, packed = search_download(site)
    run(
        [
            THUTUC,
            "kiosk",
            "--config",
            str(work / "mkdocs.yml"),
            "--dir",
            str(work / "kiosk"),
            "--output",
            str(work / "k.zip"),
        ]
    )
    cells = [
        f"{check:.1f} s ({min(c.seconds for c in checks):.1f}–{max(c.seconds for c in checks):.1f})",
        f"{max(c.pss_mb for c in checks):.0f} MB",
        f"{statistics.median(c.seconds for c in again):.1f} s",
        f"{wall:.1f} s",
        f"{max(b.pss_mb for b in builds):.0f} MB",
        f"{max(b.max_rss_mb for b in builds):.0f} MB",
        f"{median_page(site, 'thu-tuc/*/index.html'):.1f} KB",
        f"{largest_list_page(site):.1f} KB",
        f"{raw:.0f} / {packed:.0f} KB",
        first_search(site),
        f"{(work / 'k.zip').stat().st_size / 1_000_000:.1f} MB",
    ]
    return cells, wall


def row(size: int, runs: int, preview: bool, tmp: Path) -> Row:
    """One size's figures. Nothing is deleted until the whole run ends (main), and the preview, whose
    server deletes its folder when it stops, comes last: ext4 creating files soon after many were
    deleted scans past their recently freed inodes, which made a 2,000 build 2 to 3 times slower."""
    work = project(tmp / f"thutuc-{size}", size)
    committed(work)
    # The catalogue and git's objects were just written: the kernel writing them out must not
    # run during the first measurement (nor git's packing: committed).
    os.sync()
    cells, wall = _thutuc(work, runs)
    base = baseline_project(tmp / f"baseline-{size}", work / "procedures")
    os.sync()
    stock = [
        measure([MKDOCS, "build", "-q", "-f", str(base / "mkdocs.yml"), "-d", str(base / f"site-{n}")])
        for n in range(runs)
    ]
    stock_wall = statistics.median(b.seconds for b in stock)
    cells.append(f"{preview_seconds(work):.1f} s" if preview else "—")
    cells += [
        f"{stock_wall:.1f} s",
        f"{max(b.pss_mb for b in stock):.0f} MB",
        f"{median_page(base / 'site-0', 'thu-tuc/*/index.html'):.1f} KB",
        f"{wall / stock_wall:.2f}×",
    ]
    return Row(size, cells, wall)


COLUMNS = (
    "procedures",
    "check",
    "check PSS",
    "check again",
    "build",
    "build PSS",
    "build max RSS",
    "page HTML",
    "largest list page",
    "whole search index (raw / gzip)",
    "first search (gzip, median / max)",
    "kiosk zip",
    "edit → preview",
    "stock build",
    "stock PSS",
    "stock page HTML",
    "build ÷ stock",
    "build ÷ 2,000 build",
)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="200,2000,20000")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--no-preview", dest="preview", action="store_false")
    parser.add_argument(
        "--build-2000",
        type=float,
        help="seconds of the 2,000 build from an earlier run, for the last column when 2000 is not in --sizes",
    )
    args = parser.parse_args()
    print(
        f"thutuc vs stock MkDocs + Material — median of {args.runs} run(s); PSS: all processes of the command"
    )
    print("| " + " | ".join(COLUMNS) + " |")
    print("|" + "---|" * len(COLUMNS))
    base: float | None = args.build_2000
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            found = row(size, args.runs, args.preview, Path(tmp))
            if size == 2000:
                base = found.build
            ratio = f"{found.build / base:.1f}×" if base else "—"
            print(f"| {size:,} | " + " | ".join([*found.cells, ratio]) + " |", flush=True)


if __name__ == "__main__":
    main()
