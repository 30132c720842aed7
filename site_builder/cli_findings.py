"""What commands print about the catalogue's findings.

`check` prints every finding, as text, JSON or GitHub workflow commands. `build` and `kiosk` print every
error, but warnings grouped by code.

A build of the sample catalogue has dozens of known warnings; printed one by one they hide the success line
and any warning that is new. `check` (what editors and CI read to fix things) still prints every finding.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from itertools import groupby
from pathlib import Path

import click

from .diagnostics import Diagnostic, Severity, count
from .escaping import github_message, github_property, json_for_terminal, terminal
from .load import LoadResult
from .validate.codes import CODES

SHOWN_PER_CODE = 3
MORE = "… thêm {n} (xem tất cả: thutuc check hoặc --verbose)"
VERBOSE_OPTION = click.option(
    "--verbose", is_flag=True, help="In mọi cảnh báo của danh mục (mặc định: gộp theo mã, mỗi mã vài dòng)."
)


def grouped_lines(
    diagnostics: list[Diagnostic], line: Callable[[Diagnostic], str], color: bool = False
) -> list[str]:
    """Errors one a line; then per warning code a heading with its count and title, its first findings."""
    lines = [line(d) for d in diagnostics if d.severity is Severity.ERROR]
    warnings = sorted((d for d in diagnostics if d.severity is not Severity.ERROR), key=lambda d: d.code)
    for code, members in groupby(warnings, key=lambda d: d.code):
        found = list(members)
        title = CODES[code].title if code in CODES else ""
        heading = f"{code} — {title}: {len(found)} cảnh báo" if title else f"{code}: {len(found)} cảnh báo"
        lines.append(click.style(heading, fg="yellow", bold=True) if color else heading)
        lines += [f"  {line(d)}" for d in found[:SHOWN_PER_CODE]]
        if len(found) > SHOWN_PER_CODE:
            lines.append("  " + MORE.format(n=len(found) - SHOWN_PER_CODE))
    return lines


def success(text: str, color: bool) -> str:
    """The last line of a build that worked, set apart by a blank line (and colour) from the findings."""
    return "\n" + (click.style(text, fg="green", bold=True) if color else text)


def selected(result: LoadResult, paths: tuple[Path, ...]) -> list[Diagnostic]:
    if not paths:
        return result.diagnostics
    # Absolute but not resolved: a file that is a symbolic link to somewhere outside the catalogue is
    # reported (E112) under its own name, and must not drop out of the selection by resolving elsewhere.
    wanted = [Path(os.path.abspath(p)) for p in paths]

    def chosen(diagnostic: Diagnostic) -> bool:
        target = Path(os.path.abspath(diagnostic.file))
        return any(target == p or p in target.parents for p in wanted)

    return [d for d in result.diagnostics if chosen(d)]


def text_line(d: Diagnostic, color: bool) -> str:
    """`file:line:column: CODE: message (field)` on one line, whatever the file name, message or field hold."""
    code = (
        click.style(d.code, fg="red" if d.severity is Severity.ERROR else "yellow", bold=True)
        if color
        else d.code
    )
    field = f" ({terminal(d.field)})" if d.field else ""
    return f"{terminal(d.file)}:{d.line}:{d.column}: {code}: {terminal(d.message)}{field}"


def github_line(d: Diagnostic) -> str:
    """One workflow command per finding: GitHub's escaping keeps data from ending it or starting another."""
    kind = "error" if d.severity is Severity.ERROR else "warning"
    title = github_property(f"{d.code} {d.field}".strip())
    where = f"file={github_property(d.file)},line={d.line},col={d.column}"
    return f"::{kind} {where},title={title}::{github_message(d.message)}"


def print_findings(shown: list[Diagnostic], fmt: str) -> None:
    if fmt == "json":
        encoded = json.dumps([d.as_dict() for d in shown], ensure_ascii=False, indent=2)
        click.echo(json_for_terminal(encoded))
    elif fmt == "github":
        for diagnostic in shown:
            click.echo(github_line(diagnostic))
    else:
        # Errors first: they stop the merge, and must not hide among a catalogue's routine warnings.
        color = sys.stdout.isatty()
        for diagnostic in sorted(shown, key=lambda d: d.severity is not Severity.ERROR):
            click.echo(text_line(diagnostic, color))


def summary(result: LoadResult, shown: list[Diagnostic]) -> str:
    errors, warnings = count(shown)
    procedures = len(result.files.procedure_ids)
    verdict = "hợp lệ" if errors == 0 else "CHƯA hợp lệ"
    return f"Đã kiểm tra {procedures} thủ tục và các danh mục dùng chung: {errors} lỗi, {warnings} cảnh báo — {verdict}."
