"""Data never creates structure in what thutuc writes: CSV cells, Markdown comments and reports, terminals.

Issue #14. The scheme of `site_builder.escaping.markdown_inline` is proved with markdown-it-py on hostile
strings; the rest runs the real `thutuc` on real catalogues, builds and git histories.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import string
import subprocess
from pathlib import Path

import pytest
from conftest import FIXTURE_CATALOGUE, build_site, commit, copy_project, new_repo, run_thutuc
from markdown_it import MarkdownIt
from markdown_it.token import Token

from site_builder.escaping import csv_cell, fold_lines, markdown_inline, markdown_revision, terminal
from site_builder.history.changes import Change, Item
from site_builder.history.report import markdown as diff_markdown

# CommonMark with GitHub's tables and strike-through: the structure a pull-request comment can have.
MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])
ZWSP = "\u200b"  # the only character markdown_inline adds (after @ and #), to break GitHub's mentions
INJECTION = "\n\n---\n\n**Đã duyệt** ✅ @reviewer [bấm](http://evil) <img src=x onerror=alert(1)> | a | b"
HOSTILE = [
    INJECTION,
    "# Tiêu đề giả",
    "## x ##",
    "Tên\n===",
    "Tên\n---",
    "---",
    "***",
    "___",
    "- mục giả",
    "+ mục giả",
    "* mục giả",
    "1. mục giả",
    "1) mục giả",
    "> trích dẫn",
    "    mã thụt lề",
    "\tmã thụt lề",
    "```\nmã\n```",
    "~~~",
    "`mã`",
    "``a`b``",
    "*nghiêng* **đậm** _x_ __y__",
    "~~gạch~~ ~gạch~",
    "[liên kết](http://evil)",
    "![ảnh](http://evil/x.png)",
    "[x][ref]\n\n[ref]: http://evil",
    "[^1]\n\n[^1]: chú thích",
    "<http://evil>",
    "http://evil.example/a?b=c",
    "www.evil.example",
    "thu@example.org",
    "@reviewer @org/team",
    "#123 và GH-1",
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "<!-- ẩn -->",
    "&amp; &#42; &lt;b&gt;",
    "a | b | c",
    "| a | b |\n|---|---|",
    "dòng 1  \ndòng 2",
    "dòng 1\\\ndòng 2",
    "kết thúc bằng \\",
    "$x^2$ và $$y$$",
    "\x1b[2J\x1b]0;tiêu đề\x07 xoá màn hình",
    "a\u2028b\u2029c\u0085d\r\ne\rf",
    " khoảng trắng đầu và cuối ",
    ":smile: :+1:",
    "HEAD~1 và HEAD^2",
    "Đăng ký khai sinh (trực tiếp): 200.000 đồng/lần",
]
PUNCTUATION = [
    sample
    for char in string.punctuation
    for sample in (f"{char}x", f"x{char}x", f"x{char}", char * 3, f"{char} x", f"x {char}")
]


def visible(tokens: list[Token]) -> str:
    """The text a reader sees in an inline token: only plain text is allowed in it."""
    (inline,) = [t for t in tokens if t.type == "inline"]
    kinds = {child.type for child in inline.children or []}
    assert kinds <= {"text"}, kinds
    return "".join(child.content for child in inline.children or []).replace(ZWSP, "")


def expected(text: str) -> str:
    return terminal(fold_lines(text))


@pytest.mark.parametrize("text", HOSTILE + PUNCTUATION)
def test_markdown_inline_is_one_plain_text_run(text: str) -> None:
    escaped = markdown_inline(text)
    shown = expected(text)
    paragraph = MD.parse(f"Trước {escaped} sau\n")
    assert [t.type for t in paragraph] == ["paragraph_open", "inline", "paragraph_close"]
    assert visible(paragraph) == f"Trước {shown} sau"
    alone = MD.parse(f"{escaped}\n")
    assert [t.type for t in alone] == ["paragraph_open", "inline", "paragraph_close"]
    assert visible(alone) == shown
    item = MD.parse(f"- {escaped}\n")
    assert [t.type for t in item][:3] == ["bullet_list_open", "list_item_open", "paragraph_open"]
    assert len(item) == 7 and visible(item) == shown
    bold = MD.parse(f"- **{escaped}**\n")
    (inline,) = [t for t in bold if t.type == "inline"]
    kinds = [child.type for child in inline.children or [] if child.type != "text" or child.content]
    assert kinds[0] == "strong_open" and kinds[-1] == "strong_close" and set(kinds[1:-1]) == {"text"}
    table = MD.parse(f"| a | b | c |\n|---|---|---|\n| x | {escaped} | y |\n")
    assert sum(t.type == "tr_open" for t in table) == 2
    cells = [t for t in table if t.type == "inline"]
    assert [c.content for c in cells[:3]] == ["a", "b", "c"] and len(cells) == 6
    assert visible([cells[4]]) == shown and cells[3].content == "x" and cells[5].content == "y"


def test_diff_markdown_of_any_change_keeps_its_shape() -> None:
    """Whatever names and texts a revision holds (even one no rule checked), the comment keeps its shape."""
    change = Change("procedure", "dang-ky-khai-sinh", INJECTION, "modified")
    change.items.append(Item("name", f"Tên thủ tục: Cũ → {INJECTION}"))
    change.items.append(Item("fee", "# Phí\n\n| x | y |\n|---|---|"))
    tokens = MD.parse(diff_markdown([change], "HEAD~1", "HEAD"))
    assert_single_change_shape(tokens)


def assert_no_structure_from_data(tokens: list[Token]) -> str:
    """No rule, table, HTML, link, image, strike-through or emphasis: returns the visible text."""
    kinds = [t.type for t in tokens]
    assert "hr" not in kinds and "table_open" not in kinds and "html_block" not in kinds
    children = [c.type for t in tokens if t.type == "inline" for c in t.children or []]
    assert not {"link_open", "image", "html_inline", "s_open", "em_open"} & set(children)
    return "".join(c.content for t in tokens if t.type == "inline" for c in t.children or [])


def assert_single_change_shape(tokens: list[Token]) -> None:
    text = assert_no_structure_from_data(tokens)
    assert [t.tag for t in tokens if t.type == "heading_open"] == ["h3", "h4"]
    assert (
        "**Đã duyệt** ✅ @" + ZWSP + "reviewer [bấm](http://evil) <img src=x onerror=alert(1)> | a | b"
        in text
    )


# --- CSV in the built site and in the report --------------------------------------------------------------

FORMULAS = ['=HYPERLINK("http://x")', "+1", "@SUM(1)", "-2+3"]
PROCEDURES = [
    "dang-ky-khai-sinh.yml",
    "cap-phieu-ly-lich-tu-phap.yml",
    "cap-phieu-ly-lich-tu-phap-so-tu-phap.yml",
]
CASE = """# yaml-language-server: $schema=../_schemas/feedback.schema.json
id: {id}
received: 2026-10-05
channel: hotline
procedures: [dang-ky-khai-sinh]
agency: ubnd-xa
summary: {summary}
status: received
"""


def set_name(path: Path, prefix: str) -> None:
    """Put `prefix` at the start of the first `name:` of a file (a procedure, or the first agency)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.lstrip().startswith("name: "))
    indent, name = lines[at].split("name: ", 1)
    lines[at] = f"{indent}name: {json.dumps(prefix + ' ' + name, ensure_ascii=False)}"
    path.write_text("\n".join(lines), encoding="utf-8")


