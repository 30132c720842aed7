"""What a procedure file refers to (registries, other procedures), read from its raw data.

Read from the raw data, not the validated model, so that a file with a schema error still has
its references checked in the same run (validate/references.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeGuard

from ..diagnostics import FieldPath
from ..readers.yaml_messages import PLACEHOLDER


@dataclass(frozen=True)
class Target:
    """What a reference points to, for the message."""

    label: str
    where: str


AGENCY = Target("Cơ quan", "_registry/agencies.yml")
OFFICIAL = Target("Cán bộ", "_registry/agencies.yml (mục officials của cơ quan)")
FIELD = Target("Lĩnh vực", "_registry/fields.yml")
AUDIENCE = Target("Đối tượng", "_registry/audiences.yml")
PROCEDURE = Target("Thủ tục", "thư mục procedures/ (tên tệp không có .yml)")

# Where a procedure file points into registries or other procedures.
_REFERENCE_PATHS: tuple[tuple[tuple[str, ...], bool, Target], ...] = (
    *(
        (("agencies", role), True, AGENCY)
        for role in ("competent", "authorised", "executing", "coordinating", "receiving")
    ),
    (("field",), False, FIELD),
    (("audiences",), True, AUDIENCE),
    (("officials",), True, OFFICIAL),
    (("related",), True, PROCEDURE),
    (("replaces",), True, PROCEDURE),
    (("replaced_by",), False, PROCEDURE),
)


Reference = tuple[FieldPath, str, Target]


def _filled(value: object) -> TypeGuard[str]:
    """A text that names something: a «CẦN ĐIỀN» place names nothing yet, and is reported as unfinished (E330)."""
    return isinstance(value, str) and PLACEHOLDER not in value


def _refs(data: object) -> Iterable[Reference]:
    for keys, is_list, target in _REFERENCE_PATHS:
        value = data
        for key in keys:
            value = value.get(key) if isinstance(value, dict) else None
        if is_list and isinstance(value, list):
            for i, item in enumerate(value):
                if _filled(item):
                    yield (*keys, i), item, target
        elif not is_list and _filled(value):
            yield keys, value, target


def references_in(data: object) -> Iterable[Reference]:
    """Every reference to a registry entry or another procedure in one file's raw data."""
    return _refs(data) if data is not None else ()
