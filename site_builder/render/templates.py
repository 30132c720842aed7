"""The site's page templates (overrides/thutuc): a mistake in one is named, never a traceback.

Templates are compiled all at once when a build starts, before anything is written, so that a
syntax error stops the build with its file and line; an error while a page is rendered (a name
the template reads that its view does not give, a filter that fails) says which template, which
line and which page.
"""

from __future__ import annotations

import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import jinja2

from ..diagnostics import ThutucError
from ..validate.report import display_path

HINT = (
    "Mẫu trang do người phát triển trang sửa (thư mục overrides/), không phải người biên tập thủ tục: "
    "sửa mẫu rồi dựng lại, hoặc lấy lại bản mẫu của thutuc (git checkout -- overrides/)."
)


class TemplateBroken(ThutucError):
    """A page template that Jinja cannot compile or run."""


def compile_all(env: jinja2.Environment) -> None:
    """Compile every template now (the environment keeps them): all syntax errors in one message."""
    problems = []
    for name in env.list_templates(extensions=["html"]):
        try:
            env.get_template(name)
        except jinja2.TemplateSyntaxError as exc:
            problems.append(_syntax(exc))
    if problems:
        raise TemplateBroken("\n".join([*problems, HINT]))


def _syntax(exc: jinja2.TemplateSyntaxError) -> str:
    where = display_path(Path(exc.filename)) if exc.filename else exc.name or "?"
    return f"{where}:{exc.lineno}: mẫu trang sai cú pháp Jinja ({exc.message})."


@contextmanager
def rendering(templates: Path, template: str, page: str) -> Iterator[None]:
    """Name the template, its line and the page when rendering `page` with `template` fails."""
    try:
        yield
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateBroken(_syntax(exc)) from None
    except jinja2.TemplateError as exc:
        where = _where(exc, templates) or display_path(templates / template)
        raise TemplateBroken(
            f"{where}: mẫu trang lỗi khi dựng trang «{page}» ({type(exc).__name__}: {exc})."
        ) from None


def _where(exc: BaseException, templates: Path) -> str | None:
    """The innermost template line in the traceback (Jinja rewrites frames to template lines)."""
    root = templates.resolve()
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        path = Path(frame.filename)
        if path.is_absolute() and path.resolve().is_relative_to(root):
            return f"{display_path(path)}:{frame.lineno}"
    return None
