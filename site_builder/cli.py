"""The `thutuc` command. The only place where core results become text and exit codes.

Exit codes: 0 success, 1 invalid data, 2 usage error (click's own convention).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

# Commands that build pages import MkDocs (0.3 s); they import it when run, so that `check`,
# which editors and pre-commit run most, starts fast.
if TYPE_CHECKING:
    from .commands.build import BuildResult, Progress

from . import allocator, cli_text, clock, engine
from .cli_findings import VERBOSE_OPTION, grouped_lines, print_findings, selected, success, summary, text_line
from .cli_options import CONFIG_OPTION, catalogue_option, parse_day
from .commands.new_options import Level, RegistryId
from .diagnostics import ThutucError, count
from .escaping import terminal, terminal_lines
from .load import load_catalogue
from .readers.discover import REGISTRY_DIR, SCHEMA_DIR
from .schema import ALL_KINDS, render_schema, write_schemas

EXIT_INVALID = 1
EXIT_USAGE = 2


def _catalogue_root(paths: tuple[Path, ...], default: Path) -> Path:
    """The catalogue a file belongs to: the nearest folder above it holding _registry/."""
    for path in paths:
        for folder in [path, *Path(os.path.abspath(path)).parents]:
            if (folder / REGISTRY_DIR).is_dir():
                return folder
    return default


def _error(exc: Exception, prefix: str = "") -> None:
    """A core error on stderr: our messages may list one failure a line, and quote names or revisions."""
    click.echo(f"thutuc: {prefix}{terminal_lines(str(exc))}", err=True)


@click.group(cls=cli_text.Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="thutuc", help=cli_text.VERSION_HELP, message=cli_text.VERSION_MESSAGE)
def main() -> None:
    """thutuc: kiểm tra danh mục thủ tục hành chính và dựng trang tra cứu."""
    allocator.steady()
    # Before any command imports MkDocs: the engine the installed dependencies name (engine.py).
    engine.use_declared()


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@catalogue_option()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    show_default=True,
    help="text: cho người đọc; json: cho máy; github: chú thích trong GitHub Actions.",
)
@click.option("--strict", is_flag=True, help="Coi cảnh báo là lỗi (dùng khi duyệt thay đổi).")
@click.option("--today", callback=parse_day, hidden=True, help="Ngày hôm nay (để kiểm thử).")
def check(
    paths: tuple[Path, ...], catalogue_dir: Path, fmt: str, strict: bool, today: dt.date | None
) -> None:
    """Kiểm tra danh mục; chỉ báo lỗi của ĐƯỜNG_DẪN nếu có (cả danh mục vẫn được đọc để đối chiếu)."""
    root = _catalogue_root(paths, catalogue_dir)
    try:
        # Findings are all check prints: the workers need not send the validated models back.
        result = load_catalogue(root, today=today, models=False)
    except ThutucError as exc:
        _error(exc)
        sys.exit(EXIT_USAGE)
    shown = selected(result, paths)
    print_findings(shown, fmt)
    if fmt == "text":
        click.echo(summary(result, shown))
    errors, warnings = count(shown)
    if errors or (strict and warnings):
        sys.exit(EXIT_INVALID)


@main.command()
@catalogue_option()
@click.option("--check", "check_only", is_flag=True, help="Chỉ kiểm tra các tệp lược đồ đã cập nhật chưa.")
def schema(catalogue_dir: Path, check_only: bool) -> None:
    """Sinh lược đồ JSON Schema của mọi loại tệp vào <catalogue>/_schemas/."""
    if not check_only:
        for path in write_schemas(catalogue_dir):
            click.echo(f"Đã ghi {terminal(str(path))}")
        return
    stale = [
        kind.schema_file
        for kind in ALL_KINDS
        if not (catalogue_dir / SCHEMA_DIR / kind.schema_file).is_file()
        or (catalogue_dir / SCHEMA_DIR / kind.schema_file).read_text(encoding="utf-8") != render_schema(kind)
    ]
    if stale:
        click.echo(f"Lược đồ chưa cập nhật: {', '.join(stale)}. Chạy: thutuc schema", err=True)
        sys.exit(EXIT_INVALID)
    click.echo("Lược đồ đã khớp với mô hình dữ liệu.")


@main.command()
@CONFIG_OPTION
@click.option(
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Thư mục ghi trang (mặc định: site/).",
)
@click.option("--strict", is_flag=True, help="Dừng nếu danh mục hoặc MkDocs có cảnh báo.")
@click.option("--offline", is_flag=True, help="Dựng để mở thẳng từ tệp (file://), không cần máy chủ.")
@VERBOSE_OPTION
def build(config_file: Path, site_dir: Path | None, strict: bool, offline: bool, verbose: bool) -> None:
    """Kiểm tra danh mục rồi dựng trang; trang cũ chỉ được thay khi trang mới đã dựng xong."""
    from .commands.build import build_site

    started = time.perf_counter()
    folder = _building(
        lambda progress: build_site(
            config_file, site_dir, strict=strict, directory_urls=False if offline else None, progress=progress
        ),
        "trang",
        verbose,
    )
    pages = sum(1 for _ in folder.rglob("*.html"))
    done = (
        f"Đã dựng {pages} trang vào {terminal(str(folder))} trong {time.perf_counter() - started:.1f} giây."
    )
    click.echo(success(done, sys.stdout.isatty()))


def _building(action: Callable[[Progress | None], BuildResult], what: str, verbose: bool) -> Path:
    """Run a build with a progress bar, print what the catalogue check found, stop if nothing was written."""
    from .commands.site_folder import UnsafeOutput
    from .progress import build_progress

    try:
        with build_progress() as progress:
            outcome = action(progress)
    except UnsafeOutput as exc:  # a folder that must not be replaced: a usage error, nothing written
        _error(exc)
        sys.exit(EXIT_USAGE)
    except ThutucError as exc:
        _error(exc, f"không dựng được {what}: ")
        sys.exit(EXIT_INVALID)
    if verbose:
        print_findings(outcome.load.diagnostics, "text")
    else:
        color = sys.stdout.isatty()
        for line in grouped_lines(outcome.load.diagnostics, lambda d: text_line(d, color), color):
            click.echo(line)
    click.echo(summary(outcome.load, outcome.load.diagnostics))
    if outcome.site_dir is None:
        click.echo(
            f"Chưa dựng {what}: sửa các lỗi trên rồi chạy lại (bản cũ, nếu có, vẫn giữ nguyên).", err=True
        )
        sys.exit(EXIT_INVALID)
    return outcome.site_dir


@main.command()
@CONFIG_OPTION
@click.option("--dev-addr", default="127.0.0.1:8000", show_default=True, help="Địa chỉ xem thử.")
def serve(config_file: Path, dev_addr: str) -> None:
    """Xem thử trang, tự dựng lại khi một tệp thủ tục, mẫu trang hoặc trang hướng dẫn thay đổi."""
    from mkdocs.exceptions import Abort, MkDocsException

    from .commands.serve import serve as preview
    from .serve_output import address_problem, cannot_listen, show_serve_output

    wrong = address_problem(dev_addr)
    if wrong is not None:
        raise click.BadParameter(wrong, param_hint="--dev-addr")
    color = sys.stdout.isatty()
    show_serve_output(lambda diagnostic: text_line(diagnostic, color))
    try:
        preview(str(config_file), dev_addr)
    except OSError as exc:  # the address is taken or cannot be used: nothing was served
        click.echo(f"thutuc: {cannot_listen(dev_addr, exc)}", err=True)
        sys.exit(EXIT_INVALID)
    except Abort:  # MkDocs' English "Aborted with…": the reason is already shown (serve_output.py)
        click.echo("thutuc: không mở được trang xem thử vì lỗi nêu trên.", err=True)
        sys.exit(EXIT_INVALID)
    except MkDocsException as exc:
        _error(exc)
        sys.exit(EXIT_INVALID)


@main.command()
@CONFIG_OPTION
@click.option(
    "--dir",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    default="kiosk",
    show_default=True,
    help="Thư mục bản sao cho máy tra cứu.",
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default="thutuc-kiosk.zip",
    show_default=True,
    help="Tệp zip để chép vào USB.",
)
@VERBOSE_OPTION
def kiosk(config_file: Path, folder: Path, output: Path, verbose: bool) -> None:
    """Dựng bản sao chạy không cần mạng (mở index.html), kèm tệp zip để chép vào USB."""
    from .commands.kiosk import build_kiosk

    started = time.perf_counter()
    built = _building(
        lambda progress: build_kiosk(config_file, folder, output, progress=progress), "bản sao", verbose
    )
    size = output.stat().st_size / 1_000_000
    done = (
        f"Đã dựng bản sao vào {terminal(str(built))} và {terminal(str(output))} ({size:.1f} MB) "
        f"trong {time.perf_counter() - started:.1f} giây. Mở {terminal(str(built / 'index.html'))} để dùng."
    )
    click.echo(success(done, sys.stdout.isatty()))


@main.command(name="diff")
@click.argument("base")
@click.argument("head", required=False)
@catalogue_option()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["markdown", "json"]),
    default="markdown",
    show_default=True,
    help="markdown: bình luận trong yêu cầu hợp nhất; json: cho máy.",
)
def diff_command(base: str, head: str | None, catalogue_dir: Path, fmt: str) -> None:
    """Những thay đổi đối với người dân giữa hai phiên bản git (BASE, HEAD; thiếu HEAD: bản đang sửa).

    Tệp có lỗi vẫn được so sánh phần đọc được và kèm dòng lỗi; mã thoát 0 khi đã lập được bản so sánh
    (thutuc check mới quyết định có hợp nhất được không), 1 khi không đọc được git hay phiên bản.
    """
    from .commands.diff import diff
    from .history.report import as_json, markdown

    try:
        result = diff(catalogue_dir, base, head)
    except ThutucError as exc:
        _error(exc)
        sys.exit(EXIT_INVALID)
    render = as_json if fmt == "json" else markdown
    shown = render(result.changes, result.base, result.head, result.other_errors, result.error_count)
    click.echo(shown, nl=False)


@main.command()
@catalogue_option(must_exist=True, eager=True)
@click.option(
    "--name", cls=cli_text.Option, prompt="Tên thủ tục", help="Tên thủ tục, ví dụ Đăng ký khai sinh."
)
# Each answer is checked as it is typed (commands/new_options.py): a typo is asked again, not lost at the end.
@click.option(
    "--field",
    "field_id",
    cls=cli_text.Option,
    type=RegistryId("field"),
    prompt="Lĩnh vực (mã trong _registry/fields.yml)",
    help="Mã lĩnh vực.",
)
@click.option(
    "--agency",
    cls=cli_text.Option,
    type=RegistryId("agency"),
    prompt="Cơ quan thực hiện (mã trong _registry/agencies.yml)",
    help="Mã cơ quan.",
)
@click.option(
    "--level",
    cls=cli_text.Option,
    type=Level(),
    prompt="Cấp thực hiện (tỉnh hoặc xã)",
    help="tỉnh hoặc xã (xã, phường); province, commune cũng được.",
)
@click.option(
    "--audience",
    type=RegistryId("audience"),
    default="cong-dan-viet-nam",
    show_default=True,
    help="Đối tượng thực hiện (mã).",
)
def new(catalogue_dir: Path, name: str, field_id: str, agency: str, level: str, audience: str) -> None:
    """Tạo tệp thủ tục mới, đánh dấu «CẦN ĐIỀN» ở mọi chỗ còn phải điền."""
    from .commands.new import scaffold

    try:
        path = scaffold(catalogue_dir, name, field_id, agency, level, audience, clock.today())
    except ThutucError as exc:
        _error(exc)
        sys.exit(EXIT_INVALID)
    shown = terminal(str(path))
    click.echo(f"Đã tạo {shown}. Điền các chỗ «CẦN ĐIỀN» rồi chạy: thutuc check {shown}")


@main.command()
@click.option("--quarter", help="Quý cần báo cáo, dạng NĂM-Qn, ví dụ 2026-Q4 (mặc định: quý hiện tại).")
@catalogue_option(must_exist=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["markdown", "csv", "html"]),
    default="markdown",
    show_default=True,
    help="html: trang in khổ A4, không cần mạng (dùng với --output).",
)
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), help="Ghi vào tệp thay vì in ra.")
def report(quarter: str | None, catalogue_dir: Path, fmt: str, output: Path | None) -> None:
    """Báo cáo quý: số thủ tục, thay đổi trong quý (từ git), mức độ đầy đủ, phản ánh, kiến nghị."""
    from .report.outputs import csv_text
    from .report.outputs import markdown as report_markdown
    from .report.printable import html
    from .report.quarterly import BadQuarter, build_report, parse_quarter, quarter_containing

    try:
        chosen = quarter_containing(clock.today()) if quarter is None else parse_quarter(quarter)
        built = build_report(catalogue_dir, chosen, clock.today())
    except BadQuarter as exc:
        raise click.BadParameter(terminal(str(exc)), param_hint="--quarter") from exc
    except ThutucError as exc:
        _error(exc)
        sys.exit(EXIT_INVALID)
    if fmt == "html":
        text = html(built, clock.now())
    else:
        text = csv_text(built) if fmt == "csv" else report_markdown(built)
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8", newline="")
        click.echo(f"Đã ghi báo cáo {built.quarter.label} vào {terminal(str(output))}")


@main.command(name="reconcile")
# Not `exists=True`: every list that cannot be read is named together, a missing one with the others.
@click.argument(
    "lists",
    nargs=-1,
    required=True,
    metavar="DANH_SÁCH.xlsx [DANH_SÁCH.xlsx …]",
    type=click.Path(path_type=Path),
)
@catalogue_option(must_exist=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: báo cáo cho cán bộ biên tập; json: cho máy (các khóa cố định).",
)
@click.option(
    "--scaffold", is_flag=True, help="Tạo tệp nháp «CẦN ĐIỀN» cho mỗi thủ tục thiếu (không ghi đè tệp nào)."
)
def reconcile_command(lists: tuple[Path, ...], catalogue_dir: Path, fmt: str, scaffold: bool) -> None:
    """Đối chiếu danh mục với danh sách thủ tục xuất từ Cơ sở dữ liệu quốc gia (tệp .xlsx).

    Báo thủ tục tỉnh, xã thực hiện mà danh mục còn thiếu, thủ tục cùng mã mà khác tên, và thủ tục
    không có trong danh sách nào. Mã thoát: 0 khi không thiếu, không khác tên; 1 khi có; 2 khi không
    đọc được danh sách hoặc dùng lệnh sai.
    """
    from .reconcile.read_list import UnreadableList
    from .reconcile.report import as_json, as_text, json_note
    from .reconcile.run import run

    try:
        outcome = run(lists, catalogue_dir, clock.today(), write_drafts=scaffold)
    except UnreadableList as exc:
        _error(exc, "không đọc được danh sách:\n")
        sys.exit(EXIT_USAGE)
    click.echo(as_json(outcome.result) if fmt == "json" else as_text(outcome.result), nl=False)
    note = json_note(outcome.result) if fmt == "json" else None
    if note:
        click.echo(note, err=True)
    for path in outcome.drafts:
        click.echo(f"Đã tạo tệp nháp {terminal(str(path))}", err=fmt == "json")
    if outcome.drafts:
        done = f"Điền các chỗ «CẦN ĐIỀN» trong {len(outcome.drafts)} tệp nháp rồi chạy: thutuc check"
        click.echo(done, err=fmt == "json")
    if outcome.result.missing or outcome.result.renamed:
        sys.exit(EXIT_INVALID)
