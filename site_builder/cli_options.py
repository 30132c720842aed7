"""Options that several `thutuc` commands share: where the catalogue is, which MkDocs config, which day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import click

DEFAULT_CATALOGUE = "procedures"


def catalogue_option(
    *, must_exist: bool = False, eager: bool = False
) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """`--catalogue DIR`, for every command that reads the catalogue; `eager` when other options'
    types check their values against it."""
    return click.option(
        "--catalogue",
        "catalogue_dir",
        type=click.Path(exists=must_exist, file_okay=False, path_type=Path),
        default=DEFAULT_CATALOGUE,
        show_default=True,
        is_eager=eager,
        help="Thư mục danh mục thủ tục.",
    )


CONFIG_OPTION = click.option(
    "--config",
    "config_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default="mkdocs.yml",
    show_default=True,
    help="Tệp cấu hình MkDocs.",
)


def parse_day(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    """`--today`: tests and reviews fix the day the date rules are applied on."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter("cần ngày dạng NĂM-THÁNG-NGÀY, ví dụ 2026-11-26") from exc
