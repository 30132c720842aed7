"""Collect findings for one file, located by field path."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Diagnostic, FieldPath, format_path
from ..readers.yaml_reader import Mark, SourceFile
from .codes import severity_of


def display_path(path: Path) -> str:
    """The path as an editor types it: relative to the working directory when below it."""
    absolute = path.absolute()
    try:
        return absolute.relative_to(Path.cwd()).as_posix()
    except ValueError:  # outside the working directory: say where, in full
        return str(absolute)


@dataclass
class Reporter:
    """Findings for one source file."""

    source: SourceFile
    found: list[Diagnostic] = field(default_factory=list)

    def report(
        self, code: str, path: FieldPath, message: str, *, key: bool = False, mark: Mark | None = None
    ) -> None:
        """Record a finding at `mark` if known, else where the field at `path` stands in the file."""
        mark = mark or self.source.mark_of(path, key=key)
        self.found.append(
            Diagnostic(
                file=display_path(self.source.path),
                line=mark.line,
                column=mark.column,
                code=code,
                severity=severity_of(code),
                field=format_path(path),
                message=message,
            )
        )
