"""`thutuc diff BASE [HEAD]`: what a change to the catalogue means for citizens.

The comparison never stops at an error: a pull request with a mistake is exactly the one a reviewer must
understand. What can be read on both sides is compared; a file with errors says so in its own entry with
its error lines, and a file that cannot be read at all is listed as such. Whether the change may be merged
is `thutuc check`'s decision, not this command's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..catalogue import Catalogue
from ..diagnostics import Diagnostic
from ..history.changes import Change, Item, Problem, compare, essentials
from ..history.revisions import catalogue_at, repo_root
from ..load import load_catalogue

WORKING_TREE = "bản đang sửa"


@dataclass
class Side:
    """One side of the comparison: what could be read, and the errors by file (paths from the repository)."""

    label: str
    catalogue: Catalogue
    errors: dict[str, list[Problem]] = field(default_factory=dict)
    # Every procedure file present, valid or not: procedure id → its file, as in `errors`.
    files: dict[str, str] = field(default_factory=dict)

    def problems(self, procedure_id: str) -> list[Problem]:
        return self.errors.get(self.files.get(procedure_id, ""), [])


@dataclass(frozen=True)
class DiffResult:
    base: str
    head: str
    changes: list[Change]
    # Errors in files that are not procedures (registries, feedback, misplaced files), both sides.
    other_errors: list[Problem]
    # Errors on the side being proposed: what `thutuc check` will refuse.
    error_count: int


def _shown(file: str, root: Path, relative: str) -> str:
    """A file as the repository names it (`procedures/x.yml`), not as a temporary copy does."""
    try:
        inside = Path(file).absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        return file
    return f"{relative}/{inside}" if relative not in ("", ".") else inside


def _problem(label: str, d: Diagnostic, root: Path, relative: str) -> Problem:
    message = f"{d.message} ({d.field})" if d.field else d.message
    return Problem(label, _shown(d.file, root, relative), d.line, d.column, d.code, message)


def _read(root: Path, label: str, relative: str) -> Side:
    loaded = load_catalogue(root)
    side = Side(label, loaded.catalogue)
    for diagnostic in loaded.errors:
        problem = _problem(label, diagnostic, root, relative)
        side.errors.setdefault(problem.file, []).append(problem)
    for procedure_id, source in loaded.files.sources.items():
        side.files[procedure_id] = _shown(str(source.path), root, relative)
    return side


def _unreadable(procedure_id: str, name: str, side: str) -> Change:
    text = f"Không đọc được tệp ở {side}: chưa so sánh được cho tới khi sửa các lỗi dưới đây"
    return Change("procedure", procedure_id, name, "unreadable", [Item("unreadable", text)])


def _entry(procedure_id: str, found: Change | None, old: Side, new: Side) -> Change | None:
    """The entry of one procedure, with what compare() could not know: which side could not be read."""
    was = old.catalogue.procedures.get(procedure_id)
    now = new.catalogue.procedures.get(procedure_id)
    if procedure_id in new.files and now is None:
        found = _unreadable(procedure_id, was.name if was else procedure_id, new.label)
    elif procedure_id in old.files and was is None and now is not None:
        note = Item("unreadable", f"Tệp ở {old.label} không đọc được nên không so sánh được; hiện nay:")
        found = Change(
            "procedure", procedure_id, now.name, "modified", [note, *essentials(now, new.catalogue)]
        )
    elif procedure_id not in new.files and found is None:
        found = Change(
            "procedure", procedure_id, procedure_id, "removed", [Item("removed", "Tệp thủ tục bị xóa")]
        )
    errors = [*old.problems(procedure_id), *new.problems(procedure_id)]
    if errors and found is None:
        found = Change("procedure", procedure_id, now.name if now else procedure_id, "invalid")
    if found is not None:
        found.errors = errors
    return found


def _annotate(changes: list[Change], old: Side, new: Side) -> tuple[list[Change], list[Problem]]:
    procedures = {c.id: c for c in changes if c.subject == "procedure"}
    ids = sorted(old.files.keys() | new.files.keys())
    entries = [e for i in ids if (e := _entry(i, procedures.get(i), old, new)) is not None]
    procedure_files = set(old.files.values()) | set(new.files.values())
    others = [
        problem
        for side in (old, new)
        for file, problems in sorted(side.errors.items())
        if file not in procedure_files
        for problem in problems
    ]
    return [*entries, *(c for c in changes if c.subject != "procedure")], others


def diff(catalogue_dir: Path, base: str, head: str | None) -> DiffResult:
    """Compare the catalogue at `base` with `head` (a revision) or, without one, the working tree."""
    repo = repo_root(catalogue_dir.resolve())
    relative = catalogue_dir.resolve().relative_to(repo).as_posix()
    with catalogue_at(repo, base, relative) as old_root:
        old = _read(old_root, base, relative)
    if head is None:
        new = _read(catalogue_dir, WORKING_TREE, relative)
    else:
        with catalogue_at(repo, head, relative) as new_root:
            new = _read(new_root, head, relative)
    changes, others = _annotate(compare(old.catalogue, new.catalogue), old, new)
    head_errors = sum(len(problems) for problems in new.errors.values())
    return DiffResult(base, new.label, changes, others, head_errors)
