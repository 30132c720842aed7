"""Vietnamese for everything click itself would print: help pages, usage lines and usage errors.

Editors read `thutuc` in Vietnamese, so click's English texts must never reach them. Everything here goes
through click's public extension points (formatter, context and command classes, parameter types,
exception attributes); click's own translations are left untouched.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import Any

import click

USAGE = "Cách dùng:"
OPTIONS = "Tùy chọn"
ARGUMENTS = "Đối số"
COMMANDS = "Lệnh"
HELP_TEXT = "Hiện hướng dẫn này rồi thoát."
VERSION_HELP = "In số phiên bản rồi thoát."
VERSION_MESSAGE = "%(prog)s, phiên bản %(version)s"
ABORTED = "Đã dừng theo yêu cầu, không có gì được thay đổi."
TEXT_METAVAR = "GIÁ_TRỊ"
EXIT_USAGE = 2


def _quoted(values: Sequence[str]) -> str:
    return ", ".join(f"«{v}»" for v in values)


class Formatter(click.HelpFormatter):
    """Help pages with Vietnamese headings; click passes the usage prefix only through here."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, f"{USAGE} " if prefix is None else prefix)


class Context(click.Context):
    formatter_class = Formatter


class Choice(click.Choice[str]):
    """A fixed list of values, complaining in Vietnamese."""

    def get_invalid_choice_message(self, value: Any, ctx: click.Context | None) -> str:
        return f"«{value}» không phải giá trị được phép; chọn một trong: {_quoted([str(c) for c in self.choices])}."

    def get_missing_message(self, param: click.Parameter, ctx: click.Context | None) -> str:
        return f"Chọn một trong: {_quoted([str(c) for c in self.choices])}."


class Path(click.Path):
    """A file or folder, checked (and named in the help) in Vietnamese before click's own checks."""

    def get_metavar(self, param: click.Parameter, ctx: click.Context) -> str | None:
        if self.file_okay and not self.dir_okay:
            return "TỆP"
        if self.dir_okay and not self.file_okay:
            return "THƯ_MỤC"
        return "ĐƯỜNG_DẪN"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        name = os.fsdecode(value) if isinstance(value, (str, bytes, os.PathLike)) else str(value)
        kind = "Thư mục" if self.dir_okay and not self.file_okay else "Tệp"
        if self.exists and not os.path.exists(name):
            self.fail(f"{kind} «{name}» không có. Kiểm tra lại tên và chỗ đặt.", param, ctx)
        if os.path.exists(name):
            if not self.file_okay and not os.path.isdir(name):
                self.fail(f"«{name}» là một tệp, ở đây cần một thư mục.", param, ctx)
            if not self.dir_okay and os.path.isdir(name):
                self.fail(f"«{name}» là một thư mục, ở đây cần một tệp.", param, ctx)
            if self.readable and not os.access(name, os.R_OK):
                self.fail(f"Không đọc được «{name}»: kiểm tra quyền truy cập.", param, ctx)
            if self.writable and not os.access(name, os.W_OK):
                self.fail(f"Không ghi được vào «{name}»: kiểm tra quyền truy cập.", param, ctx)
        return super().convert(value, param, ctx)


def _vietnamese_type(kind: click.ParamType[Any]) -> click.ParamType[Any]:
    """The Vietnamese twin of one of click's types (commands keep declaring plain click types)."""
    if isinstance(kind, click.Choice) and not isinstance(kind, Choice):
        return Choice([str(c) for c in kind.choices], case_sensitive=kind.case_sensitive)
    if isinstance(kind, click.Path) and not isinstance(kind, Path):
        return Path(
            exists=kind.exists,
            file_okay=kind.file_okay,
            dir_okay=kind.dir_okay,
            writable=kind.writable,
            readable=kind.readable,
            resolve_path=kind.resolve_path,
            allow_dash=kind.allow_dash,
            path_type=kind.type,
            executable=kind.executable,
        )
    return kind


class Option(click.Option):
    """An option whose prompt refuses a wrong answer in Vietnamese and asks again (click's own re-prompt
    starts its complaint with the English "Error:")."""

    def prompt_for_value(self, ctx: click.Context) -> Any:
        assert self.prompt is not None
        default = self.get_default(ctx)
        while True:
            typed = click.prompt(self.prompt, default=default if isinstance(default, str) else None)
            try:
                return self.process_value(ctx, typed)
            except click.UsageError as exc:
                click.echo(f"Lỗi: {exc.message}", err=True)


def option_help(option: click.Option, ctx: click.Context) -> tuple[str, str] | None:
    """An option's line in the help, with "[mặc định: …]" and "[bắt buộc]" instead of click's English."""
    if option.hidden:
        return None
    extra = option.get_help_extra(ctx)
    notes = []
    if "default" in extra:
        notes.append(f"mặc định: {extra['default']}")
    if "required" in extra:
        notes.append("bắt buộc")
    text = option.help or ""
    if notes:
        text = f"{text}  [{'; '.join(notes)}]".strip()
    return option.get_help_spec(ctx), text


