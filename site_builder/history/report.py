"""Changes as Vietnamese Markdown for a pull-request comment, or as JSON, with the errors found on the way."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict

from ..escaping import json_for_terminal, markdown_code, markdown_inline, markdown_revision
from .changes import Change, Problem

_ACTION = {
    "added": "Thủ tục mới",
    "removed": "Tệp bị xóa",
    "modified": "Sửa đổi",
    "unreadable": "Không đọc được",
    "invalid": "Có lỗi",
}
_EMPHASIS = {
    "fee",
    "fee_added",
    "fee_removed",
    "time_limit",
    "status",
    "added",
    "removed",
    "level",
    "unreadable",
}
# A comment has a size limit and a reviewer needs the first errors of a file, not all of them: the rest
# are one `thutuc check` away.
ERRORS_PER_FILE = 20


def _error_lines(errors: Sequence[Problem], indent: str = "") -> list[str]:
    lines: list[str] = []
    for side in dict.fromkeys(p.side for p in errors):
        mine = [p for p in errors if p.side == side]
        lines.append(f"{indent}- Lỗi ở {markdown_revision(side)}:")
        lines += [f"{indent}  - {markdown_inline(p.text)}" for p in mine[:ERRORS_PER_FILE]]
        if len(mine) > ERRORS_PER_FILE:
            lines.append(
                f"{indent}  - … và {len(mine) - ERRORS_PER_FILE} lỗi khác (chạy thutuc check để xem hết)"
            )
    return lines


def _summary(procedures: list[Change], agencies: list[Change]) -> str:
    counts = {action: sum(c.action == action for c in procedures) for action in _ACTION}
    flawed = f", {counts['unreadable']} không đọc được" if counts["unreadable"] else ""
    flawed += f", {counts['invalid']} chỉ có lỗi" if counts["invalid"] else ""
    return (
        f"{len(procedures)} thủ tục thay đổi: {counts['added']} mới, {counts['modified']} sửa đổi, "
        f"{counts['removed']} bị xóa{flawed}; {len(agencies)} cơ quan thay đổi thông tin."
    )


def _entry(change: Change) -> list[str]:
    flag = " — có lỗi" if change.errors and change.action not in ("unreadable", "invalid") else ""
    lines = [
        "",
        f"**{markdown_inline(change.name)}** ({markdown_code(change.id)}) — {_ACTION[change.action]}{flag}",
    ]
    for item in change.items:
        text = markdown_inline(item.text)
        lines.append(f"- **{text}**" if item.kind in _EMPHASIS else f"- {text}")
    return lines + _error_lines(change.errors)


def markdown(
    changes: list[Change], base: str, head: str, others: Sequence[Problem] = (), head_errors: int = 0
) -> str:
    """The pull-request comment. Names, texts and messages, even from a revision never checked, stay plain text."""
    procedures = [c for c in changes if c.subject == "procedure"]
    agencies = [c for c in changes if c.subject == "agency"]
    lines = [f"### Thay đổi đối với người dân ({markdown_revision(base)} → {markdown_revision(head)})", ""]
    if head_errors:
        lines += [
            f"**{markdown_revision(head)} có {head_errors} lỗi**: `thutuc check` từ chối hợp nhất cho tới khi sửa. "
            "Lỗi của một thủ tục ghi ngay dưới thủ tục đó; những gì đọc được ở cả hai phía vẫn được so sánh.",
            "",
        ]
    if not changes and not others:
        lines.append("Không có thay đổi nào ảnh hưởng tới người dân.")
        return "\n".join(lines) + "\n"
    lines.append(_summary(procedures, agencies))
    for title, group in (("Thủ tục", procedures), ("Cơ quan", agencies)):
        if group:
            lines += ["", f"#### {title}"]
            for change in group:
                lines += _entry(change)
    if others:
        lines += ["", "#### Lỗi ở các tệp khác", "", *_error_lines(others)]
    return "\n".join(lines) + "\n"


def as_json(
    changes: list[Change], base: str, head: str, others: Sequence[Problem] = (), head_errors: int = 0
) -> str:
    data = {
        "base": base,
        "head": head,
        "head_errors": head_errors,
        "changes": [c.as_dict() for c in changes],
        "other_errors": [asdict(p) for p in others],
    }
    return json_for_terminal(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"
