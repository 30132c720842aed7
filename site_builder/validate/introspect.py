"""Walk a pydantic model along an error location to find the field it names."""

from __future__ import annotations

import types
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo


def _unwrap(annotation: Any) -> Any:
    """Strip Annotated and Optional so that what remains is a model, a list or a leaf type."""
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            options = [arg for arg in get_args(annotation) if arg is not type(None)]
            annotation = options[0] if len(options) == 1 else annotation
            if len(options) != 1:
                return annotation
        else:
            return annotation


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def model_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The model class whose fields sit at `loc`, or None if `loc` leads elsewhere."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            if get_origin(current) is not list:
                return None
            current = get_args(current)[0]
        elif _is_model(current) and part in current.model_fields:
            current = current.model_fields[part].annotation
        else:
            return None
    current = _unwrap(current)
    return current if _is_model(current) else None


def field_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> FieldInfo | None:
    """The declaration of the field at `loc` (the last named part of it)."""
    names = [i for i, part in enumerate(loc) if isinstance(part, str)]
    if not names:
        return None
    last = names[-1]
    parent = model_at(model, loc[:last])
    name = loc[last]
    if parent is None or not isinstance(name, str):
        return None
    return parent.model_fields.get(name)