def hostile_catalogue(target: Path) -> Path:
    shutil.copytree(FIXTURE_CATALOGUE, target)
    for prefix, name in zip(FORMULAS, PROCEDURES, strict=False):
        set_name(target / name, prefix)
    set_name(target / "_registry" / "agencies.yml", FORMULAS[3])
    (target / "_feedback").mkdir()
    for number, prefix in enumerate(FORMULAS):
        summary = json.dumps(f"{prefix} phản ánh chậm trả kết quả", ensure_ascii=False)
        (target / "_feedback" / f"pa-{number}.yml").write_text(
            CASE.format(id=f"pa-{number}", summary=summary), encoding="utf-8"
        )
    return target


def read_csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def test_open_data_csv_cells_are_never_formulas_and_json_keeps_the_text(tmp_path: Path) -> None:
    catalogue = hostile_catalogue(tmp_path / "catalogue")
    site = build_site(copy_project(tmp_path / "project", catalogue), tmp_path / "site")
    api = site / "api"
    names = {row["id"]: row["name"] for row in read_csv(api / "catalogue.csv")}
    procedures = {p["id"]: p["name"] for p in json.loads((api / "procedures.json").read_text("utf-8"))}
    for prefix, file in zip(FORMULAS, PROCEDURES, strict=False):
        procedure_id = file.removesuffix(".yml")
        assert names[procedure_id].startswith("'" + prefix), names[procedure_id]
        assert procedures[procedure_id].startswith(prefix)
    agencies = {row["agency_name"] for row in read_csv(api / "catalogue.csv") if row["agency"] == "ubnd-xa"}
    assert agencies == {"'-2+3 Ủy ban nhân dân xã, phường"}
    summaries = [row["summary"] for row in read_csv(api / "phan-anh.csv")]
    assert sorted(summaries) == sorted(f"'{p} phản ánh chậm trả kết quả" for p in FORMULAS)
    raw = [case["summary"] for case in json.loads((api / "phan-anh.json").read_text("utf-8"))]
    assert sorted(raw) == sorted(f"{p} phản ánh chậm trả kết quả" for p in FORMULAS)
    for file in ("catalogue.csv", "phan-anh.csv"):
        cells = [cell for row in read_csv(api / file) for cell in row.values()]
        assert not [cell for cell in cells if cell.startswith(tuple("=+-@\t\r"))]


