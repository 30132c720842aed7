"""Rules across files: references to registries and procedures, uniqueness, replacement links."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Collection
from dataclasses import dataclass, field

from ..catalogue import Catalogue
from ..diagnostics import Diagnostic
from ..history.checkout import Deletion
from ..loaded_files import LoadedFiles
from ..model.procedure import LEVEL_LABELS
from ..readers.discover import FORMS_DIR
from ..readers.yaml_reader import SourceFile
from . import files
from .report import Reporter
from .targets import AGENCY, AUDIENCE, FIELD, OFFICIAL, PROCEDURE, Reference, Target

ReporterFor = Callable[[str], Reporter]


# A procedure once published stays on the site with its status: it is abolished or replaced, never deleted.
ABOLISH = (
    "ghi «status: abolished» và «abolished_by:» (number, date, issuer của quyết định bãi bỏ), hoặc "
    "«status: replaced» và «replaced_by:» nếu có thủ tục thay thế"
)


def unknown(value: str, known: Collection[str], target: Target, *, deleted: Deletion | None = None) -> str:
    """`deleted`: how git can restore the procedure's file, when it was removed (LoadedFiles.restorable)."""
    missing = f"{target.label} «{value}» không tồn tại trong {target.where}"
    if deleted is not None:
        # Pointing the reference at a look-alike would hide the deletion: no suggestion here.
        when = "commit gần nhất vẫn có" if deleted.commit is None else f"trong commit {deleted.commit}"
        return (
            f"{missing}: tệp {deleted.path} đã bị xóa ({when}). Thủ tục đã công bố không được xóa mà bãi bỏ: "
            f"khôi phục tệp bằng lệnh «git checkout {deleted.revision} -- {deleted.path}», rồi trong tệp đó {ABOLISH}."
        )
    close = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
    hint = f" Có phải ý bạn là «{close[0]}»?" if close else ""
    rule = f" Nếu thủ tục này đã bị xóa: khôi phục tệp từ git rồi {ABOLISH}." if target is PROCEDURE else ""
    return f"{missing}.{hint}{rule}"


@dataclass
class Unknown:
    """What `check_references` found unknown in each procedure's references last time, kept by the
    preview's read cache: while the names that exist are the same, a procedure whose references
    are the very same list (its file unchanged, load.ReadCache) has the same ones unknown."""

    names: tuple[frozenset[object], ...] = ()
    found: dict[str, tuple[list[Reference], list[Reference]]] = field(default_factory=dict)

    def among(
        self, procedure_id: str, refs: list[Reference], unknown: Callable[[Reference], bool]
    ) -> list[Reference]:
        kept = self.found.get(procedure_id)
        if kept is not None and kept[0] is refs:
            return kept[1]
        found = [ref for ref in refs if unknown(ref)]
        self.found[procedure_id] = (refs, found)
        return found


def check_references(
    catalogue: Catalogue,
    loaded: LoadedFiles,
    readable: Collection[Target],
    reporter_for: ReporterFor,
    memo: Unknown | None = None,
) -> None:
    """Every reference must name an entry of its registry (or a procedure file), even when that registry
    is empty; only a registry that could not be read (`readable` lacks it) is not checked against.
    `memo`: what the last run of the preview found, to look again only at references that changed."""
    known: dict[Target, Collection[str]] = {
        AGENCY: catalogue.agencies,
        OFFICIAL: catalogue.officials,
        FIELD: catalogue.fields,
        AUDIENCE: catalogue.audiences,
        PROCEDURE: loaded.procedure_ids,
    }
    names: tuple[frozenset[object], ...] = (*map(frozenset, known.values()), frozenset(readable))
    if memo is None or memo.names != names:
        memo = Unknown(names) if memo is None else memo
        memo.names, memo.found = names, {}

    def is_unknown(ref: Reference) -> bool:
        _, value, target = ref
        return (target is PROCEDURE or target in readable) and value not in known[target]

    missing = [
        (procedure_id, path, value, target)
        for procedure_id, refs in loaded.references.items()
        for path, value, target in memo.among(procedure_id, refs, is_unknown)
    ]
    deleted = loaded.restorable([value for _, _, value, target in missing if target is PROCEDURE])
    for procedure_id, path, value, target in missing:
        # A procedure never points at itself (E313): do not suggest its own id.
        choices = [k for k in known[target] if k != procedure_id] if target is PROCEDURE else known[target]
        reporter_for(procedure_id).report(
            "E303", path, unknown(value, choices, target, deleted=deleted.get(value))
        )


