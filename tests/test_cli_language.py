"""Everything the command line prints is Vietnamese: help pages, usage errors, prompts and YAML syntax errors.

The English to look for is read from click's own source at test time: every text click marks for translation
(`_("…")`, `ngettext("…", "…")`), cut at its placeholders. A click upgrade that adds a message is covered
without editing this file.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

import click
import pytest
from conftest import FIXTURE_CATALOGUE, ROOT, THUTUC, run_thutuc

from site_builder.cli import main

PLACEHOLDER = re.compile(r"\{[^}]*\}|%\([^)]*\)[a-z]|%[a-z]")
# Single lowercase words ("file", "path", "d") also occur inside our own text (file://); they are
# caught where click would print them, as "[default: …]" and "[required]".
EXTRA = ("[default:", "[required]")


@cache
def click_english() -> tuple[str, ...]:
    """Every fragment of a text click marks for translation that could be shown to a user."""
    found: set[str] = set()
    for source in Path(click.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("_", "ngettext")
            ):
                for arg in node.args:
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        found.update(part.strip(" \n\t'\".,:") for part in PLACEHOLDER.split(arg.value))
    fragments = {f for f in found if len(f) >= 4 and (" " in f or f[0].isupper())}
    assert {
        "Usage",
        "Show this message and exit",
        "Missing option",
        "No such command",
        "Aborted!",
    } <= fragments
    return (*sorted(fragments), *EXTRA)


def english_in(text: str) -> list[str]:
    return [f for f in click_english() if re.search(rf"(?<!\w){re.escape(f)}(?!\w)", text)]


def assert_vietnamese(result: subprocess.CompletedProcess[str], *expected: str, code: int) -> None:
    shown = result.stdout + result.stderr
    assert result.returncode == code, shown
    assert english_in(shown) == [], shown
    for text in expected:
        assert text in shown, shown


@pytest.mark.parametrize("command", ["", *sorted(main.commands)])
def test_help_pages_are_vietnamese(command: str) -> None:
    result = run_thutuc(*([command] if command else []), "-h")
    assert_vietnamese(result, "Cách dùng: thutuc", "Tùy chọn:", "Hiện hướng dẫn này rồi thoát.", code=0)
    if not command:
        assert "Lệnh:" in result.stdout and "In số phiên bản rồi thoát." in result.stdout


def test_defaults_are_vietnamese() -> None:
    assert_vietnamese(run_thutuc("build", "-h"), "[mặc định: mkdocs.yml]", code=0)
    assert_vietnamese(run_thutuc("check", "-h"), "[mặc định: text]", code=0)


# No `thutuc` option is required today; a command added with one gets these texts from the shared classes.
REQUIRED_OPTION = """
import click
from site_builder import cli_text