NAMED = {("theo_co_quan", "ubnd-xa"), ("theo_linh_vuc", "ho-tich")}


def test_report_csv_cells_are_never_formulas_and_markdown_tables_keep_their_shape(tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "kho")
    set_name(repo / "procedures" / "_registry" / "agencies.yml", '=HYPERLINK("http://x")')
    set_name(repo / "procedures" / "_registry" / "fields.yml", "@SUM(1) | a | b <b>x</b> @reviewer")
    commit(repo, "Danh mục ban đầu")
    result = run_thutuc("report", "--quarter", "2026-Q4", "--format", "csv", cwd=repo)
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    names = {row["ten"] for row in rows if (row["muc"], row["ma"]) in NAMED}
    assert names == {
        '\'=HYPERLINK("http://x") Ủy ban nhân dân xã, phường',
        "'@SUM(1) | a | b <b>x</b> @reviewer Hộ tịch",
    }
    result = run_thutuc("report", "--quarter", "2026-Q4", cwd=repo)
    assert result.returncode == 0, result.stderr
    tokens = MD.parse(result.stdout)
    # Every row of every table has as many cells as its header, and the agency and field rows are there.
    widths = table_widths(tokens)
    # Each table keeps one cell count in every row, whatever the names hold.
    assert widths and all(len(rows) == 1 for rows in widths), widths
    children = [c.type for t in tokens if t.type == "inline" for c in t.children or []]
    assert "html_inline" not in children and "link_open" not in children
    text = "".join(c.content for t in tokens if t.type == "inline" for c in t.children or [])
    assert f"@{ZWSP}SUM(1) | a | b <b>x</b> @{ZWSP}reviewer Hộ tịch" in text


def table_widths(tokens: list[Token]) -> list[set[int]]:
    """For each table, the set of its rows' cell counts."""
    widths: list[set[int]] = []
    cells = 0
    for token in tokens:
        if token.type == "table_open":
            widths.append(set())
        elif token.type == "tr_open":
            cells = 0
        elif token.type in ("td_open", "th_open"):
            cells += 1
        elif token.type == "tr_close":
            widths[-1].add(cells)
    return widths


