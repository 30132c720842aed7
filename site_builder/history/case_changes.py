"""Changes to a procedure's dossier, case by case: a citizen reads the documents of one case only.

Cases are matched between the two versions by short title, then by name, then by position (what
is left), so that renaming a case reads as a rename and not as one case removed and another added.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..model import Procedure
from ..model.procedure import Document, DossierCase
from ..render.cases import case_label
from ..render.formatting import copies

# (kind, text, old, new): history/changes.py makes its Item of it (it imports this module).
Change = tuple[str, str, str | None, str | None]


def arrow(old: str, new: str) -> str:
    return f"{old} → {new}"


@dataclass(frozen=True)
class _Case:
    number: int
    case: DossierCase

    @property
    def label(self) -> str:
        return case_label(self.case, self.number)


def _numbered(p: Procedure) -> list[_Case]:
    return [_Case(n, case) for n, case in enumerate(p.dossier.cases, start=1)]


def _pair(old: list[_Case], new: list[_Case]) -> tuple[list[tuple[_Case, _Case]], list[_Case], list[_Case]]:
    """(matched pairs, old cases left, new cases left)."""
    pairs: list[tuple[_Case, _Case]] = []
    left_old, left_new = list(old), list(new)
    keys: tuple[Callable[[_Case], object], ...] = (
        lambda c: c.case.title,
        lambda c: c.case.name,
        lambda c: c.number,
    )
    for key in keys:
        for a in list(left_old):
            match = next((b for b in left_new if key(a) is not None and key(a) == key(b)), None)
            if match is not None:
                pairs.append((a, match))
                left_old.remove(a)
                left_new.remove(match)
    return sorted(pairs, key=lambda pair: pair[1].number), left_old, left_new


def _document_items(before: list[Document], after: list[Document], prefix: str) -> Iterator[Change]:
    was_by_name = {d.name: d for d in before}
    now_by_name = {d.name: d for d in after}
    for name in [n for n in now_by_name if n not in was_by_name]:
        yield ("document_added", f"{prefix}Thêm giấy tờ: {name}", None, name)
    for name in [n for n in was_by_name if n not in now_by_name]:
        yield ("document_removed", f"{prefix}Bỏ giấy tờ: {name}", name, None)
    for name in [n for n in now_by_name if n in was_by_name]:
        a, b = was_by_name[name], now_by_name[name]
        was, now = copies(a.originals, a.copies, a.presented), copies(b.originals, b.copies, b.presented)
        if was != now:
            yield ("document_changed", f"{prefix}Giấy tờ {name}: {arrow(was, now)}", was, now)
        if a.required != b.required:
            state = "bắt buộc" if b.required else "chỉ nộp trong một số trường hợp"
            yield ("document_changed", f"{prefix}Giấy tờ {name}: nay {state}", None, None)


def case_changes(old: Procedure, new: Procedure) -> Iterator[Change]:
    """Cases added, removed or renamed, and the documents that changed in each case."""
    several = len(old.dossier.cases) > 1 or len(new.dossier.cases) > 1
    pairs, removed, added = _pair(_numbered(old), _numbered(new))
    for c in added:
        count = len(c.case.documents)
        yield ("case_added", f"Thêm trường hợp {c.number}: {c.label} ({count} giấy tờ)", None, c.label)
    for c in removed:
        yield ("case_removed", f"Bỏ trường hợp: {c.label}", c.label, None)
    for a, b in pairs:
        if several and a.label != b.label:
            yield ("case_renamed", f"Tên trường hợp {b.number}: {arrow(a.label, b.label)}", a.label, b.label)
        prefix = f"Trường hợp {b.number} ({b.label}): " if several else ""
        yield from _document_items(a.case.documents, b.case.documents, prefix)
