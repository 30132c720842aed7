"""The answers `thutuc new` asks for, checked as they are typed.

A wrong id is refused at once with the ids that may be used, and the question is asked again, instead of
every answer being lost at the end. The checks are scaffold's own (commands/new.py); the catalogue is known
by then because `--catalogue` is eager.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..diagnostics import ThutucError
from .new import choices, choose, level_of

_META_KEY = "thutuc.new.choices"


def _known(ctx: click.Context | None) -> dict[str, dict[str, str]] | None:
    """The registries' ids and names, read once per run; None when the catalogue is not known yet."""
    if ctx is None or not isinstance(ctx.params.get("catalogue_dir"), Path):
        return None
    if _META_KEY not in ctx.meta:
        ctx.meta[_META_KEY] = choices(ctx.params["catalogue_dir"])
    known: dict[str, dict[str, str]] = ctx.meta[_META_KEY]
    return known


class RegistryId(click.ParamType[str]):
    """An id of the field, agency or audience registry (`kind`, a key of new.REGISTRIES)."""

    name = "mã"

    def __init__(self, kind: str) -> None:
        self.kind = kind

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        known = _known(ctx)
        if known is None:  # scaffold checks it again
            return str(value)
        try:
            return choose(str(value).strip(), known[self.kind], self.kind)
        except ThutucError as exc:
            self.fail(str(exc), param, ctx)


class Level(click.ParamType[str]):
    """`tỉnh` or `xã` (and their spellings, commands/new.LEVELS): the model's `province` or `commune`."""

    name = "cấp"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        try:
            return level_of(str(value))
        except ThutucError as exc:
            self.fail(str(exc), param, ctx)