# --- thutuc diff on a real git repository ----------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [INJECTION.replace("\n", " "), INJECTION],
    ids=["one line", "with blank lines"],
)
def test_diff_comment_cannot_be_restructured_by_a_name(tmp_path: Path, name: str) -> None:
    repo = new_repo(tmp_path / "kho")
    commit(repo, "Danh mục ban đầu")
    path = repo / "procedures" / "dang-ky-khai-sinh.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("name: Đăng ký khai sinh\n", f"name: {json.dumps('Đăng ký khai sinh' + name)}\n", 1),
        encoding="utf-8",
    )
    commit(repo, "Sửa tên")
    result = run_thutuc("diff", "HEAD~1", "HEAD", cwd=repo)
    assert result.returncode == 0, result.stderr
    if "\n" in name:
        # `thutuc check` refuses line breaks in a name (E211): the comment shows that error, quoting nothing
        # of the name that could make structure.
        assert "E211" in assert_no_structure_from_data(MD.parse(result.stdout))
    else:
        assert_single_change_shape(MD.parse(result.stdout))
    assert "\n---\n" not in result.stdout and "<img" not in result.stdout


# --- terminal and GitHub annotations ---------------------------------------------------------------------

ESCAPES = "\x1b[2J\x1b]0;đã duyệt\x07\x9b31m"


def broken_catalogue(tmp_path: Path) -> Path:
    """A catalogue whose errors quote text holding escape sequences and line breaks, in a strange file name."""
    catalogue = tmp_path / "procedures"
    shutil.copytree(FIXTURE_CATALOGUE, catalogue)
    path = catalogue / "dang-ky-khai-sinh.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("level: commune", f"level: {json.dumps('xã' + ESCAPES + '%0A')}", 1)
    key = json.dumps("khoá" + ESCAPES + "\nmới,: x")
    text = text.replace("keywords:", f"{key}: 1\nkeywords:", 1)
    path.write_text(text, encoding="utf-8")
    strange = catalogue / f"tệp{ESCAPES},line=1:\nx.yml"
    strange.write_text(text.replace("id: dang-ky-khai-sinh", "id: khac"), encoding="utf-8")
    return catalogue


def run_bytes(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    from conftest import THUTUC

    return subprocess.run([THUTUC, *args], cwd=cwd, capture_output=True, check=False)


@pytest.mark.parametrize("fmt", ["text", "github", "json"])
def test_check_never_prints_control_characters(tmp_path: Path, fmt: str) -> None:
    broken_catalogue(tmp_path)
    result = run_bytes("check", "--format", fmt, cwd=tmp_path)
    assert result.returncode == 1
    out = result.stdout + result.stderr
    assert b"Traceback" not in out
    for control in (b"\x1b", b"\x07", "\x9b".encode(), b"\r"):
        assert control not in out, (control, out)
    if fmt == "json":
        findings = json.loads(result.stdout)
        assert any(ESCAPES in d["message"] for d in findings), "JSON keeps the text as it is"
    else:
        assert b"\\x1b[2J\\x1b]0;\xc4\x91\xc3\xa3 duy\xe1\xbb\x87t\\x07\\x9b31m" in out


def test_github_annotations_are_one_line_each_with_escaped_properties(tmp_path: Path) -> None:
    broken_catalogue(tmp_path)
    findings = json.loads(run_thutuc("check", "--format", "json", cwd=tmp_path).stdout)
    lines = run_thutuc("check", "--format", "github", cwd=tmp_path).stdout.splitlines()
    assert len(lines) == len(findings) and all(line.startswith(("::error ", "::warning ")) for line in lines)
    strange = [line for line in lines if "%0Ax.yml" in line]
    assert strange, lines
    for line in strange:
        properties = line.split("::")[1].split(" ", 1)[1]
        assert dict(p.split("=", 1) for p in properties.split(",")).keys() == {"file", "line", "col", "title"}
    assert any("%250A" in line for line in lines), "a % in the data is escaped, not read as an escape"


def test_csv_cell_rule() -> None:
    assert [csv_cell(t) for t in ("=1", "+1", "-1", "@a", "\t=1", "\r=1", "Đăng ký", "1", "")] == [
        "'=1", "'+1", "'-1", "'@a", "'\t=1", "'\r=1", "Đăng ký", "1", "",
    ]  # fmt: skip


def test_revision_names_stay_readable_but_data_tildes_do_not() -> None:
    assert markdown_revision("HEAD~1") == "HEAD~1"
    assert markdown_revision("origin/main") == "origin/main"
    assert "~" not in markdown_revision("~~gạch~~") and "~" not in markdown_inline("HEAD~1")