def check_replacements(loaded: LoadedFiles, reporter_for: ReporterFor) -> None:
    """`A.replaced_by: B` and `B.replaces: [A]` must both be written, so pages link both ways."""
    procedures = loaded.facts
    for old_id, old in procedures.items():
        new = procedures.get(old.replaced_by or "")
        if new is not None and new.id != old_id and old_id not in new.replaces:
            reporter_for(old_id).report(
                "E308",
                ("replaced_by",),
                f"Thủ tục «{new.id}» chưa ghi lại rằng nó thay thế «{old_id}»: "
                f"thêm «{old_id}» vào mục replaces của tệp {new.id}.yml.",
            )
    for new_id, replacement in procedures.items():
        for i, old_id in enumerate(replacement.replaces):
            replaced = procedures.get(old_id)
            if replaced is not None and old_id != new_id and replaced.replaced_by != new_id:
                reporter_for(new_id).report(
                    "E308",
                    ("replaces", i),
                    f"Thủ tục «{old_id}» chưa ghi 'replaced_by: {new_id}' và 'status: replaced': "
                    f"sửa tệp {old_id}.yml cho khớp.",
                )


def check_codes(loaded: LoadedFiles, reporter_for: ReporterFor) -> None:
    """A national code names one procedure in force per level (a replaced one may keep its old code)."""
    first: dict[tuple[str, str], str] = {}
    for procedure_id, procedure in sorted(loaded.facts.items()):
        if procedure.code is None or not procedure.in_force:
            continue
        key = (procedure.level, procedure.code)
        if key in first:
            reporter_for(procedure_id).report(
                "E302",
                ("code",),
                f"Mã «{procedure.code}» đã dùng cho thủ tục «{first[key]}» ({LEVEL_LABELS[procedure.level].lower()}). "
                "Mỗi mã chỉ dùng cho một thủ tục trong cùng cấp: kiểm tra lại mã, hoặc ghi mã cũ vào former_codes.",
            )
        else:
            first[key] = procedure_id


def check_form_files(loaded: LoadedFiles, reporter_for: ReporterFor) -> list[Diagnostic]:
    """A form to download must ship with the catalogue, or the link on the page is dead; what
    ships must be a form (validate/files.py). Returns the findings about the form files."""
    folder = loaded.root / FORMS_DIR
    # Every name on disk, links and refused files included: their own finding says what is
    # wrong, a second "not found" on the procedure would only mislead.
    present = [entry.name for entry in files.form_entries(folder)]
    target = Target("Tệp mẫu", f"thư mục procedures/{FORMS_DIR}/")
    named: set[str] = set()
    for procedure_id, procedure in loaded.facts.items():
        for i, file in enumerate(procedure.form_files):
            if file is None:
                continue
            named.add(file)
            if file not in present:
                reporter_for(procedure_id).report(
                    "E303", ("forms", i, "file"), unknown(file, present, target)
                )
    # A procedure with errors has no facts: its forms are unknown, so no "unused" warning.
    every_procedure_read = len(loaded.facts) == len(loaded.procedure_ids)
    found: list[Diagnostic] = []
    for path in files.regular_forms(folder):
        out = Reporter(SourceFile(path))  # not YAML: findings stand at line 1, column 1
        finding = files.judge(path)
        if finding is not None:
            out.report(finding.code, (), finding.message)
        elif every_procedure_read and path.name not in named:
            out.report(
                "W407",
                (),
                f"Không thủ tục nào dẫn tới tệp mẫu «{path.name}»: thêm nó vào mục forms (file: {path.name}) "
                f"của thủ tục cần nó, hoặc xoá tệp khỏi {FORMS_DIR}/.",
            )
        found.extend(out.found)
    return found
