"""Findings about the catalogue: values of our own, turned into output only at the CLI boundary."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from enum import StrEnum

FieldPath = tuple[str | int, ...]


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One finding, located at file:line:column and at a field path inside the file."""

    file: str
    line: int
    column: int
    code: str
    severity: Severity
    field: str
    message: str

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["severity"] = str(self.severity)
        return data


def format_path(path: FieldPath) -> str:
    """`channels[0].fees[1].amount`: how an editor reads a field's place in the file."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


def count(diagnostics: Iterable[Diagnostic]) -> tuple[int, int]:
    """Numbers of errors and warnings."""
    errors = warnings = 0
    for diagnostic in diagnostics:
        if diagnostic.severity is Severity.ERROR:
            errors += 1
        else:
            warnings += 1
    return errors, warnings


class ThutucError(Exception):
    """Base of the errors the core raises; the CLI turns them into messages and exit codes."""


class CatalogueNotFound(ThutucError):
    """The catalogue directory (or a path given on the command line) does not exist."""