class Command(click.Command):
    """A command whose help page, types and usage errors are Vietnamese."""

    context_class = Context

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[TÙY_CHỌN]")
        super().__init__(*args, **kwargs)
        for param in self.params:
            param.type = _vietnamese_type(param.type)
            if isinstance(param, click.Option) and param.metavar is None and param.type is click.STRING:
                param.metavar = TEXT_METAVAR

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = HELP_TEXT
        return option

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [
            row
            for param in self.get_params(ctx)
            if isinstance(param, click.Option) and (row := option_help(param, ctx)) is not None
        ]
        if rows:
            with formatter.section(OPTIONS):
                formatter.write_dl(rows)

    def format_arguments(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        arguments = [p for p in self.get_params(ctx) if isinstance(p, click.Argument)]
        if any(a.help is not None for a in arguments):
            with formatter.section(ARGUMENTS):
                formatter.write_dl([a.get_help_record(ctx) for a in arguments])

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        # Extra words are collected rather than refused, so that the refusal is ours and in Vietnamese.
        allowed, ctx.allow_extra_args = ctx.allow_extra_args, True
        try:
            rest = super().parse_args(ctx, args)
        except click.UsageError as exc:
            # The option parser raises without a context; the message needs it for the usage line.
            exc.ctx = exc.ctx or ctx
            raise
        ctx.allow_extra_args = allowed
        if rest and not allowed and not ctx.resilient_parsing:
            raise click.UsageError(
                f"Thừa {_quoted(rest)}: lệnh «{ctx.command_path}» không nhận thêm đối số này.", ctx
            )
        return rest


class Group(click.Group, Command):
    """The `thutuc` group: its commands are `Command`s, and its errors are printed in Vietnamese."""

    command_class = Command

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("subcommand_metavar", "LỆNH [ĐỐI_SỐ]...")
        super().__init__(*args, **kwargs)

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """Run the command line; click's own error printing is replaced by `usage_error`."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.exceptions.NoArgsIsHelpError as exc:
            click.echo(exc.ctx.get_help(), err=True)
            sys.exit(EXIT_USAGE)
        except click.UsageError as exc:
            click.echo(usage_error(exc), err=True)
            sys.exit(EXIT_USAGE)
        except click.ClickException as exc:  # only our own code raises these, in Vietnamese
            click.echo(f"Lỗi: {exc.message}", err=True)
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo(ABORTED, err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        commands = [
            (name, command)
            for name in self.list_commands(ctx)
            if (command := self.get_command(ctx, name)) is not None and not command.hidden
        ]
        if commands:
            limit = formatter.width - 6 - max(len(name) for name, _ in commands)
            with formatter.section(COMMANDS):
                formatter.write_dl([(name, command.get_short_help_str(limit)) for name, command in commands])


def _names(param: click.Parameter) -> str:
    return " / ".join(param.opts) if isinstance(param, click.Option) else param.human_readable_name


def _option(ctx: click.Context | None, name: str) -> click.Option | None:
    if ctx is None:
        return None
    options = [p for p in ctx.command.get_params(ctx) if isinstance(p, click.Option)]
    return next((p for p in options if name in (*p.opts, *p.secondary_opts)), None)


def _maybe(possibilities: Sequence[str] | None) -> str:
    return f" Có phải ý bạn là {_quoted(possibilities)}?" if possibilities else ""


def _explain(exc: click.UsageError) -> str:
    """What was typed wrong, from the exception's attributes (its message is click's English)."""
    ctx = exc.ctx
    if isinstance(exc, click.NoSuchOption):
        # Hidden options are for tests: never suggested, never listed.
        known = [
            name
            for p in (ctx.command.get_params(ctx) if ctx else [])
            if not (isinstance(p, click.Option) and p.hidden)
            for name in (*p.opts, *p.secondary_opts)
            if name.startswith("-")
        ]
        close = [name for name in exc.possibilities or () if name in known]
        listing = f" Các tùy chọn của lệnh này: {', '.join(known)}." if known else ""
        return f"Không có tùy chọn «{exc.option_name}».{_maybe(close) or listing}"
    if isinstance(exc, click.exceptions.NoSuchCommand):
        names = ctx.command.list_commands(ctx) if ctx and isinstance(ctx.command, click.Group) else []
        listing = f" Các lệnh: {', '.join(names)}." if names else ""
        return f"Không có lệnh «{exc.command_name}».{_maybe(exc.possibilities)}{listing}"
    if isinstance(exc, click.BadOptionUsage):
        option = _option(ctx, exc.option_name)
        if option is not None and option.is_flag:
            return f"Tùy chọn «{exc.option_name}» không nhận giá trị: chỉ viết {exc.option_name}."
        shown = f"{exc.option_name} {option.make_metavar(ctx)}" if option and ctx else exc.option_name
        return f"Tùy chọn «{exc.option_name}» cần một giá trị, ví dụ: {shown}."
    if isinstance(exc, click.MissingParameter):
        if isinstance(exc.param, click.Option):
            about = f" ({exc.param.help.rstrip('.')})" if exc.param.help else ""
            return f"Thiếu tùy chọn bắt buộc «{_names(exc.param)}»{about}."
        return f"Thiếu đối số {exc.param.human_readable_name if exc.param else ''}.".replace(" .", ".")
    if isinstance(exc, click.BadParameter):
        hint = exc.param_hint if isinstance(exc.param_hint, str) else " / ".join(exc.param_hint or ())
        where = _names(exc.param) if exc.param is not None else hint
        return f"Giá trị của «{where}» không hợp lệ: {exc.message}" if where else exc.message
    if type(exc) is click.UsageError and ctx is not None and isinstance(ctx.command, click.Group):
        return f"Thiếu lệnh. Các lệnh: {', '.join(ctx.command.list_commands(ctx))}."
    return exc.message


def usage_error(exc: click.UsageError) -> str:
    """The usage line, where to find help, and what went wrong."""
    ctx = exc.ctx
    lines = []
    if ctx is not None:
        lines += [ctx.get_usage(), f"Xem hướng dẫn: {ctx.command_path} {ctx.help_option_names[0]}", ""]
    return "\n".join([*lines, f"Lỗi: {_explain(exc)}"])
