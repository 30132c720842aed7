"""What `build` and `kiosk` print about the catalogue: every error, but warnings grouped by code.

A build of the sample catalogue has dozens of known warnings; printed one by one they hide the success line
and any warning that is new. `check` (what editors and CI read to fix things) still prints every finding.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import groupby

import click

from .diagnostics import Diagnostic, Severity
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
