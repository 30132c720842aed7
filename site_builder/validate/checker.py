"""Check one parsed file against its schema."""

from __future__ import annotations

from typing import TypeVar

from pydantic import BaseModel, ValidationError

from ..readers.yaml_reader import SourceFile
from .hidden import check_hidden, pattern_error
from .report import Reporter
from .schema_errors import explain, schema_errors

M = TypeVar("M", bound=BaseModel)


def check_source(source: SourceFile, model: type[M], reporter: Reporter) -> M | None:
    """The validated model, or None after reporting every problem of the file."""
    for problem in source.problems:
        reporter.report(problem.code, problem.path, problem.message, mark=problem.mark)
    if source.data is None:
        return None
    # A value the reader already refused (bad tag, impossible date) is not reported twice.
    refused = [problem.path for problem in source.problems if problem.path]
    validated: M | None = None
    try:
        validated = model.model_validate(source.data)
    except ValidationError as exc:
        for error in schema_errors(exc):
            loc = tuple(error["loc"])
            if any(loc[: len(path)] == path for path in refused):
                continue
            hidden = pattern_error(error, source)
            if hidden is not None:
                reporter.report(hidden[0], loc, hidden[1], mark=hidden[2])
                continue
            code, message = explain(error, model, source.plain_text_of(loc))
            reporter.report(code, loc, message, key=code in ("E201", "E200", "E321"))
    # After the schema: a value it refused for a hidden character is not reported twice.
    check_hidden(source, reporter)
    return None if source.problems else validated