@click.group(cls=cli_text.Group, context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    pass

@main.command()
@click.option("--quy", required=True, help="Quý cần báo cáo.")
def bao_cao(quy: str) -> None:
    pass

main(prog_name="thutuc")
"""


@pytest.mark.parametrize(
    ("args", "expected", "code"),
    [
        (("bao-cao",), ("Lỗi: Thiếu tùy chọn bắt buộc «--quy» (Quý cần báo cáo).",), 2),
        (("bao-cao", "-h"), ("--quy GIÁ_TRỊ  Quý cần báo cáo.  [bắt buộc]",), 0),
    ],
)
def test_required_option_is_vietnamese(args: tuple[str, ...], expected: tuple[str, ...], code: int) -> None:
    command = [sys.executable, "-c", REQUIRED_OPTION, *args]
    result = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
    assert_vietnamese(result, "Cách dùng: thutuc bao-cao", *expected, code=code)


def test_no_arguments_shows_the_help() -> None:
    assert_vietnamese(run_thutuc(), "Cách dùng: thutuc", "Lệnh:", code=2)


def test_version() -> None:
    assert_vietnamese(run_thutuc("--version"), "thutuc, phiên bản ", code=0)


USAGE_ERRORS = [
    (("report", "--quarter"), ("Tùy chọn «--quarter» cần một giá trị",)),
    (("check", "--stric"), ("Không có tùy chọn «--stric». Có phải ý bạn là «--strict»?",)),
    (("check", "--zzz"), ("Không có tùy chọn «--zzz». Các tùy chọn của lệnh này:",)),
    (("bogus",), ("Không có lệnh «bogus».", "Các lệnh: build, check")),
    (("buil",), ("Có phải ý bạn là «build»?",)),
    (("check", "--format", "x"), ("Giá trị của «--format» không hợp lệ: «x» không phải giá trị được phép",)),
    (("diff", "HEAD", "--format", "pdf"), ("chọn một trong: «markdown», «json»",)),
    (("build", "--strict=1"), ("Tùy chọn «--strict» không nhận giá trị",)),
    (("report", "--quarter", "2026-Q4", "thừa"), ("Thừa «thừa»: lệnh «thutuc report» không nhận thêm",)),
    (("report", "--quarter", "2026-Q4", "--catalogue", "khong-co"), ("Thư mục «khong-co» không có",)),
    (("build", "--config", "procedures"), ("«procedures» là một thư mục, ở đây cần một tệp",)),
    (("diff",), ("Lỗi: Thiếu đối số BASE.", "Xem hướng dẫn: thutuc diff -h")),
]


@pytest.mark.parametrize(("args", "expected"), USAGE_ERRORS, ids=[" ".join(a) for a, _ in USAGE_ERRORS])
def test_usage_errors_are_vietnamese(args: tuple[str, ...], expected: tuple[str, ...]) -> None:
    result = run_thutuc(*args, cwd=ROOT)
    assert_vietnamese(result, "Cách dùng: thutuc", *expected, code=2)
    assert result.stdout == ""


def test_stopped_prompt_is_vietnamese(tmp_path: Path) -> None:
    """`new` asks questions; input that ends (Ctrl-D, a closed pipe) stops it without click's "Aborted!"."""
    result = subprocess.run(
        [THUTUC, "new", "--catalogue", str(FIXTURE_CATALOGUE)],
        input="",
        capture_output=True,
        text=True,
        check=False,
    )
    assert_vietnamese(result, "Tên thủ tục: ", "Đã dừng", code=1)


BROKEN_YAML = [
    "name: Bước 1: Nộp hồ sơ\n",  # mapping values are not allowed here
    'name: "chưa đóng nháy\n',  # found unexpected end of stream
    "name: abc\n  code: x\n",  # bad indentation
    "name: [a, b\n",  # unclosed flow sequence
    "name: @abc\n",  # character that cannot start any token
    "name: *khong-co\n",  # undefined alias
    'name: "a\\qb"\n',  # unknown escape
    "- a\nname: b\n",  # block end expected
    "name: a\n---\nname: b\n",  # a second document
    "name: |0\n  x\n",  # indentation indicator 0
    "%FOO bar\n---\nname: a\n",  # unknown directive
]


@pytest.mark.parametrize("text", BROKEN_YAML)
def test_yaml_syntax_errors_are_vietnamese(tmp_path: Path, text: str) -> None:
    catalogue = tmp_path / "procedures"
    shutil.copytree(FIXTURE_CATALOGUE, catalogue)
    (catalogue / "hong.yml").write_text(text, encoding="utf-8")
    result = run_thutuc("check", str(catalogue / "hong.yml"))
    shown = result.stdout + result.stderr
    assert result.returncode == 1, shown
    line = next(line for line in result.stdout.splitlines() if ": E100: " in line)
    assert "Lỗi cú pháp YAML" in line
    # libyaml's English: no run of three plain ASCII words in the message (Vietnamese words carry accents).
    message = line.split(": E100: ", 1)[1]
    assert not re.search(r"\b[a-z]+ [a-z]+ [a-z]+ [a-z]+\b", message), message
    for english in (
        "mapping values",
        "while scanning",
        "while parsing",
        "could not find",
        "found ",
        "expected",
    ):
        assert english not in message, message
