"""What the rules across files read of a valid procedure, and nothing more.

The rules across files (references.py, registries.py) compare procedures with one another and
with the registries. They need a handful of values of each procedure, not the validated model:
`thutuc check` then never has to send the 20,000 models its workers validated back to the
parent (unpickling them took seconds, holding them hundreds of MB), yet every command runs the
very same rules on the very same values.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Procedure
from ..model.procedure import IN_FORCE, Level, Status


@dataclass(frozen=True, slots=True)
class Facts:
    """One valid procedure as the rules across files see it. `form_files` has one item per form,
    in order (None: a form without a file), so that a finding still names forms[i].file."""

    id: str
    code: str | None
    status: Status
    level: Level
    replaces: tuple[str, ...]
    replaced_by: str | None
    receiving: tuple[str, ...]
    form_files: tuple[str | None, ...]

    @property
    def in_force(self) -> bool:
        return self.status in IN_FORCE


def facts_of(procedure: Procedure) -> Facts:
    return Facts(
        id=procedure.id,
        code=procedure.code,
        status=procedure.status,
        level=procedure.level,
        replaces=tuple(procedure.replaces),
        replaced_by=procedure.replaced_by,
        receiving=tuple(procedure.agencies.receiving),
        form_files=tuple(form.file for form in procedure.forms),
    )
