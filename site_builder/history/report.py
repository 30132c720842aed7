"""Changes as Vietnamese Markdown for a pull-request comment, or as JSON."""

from __future__ import annotations

import json

from ..escaping import json_for_terminal, markdown_code, markdown_inline, markdown_revision
from .changes import Change

_ACTION = {"added": "Thủ tục mới", "removed": "Tệp bị xóa", "modified": "Sửa đổi"}
_EMPHASIS = {"fee", "fee_added", "fee_removed", "time_limit", "status", "added", "removed", "level"}


def markdown(changes: list[Change], base: str, head: str) -> str:
    """The pull-request comment. Names and texts, even from a revision never checked, stay plain text."""
    procedures = [c for c in changes if c.subject == "procedure"]
    agencies = [c for c in changes if c.subject == "agency"]
    lines = [f"### Thay đổi đối với người dân ({markdown_revision(base)} → {markdown_revision(head)})", ""]
    if not changes:
        lines.append("Không có thay đổi nào ảnh hưởng tới người dân.")
        return "\n".join(lines) + "\n"
    counts = {
        action: sum(c.action == action for c in procedures) for action in ("added", "modified", "removed")
    }
    lines.append(
        f"{len(procedures)} thủ tục thay đổi: {counts['added']} mới, {counts['modified']} sửa đổi, "
        f"{counts['removed']} bị xóa; {len(agencies)} cơ quan thay đổi thông tin."
    )
    for title, group in (("Thủ tục", procedures), ("Cơ quan", agencies)):
        if not group:
            continue
        lines += ["", f"#### {title}"]
        for change in group:
            lines += [
                "",
                f"**{markdown_inline(change.name)}** ({markdown_code(change.id)}) — {_ACTION[change.action]}",
            ]
            for item in change.items:
                text = markdown_inline(item.text)
                lines.append(f"- **{text}**" if item.kind in _EMPHASIS else f"- {text}")
    return "\n".join(lines) + "\n"


def as_json(changes: list[Change], base: str, head: str) -> str:
    data = {"base": base, "head": head, "changes": [c.as_dict() for c in changes]}
    return json_for_terminal(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"
