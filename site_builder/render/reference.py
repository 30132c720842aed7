"""The editors' field reference and table of check codes, generated from the model itself.

Nothing here is written by hand, so the guide cannot drift from what `thutuc check` accepts.
"""

from __future__ import annotations

import datetime as dt
import types
from dataclasses import dataclass
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from ..schema import ALL_KINDS, FileKind
from ..validate.codes import CODES, Code


@dataclass(frozen=True)
class FieldRow:
    path: str
    kind: str
    required: bool
    description: str


def _label(annotation: Any) -> tuple[str, type[BaseModel] | None]:
    """A Vietnamese type label, and the nested model to describe next (if any)."""
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        options = [a for a in get_args(annotation) if a is not type(None)]
        return _label(options[0]) if len(options) == 1 else ("nhiều kiểu", None)
    if origin is list:
        inner, model = _label(get_args(annotation)[0])
        return f"danh sách ({inner})", model
    if origin is Literal:
        return "một trong: " + ", ".join(str(a) for a in get_args(annotation)), None
    if get_origin(annotation) is not None and hasattr(annotation, "__metadata__"):
        return _label(get_args(annotation)[0])
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "nhóm trường", annotation
    names = {str: "văn bản", int: "số nguyên", bool: "true hoặc false", dt.date: "ngày NĂM-THÁNG-NGÀY"}
    return names.get(annotation, getattr(annotation, "__name__", str(annotation))), None


def field_rows(model: type[BaseModel], prefix: str = "") -> list[FieldRow]:
    rows = []
    for name, info in model.model_fields.items():
        kind, nested = _label(info.annotation)
        path = f"{prefix}{name}"
        rows.append(FieldRow(path, kind, info.is_required(), info.description or ""))
        if nested is not None:
            suffix = "[]." if kind.startswith("danh sách") else "."
            rows.extend(field_rows(nested, path + suffix))
    return rows


def reference() -> list[tuple[FileKind, list[FieldRow]]]:
    return [(kind, field_rows(kind.model)) for kind in ALL_KINDS]


def codes() -> list[Code]:
    return list(CODES.values())
