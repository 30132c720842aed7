"""What the core says about a catalogue's findings: in the engine's log, the preview's page, a
refused build."""

from __future__ import annotations

from .diagnostics import Diagnostic, ThutucError, count
from .escaping import terminal
from .load import LoadResult
from .render.error_page import error_page


class CatalogueInvalid(ThutucError):
    """A build (not the preview) of a catalogue with errors: nothing is written."""

    def __init__(self, loaded: LoadResult) -> None:
        errors = loaded.errors
        super().__init__(
            f"Danh mục thủ tục có {len(errors)} lỗi, không dựng trang:\n{format_diagnostics(errors)}"
        )


def preview_summary(loaded: LoadResult) -> str:
    """What the preview says after each build."""
    errors, warnings = count(loaded.diagnostics)
    text = f"Danh mục thủ tục: {errors} lỗi, {warnings} cảnh báo."
    if errors:
        text += f" Trang xem thử hiện danh sách lỗi:\n{format_diagnostics(loaded.errors)}"
    return text


def errors_page(loaded: LoadResult) -> str:
    """The preview's page while the catalogue has errors: all of them, by file."""
    return error_page(loaded.errors, len(loaded.warnings))


def format_diagnostics(diagnostics: list[Diagnostic]) -> str:
    """Findings one a line, for the engine's log."""
    return "\n".join(
        f"{terminal(d.file)}:{d.line}:{d.column}: {d.code}: {terminal(d.message)}"
        + (f" ({terminal(d.field)})" if d.field else "")
        for d in diagnostics
    )
